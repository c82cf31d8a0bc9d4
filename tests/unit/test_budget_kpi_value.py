"""Unit and property tests for valuing a benefit by a KPI (app/budget/kpi_value.py) and for
KPI-derived realised values in the business case."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.budget.analysis import Benefit, benefit_cases
from app.budget.kpi_value import Gap, KpiValuation, latest_by, month_end, month_value
from app.strategy.analysis import Direction, Point

D = Decimal
BASE = Point(date(2025, 12, 31), D("85"))
RETENTION = KpiValuation(Direction.HIGHER, BASE, D("40000.00"))
COST = KpiValuation(Direction.LOWER, Point(date(2025, 12, 31), D("4200")), D("65.00"))
TODAY = date(2026, 12, 6)


def test_month_end_handles_december_and_leap_years():
    assert month_end(date(2026, 12, 1)) == date(2026, 12, 31)
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)
    assert month_end(date(2026, 4, 17)) == date(2026, 4, 30)


def test_higher_is_better_gain_times_value_per_point():
    points = [Point(date(2026, 5, 31), D("90")), Point(date(2026, 9, 30), D("85.5"))]
    may = month_value(RETENTION, points, date(2026, 5, 1), as_of=TODAY)
    assert (may.gain, may.implied, may.realised) == (D("5"), D("200000.00"), D("200000.00"))
    assert may.measured == points[0]
    # June has no measurement of its own: May's is the latest by June's end.
    assert month_value(RETENTION, points, date(2026, 6, 1), as_of=TODAY).measured == points[0]
    assert month_value(RETENTION, points, date(2026, 10, 1), as_of=TODAY).implied == D(
        "20000.00")


def test_lower_is_better_counts_a_fall_as_gain():
    points = [Point(date(2026, 10, 31), D("4100"))]
    october = month_value(COST, points, date(2026, 10, 1), as_of=TODAY)
    assert (october.gain, october.implied) == (D("100"), D("6500.00"))
    worse = month_value(COST, [Point(date(2026, 10, 31), D("4250"))], date(2026, 10, 1),
                        as_of=TODAY)
    assert (worse.gain, worse.implied, worse.realised) == (D("-50"), D("-3250.00"), D("0.00"))


def test_unchanged_lower_is_better_kpi_gains_plain_zero():
    value = month_value(COST, [Point(date(2026, 3, 31), D("4200"))], date(2026, 3, 1),
                        as_of=TODAY)
    assert str(value.gain) == "0" and str(value.implied) == "0.00"


def test_months_without_a_value_say_why():
    points = [Point(date(2025, 11, 30), D("84"))]  # before the baseline: no gain over it
    assert month_value(RETENTION, points, date(2026, 1, 1), as_of=TODAY).gap == \
        Gap.NO_MEASUREMENT
    assert month_value(RETENTION, [], date(2026, 1, 1), as_of=TODAY).gap == Gap.NO_MEASUREMENT
    no_base = KpiValuation(Direction.HIGHER, None, D("1.00"))
    assert month_value(no_base, points, date(2026, 1, 1), as_of=TODAY).gap == Gap.NO_BASELINE
    later = month_value(RETENTION, points, date(2027, 1, 1), as_of=TODAY)
    assert later.gap == Gap.NOT_YET and later.realised is None


def test_measurements_after_the_as_of_date_are_not_known_yet():
    points = [Point(date(2026, 12, 1), D("88")), Point(date(2026, 12, 20), D("95"))]
    assert month_value(RETENTION, points, date(2026, 12, 1), as_of=TODAY).gain == D("3")


def test_rounding_to_the_minor_unit_is_half_even():
    valuation = KpiValuation(Direction.HIGHER, Point(date(2026, 1, 1), D("0")), D("0.01"))
    value = month_value(valuation, [Point(date(2026, 1, 2), D("0.5"))], date(2026, 1, 1),
                        as_of=TODAY)
    assert value.implied == D("0.00")
    yen = month_value(KpiValuation(Direction.HIGHER, Point(date(2026, 1, 1), D("0")), D("3")),
                      [Point(date(2026, 1, 2), D("1.5"))], date(2026, 1, 1), as_of=TODAY,
                      minor_digits=0)
    assert yen.implied == D("4")


def test_entered_realised_value_wins_over_the_derived_one():
    lines = []
    benefits = [Benefit(date(2026, 10, 1), D("100.00"), D("70.00"), derived=D("65.00")),
                Benefit(date(2026, 11, 1), D("100.00"), None, derived=D("65.00")),
                Benefit(date(2027, 1, 1), D("100.00"), None, derived=D("65.00"))]
    cases = benefit_cases(lines, [], benefits, as_of=TODAY, annual_discount_rate=D("0"))
    assert cases.realised.total_benefit == D("135.00")  # 70 entered + 65 derived; 2027 not yet
    assert cases.expected.total_benefit == D("300.00")


def cents(low: int, high: int):
    return st.integers(low, high).map(lambda n: D(n).scaleb(-2))


@given(
    baseline=cents(-100_000, 100_000),
    measured=cents(-100_000, 100_000),
    per_point=cents(1, 10_000_000),
    direction=st.sampled_from(list(Direction)),
    days=st.integers(min_value=0, max_value=400),
)
def test_directions_mirror_each_other_and_realised_is_never_negative(
        baseline, measured, per_point, direction, days):
    """The same move is a gain one way and a loss the other; the business case never counts a
    negative realised benefit; and the value is the gain times the value per point."""
    base = Point(date(2026, 1, 1), baseline)
    point = Point(date(2026, 1, 1) + timedelta(days=days), measured)
    month = point.on.replace(day=1)
    mirrored = Direction.LOWER if direction is Direction.HIGHER else Direction.HIGHER
    value = month_value(KpiValuation(direction, base, per_point), [point], month,
                        as_of=date(2030, 1, 1))
    other = month_value(KpiValuation(mirrored, base, per_point), [point], month,
                        as_of=date(2030, 1, 1))
    assert value.gain == -other.gain
    assert abs(value.implied - value.gain * per_point) <= D("0.005")
    assert value.realised >= 0 and (value.realised == 0 or other.realised == 0)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 100)), max_size=12),
       st.integers(0, 60))
def test_latest_by_is_the_latest_on_or_before_the_day(raw, cutoff):
    start = date(2026, 1, 1)
    points = [Point(start + timedelta(days=d), D(v)) for d, v in raw]
    day = start + timedelta(days=cutoff)
    found = latest_by(points, day)
    eligible = [p for p in points if p.on <= day]
    if not eligible:
        assert found is None
    else:
        assert found.on == max(p.on for p in eligible)
