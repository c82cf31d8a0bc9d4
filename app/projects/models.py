"""A governed CRM implementation project and its working calendar."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Membership
from app.core.model_base import Audited, Base, TimestampMixin, VersionedMixin

WEEKDAY_COUNT = 7


class Project(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    start_date: Mapped[date]
    currency: Mapped[str] = mapped_column(sa.String(3))
    # One flag per weekday, Monday first: "1111100" is a Monday-to-Friday week.
    working_days: Mapped[str] = mapped_column(sa.String(7), default="1111100")

    holidays: Mapped[list["Holiday"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Holiday.day"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint("code = upper(code)", name="code_uppercase"),
        sa.CheckConstraint("length(currency) = 3", name="currency_iso"),
        sa.CheckConstraint("length(working_days) = 7", name="working_days_week"),
        sa.CheckConstraint("working_days <> '0000000'", name="working_days_some"),
    )

    audit_type_label = _l("Project")
    audit_field_labels = {
        "code": _l("Code"), "name": _l("Name"), "description": _l("Description"),
        "start_date": _l("Start date"), "currency": _l("Currency"),
        "working_days": _l("Working weekdays"),
    }

    def __repr__(self) -> str:
        return f"<Project {self.code}>"

    def audit_project_id(self) -> int:
        return self.id

    def audit_label(self) -> str:
        return self.code

    @property
    def working_weekdays(self) -> list[int]:
        """Working weekdays as numbers, Monday = 0 (as `date.weekday()` counts)."""
        return [i for i, flag in enumerate(self.working_days) if flag == "1"]


class Holiday(Audited, Base):
    """A non-working day on the project's calendar."""

    __tablename__ = "holiday"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date]
    name: Mapped[str] = mapped_column(sa.String(120), default="")

    project: Mapped[Project] = relationship(back_populates="holidays")

    __table_args__ = (sa.UniqueConstraint("project_id", "day", name="uq_holiday_project_day"),)

    audit_type_label = _l("Holiday")
    audit_field_labels = {"day": _l("Date"), "name": _l("Name")}

    def __repr__(self) -> str:
        return f"<Holiday {self.day} {self.name!r}>"

    def audit_label(self) -> str:
        return self.day.isoformat()
