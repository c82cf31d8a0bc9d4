"""In a real Chromium: the PM holds a steering meeting, records attendance, a decision and an
action; the sponsor approves the minutes, which freezes them; the organisation page shows the
attendance rates."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.organisation import service
from app.projects import service as projects
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PASSWORD = "Browser-Organisation-Check-73"


@pytest.fixture
def quest(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST", project_data(name="Quest 亚洲试点"))
        members = {}
        for role in (Role.SPONSOR, Role.STEERING, Role.PM):
            user = create_user(None, f"{role.value}@e2e.example", f"E2E {role.value}", PASSWORD)
            projects.add_member(None, project, user.email, role)
            if role != Role.PM:
                members[role] = service.add_member(None, project, service.MemberData(
                    group="steering", user_id=user.id, name="", department="sales",
                    role="chair" if role == Role.SPONSOR else "member"))
        return {role: m.id for role, m in members.items()}


def _log_in(page, server: str, who: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", f"{who}@e2e.example")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    expect(page.locator("h1")).to_have_text("Your projects")


def test_hold_a_meeting_approve_minutes_and_see_attendance(quest, live_server, page):
    base = f"{live_server}/projects/QUEST/organisation"
    _log_in(page, live_server, "pm")
    page.goto(f"{base}/meetings/new?group=steering")
    page.fill("#title", "Steering committee 三月会议")
    page.fill("#held_on", "2026-03-02")
    page.fill("#agenda", "Pilot customer\nBudget")
    page.fill("#minutes", "The committee chose the **Taiwan** pilot. 会议纪要。")
    page.click("form button.primary")
    expect(page.locator("h1")).to_contain_text("MTG-01")

    page.select_option(f"#mark-{quest[Role.SPONSOR]}", "present")
    page.select_option(f"#mark-{quest[Role.STEERING]}", "apologies")
    page.click("#save-attendance")
    expect(page.locator(".flash-success")).to_contain_text("Attendance recorded")
    expect(page.locator("h1 .meeting-status")).to_have_text("Held, minutes in draft")

    page.fill("#text", "Pilot with the Taiwan beverage customer 台湾饮料客户")
    page.fill("#rationale", "Strong IT, results measurable from day one")
    page.click("#add-decision")
    expect(page.locator("#decisions")).to_contain_text("DEC-01")

    page.fill("#actions input#text", "Tell the shortlisted vendors")
    page.select_option("#owner_id", label="E2E steering · Steering committee")
    page.fill("#due_on", "2026-03-13")
    page.click("#add-action")
    expect(page.locator("#actions")).to_contain_text("ACT-01")
    expect(page.locator("#actions tr.overdue")).to_contain_text("Overdue")
    expect(page.locator("#approve-minutes")).to_have_count(0)  # the PM cannot approve
    page.click("button:has-text('Log out')")

    _log_in(page, live_server, "sponsor")
    page.goto(f"{base}/meetings")
    page.click("text=MTG-01")
    page.click("#approve-minutes")
    expect(page.locator(".flash-success")).to_contain_text("Minutes approved")
    expect(page.locator("h1 .meeting-status")).to_have_text("Minutes approved")
    expect(page.locator(".approval")).to_contain_text("E2E sponsor")
    expect(page.locator("#add-decision")).to_have_count(0)  # frozen
    expect(page.locator("#save-attendance")).to_have_count(0)

    page.goto(base)
    expect(page.locator("#sponsor-rate")).to_have_text("100%")
    steering_row = page.locator("#group-steering tr", has_text="E2E steering")
    expect(steering_row).to_contain_text("0%")
    expect(steering_row).to_contain_text("0 of 1")
