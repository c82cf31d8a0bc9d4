"""Vendor evaluation records: evaluations, criteria, evaluators, vendors and their funnel
history, scores, site visits, bids with their cost lines, and claim checks."""

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.budget.models import Money
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin
from app.requirements.logic import is_must_have
from app.requirements.models import Requirement
from app.vendors.funnel import Stage
from app.vendors.labels import (
    CLAIM_STATUS_LABELS,
    COST_KIND_LABELS,
    LICENCE_MODEL_LABELS,
    STAGE_LABELS,
)

STAGES = tuple(s.value for s in Stage)
COST_KINDS = tuple(COST_KIND_LABELS)
CLAIM_STATUSES = tuple(CLAIM_STATUS_LABELS)
LICENCE_MODELS = tuple(LICENCE_MODEL_LABELS)


def _one_of(column: str, values, name: str) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=name)


def _project_fk():
    return mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)


class Evaluation(Audited, TimestampMixin, VersionedMixin, Base):
    """One selection (e.g. of the CRM vendor): its criteria, vendors and evaluators."""

    __tablename__ = "vendor_evaluation"
    audit_type_label = _l("Vendor evaluation")
    audit_field_labels = {"title": _l("Title"), "purpose": _l("Purpose"),
                          "tco_years": _l("Years of total cost of ownership"),
                          "weights_method": _l("Weights from"),
                          "pairwise": _l("Pairwise comparisons")}
    audit_value_labels = {"weights_method": {"direct": _l("entered directly"),
                                             "ahp": _l("pairwise comparisons")}}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    title: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.Text, default="")
    tco_years: Mapped[int] = mapped_column(default=5)
    weights_method: Mapped[str] = mapped_column(sa.String(10), default="direct")
    # The last pairwise comparisons, "i,j=value;..." by criterion id (value like 3 or 1/3).
    pairwise: Mapped[str] = mapped_column(sa.Text, default="")

    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="evaluation", order_by="Criterion.position, Criterion.id",
        passive_deletes="all")
    vendors: Mapped[list["Vendor"]] = relationship(
        back_populates="evaluation", order_by="Vendor.name", passive_deletes="all")
    evaluators: Mapped[list["Evaluator"]] = relationship(
        back_populates="evaluation", order_by="Evaluator.id", passive_deletes="all")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "title", name="uq_vendor_evaluation_project_title"),
        sa.CheckConstraint("tco_years BETWEEN 1 AND 15", name="tco_years_range"),
        sa.CheckConstraint("weights_method IN ('direct', 'ahp')", name="weights_method_known"),
    )

    def __repr__(self) -> str:
        return f"<Evaluation {self.id} {self.title!r}>"

    def audit_label(self) -> str:
        return self.title


class Criterion(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendor_criterion"
    audit_type_label = _l("Evaluation criterion")
    audit_field_labels = {"name": _l("Name"), "guide": _l("Scoring guide"),
                          "weight": _l("Weight, %"), "position": _l("Position")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vendor_evaluation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(sa.String(30), default="")  # a default criterion's key
    name: Mapped[str] = mapped_column(sa.String(120))
    guide: Mapped[str] = mapped_column(sa.Text, default="")
    weight: Mapped[int] = mapped_column(default=0)

    evaluation: Mapped[Evaluation] = relationship(back_populates="criteria")

    __table_args__ = (
        sa.UniqueConstraint("evaluation_id", "name", name="uq_vendor_criterion_evaluation_name"),
        sa.CheckConstraint("weight BETWEEN 0 AND 100", name="weight_range"),
    )

    def __repr__(self) -> str:
        return f"<Criterion {self.name!r} {self.weight}%>"

    def audit_label(self) -> str:
        return self.name


class Evaluator(Audited, TimestampMixin, VersionedMixin, Base):
    """A person named to score the vendors; their scores stay private until they submit."""

    __tablename__ = "vendor_evaluator"
    audit_type_label = _l("Evaluator")
    audit_field_labels = {"user_id": _l("Person"), "submitted_at": _l("Submitted")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vendor_evaluation.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="RESTRICT"), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    evaluation: Mapped[Evaluation] = relationship(back_populates="evaluators")
    user: Mapped[User] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("evaluation_id", "user_id", name="uq_vendor_evaluator_evaluation_user"),
    )

    def __repr__(self) -> str:
        return f"<Evaluator {self.user_id} of {self.evaluation_id}>"


class Vendor(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendor"
    audit_type_label = _l("Vendor")
    audit_field_labels = {"name": _l("Name"), "product": _l("Product"), "stage": _l("Stage"),
                          "stage_on": _l("Stage date"), "vertical": _l("Industry-ready solution"),
                          "bundle": _l("Best-of-breed bundle"), "notes": _l("Notes")}
    audit_value_labels = {"stage": STAGE_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vendor_evaluation.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    product: Mapped[str] = mapped_column(sa.String(200), default="")
    stage: Mapped[str] = mapped_column(sa.String(20), default=Stage.LONGLIST.value)
    stage_on: Mapped[date]
    vertical: Mapped[bool] = mapped_column(default=False)
    bundle: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    evaluation: Mapped[Evaluation] = relationship(back_populates="vendors")
    history: Mapped[list["StageChange"]] = relationship(
        order_by="StageChange.id", passive_deletes="all")
    visits: Mapped[list["SiteVisit"]] = relationship(
        order_by="SiteVisit.visited_on", passive_deletes="all")
    claims: Mapped[list["Claim"]] = relationship(order_by="Claim.id", passive_deletes="all",
                                                 back_populates="vendor")
    bid: Mapped["Bid | None"] = relationship(passive_deletes="all")

    __table_args__ = (
        sa.UniqueConstraint("evaluation_id", "name", name="uq_vendor_evaluation_name"),
        _one_of("stage", STAGES, "stage_known"),
    )

    def __repr__(self) -> str:
        return f"<Vendor {self.name!r} {self.stage}>"

    def audit_label(self) -> str:
        return self.name


class StageChange(Audited, Base):
    """One step of a vendor through the funnel: append-only, with its date and reason."""

    __tablename__ = "vendor_stage_change"
    audit_type_label = _l("Vendor stage change")
    audit_field_labels = {"from_stage": _l("From"), "to_stage": _l("To"),
                          "changed_on": _l("Date"), "reason": _l("Reason"),
                          "override": _l("Sponsor override")}
    audit_value_labels = {"from_stage": STAGE_LABELS, "to_stage": STAGE_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor.id", ondelete="CASCADE"),
                                           index=True)
    from_stage: Mapped[str | None] = mapped_column(sa.String(20))
    to_stage: Mapped[str] = mapped_column(sa.String(20))
    changed_on: Mapped[date]
    reason: Mapped[str] = mapped_column(sa.Text)
    override: Mapped[bool] = mapped_column(default=False)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (
        _one_of("to_stage", STAGES, "to_stage_known"),
        sa.CheckConstraint("length(reason) > 0", name="reason_given"),
    )

    def __repr__(self) -> str:
        return f"<StageChange {self.vendor_id} {self.from_stage}->{self.to_stage}>"


class Score(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "vendor_score"
    audit_type_label = _l("Vendor score")
    audit_field_labels = {"value": _l("Score"), "evidence": _l("Evidence")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    evaluator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vendor_evaluator.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor.id", ondelete="CASCADE"),
                                           index=True)
    criterion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vendor_criterion.id", ondelete="CASCADE"), index=True)
    value: Mapped[int]
    evidence: Mapped[str] = mapped_column(sa.Text)

    __table_args__ = (
        sa.UniqueConstraint("evaluator_id", "vendor_id", "criterion_id",
                            name="uq_vendor_score_evaluator_vendor_criterion"),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name="value_range"),
    )

    def __repr__(self) -> str:
        return f"<Score e{self.evaluator_id} v{self.vendor_id} c{self.criterion_id}={self.value}>"


class SiteVisit(Audited, TimestampMixin, VersionedMixin, Base):
    """A visit to one of the vendor's reference customers."""

    __tablename__ = "vendor_site_visit"
    audit_type_label = _l("Site visit")
    audit_field_labels = {"customer": _l("Reference customer"), "visited_on": _l("Date"),
                          "attendees": _l("Who went"), "findings": _l("Findings"),
                          "rating": _l("Rating"), "completed": _l("Completed")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor.id", ondelete="CASCADE"),
                                           index=True)
    customer: Mapped[str] = mapped_column(sa.String(200))
    visited_on: Mapped[date]
    attendees: Mapped[str] = mapped_column(sa.String(500), default="")
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    rating: Mapped[int | None]
    completed: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        sa.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
        sa.CheckConstraint("NOT completed OR rating IS NOT NULL", name="completed_rated"),
    )

    def __repr__(self) -> str:
        return f"<SiteVisit {self.vendor_id} {self.customer!r} {self.visited_on}>"

    def audit_label(self) -> str:
        return self.customer


class Bid(Audited, TimestampMixin, VersionedMixin, Base):
    """A vendor's bid: headline price, licence model, and cost lines for the TCO."""

    __tablename__ = "vendor_bid"
    audit_type_label = _l("Bid")
    audit_field_labels = {"received_on": _l("Received"), "price": _l("Quoted price"),
                          "licence_model": _l("Licence model"), "notes": _l("Notes")}
    audit_value_labels = {"licence_model": LICENCE_MODEL_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor.id", ondelete="CASCADE"),
                                           unique=True)
    received_on: Mapped[date]
    price: Mapped[Decimal] = mapped_column(Money)
    licence_model: Mapped[str] = mapped_column(sa.String(20))
    notes: Mapped[str] = mapped_column(sa.Text, default="")

    lines: Mapped[list["BidLine"]] = relationship(
        back_populates="bid", cascade="all, delete-orphan", order_by="BidLine.id")

    __table_args__ = (
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
        _one_of("licence_model", LICENCE_MODELS, "licence_model_known"),
    )

    def __repr__(self) -> str:
        return f"<Bid {self.vendor_id} {self.price}>"


class BidLine(Audited, TimestampMixin, VersionedMixin, Base):
    """One kind of cost in a bid: paid once, and paid every year."""

    __tablename__ = "vendor_bid_line"
    audit_type_label = _l("Bid cost line")
    audit_field_labels = {"kind": _l("Cost"), "one_off": _l("One-off"),
                          "yearly": _l("Per year")}
    audit_value_labels = {"kind": COST_KIND_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    bid_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor_bid.id", ondelete="CASCADE"),
                                        index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    one_off: Mapped[Decimal] = mapped_column(Money)
    yearly: Mapped[Decimal] = mapped_column(Money)

    bid: Mapped[Bid] = relationship(back_populates="lines")

    __table_args__ = (
        sa.UniqueConstraint("bid_id", "kind", name="uq_vendor_bid_line_bid_kind"),
        _one_of("kind", COST_KINDS, "kind_known"),
        sa.CheckConstraint("one_off >= 0 AND yearly >= 0", name="amounts_not_negative"),
    )

    def __repr__(self) -> str:
        return f"<BidLine {self.kind} {self.one_off}+{self.yearly}/y>"


class Claim(Audited, TimestampMixin, VersionedMixin, Base):
    """Something a vendor says its product does, checked at demos and site visits.

    A claim may answer a requirement of the project's register; it is about a must-have when
    that requirement's priority is the top one (`must`). A general claim names none.
    """

    __tablename__ = "vendor_claim"
    audit_type_label = _l("Vendor claim")
    audit_field_labels = {"text": _l("Claim"), "requirement_id": _l("Requirement"),
                          "reference_note": _l("Other reference"), "status": _l("Status"),
                          "checked_on": _l("Checked on"), "evidence": _l("Evidence")}
    audit_value_labels = {"status": CLAIM_STATUS_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor.id", ondelete="CASCADE"),
                                           index=True)
    text: Mapped[str] = mapped_column(sa.String(300))
    # Requirements are never deleted (they are withdrawn or superseded), so the link stays.
    requirement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("requirement.id", ondelete="RESTRICT"), index=True)
    # A reference outside the register (a tender section, an old free-text reference).
    reference_note: Mapped[str] = mapped_column(sa.String(120), default="")
    status: Mapped[str] = mapped_column(sa.String(12), default="unverified")
    checked_on: Mapped[date | None]
    evidence: Mapped[str] = mapped_column(sa.Text, default="")

    requirement: Mapped[Requirement | None] = relationship()
    vendor: Mapped[Vendor] = relationship(back_populates="claims")

    __table_args__ = (_one_of("status", CLAIM_STATUSES, "status_known"),)

    def __repr__(self) -> str:
        return f"<Claim {self.vendor_id} {self.status} {self.text!r}>"

    def audit_label(self) -> str:
        return self.text[:80]

    @property
    def must_have(self) -> bool:
        """Whether the claim answers a must-have requirement (the top priority)."""
        return self.requirement is not None and is_must_have(self.requirement.priority)

    @property
    def open_risk(self) -> bool:
        """An unverified claim on a must-have requirement: shown as a risk."""
        return self.must_have and self.status == "unverified"
