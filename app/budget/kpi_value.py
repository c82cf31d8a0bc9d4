"""Pure valuation of a benefit by a KPI: the KPI's measured gain over its baseline by a month,
times the money one point of the KPI is worth (no Flask, no SQLAlchemy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from app.strategy.analysis import Direction, Point


class Gap:
    """Why a month has no KPI-derived value."""

    NOT_YET = "not_yet"  # the month has not started on the as-of date
    NO_BASELINE = "no_baseline"  # the KPI has no baseline to measure a gain from
    NO_MEASUREMENT = "no_measurement"  # nothing measured since the baseline by the month's end


@dataclass(frozen=True)
class KpiValuation:
    """What links a benefit to a KPI: the KPI's baseline and direction, and what a point of
    gain is worth in the benefit's month (in the project's currency)."""

    direction: Direction
    baseline: Point | None
    value_per_point: Decimal


@dataclass(frozen=True)
class MonthValue:
    """A month's KPI-derived benefit.

    `gain` is the change from the baseline to the measurement used, signed so that a positive
    gain is an improvement whatever the KPI's direction. `implied` is gain × value per point,
    rounded to the currency's minor unit; `realised` is what the business case may count,
    never below zero (a KPI that got worse realised no benefit; a realised benefit is never
    negative, typed in or derived). Without a value, `gap` says why.
    """

    month: date
    measured: Point | None = None
    gain: Decimal | None = None
    implied: Decimal | None = None
    gap: str | None = None

    @property
    def realised(self) -> Decimal | None:
        return None if self.implied is None else max(self.implied, self.implied * 0)


def month_end(month: date) -> date:
    first_of_next = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_of_next - timedelta(days=1)


def gain_over_baseline(direction: Direction, baseline: Point, value: Decimal) -> Decimal:
    """How much better than the baseline `value` is: positive is an improvement."""
    change = value - baseline.value
    return -change if direction is Direction.LOWER else change


def latest_by(measurements: Iterable[Point], day: date) -> Point | None:
    """The latest measurement on or before `day`; on a tie of dates the later one given wins."""
    latest = None
    for point in measurements:
        if point.on <= day and (latest is None or point.on >= latest.on):
            latest = point
    return latest


def month_value(
    valuation: KpiValuation,
    measurements: Iterable[Point],
    month: date,
    *,
    as_of: date,
    minor_digits: int = 2,
) -> MonthValue:
    """The KPI's gain by the end of `month` (as known on `as_of`) and the benefit it implies.

    A month counts once it has started on `as_of`, like a typed-in realised value. The
    measurement used is the latest one on or before the month's end (and `as_of`), and not
    before the baseline: a value measured before the baseline is no gain over it.
    """
    month = month.replace(day=1)
    if month > as_of:
        return MonthValue(month, gap=Gap.NOT_YET)
    baseline = valuation.baseline
    if baseline is None:
        return MonthValue(month, gap=Gap.NO_BASELINE)
    measured = latest_by(measurements, min(month_end(month), as_of))
    if measured is None or measured.on < baseline.on:
        return MonthValue(month, gap=Gap.NO_MEASUREMENT)
    gain = gain_over_baseline(valuation.direction, baseline, measured.value)
    if not gain:
        gain = abs(gain)  # no "-0" when a lower-is-better KPI has not moved
    implied = (gain * valuation.value_per_point).quantize(
        Decimal(1).scaleb(-minor_digits), rounding=ROUND_HALF_EVEN)
    return MonthValue(month, measured, gain, implied)
