"""The scheduling engine's plain data: tasks, links, plan input, computed dates, errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from app.planning.calendar import WorkingCalendar

if TYPE_CHECKING:
    from app.planning.schedule_network import Network

TaskId = int | str


class LinkType(StrEnum):
    FS = "FS"  # successor starts after predecessor finishes
    SS = "SS"
    FF = "FF"
    SF = "SF"


class ConstraintType(StrEnum):
    START_NO_EARLIER_THAN = "SNET"
    START_NO_LATER_THAN = "SNLT"
    FINISH_NO_EARLIER_THAN = "FNET"
    FINISH_NO_LATER_THAN = "FNLT"
    MUST_START_ON = "MSO"
    MUST_FINISH_ON = "MFO"


class Progress(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class Constraint:
    type: ConstraintType
    date: date


@dataclass(frozen=True, slots=True)
class Task:
    """A task to schedule; duration in working days, 0 for a milestone."""

    id: TaskId
    duration: int
    constraint: Constraint | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    name: str = ""

    @property
    def progress(self) -> Progress:
        if self.actual_finish is not None or self.percent_complete >= 100:
            return Progress.COMPLETE
        if self.actual_start is not None or self.percent_complete > 0:
            return Progress.IN_PROGRESS
        return Progress.NOT_STARTED

    @property
    def label(self) -> str:
        return f"{self.id} ({self.name})" if self.name else str(self.id)


class Dependency(NamedTuple):
    """A link; lag in working days (negative is a lead).

    A named tuple rather than a frozen dataclass: the engine turns tens of thousands of
    links into columns with one zip(*links), which a tuple allows and attributes do not.
    """

    predecessor: TaskId
    successor: TaskId
    type: LinkType = LinkType.FS
    lag: int = 0


@dataclass(frozen=True)
class PlanInput:
    """Everything the engine needs. Immutable: a what-if is a cheap modified copy."""

    tasks: tuple[Task, ...]
    dependencies: tuple[Dependency, ...]
    calendar: WorkingCalendar
    project_start: date
    status_date: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(self.tasks))
        object.__setattr__(self, "dependencies", tuple(self.dependencies))

    def task(self, task_id: TaskId) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def with_tasks(self, *changed: Task) -> PlanInput:
        """A copy where tasks with the same id are replaced and new ids appended."""
        by_id = {t.id: t for t in changed}
        tasks = [by_id.pop(t.id, t) for t in self.tasks]
        return dataclasses.replace(self, tasks=(*tasks, *by_id.values()))

    def with_duration(self, task_id: TaskId, duration: int) -> PlanInput:
        return self.with_tasks(dataclasses.replace(self.task(task_id), duration=duration))

    def with_dependencies(
        self, add: Iterable[Dependency] = (), remove: Iterable[Dependency] = ()
    ) -> PlanInput:
        gone = set(remove)
        kept = tuple(d for d in self.dependencies if d not in gone)
        return dataclasses.replace(self, dependencies=(*kept, *add))


class TaskSchedule(NamedTuple):
    """Computed dates of one task. Finish dates are the last working day (inclusive).

    A milestone has one date; `at_day_end` says whether it falls at the end of that day
    (reached when a predecessor finishes) or at its start (e.g. the project start).
    A named tuple rather than a frozen dataclass: a reschedule builds thousands at once and
    a tuple is several times cheaper to create.
    """

    id: TaskId
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    total_float: int
    free_float: int
    critical: bool
    near_critical: bool
    progress: Progress
    is_milestone: bool
    at_day_end: bool


@dataclass(frozen=True, slots=True)
class ConstraintViolation:
    task_id: TaskId
    constraint: Constraint
    scheduled: date  # the early start or finish that breaks the constraint
    working_days_late: int

    @property
    def message(self) -> str:
        return (
            f"{self.constraint.type.name.replace('_', ' ').lower()} "
            f"{self.constraint.date.isoformat()} cannot be met: scheduled "
            f"{self.scheduled.isoformat()}, {self.working_days_late} working day(s) late"
        )


class DependencyCycleError(ValueError):
    """The dependencies loop back on themselves; `task_ids` lists one cycle in order."""

    def __init__(self, task_ids: tuple[TaskId, ...], labels: tuple[str, ...]) -> None:
        self.task_ids = task_ids
        super().__init__("dependency cycle: " + " -> ".join((*labels, labels[0])))


@dataclass(frozen=True)
class ScheduleResult:
    plan: PlanInput
    tasks: Mapping[TaskId, TaskSchedule]
    project_finish: date
    critical_tasks: tuple[TaskId, ...]
    critical_paths: tuple[tuple[TaskId, ...], ...]
    critical_paths_truncated: bool
    near_critical: tuple[TaskId, ...]
    near_critical_float: int
    violations: tuple[ConstraintViolation, ...]
    _net: Network = field(repr=False, compare=False)

    def __getitem__(self, task_id: TaskId) -> TaskSchedule:
        return self.tasks[task_id]


START_KINDS = frozenset(
    {
        ConstraintType.START_NO_EARLIER_THAN,
        ConstraintType.START_NO_LATER_THAN,
        ConstraintType.MUST_START_ON,
    }
)
INTO_START = frozenset({LinkType.FS, LinkType.SS})
