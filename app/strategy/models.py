"""Strategy records: vision versions and sign-offs, business goals, objectives, KPIs, readiness."""

import hashlib
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.permissions import ROLE_LABELS
from app.core.signoff import SIGNOFF_FIELD_LABELS, SignoffMixin, signoff_constraints
from app.strategy.analysis import Aim, Direction, Horizon, KpiKind
from app.strategy.labels import (
    AIM_LABELS,
    DIRECTION_LABELS,
    HORIZON_LABELS,
    KIND_LABELS,
    PRIORITY_LABELS,
    SOURCE_LABELS,
)

# Room for large money figures and four decimal places (rates, scores).
VALUE = sa.Numeric(18, 4)
PRIORITIES = ("high", "medium", "low")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


def text_sha256(text: str) -> str:
    """The hash a sign-off records: SHA-256 of the exact text, encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Vision(Audited, TimestampMixin, VersionedMixin, Base):
    """The project's CRM vision: which version is latest and which one the sponsor approved."""

    __tablename__ = "vision"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), unique=True
    )
    latest_number: Mapped[int] = mapped_column(default=0)
    approved_number: Mapped[int | None]

    versions: Mapped[list["VisionVersion"]] = relationship(
        back_populates="vision", cascade="all, delete-orphan", order_by="VisionVersion.number"
    )

    __table_args__ = (
        sa.CheckConstraint("approved_number IS NULL OR approved_number <= latest_number",
                           name="approved_exists"),
    )

    audit_type_label = _l("Vision")
    audit_field_labels = {"latest_number": _l("Latest version"),
                          "approved_number": _l("Approved version")}

    def __repr__(self) -> str:
        return f"<Vision project={self.project_id} v{self.latest_number}>"


class VisionVersion(Audited, Base):
    """One immutable text of the vision; each edit adds the next number."""

    __tablename__ = "vision_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    vision_id: Mapped[int] = mapped_column(sa.ForeignKey("vision.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    author_label: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    vision: Mapped[Vision] = relationship(back_populates="versions")
    signoffs: Mapped[list["VisionSignoff"]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="VisionSignoff.signed_at"
    )

    __table_args__ = (
        sa.UniqueConstraint("vision_id", "number", name="uq_vision_version_vision_number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
    )

    audit_type_label = _l("Vision version")
    audit_field_labels = {
        "vision_id": _l("Vision"), "number": _l("Version"), "text": _l("Vision statement"),
        "note": _l("What changed"), "author_id": _l("Author"), "author_label": _l("Author name"),
    }

    def __repr__(self) -> str:
        return f"<VisionVersion {self.vision_id} v{self.number}>"

    def audit_label(self) -> str:
        return f"v{self.number}"

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


class VisionSignoff(SignoffMixin, Audited, Base):
    """Who approved which exact text, when, in which role, and what the approval means."""

    __tablename__ = "vision_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("vision_version.id", ondelete="CASCADE"), index=True)
    meaning: Mapped[str] = mapped_column(sa.String(300))

    version: Mapped[VisionVersion] = relationship(back_populates="signoffs")

    __table_args__ = signoff_constraints("uq_vision_signoff_version_user")

    audit_type_label = _l("Vision sign-off")
    audit_field_labels = {**SIGNOFF_FIELD_LABELS, "version_id": _l("Vision version"),
                          "user_id": _l("Signed by"), "signer_label": _l("Signer name"),
                          "signed_at": _l("Signed at")}
    audit_value_labels = {"role": ROLE_LABELS}

    @property
    def matches_text(self) -> bool:
        return self.valid


class BusinessGoal(Audited, TimestampMixin, VersionedMixin, Base):
    """A strategic goal of the company that the CRM effort must serve."""

    __tablename__ = "business_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "title", name="uq_business_goal_project_title"),
    )

    audit_type_label = _l("Business goal")
    audit_field_labels = {"title": _l("Title"), "description": _l("Description")}

    def __repr__(self) -> str:
        return f"<BusinessGoal {self.title!r}>"

    def audit_label(self) -> str:
        return self.title[:80]


class Objective(Audited, TimestampMixin, VersionedMixin, Base):
    """A CRM objective: what it aims at, over which horizon, who owns it, which goals it serves."""

    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    aim: Mapped[str] = mapped_column(sa.String(20))
    aim_other: Mapped[str] = mapped_column(sa.String(200), default="")
    horizon: Mapped[str] = mapped_column(sa.String(10))
    priority: Mapped[str] = mapped_column(sa.String(10))
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    owner: Mapped[User | None] = relationship()
    goal_links: Mapped[list["ObjectiveGoal"]] = relationship(
        back_populates="objective", cascade="all, delete-orphan")
    kpis: Mapped[list["Kpi"]] = relationship(back_populates="objective", order_by="Kpi.number")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_objective_project_number"),
        sa.CheckConstraint(_in("aim", Aim), name="aim_known"),
        sa.CheckConstraint(_in("horizon", Horizon), name="horizon_known"),
        sa.CheckConstraint(_in("priority", PRIORITIES), name="priority_known"),
    )

    audit_type_label = _l("Objective")
    audit_field_labels = {
        "number": _l("Sequence number"), "title": _l("Title"), "description": _l("Description"),
        "aim": _l("CRM aim"), "aim_other": _l("Other aim"), "horizon": _l("Horizon"),
        "priority": _l("Priority"), "owner_id": _l("Owner"),
    }
    audit_value_labels = {"aim": AIM_LABELS, "horizon": HORIZON_LABELS,
                          "priority": PRIORITY_LABELS}

    def __repr__(self) -> str:
        return f"<Objective {self.code}>"

    @property
    def code(self) -> str:
        return f"OBJ-{self.number:02d}"

    def audit_label(self) -> str:
        return self.code

    @property
    def goals(self) -> list[BusinessGoal]:
        return sorted((link.goal for link in self.goal_links), key=lambda g: g.id)


class ObjectiveGoal(Audited, Base):
    """Link: an objective serves a business goal."""

    __tablename__ = "objective_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    objective_id: Mapped[int] = mapped_column(sa.ForeignKey("objective.id", ondelete="CASCADE"))
    goal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("business_goal.id", ondelete="CASCADE"), index=True)

    objective: Mapped[Objective] = relationship(back_populates="goal_links")
    goal: Mapped[BusinessGoal] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("objective_id", "goal_id", name="uq_objective_goal_pair"),
    )

    audit_type_label = _l("Objective's business goal")
    audit_field_labels = {"objective_id": _l("Objective"), "goal_id": _l("Business goal")}

    def __repr__(self) -> str:
        return f"<ObjectiveGoal {self.objective_id}->{self.goal_id}>"

    def audit_label(self) -> str:
        return f"{self.objective_id}->{self.goal_id}"


class Kpi(Audited, TimestampMixin, VersionedMixin, Base):
    """A key performance indicator of an objective, with its baseline and two dated targets."""

    __tablename__ = "kpi"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    objective_id: Mapped[int] = mapped_column(
        sa.ForeignKey("objective.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    definition: Mapped[str] = mapped_column(sa.Text, default="")
    unit: Mapped[str] = mapped_column(sa.String(40))
    direction: Mapped[str] = mapped_column(sa.String(10))
    kind: Mapped[str] = mapped_column(sa.String(20))
    baseline_value: Mapped[Decimal | None] = mapped_column(VALUE)
    baseline_on: Mapped[date | None]
    short_target_value: Mapped[Decimal | None] = mapped_column(VALUE)
    short_target_on: Mapped[date | None]
    long_target_value: Mapped[Decimal | None] = mapped_column(VALUE)
    long_target_on: Mapped[date | None]

    objective: Mapped[Objective] = relationship(back_populates="kpis")
    measurements: Mapped[list["Measurement"]] = relationship(
        back_populates="kpi", cascade="all, delete-orphan",
        order_by="(Measurement.measured_on, Measurement.id)")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_kpi_project_number"),
        sa.CheckConstraint(_in("direction", Direction), name="direction_known"),
        sa.CheckConstraint(_in("kind", KpiKind), name="kind_known"),
        sa.CheckConstraint("(baseline_value IS NULL) = (baseline_on IS NULL)",
                           name="baseline_paired"),
        sa.CheckConstraint("(short_target_value IS NULL) = (short_target_on IS NULL)",
                           name="short_target_paired"),
        sa.CheckConstraint("(long_target_value IS NULL) = (long_target_on IS NULL)",
                           name="long_target_paired"),
        sa.CheckConstraint("short_target_on IS NULL OR long_target_on IS NULL "
                           "OR short_target_on < long_target_on", name="targets_in_order"),
    )

    audit_type_label = _l("KPI")
    audit_field_labels = {
        "objective_id": _l("Objective"), "number": _l("Sequence number"), "name": _l("Name"),
        "definition": _l("How it is measured"), "unit": _l("Unit"),
        "direction": _l("Direction"), "kind": _l("Kind of measure"),
        "baseline_value": _l("Baseline value"), "baseline_on": _l("Baseline measured on"),
        "short_target_value": _l("Short-term target"),
        "short_target_on": _l("Short-term target date"),
        "long_target_value": _l("Long-term target"), "long_target_on": _l("Long-term target date"),
    }
    audit_value_labels = {"direction": DIRECTION_LABELS, "kind": KIND_LABELS}

    def __repr__(self) -> str:
        return f"<Kpi {self.code}>"

    @property
    def code(self) -> str:
        return f"KPI-{self.number:02d}"

    def audit_label(self) -> str:
        return self.code


class Measurement(Audited, TimestampMixin, VersionedMixin, Base):
    """A KPI value measured on a date, typed in or imported from CSV."""

    __tablename__ = "measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    kpi_id: Mapped[int] = mapped_column(sa.ForeignKey("kpi.id", ondelete="CASCADE"))
    measured_on: Mapped[date]
    value: Mapped[Decimal] = mapped_column(VALUE)
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    source: Mapped[str] = mapped_column(sa.String(10), default="form")
    recorded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    kpi: Mapped[Kpi] = relationship(back_populates="measurements")
    recorded_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("kpi_id", "measured_on", name="uq_measurement_kpi_day"),
        sa.CheckConstraint("source IN ('form', 'import', 'seed')", name="source_known"),
    )

    audit_type_label = _l("KPI measurement")
    audit_field_labels = {
        "kpi_id": _l("KPI"), "measured_on": _l("Date"), "value": _l("Value"), "note": _l("Note"),
        "source": _l("Source"), "recorded_by_id": _l("Recorded by"),
    }
    audit_value_labels = {"source": SOURCE_LABELS}

    def __repr__(self) -> str:
        return f"<Measurement kpi={self.kpi_id} {self.measured_on} {self.value}>"

    def audit_label(self) -> str:
        return f"{self.kpi_id}@{self.measured_on.isoformat()}"
