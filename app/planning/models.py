"""The phased plan: settings, phases with gates, tasks, dependencies and baseline snapshots."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Audited, Base, TimestampMixin, VersionedMixin

MONEY = sa.Numeric(14, 2)
LINK_TYPES = ("FS", "SS", "FF", "SF")
CONSTRAINT_TYPES = ("SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO")
LINK_LABELS = {
    "FS": _l("Finish to start (FS)"), "SS": _l("Start to start (SS)"),
    "FF": _l("Finish to finish (FF)"), "SF": _l("Start to finish (SF)"),
}
CONSTRAINT_LABELS = {
    "SNET": _l("Start no earlier than"), "SNLT": _l("Start no later than"),
    "FNET": _l("Finish no earlier than"), "FNLT": _l("Finish no later than"),
    "MSO": _l("Must start on"), "MFO": _l("Must finish on"),
}


class PlanSettings(Audited, TimestampMixin, VersionedMixin, Base):
    """One per project: the status date and the near-critical band.

    Every change to the plan's graph bumps this row's version, so two people adding links at
    once are serialised and cannot close a cycle between them.
    """

    __tablename__ = "plan_settings"
    audit_type_label = _l("Plan settings")

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), unique=True
    )
    status_date: Mapped[date | None]
    near_critical_days: Mapped[int] = mapped_column(default=5)
    graph_revision: Mapped[int] = mapped_column(default=0)

    audit_exclude = frozenset({"created_at", "updated_at", "graph_revision"})
    audit_field_labels = {"status_date": _l("Status date"),
                          "near_critical_days": _l("Near-critical band (working days of float)")}

    __table_args__ = (
        sa.CheckConstraint("near_critical_days >= 0 AND near_critical_days <= 100",
                           name="near_critical_range"),
    )

    def __repr__(self) -> str:
        return f"<PlanSettings project={self.project_id}>"


class Phase(Audited, TimestampMixin, VersionedMixin, Base):
    """An ordered stage of the rollout that ends in a gate the steering committee passes."""

    __tablename__ = "phase"
    audit_type_label = _l("Phase")
    audit_field_labels = {"position": _l("Order"), "name": _l("Name"), "gate": _l("Gate")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    gate: Mapped[str] = mapped_column(sa.String(200), default="")

    tasks: Mapped[list["PlanTask"]] = relationship(back_populates="phase",
                                               order_by="PlanTask.position")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "name", name="uq_phase_project_name"),
        sa.CheckConstraint("position >= 0", name="position_positive"),
    )

    def __repr__(self) -> str:
        return f"<Phase {self.position} {self.name!r}>"

    def audit_label(self) -> str:
        return self.name


class PlanTask(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "plan_task"
    audit_type_label = _l("Task")
    audit_field_labels = {
        "phase_id": _l("Phase"), "position": _l("Order"), "name": _l("Name"),
        "duration": _l("Duration (working days, 0 = milestone)"), "owner_id": _l("Owner"),
        "constraint_type": _l("Constraint"), "constraint_date": _l("Constraint date"),
        "percent_complete": _l("Percent complete"), "actual_start": _l("Actual start"),
        "actual_finish": _l("Actual finish"), "planned_cost": _l("Planned cost"),
        "actual_cost": _l("Actual cost"), "source_uid": _l("Task UID in the imported file"),
    }
    audit_value_labels = {"constraint_type": CONSTRAINT_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int] = mapped_column(sa.ForeignKey("phase.id", ondelete="RESTRICT"),
                                          index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(200))
    duration: Mapped[int]  # working days; 0 is a milestone
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    constraint_type: Mapped[str | None] = mapped_column(sa.String(4))
    constraint_date: Mapped[date | None]
    percent_complete: Mapped[int] = mapped_column(default=0)
    actual_start: Mapped[date | None]
    actual_finish: Mapped[date | None]
    planned_cost: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0))
    actual_cost: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0))
    source_uid: Mapped[int | None]  # the task's UID in an imported MS Project file

    phase: Mapped[Phase] = relationship(back_populates="tasks")
    owner = relationship("User")

    __table_args__ = (
        sa.CheckConstraint("duration >= 0 AND duration <= 10000", name="duration_range"),
        sa.CheckConstraint("percent_complete >= 0 AND percent_complete <= 100",
                           name="percent_range"),
        sa.CheckConstraint("(constraint_type IS NULL) = (constraint_date IS NULL)",
                           name="constraint_complete"),
        sa.CheckConstraint(
            "constraint_type IS NULL OR constraint_type IN "
            "('SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO')", name="constraint_known"),
        sa.CheckConstraint("actual_finish IS NULL OR actual_start IS NULL "
                           "OR actual_finish >= actual_start", name="actuals_ordered"),
        sa.CheckConstraint("planned_cost >= 0 AND actual_cost >= 0", name="cost_positive"),
    )

    def __repr__(self) -> str:
        return f"<PlanTask {self.id} {self.name!r}>"

    def audit_label(self) -> str:
        return self.name

    @property
    def is_milestone(self) -> bool:
        return self.duration == 0


class PlanDependency(Audited, TimestampMixin, VersionedMixin, Base):
    """The successor waits on the predecessor: finish/start to finish/start, plus a lag."""

    __tablename__ = "plan_dependency"
    audit_type_label = _l("Dependency")
    audit_field_labels = {"predecessor_id": _l("Predecessor"), "successor_id": _l("Successor"),
                          "type": _l("Link"), "lag": _l("Lag (working days, negative for a lead)")}
    audit_value_labels = {"type": LINK_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    predecessor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_task.id", ondelete="CASCADE"), index=True
    )
    successor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_task.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(sa.String(2), default="FS")
    lag: Mapped[int] = mapped_column(default=0)  # working days; negative is a lead

    predecessor: Mapped[PlanTask] = relationship(foreign_keys=[predecessor_id])
    successor: Mapped[PlanTask] = relationship(foreign_keys=[successor_id])

    __table_args__ = (
        sa.UniqueConstraint("predecessor_id", "successor_id", name="uq_plan_dependency_pair"),
        sa.CheckConstraint("predecessor_id <> successor_id", name="not_self"),
        sa.CheckConstraint("type IN ('FS', 'SS', 'FF', 'SF')", name="type_known"),
        sa.CheckConstraint("lag >= -1000 AND lag <= 1000", name="lag_range"),
    )

    def __repr__(self) -> str:
        return f"<PlanDependency {self.predecessor_id} {self.type} {self.successor_id} {self.lag}>"


class PlanBaseline(Audited, TimestampMixin, Base):
    """A named, frozen snapshot of the plan's dates and costs; `content_hash` seals the rows."""

    __tablename__ = "plan_baseline"
    audit_type_label = _l("Plan baseline")
    audit_field_labels = {"name": _l("Baseline name"), "project_finish": _l("Project finish"),
                          "content_hash": _l("Content SHA-256")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    project_finish: Mapped[date]
    content_hash: Mapped[str] = mapped_column(sa.String(64))

    tasks: Mapped[list["BaselineTask"]] = relationship(
        back_populates="baseline", cascade="all, delete-orphan", order_by="BaselineTask.id"
    )

    __table_args__ = (sa.UniqueConstraint("project_id", "name", name="uq_plan_baseline_name"),)

    def __repr__(self) -> str:
        return f"<PlanBaseline {self.name!r}>"

    def audit_label(self) -> str:
        return self.name


class BaselineTask(Base):
    """One task as it stood when the baseline was saved (sealed by the baseline's hash)."""

    __tablename__ = "plan_baseline_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(
        sa.ForeignKey("plan_baseline.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_task.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    start: Mapped[date]
    finish: Mapped[date]
    duration: Mapped[int]
    planned_cost: Mapped[Decimal] = mapped_column(MONEY)

    baseline: Mapped[PlanBaseline] = relationship(back_populates="tasks")

    def __repr__(self) -> str:
        return f"<BaselineTask {self.name!r} {self.start}..{self.finish}>"
