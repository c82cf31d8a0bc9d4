"""Attendance rates of committee members across held meetings (pure: no Flask, no SQLAlchemy).

Only being there in person counts as attending: a delegate keeps the meeting informed but is
not the member's own participation, which is what top-management commitment is about.
"""

from collections.abc import Iterable
from dataclasses import dataclass

STATUSES = ("invited", "present", "absent", "apologies", "delegate")
ATTENDED = frozenset({"present"})
RECORDED = frozenset(STATUSES) - {"invited"}


@dataclass(frozen=True)
class Mark:
    """One member's attendance at one held meeting."""

    member_id: int
    status: str


@dataclass(frozen=True)
class Rate:
    member_id: int
    held: int  # held meetings the member was invited to
    attended: int
    delegated: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.attended / self.held if self.held else None


def rate(member_id: int, marks: Iterable[Mark]) -> Rate:
    """The member's rate over the held meetings in `marks` (other members' marks are ignored)."""
    own = [m for m in marks if m.member_id == member_id]
    return Rate(member_id, held=len(own),
                attended=sum(m.status in ATTENDED for m in own),
                delegated=sum(m.status == "delegate" for m in own))


def rates(marks: Iterable[Mark]) -> dict[int, Rate]:
    """A rate for every member who appears in `marks`."""
    marks = list(marks)
    return {member_id: rate(member_id, marks)
            for member_id in dict.fromkeys(m.member_id for m in marks)}


def band(value: Rate, good: float = 80.0, poor: float = 60.0) -> str:
    """good at or above `good` percent, poor below `poor`, fair between; none without meetings."""
    percent = value.percent
    if percent is None:
        return "none"
    if percent >= good:
        return "good"
    return "fair" if percent >= poor else "poor"
