"""Audit builders for the budget domain: lines, cost entries, benefits, settings, baselines."""

from datetime import date
from decimal import Decimal

from app.budget.baseline_models import BaselineImmutable, BudgetBaseline, BudgetBaselineLine
from app.budget.models import Benefit, BudgetLine, BudgetSettings, CostEntry
from app.strategy.models import Kpi, Objective


def _line(s, ctx):
    return BudgetLine(project_id=ctx["project"].id, number=1, category="training",
                      fiscal_year=2026, quarter=2, name="Sales training, 3 cities",
                      owner_id=ctx["user"].id, planned=Decimal("45000"))


def _entry(s, ctx):
    line = _line(s, ctx)
    s.add(line)
    s.flush()
    return CostEntry(project_id=line.project_id, line=line, spent_on=date(2026, 4, 15),
                     amount=Decimal("12500.50"), supplier="上海培训公司", reference="INV-7")


def _benefit(s, ctx):
    objective = Objective(project_id=ctx["project"].id, number=1, title="Retain key accounts",
                          aim="retain", horizon="long", priority="high")
    kpi = Kpi(project_id=ctx["project"].id, objective=objective, number=1,
              name="Key-account retention", unit="%", direction="higher", kind="loyalty")
    s.add_all([objective, kpi])
    s.flush()
    return Benefit(project_id=ctx["project"].id, month=date(2026, 9, 1),
                   description="Retention gain", expected=Decimal("40000"),
                   realised=Decimal("38000"), kpi_id=kpi.id,
                   value_per_point=Decimal("40000"))


def _settings(s, ctx):
    return BudgetSettings(project_id=ctx["project"].id, fiscal_year_start_month=4)


def _baseline(s, ctx):
    baseline = BudgetBaseline(project_id=ctx["project"].id, name="Approved budget 批准预算",
                              total_planned=Decimal("45000"), created_by_id=ctx["user"].id,
                              created_by_label="Catherine Wong", content_hash="a" * 64)
    baseline.lines = [BudgetBaselineLine(number=1, category="training", fiscal_year=2026,
                                         quarter=2, name="Sales training",
                                         planned=Decimal("45000"))]
    return baseline


# Fields are chosen so the change keeps the record's audit label (the test finds its rows by
# it). Money compares as text in the trail, so the benefit's change clears its measured value.
BUILDERS = {
    BudgetLine: (_line, "name", "Sales training, 4 cities"),
    CostEntry: (_entry, "supplier", "Quest Academy"),
    Benefit: (_benefit, "realised", None),
    BudgetSettings: (_settings, "discount_rate_bp", 750),
    BudgetBaseline: (_baseline, "note", "Rewritten after the committee approved it"),
}
# A budget baseline is what the committee approved: the model refuses to change or delete it.
IMMUTABLE = {BudgetBaseline: BaselineImmutable}
