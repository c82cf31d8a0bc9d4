"""Budget records: lines by category and fiscal quarter, cost entries, benefits, settings."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.accounts.models import User
from app.budget.analysis import Category
from app.budget.labels import CATEGORY_LABELS, NAMED_BY_LABELS
from app.core.model_base import Audited, Base, TimestampMixin, VersionedMixin
from app.core.numbering import format_number
from app.strategy.models import Kpi

# Money is kept as a whole number of ten-thousandths: exact on SQLite (whose NUMERIC is a
# float) and PostgreSQL alike, and independent of the currency, so changing a project's
# currency never rescales stored amounts. Inputs are checked against the currency's own
# minor unit before they get here.
MONEY_SCALE = 4
CATEGORY_VALUES = tuple(c.value for c in Category)


class Money(sa.types.TypeDecorator):
    """A Decimal amount stored exactly as an integer count of 1/10000."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float) or not isinstance(value, Decimal | int):
            raise TypeError(f"money must be a Decimal, not {type(value).__name__}")
        scaled = Decimal(value).scaleb(MONEY_SCALE)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {MONEY_SCALE} decimal places")
        return int(scaled)

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(int(value)).scaleb(-MONEY_SCALE)


def _category_check() -> sa.CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in CATEGORY_VALUES)
    return sa.CheckConstraint(f"category IN ({allowed})", name="category_known")


class BudgetLine(Audited, TimestampMixin, VersionedMixin, Base):
    """Planned money for one category in one fiscal quarter, with its forecast."""

    __tablename__ = "budget_line"
    audit_type_label = _l("Budget line")
    audit_field_labels = {
        "number": _l("Sequence number"), "category": _l("Category"),
        "fiscal_year": _l("Fiscal year"), "quarter": _l("Quarter"), "name": _l("Name"),
        "owner_id": _l("Owner"), "notes": _l("Notes"), "planned": _l("Planned amount"),
        "estimate_to_complete": _l("Estimate to complete"),
        "forecast_note": _l("Forecast note"), "forecast_on": _l("Forecast date"),
    }
    audit_value_labels = {"category": {c.value: label for c, label in CATEGORY_LABELS.items()}}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    category: Mapped[str] = mapped_column(sa.String(30))
    fiscal_year: Mapped[int]
    quarter: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    planned: Mapped[Decimal] = mapped_column(Money)
    # The forecast: what is still to be spent on this line; None means "the rest of the plan".
    estimate_to_complete: Mapped[Decimal | None] = mapped_column(Money)
    forecast_note: Mapped[str] = mapped_column(sa.String(500), default="")
    forecast_on: Mapped[date | None]

    owner: Mapped[User | None] = relationship()
    entries: Mapped[list["CostEntry"]] = relationship(back_populates="line",
                                                      passive_deletes="all")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_budget_line_project_number"),
        _category_check(),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        sa.CheckConstraint("fiscal_year BETWEEN 1990 AND 2100", name="fiscal_year_range"),
        sa.CheckConstraint("planned >= 0", name="planned_not_negative"),
        sa.CheckConstraint("estimate_to_complete IS NULL OR estimate_to_complete >= 0",
                           name="estimate_not_negative"),
    )

    def __repr__(self) -> str:
        return f"<BudgetLine {self.code} {self.category} FY{self.fiscal_year}Q{self.quarter}>"

    @property
    def code(self) -> str:
        return format_number("BL", self.number or 0, 3)

    def audit_label(self) -> str:
        return self.code


class CostEntry(Audited, TimestampMixin, VersionedMixin, Base):
    """Money actually spent (or credited back, when negative) against a budget line."""

    __tablename__ = "cost_entry"
    audit_type_label = _l("Cost entry")
    audit_field_labels = {
        "line_id": _l("Budget line"), "spent_on": _l("Date"), "amount": _l("Amount"),
        "supplier": _l("Supplier"), "reference": _l("Reference"), "notes": _l("Notes"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    # A line with costs against it cannot be deleted: the money was spent.
    line_id: Mapped[int] = mapped_column(
        sa.ForeignKey("budget_line.id", ondelete="RESTRICT"), index=True)
    spent_on: Mapped[date] = mapped_column(index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    supplier: Mapped[str] = mapped_column(sa.String(200), default="")
    reference: Mapped[str] = mapped_column(sa.String(100), default="")
    notes: Mapped[str] = mapped_column(sa.String(500), default="")

    line: Mapped[BudgetLine] = relationship(back_populates="entries")

    __table_args__ = (sa.CheckConstraint("amount <> 0", name="amount_not_zero"),)

    def __repr__(self) -> str:
        return f"<CostEntry {self.id} {self.spent_on} {self.amount}>"


class Benefit(Audited, TimestampMixin, VersionedMixin, Base):
    """A month's benefit of the business case: what is expected and, once measured, what came."""

    __tablename__ = "budget_benefit"
    audit_type_label = _l("Benefit")
    audit_field_labels = {"month": _l("Month"), "description": _l("Description"),
                          "expected": _l("Expected"), "realised": _l("Realised"),
                          "kpi_id": _l("Valued by KPI"),
                          "value_per_point": _l("Value per KPI point")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    month: Mapped[date]  # always the first day of the month
    description: Mapped[str] = mapped_column(sa.String(200))
    expected: Mapped[Decimal] = mapped_column(Money)
    realised: Mapped[Decimal | None] = mapped_column(Money)
    # Optionally valued by a KPI of the project: the money one unit of the KPI's gain over its
    # baseline is worth in this month. Both or neither (see app/budget/kpi_value.py).
    kpi_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("kpi.id", ondelete="RESTRICT"), index=True)
    value_per_point: Mapped[Decimal | None] = mapped_column(Money)

    kpi: Mapped[Kpi | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("project_id", "month", "description",
                            name="uq_budget_benefit_project_month_description"),
        sa.CheckConstraint("expected >= 0", name="expected_not_negative"),
        sa.CheckConstraint("realised IS NULL OR realised >= 0", name="realised_not_negative"),
        sa.CheckConstraint("(kpi_id IS NULL) = (value_per_point IS NULL)",
                           name="kpi_value_paired"),
        sa.CheckConstraint("value_per_point IS NULL OR value_per_point > 0",
                           name="value_per_point_positive"),
    )

    def __repr__(self) -> str:
        return f"<Benefit {self.month:%Y-%m} {self.description!r}>"

    def audit_label(self) -> str:
        return f"{self.month:%Y-%m} {self.description}"


@event.listens_for(Session, "before_flush")
def _keep_valuing_kpis(session: Session, _context, _instances) -> None:
    """A KPI that benefits are valued by cannot be deleted: unlink the benefits first."""
    doomed = [k.id for k in session.deleted if isinstance(k, Kpi)]
    if not doomed:
        return
    rows = session.execute(
        sa.select(Benefit.month, Benefit.description).where(Benefit.kpi_id.in_(doomed))
        .order_by(Benefit.month, Benefit.description).limit(4)).all()
    if rows:
        from app.core.errors import DomainError

        names = "; ".join(f"{month:%Y-%m} {description}" for month, description in rows[:3])
        raise DomainError(_l("Benefits are valued by this KPI (%(names)s%(more)s): unlink them "
                             "first.", names=names, more=" …" if len(rows) > 3 else ""))


class BudgetSettings(Audited, TimestampMixin, VersionedMixin, Base):
    """A project's budget settings, kept apart from the project record itself."""

    __tablename__ = "budget_settings"
    audit_type_label = _l("Budget settings")
    audit_field_labels = {
        "fiscal_year_start_month": _l("Fiscal year starts in month"),
        "fiscal_year_named_by": _l("Fiscal years are named by"),
        "discount_rate_bp": _l("Discount rate, basis points a year"),
        "schedule_percent_complete": _l("Schedule progress, %"),
    }
    audit_value_labels = {"fiscal_year_named_by": NAMED_BY_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), unique=True)
    fiscal_year_start_month: Mapped[int] = mapped_column(default=1)
    fiscal_year_named_by: Mapped[str] = mapped_column(sa.String(5), default="end")
    # Rates as basis points (1% = 100): integers stay exact on every database.
    discount_rate_bp: Mapped[int] = mapped_column(default=800)
    # Used only while no schedule with progress exists in the planning module.
    schedule_percent_complete: Mapped[int | None]

    __table_args__ = (
        sa.CheckConstraint("fiscal_year_start_month BETWEEN 1 AND 12", name="start_month_range"),
        sa.CheckConstraint("fiscal_year_named_by IN ('end', 'start')", name="named_by_known"),
        sa.CheckConstraint("discount_rate_bp BETWEEN 0 AND 10000", name="discount_rate_range"),
        sa.CheckConstraint(
            "schedule_percent_complete IS NULL OR schedule_percent_complete BETWEEN 0 AND 100",
            name="schedule_percent_range"),
    )

    def __repr__(self) -> str:
        return f"<BudgetSettings project={self.project_id}>"

    @property
    def discount_rate(self) -> Decimal:
        return Decimal(self.discount_rate_bp or 0).scaleb(-4)
