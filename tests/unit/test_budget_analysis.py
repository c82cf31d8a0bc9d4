"""Unit and property tests for the pure budget analysis."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.budget.analysis import (
    HIDDEN_COSTS,
    Benefit,
    BudgetLine,
    BudgetRules,
    Category,
    CostEntry,
    FiscalCalendar,
    FiscalPeriod,
    Forecast,
    Severity,
    WarningCode,
    benefit_cases,
    budget_overview,
    budget_warnings,
    investment_case,
    load_budget_rules,
    monthly_actual_costs,
    monthly_planned_costs,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "budget_rules.toml"
D = Decimal
C = Category
P = FiscalPeriod

RULES = BudgetRules(
    hidden_cost_shares={C.TRAINING: D("0.15"), C.DATA_MAINTENANCE: D("0.10"),
                        C.INTEGRATION: D("0.25"), C.PROJECT_MANAGEMENT: D("0.10")},
    contingency_min_share=D("0.10"),
    contingency_draw_tolerance=D("0.10"),
    sawtooth_rise_ratio=D("1.5"),
    sawtooth_fall_ratio=D("0.6"),
    sawtooth_categories=(C.SOFTWARE_LICENCES, C.TRAINING),
)


def line(line_id, category, period, planned):
    return BudgetLine(line_id, category, period, D(planned))


def codes(warnings, code=None):
    return [w for w in warnings if code is None or w.code == code]


def healthy_lines(software="1000.00"):
    """A one-quarter plan that satisfies every coverage rule of RULES."""
    s = D(software)
    return [
        line(1, C.SOFTWARE_LICENCES, P(2025, 1), s),
        line(2, C.TRAINING, P(2025, 1), s * D("0.15")),
        line(3, C.DATA_MAINTENANCE, P(2025, 1), s * D("0.10")),
        line(4, C.INTEGRATION, P(2025, 1), s * D("0.25")),
        line(5, C.PROJECT_MANAGEMENT, P(2025, 1), s * D("0.10")),
        line(6, C.CONTINGENCY, P(2025, 1), s),
    ]


# --- Fiscal calendar --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_month", "named_by", "day", "expected"),
    [
        (1, "end", date(2025, 1, 1), P(2025, 1)),
        (1, "end", date(2025, 12, 31), P(2025, 4)),
        (4, "end", date(2025, 3, 31), P(2025, 4)),
        (4, "end", date(2025, 4, 1), P(2026, 1)),
        (4, "start", date(2025, 4, 1), P(2025, 1)),
        (4, "start", date(2026, 3, 31), P(2025, 4)),
        (10, "end", date(2024, 10, 1), P(2025, 1)),
        (10, "end", date(2025, 9, 30), P(2025, 4)),
        (7, "end", date(2025, 12, 15), P(2026, 2)),
    ],
)
def test_fiscal_period_of_a_date(start_month, named_by, day, expected):
    assert FiscalCalendar(start_month, named_by).period_of(day) == expected


def test_months_of_a_fiscal_quarter_cross_the_calendar_year():
    calendar = FiscalCalendar(11)
    assert calendar.months(P(2026, 1)) == (date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1))


def test_last_completed_fiscal_year():
    calendar = FiscalCalendar(4)
    assert calendar.last_completed_year(date(2026, 3, 31)) == 2026
    assert calendar.last_completed_year(date(2026, 3, 30)) == 2025


@pytest.mark.parametrize("bad", [0, 13])
def test_fiscal_calendar_rejects_bad_start_month(bad):
    with pytest.raises(ValueError, match="start month"):
        FiscalCalendar(bad)


def test_fiscal_period_rejects_bad_quarter():
    with pytest.raises(ValueError, match="quarter"):
        P(2025, 5)


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(1, 12),
       st.sampled_from(["end", "start"]))
def test_a_date_falls_in_one_of_its_periods_months(day, start_month, named_by):
    calendar = FiscalCalendar(start_month, named_by)
    period = calendar.period_of(day)
    assert day.replace(day=1) in calendar.months(period)
    assert calendar.period_of(calendar.months(period)[2]) == period


# --- Overview ---------------------------------------------------------------------------------


def test_overview_by_category_and_period_with_gap_filled_periods():
    lines = [
        line("a", C.SOFTWARE_LICENCES, P(2025, 1), "1000.00"),
        line("b", C.TRAINING, P(2025, 3), "200.00"),
    ]
    entries = [
        CostEntry("a", date(2025, 1, 10), D("600.00")),
        CostEntry("a", date(2025, 2, 10), D("500.00")),
        CostEntry("b", date(2025, 4, 2), D("50.00")),
        CostEntry("b", date(2025, 9, 1), D("999.00")),  # after as_of: not yet counted
    ]
    forecasts = [Forecast("a", D("0.00")), Forecast("b", D("170.00"))]
    overview = budget_overview(lines, entries, forecasts, as_of=date(2025, 5, 31))

    software = overview.by_category[C.SOFTWARE_LICENCES]
    assert (software.planned, software.actual, software.estimate_at_completion) == (
        D("1000.00"), D("1100.00"), D("1100.00"))
    assert software.variance == D("-100.00")
    training = overview.by_category[C.TRAINING]
    assert (training.actual, training.estimate_to_complete, training.variance) == (
        D("50.00"), D("170.00"), D("-20.00"))
    assert list(overview.by_period) == [P(2025, 1), P(2025, 2), P(2025, 3)]
    assert overview.by_period[P(2025, 2)].actual == D("50.00")
    assert overview.by_period[P(2025, 3)].estimate_to_complete == D("170.00")
    assert overview.total.estimate_at_completion == D("1320.00")
    assert overview.elapsed_months == 5
    assert overview.burn_rate == D("230.00")  # 1150.00 over January to May
    assert set(overview.by_category) == set(Category)


def test_estimate_to_complete_of_a_past_period_falls_in_the_current_one():
    lines = [line(1, C.INTEGRATION, P(2024, 4), "100.00")]
    overview = budget_overview(lines, [], [Forecast(1, D("40.00"))], as_of=date(2025, 8, 1))
    assert overview.by_period[P(2025, 3)].estimate_to_complete == D("40.00")
    assert overview.by_period[P(2024, 4)].estimate_to_complete == 0


def test_a_line_without_a_forecast_is_expected_to_spend_the_rest_of_its_plan():
    lines = [line(1, C.TRAINING, P(2025, 1), "100.00"), line(2, C.OTHER, P(2025, 1), "50.00")]
    entries = [CostEntry(1, date(2025, 1, 5), D("30.00")), CostEntry(2, date(2025, 1, 5),
                                                                      D("80.00"))]
    overview = budget_overview(lines, entries, as_of=date(2025, 2, 1))
    assert overview.by_category[C.TRAINING].estimate_to_complete == D("70.00")
    assert overview.by_category[C.TRAINING].estimate_at_completion == D("100.00")
    assert overview.by_category[C.OTHER].estimate_to_complete == D("0.00")  # overspent already
    assert overview.by_category[C.OTHER].variance == D("-30.00")


def test_burn_rate_from_an_explicit_start_and_rounded_to_the_minor_unit():
    lines = [line(1, C.OTHER, P(2025, 1), "0.00")]
    entries = [CostEntry(1, date(2025, 3, 3), D("100.00"))]
    overview = budget_overview(lines, entries, as_of=date(2025, 3, 31), start=date(2025, 1, 20))
    assert overview.elapsed_months == 3
    assert overview.burn_rate == D("33.33")


def test_empty_budget_has_zero_totals():
    overview = budget_overview([], [], as_of=date(2025, 1, 1))
    assert overview.total.planned == 0 and overview.burn_rate == 0
    assert overview.by_period == {} and overview.elapsed_months == 0
    assert budget_warnings(overview, RULES, schedule_complete=D("0.5")) == ()


@pytest.mark.parametrize(
    ("lines", "entries", "forecasts", "message"),
    [
        ([line(1, C.OTHER, P(2025, 1), "1.001")], [], [], "decimal places"),
        ([line(1, C.OTHER, P(2025, 1), "-1.00")], [], [], "negative"),
        ([line(1, C.OTHER, P(2025, 1), "1"), line(1, C.OTHER, P(2025, 2), "1")], [], [],
         "twice"),
        ([], [CostEntry(9, date(2025, 1, 1), D(1))], [], "no budget line 9"),
        ([line(1, C.OTHER, P(2025, 1), "1")], [], [Forecast(1, D("-1"))], "negative"),
        ([line(1, C.OTHER, P(2025, 1), "1")], [], [Forecast(1, D(1)), Forecast(1, D(2))],
         "two forecasts"),
    ],
)
def test_overview_refuses_inconsistent_input(lines, entries, forecasts, message):
    with pytest.raises(ValueError, match=message):
        budget_overview(lines, entries, forecasts, as_of=date(2025, 6, 1))


def test_overview_refuses_float_money():
    with pytest.raises(TypeError, match="Decimal"):
        budget_overview([BudgetLine(1, C.OTHER, P(2025, 1), 1.5)], [], as_of=date(2025, 1, 1))


def test_currency_without_minor_units():
    lines = [line(1, C.OTHER, P(2025, 1), "1000")]
    overview = budget_overview(lines, [CostEntry(1, date(2025, 1, 5), D(10))],
                               as_of=date(2025, 1, 31), minor_digits=0)
    assert overview.total.actual == D(10)
    with pytest.raises(ValueError, match="0 decimal places"):
        budget_overview([line(1, C.OTHER, P(2025, 1), "0.50")], [], as_of=date(2025, 1, 31),
                        minor_digits=0)


def money(minor_digits, low=0, high=10**9):
    return st.integers(low, high).map(lambda units: D(units).scaleb(-minor_digits))


@st.composite
def budgets(draw):
    minor_digits = draw(st.sampled_from([0, 2, 3]))
    periods = st.builds(P, st.integers(2023, 2027), st.integers(1, 4))
    planned = draw(st.lists(
        st.tuples(st.sampled_from(list(Category)), periods, money(minor_digits)), max_size=12))
    lines = [BudgetLine(i, c, p, amount) for i, (c, p, amount) in enumerate(planned)]
    entries, forecasts = [], []
    if lines:
        entries = draw(st.lists(st.builds(
            CostEntry, st.integers(0, len(lines) - 1), st.dates(date(2022, 6, 1),
                                                                date(2028, 6, 1)),
            money(minor_digits, -10**6, 10**8)), max_size=30))
        with_estimate = draw(st.sets(st.integers(0, len(lines) - 1)))
        forecasts = [Forecast(i, draw(money(minor_digits, 0, 10**8))) for i in with_estimate]
    calendar = FiscalCalendar(draw(st.integers(1, 12)), draw(st.sampled_from(["end", "start"])))
    as_of = draw(st.dates(date(2023, 1, 1), date(2028, 12, 31)))
    return lines, entries, forecasts, calendar, as_of, minor_digits


def sum_figures(figures):
    items = list(figures)
    return (sum(f.planned for f in items), sum(f.actual for f in items),
            sum(f.estimate_to_complete for f in items))


@settings(max_examples=200)
@given(budgets())
def test_totals_reconcile_to_the_minor_unit(budget):
    lines, entries, forecasts, calendar, as_of, minor_digits = budget
    overview = budget_overview(lines, entries, forecasts, as_of=as_of, calendar=calendar,
                               minor_digits=minor_digits)
    total = overview.total
    grand = (total.planned, total.actual, total.estimate_to_complete)
    assert sum_figures(overview.by_category.values()) == grand
    assert sum_figures(overview.by_period.values()) == grand
    assert sum_figures(overview.by_category_period.values()) == grand
    assert total.planned == sum((ln.planned for ln in lines), D(0))
    assert total.actual == sum((e.amount for e in entries if e.spent_on <= as_of), D(0))
    spent = {ln.line_id: D(0) for ln in lines}
    for entry in entries:
        if entry.spent_on <= as_of:
            spent[entry.line_id] += entry.amount
    forecast = {f.line_id: f.estimate_to_complete for f in forecasts}
    assert total.estimate_to_complete == sum(
        (forecast.get(ln.line_id, max(ln.planned - spent[ln.line_id], D(0))) for ln in lines),
        D(0))
    assert total.estimate_at_completion == total.actual + total.estimate_to_complete
    assert all(-total.planned.as_tuple().exponent <= max(minor_digits, 0) for _ in [0])
    for figures in (total, *overview.by_category.values(), *overview.by_period.values()):
        for amount in (figures.planned, figures.actual, figures.estimate_to_complete):
            assert amount.as_tuple().exponent == -minor_digits


# --- Rules file -------------------------------------------------------------------------------


def test_seed_rules_load_with_exact_decimals():
    rules = load_budget_rules(SEED.read_bytes())
    assert set(rules.hidden_cost_shares) == set(HIDDEN_COSTS)
    assert all(isinstance(v, Decimal) for v in rules.hidden_cost_shares.values())
    assert rules.sawtooth_fall_ratio < 1 < rules.sawtooth_rise_ratio
    assert rules.contingency_min_share == D("0.10")


def test_rules_refuse_unknown_category_and_bad_ratios():
    text = SEED.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="not hidden-cost"):
        load_budget_rules(text.replace("training = 0.15", "software_licences = 0.15"))
    with pytest.raises(ValueError, match="ratios"):
        load_budget_rules(text.replace("rise_ratio = 1.5", "rise_ratio = 0.9"))
    with pytest.raises(ValueError, match="negative"):
        load_budget_rules(text.replace("training = 0.15", "training = -0.15"))


# --- Warnings: plain cases --------------------------------------------------------------------


def warnings_for(lines, entries=(), *, as_of=date(2025, 3, 31), rules=RULES, **kwargs):
    overview = budget_overview(lines, list(entries), as_of=as_of)
    return budget_warnings(overview, rules, **kwargs)


def test_healthy_budget_has_no_warnings():
    assert warnings_for(healthy_lines()) == ()


def test_missing_hidden_cost_is_critical_and_names_the_category():
    lines = [ln for ln in healthy_lines() if ln.category != C.DATA_MAINTENANCE]
    [warning] = warnings_for(lines)
    assert warning.code == WarningCode.HIDDEN_COST_MISSING
    assert warning.severity == Severity.CRITICAL
    assert warning.params == {"category": "data_maintenance"}
    assert warning.evidence["software_licences"] == D("1000.00")
    assert "data_maintenance" in warning.message


def test_low_hidden_cost_carries_its_evidence():
    lines = [replace(ln, planned=D("100.00")) if ln.category == C.INTEGRATION else ln
             for ln in healthy_lines()]
    [warning] = warnings_for(lines)
    assert warning.code == WarningCode.HIDDEN_COST_LOW
    assert warning.evidence["share"] == D("0.1000")
    assert warning.evidence["required_share"] == D("0.25")
    assert warning.evidence["required_amount"] == D("250.0000")
    assert "0.1000 of the software cost" in warning.message


def test_contingency_missing_and_low():
    without = [ln for ln in healthy_lines() if ln.category != C.CONTINGENCY]
    assert [w.code for w in warnings_for(without)] == [WarningCode.CONTINGENCY_MISSING]
    low = [replace(ln, planned=D("100.00")) if ln.category == C.CONTINGENCY else ln
           for ln in healthy_lines()]
    [warning] = warnings_for(low)
    assert warning.code == WarningCode.CONTINGENCY_LOW
    assert warning.evidence["total"] == D("1700.00")


def test_contingency_drawn_faster_than_the_schedule():
    entries = [CostEntry(6, date(2025, 2, 1), D("700.00"))]
    [warning] = warnings_for(healthy_lines(), entries, schedule_complete=D("0.5"))
    assert warning.code == WarningCode.CONTINGENCY_OVERDRAWN
    assert warning.evidence["drawn_share"] == D("0.7000")
    assert warnings_for(healthy_lines(), entries) == ()  # no schedule progress given
    with pytest.raises(ValueError, match="fraction"):
        warnings_for(healthy_lines(), entries, schedule_complete=D(50))


def test_spending_without_a_plan():
    lines = [*healthy_lines(), line(7, C.OTHER, P(2025, 1), "0.00")]
    [warning] = warnings_for(lines, [CostEntry(7, date(2025, 1, 9), D("0.01"))])
    assert warning.code == WarningCode.UNPLANNED_SPENDING
    assert warning.params == {"category": "other"}
    assert warning.evidence == {"actual": D("0.01"), "planned": D("0.00")}


def test_empty_hidden_cost_and_contingency_in_a_budget_with_only_software():
    lines = [line(1, C.SOFTWARE_LICENCES, P(2025, 1), "10.00")]
    found = [w.code for w in warnings_for(lines)]
    assert found.count(WarningCode.HIDDEN_COST_MISSING) == 4
    assert WarningCode.CONTINGENCY_MISSING in found


def yearly_lines(category, amounts, first_year=2024):
    """One line per fiscal year, plus a healthy base each year so other rules stay quiet."""
    lines = []
    for offset, amount in enumerate(amounts):
        period = P(first_year + offset, 1)
        lines.append(line(f"{category}-{offset}", category, period, amount))
    return lines


def sawtooth(found, series=None, basis=None):
    return [w for w in found if w.code == WarningCode.SAWTOOTH
            and (series is None or w.params["series"] == series)
            and (basis is None or w.params["basis"] == basis)]


def test_sawtooth_on_the_plan_names_the_year_and_the_numbers():
    lines = yearly_lines(C.TRAINING, ["100.00", "300.00", "100.00", "100.00"])
    found = sawtooth(warnings_for(lines), "training", "planned")
    [warning] = found
    assert warning.params["fiscal_year"] == "2025"
    assert warning.evidence == {"before": D("100.00"), "peak": D("300.00"),
                                "following": D("100.00"), "rise": D("3.0000"),
                                "fall": D("0.3333")}
    assert "CRM sawtooth" in warning.message


def test_sawtooth_in_the_first_year_rises_from_nothing():
    lines = yearly_lines(C.TRAINING, ["500.00", "100.00"])
    [warning] = sawtooth(warnings_for(lines), "training", "planned")
    assert warning.params["fiscal_year"] == "2024"
    assert "rise" not in warning.evidence


def test_steady_plan_and_categories_not_watched_have_no_sawtooth():
    assert sawtooth(warnings_for(yearly_lines(C.TRAINING, ["100.00", "120.00", "110.00"]))) == []
    found = warnings_for(yearly_lines(C.INTEGRATION, ["500.00", "100.00"]))
    assert [w.params["series"] for w in sawtooth(found)] == ["total"]


def test_sawtooth_on_actuals_waits_for_the_year_to_end():
    lines = yearly_lines(C.SOFTWARE_LICENCES, ["100.00", "100.00", "100.00"])
    entries = [CostEntry("software_licences-0", date(2024, 6, 1), D("400.00")),
               CostEntry("software_licences-1", date(2025, 6, 1), D("50.00"))]
    during = warnings_for(lines, entries, as_of=date(2025, 12, 30))
    assert sawtooth(during, basis="actual") == []
    after = warnings_for(lines, entries, as_of=date(2025, 12, 31))
    assert {w.params["series"] for w in sawtooth(after, basis="actual")} == {
        "total", "software_licences"}
    assert sawtooth(after, basis="planned") == []


# --- Warnings: exactly at their thresholds ----------------------------------------------------

CENT = D("0.01")
shares = st.integers(1, 100).map(lambda k: D(k) / 100)


@given(st.sampled_from(HIDDEN_COSTS), st.integers(1, 10**7), shares)
def test_hidden_cost_low_fires_strictly_below_its_share(category, software_units, share):
    rules = replace(RULES, hidden_cost_shares={**RULES.hidden_cost_shares, category: share})
    threshold = D(software_units) * share  # whole units times a share in cents: exact
    lines = healthy_lines(f"{software_units}.00")

    def fired(amount, code=WarningCode.HIDDEN_COST_LOW):
        changed = [replace(ln, planned=amount) if ln.category == category else ln for ln in lines]
        return codes(warnings_for(changed, rules=rules), code)

    below = threshold - CENT
    if below > 0:
        assert fired(below)
    else:  # one cent below a one-cent threshold is nothing at all: reported as missing instead
        assert not fired(below) and fired(below, WarningCode.HIDDEN_COST_MISSING)
    assert not fired(threshold)
    assert not fired(threshold + CENT)


@given(st.integers(1, 10**7), shares)
def test_contingency_low_fires_strictly_below_its_share(rest_units, share):
    rules = replace(RULES, contingency_min_share=share)
    others = [line(1, C.OTHER, P(2025, 1), D(rest_units) * (1 - share) * 100)]
    threshold = D(rest_units) * share * 100  # the reserve that is exactly `share` of the total

    def fired(reserve):
        lines = [*others, line(2, C.CONTINGENCY, P(2025, 1), reserve)]
        return codes(budget_warnings(budget_overview(lines, [], as_of=date(2025, 1, 1)), rules),
                     WarningCode.CONTINGENCY_LOW)

    if share < 1:
        assert fired(threshold - CENT)
    assert not fired(threshold)
    assert not fired(threshold + CENT)


@given(st.integers(1, 10**6), st.integers(0, 100), st.integers(0, 50))
def test_contingency_draw_fires_strictly_above_progress_plus_tolerance(
    reserve_hundreds, progress_points, tolerance_points
):
    progress, tolerance = D(progress_points) / 100, D(tolerance_points) / 100
    rules = replace(RULES, contingency_draw_tolerance=tolerance)
    reserve = D(reserve_hundreds) * 100
    lines = [line(1, C.CONTINGENCY, P(2025, 1), reserve)]
    threshold = (progress + tolerance) * reserve

    def fired(drawn):
        entries = [CostEntry(1, date(2025, 1, 2), drawn)]
        overview = budget_overview(lines, entries, as_of=date(2025, 1, 31))
        found = budget_warnings(overview, rules, schedule_complete=progress)
        return codes(found, WarningCode.CONTINGENCY_OVERDRAWN)

    assert not fired(threshold - CENT)
    assert not fired(threshold)
    assert fired(threshold + CENT)


ratios = st.integers(101, 400).map(lambda k: D(k) / 100)
falls = st.integers(1, 99).map(lambda k: D(k) / 100)


@given(st.integers(1, 10**5), ratios, falls)
def test_sawtooth_rise_fires_at_its_ratio(before_hundreds, rise, fall):
    rules = replace(RULES, sawtooth_rise_ratio=rise, sawtooth_fall_ratio=fall)
    before = D(before_hundreds) * 100
    threshold = before * rise  # whole units

    def fired(peak):
        lines = yearly_lines(C.TRAINING, [before, peak, CENT])
        return sawtooth(warnings_for(lines, rules=rules), "training", "planned")

    assert not fired(threshold - CENT)
    assert fired(threshold)
    assert fired(threshold + CENT)


@given(st.integers(1, 10**5), ratios, falls)
def test_sawtooth_fall_fires_at_its_ratio(before_hundreds, rise, fall):
    rules = replace(RULES, sawtooth_rise_ratio=rise, sawtooth_fall_ratio=fall)
    before = D(before_hundreds) * 100
    peak = before * rise
    threshold = peak * fall  # whole units times a share in cents: exact

    def fired(following):
        lines = yearly_lines(C.TRAINING, [before, peak, following])
        return [w for w in sawtooth(warnings_for(lines, rules=rules), "training", "planned")
                if w.params["fiscal_year"] == "2025"]

    assert fired(threshold - CENT)
    assert fired(threshold)
    assert not fired(threshold + CENT)


@given(st.integers(0, 10**6))
def test_unplanned_spending_fires_only_without_a_plan(planned_cents):
    planned = D(planned_cents) / 100
    lines = [line(1, C.OTHER, P(2025, 1), planned)]
    found = warnings_for(lines, [CostEntry(1, date(2025, 1, 2), CENT)])
    assert bool(codes(found, WarningCode.UNPLANNED_SPENDING)) == (planned == 0)


# --- Benefits, ROI and payback ----------------------------------------------------------------


def test_npv_of_a_year_at_the_discount_rate_is_zero():
    case = investment_case({date(2025, 1, 1): D("100.00")}, {date(2026, 1, 15): D("110.00")},
                           annual_discount_rate=D("0.10"))
    assert case.npv == D("0.00")
    assert case.roi == D("0.1000")
    assert case.payback_month == date(2026, 1, 1)
    assert len(case.series) == 13
    assert case.series[5].cumulative_net == D("-100.00")
    assert case.series[-1].cumulative_discounted_net == case.npv


def test_npv_discounts_monthly_at_the_equivalent_rate():
    # Six months at 12% a year: 1100 / 1.12 ** 0.5 = 1100 / 1.0583005244 = 1039.4023
    case = investment_case({date(2025, 1, 1): D("1000.00")}, {date(2025, 7, 1): D("1100.00")},
                           annual_discount_rate=D("0.12"))
    assert case.npv == D("39.40")
    assert case.series[6].discounted_net == D("1039.40")


def test_payback_month_and_cumulative_series():
    costs = {date(2025, 2, 1): D("300.00")}
    benefits = {date(2025, m, 1): D("100.00") for m in (3, 4, 5, 6)}
    case = investment_case(costs, benefits, annual_discount_rate=D(0))
    assert [m.cumulative_net for m in case.series] == [
        D("-300.00"), D("-200.00"), D("-100.00"), D("0.00"), D("100.00")]
    assert case.payback_month == date(2025, 5, 1)
    assert case.payback_after_completion == 3  # last cost in February
    assert case.npv == D("100.00")
    assert case.roi == D("0.3333")


def test_payback_counts_from_the_first_cost_and_may_never_come():
    costs = {date(2025, 3, 1): D("500.00")}
    benefits = {date(2025, 1, 1): D("0.00"), date(2025, 4, 1): D("100.00")}
    case = investment_case(costs, benefits, annual_discount_rate=D("0.05"))
    assert case.series[0].month == date(2025, 1, 1)
    assert case.payback_month is None
    assert case.roi == D("-0.8000")


def test_investment_case_without_costs_or_months():
    empty = investment_case({}, {}, annual_discount_rate=D("0.1"))
    assert (empty.series, empty.roi, empty.payback_month, empty.npv) == ((), None, None, 0)
    free = investment_case({}, {date(2025, 1, 1): D("5.00")}, annual_discount_rate=D("0.1"))
    assert free.roi is None and free.payback_month is None and free.npv == D("5.00")
    with pytest.raises(ValueError, match="discount rate"):
        investment_case({}, {}, annual_discount_rate=D(-1))


def test_planned_costs_spread_over_the_quarter_to_the_minor_unit():
    lines = [line(1, C.TRAINING, P(2026, 1), "100.00"), line(2, C.OTHER, P(2026, 1), "0.02")]
    months = monthly_planned_costs(lines, calendar=FiscalCalendar(4))
    assert months == {date(2025, 4, 1): D("33.35"), date(2025, 5, 1): D("33.34"),
                      date(2025, 6, 1): D("33.33")}


@given(st.lists(st.integers(0, 10**9), max_size=6), st.integers(1, 12))
def test_planned_costs_by_month_add_up_to_the_plan(planned_cents, start_month):
    lines = [line(i, C.OTHER, P(2025, 1 + i % 4), D(c) / 100) for i, c in enumerate(planned_cents)]
    months = monthly_planned_costs(lines, calendar=FiscalCalendar(start_month))
    assert sum(months.values(), D(0)) == sum((ln.planned for ln in lines), D(0))


def test_actual_costs_by_month():
    entries = [CostEntry(1, date(2025, 1, 3), D("1.00")),
               CostEntry(1, date(2025, 1, 30), D("2.00")),
               CostEntry(1, date(2025, 3, 1), D("4.00"))]
    assert monthly_actual_costs(entries) == {date(2025, 1, 1): D("3.00"),
                                             date(2025, 3, 1): D("4.00")}
    assert monthly_actual_costs(entries, until=date(2025, 2, 1)) == {date(2025, 1, 1): D("3.00")}


def test_benefit_cases_compare_the_business_case_with_what_came():
    lines = [line(1, C.SOFTWARE_LICENCES, P(2025, 1), "300.00")]
    entries = [CostEntry(1, date(2025, 1, 10), D("360.00"))]
    benefits = [Benefit(date(2025, 4, 1) + timedelta(days=31 * i), D("100.00"),
                        D("50.00") if i < 2 else None) for i in range(4)]
    cases = benefit_cases(lines, entries, benefits, as_of=date(2025, 5, 31),
                          annual_discount_rate=D(0))
    assert cases.expected.total_cost == D("300.00")
    assert cases.expected.total_benefit == D("400.00")
    assert cases.expected.payback_month == date(2025, 6, 1)
    assert cases.realised.total_benefit == D("100.00")
    assert cases.realised.payback_month is None
    assert cases.realised.npv == D("-260.00")
