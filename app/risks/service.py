"""Risk operations: the register, reassessments, links, and the summary for the scorecard.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.changes.models import ChangeRequest
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.core.permissions import TEAM, require
from app.extensions import db
from app.planning.models import PlanTask
from app.projects.models import Project
from app.requirements.models import Requirement, requirement_code
from app.risks import catalogue, scoring
from app.risks.models import (
    STATUSES,
    STRATEGIES,
    Risk,
    RiskAssessment,
    RiskChangeRequest,
    RiskClaim,
    RiskTask,
)
from app.vendors.models import Claim, Vendor


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def risk_in(project: Project, risk_id: int) -> Risk | None:
    risk = db.session.get(Risk, risk_id)
    return risk if risk is not None and risk.project_id == project.id else None


def owners(project: Project) -> list[User]:
    """People who may own a risk: the project team (staff readers do not)."""
    return list(db.session.execute(
        sa.select(User).join(Membership).where(Membership.project_id == project.id,
                                               Membership.role.in_([r.value for r in TEAM]))
        .order_by(User.name)).scalars())


# --- Links: one association model per kind of record a risk can be tied to -------------------


@dataclass(frozen=True)
class LinkKind:
    """How risks link to one kind of record; add an entry to LINKS for another kind."""

    label: object
    model: type
    column: str  # the association's column naming the target
    relation: str  # the Risk relationship holding the associations
    targets: Callable[[Project], list[tuple[int, str]]]  # (id, label) a risk may link to
    # What a link shows on the risk's page: its text and, if the record has a page, the
    # endpoint and URL arguments of that page (with the project's `code` added).
    describe: Callable[[object], tuple[str, str | None, dict]]


def _task_targets(project: Project) -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(PlanTask.id, PlanTask.name)
                              .where(PlanTask.project_id == project.id)
                              .order_by(PlanTask.phase_id, PlanTask.position, PlanTask.id))
    return [(i, name) for i, name in rows]


def _claim_targets(project: Project) -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(Claim.id, Vendor.name, Claim.text, Requirement.number)
                              .join(Vendor)
                              .outerjoin(Requirement, Requirement.id == Claim.requirement_id)
                              .where(Claim.project_id == project.id)
                              .order_by(Vendor.name, Claim.id))
    return [(i, f"{vendor}: {text}" + (f" ({requirement_code(number)})" if number else ""))
            for i, vendor, text, number in rows]


def _describe_task(link: RiskTask) -> tuple[str, str | None, dict]:
    return link.target.name, "planning.task", {"task_id": link.task_id}


def _describe_claim(link: RiskClaim) -> tuple[str, str | None, dict]:
    claim = link.target
    vendor = db.session.get(Vendor, claim.vendor_id)
    return f"{vendor.name}: {claim.text}", "vendors.vendor", {"vendor_id": vendor.id}


def _change_targets(project: Project) -> list[tuple[int, str]]:
    rows = db.session.execute(sa.select(ChangeRequest)
                              .where(ChangeRequest.project_id == project.id)
                              .order_by(ChangeRequest.number)).scalars()
    return [(cr.id, f"{cr.code} {cr.title}") for cr in rows]


def _describe_change(link: RiskChangeRequest) -> tuple[str, str | None, dict]:
    cr = link.target
    return f"{cr.code} {cr.title}", "changes.show", {"cr_id": cr.id}


# Another kind of link is one more entry here, an association model of the same shape as
# RiskTask, a relationship on Risk named in the entry, and its migration.
LINKS: dict[str, LinkKind] = {
    "task": LinkKind(_l("Plan tasks"), RiskTask, "task_id", "task_links", _task_targets,
                     _describe_task),
    "claim": LinkKind(_l("Vendor claims"), RiskClaim, "claim_id", "claim_links",
                      _claim_targets, _describe_claim),
    "change": LinkKind(_l("Change requests"), RiskChangeRequest, "change_request_id",
                       "change_links", _change_targets, _describe_change),
}


def link_kind(kind: str) -> LinkKind:
    if kind not in LINKS:
        raise DomainError(_l("Unknown kind of link."))
    return LINKS[kind]


def _touch(risk: Risk) -> None:
    # Bumps the risk's version, so an open form on the risk sees that something changed.
    risk.updated_at = utcnow()


@transactional
def add_link(actor: User | None, project: Project, risk: Risk, version, kind: str,
             target_id: int):
    _require(actor, project, "risks.edit")
    check_version(risk, version)
    spec = link_kind(kind)
    if target_id not in {i for i, _ in spec.targets(project)}:
        raise DomainError(_l("Choose a record of this project."))
    links = getattr(risk, spec.relation)
    if any(getattr(link, spec.column) == target_id for link in links):
        raise DomainError(_l("This risk is already linked to that record."))
    link = spec.model(project_id=project.id, **{spec.column: target_id})
    links.append(link)
    _touch(risk)
    db.session.flush()
    return link


@transactional
def remove_link(actor: User | None, project: Project, risk: Risk, version, kind: str,
                link_id: int) -> None:
    _require(actor, project, "risks.edit")
    check_version(risk, version)
    spec = link_kind(kind)
    links = getattr(risk, spec.relation)
    link = next((x for x in links if x.id == link_id), None)
    if link is None:
        raise DomainError(_l("That link no longer exists."))
    links.remove(link)
    # Deleted explicitly: an orphan removed only by the cascade is not in session.deleted when
    # the audit trail is written, so the unlink would go unrecorded.
    db.session.delete(link)
    _touch(risk)
    db.session.flush()


# --- The register ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskData:
    title: str
    description: str
    category: str
    owner_id: int | None
    strategy: str | None
    response_plan: str
    trigger: str
    status: str


def _check(project: Project, data: RiskData) -> None:
    if not data.title.strip():
        raise DomainError(_l("Give the risk a title."))
    if catalogue.category(data.category) is None:
        raise DomainError(_l("Choose a category from the list."))
    if data.status not in STATUSES or (data.strategy is not None
                                       and data.strategy not in STRATEGIES):
        raise DomainError(_l("Choose a status and a response strategy from the lists."))
    if data.owner_id is not None and data.owner_id not in {u.id for u in owners(project)}:
        raise DomainError(_l("The owner must be on the project team."))


def _rating(probability: int, impact: int) -> None:
    if probability not in scoring.SCALE or impact not in scoring.SCALE:
        raise DomainError(_l("Rate probability and impact from 1 to 5."))


def _assign(risk: Risk, data: RiskData) -> None:
    risk.title, risk.description = data.title.strip(), data.description or ""
    risk.category, risk.owner_id, risk.strategy = data.category, data.owner_id, data.strategy
    risk.response_plan, risk.trigger = data.response_plan or "", data.trigger or ""
    risk.status = data.status


def _label(actor: User | None) -> str:
    return actor.name if actor is not None else "system"


@transactional
def create_risk(actor: User | None, project: Project, data: RiskData, probability: int,
                impact: int, identified_on: date, note: str = "") -> Risk:
    """A new risk with its first assessment; its number is the project's next RISK-nn."""
    _require(actor, project, "risks.edit")
    _check(project, data)
    _rating(probability, impact)
    risk = Risk(project_id=project.id, number=next_number(project.id, "risk"),
                probability=probability, impact=impact, identified_on=identified_on)
    _assign(risk, data)
    risk.assessments.append(RiskAssessment(
        project_id=project.id, assessed_on=identified_on, probability=probability,
        impact=impact, note=note.strip(), assessed_by_label=_label(actor)))
    db.session.add(risk)
    db.session.flush()
    return risk


@transactional
def update_risk(actor: User | None, project: Project, risk: Risk, version,
                data: RiskData) -> Risk:
    _require(actor, project, "risks.edit")
    check_version(risk, version)
    _check(project, data)
    _assign(risk, data)
    db.session.flush()
    return risk


@transactional
def reassess(actor: User | None, project: Project, risk: Risk, version, probability: int,
             impact: int, assessed_on: date, note: str = "") -> RiskAssessment:
    """Rate the risk again; the rating is kept in its history and becomes its current one."""
    _require(actor, project, "risks.edit")
    check_version(risk, version)
    _rating(probability, impact)
    latest = max(a.assessed_on for a in risk.assessments)
    if assessed_on < latest:
        raise DomainError(_l("The risk was last assessed on %(day)s: a reassessment cannot be "
                             "dated earlier.", day=latest.isoformat()))
    assessment = RiskAssessment(project_id=project.id, assessed_on=assessed_on,
                                probability=probability, impact=impact, note=note.strip(),
                                assessed_by_label=_label(actor))
    risk.assessments.append(assessment)
    risk.probability, risk.impact = probability, impact
    _touch(risk)
    db.session.flush()
    return assessment


# --- Read models -----------------------------------------------------------------------------


def history(risk: Risk) -> list[scoring.Assessment]:
    return [scoring.Assessment(a.assessed_on, a.probability, a.impact) for a in risk.assessments]


def level_of(risk: Risk) -> str:
    return scoring.level(risk.score, catalogue.rules())


def trend_of(risk: Risk) -> str:
    return scoring.trend(history(risk), catalogue.rules())


def risks(project: Project) -> list[Risk]:
    return list(db.session.execute(
        sa.select(Risk).where(Risk.project_id == project.id).order_by(Risk.number)
        .options(sa.orm.selectinload(Risk.assessments), sa.orm.selectinload(Risk.owner),
                 sa.orm.selectinload(Risk.task_links), sa.orm.selectinload(Risk.claim_links),
                 sa.orm.selectinload(Risk.change_links))
    ).scalars())


@dataclass(frozen=True)
class RiskSummary:
    """One risk as the health scorecard reads it."""

    number: str
    title: str
    score: int
    level: str
    has_owner: bool
    has_response: bool
    status: str


def risk_summary(project: Project) -> list[RiskSummary]:
    """Every risk of the project, in number order (closed ones too: the status says which)."""
    return [RiskSummary(r.code, r.title, r.score, level_of(r), r.owner_id is not None,
                        r.has_response, r.status) for r in risks(project)]


def risks_for_change(project: Project, cr: ChangeRequest) -> list[Risk]:
    """The risks linked to a change request, in number order (for the request's page)."""
    return list(db.session.execute(
        sa.select(Risk).join(RiskChangeRequest, RiskChangeRequest.risk_id == Risk.id)
        .where(Risk.project_id == project.id, RiskChangeRequest.change_request_id == cr.id)
        .order_by(Risk.number)).scalars())
