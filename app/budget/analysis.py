"""Pure budget analysis: overview by category and fiscal period, warnings, benefits and ROI."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from typing import Literal

LineId = int | str


class Category(StrEnum):
    SOFTWARE_LICENCES = "software_licences"
    TRAINING = "training"
    DATA_MAINTENANCE = "data_maintenance"
    INTEGRATION = "integration"
    PROJECT_MANAGEMENT = "project_management"
    CONTINGENCY = "contingency"
    OTHER = "other"


# The costs CRM budgets forget: each must be planned in proportion to the software itself.
HIDDEN_COSTS = (
    Category.TRAINING,
    Category.DATA_MAINTENANCE,
    Category.INTEGRATION,
    Category.PROJECT_MANAGEMENT,
)


# --- Fiscal calendar --------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class FiscalPeriod:
    """A fiscal quarter; orders chronologically."""

    fiscal_year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1..4, not {self.quarter}")

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} Q{self.quarter}"

    def next(self) -> FiscalPeriod:
        if self.quarter == 4:
            return FiscalPeriod(self.fiscal_year + 1, 1)
        return FiscalPeriod(self.fiscal_year, self.quarter + 1)


@dataclass(frozen=True)
class FiscalCalendar:
    """The project's fiscal year: the month it starts in and how years are named.

    With `year_named_by="end"` (the default) a year starting in April 2025 is FY2026, the
    calendar year in which it ends; with "start" it is FY2025. Both agree when it starts in
    January.
    """

    start_month: int = 1
    year_named_by: Literal["end", "start"] = "end"

    def __post_init__(self) -> None:
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"fiscal year start month must be 1..12, not {self.start_month}")
        if self.year_named_by not in ("end", "start"):
            raise ValueError(f"year_named_by must be 'end' or 'start', not {self.year_named_by}")

    def _naming_offset(self) -> int:
        return 1 if self.year_named_by == "end" and self.start_month != 1 else 0

    def period_of(self, day: date) -> FiscalPeriod:
        start_year = day.year if day.month >= self.start_month else day.year - 1
        quarter = (day.month - self.start_month) % 12 // 3 + 1
        return FiscalPeriod(start_year + self._naming_offset(), quarter)

    def months(self, period: FiscalPeriod) -> tuple[date, ...]:
        """First days of the three calendar months of a fiscal quarter."""
        start_year = period.fiscal_year - self._naming_offset()
        first = date(start_year, self.start_month, 1)
        return tuple(_add_months(first, 3 * (period.quarter - 1) + i) for i in range(3))

    def first_day(self, period: FiscalPeriod) -> date:
        return self.months(period)[0]

    def last_completed_year(self, as_of: date) -> int:
        """The latest fiscal year that has ended on or before `as_of`."""
        return self.period_of(as_of + timedelta(days=1)).fiscal_year - 1


def month_start(day: date) -> date:
    return day.replace(day=1)


def _months_between(first: date, last: date) -> int:
    """Calendar months from `first`'s month to `last`'s month, both counted."""
    return max(0, (last.year - first.year) * 12 + last.month - first.month + 1)


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


# --- Money ------------------------------------------------------------------------------------


def _unit(minor_digits: int) -> Decimal:
    return Decimal(1).scaleb(-minor_digits)


def _money(amount: Decimal | int, minor_digits: int, what: str) -> Decimal:
    """An amount in the currency's minor units; finer amounts are refused, not rounded."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"{what} must be a Decimal, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"{what} must be a finite amount, not {amount}")
    exact = amount.quantize(_unit(minor_digits))
    if exact != amount:
        raise ValueError(f"{what} {amount} has more than {minor_digits} decimal places")
    return exact


def _round(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_EVEN)


RATIO_PLACES = Decimal("0.0001")


# --- Inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    line_id: LineId
    category: Category
    period: FiscalPeriod
    planned: Decimal
    name: str = ""


@dataclass(frozen=True)
class CostEntry:
    line_id: LineId
    spent_on: date
    amount: Decimal  # negative for a credit note or refund


@dataclass(frozen=True)
class Forecast:
    line_id: LineId
    estimate_to_complete: Decimal


# --- Overview ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Planned, actual and forecast money for one slice of the budget.

    The forecast is the estimate at completion (actual + estimate to complete); a negative
    variance is a forecast overrun. A line without a forecast is expected to spend what is left
    of its plan (never less than nothing), so an unforecast line does not hide an overrun-free
    illusion of savings.
    """

    planned: Decimal
    actual: Decimal
    estimate_to_complete: Decimal

    @property
    def estimate_at_completion(self) -> Decimal:
        return self.actual + self.estimate_to_complete

    @property
    def variance(self) -> Decimal:
        return self.planned - self.estimate_at_completion

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.planned + other.planned,
            self.actual + other.actual,
            self.estimate_to_complete + other.estimate_to_complete,
        )


def _zero(minor_digits: int) -> Figures:
    zero = _unit(minor_digits) * 0
    return Figures(zero, zero, zero)


@dataclass(frozen=True)
class BudgetOverview:
    """Budget figures as of a date; every breakdown sums to `total` to the minor unit.

    `by_period` runs without gaps from the first to the last period holding any figure.
    Actual costs fall in the period of their date; an estimate to complete falls in its line's
    period, or in the current period when the line's period is already past. Lines without a
    forecast get the rest of their plan as estimate to complete (see `Figures`).
    """

    as_of: date
    calendar: FiscalCalendar
    minor_digits: int
    by_category: Mapping[Category, Figures]
    by_period: Mapping[FiscalPeriod, Figures]
    by_category_period: Mapping[tuple[Category, FiscalPeriod], Figures]
    total: Figures
    elapsed_months: int
    burn_rate: Decimal  # actual cost per elapsed month


def budget_overview(
    lines: Sequence[BudgetLine],
    entries: Iterable[CostEntry],
    forecasts: Iterable[Forecast] = (),
    *,
    as_of: date,
    calendar: FiscalCalendar = FiscalCalendar(),
    minor_digits: int = 2,
    start: date | None = None,
) -> BudgetOverview:
    """Planned vs actual vs forecast per category and per period, as of a date.

    Cost entries dated after `as_of` are left out, so a past date gives the overview as it
    stood then. `start` (default: the earliest line period or cost entry) begins the elapsed
    months over which the burn rate is taken.
    """
    by_id = _index_lines(lines, minor_digits)
    cells: dict[tuple[Category, FiscalPeriod], list[Decimal]] = defaultdict(
        lambda: [_unit(minor_digits) * 0] * 3
    )
    for line in lines:
        cells[line.category, line.period][0] += line.planned
    spent = [e for e in entries if e.spent_on <= as_of]
    for entry in spent:
        line = _line_of(by_id, entry.line_id)
        amount = _money(entry.amount, minor_digits, f"cost entry on line {entry.line_id}")
        cells[line.category, calendar.period_of(entry.spent_on)][1] += amount
    current = calendar.period_of(as_of)
    estimates = _estimates(forecasts, by_id, minor_digits)
    spent_by_line: dict[LineId, Decimal] = defaultdict(Decimal)
    for entry in spent:
        spent_by_line[entry.line_id] += entry.amount
    for line_id, line in by_id.items():
        etc = estimates.get(line_id)
        if etc is None:
            etc = max(line.planned - spent_by_line[line_id], _unit(minor_digits) * 0)
        cells[line.category, max(line.period, current)][2] += etc
    figures = {key: Figures(*values) for key, values in cells.items()}
    months = _elapsed_months(lines, spent, calendar, as_of, start)
    return _summarise(figures, as_of, calendar, minor_digits, months)


def _index_lines(lines: Sequence[BudgetLine], minor_digits: int) -> dict[LineId, BudgetLine]:
    by_id: dict[LineId, BudgetLine] = {}
    for line in lines:
        if line.line_id in by_id:
            raise ValueError(f"budget line {line.line_id} appears twice")
        planned = _money(line.planned, minor_digits, f"planned amount of line {line.line_id}")
        if planned < 0:
            raise ValueError(f"planned amount of line {line.line_id} is negative")
        by_id[line.line_id] = line
    return by_id


def _line_of(by_id: Mapping[LineId, BudgetLine], line_id: LineId) -> BudgetLine:
    try:
        return by_id[line_id]
    except KeyError:
        raise ValueError(f"no budget line {line_id}") from None


def _estimates(
    forecasts: Iterable[Forecast], by_id: Mapping[LineId, BudgetLine], minor_digits: int
) -> dict[LineId, Decimal]:
    estimates: dict[LineId, Decimal] = {}
    for forecast in forecasts:
        _line_of(by_id, forecast.line_id)
        if forecast.line_id in estimates:
            raise ValueError(f"line {forecast.line_id} has two forecasts")
        etc = _money(forecast.estimate_to_complete, minor_digits,
                     f"estimate to complete of line {forecast.line_id}")
        if etc < 0:
            raise ValueError(f"estimate to complete of line {forecast.line_id} is negative")
        estimates[forecast.line_id] = etc
    return estimates


def _elapsed_months(
    lines: Sequence[BudgetLine],
    spent: Sequence[CostEntry],
    calendar: FiscalCalendar,
    as_of: date,
    start: date | None,
) -> int:
    if start is None:
        starts = [calendar.first_day(line.period) for line in lines]
        starts += [entry.spent_on for entry in spent]
        if not starts:
            return 0
        start = min(starts)
    return _months_between(start, as_of)


def _summarise(
    figures: Mapping[tuple[Category, FiscalPeriod], Figures],
    as_of: date,
    calendar: FiscalCalendar,
    minor_digits: int,
    elapsed_months: int,
) -> BudgetOverview:
    zero = _zero(minor_digits)
    by_category = dict.fromkeys(Category, zero)
    by_period: dict[FiscalPeriod, Figures] = {}
    if figures:
        period, last = min(p for _, p in figures), max(p for _, p in figures)
        while period <= last:
            by_period[period] = zero
            period = period.next()
    total = zero
    for (category, period), cell in sorted(figures.items()):
        by_category[category] += cell
        by_period[period] += cell
        total += cell
    burn_rate = zero.actual
    if elapsed_months:
        burn_rate = _round(total.actual / elapsed_months, _unit(minor_digits))
    return BudgetOverview(
        as_of=as_of,
        calendar=calendar,
        minor_digits=minor_digits,
        by_category=by_category,
        by_period=by_period,
        by_category_period=dict(sorted(figures.items())),
        total=total,
        elapsed_months=elapsed_months,
        burn_rate=burn_rate,
    )


# --- Rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetRules:
    """Thresholds for the budget warnings (seeds/budget_rules.toml)."""

    hidden_cost_shares: Mapping[Category, Decimal]  # minimum share of the software cost
    contingency_min_share: Decimal  # minimum contingency as a share of the total plan
    contingency_draw_tolerance: Decimal  # drawn share may lead schedule progress by this much
    sawtooth_rise_ratio: Decimal  # a year at least this multiple of the year before ...
    sawtooth_fall_ratio: Decimal  # ... followed by a year at most this multiple of it
    sawtooth_categories: tuple[Category, ...]  # besides the total


def load_budget_rules(data: str | bytes) -> BudgetRules:
    """Parse budget rules from TOML; decimals stay exact."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    raw = tomllib.loads(text, parse_float=Decimal)
    hidden, contingency, sawtooth = raw["hidden_costs"], raw["contingency"], raw["sawtooth"]
    unknown = set(hidden) - set(HIDDEN_COSTS)
    if unknown:
        raise ValueError(f"not hidden-cost categories: {', '.join(sorted(unknown))}")
    rules = BudgetRules(
        hidden_cost_shares={Category(key): Decimal(value) for key, value in hidden.items()},
        contingency_min_share=Decimal(contingency["min_share_of_total"]),
        contingency_draw_tolerance=Decimal(contingency["draw_tolerance"]),
        sawtooth_rise_ratio=Decimal(sawtooth["rise_ratio"]),
        sawtooth_fall_ratio=Decimal(sawtooth["fall_ratio"]),
        sawtooth_categories=tuple(Category(key) for key in sawtooth["categories"]),
    )
    shares = [*rules.hidden_cost_shares.values(), rules.contingency_min_share,
              rules.contingency_draw_tolerance]
    if any(share < 0 for share in shares):
        raise ValueError("shares and tolerances must not be negative")
    if not rules.sawtooth_fall_ratio < 1 < rules.sawtooth_rise_ratio:
        raise ValueError("sawtooth ratios must satisfy fall_ratio < 1 < rise_ratio")
    return rules


# --- Warnings ---------------------------------------------------------------------------------


class Severity(StrEnum):
    CRITICAL = "critical"
    WARNING = "warning"


class WarningCode(StrEnum):
    HIDDEN_COST_MISSING = "hidden_cost_missing"
    HIDDEN_COST_LOW = "hidden_cost_low"
    CONTINGENCY_MISSING = "contingency_missing"
    CONTINGENCY_LOW = "contingency_low"
    CONTINGENCY_OVERDRAWN = "contingency_overdrawn"
    UNPLANNED_SPENDING = "unplanned_spending"
    SAWTOOTH = "sawtooth"


SEVERITY = {
    WarningCode.HIDDEN_COST_MISSING: Severity.CRITICAL,
    WarningCode.HIDDEN_COST_LOW: Severity.WARNING,
    WarningCode.CONTINGENCY_MISSING: Severity.CRITICAL,
    WarningCode.CONTINGENCY_LOW: Severity.WARNING,
    WarningCode.CONTINGENCY_OVERDRAWN: Severity.CRITICAL,
    WarningCode.UNPLANNED_SPENDING: Severity.WARNING,
    WarningCode.SAWTOOTH: Severity.WARNING,
}

# English messages; the UI may translate by code and format with params and evidence.
MESSAGES = {
    WarningCode.HIDDEN_COST_MISSING: "Nothing is planned for {category}, a cost CRM budgets "
    "often forget.",
    WarningCode.HIDDEN_COST_LOW: "{category} is planned at {share} of the software cost; "
    "at least {required_share} is expected.",
    WarningCode.CONTINGENCY_MISSING: "The budget holds no contingency reserve.",
    WarningCode.CONTINGENCY_LOW: "The contingency reserve is {share} of the total; at least "
    "{required_share} is expected.",
    WarningCode.CONTINGENCY_OVERDRAWN: "{drawn_share} of the contingency is drawn while the "
    "schedule is {schedule_complete} complete.",
    WarningCode.UNPLANNED_SPENDING: "{actual} was spent on {category}, which has no plan.",
    WarningCode.SAWTOOTH: "{series} ({basis}) rises to {peak} in FY{fiscal_year} and falls to "
    "{following} the next year: the CRM sawtooth.",
}


@dataclass(frozen=True)
class BudgetWarning:
    """A rule that fired: `params` name what it is about, `evidence` holds the numbers."""

    code: WarningCode
    severity: Severity
    params: Mapping[str, str]
    evidence: Mapping[str, Decimal]

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params, **self.evidence)


def _warning(code: WarningCode, params: Mapping[str, str], **evidence: Decimal) -> BudgetWarning:
    return BudgetWarning(code, SEVERITY[code], dict(params), evidence)


def budget_warnings(
    overview: BudgetOverview, rules: BudgetRules, *, schedule_complete: Decimal | None = None
) -> tuple[BudgetWarning, ...]:
    """Every warning that applies, in a fixed order.

    Boundaries: "below a share" fires strictly below it; the contingency draw fires strictly
    above schedule progress plus the tolerance; a sawtooth fires at or beyond both ratios.
    `schedule_complete` is the schedule's completed fraction (0..1); without it the
    contingency draw is not checked.
    """
    found = [*_hidden_cost_warnings(overview, rules), *_contingency_warnings(overview, rules)]
    if schedule_complete is not None:
        found += _contingency_draw_warnings(overview, rules, schedule_complete)
    found += _unplanned_spending_warnings(overview)
    found += _sawtooth_warnings(overview, rules)
    return tuple(found)


def _hidden_cost_warnings(overview: BudgetOverview, rules: BudgetRules) -> list[BudgetWarning]:
    if overview.total.planned <= 0:
        return []  # an empty budget has nothing to check yet
    software = overview.by_category[Category.SOFTWARE_LICENCES].planned
    found = []
    for category, required_share in rules.hidden_cost_shares.items():
        planned = overview.by_category[category].planned
        params = {"category": category.value}
        if planned == 0:
            found.append(_warning(WarningCode.HIDDEN_COST_MISSING, params, planned=planned,
                                  software_licences=software))
        elif planned < required_share * software:
            found.append(_warning(
                WarningCode.HIDDEN_COST_LOW, params, planned=planned, software_licences=software,
                share=_round(planned / software, RATIO_PLACES), required_share=required_share,
                required_amount=required_share * software,
            ))
    return found


def _contingency_warnings(overview: BudgetOverview, rules: BudgetRules) -> list[BudgetWarning]:
    total = overview.total.planned
    reserve = overview.by_category[Category.CONTINGENCY].planned
    if total <= 0:
        return []
    if reserve == 0:
        return [_warning(WarningCode.CONTINGENCY_MISSING, {}, planned=reserve, total=total)]
    if reserve < rules.contingency_min_share * total:
        return [_warning(
            WarningCode.CONTINGENCY_LOW, {}, planned=reserve, total=total,
            share=_round(reserve / total, RATIO_PLACES),
            required_share=rules.contingency_min_share,
            required_amount=rules.contingency_min_share * total,
        )]
    return []


def _contingency_draw_warnings(
    overview: BudgetOverview, rules: BudgetRules, schedule_complete: Decimal
) -> list[BudgetWarning]:
    if not 0 <= schedule_complete <= 1:
        raise ValueError(f"schedule_complete must be a fraction 0..1, not {schedule_complete}")
    reserve = overview.by_category[Category.CONTINGENCY]
    if reserve.planned <= 0:
        return []  # spending without a reserve is reported as unplanned spending
    allowed = schedule_complete + rules.contingency_draw_tolerance
    if reserve.actual <= allowed * reserve.planned:
        return []
    return [_warning(
        WarningCode.CONTINGENCY_OVERDRAWN, {}, planned=reserve.planned, drawn=reserve.actual,
        drawn_share=_round(reserve.actual / reserve.planned, RATIO_PLACES),
        schedule_complete=schedule_complete, tolerance=rules.contingency_draw_tolerance,
    )]


def _unplanned_spending_warnings(overview: BudgetOverview) -> list[BudgetWarning]:
    return [
        _warning(WarningCode.UNPLANNED_SPENDING, {"category": category.value},
                 actual=figures.actual, planned=figures.planned)
        for category, figures in overview.by_category.items()
        if figures.planned == 0 and figures.actual != 0
    ]


def _sawtooth_warnings(overview: BudgetOverview, rules: BudgetRules) -> list[BudgetWarning]:
    """Check the total and chosen categories, year by fiscal year, on plan and on actuals.

    Years run from the project's first fiscal year (the year before it counts as zero: nothing
    was spent on the project then) to the last planned year for the plan, and to the last
    completed year for actuals, since a year still under way would look like a fall.
    """
    cells = overview.by_category_period
    if not cells:
        return []
    first = min(period.fiscal_year for _, period in cells)
    planned_years = [p.fiscal_year for (_, p), f in cells.items() if f.planned != 0]
    last = {
        "planned": max(planned_years, default=first - 1),
        "actual": overview.calendar.last_completed_year(overview.as_of),
    }
    series_names = ("total", *(category.value for category in rules.sawtooth_categories))
    found = []
    for basis in ("planned", "actual"):
        yearly: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
        for (category, period), figures in cells.items():
            amount = getattr(figures, basis)
            yearly["total", period.fiscal_year] += amount
            yearly[category.value, period.fiscal_year] += amount
        for name in series_names:
            amounts = [yearly[name, year] for year in range(first, last[basis] + 1)]
            found += _sawtooth_in(amounts, first, rules, {"series": name, "basis": basis})
    return found


def _sawtooth_in(
    amounts: Sequence[Decimal], first_year: int, rules: BudgetRules, params: Mapping[str, str]
) -> list[BudgetWarning]:
    found = []
    for index in range(len(amounts) - 1):
        before = amounts[index - 1] if index else Decimal(0)
        peak, following = amounts[index], amounts[index + 1]
        if (peak > 0 and peak >= rules.sawtooth_rise_ratio * before
                and following <= rules.sawtooth_fall_ratio * peak):
            evidence = {"before": before, "peak": peak, "following": following,
                        "fall": _round(following / peak, RATIO_PLACES)}
            if before > 0:
                evidence["rise"] = _round(peak / before, RATIO_PLACES)
            found.append(_warning(WarningCode.SAWTOOTH,
                                  {**params, "fiscal_year": str(first_year + index)}, **evidence))
    return found


# --- Benefits, ROI and payback ----------------------------------------------------------------


@dataclass(frozen=True)
class Benefit:
    """A month's benefit: the business case's expectation and, once measured, what came.

    `derived` is the realised value derived from a linked KPI (app/budget/kpi_value.py); it
    counts only while no realised value is entered: an entered value wins.
    """

    month: date
    expected: Decimal
    realised: Decimal | None = None
    derived: Decimal | None = None

    @property
    def counted_realised(self) -> Decimal | None:
        return self.realised if self.realised is not None else self.derived


@dataclass(frozen=True)
class CashFlowMonth:
    month: date
    cost: Decimal
    benefit: Decimal
    net: Decimal
    cumulative_net: Decimal
    discounted_net: Decimal
    cumulative_discounted_net: Decimal


@dataclass(frozen=True)
class InvestmentCase:
    """Return on a series of monthly costs and benefits.

    ROI is (benefits - costs) / costs, undiscounted, as a fraction. NPV discounts month t of
    the series (t = 0 for its first month) by (1 + annual rate) ** (t / 12), the monthly rate
    equivalent to the annual one. Payback is the first month, from the first month with a
    cost, whose cumulative net cash flow is zero or more.
    """

    annual_discount_rate: Decimal
    total_cost: Decimal
    total_benefit: Decimal
    roi: Decimal | None  # None without costs
    npv: Decimal
    payback_month: date | None
    series: tuple[CashFlowMonth, ...]
    # Months from the last month with a cost (completion) to payback; most CRM projects
    # recover their investment 6 to 12 months after completion.
    payback_after_completion: int | None = None


def investment_case(
    costs: Mapping[date, Decimal],
    benefits: Mapping[date, Decimal],
    *,
    annual_discount_rate: Decimal,
    minor_digits: int = 2,
) -> InvestmentCase:
    """Cash flows month by month (keys are any day of the month) with ROI, NPV and payback."""
    if annual_discount_rate <= -1:
        raise ValueError("the discount rate must be above -100%")
    cost_by_month = _by_month(costs, minor_digits, "cost")
    benefit_by_month = _by_month(benefits, minor_digits, "benefit")
    months = sorted({*cost_by_month, *benefit_by_month})
    zero = _unit(minor_digits) * 0
    if not months:
        return InvestmentCase(annual_discount_rate, zero, zero, None, zero, None, ())
    unit = _unit(minor_digits)
    series, cumulative, discounted_sum = [], zero, Decimal(0)
    payback, started = None, False
    for t in range(_months_between(months[0], months[-1])):
        month = _add_months(months[0], t)
        cost, benefit = cost_by_month.get(month, zero), benefit_by_month.get(month, zero)
        net = benefit - cost
        cumulative += net
        discounted = net / (1 + annual_discount_rate) ** (Decimal(t) / 12)
        discounted_sum += discounted
        series.append(CashFlowMonth(month, cost, benefit, net, cumulative,
                                    _round(discounted, unit), _round(discounted_sum, unit)))
        started = started or cost != 0
        if started and payback is None and cumulative >= 0:
            payback = month
    total_cost = sum(cost_by_month.values(), zero)
    total_benefit = sum(benefit_by_month.values(), zero)
    roi = None
    if total_cost != 0:
        roi = _round((total_benefit - total_cost) / total_cost, RATIO_PLACES)
    after = None
    costly = [month for month, cost in cost_by_month.items() if cost != 0]
    if payback is not None and costly:
        last = max(costly)
        after = (payback.year - last.year) * 12 + payback.month - last.month
    return InvestmentCase(annual_discount_rate, total_cost, total_benefit, roi,
                          _round(discounted_sum, unit), payback, tuple(series), after)


def _by_month(amounts: Mapping[date, Decimal], minor_digits: int, what: str) -> dict[date, Decimal]:
    by_month: dict[date, Decimal] = defaultdict(lambda: _unit(minor_digits) * 0)
    for day, amount in amounts.items():
        by_month[month_start(day)] += _money(amount, minor_digits, f"{what} of {day}")
    return by_month


def monthly_actual_costs(
    entries: Iterable[CostEntry], *, until: date | None = None
) -> dict[date, Decimal]:
    """Actual cost per month (first day of the month), optionally up to a date."""
    by_month: dict[date, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if until is None or entry.spent_on <= until:
            by_month[month_start(entry.spent_on)] += entry.amount
    return dict(sorted(by_month.items()))


def monthly_planned_costs(
    lines: Iterable[BudgetLine], *, calendar: FiscalCalendar, minor_digits: int = 2
) -> dict[date, Decimal]:
    """Planned cost per month, each quarter's amount spread evenly over its three months.

    Minor units that do not divide by three go to the quarter's first months, so the months
    add up to the plan exactly.
    """
    unit = _unit(minor_digits)
    by_month: dict[date, Decimal] = defaultdict(lambda: unit * 0)
    for line in lines:
        units = int(_money(line.planned, minor_digits, f"planned amount of {line.line_id}") / unit)
        share, left_over = divmod(units, 3)
        for index, month in enumerate(calendar.months(line.period)):
            by_month[month] += (share + (index < left_over)) * unit
    return dict(sorted(by_month.items()))


@dataclass(frozen=True)
class BenefitCases:
    expected: InvestmentCase  # planned costs against expected benefits (the business case)
    realised: InvestmentCase  # actual costs against realised benefits, up to the as-of date


def benefit_cases(
    lines: Sequence[BudgetLine],
    entries: Iterable[CostEntry],
    benefits: Iterable[Benefit],
    *,
    as_of: date,
    annual_discount_rate: Decimal,
    calendar: FiscalCalendar = FiscalCalendar(),
    minor_digits: int = 2,
) -> BenefitCases:
    """The business case and what has come of it so far, each with ROI, NPV and payback."""
    benefits = list(benefits)
    expected: dict[date, Decimal] = defaultdict(Decimal)
    realised: dict[date, Decimal] = defaultdict(Decimal)
    for benefit in benefits:
        expected[month_start(benefit.month)] += benefit.expected
        counted = benefit.counted_realised
        if counted is not None and benefit.month <= as_of:
            realised[month_start(benefit.month)] += counted
    plan = monthly_planned_costs(lines, calendar=calendar, minor_digits=minor_digits)
    spent = monthly_actual_costs(entries, until=as_of)
    return BenefitCases(
        expected=investment_case(plan, expected, annual_discount_rate=annual_discount_rate,
                                 minor_digits=minor_digits),
        realised=investment_case(spent, realised, annual_discount_rate=annual_discount_rate,
                                 minor_digits=minor_digits),
    )
