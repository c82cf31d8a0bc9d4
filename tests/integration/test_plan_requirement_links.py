"""Plan tasks and the requirements they deliver: the task form, pages, refusals, audit, demo."""

import pytest
import sqlalchemy as sa

from app.core.audit import AuditLog
from app.core.errors import DomainError, StaleEdit
from app.planning import requirement_links, service
from app.planning.requirement_links import TaskRequirement
from app.projects.service import get_by_code
from app.requirements import service as requirements
from app.strategy import service as strategy
from tests.conftest import audit_count, login


def requirement(project, title: str):
    return requirements.create_requirement(None, project, requirements.RequirementData(
        title=title, description="", kind="functional", priority="must", department="sales",
        acceptance_criteria="- It works.", objective_ids=()))


@pytest.fixture
def plan(cast):
    project = cast.project
    phase = service.create_phase(None, project, "系统集成 Integration", "Go-live review")
    task = service.create_task(None, project, service.TaskData("Configure sales module",
                                                               phase.id, 10))
    shared = requirement(project, "共享客户视图 Shared account view")
    erp = requirement(project, "ERP order interface")
    return project, phase, task, shared, erp


def task_form(task, **changes):
    data = {"name": task.name, "phase_id": task.phase_id, "duration": task.duration,
            "owner_id": "", "constraint_type": "", "constraint_date": "",
            "percent_complete": 0, "actual_start": "", "actual_finish": "",
            "planned_cost": "0", "actual_cost": "0", "version": task.version}
    data.update(changes)
    return data


def links(session, task) -> list[int]:
    return sorted(session.execute(sa.select(TaskRequirement.requirement_id)
                                  .where(TaskRequirement.task_id == task.id)).scalars())


def link_audit(session) -> list[tuple[str, int | None]]:
    rows = session.execute(sa.select(AuditLog).where(AuditLog.entity_type == "TaskRequirement")
                           .order_by(AuditLog.id)).scalars()
    return [(r.action, r.actor_id) for r in rows]


def test_the_task_form_offers_the_projects_requirements(client, cast, plan):
    project, _phase, task, shared, erp = plan
    login(client, cast["pm"])
    page = client.get("/projects/CAST/plan/tasks/new").get_data(as_text=True)
    assert 'name="requirement_ids"' in page and "multiple" in page
    assert "REQ-001 共享客户视图 Shared account view" in page and "REQ-002 ERP order" in page
    requirement_links.set_requirements(None, project, task, task.version, [erp.id])
    page = client.get(f"/projects/CAST/plan/tasks/{task.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{erp.id}">' in page
    assert f'<option value="{shared.id}">' in page


def test_pm_links_a_new_task_and_every_page_shows_it(client, cast, plan, db_session):
    project, _phase, task, shared, erp = plan
    login(client, cast["pm"])
    response = client.post("/projects/CAST/plan/tasks/new", data=task_form(
        task, name="ERP 接口 interface", requirement_ids=[str(shared.id), str(erp.id)]))
    assert response.status_code == 302
    new = service.tasks(project)[-1]
    assert links(db_session, new) == sorted([shared.id, erp.id])
    assert link_audit(db_session) == [("insert", cast["pm"].id)] * 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "REQ-001" in page and "共享客户视图 Shared account view" in page
    table = client.get("/projects/CAST/plan").get_data(as_text=True)
    assert '<span class="code" title="ERP order interface">REQ-002</span>' in table
    shown = client.get(f"/projects/CAST/requirements/{shared.id}").get_data(as_text=True)
    assert "Tasks delivering this" in shown and "ERP 接口 interface" in shown
    strategy.create_objective(None, project, strategy.ObjectiveData(
        title="One view of the customer", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=None, goal_ids=()))
    trace = client.get("/projects/CAST/requirements/traceability").get_data(as_text=True)
    assert "Tasks delivering it" in trace and "ERP 接口 interface" in trace


def test_editing_links_and_unlinks_on_the_audit_trail(client, cast, plan, db_session):
    project, _phase, task, shared, erp = plan
    requirement_links.set_requirements(None, project, task, task.version, [shared.id])
    login(client, cast["pm"])
    before = task.version
    response = client.post(f"/projects/CAST/plan/tasks/{task.id}/edit",
                           data=task_form(task, requirement_ids=[str(erp.id)]))
    assert response.status_code == 302
    assert links(db_session, task) == [erp.id]
    assert link_audit(db_session)[-2:] == [("delete", cast["pm"].id), ("insert", cast["pm"].id)]
    assert task.version > before  # a form opened before the change is now stale
    stale = client.post(f"/projects/CAST/plan/tasks/{task.id}/edit",
                        data=task_form(task, version=before, requirement_ids=[]))
    assert stale.status_code == 409 and "someone else" in stale.get_data(as_text=True)
    assert links(db_session, task) == [erp.id]
    # Clearing the choice unlinks everything.
    response = client.post(f"/projects/CAST/plan/tasks/{task.id}/edit", data=task_form(task))
    assert response.status_code == 302 and links(db_session, task) == []


def test_a_requirement_of_another_project_is_refused(client, cast, plan, db_session,
                                                      make_project):
    project, phase, task, shared, _erp = plan
    foreign = requirement(make_project("OTHER"), "Somebody else's requirement")
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"/projects/CAST/plan/tasks/{task.id}/edit", data=task_form(
        task, name="Renamed", requirement_ids=[str(shared.id), str(foreign.id)]))
    assert response.status_code == 400 and "not a valid choice" in response.get_data(as_text=True)
    with pytest.raises(DomainError, match="requirements of this project"):
        requirement_links.update_task(cast["pm"], project, task, task.version, service.TaskData(
            "Renamed", phase.id, 10), [shared.id, foreign.id])
    db_session.expire_all()
    assert task.name == "Configure sales module" and links(db_session, task) == []
    assert audit_count() == before


def test_a_withdrawn_requirement_stays_linked_but_cannot_be_newly_linked(cast, plan,
                                                                         db_session):
    project, _phase, task, shared, erp = plan
    requirement_links.set_requirements(None, project, task, task.version, [shared.id])
    requirements.withdraw(None, project, shared, shared.version)
    requirements.withdraw(None, project, erp, erp.version)
    assert [i for i, _ in requirement_links.choices(project, task)] == [shared.id]
    requirement_links.set_requirements(cast["pm"], project, task, task.version, [shared.id])
    with pytest.raises(DomainError, match="withdrawn or superseded"):
        requirement_links.set_requirements(cast["pm"], project, task, task.version,
                                           [shared.id, erp.id])
    assert links(db_session, task) == [shared.id]


def test_only_plan_editors_link_and_stale_versions_are_refused(cast, plan):
    project, _phase, task, shared, _erp = plan
    with pytest.raises(DomainError):
        requirement_links.set_requirements(cast["staff"], project, task, task.version,
                                           [shared.id])
    with pytest.raises(StaleEdit):
        requirement_links.set_requirements(cast["pm"], project, task, task.version - 1,
                                           [shared.id])


def test_deleting_a_task_removes_its_links_on_the_audit_trail(client, cast, plan, db_session):
    project, _phase, task, shared, erp = plan
    requirement_links.set_requirements(None, project, task, task.version, [shared.id, erp.id])
    login(client, cast["pm"])
    response = client.post(f"/projects/CAST/plan/tasks/{task.id}/delete",
                           data={"version": task.version})
    assert response.status_code == 302
    assert db_session.execute(sa.select(sa.func.count()).select_from(TaskRequirement)
                              ).scalar_one() == 0
    assert [a for a, _ in link_audit(db_session)] == ["insert", "insert", "delete", "delete"]
    page = client.get(f"/projects/CAST/requirements/{shared.id}").get_data(as_text=True)
    assert "No task of the plan delivers this requirement yet." in page


def test_demo_plan_tasks_deliver_demo_requirements(runner, db_session):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    by_task = {t.name: [r.code for r in requirement_links.requirements_of(t)]
               for t in service.tasks(project)}
    assert len(by_task["Configure sales module"]) == 4
    assert by_task["Final pilot migration"] and not by_task["Project kick-off"]
    count = db_session.execute(sa.select(sa.func.count()).select_from(TaskRequirement)
                               ).scalar_one()
    assert count == 21  # 17 for standard-plan tasks, 4 for the Asia pilot's own data tasks
    runner.invoke(args=["seed", "demo"])
    assert db_session.execute(sa.select(sa.func.count()).select_from(TaskRequirement)
                              ).scalar_one() == count
