"""Plan baselines: save a frozen snapshot, compare the schedule with it, earned value against it."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError
from app.core.permissions import require
from app.core.sealing import content_hash
from app.extensions import db
from app.planning import evm, service
from app.planning.models import BaselineTask, PlanBaseline, PlanTask
from app.projects.models import Project
from app.projects.service import lock_for_baseline


def baselines(project: Project) -> list[PlanBaseline]:
    return list(db.session.execute(
        sa.select(PlanBaseline).where(PlanBaseline.project_id == project.id)
        .order_by(PlanBaseline.id.desc())
    ).scalars())


def baseline_in(project: Project, baseline_id) -> PlanBaseline | None:
    found = db.session.get(PlanBaseline, baseline_id) if isinstance(baseline_id, int) else None
    return found if found is not None and found.project_id == project.id else None


@transactional
def save_baseline(actor: User | None, project: Project, name: str,
                  at: datetime | None = None) -> PlanBaseline:
    """Freeze today's schedule of every task under `name` (unique in the project). `at`
    back-dates it (the demo's story); the audit trail keeps the real time."""
    if actor is not None:
        require(actor, project, "plan.edit")
    lock_for_baseline(project, exclusive=True)  # no guarded edit between check and snapshot
    if db.session.execute(sa.select(PlanBaseline.id).where(
            PlanBaseline.project_id == project.id, PlanBaseline.name == name)).first():
        raise DomainError(_l("There is already a baseline called %(name)s.", name=name))
    plan = service.scheduled(project)
    if not plan.tasks:
        raise DomainError(_l("Add tasks before saving a baseline."))
    rows = []
    for task in plan.tasks:
        t = plan.result[task.id]
        rows.append({"task_id": task.id, "name": task.name, "start": t.early_start,
                     "finish": t.early_finish, "duration": task.duration,
                     "planned_cost": task.planned_cost})
    baseline = PlanBaseline(project_id=project.id, name=name,
                            project_finish=plan.result.project_finish,
                            content_hash=content_hash(rows),
                            **({"created_at": at} if at else {}))
    baseline.tasks = [BaselineTask(**row) for row in rows]
    db.session.add(baseline)
    db.session.flush()
    return baseline


@dataclass(frozen=True)
class Variance:
    """A task now against the baseline; positive variances are later or longer (working days)."""

    task: PlanTask | None
    name: str
    baseline: BaselineTask | None
    start: date | None
    finish: date | None
    start_variance: int | None
    finish_variance: int | None
    duration_variance: int | None


def variance(project: Project, baseline: PlanBaseline) -> tuple[list[Variance], int]:
    """Every task against `baseline` (added and removed tasks included) and the finish shift."""
    plan = service.scheduled(project)
    cal = plan.result.plan.calendar
    by_task = {b.task_id: b for b in baseline.tasks if b.task_id is not None}
    out = []
    for task in plan.tasks:
        now, then = plan.result[task.id], by_task.pop(task.id, None)
        if then is None:
            out.append(Variance(task, task.name, None, now.early_start, now.early_finish,
                                None, None, None))
            continue
        out.append(Variance(
            task, task.name, then, now.early_start, now.early_finish,
            cal.working_days_between(then.start, now.early_start),
            cal.working_days_between(then.finish, now.early_finish),
            task.duration - then.duration,
        ))
    gone = [b for b in baseline.tasks if b.task_id is None or b.task_id in by_task]
    out.extend(Variance(None, b.name, b, None, None, None, None, None) for b in gone)
    shift = cal.working_days_between(baseline.project_finish, plan.result.project_finish)
    return out, shift


@dataclass(frozen=True)
class EarnedValueView:
    report: evm.EarnedValueReport
    phase_names: dict[int, str]
    status_date: date
    # "budget" when the project's AC is the cost booked in the budget, else "tasks".
    ac_source: str = "tasks"


def earned_value(project: Project, baseline: PlanBaseline, status_date: date) -> EarnedValueView:
    """PV from the baseline's dates and costs, EV from progress, AC from actual costs.

    The project's AC is the cost booked in the budget up to the status date when there is any
    (the finance record is the truth); cost entries are booked against budget lines, not tasks,
    so a phase's AC is what the plan records as its tasks' actual cost.
    """
    from app.budget.service import actual_cost_to_date  # the budget reads the plan too


    rows = service.tasks(project)
    by_task = {b.task_id: b for b in baseline.tasks if b.task_id is not None}
    values = []
    for task in rows:
        then = by_task.get(task.id)
        values.append(evm.TaskValue(
            task.id, task.phase_id, then.planned_cost if then else Decimal(0),
            task.percent_complete, task.actual_cost or Decimal(0),
            then.start if then else None, then.finish if then else None))
    report = evm.compute(values, status_date, service.calendar_of(project))
    names = {p.id: p.name for p in service.phases(project)}
    booked = actual_cost_to_date(project, status_date)
    if booked:
        report = evm.with_project_actual_cost(report, booked)
        return EarnedValueView(report, names, status_date, "budget")
    return EarnedValueView(report, names, status_date)
