"""Budget baselines: a named, frozen snapshot of every line's planned amount, never changed."""

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.budget.models import Money, _category_check
from app.core.model_base import Audited, Base, UTCDateTime, utcnow


class BaselineImmutable(Exception):
    """Raised by the ORM when anything tries to change or delete a saved budget baseline."""


class BudgetBaseline(Audited, Base):
    """The budget as the committee approved it; `content_hash` seals the snapshot rows."""

    __tablename__ = "budget_baseline"
    audit_type_label = _l("Budget baseline")
    audit_field_labels = {"name": _l("Baseline name"), "note": _l("Note"),
                          "total_planned": _l("Total planned"),
                          "created_by_label": _l("Saved by"),
                          "content_hash": _l("Content SHA-256")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    total_planned: Mapped[Decimal] = mapped_column(Money)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    created_by_label: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_hash: Mapped[str] = mapped_column(sa.String(64))

    lines: Mapped[list["BudgetBaselineLine"]] = relationship(
        back_populates="baseline", cascade="all, delete-orphan",
        order_by="BudgetBaselineLine.number")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "name", name="uq_budget_baseline_name"),
    )

    def __repr__(self) -> str:
        return f"<BudgetBaseline {self.name!r}>"

    def audit_label(self) -> str:
        return self.name


class BudgetBaselineLine(Base):
    """One budget line as it stood when the baseline was saved (sealed by the baseline's hash).

    `line_id` goes to NULL when the line is later deleted; the row keeps its code and name.
    """

    __tablename__ = "budget_baseline_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(
        sa.ForeignKey("budget_baseline.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("budget_line.id", ondelete="SET NULL"), index=True)
    number: Mapped[int]
    category: Mapped[str] = mapped_column(sa.String(30))
    fiscal_year: Mapped[int]
    quarter: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    planned: Mapped[Decimal] = mapped_column(Money)

    baseline: Mapped[BudgetBaseline] = relationship(back_populates="lines")

    __table_args__ = (_category_check(),
                      sa.CheckConstraint("planned >= 0", name="planned_not_negative"))

    def __repr__(self) -> str:
        return f"<BudgetBaselineLine {self.number} {self.category} {self.planned}>"


@event.listens_for(BudgetBaseline, "before_update")
@event.listens_for(BudgetBaselineLine, "before_update")
def _refuse_update(_mapper, _connection, target) -> None:
    raise BaselineImmutable(f"{target!r} is a saved baseline and cannot change")


@event.listens_for(BudgetBaseline, "before_delete")
@event.listens_for(BudgetBaselineLine, "before_delete")
def _refuse_delete(_mapper, _connection, target) -> None:
    raise BaselineImmutable(f"{target!r} is a saved baseline and cannot be deleted")
