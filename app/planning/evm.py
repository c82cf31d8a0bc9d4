"""Earned value at a status date: PV, EV, AC and the indices, per task, phase and project."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.planning.calendar import WorkingCalendar

CENT = Decimal("0.01")
RATIO = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class TaskValue:
    """One task's budget against its baseline dates, and what has been done and spent.

    `budget` is the budget at completion (BAC); a task with no baseline dates earns and
    spends but plans nothing.
    """

    id: Hashable
    group: Hashable  # the phase the task belongs to
    budget: Decimal
    percent_complete: int
    actual_cost: Decimal
    baseline_start: date | None
    baseline_finish: date | None


@dataclass(frozen=True, slots=True)
class EarnedValue:
    """The earned value figures of a task, a phase or the project. Ratios are None when
    their divisor is zero (nothing planned yet, nothing spent yet)."""

    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal

    @property
    def sv(self) -> Decimal:
        return self.ev - self.pv

    @property
    def cv(self) -> Decimal:
        return self.ev - self.ac

    @property
    def spi(self) -> Decimal | None:
        return _ratio(self.ev, self.pv)

    @property
    def cpi(self) -> Decimal | None:
        return _ratio(self.ev, self.ac)

    @property
    def eac(self) -> Decimal:
        """Estimate at completion: spent so far plus the remaining work at the current CPI.

        Without a CPI (nothing spent or nothing earned) the remaining work costs its budget.
        """
        remaining = self.bac - self.ev
        cpi = _exact_ratio(self.ev, self.ac)
        if cpi:
            remaining = remaining / cpi
        return _money(self.ac + remaining)

    @property
    def vac(self) -> Decimal:
        return self.bac - self.eac

    def __add__(self, other: EarnedValue) -> EarnedValue:
        return EarnedValue(self.bac + other.bac, self.pv + other.pv, self.ev + other.ev,
                           self.ac + other.ac)


ZERO = EarnedValue(Decimal(0), Decimal(0), Decimal(0), Decimal(0))


@dataclass(frozen=True)
class EarnedValueReport:
    status_date: date
    tasks: dict[Hashable, EarnedValue]
    groups: dict[Hashable, EarnedValue]
    project: EarnedValue


def planned_fraction(task: TaskValue, status_date: date, calendar: WorkingCalendar) -> Decimal:
    """Share of the task's baseline work scheduled on or before the status date (linear over
    its working days; a milestone is all or nothing on its date)."""
    start, finish = task.baseline_start, task.baseline_finish
    if start is None or finish is None or status_date < start:
        return Decimal(0)
    if status_date >= finish:
        return Decimal(1)
    total = calendar.working_days_in(start, finish)
    if total == 0:
        return Decimal(1)
    return Decimal(calendar.working_days_in(start, status_date)) / Decimal(total)


def task_value(task: TaskValue, status_date: date, calendar: WorkingCalendar) -> EarnedValue:
    if not 0 <= task.percent_complete <= 100:
        raise ValueError(f"task {task.id}: percent complete must be between 0 and 100")
    budget = Decimal(task.budget)
    pv = _money(budget * planned_fraction(task, status_date, calendar))
    ev = _money(budget * task.percent_complete / 100)
    return EarnedValue(_money(budget), pv, ev, _money(Decimal(task.actual_cost)))


def compute(tasks: Iterable[TaskValue], status_date: date,
            calendar: WorkingCalendar) -> EarnedValueReport:
    """Earned value of every task, summed per group (phase) and for the project."""
    per_task: dict[Hashable, EarnedValue] = {}
    groups: dict[Hashable, EarnedValue] = {}
    project = ZERO
    for task in tasks:
        value = task_value(task, status_date, calendar)
        per_task[task.id] = value
        groups[task.group] = groups.get(task.group, ZERO) + value
        project = project + value
    return EarnedValueReport(status_date, per_task, groups, project)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _exact_ratio(a: Decimal, b: Decimal) -> Decimal | None:
    return None if b == 0 else a / b


def _ratio(a: Decimal, b: Decimal) -> Decimal | None:
    ratio = _exact_ratio(a, b)
    return None if ratio is None else ratio.quantize(RATIO, rounding=ROUND_HALF_UP)


def with_project_actual_cost(report: EarnedValueReport, ac: Decimal) -> EarnedValueReport:
    """The report with the project's AC taken from another source (the budget's cost entries);
    CV, CPI, EAC and VAC follow from it."""
    project = dataclasses.replace(report.project, ac=_money(Decimal(ac)))
    return dataclasses.replace(report, project=project)
