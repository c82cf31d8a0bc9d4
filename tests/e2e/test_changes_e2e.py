"""In a real Chromium: the PM's direct edit of a baselined task becomes a change request, the
impact shows on submission, the sponsor approves and applies it, and the plan and the audit
trail show the change linked to the request."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.planning import baselines, service
from app.projects import service as projects
from tests.conftest import project_data
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PM = ("pm@cr.example", "Change-Request-Planner-58")
SPONSOR = ("sponsor@cr.example", "Change-Request-Sponsor-93")


@pytest.fixture
def plan(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        create_user(None, PM[0], "王经理 PM", PM[1])
        create_user(None, SPONSOR[0], "陈总 Sponsor", SPONSOR[1])
        project = projects.create_project(None, "PILOT", project_data())
        projects.add_member(None, project, PM[0], Role.PM)
        projects.add_member(None, project, SPONSOR[0], Role.SPONSOR)
        phase = service.create_phase(None, project, "试点设计 Pilot design", "Design review")
        ids = [service.create_task(None, project, service.TaskData(name, phase.id, days)).id
               for name, days in (("需求访谈 Interviews", 4), ("配置 Configuration", 6),
                                  ("试点上线 Pilot go-live", 0))]
        service.add_dependency(None, project, ids[0], ids[1], "FS", 0)
        service.add_dependency(None, project, ids[1], ids[2], "FS", 0)
        baselines.save_baseline(None, project, "审批基线 Approved")
        return ids


def login(page, base, who):
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.fill("#email", who[0])
    page.fill("#password", who[1])
    page.click("button.primary")


def test_direct_edit_becomes_a_change_request_approved_and_applied(plan, live_server, page):
    interviews = plan[0]
    login(page, live_server, PM)
    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{interviews}/edit")
    page.fill("#duration", "6")
    page.click("form.card button.primary")
    # Refused, and sent on to a change request that already holds the edit.
    expect(page).to_have_url(f"{live_server}/projects/PILOT/changes/new?"
                             f"kind=task_change&target_id={interviews}&duration=6")
    expect(page.locator(".flash-error")).to_contain_text("change request")
    expect(page.locator("#kind")).to_have_value("task_change")
    expect(page.locator("#task_id")).to_have_value(str(interviews))
    expect(page.locator("#duration")).to_have_value("6")
    page.fill("#title", "访谈延长 Longer interviews")
    page.fill("#rationale", "Labs and service join the interviews.")
    page.click("button[value=submit]")
    expect(page.locator("h1")).to_contain_text("CR-0001")
    impact = page.locator("#impact")
    expect(impact.locator(".finish")).to_contain_text("+2 working days")
    expect(impact.locator("table.moved")).to_contain_text("配置 Configuration")
    expect(impact.locator(".gates")).to_contain_text("Design review")
    # The requester cannot decide their own request.
    expect(page.locator("form.decision-form")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "change_request_impact.png"), full_page=True)

    login(page, live_server, SPONSOR)
    page.goto(f"{live_server}/projects/PILOT/changes")
    page.click("text=CR-0001")
    page.select_option("#outcome", "approve")
    page.fill("#rationale", "Worth two days: the labs need it.")
    page.click("text=Record the decision")
    expect(page.locator(".flash-success")).to_contain_text("Decision recorded")
    expect(page.locator(".votes")).to_contain_text("陈总 Sponsor")
    page.click("text=Apply the approved change")
    expect(page.locator(".flash-success")).to_contain_text("Applied")
    expect(page.locator("h1 .cr-status")).to_have_text("Implemented")
    expect(page.locator("ol.timeline")).to_contain_text("via CR-0001")

    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{interviews}")
    expect(page.locator("main")).to_contain_text("6")
    page.goto(f"{live_server}/projects/PILOT/audit")
    row = page.locator("tr", has_text="需求访谈 Interviews").first
    expect(row).to_contain_text("via CR-0001")
    page.goto(f"{live_server}/projects/PILOT/changes")
    expect(page.locator(".approved-shift")).to_have_text("+2")
