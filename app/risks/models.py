"""Risks, their assessments over time, and their links to tasks, claims and change requests.

Each kind of link is its own association table with the same shape (risk, target, project);
`service.LINKS` lists them, so another kind of link is one more model and one entry.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Audited, Base, TimestampMixin, VersionedMixin
from app.risks import scoring
from app.risks.labels import STATUS_LABELS, STRATEGY_LABELS

STATUSES = tuple(STATUS_LABELS)
STRATEGIES = tuple(STRATEGY_LABELS)
ACTIVE = ("open", "monitoring")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _rating(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} BETWEEN 1 AND 5", name=f"{column}_range")


def _project_fk() -> Mapped[int]:
    return mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)


def risk_code(number: int) -> str:
    return f"RISK-{number:02d}"


class Risk(Audited, TimestampMixin, VersionedMixin, Base):
    """A risk as it stands now; its probability and impact are those of the latest assessment."""

    __tablename__ = "risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    category: Mapped[str] = mapped_column(sa.String(40))
    probability: Mapped[int]
    impact: Mapped[int]
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    strategy: Mapped[str | None] = mapped_column(sa.String(10))
    response_plan: Mapped[str] = mapped_column(sa.Text, default="")
    trigger: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(12), default="open")
    identified_on: Mapped[date]

    owner = relationship("User")
    assessments: Mapped[list["RiskAssessment"]] = relationship(
        back_populates="risk", cascade="all, delete-orphan",
        order_by="(RiskAssessment.assessed_on, RiskAssessment.id)")
    task_links: Mapped[list["RiskTask"]] = relationship(cascade="all, delete-orphan")
    claim_links: Mapped[list["RiskClaim"]] = relationship(cascade="all, delete-orphan")
    change_links: Mapped[list["RiskChangeRequest"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_risk_project_number"),
        _rating("probability"), _rating("impact"),
        sa.CheckConstraint(_in("status", STATUSES), name="status_known"),
        sa.CheckConstraint(f"strategy IS NULL OR {_in('strategy', STRATEGIES)}",
                           name="strategy_known"),
    )

    audit_type_label = _l("Risk")
    audit_field_labels = {
        "number": _l("Sequence number"), "title": _l("Title"), "description": _l("Description"),
        "category": _l("Category"), "probability": _l("Probability"), "impact": _l("Impact"),
        "owner_id": _l("Owner"), "strategy": _l("Response strategy"),
        "response_plan": _l("Response plan"), "trigger": _l("Trigger"), "status": _l("Status"),
        "identified_on": _l("Identified on")}
    audit_value_labels = {"status": STATUS_LABELS, "strategy": STRATEGY_LABELS}

    def __repr__(self) -> str:
        return f"<Risk {self.code}>"

    @property
    def code(self) -> str:
        return risk_code(self.number)

    def audit_label(self) -> str:
        return self.code

    @property
    def score(self) -> int:
        return scoring.score(self.probability, self.impact)

    @property
    def has_response(self) -> bool:
        return self.strategy is not None and bool(self.response_plan.strip())

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


class RiskAssessment(Audited, Base):
    """One rating of a risk on a date; kept as history so the trend is computed, not typed."""

    __tablename__ = "risk_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    risk_id: Mapped[int] = mapped_column(sa.ForeignKey("risk.id", ondelete="CASCADE"),
                                         index=True)
    assessed_on: Mapped[date]
    probability: Mapped[int]
    impact: Mapped[int]
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    assessed_by_label: Mapped[str] = mapped_column(sa.String(200))

    risk: Mapped[Risk] = relationship(back_populates="assessments")

    __table_args__ = (_rating("probability"), _rating("impact"))

    audit_type_label = _l("Risk assessment")
    audit_field_labels = {"assessed_on": _l("Assessed on"), "probability": _l("Probability"),
                          "impact": _l("Impact"), "note": _l("Note"),
                          "assessed_by_label": _l("Assessed by")}

    def __repr__(self) -> str:
        return f"<RiskAssessment {self.risk_id} {self.assessed_on} {self.score}>"

    @property
    def score(self) -> int:
        return scoring.score(self.probability, self.impact)


class RiskTask(Audited, Base):
    """A plan task the risk threatens or whose outcome it depends on."""

    __tablename__ = "risk_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    risk_id: Mapped[int] = mapped_column(sa.ForeignKey("risk.id", ondelete="CASCADE"),
                                         index=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("plan_task.id", ondelete="CASCADE"),
                                         index=True)
    target = relationship("PlanTask")

    __table_args__ = (sa.UniqueConstraint("risk_id", "task_id", name="uq_risk_task_pair"),)
    audit_type_label = _l("Risk linked to a task")
    audit_field_labels = {"risk_id": _l("Risk"), "task_id": _l("Task")}

    def __repr__(self) -> str:
        return f"<RiskTask {self.risk_id}->{self.task_id}>"


class RiskClaim(Audited, Base):
    """A vendor claim whose truth the risk depends on (e.g. an interface said to exist)."""

    __tablename__ = "risk_claim"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    risk_id: Mapped[int] = mapped_column(sa.ForeignKey("risk.id", ondelete="CASCADE"),
                                         index=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("vendor_claim.id", ondelete="CASCADE"),
                                          index=True)
    target = relationship("Claim")

    __table_args__ = (sa.UniqueConstraint("risk_id", "claim_id", name="uq_risk_claim_pair"),)
    audit_type_label = _l("Risk linked to a vendor claim")
    audit_field_labels = {"risk_id": _l("Risk"), "claim_id": _l("Vendor claim")}

    def __repr__(self) -> str:
        return f"<RiskClaim {self.risk_id}->{self.claim_id}>"


class RiskChangeRequest(Audited, Base):
    """A change request that answers the risk, or that the risk makes more likely."""

    __tablename__ = "risk_change_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    risk_id: Mapped[int] = mapped_column(sa.ForeignKey("risk.id", ondelete="CASCADE"),
                                         index=True)
    change_request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_request.id", ondelete="CASCADE"), index=True)
    target = relationship("ChangeRequest")

    __table_args__ = (sa.UniqueConstraint("risk_id", "change_request_id",
                                          name="uq_risk_change_request_pair"),)
    audit_type_label = _l("Risk linked to a change request")
    audit_field_labels = {"risk_id": _l("Risk"), "change_request_id": _l("Change request")}

    def __repr__(self) -> str:
        return f"<RiskChangeRequest {self.risk_id}->{self.change_request_id}>"
