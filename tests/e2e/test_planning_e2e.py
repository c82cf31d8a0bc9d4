"""In a real Chromium: link tasks with all four link types, see the critical path on the Gantt,
save a baseline, record progress and see the variance (a duration edit after the baseline is
sent to a change request)."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.planning import service
from app.projects import service as projects
from tests.conftest import project_data
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PM_EMAIL, PM_PASSWORD = "pm@e2e.example", "Browser-Planner-Check-47"
TASKS = (("需求访谈 Interviews", 4), ("流程设计 Process design", 3), ("数据清洗 Data cleansing", 5),
         ("配置 Configuration", 6), ("试点上线 Pilot go-live", 0))


@pytest.fixture
def plan(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        create_user(None, PM_EMAIL, "王经理 PM", PM_PASSWORD)
        project = projects.create_project(None, "PILOT", project_data())
        projects.add_member(None, project, PM_EMAIL, Role.PM)
        phase = service.create_phase(None, project, "试点设计 Pilot design", "Design review")
        return {name: service.create_task(None, project, service.TaskData(name, phase.id, d)).id
                for name, d in TASKS}


def add_link(page, base, successor, predecessor, kind, lag):
    page.goto(f"{base}/projects/PILOT/plan/tasks/{successor}")
    page.select_option("#predecessor_id", str(predecessor))
    page.select_option("#type", kind)
    page.fill("#lag", str(lag))
    page.click("text=Add link")
    expect(page.locator(".flash-success")).to_be_visible()


def test_plan_gantt_baseline_progress_variance(plan, live_server, page):
    ids = [plan[name] for name, _ in TASKS]
    page.goto(f"{live_server}/login")
    page.fill("#email", PM_EMAIL)
    page.fill("#password", PM_PASSWORD)
    page.click("button.primary")

    add_link(page, live_server, ids[1], ids[0], "FS", 0)    # design after interviews
    add_link(page, live_server, ids[2], ids[0], "SS", 2)    # cleansing 2 days into interviews
    add_link(page, live_server, ids[3], ids[1], "FF", 3)    # configuration ends 3 after design
    add_link(page, live_server, ids[4], ids[2], "SF", 6)    # go-live bounded by cleansing start
    add_link(page, live_server, ids[4], ids[3], "FS", 0)
    # Closing a loop is refused with the tasks named.
    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{ids[0]}")
    page.select_option("#predecessor_id", str(ids[4]))
    page.click("text=Add link")
    expect(page.locator(".flash-error")).to_contain_text("would close a loop")

    page.goto(f"{live_server}/projects/PILOT/plan/gantt")
    expect(page.locator("svg.gantt-chart")).to_be_visible()
    # Interviews -> design -> configuration -> go-live is the critical path.
    expect(page.locator("rect.bar.critical")).to_have_count(3)
    expect(page.locator("path.milestone.critical")).to_have_count(1)

    page.goto(f"{live_server}/projects/PILOT/plan/baselines")
    page.fill("#name", "审批基线 Approved")
    page.click("text=Save baseline")
    expect(page.locator("h1")).to_contain_text("Variance against")

    # Once baselined, a duration changes only through a change request (see
    # test_changes_e2e.py); progress stays a direct edit. Interviews start two days late.
    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{ids[0]}/edit")
    page.fill("#duration", "6")
    page.click("form.card button.primary")
    expect(page.locator(".flash-error")).to_contain_text("change request")
    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{ids[0]}/edit")
    page.fill("#percent_complete", "50")
    page.fill("#actual_start", "2026-01-07")
    page.click("form.card button.primary")
    expect(page.locator(".flash-success")).to_be_visible()

    page.goto(f"{live_server}/projects/PILOT/plan/baselines")
    page.click("text=审批基线 Approved")
    expect(page.locator("strong.late")).to_have_text("2 working day(s) late")
    row = page.locator("tr", has_text="配置 Configuration")
    expect(row.locator("td.num").nth(1)).to_have_text("+2")

    # The task table's filters are a GET form: they combine, and sorting keeps them.
    page.goto(f"{live_server}/projects/PILOT/plan")
    page.select_option("select[name=status]", "in_progress")
    page.click("form.filters button")
    expect(page.locator("table.plan-table tbody tr")).to_have_count(1)
    expect(page.locator("table.plan-table tbody")).to_contain_text("需求访谈 Interviews")
    page.click("th >> text=Total float")
    assert "status=in_progress" in page.url and "sort=float" in page.url
    expect(page.locator("select[name=status]")).to_have_value("in_progress")
    page.select_option("select[name=status]", "behind")
    page.click("form.filters button")
    expect(page.locator("table.plan-table tbody")).to_contain_text("配置 Configuration")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "planning_filters.png"), full_page=True)

    page.goto(f"{live_server}/projects/PILOT/plan/gantt?zoom=week")
    expect(page.locator("rect.baseline")).to_have_count(5)
    label = page.locator("text.label", has_text="需求访谈 Interviews")
    width = label.evaluate("e => e.getBBox().width")
    assert width > 90  # real CJK glyphs, not zero-width or tofu fallbacks
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".gantt").screenshot(path=str(ARTIFACTS / "planning_gantt.png"))


@pytest.fixture
def requirement_id(fresh_app, plan):
    from app.projects.service import get_by_code
    from app.requirements import service as requirements

    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        return requirements.create_requirement(None, get_by_code("PILOT"),
                                               requirements.RequirementData(
            title="客户主数据 One customer record", description="", kind="functional",
            priority="must", department="sales", acceptance_criteria="- One record.",
            objective_ids=())).id


def test_a_task_delivers_a_requirement_chosen_on_its_form(plan, requirement_id, live_server,
                                                          page):
    task_id = plan["数据清洗 Data cleansing"]
    page.goto(f"{live_server}/login")
    page.fill("#email", PM_EMAIL)
    page.fill("#password", PM_PASSWORD)
    page.click("button.primary")
    page.goto(f"{live_server}/projects/PILOT/plan/tasks/{task_id}/edit")
    page.select_option("#requirement_ids", [str(requirement_id)])
    page.click("form.card button.primary")
    expect(page.locator(".flash-success")).to_be_visible()
    page.click("dd.delivers a")
    expect(page.locator("h1")).to_contain_text("REQ-001")
    expect(page.locator("section.delivering")).to_contain_text("数据清洗 Data cleansing")
