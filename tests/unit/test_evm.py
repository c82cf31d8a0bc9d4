"""Earned value worked by hand: PV over baseline working days, EV, AC and the indices."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.planning import evm
from app.planning.calendar import WorkingCalendar

CAL = WorkingCalendar(holidays=frozenset({date(2026, 1, 8)}))


def tv(task_id="A", group="P1", budget="1000", pct=0, ac="0", start=date(2026, 1, 5),
       finish=date(2026, 1, 12)):
    return evm.TaskValue(task_id, group, Decimal(budget), pct, Decimal(ac), start, finish)


def test_planned_value_is_linear_over_baseline_working_days():
    # Jan 5-12 without the holiday on the 8th: 5, 6, 7, 9, 12 = 5 working days.
    task = tv()
    assert evm.planned_fraction(task, date(2026, 1, 4), CAL) == 0
    assert evm.planned_fraction(task, date(2026, 1, 7), CAL) == Decimal("0.6")
    assert evm.planned_fraction(task, date(2026, 1, 8), CAL) == Decimal("0.6")
    assert evm.planned_fraction(task, date(2026, 1, 12), CAL) == 1
    assert evm.planned_fraction(tv(start=None, finish=None), date(2026, 1, 9), CAL) == 0


def test_a_milestone_is_planned_all_at_once():
    m = tv(start=date(2026, 1, 9), finish=date(2026, 1, 9))
    assert evm.planned_fraction(m, date(2026, 1, 8), CAL) == 0
    assert evm.planned_fraction(m, date(2026, 1, 9), CAL) == 1


def test_task_figures():
    value = evm.task_value(tv(pct=40, ac="500"), date(2026, 1, 7), CAL)
    assert (value.bac, value.pv, value.ev, value.ac) == (Decimal(1000), Decimal("600.00"),
                                                         Decimal("400.00"), Decimal(500))
    assert value.sv == Decimal("-200.00") and value.cv == Decimal("-100.00")
    assert value.spi == Decimal("0.667") and value.cpi == Decimal("0.800")
    assert value.eac == Decimal("1250.00")  # 500 spent + 600 remaining / 0.8
    assert value.vac == Decimal("-250.00")


def test_ratios_are_none_before_anything_is_planned_or_spent():
    value = evm.task_value(tv(), date(2026, 1, 1), CAL)
    assert value.spi is None and value.cpi is None
    assert value.eac == Decimal("1000.00") and value.vac == 0


def test_phases_and_project_are_sums_with_their_own_indices():
    tasks = [tv("A", "P1", "1000", 100, "1200", finish=date(2026, 1, 6)),
             tv("B", "P1", "2000", 50, "800"),
             tv("C", "P2", "500", 0, "0", start=date(2026, 2, 2), finish=date(2026, 2, 6))]
    report = evm.compute(tasks, date(2026, 1, 9), CAL)
    p1 = report.groups["P1"]
    assert p1.bac == 3000 and p1.ev == Decimal("2000.00") and p1.ac == 2000
    assert p1.pv == Decimal("1000.00") + Decimal("1600.00")  # 4 of B's 5 days planned
    assert p1.cpi == Decimal("1.000") and p1.spi == Decimal("0.769")
    assert report.groups["P2"].pv == 0
    assert report.project.bac == 3500 and report.project.eac == Decimal("3500.00")
    assert set(report.tasks) == {"A", "B", "C"}


def test_bad_percent_is_refused():
    with pytest.raises(ValueError, match="percent"):
        evm.task_value(tv(pct=101), date(2026, 1, 9), CAL)


@given(st.integers(0, 100), st.integers(0, 10_000), st.integers(0, 20_000),
       st.dates(date(2025, 12, 1), date(2026, 2, 1)))
def test_identities_hold(pct, budget, spent, status):
    v = evm.task_value(tv(budget=str(budget), pct=pct, ac=str(spent)), status, CAL)
    assert 0 <= v.pv <= v.bac and 0 <= v.ev <= v.bac
    assert v.sv == v.ev - v.pv and v.cv == v.ev - v.ac
    assert v.vac == v.bac - v.eac
    if v.ev == v.bac:
        assert v.eac == v.ac  # all work done: the estimate is what was spent
