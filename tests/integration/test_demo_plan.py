"""The demo plan: the standard plan plus the Asia pilot's own tasks, baselined, with progress."""

import re
from datetime import date

import sqlalchemy as sa

from app.accounts.service import find_user
from app.demo import read_seed
from app.planning import baselines, service, standard_plan
from app.planning.models import PlanDependency
from app.projects.service import get_by_code
from tests.conftest import login

PLAN = "/projects/QUEST-ASIA/plan"


def shown(client, **query) -> list[str]:
    response = client.get(PLAN, query_string=query)
    assert response.status_code == 200
    return re.findall(r'/plan/tasks/\d+">([^<]+)</a>', response.get_data(as_text=True))


def test_the_demo_plan_has_about_sixty_tasks_in_its_baseline(runner, db_session):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    pilot = {spec["name"]: spec for spec in read_seed("plan.toml")["task"]}
    standard = sum(len(p["tasks"]) for p in standard_plan.read()["phase"])
    assert standard == 50 and len(pilot) == 10  # the template offered to new projects is as is
    tasks = {t.name: t for t in service.tasks(project)}
    assert len(tasks) == 60 and set(pilot) <= set(tasks)
    baseline = baselines.baselines(project)[0]
    assert {b.name for b in baseline.tasks} == set(tasks)
    assert all(tasks[name].owner is not None for name in pilot)
    links = db_session.execute(sa.select(PlanDependency.type, PlanDependency.lag).where(
        PlanDependency.successor_id.in_([tasks[name].id for name in pilot]))).all()
    assert {kind for kind, _ in links} >= {"FS", "SS", "FF"} and any(lag for _, lag in links)
    # The pilot's tasks have float: the story's dates and critical path stand.
    plan = service.scheduled(project)
    assert plan.result.project_finish == date(2027, 9, 22)
    assert plan.result[tasks["Pilot go-live 试点上线"].id].early_finish == date(2026, 12, 24)
    assert not any(plan.result[tasks[name].id].critical for name in pilot)
    filing = tasks["PIPL cross-border transfer filing 个人信息出境备案"]
    assert 0 < filing.percent_complete < 100 and filing.actual_cost > 0


def test_a_pm_filters_the_demo_plan(runner, client, db_session):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    login(client, find_user("daniel.tan@quest.example"), "Quest-PM-Pilot-26")
    assert shown(client, status="late") == ["PIPL cross-border transfer filing 个人信息出境备案"]
    assert shown(client, status="in_progress") == [
        "PIPL cross-border transfer filing 个人信息出境备案", "User acceptance testing"]
    assert shown(client, req="REQ-015") == [
        "Migration mapping", "Data privacy review: PDPO, PDPA and PIPL 个人资料隐私审查",
        "PIPL cross-border transfer filing 个人信息出境备案"]
    zhang = client.get(PLAN).get_data(as_text=True)
    owner = re.search(r'<option value="(\d+)" >张伟 Zhang Wei</option>', zhang)[1]
    assert shown(client, owner=owner, status="not_started") == [
        "Singapore key-account desk joins the pilot 新加坡大客户团队",
        "Hong Kong sales office pilot 香港销售处试点"]
    slipped = shown(client, status="behind", sort="variance", phase="")
    assert slipped[0] == "PIPL cross-border transfer filing 个人信息出境备案"
    with client.session_transaction() as session:
        session["language"] = "zh_Hans_CN"
    page = client.get(PLAN, query_string={"status": "late"}).get_data(as_text=True)
    assert "显示 1 项任务，共 60 项" in page and "个人信息出境备案" in page
