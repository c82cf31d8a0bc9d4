"""Training coverage: the share of each department's end users trained by a date (pure)."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

KINDS = ("concept", "operational")


@dataclass(frozen=True)
class Trainee:
    id: int
    department: str


@dataclass(frozen=True)
class Attended:
    trainee_id: int
    kind: str  # the programme's kind: concept or operational
    on: date


@dataclass(frozen=True)
class Targets:
    concept: float  # shares from 0 to 1
    operational: float


@dataclass(frozen=True)
class DepartmentCoverage:
    department: str
    end_users: int
    concept: int  # end users who attended at least one concept session by the date
    operational: int

    def share(self, kind: str) -> float | None:
        """The share trained in `kind`; None when the department has no end users."""
        if not self.end_users:
            return None
        return (self.concept if kind == "concept" else self.operational) / self.end_users


@dataclass(frozen=True)
class Shortfall:
    department: str
    kind: str
    share: float
    target: float
    missing: int  # more end users to train to reach the target


def coverage(trainees: Iterable[Trainee], attended: Iterable[Attended], by: date | None,
             departments: Sequence[str]) -> list[DepartmentCoverage]:
    """Per department (in the given order), end users and how many were trained by `by`
    (inclusive; None counts every attendance). A trainee counts once per kind."""
    department_of = {t.id: t.department for t in trainees}
    trained = {kind: set() for kind in KINDS}
    for a in attended:
        if a.trainee_id in department_of and (by is None or a.on <= by):
            trained[a.kind].add(a.trainee_id)
    rows = []
    for department in departments:
        members = {i for i, d in department_of.items() if d == department}
        rows.append(DepartmentCoverage(department, len(members),
                                       len(members & trained["concept"]),
                                       len(members & trained["operational"])))
    return rows


def shortfalls(rows: Iterable[DepartmentCoverage], targets: Targets) -> list[Shortfall]:
    """Departments with end users whose share of a kind is below its target (equal passes)."""
    found = []
    for row in rows:
        for kind in KINDS:
            share, target = row.share(kind), getattr(targets, kind)
            if share is not None and share < target:
                trained = row.concept if kind == "concept" else row.operational
                # Rounded first: 0.7 × 10 is 7.000000000000001 in floating point.
                needed = math.ceil(round(target * row.end_users, 9))
                found.append(Shortfall(row.department, kind, share, target, needed - trained))
    return found
