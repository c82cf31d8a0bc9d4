"""Budget baselines: save a frozen snapshot of the planned amounts, compare the budget with it.

Once a project has one, planned amounts change only through approved change requests
(app/changes/guard.py `refuse_budget_edit`, called by the line services).
"""

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.budget import baseline_compare, service
from app.budget.analysis import Category
from app.budget.baseline_models import BudgetBaseline, BudgetBaselineLine
from app.core.db import transactional
from app.core.errors import DomainError
from app.core.permissions import require
from app.core.sealing import content_hash
from app.extensions import db
from app.projects.models import Project

MAX_NAME = 120


def baselines(project: Project) -> list[BudgetBaseline]:
    """The project's budget baselines, newest first."""
    return list(db.session.execute(
        sa.select(BudgetBaseline).where(BudgetBaseline.project_id == project.id)
        .options(sa.orm.selectinload(BudgetBaseline.lines))
        .order_by(BudgetBaseline.id.desc())).scalars())


def baseline_in(project: Project, baseline_id) -> BudgetBaseline | None:
    found = db.session.get(BudgetBaseline, baseline_id) if isinstance(baseline_id, int) else None
    return found if found is not None and found.project_id == project.id else None


@transactional
def save_baseline(actor: User | None, project: Project, name: str,
                  note: str = "", at: datetime | None = None) -> BudgetBaseline:
    """Freeze every line's planned amount, category and period under `name` (unique in the
    project); `actor` None means the command line (seeds). `at` back-dates it (the demo's
    story); the audit trail keeps the real time."""
    if actor is not None:
        require(actor, project, "budget.edit")
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise DomainError(_l("Give the baseline a name of at most %(n)d characters.", n=MAX_NAME))
    service.lock_planned_amounts(project, exclusive=True)
    if db.session.execute(sa.select(BudgetBaseline.id).where(
            BudgetBaseline.project_id == project.id, BudgetBaseline.name == name)).first():
        raise DomainError(_l("There is already a budget baseline called %(name)s.", name=name))
    current = service.lines(project)
    if not current:
        raise DomainError(_l("Add budget lines before saving a baseline."))
    rows = [{"line_id": x.id, "number": x.number, "category": x.category,
             "fiscal_year": x.fiscal_year, "quarter": x.quarter, "name": x.name,
             "planned": x.planned} for x in current]
    baseline = BudgetBaseline(
        project_id=project.id, name=name, note=(note or "").strip(),
        total_planned=sum((x.planned for x in current), Decimal(0)),
        created_by_id=actor.id if actor else None,
        created_by_label=actor.name if actor else "system",
        content_hash=content_hash([{**row, "planned": str(row["planned"])} for row in rows]),
        **({"created_at": at} if at else {}))
    baseline.lines = [BudgetBaselineLine(**row) for row in rows]
    db.session.add(baseline)
    db.session.flush()
    return baseline


def _figure(row, line_id) -> baseline_compare.LineFigure:
    return baseline_compare.LineFigure(line_id, row.number, row.name, row.category,
                                       row.fiscal_year, row.quarter, row.planned)


def comparison(project: Project, baseline: BudgetBaseline) -> baseline_compare.Comparison:
    """The budget now against `baseline`: lines, categories (in the usual order), totals."""
    then = [_figure(row, row.line_id) for row in baseline.lines]
    now = [_figure(line, line.id) for line in service.lines(project)]
    return baseline_compare.compare(then, now, [c.value for c in Category])
