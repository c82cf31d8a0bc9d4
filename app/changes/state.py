"""The project's plan, budget and requirements read into the analysis's plain input."""

import sqlalchemy as sa

from app.budget.models import BudgetLine, CostEntry
from app.changes import impact
from app.extensions import db
from app.planning import service as planning
from app.planning.models import PlanTask
from app.projects.models import Project
from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import Requirement


def _lines(project: Project) -> tuple[impact.Line, ...]:
    rows = db.session.execute(
        sa.select(BudgetLine.id, BudgetLine.number, BudgetLine.name, BudgetLine.category,
                  BudgetLine.planned).where(BudgetLine.project_id == project.id)
        .order_by(BudgetLine.number))
    spent = set(db.session.execute(sa.select(CostEntry.line_id).where(
        CostEntry.project_id == project.id).distinct()).scalars())
    return tuple(impact.Line(i, f"BL-{n:03d}", name, cat, planned, i in spent)
                 for i, n, name, cat, planned in rows)


def _requirements(project: Project) -> tuple[impact.Requirement, ...]:
    frozen: dict[int, list[str]] = {}
    for requirement_id, name in db.session.execute(
            sa.select(BaselineItem.requirement_id, RequirementBaseline.name)
            .join(RequirementBaseline, BaselineItem.baseline_id == RequirementBaseline.id)
            .where(RequirementBaseline.project_id == project.id)
            .order_by(RequirementBaseline.number)):
        frozen.setdefault(requirement_id, []).append(name)
    found = db.session.execute(sa.select(Requirement).where(
        Requirement.project_id == project.id).order_by(Requirement.number)).scalars()
    return tuple(impact.Requirement(r.id, r.code, r.title, r.status, r.current_number,
                                    r.signed_number is not None, tuple(frozen.get(r.id, ())))
                 for r in found)


def state_of(project: Project) -> impact.State:
    settings = planning.settings_for(project)
    plan = planning.plan_input(project, settings.status_date)
    task_phase = dict(db.session.execute(
        sa.select(PlanTask.id, PlanTask.phase_id).where(PlanTask.project_id == project.id)).all())
    phases = tuple(impact.Phase(p.id, p.name, p.gate) for p in planning.phases(project))
    return impact.State(plan, task_phase, phases, _lines(project), _requirements(project),
                        settings.near_critical_days)
