"""Attendance rates, overdue actions and document review dates, at their thresholds."""

from datetime import date

import pytest

from app.organisation import attendance, rules
from app.organisation.attendance import Mark

TODAY = date(2026, 11, 20)


def test_rate_counts_only_being_there_in_person():
    marks = [Mark(1, "present"), Mark(1, "absent"), Mark(1, "apologies"), Mark(1, "delegate"),
             Mark(2, "present")]
    rate = attendance.rate(1, marks)
    assert (rate.held, rate.attended, rate.delegated) == (4, 1, 1)
    assert rate.percent == 25.0


def test_rate_without_meetings_has_no_percent():
    rate = attendance.rate(7, [Mark(1, "present")])
    assert (rate.held, rate.percent) == (0, None)
    assert attendance.band(rate) == "none"


def test_rates_cover_every_member_in_order_seen():
    found = attendance.rates([Mark(3, "present"), Mark(1, "absent"), Mark(3, "absent")])
    assert list(found) == [3, 1]
    assert found[3].percent == 50.0 and found[1].percent == 0.0


@pytest.mark.parametrize(("attended", "held", "expected"), [
    (4, 5, "good"),      # 80 %: the good threshold itself
    (79, 100, "fair"),   # just below good
    (3, 5, "fair"),      # 60 %: the poor threshold itself is still fair
    (59, 100, "poor"),   # just below
    (5, 5, "good"),
    (0, 3, "poor"),
])
def test_band_thresholds(attended, held, expected):
    assert attendance.band(attendance.Rate(1, held, attended, 0)) == expected


@pytest.mark.parametrize(("status", "due", "overdue"), [
    ("open", date(2026, 11, 19), True),    # the day after the due date
    ("open", TODAY, False),                # due today is not yet overdue
    ("open", date(2026, 11, 21), False),
    ("open", None, False),                 # no due date, never overdue
    ("done", date(2026, 1, 1), False),
    ("dropped", date(2026, 1, 1), False),
])
def test_action_overdue(status, due, overdue):
    assert rules.action_overdue(status, due, TODAY) is overdue


@pytest.mark.parametrize(("review_on", "state"), [
    (None, "none"),
    (date(2026, 11, 19), "overdue"),   # yesterday
    (TODAY, "due"),                    # today: due, not yet overdue
    (date(2026, 12, 20), "due"),       # exactly 30 days ahead
    (date(2026, 12, 21), "ok"),        # 31 days ahead
])
def test_review_state(review_on, state):
    assert rules.review_state(review_on, TODAY) == state


def test_review_warning_window_is_adjustable():
    assert rules.review_state(date(2026, 11, 27), TODAY, warning_days=7) == "due"
    assert rules.review_state(date(2026, 11, 28), TODAY, warning_days=7) == "ok"
