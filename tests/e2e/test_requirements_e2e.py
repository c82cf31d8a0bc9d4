"""In a real Chromium: the PM writes a requirement, each required signer signs it, the PM takes a
baseline, then edits the requirement: the edit becomes a change request, and once the sponsor
has approved and applied it the new version needs signing again."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from app.requirements import service as requirements
from app.strategy import service as strategy
from tests.conftest import project_data
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Requirements-Check-58"


@pytest.fixture
def quest(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST", project_data(name="Quest 亚洲试点"))
        for role, capacity in ((Role.SPONSOR, "Executive sponsor"),
                               (Role.PM, "Project manager")):
            user = create_user(None, f"{role.value}@e2e.example", f"E2E {role.value}", PASSWORD)
            projects.add_member(None, project, user.email, role)
            requirements.add_signer(None, project, user.id, capacity, None, "Approved for build")
        strategy.create_objective(None, project, strategy.ObjectiveData(
            title="One customer view 统一客户视图", description="", aim="retain", aim_other="",
            horizon="short", priority="high", owner_id=None, goal_ids=()))


def _log_in(page, server: str, who: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", f"{who}@e2e.example")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")


def test_sign_off_baseline_then_change_needs_signing_again(quest, live_server, page):
    _log_in(page, live_server, "pm")
    page.goto(f"{live_server}/projects/QUEST/requirements/new")
    page.fill("#title", "Shared account view 共享客户视图")
    page.select_option("#priority", "must")
    page.select_option("#department", "sales")
    page.fill("#description", "Sales, labs and service see **one** account.")
    page.fill("#acceptance_criteria", "- 实验室申请一分钟内可见")
    page.check("#objectives-0")
    page.click("form button.primary")
    expect(page.locator("h1")).to_contain_text("REQ-001")
    page.click("text=Send for review and sign-off")
    page.click("text=Sign version 1")
    expect(page.locator(".flash-success")).to_contain_text("Signed")
    expect(page.locator("h1 .req-status")).to_have_text("In review")
    page.click("button:has-text('Log out')")

    _log_in(page, live_server, "sponsor")
    page.goto(f"{live_server}/projects/QUEST/requirements")
    page.click("text=REQ-001")
    page.fill("#comment", "同意")
    page.click("text=Sign version 1")
    expect(page.locator("h1 .req-status")).to_have_text("Signed off")
    expect(page.locator(".signature .tag-ok")).to_have_count(2)
    page.click("button:has-text('Log out')")

    _log_in(page, live_server, "pm")
    page.goto(f"{live_server}/projects/QUEST/requirements/baselines")
    page.fill("#name", "Pilot scope v1")
    page.click("text=Take the baseline")
    expect(page.locator("table.baseline-items")).to_contain_text("REQ-001")

    page.goto(f"{live_server}/projects/QUEST/requirements")
    page.click("text=REQ-001")
    page.click("a.button:has-text('Edit')")
    page.fill("#title", "Shared account view for sales and labs 共享客户视图")
    page.fill("#note", "Labs added")
    page.click("form button.primary")
    # Signed-off content changes through a change request, pre-filled with the edit; the
    # sponsor approves and applies it (tests/e2e/test_changes_e2e.py covers the plan side).
    expect(page.locator(".flash-error")).to_contain_text("change request")
    expect(page.locator("#req_title")).to_have_value(
        "Shared account view for sales and labs 共享客户视图")
    page.fill("#title", "Labs in the shared account view")
    page.fill("#rationale", "Labs need the same account record.")
    page.click("button[value=submit]")
    expect(page.locator("h1")).to_contain_text("CR-0001")
    page.click("button:has-text('Log out')")
    _log_in(page, live_server, "sponsor")
    page.goto(f"{live_server}/projects/QUEST/changes")
    page.click("text=CR-0001")
    page.fill("#rationale", "Agreed at the steering meeting.")
    page.click("text=Record the decision")
    page.click("text=Apply the approved change")
    expect(page.locator(".flash-success")).to_contain_text("Applied")
    page.goto(f"{live_server}/projects/QUEST/requirements")
    page.click("text=REQ-001")
    expect(page.locator(".needs-signing")).to_contain_text("needs signing again")
    expect(page.locator("h1 .req-status")).to_have_text("In review")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "requirements_needs_signing_again.png"), full_page=True)
    page.click("text=See what changed")
    expect(page.locator("table.requirement-diff ins").first).to_have_text(" for sales and labs")
