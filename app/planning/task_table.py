"""The plan's task table: its rows, filter choices and chosen baseline, read from the project.

The filtering itself is pure (task_filter); this module gathers what it needs in a few queries,
since the table may list thousands of tasks.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.accounts.models import User
from app.extensions import db
from app.planning import baselines, requirement_links, schedule, task_filter
from app.planning.models import BaselineTask, PlanBaseline, PlanTask
from app.planning.service import ScheduledPlan
from app.projects.models import Project
from app.requirements.models import Requirement


@dataclass(frozen=True)
class TaskTable:
    rows: list[tuple[PlanTask, schedule.TaskSchedule, task_filter.Row]]
    total: int
    criteria: task_filter.Criteria
    ignored: list[str]  # query-string values that were not understood
    requirements: list[Requirement]
    owners: list[User]
    baselines: list[PlanBaseline]
    baseline: PlanBaseline | None
    delivers: dict[int, list[Requirement]]


def _requirements(project: Project) -> list[Requirement]:
    return list(db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id)
        .order_by(Requirement.number)
    ).scalars())


def _baseline_finishes(baseline: PlanBaseline | None) -> dict[int, date]:
    """Each task's finish in the baseline, as plain rows (thousands of them, read only)."""
    if baseline is None:
        return {}
    return dict(db.session.execute(
        sa.select(BaselineTask.task_id, BaselineTask.finish)
        .where(BaselineTask.baseline_id == baseline.id, BaselineTask.task_id.is_not(None))
    ).all())


def _rows(plan: ScheduledPlan, delivers, baseline: PlanBaseline | None
          ) -> list[task_filter.Row]:
    then = _baseline_finishes(baseline)
    cal = plan.result.plan.calendar
    rows = []
    for t in plan.tasks:
        s, finish = plan.result[t.id], then.get(t.id)
        rows.append(task_filter.Row(
            t.id, t.name, t.phase_id, t.owner_id, t.percent_complete,
            t.actual_start is not None or t.percent_complete > 0, s.early_start,
            s.early_finish, s.total_float, s.critical, s.near_critical,
            frozenset(r.id for r in delivers.get(t.id, ())), finish,
            cal.working_days_between(finish, s.early_finish) if finish else None))
    return rows


def build(project: Project, plan: ScheduledPlan, args: Mapping[str, str]) -> TaskTable:
    """The table as the query string asks for it; values it cannot use are ignored and named."""
    requirements = _requirements(project)
    owners = sorted({t.owner for t in plan.tasks if t.owner is not None},
                    key=lambda u: (u.name.casefold(), u.id))
    saved = baselines.baselines(project)
    choices = task_filter.Choices(
        frozenset(p.id for p in plan.phases), {r.code: r.id for r in requirements},
        frozenset(u.id for u in owners), [b.id for b in saved])
    criteria, ignored = task_filter.parse(args, choices)
    baseline = next((b for b in saved if b.id == criteria.baseline_id), None)
    delivers = requirement_links.requirements_by_task(project)
    rows = _rows(plan, delivers, baseline)
    kept = task_filter.select(rows, criteria, plan.settings.status_date)
    tasks = {t.id: t for t in plan.tasks}
    return TaskTable(
        [(tasks[r.task_id], plan.result[r.task_id], r) for r in kept], len(rows), criteria,
        ignored, requirements, owners, saved, baseline, delivers)
