"""Vendor operations: vendors and their moves through the funnel, site visits, bids, claims."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.budget.service import minor_digits
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.permissions import require
from app.extensions import db
from app.projects.models import Project
from app.requirements.models import Requirement
from app.vendors import funnel
from app.vendors.funnel import Stage
from app.vendors.labels import blocker_text, stage_label
from app.vendors.models import (
    CLAIM_STATUSES,
    COST_KINDS,
    LICENCE_MODELS,
    Bid,
    BidLine,
    Claim,
    Evaluation,
    SiteVisit,
    StageChange,
    Vendor,
)

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def _check(actor: User | None, project: Project, permission: str = "vendors.manage") -> None:
    if actor is not None:
        require(actor, project, permission)


def _date(day: date | None, *, required: bool = True) -> None:
    if day is None and not required:
        return
    if day is None or not EARLIEST <= day <= LATEST:
        raise DomainError(_l("Give a date between 1990 and 2100."))


def _money(project: Project, amount: Decimal) -> None:
    """Services check money again: forms are not the only way in (seeds)."""
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0:
        raise DomainError(_l("Amounts are exact, non-negative numbers."))
    if -amount.as_tuple().exponent > minor_digits(project):
        raise DomainError(_l("Use at most %(n)d decimal places for %(currency)s.",
                             n=minor_digits(project), currency=project.currency))


# --- Vendors and the funnel -------------------------------------------------------------------


@dataclass(frozen=True)
class VendorData:
    name: str
    product: str
    vertical: bool
    bundle: bool
    notes: str


def _unique(evaluation: Evaluation, name: str, current: Vendor | None) -> None:
    if not name.strip():
        raise DomainError(_l("Give the vendor's name."))
    if any(v.name == name and v is not current for v in evaluation.vendors):
        raise DomainError(_l("This vendor is already in the evaluation."))


@transactional
def create_vendor(actor: User | None, project: Project, evaluation: Evaluation,
                  data: VendorData, on: date, reason: str) -> Vendor:
    """Put a vendor on the longlist, recording when and why as its first funnel step."""
    _check(actor, project)
    _unique(evaluation, data.name, None)
    _date(on)
    if not reason.strip():
        raise DomainError(_l("Say why this vendor is on the longlist."))
    vendor = Vendor(project_id=project.id, evaluation=evaluation,
                    stage=Stage.LONGLIST.value, stage_on=on, **data.__dict__)
    db.session.add(vendor)
    db.session.flush()
    _record(actor, vendor, None, Stage.LONGLIST, on, reason, override=False)
    return vendor


@transactional
def update_vendor(actor: User, project: Project, vendor: Vendor, version,
                  data: VendorData) -> Vendor:
    _check(actor, project)
    check_version(vendor, version)
    _unique(vendor.evaluation, data.name, vendor)
    for key, value in data.__dict__.items():
        setattr(vendor, key, value)
    return vendor


def _record(actor, vendor: Vendor, source: Stage | None, target: Stage, on: date, reason: str,
            *, override: bool) -> None:
    vendor.history.append(StageChange(
        project_id=vendor.project_id,
        from_stage=source.value if source else None, to_stage=target.value, changed_on=on,
        reason=reason, override=override, actor_id=getattr(actor, "id", None),
        recorded_at=datetime.now(UTC)))


def facts(evaluation: Evaluation) -> list[funnel.VendorFacts]:
    reached = {Stage.SHORTLISTED.value, Stage.VISITED.value, Stage.BID_RECEIVED.value,
               Stage.SELECTED.value}
    return [funnel.VendorFacts(
        name=v.name, stage=Stage(v.stage),
        was_shortlisted=any(h.to_stage in reached for h in v.history) or v.stage in reached,
        completed_visit=any(x.completed for x in v.visits), has_bid=v.bid is not None)
        for v in evaluation.vendors]


def selection_blockers(vendor: Vendor) -> list[funnel.Blocker]:
    return funnel.selection_blockers(vendor.name, facts(vendor.evaluation))


@transactional
def move_vendor(actor: User | None, project: Project, vendor: Vendor, version, target: str,
                on: date, reason: str, *, override: bool = False) -> Vendor:
    """One step through the funnel, with its date and reason.

    Illegal jumps are refused; "site visits done" needs a completed visit and "bid received" a
    bid; "selected" needs the selection rule met, or the sponsor's override with a rationale.
    """
    _check(actor, project)
    check_version(vendor, version)
    source = Stage(vendor.stage)
    try:
        target = Stage(target)
    except ValueError:
        raise DomainError(_l("Choose a stage of the funnel.")) from None
    if not funnel.can_move(source, target):
        raise DomainError(_l("A vendor cannot go from %(source)s to %(target)s.",
                             source=stage_label(source), target=stage_label(target)))
    _date(on)
    if on < vendor.stage_on:
        raise DomainError(_l("The date is before the vendor's previous step (%(day)s).",
                             day=vendor.stage_on.isoformat()))
    if not reason.strip():
        raise DomainError(_l("Give the reason for this step."))
    if target == Stage.VISITED and not any(v.completed for v in vendor.visits):
        raise DomainError(_l("Record a completed site visit first."))
    if target == Stage.BID_RECEIVED and vendor.bid is None:
        raise DomainError(_l("Record the vendor's bid first."))
    used_override = False
    if target == Stage.SELECTED:
        blockers = selection_blockers(vendor)
        if blockers and not (override and funnel.overridable(blockers)):
            texts = " ".join(blocker_text(b) for b in blockers)
            raise DomainError(_l("%(vendor)s cannot be selected yet: %(reasons)s Only the "
                                 "sponsor can override this, with a rationale.",
                                 vendor=vendor.name, reasons=texts))
        if blockers:
            _check(actor, project, "vendors.override")
            used_override = True
    vendor.stage, vendor.stage_on = target.value, on
    _record(actor, vendor, source, target, on, reason, override=used_override)
    return vendor


# --- Site visits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitData:
    customer: str
    visited_on: date
    attendees: str
    findings: str
    rating: int | None
    completed: bool


@transactional
def save_visit(actor: User | None, project: Project, vendor: Vendor, visit: SiteVisit | None,
               version, data: VisitData) -> SiteVisit:
    _check(actor, project)
    if visit is not None:
        check_version(visit, version)
    _date(data.visited_on)
    if not data.customer.strip():
        raise DomainError(_l("Name the reference customer visited."))
    if data.rating is not None and not 1 <= data.rating <= 5:
        raise DomainError(_l("Rate the visit from 1 to 5."))
    if data.completed and (data.rating is None or not data.findings.strip()):
        raise DomainError(_l("A completed visit needs its findings and a rating."))
    if visit is None:
        visit = SiteVisit(project_id=project.id)
        vendor.visits.append(visit)
    for key, value in data.__dict__.items():
        setattr(visit, key, value)
    db.session.flush()
    return visit


# --- Bids -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BidData:
    received_on: date
    price: Decimal
    licence_model: str
    notes: str
    lines: dict[str, tuple[Decimal, Decimal]]  # kind: (one-off, per year)


@transactional
def save_bid(actor: User | None, project: Project, vendor: Vendor, version,
             data: BidData) -> Bid:
    """Record or revise the vendor's bid with its cost lines (the TCO is computed from them)."""
    _check(actor, project)
    bid = vendor.bid
    if bid is not None:
        check_version(bid, version)
    _date(data.received_on)
    if data.licence_model not in LICENCE_MODELS:
        raise DomainError(_l("Choose a licence model."))
    if set(data.lines) - set(COST_KINDS):
        raise DomainError(_l("Unknown kind of cost."))
    _money(project, data.price)
    for one_off, yearly in data.lines.values():
        _money(project, one_off)
        _money(project, yearly)
    if bid is None:
        bid = Bid(project_id=project.id)
        vendor.bid = bid
    with db.session.no_autoflush:
        bid.received_on, bid.price = data.received_on, data.price
        bid.licence_model, bid.notes = data.licence_model, data.notes
        have = {line.kind: line for line in bid.lines}
        for kind in COST_KINDS:
            one_off, yearly = data.lines.get(kind, (Decimal(0), Decimal(0)))
            line = have.get(kind)
            if line is None:
                bid.lines.append(BidLine(project_id=project.id, kind=kind, one_off=one_off,
                                         yearly=yearly))
            elif (line.one_off, line.yearly) != (one_off, yearly):
                line.one_off, line.yearly = one_off, yearly
    bid.updated_at = datetime.now(UTC)
    db.session.flush()
    return bid


# --- Claims -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimData:
    text: str
    requirement_id: int | None  # a requirement of the project, or None for a general claim
    reference_note: str  # a reference outside the register, e.g. a tender section
    status: str
    checked_on: date | None
    evidence: str


def claimable_requirements(project: Project, keep: int | None = None) -> list[Requirement]:
    """Requirements a claim may answer: the open ones of the register, plus `keep` (the one a
    claim already names, even if since withdrawn or superseded)."""
    rows = db.session.execute(sa.select(Requirement).where(Requirement.project_id == project.id)
                              .order_by(Requirement.number)).scalars()
    return [r for r in rows if not r.closed or r.id == keep]


def claims_about(requirement: Requirement) -> list[Claim]:
    """The vendor claims made about a requirement, vendor by vendor."""
    return list(db.session.execute(
        sa.select(Claim).join(Vendor).where(Claim.requirement_id == requirement.id)
        .options(sa.orm.contains_eager(Claim.vendor))
        .order_by(Vendor.name, Claim.id)).scalars())


@transactional
def save_claim(actor: User | None, project: Project, vendor: Vendor, claim: Claim | None,
               version, data: ClaimData) -> Claim:
    _check(actor, project)
    if claim is not None:
        check_version(claim, version)
    if not data.text.strip():
        raise DomainError(_l("Write down what the vendor claims."))
    if data.status not in CLAIM_STATUSES:
        raise DomainError(_l("Choose verified, unverified or false."))
    if data.requirement_id is not None:
        requirement = db.session.get(Requirement, data.requirement_id)
        if requirement is None or requirement.project_id != project.id:
            raise DomainError(_l("Choose a requirement of this project's register."))
    if len(data.reference_note) > 120:
        raise DomainError(_l("Keep the other reference under 120 characters."))
    _date(data.checked_on, required=False)
    if data.status != "unverified" and (data.checked_on is None or not data.evidence.strip()):
        raise DomainError(_l("Say when and how the claim was checked (date and evidence)."))
    if claim is None:
        claim = Claim(project_id=project.id)
        vendor.claims.append(claim)
    for key, value in data.__dict__.items():
        setattr(claim, key, value)
    db.session.flush()
    return claim
