"""Plan services: phases, tasks, links with cycle refusal, baselines, variance, earned value."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.core.audit import AuditLog
from app.core.errors import DomainError, PermissionDenied, StaleEdit
from app.planning import baselines, service
from app.planning.models import PlanDependency, PlanTask
from tests.conftest import audit_count


@pytest.fixture
def plan(cast):
    """Design(3) -> Build(5) -> Go-live(0), with Training(2) hanging off Design."""
    project = cast.project
    phase = service.create_phase(None, project, "试点设计 Pilot design", "Design review")
    t = {}
    for name, days in (("Design", 3), ("Build", 5), ("Go-live", 0), ("Training", 2)):
        t[name] = service.create_task(None, project, service.TaskData(name, phase.id, days))
    service.add_dependency(None, project, t["Design"].id, t["Build"].id, "FS", 0)
    service.add_dependency(None, project, t["Build"].id, t["Go-live"].id, "FS", 0)
    service.add_dependency(None, project, t["Design"].id, t["Training"].id, "SS", 1)
    return project, phase, t


def test_schedule_of_the_stored_plan(plan):
    project, _, t = plan
    result = service.scheduled(project).result
    # The cast project starts Monday 2026-01-05.
    assert result[t["Build"].id].early_start == date(2026, 1, 8)
    assert result.project_finish == date(2026, 1, 14)
    assert result.critical_paths == ((t["Design"].id, t["Build"].id, t["Go-live"].id),)
    assert result[t["Training"].id].total_float == 5


def test_a_link_that_closes_a_loop_is_refused_naming_the_tasks(plan, cast):
    project, _, t = plan
    before = audit_count()
    with pytest.raises(DomainError) as refused:
        service.add_dependency(cast["pm"], project, t["Go-live"].id, t["Design"].id, "FS", 0)
    message = refused.value.message
    assert "Design" in message and "Build" in message and "Go-live" in message
    assert "Nothing was saved" in message
    assert audit_count() == before
    assert len(service.dependencies(project)) == 3


@pytest.mark.parametrize(
    ("pred", "succ", "kind", "words"),
    [("Design", "Design", "FS", "itself"), ("Design", "Build", "FS", "already linked"),
     ("Design", "Build", "XX", "kind of link")],
)
def test_bad_links_are_refused(plan, cast, pred, succ, kind, words):
    project, _, t = plan
    with pytest.raises(DomainError, match=words):
        service.add_dependency(cast["pm"], project, t[pred].id, t[succ].id, kind, 0)


def test_links_across_projects_are_refused(plan, cast, make_project):
    project, _, t = plan
    other = make_project()
    phase = service.create_phase(None, other, "Other")
    stranger = service.create_task(None, other, service.TaskData("Elsewhere", phase.id, 1))
    with pytest.raises(DomainError, match="two tasks of this project"):
        service.add_dependency(cast["pm"], project, t["Design"].id, stranger.id, "FS", 0)


@pytest.mark.parametrize(
    ("changes", "words"),
    [({"constraint_type": "SNET"}, "both its kind and its date"),
     ({"percent_complete": 50}, "actual start"),
     ({"actual_start": date(2026, 1, 9), "actual_finish": date(2026, 1, 5),
       "percent_complete": 100}, "before the actual start"),
     ({"actual_start": date(2026, 1, 5), "actual_finish": date(2026, 1, 7),
       "percent_complete": 60}, "percent complete to 100"),
     ({"phase_id": -1}, "phase of this project"),
     ({"owner_id": -1}, "member of the project")],
)
def test_bad_task_data_is_refused_and_nothing_is_written(plan, cast, changes, words):
    project, phase, t = plan
    fields = {"name": "Design", "phase_id": phase.id, "duration": 3, **changes}
    before = audit_count()
    with pytest.raises(DomainError, match=words):
        service.update_task(cast["pm"], project, t["Design"], t["Design"].version,
                            service.TaskData(**fields))
    assert audit_count() == before


def test_progress_is_audited_and_stale_edits_refused(plan, cast, db_session):
    project, phase, t = plan
    task = t["Design"]
    old = task.version
    data = service.TaskData("Design", phase.id, 3, owner_id=cast["member"].id,
                            percent_complete=40, actual_start=date(2026, 1, 5),
                            actual_cost=Decimal("1200.00"))
    service.update_task(cast["pm"], project, task, old, data)
    row = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "PlanTask", AuditLog.action == "update",
        AuditLog.entity_id == "Design")).scalars().all()[-1]
    assert row.change_dict()["percent_complete"] == [0, 40]
    with pytest.raises(StaleEdit):
        service.update_task(cast["pm"], project, task, old, data)


def test_members_and_steering_cannot_edit_the_plan(plan, cast):
    project, _, _ = plan
    for role in ("member", "steering", "staff"):
        with pytest.raises(PermissionDenied):
            service.create_phase(cast[role], project, f"By {role}")


def test_deleting_a_task_removes_its_links_on_the_trail(plan, cast, db_session):
    project, _, t = plan
    service.delete_task(cast["pm"], project, t["Build"], t["Build"].version)
    assert len(service.dependencies(project)) == 1
    deleted = db_session.execute(sa.select(sa.func.count()).select_from(AuditLog).where(
        AuditLog.entity_type == "PlanDependency", AuditLog.action == "delete")).scalar_one()
    assert deleted == 2


def test_a_phase_with_tasks_cannot_be_deleted(plan, cast):
    project, phase, _ = plan
    with pytest.raises(DomainError, match="tasks first"):
        service.delete_phase(cast["pm"], project, phase, phase.version)


def test_baseline_variance_and_earned_value(plan, cast, db_session):
    project, phase, t = plan
    for name, cost in (("Design", "3000"), ("Build", "10000")):
        task = t[name]
        service.update_task(cast["pm"], project, task, task.version, service.TaskData(
            name, phase.id, task.duration, planned_cost=Decimal(cost)))
    saved = baselines.save_baseline(cast["pm"], project, "Approved plan")
    assert saved.project_finish == date(2026, 1, 14) and len(saved.tasks) == 4
    assert len(saved.content_hash) == 64
    with pytest.raises(DomainError, match="already a baseline"):
        baselines.save_baseline(cast["pm"], project, "Approved plan")

    # Design ran two days late and overspent; the status date is Monday 12 January. Its new
    # duration changes a baselined field, which a person may only do through a change request
    # (tests/integration/test_changes.py): here it comes in from the command line.
    design = t["Design"]
    service.update_task(None, project, design, design.version, service.TaskData(
        "Design", phase.id, 5, percent_complete=100, actual_start=date(2026, 1, 5),
        actual_finish=date(2026, 1, 9), planned_cost=Decimal("3000"),
        actual_cost=Decimal("4500")))
    build = t["Build"]
    service.update_task(cast["pm"], project, build, build.version, service.TaskData(
        "Build", phase.id, 5, percent_complete=20, actual_start=date(2026, 1, 12),
        planned_cost=Decimal("10000"), actual_cost=Decimal("1500")))
    settings = service.settings_for(project)
    service.update_settings(cast["pm"], project, settings.version, date(2026, 1, 12), 5)

    rows, shift = baselines.variance(project, saved)
    by_name = {v.name: v for v in rows}
    assert by_name["Design"].finish_variance == 2 and by_name["Design"].duration_variance == 2
    # Build started two days late, but 20% was done on its first day: 4 days remain from the
    # status date, so it (and the project) finishes one day late.
    assert by_name["Build"].start_variance == 2 and by_name["Build"].finish_variance == 1
    assert shift == 1

    view = baselines.earned_value(project, saved, date(2026, 1, 12))
    p = view.report.groups[phase.id]
    # PV: all of Design (3000) + Build planned 8-14 Jan, 3 of 5 days by the 12th (6000).
    assert (p.bac, p.pv, p.ev, p.ac) == (Decimal("13000.00"), Decimal("9000.00"),
                                         Decimal("5000.00"), Decimal("6000.00"))
    assert p.spi == Decimal("0.556") and p.cpi == Decimal("0.833")
    assert view.report.project == p


def test_cycle_check_ignores_links_of_other_projects(plan, cast, make_project):
    project, _, t = plan
    other = make_project()
    phase = service.create_phase(None, other, "Other")
    a = service.create_task(None, other, service.TaskData("A", phase.id, 1))
    b = service.create_task(None, other, service.TaskData("B", phase.id, 1))
    service.add_dependency(None, other, a.id, b.id, "FS", 0)
    link = service.add_dependency(cast["pm"], project, t["Training"].id, t["Go-live"].id,
                                  "FF", -1)
    assert isinstance(link, PlanDependency) and link.lag == -1
    assert all(isinstance(x, PlanTask) for x in service.tasks(project))


def test_project_actual_cost_comes_from_budget_cost_entries(plan, cast, db_session):
    from app.budget.models import BudgetLine, CostEntry

    project, phase, t = plan
    design = t["Design"]
    service.update_task(cast["pm"], project, design, design.version, service.TaskData(
        "Design", phase.id, 5, percent_complete=100, actual_start=date(2026, 1, 5),
        actual_finish=date(2026, 1, 9), planned_cost=Decimal("3000"),
        actual_cost=Decimal("4500")))
    saved = baselines.save_baseline(cast["pm"], project, "Approved plan")
    assert baselines.earned_value(project, saved, date(2026, 1, 12)).ac_source == "tasks"

    line = BudgetLine(project_id=project.id, number=1, category="training", fiscal_year=2026,
                      quarter=1, name="Training", owner_id=cast["pm"].id,
                      planned=Decimal("45000"))
    db_session.add(line)
    db_session.flush()
    for day, amount in ((date(2026, 1, 6), "2000.50"), (date(2026, 1, 30), "999")):
        db_session.add(CostEntry(project_id=project.id, line=line, spent_on=day,
                                 amount=Decimal(amount), supplier="S", reference=str(day)))
    db_session.flush()

    view = baselines.earned_value(project, saved, date(2026, 1, 12))
    assert view.ac_source == "budget"
    # Only what was booked by the status date; the phase keeps the tasks' own actual cost.
    assert view.report.project.ac == Decimal("2000.50")
    assert view.report.groups[phase.id].ac == Decimal("4500.00")
    assert view.report.project.cv == view.report.project.ev - Decimal("2000.50")
