"""The task table's filters and sort orders: which tasks a query keeps, in what order (pure).

The page reads its query string into `Criteria` with `parse`, which drops any value that is not
one of the plan's own choices and names it, so the page can say what it ignored; `select` then
filters and sorts plain `Row`s. No Flask, no database: the view builds the rows.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    BEHIND = "behind"  # finishes later than in the chosen baseline
    LATE = "late"  # due by the status date in the chosen baseline, and not complete


ONLY = ("critical", "near")
SORTS = ("start", "finish", "float", "variance", "name")
NO_OWNER = "none"
MAX_TEXT = 200  # a task name is at most 200 characters
_STATUSES = frozenset(s.value for s in Status)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Row:
    """One task as the table shows it: the record's facts and its computed schedule."""

    task_id: int
    name: str
    phase_id: int
    owner_id: int | None
    percent_complete: int
    started: bool  # it has an actual start or some progress
    early_start: date
    early_finish: date
    total_float: int
    critical: bool
    near_critical: bool
    requirement_ids: frozenset[int] = frozenset()
    baseline_finish: date | None = None  # None: no baseline, or the task is not in it
    finish_variance: int | None = None  # working days later (+) or earlier (-) than baseline


@dataclass(frozen=True)
class Choices:
    """What the query may name: the plan's phases, requirements by code, task owners and
    baselines (latest first; the first is the default)."""

    phase_ids: frozenset[int] = frozenset()
    requirement_codes: Mapping[str, int] | None = None
    owner_ids: frozenset[int] = frozenset()
    baseline_ids: Sequence[int] = ()


@dataclass(frozen=True)
class Criteria:
    phase_id: int | None = None
    only: str = ""
    text: str = ""
    requirement: str = ""  # a requirement's code, e.g. REQ-009
    requirement_id: int | None = None
    owner: int | str | None = None  # a user id, NO_OWNER, or None for anyone
    status: Status | None = None
    baseline_id: int | None = None
    sort: str = ""

    def query(self) -> dict[str, str]:
        """The filters as query-string values (sort left out), for links that keep them."""
        values = {"phase": self.phase_id, "only": self.only, "q": self.text,
                  "req": self.requirement, "owner": self.owner,
                  "status": self.status.value if self.status else "",
                  "baseline": self.baseline_id}
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _whole(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def parse(args: Mapping[str, str], choices: Choices) -> tuple[Criteria, list[str]]:
    """Criteria from query-string values, and the names of the values it had to ignore."""
    ignored: list[str] = []

    def pick(name: str, read):
        raw = (args.get(name) or "").strip()
        if not raw:
            return None
        value = read(raw)
        if value is None:
            ignored.append(name)
        return value

    phase = pick("phase", lambda v: _whole(v) if _whole(v) in choices.phase_ids else None)
    only = pick("only", lambda v: v if v in ONLY else None)
    codes = choices.requirement_codes or {}
    requirement = pick("req", lambda v: v.upper() if v.upper() in codes else None)
    owner = pick("owner", lambda v: NO_OWNER if v == NO_OWNER
                 else _whole(v) if _whole(v) in choices.owner_ids else None)
    status = pick("status", lambda v: Status(v) if v in _STATUSES else None)
    baseline = pick("baseline", lambda v: _whole(v) if _whole(v) in choices.baseline_ids
                    else None)
    if baseline is None and choices.baseline_ids:
        baseline = choices.baseline_ids[0]
    sort = pick("sort", lambda v: v if v in SORTS else None)
    text = _CONTROL.sub("", args.get("q") or "").strip()[:MAX_TEXT]
    return Criteria(phase, only or "", text, requirement or "",
                    codes[requirement] if requirement else None, owner, status, baseline,
                    sort or ""), ignored


def has_status(row: Row, status: Status, status_date: date | None) -> bool:
    complete = row.percent_complete >= 100
    if status is Status.COMPLETE:
        return complete
    if status is Status.IN_PROGRESS:
        return row.started and not complete
    if status is Status.NOT_STARTED:
        return not row.started and not complete
    if status is Status.BEHIND:
        return row.finish_variance is not None and row.finish_variance > 0
    # LATE: the baseline had it finished by the status date, and it is not.
    return (not complete and status_date is not None and row.baseline_finish is not None
            and row.baseline_finish <= status_date)


def _keep(row: Row, c: Criteria, status_date: date | None, text: str) -> bool:
    return ((c.phase_id is None or row.phase_id == c.phase_id)
            and (c.only != "critical" or row.critical)
            and (c.only != "near" or row.critical or row.near_critical)
            and (not text or text in row.name.casefold())
            and (c.requirement_id is None or c.requirement_id in row.requirement_ids)
            and (c.owner is None or row.owner_id == (None if c.owner == NO_OWNER else c.owner))
            and (c.status is None or has_status(row, c.status, status_date)))


_SORT_KEYS = {
    "start": lambda r: (r.early_start, r.early_finish),
    "finish": lambda r: (r.early_finish, r.early_start),
    "float": lambda r: (r.total_float, r.early_start),
    # Most slipped first; tasks without a baseline finish last.
    "variance": lambda r: (r.finish_variance is None, -(r.finish_variance or 0), r.early_start),
    "name": lambda r: (r.name.casefold(),),
}


def select(rows: Sequence[Row], criteria: Criteria, status_date: date | None) -> list[Row]:
    """The rows the criteria keep, in the criteria's order (plan order when it has none;
    ties keep plan order)."""
    text = criteria.text.casefold()
    kept = [r for r in rows if _keep(r, criteria, status_date, text)]
    if criteria.sort in _SORT_KEYS:
        kept.sort(key=_SORT_KEYS[criteria.sort])
    return kept
