"""Working calendar: weekdays, holidays, extra working days and working-day arithmetic."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.planning.calendar import WorkingCalendar

CNY = date(2026, 2, 17)  # a Tuesday
CAL = WorkingCalendar(holidays=frozenset({CNY}))


def test_weekends_and_holidays_are_not_worked():
    assert CAL.is_working_day(date(2026, 2, 16))
    assert not CAL.is_working_day(CNY)
    assert not CAL.is_working_day(date(2026, 2, 21))  # Saturday


def test_adding_working_days_skips_weekends_and_holidays():
    assert CAL.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)  # Fri + 1 = Mon
    assert CAL.add_working_days(date(2026, 2, 16), 1) == date(2026, 2, 18)
    assert CAL.add_working_days(date(2026, 2, 18), -1) == date(2026, 2, 16)
    assert CAL.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 12)  # Sat rolls on


def test_rolling_and_neighbours():
    assert CAL.roll_forward(CNY) == date(2026, 2, 18)
    assert CAL.roll_backward(CNY) == date(2026, 2, 16)
    assert CAL.next_working_day(date(2026, 2, 16)) == date(2026, 2, 18)
    assert CAL.previous_working_day(date(2026, 2, 18)) == date(2026, 2, 16)


def test_counting_working_days():
    assert CAL.working_days_in(date(2026, 2, 16), date(2026, 2, 20)) == 4
    assert CAL.working_days_between(date(2026, 2, 20), date(2026, 2, 16)) == -3  # 16, 18, 19
    assert CAL.working_days_in(date(2026, 2, 20), date(2026, 2, 16)) == 0


def test_six_day_week_and_extra_working_day():
    cal = WorkingCalendar(working_weekdays=frozenset(range(6)),
                          extra_working_days=frozenset({date(2026, 1, 11)}))
    assert cal.is_working_day(date(2026, 1, 10))  # Saturday is worked
    assert cal.is_working_day(date(2026, 1, 11))  # a Sunday made a working day
    assert cal.working_days_in(date(2026, 1, 5), date(2026, 1, 18)) == 13


def test_bad_weekdays_are_refused():
    with pytest.raises(ValueError):
        WorkingCalendar(working_weekdays=frozenset())
    with pytest.raises(ValueError):
        WorkingCalendar(working_weekdays=frozenset({7}))


def test_far_dates_extend_the_tables():
    assert CAL.add_working_days(date(2026, 1, 5), 5 * 261) > date(2030, 12, 1)
    assert CAL.add_working_days(date(1995, 1, 2), 5) == date(1995, 1, 9)


def _naive_add(cal: WorkingCalendar, day: date, n: int) -> date:
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while not cal.is_working_day(day):
            day += timedelta(days=step)
    return day


@given(
    weekdays=st.sets(st.integers(0, 6), min_size=1),
    holidays=st.sets(st.dates(date(2025, 1, 1), date(2027, 12, 31)), max_size=30),
    start=st.dates(date(2025, 6, 1), date(2027, 6, 1)),
    n=st.integers(-120, 120),
)
def test_adding_agrees_with_counting_day_by_day(weekdays, holidays, start, n):
    cal = WorkingCalendar(working_weekdays=frozenset(weekdays), holidays=frozenset(holidays))
    result = cal.add_working_days(start, n)
    assert result == _naive_add(cal, start, n)
    assert cal.working_days_between(start, result) == n
