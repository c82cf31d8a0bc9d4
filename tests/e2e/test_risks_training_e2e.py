"""In a real Chromium: the PM adds a risk and finds it on the heat map; a member records
attendance at a session and sees the department's training coverage change."""

from datetime import date

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from app.training import service as training
from tests.conftest import project_data
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Risks-Training-73"


@pytest.fixture
def quest(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST", project_data(name="Quest 亚洲试点"))
        for role in (Role.SPONSOR, Role.PM, Role.MEMBER):
            user = create_user(None, f"{role.value}@e2e.example", f"E2E {role.value}", PASSWORD)
            projects.add_member(None, project, user.email, role)
        programme = training.create_programme(None, project, "operational",
                                              "Daily work in the CRM 日常操作")
        training.add_trainees(None, project, "customer_service",
                              ["林芳 Lin Fang", "Michelle Teo", "吴晓 Wu Xiao", "Jason Lee"])
        session = training.create_session(None, project, training.SessionData(
            programme_id=programme.id, held_on=date(2026, 9, 28), place="Singapore",
            trainer="Priya Nair", audience=("customer_service",), capacity=10))
        return session.id


def _log_in(page, server: str, who: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", f"{who}@e2e.example")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")


def test_a_new_risk_appears_on_the_heat_map(quest, live_server, page):
    _log_in(page, live_server, "pm")
    page.goto(f"{live_server}/projects/QUEST/risks")
    page.click("text=Add a risk")
    page.fill("#title", "ERP interface late 接口延迟")
    page.select_option("#category", "integration")
    page.select_option("#probability", "4")
    page.select_option("#impact", "5")
    page.fill("#assessed_on", "2026-05-04")
    page.click("form button.primary")
    expect(page.locator("h1")).to_contain_text("RISK-01")
    expect(page.locator("h1 .risk-level")).to_have_text("Critical")
    expect(page.locator(".tag-bad").first).to_have_text("No owner")
    page.click("nav.subnav >> text=Heat map")
    cell = page.locator('a[data-cell="4-5"]')
    expect(cell).to_have_text("1")
    expect(page.locator("td.cell a")).to_have_count(1)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "risks_heat_map.png"), full_page=True)
    cell.click()
    expect(page.locator("table.risks tbody tr")).to_have_count(1)
    expect(page.locator("table.risks")).to_contain_text("接口延迟")


def test_recorded_attendance_changes_the_coverage(quest, live_server, page):
    _log_in(page, live_server, "member")
    page.goto(f"{live_server}/projects/QUEST/training?by=2026-12-31")
    bar = page.locator('rect.bar-operational[data-department="customer_service"]')
    expect(bar).to_have_attribute("data-share", "0.000")
    expect(page.locator(".coverage-warnings")).to_contain_text("Customer service")
    page.goto(f"{live_server}/projects/QUEST/training/sessions/{quest}")
    for label in ("林芳 Lin Fang", "Michelle Teo", "吴晓 Wu Xiao"):
        page.get_by_label(label, exact=False).check()
    page.click("text=Save attendance")
    expect(page.locator(".flash-success")).to_contain_text("Attendance recorded")
    expect(page.locator(".attended-count")).to_have_text("3 / 10")
    page.goto(f"{live_server}/projects/QUEST/training?by=2026-12-31")
    expect(bar).to_have_attribute("data-share", "0.750")
    expect(page.locator('tr[data-department="customer_service"] .operational')).to_contain_text(
        "3 (75%)")
    # 75 % is still below the 80 % target: one more agent to train.
    expect(page.locator(".coverage-warnings")).to_contain_text("1 more to train")
