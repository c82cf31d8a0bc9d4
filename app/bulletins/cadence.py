"""When the next bulletin is due, from the project's cadence (pure: no Flask, no database)."""

from dataclasses import dataclass
from datetime import date, timedelta

STEPS = {"weekly": 7, "fortnightly": 14}
MONTHS = {"monthly": 1, "quarterly": 3}


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # Clamp to the month's end: 31 January plus a month is 28 or 29 February.
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def step(day: date, cadence: str) -> date:
    if cadence in STEPS:
        return day + timedelta(days=STEPS[cadence])
    if cadence in MONTHS:
        return add_months(day, MONTHS[cadence])
    raise ValueError(f"unknown cadence {cadence!r}")


@dataclass(frozen=True)
class Due:
    next_due: date
    overdue: bool
    days_late: int


def next_due(cadence: str, project_start: date, last_published: date | None,
             today: date) -> Due | None:
    """The date the next bulletin is due; overdue when that date has passed.

    The first is due one cadence step after the project starts; each next one a step after
    the last published edition. No cadence ("none"): nothing is ever due.
    """
    if cadence == "none":
        return None
    due = step(last_published or project_start, cadence)
    late = (today - due).days
    return Due(due, late > 0, max(late, 0))
