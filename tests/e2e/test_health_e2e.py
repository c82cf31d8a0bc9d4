"""In a real Chromium: the sponsor opens the health scorecard, follows a red rule's link to the
page that fixes it, approves the vision, and the scorecard turns that rule green."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from app.strategy import service as strategy
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Health-Check-58"


@pytest.fixture
def project_code(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "HEALTH", project_data(name="Quest 健康度"))
        for role in (Role.SPONSOR, Role.MEMBER, Role.STAFF):
            create_user(None, f"{role.value}@e2e.example", f"E2E {role.value}", PASSWORD)
            projects.add_member(None, project, f"{role.value}@e2e.example", role)
        strategy.draft_vision(None, project, 0, "One view of each Asian customer. 统一客户视图。")
        return project.code


def _log_in(page, server: str, who: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", f"{who}@e2e.example")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")


def test_a_red_rule_leads_to_its_fix_and_turns_green(project_code, live_server, page):
    _log_in(page, live_server, "sponsor")
    page.goto(f"{live_server}/projects/{project_code}")
    page.click("nav.projectnav >> text=Health")
    vision = page.locator("#rule-vision_approved")
    expect(vision.locator(".kpi-state")).to_have_text("Red")
    expect(vision).to_contain_text("Version 1 of the vision awaits the sponsor's approval")
    score = page.locator(".health-overall .big-figure strong").inner_text()

    vision.locator("text=Open the page").click()
    expect(page).to_have_url(f"{live_server}/projects/{project_code}/strategy/vision")
    page.goto(f"{live_server}/projects/{project_code}/strategy/vision/1")
    page.click("text=Approve version 1")
    expect(page.locator(".signoff .tag-ok")).to_be_visible()

    page.goto(f"{live_server}/projects/{project_code}/governance/health")
    expect(vision.locator(".kpi-state")).to_have_text("Green")
    assert int(page.locator(".health-overall .big-figure strong").inner_text()) > int(score)
    expect(page.locator("figure.chart svg")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("nav.projectnav")).to_be_hidden()
    expect(page.locator("#rule-vision_approved a")).to_be_hidden()
    page.emulate_media(media="screen")


def test_members_read_it_and_staff_do_not_see_it(project_code, live_server, page):
    _log_in(page, live_server, "member")
    page.goto(f"{live_server}/projects/{project_code}")
    page.click("nav.projectnav >> text=Health")
    expect(page.locator("h1")).to_have_text("Governance health")
    page.click("button:has-text('Log out')")
    _log_in(page, live_server, "staff")
    page.goto(f"{live_server}/projects/{project_code}")
    expect(page.locator("nav.projectnav")).not_to_contain_text("Health")
