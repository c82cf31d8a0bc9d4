"""Baselines of signed-off requirements, their comparison, volatility and traceability."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core import charts
from app.core.db import transactional
from app.core.errors import DomainError
from app.core.numbering import next_number
from app.core.permissions import require
from app.extensions import db
from app.projects.models import Project
from app.requirements import logic
from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import (
    Requirement,
    RequirementObjective,
    RequirementVersion,
)
from app.requirements.service import objectives, version_of, when


def baselines(project: Project) -> list[RequirementBaseline]:
    return list(db.session.execute(
        sa.select(RequirementBaseline).where(RequirementBaseline.project_id == project.id)
        .order_by(RequirementBaseline.number)
    ).scalars())


def baseline_in(project: Project, baseline_id: int) -> RequirementBaseline | None:
    record = db.session.get(RequirementBaseline, baseline_id)
    return record if record is not None and record.project_id == project.id else None


def signed_requirements(project: Project) -> list[Requirement]:
    """What a baseline freezes: every open requirement with a signed version (the signed one,
    even while a later change awaits signatures)."""
    return list(db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id,
                                     Requirement.signed_number.is_not(None),
                                     Requirement.status.not_in(logic.CLOSED))
        .order_by(Requirement.number)
    ).scalars())


@transactional
def create_baseline(actor: User | None, project: Project, name: str, note: str = "", *,
                    at: datetime | None = None) -> RequirementBaseline:
    if actor is not None:
        require(actor, project, "requirements.baseline")
    name = (name or "").strip()
    if not name:
        raise DomainError(_l("Give the baseline a name."))
    if any(b.name == name for b in baselines(project)):
        raise DomainError(_l("A baseline named %(name)s already exists.", name=name))
    frozen = signed_requirements(project)
    if not frozen:
        raise DomainError(_l("No requirement is signed off yet: there is nothing to freeze."))
    baseline = RequirementBaseline(
        project_id=project.id, number=next_number(project.id, "req_baseline"), name=name,
        note=(note or "").strip(), created_by_id=actor.id if actor else None,
        created_by_label=actor.name if actor else "system", created_at=when(at))
    for requirement in frozen:
        signed = version_of(requirement, requirement.signed_number)
        baseline.items.append(BaselineItem(
            project_id=project.id, requirement_id=requirement.id, code=signed.code,
            version_number=signed.number, title=signed.title, kind=signed.kind,
            priority=signed.priority, department=signed.department,
            objective_codes=signed.objective_codes, content_sha256=signed.sha256))
    db.session.add(baseline)
    db.session.flush()
    return baseline


def compare(old: RequirementBaseline, new: RequirementBaseline) -> logic.BaselineComparison:
    return logic.compare_baselines([i.entry() for i in old.items], [i.entry() for i in new.items])


# --- Volatility -------------------------------------------------------------------------------


def volatility_of(project: Project, today: date) -> logic.Volatility:
    found = baselines(project)
    if not found:
        return logic.volatility([], None, 0, today)
    first = found[0]
    rows = db.session.execute(
        sa.select(RequirementVersion.created_at, RequirementVersion.number)
        .where(RequirementVersion.project_id == project.id,
               RequirementVersion.created_at > first.created_at)
    ).all()
    events = [logic.VersionEvent(at.date(), number) for at, number in rows]
    return logic.volatility(events, first.created_at.date(), len(first.items), today)


def volatility_chart(result: logic.Volatility) -> str:
    months = [m.month.strftime("%Y-%m") for m in result.months]
    series = [charts.BarSeries(_("Requirements added"), tuple(m.added for m in result.months)),
              charts.BarSeries(_("Requirements changed"),
                               tuple(m.changed for m in result.months))]
    return charts.bar_chart(_("Requirement changes after the first baseline, per month"),
                            months, series, stacked=True, y_label=_("Number of changes"),
                            empty_text=_("No baseline yet"), width=820, height=280)


# --- Traceability -----------------------------------------------------------------------------


def traceability(project: Project) -> tuple[list[Requirement], list, logic.Trace]:
    requirements = list(db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id)
        .order_by(Requirement.number)
    ).scalars())
    found = objectives(project)
    links = db.session.execute(
        sa.select(RequirementObjective.requirement_id, RequirementObjective.objective_id)
        .where(RequirementObjective.project_id == project.id)
    ).all()
    result = logic.trace(
        [logic.TraceItem(r.id, r.code, not r.closed) for r in requirements],
        [logic.TraceItem(o.id, o.code) for o in found], [tuple(link) for link in links])
    return requirements, found, result
