"""Pure gate logic: may a gate pass, what its checkpoints add up to, which tasks start early.

No Flask or SQLAlchemy here: plain values in, plain dataclasses out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

CHECKPOINT_STATUSES = ("pending", "passed", "failed", "waived")
TARGETS = ("task", "deliverable", "gate")
DECISIONS = ("pass", "pass_with_conditions", "fail")
PASSING = frozenset({"pass", "pass_with_conditions"})
REVIEW_STATUSES = ("open", "decided", "superseded")
JUDGEMENTS = ("on_track", "concerns", "off_track")
ACTION_STATUSES = ("open", "done", "dropped")
CLEARED = frozenset({"passed", "waived"})


@dataclass(frozen=True)
class CheckpointCounts:
    total: int = 0
    passed: int = 0
    waived: int = 0
    failed: int = 0
    pending: int = 0

    @property
    def cleared(self) -> bool:
        """Every checkpoint passed or waived (true when there are none)."""
        return self.failed == 0 and self.pending == 0


def count(statuses: Iterable[str]) -> CheckpointCounts:
    tally = dict.fromkeys(CHECKPOINT_STATUSES, 0)
    for status in statuses:
        tally[status] += 1
    return CheckpointCounts(total=sum(tally.values()), **tally)


@dataclass(frozen=True)
class CheckpointRef:
    code: str
    title: str
    status: str


def blockers(decision: str, checkpoints: Iterable[CheckpointRef]) -> list[CheckpointRef]:
    """The checkpoints that stop `decision`: a pass needs every one passed or waived;
    a fail is always open to the committee."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    if decision not in PASSING:
        return []
    return [c for c in checkpoints if c.status not in CLEARED]


def criteria_lines(text: str) -> list[str]:
    """Exit criteria kept one per line: the non-empty lines, bullets stripped."""
    lines = (line.strip().lstrip("-*•").strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def phase_finish(finishes: Iterable[date]) -> date | None:
    """A phase's gate date: the latest scheduled finish of its tasks (None without tasks)."""
    return max(finishes, default=None)


@dataclass(frozen=True)
class TaskStart:
    id: int
    name: str
    scheduled_start: date
    actual_start: date | None = None

    @property
    def start(self) -> date:
        return self.actual_start or self.scheduled_start


@dataclass(frozen=True)
class EarlyStart:
    task: TaskStart
    started: bool  # actually started, not just scheduled to


def early_starts(tasks: Iterable[TaskStart], gate_date: date | None,
                 passed_on: date | None) -> list[EarlyStart]:
    """Tasks of the next phase that start (or are scheduled to) before their gate passed.

    Once the gate passed, a task is early when it started or is scheduled to start before
    the pass. Before the gate passes, any task that has already started is early, and so is
    any task scheduled to start before the gate date (it cannot wait for the decision).
    """
    flagged = []
    for task in tasks:
        if passed_on is not None:
            early = task.start < passed_on
        else:
            early = task.actual_start is not None or (
                gate_date is not None and task.scheduled_start < gate_date)
        if early:
            flagged.append(EarlyStart(task, task.actual_start is not None))
    return sorted(flagged, key=lambda e: (e.task.start, e.task.id))
