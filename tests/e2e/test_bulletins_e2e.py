"""In a real Chromium: compose a bulletin with two live sections, preview it, get it approved and
publish it; then, as staff, find it in the archive, open it and download the PDF."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Bulletin-Check-47"
SPONSOR, STAFF = "sponsor@e2e.example", "staff@e2e.example"


@pytest.fixture
def project(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST", project_data(name="Quest Asia pilot"))
        for email, role in ((SPONSOR, Role.SPONSOR), (STAFF, Role.STAFF)):
            create_user(None, email, email.split("@")[0].title(), PASSWORD)
            projects.add_member(None, project, email, role)


def _log_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button.primary")


def test_compose_preview_publish_then_staff_read_and_download(project, live_server, page):
    _log_in(page, live_server, SPONSOR)
    page.goto(f"{live_server}/projects/QUEST/bulletins")
    page.click("text=Write a bulletin")
    page.fill("#title", "试点上线 Pilot live")
    page.fill("#period", "2026年11月")
    page.select_option("#language", "zh-Hans")
    page.fill("#body", "## 进展\n\n销售团队**已经上线**。")
    page.check("#section-committee")
    page.fill("#note-committee", "委员会成员名单。")
    page.check("#section-calendar")
    page.click("form.bulletin-form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("saved")

    page.click("text=Preview as a web page")
    expect(page.locator(".bulletin-web strong")).to_have_text("已经上线")
    expect(page.locator("#section-committee .editor-note")).to_contain_text("委员会成员名单")
    page.click("text=Back to the draft")
    with page.expect_response(lambda r: r.url.endswith("preview.pdf")) as preview:
        page.evaluate("url => fetch(url)", f"{live_server}/projects/QUEST/bulletins/drafts/1/"
                      "preview.pdf")
    assert preview.value.headers["content-type"] == "application/pdf"

    page.get_by_role("button", name="Send for approval").click()
    page.check("#confirm")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Approved")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("h1")).to_have_text("试点上线 Pilot live")
    page.click("text=Log out")

    _log_in(page, live_server, STAFF)
    page.goto(f"{live_server}/projects/QUEST")
    page.click("nav.projectnav >> text=Bulletins")
    page.fill("#q", "上线")
    page.click("form.search button")
    page.click("table.archive >> text=试点上线 Pilot live")
    expect(page.locator(".bulletin-web")).to_contain_text("销售团队")
    with page.expect_download() as download:
        page.click("text=Download the PDF")
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "QUEST-bulletin-1.pdf"
