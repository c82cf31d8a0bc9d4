"""Training programmes and sessions, the roster of end users, attendance, and settings."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Audited, Base, TimestampMixin, VersionedMixin
from app.requirements.logic import DEPARTMENTS
from app.training.coverage import KINDS
from app.training.labels import DEPARTMENT_LABELS, KIND_LABELS


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _project_fk(**options) -> Mapped[int]:
    return mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"), index=True, **options)


class TrainingSettings(Audited, TimestampMixin, VersionedMixin, Base):
    """One per project: which plan milestone is go-live (coverage is measured by its date)."""

    __tablename__ = "training_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            unique=True)
    go_live_task_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_task.id", ondelete="SET NULL"), index=True)

    go_live_task = relationship("PlanTask")
    audit_type_label = _l("Training settings")
    audit_field_labels = {"go_live_task_id": _l("Go-live milestone")}

    def __repr__(self) -> str:
        return f"<TrainingSettings project={self.project_id}>"


class TrainingProgramme(Audited, TimestampMixin, VersionedMixin, Base):
    """A course of one kind: concept training (why CRM) or operational training (how)."""

    __tablename__ = "training_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    kind: Mapped[str] = mapped_column(sa.String(12))
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    sessions: Mapped[list["TrainingSession"]] = relationship(
        back_populates="programme", order_by="(TrainingSession.held_on, TrainingSession.id)")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "name", name="uq_training_programme_project_name"),
        sa.CheckConstraint(_in("kind", KINDS), name="kind_known"),
    )
    audit_type_label = _l("Training programme")
    audit_field_labels = {"kind": _l("Kind"), "name": _l("Name"),
                          "description": _l("Description")}
    audit_value_labels = {"kind": KIND_LABELS}

    def __repr__(self) -> str:
        return f"<TrainingProgramme {self.name!r}>"

    def audit_label(self) -> str:
        return self.name


class TrainingSession(Audited, TimestampMixin, VersionedMixin, Base):
    """One sitting of a programme: when, where, who teaches, for which departments."""

    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    programme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_programme.id", ondelete="RESTRICT"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    trainer: Mapped[str] = mapped_column(sa.String(200), default="")
    # The audience's department keys, space separated ("sales customer_service").
    audience: Mapped[str] = mapped_column(sa.String(200), default="")
    capacity: Mapped[int]

    programme: Mapped[TrainingProgramme] = relationship(back_populates="sessions")
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="session", cascade="all, delete-orphan")

    __table_args__ = (sa.CheckConstraint("capacity BETWEEN 1 AND 1000", name="capacity_range"),)
    audit_type_label = _l("Training session")
    audit_field_labels = {"programme_id": _l("Programme"), "held_on": _l("Date"),
                          "place": _l("Place"), "trainer": _l("Trainer"),
                          "audience": _l("Audience"), "capacity": _l("Capacity")}

    def __repr__(self) -> str:
        return f"<TrainingSession {self.programme_id} {self.held_on}>"

    def audit_label(self) -> str:
        return f"{self.held_on.isoformat()} #{self.id}"

    @property
    def departments(self) -> list[str]:
        return [d for d in DEPARTMENTS if d in self.audience.split()]


class Trainee(Audited, TimestampMixin, VersionedMixin, Base):
    """An end user on the roster: coverage counts the active ones of each department."""

    __tablename__ = "trainee"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    name: Mapped[str] = mapped_column(sa.String(200))
    department: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (sa.CheckConstraint(_in("department", DEPARTMENTS),
                                         name="department_known"),)
    audit_type_label = _l("Trainee")
    audit_field_labels = {"name": _l("Name"), "department": _l("Department"),
                          "active": _l("On the roster")}
    audit_value_labels = {"department": DEPARTMENT_LABELS}

    def __repr__(self) -> str:
        return f"<Trainee {self.name!r} {self.department}>"

    def audit_label(self) -> str:
        return self.name


class Attendance(Audited, Base):
    """A trainee attended a session."""

    __tablename__ = "training_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE"), index=True)
    trainee_id: Mapped[int] = mapped_column(sa.ForeignKey("trainee.id", ondelete="CASCADE"),
                                            index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="attendance")
    trainee: Mapped[Trainee] = relationship()

    __table_args__ = (sa.UniqueConstraint("session_id", "trainee_id",
                                          name="uq_training_attendance_pair"),)
    audit_type_label = _l("Attendance")
    audit_field_labels = {"session_id": _l("Session"), "trainee_id": _l("Trainee")}

    def __repr__(self) -> str:
        return f"<Attendance {self.session_id} {self.trainee_id}>"
