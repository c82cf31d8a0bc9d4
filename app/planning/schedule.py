"""Critical path scheduling of a plan: early/late dates, float, critical paths, explanations."""

from __future__ import annotations

import dataclasses
import gc
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import partial
from itertools import compress, repeat
from operator import add, and_, attrgetter, eq, getitem, is_not, le, ne, not_, sub
from types import MappingProxyType
from typing import NamedTuple, NoReturn

import networkx as nx

from app.planning.calendar import WorkingCalendar

TaskId = int | str
_NEVER = -(10**9)  # below any working-day index: "no bound"


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


@dataclass(frozen=True, slots=True)
class Dependency:
    """A link; lag in working days (negative is a lead)."""

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
    _net: _Network = field(repr=False, compare=False)

    def __getitem__(self, task_id: TaskId) -> TaskSchedule:
        return self.tasks[task_id]


MAX_CRITICAL_PATHS = 20


def compute(plan: PlanInput, *, near_critical_float: int = 5) -> ScheduleResult:
    """Schedule the plan: forward and backward passes over working-day indices.

    Raises DependencyCycleError naming the tasks of a cycle, ValueError for bad input.
    """
    # The passes allocate many small lists and tuples and free none of them until the end;
    # pausing the cyclic garbage collector meanwhile saves about a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        net = _Network(plan)
        net.forward()
        return net.result(near_critical_float)
    finally:
        if collecting:
            gc.enable()


class _Network:
    """A plan in integer form: task i, link lists per task, positions in working-day indices.

    A position is a boundary between working days: a task with start index s and duration d
    occupies days s..s+d-1 and its finish position is s+d. Both passes use one flat list
    per pass, two slots per task: slot 2i is task i's start and 2i + 1 its finish.
    """

    __slots__ = (
        "cal",
        "constrained",
        "date_base",
        "dates",
        "day_end",
        "dur",
        "dur_eff",
        "ef",
        "es",
        "es_floor",
        "fin_floor",
        "ids",
        "index",
        "inert",
        "into_milestone",
        "lf",
        "lf_cap",
        "ls",
        "milestones",
        "movable",
        "order",
        "out",
        "plan",
        "pos",
        "project_finish",
        "resume",
        "sources",
        "start_fixed",
        "start_floor",
        "state",
        "status_floor",
        "targets",
        "tasks",
        "waiting",
    )

    def __init__(self, plan: PlanInput) -> None:
        self.plan, self.cal, self.tasks = plan, plan.calendar, plan.tasks
        self.ids = list(map(_ID, plan.tasks))
        self.index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        if len(self.index) != len(self.ids):
            raise ValueError("duplicate task ids: " + _duplicates(self.ids))
        self.start_floor = self.cal.index_on_or_after(plan.project_start)
        self.status_floor = (
            _NEVER if plan.status_date is None else self.cal.index_on_or_after(plan.status_date)
        )
        self._prepare_tasks()
        self._prepare_links()

    # -- preparation -------------------------------------------------------------------

    def _prepare_tasks(self) -> None:
        """Per-task lists; only tasks with progress or a constraint are looked at one by one."""
        tasks, n = self.tasks, len(self.tasks)
        dur = list(map(_DURATION, tasks))
        try:
            plain_durations = min(dur, default=0) >= 0 and set(map(type, dur)) <= {int}
        except TypeError:
            plain_durations = False
        if not plain_durations:
            for task in tasks:
                _validate(task)  # raises naming the first bad task (bool passes, as before)
        self.dur, self.dur_eff = dur, dur[:]
        self.state, self.movable = [Progress.NOT_STARTED] * n, [True] * n
        self.start_fixed, self.lf_cap = [False] * n, [None] * n
        self.fin_floor, self.resume = [_NEVER] * n, [_NEVER] * n
        self.es_floor = [max(self.start_floor, self.status_floor)] * n
        special = list(compress(range(n), map(ne, map(_EXTRAS, tasks), repeat(_PLAIN))))
        self.constrained = []
        for i in special:
            task = tasks[i]
            _validate(task)
            if task.percent_complete or task.actual_start or task.actual_finish:
                self.state[i] = task.progress
                if self.state[i] is not Progress.NOT_STARTED:
                    self._prepare_progress(i, task)
            if task.constraint is not None:
                self.constrained.append(i)
                self._prepare_constraint(i, task.constraint)

    def _prepare_progress(self, i: int, task: Task) -> None:
        cal, self.movable[i] = self.cal, False
        start = task.actual_start
        if start is None and task.actual_finish is not None:
            start = cal.add_working_days(task.actual_finish, 1 - max(task.duration, 1))
        self.start_fixed[i] = start is not None
        self.es_floor[i] = self.start_floor if start is None else cal.index_on_or_after(start)
        if self.state[i] is Progress.COMPLETE and task.actual_finish is not None:
            finish = cal.index_on_or_before(task.actual_finish) + (1 if task.duration else 0)
            self.dur_eff[i] = self.fin_floor[i] = max(finish, self.es_floor[i]) - self.es_floor[i]
        elif self.state[i] is Progress.IN_PROGRESS and self.status_floor != _NEVER:
            remaining = (task.duration * (100 - task.percent_complete) + 99) // 100
            self.resume[i], self.dur_eff[i] = self.status_floor, remaining

    def _prepare_constraint(self, i: int, constraint: Constraint) -> None:
        kind, state, d = constraint.type, self.state[i], self.dur[i]
        if state is Progress.COMPLETE or (state is Progress.IN_PROGRESS and kind in _START_KINDS):
            return
        start_on = self.cal.index_on_or_after(constraint.date)
        finish_by = self.cal.index_on_or_before(constraint.date) + 1
        if kind in (ConstraintType.START_NO_EARLIER_THAN, ConstraintType.MUST_START_ON):
            self.es_floor[i] = max(self.es_floor[i], start_on)
        elif kind in (ConstraintType.FINISH_NO_EARLIER_THAN, ConstraintType.MUST_FINISH_ON):
            self.fin_floor[i] = max(self.fin_floor[i], finish_by)
        if kind in (ConstraintType.START_NO_LATER_THAN, ConstraintType.MUST_START_ON):
            latest_start = self.cal.index_on_or_before(constraint.date)
            self.lf_cap[i] = (
                start_on if kind is ConstraintType.MUST_START_ON else latest_start
            ) + d
        elif kind in (ConstraintType.FINISH_NO_LATER_THAN, ConstraintType.MUST_FINISH_ON):
            self.lf_cap[i] = finish_by

    def _prepare_links(self) -> None:
        """Links leaving each slot, as (target slot, lag): slot 2i is i's start, 2i + 1 its finish.

        A link says pos[target] >= pos[source] + lag. The columns are built and the links
        filed under their source slot with map/zip (loops in C): no Python loop per link here.
        Both passes and the free float read these same lists.
        """
        deps, ids, n = self.plan.dependencies, self.ids, len(self.ids)
        starts = dict(zip(ids, range(0, 2 * n, 2), strict=True))  # task id -> its start slot
        finishes = dict(zip(ids, range(1, 2 * n, 2), strict=True))
        kinds = list(map(_KIND, deps))
        try:
            source_slots = {LinkType.FS: finishes, LinkType.SS: starts}
            source_slots |= {LinkType.FF: finishes, LinkType.SF: starts}
            sources = list(map(getitem, map(source_slots.__getitem__, kinds), map(_PRED, deps)))
            target_slots = {LinkType.FS: starts, LinkType.SS: starts}
            target_slots |= {LinkType.FF: finishes, LinkType.SF: finishes}
            targets = list(map(getitem, map(target_slots.__getitem__, kinds), map(_SUCC, deps)))
        except KeyError:
            self._reject_links()
        lags = list(map(_LAG, deps))
        self.sources, self.targets = sources, targets
        self.inert = self._inert_links(targets)
        for e in self.inert:
            lags[e] = _INERT_LAG
        self.out = out = [[] for _ in range(2 * n)]
        links = zip(targets, lags, strict=True)
        deque(map(list.append, map(out.__getitem__, sources), links), 0)  # out[src].append(link)
        into = Counter(targets).get  # links into each slot; a task waits for both its slots
        starts_in = map(into, range(0, 2 * n, 2), repeat(0))
        self.waiting = list(map(add, starts_in, map(into, range(1, 2 * n, 2), repeat(0))))
        # Incoming links of open milestones, to tell whether each falls at a day's end.
        not_started = Progress.NOT_STARTED
        open_ms = [d == 0 and s is not_started for d, s in zip(self.dur, self.state, strict=True)]
        self.milestones, self.into_milestone = open_ms, {}
        ms_slots = [False] * (2 * n)
        ms_slots[0::2] = ms_slots[1::2] = open_ms
        for e in compress(range(len(deps)), map(ms_slots.__getitem__, targets)):
            if e not in self.inert:
                self.into_milestone.setdefault(targets[e] >> 1, []).append((sources[e], lags[e]))

    def _reject_links(self) -> NoReturn:
        """Raise ValueError for the first link naming an unknown task or link type."""
        for dep in self.plan.dependencies:
            for task_id in (dep.predecessor, dep.successor):
                if task_id not in self.index:
                    raise ValueError(f"dependency names an unknown task: {task_id!r}")
            if dep.type not in _LINK_TYPES:
                raise ValueError(f"unknown link type: {dep.type!r}")
        raise AssertionError("a link failed to resolve but none is wrong")

    def _inert_links(self, targets: list[int]) -> set[int]:
        """Links that no longer move their successor: its actual dates are facts.

        They keep their place in the topological order but get a lag so low they never bind.
        """
        if not any(self.start_fixed) and Progress.COMPLETE not in self.state:
            return set()
        fixed, state, complete = self.start_fixed, self.state, Progress.COMPLETE
        return {
            e
            for e, t in enumerate(targets)
            if (state[t >> 1] is complete if t & 1 else fixed[t >> 1])
        }

    # -- passes --------------------------------------------------------------------------

    def forward(self) -> None:
        """Kahn's topological sort and the early positions in one sweep.

        A task is placed when its last predecessor is; placing it pushes its bounds into its
        successors' slots (slot 2i gathers i's earliest start, 2i + 1 its earliest finish).
        A started task keeps its actual start.
        """
        n = len(self.ids)
        pos = [0] * (2 * n)
        pos[0::2], pos[1::2] = self.es_floor, self.fin_floor
        resume, dur, dur_eff, movable = self.resume, self.dur, self.dur_eff, self.movable
        out, waiting = self.out, self.waiting[:]
        order = list(compress(range(n), map(not_, waiting)))
        push = order.append
        for v in order:  # the list is also Kahn's queue: the loop reaches what push appends
            v2 = v + v
            s = pos[v2]
            if movable[v]:
                d = dur[v]
                f = s + d
                x = pos[v2 + 1]
                if x > f:  # a finish link or constraint holds it back: start later
                    f = x
                    s = pos[v2] = x - d
            else:  # started: the actual start stays, the rest of the work resumes
                r = resume[v]
                f = (s if s > r else r) + dur_eff[v]
                x = pos[v2 + 1]
                if x > f:
                    f = x
            pos[v2 + 1] = f
            for t, lag in out[v2 + 1]:
                x = f + lag
                if x > pos[t]:
                    pos[t] = x
                w = t >> 1
                k = waiting[w] - 1
                waiting[w] = k
                if not k:
                    push(w)
            for t, lag in out[v2]:
                x = s + lag
                if x > pos[t]:
                    pos[t] = x
                w = t >> 1
                k = waiting[w] - 1
                waiting[w] = k
                if not k:
                    push(w)
        if len(order) < n:
            self._raise_cycle(waiting)
        self.order, self.pos = order, pos
        self.es, self.ef = pos[0::2], pos[1::2]
        self.project_finish = max(self.ef, default=self.start_floor)

    def backward(self) -> tuple[list[int], list[int], list[bool], list[tuple[int, int]]]:
        """Late positions in reverse topological order, from the project finish.

        The same sweep takes each task's least outgoing slack (its free float before capping),
        so the links are read once here. Returns total float, free float, the critical flags
        and the driving links (no slack, between critical tasks).
        """
        n, pf, pos, out = len(self.ids), self.project_finish, self.pos, self.out
        state, dur, complete = self.state, self.dur, Progress.COMPLETE
        caps = [pf if c is None or c > pf else c for c in self.lf_cap]
        width = list(map(sub, self.ef, self.es))
        late, slack = pos[:], [0] * n  # a complete task keeps its actual dates: no float
        started = any(map(is_not, state, repeat(Progress.NOT_STARTED)))  # any progress
        for v in reversed(self.order):
            if started and state[v] is complete:
                continue
            v2 = v + v
            f = caps[v]
            m = pf
            for t, lag in out[v2 + 1]:
                x = late[t] - lag
                if x < f:
                    f = x
                x = pos[t] - lag
                if x < m:
                    m = x
            m -= pos[v2 + 1]
            links = out[v2]
            if links:
                es_v, d = pos[v2], dur[v]
                opened = not started or state[v] is Progress.NOT_STARTED
                for t, lag in links:
                    x = pos[t] - lag - es_v
                    if x < m:
                        m = x
                    if opened:  # a started task's start is fixed: no late bound from it
                        x = late[t] - lag + d
                        if x < f:
                            f = x
            late[v2 + 1] = f
            late[v2] = f - width[v]
            slack[v] = m
        self.ls, self.lf = late[0::2], late[1::2]
        total = list(map(sub, self.lf, self.ef))
        free = list(map(max, repeat(0), map(min, slack, total)))
        critical = list(map(le, total, repeat(0)))
        if started:
            critical = list(map(and_, critical, map(is_not, state, repeat(complete))))
        return total, free, critical, self._driving_links(critical)

    def _driving_links(self, critical: list[bool]) -> list[tuple[int, int]]:
        """Links with no slack between two critical tasks: they form the critical paths."""
        pos, out, driving = self.pos, self.out, []
        for v in compress(range(len(critical)), critical):
            v2 = v + v
            for slot in (v2, v2 + 1):
                at = pos[slot]
                driving += [
                    (v, t >> 1) for t, lag in out[slot] if pos[t] - lag == at and critical[t >> 1]
                ]
        return driving

    def _raise_cycle(self, waiting: list[int]) -> None:
        """Name one cycle among the tasks Kahn's sort could not place (networkx finds it)."""
        stuck = {i for i, w in enumerate(waiting) if w}
        after: dict[int, list[int]] = {p: [] for p in stuck}
        for source, target in zip(self.sources, self.targets, strict=True):
            p, s = source >> 1, target >> 1
            if p in stuck and s in stuck:
                after[p].append(s)
        graph = nx.DiGraph((p, s) for p in stuck for s in after[p])
        cycle = [edge[0] for edge in nx.find_cycle(graph)]
        raise DependencyCycleError(
            tuple(self.ids[i] for i in cycle), tuple(self.tasks[i].label for i in cycle)
        )

    def link_slack(self, p: int, s: int, kind: LinkType, lag: int) -> int:
        """Working days the successor could move earlier before this link would stop it."""
        if kind is LinkType.FS:
            return self.es[s] - self.ef[p] - lag
        if kind is LinkType.SS:
            return self.es[s] - self.es[p] - lag
        if kind is LinkType.FF:
            return self.ef[s] - self.ef[p] - lag
        return self.ef[s] - self.es[p] - lag

    def links(self) -> list[tuple[int, int, Dependency]]:
        """(predecessor, successor, dependency) of every link that still moves its successor."""
        sources, targets = self.sources, self.targets
        return [
            (sources[e] >> 1, targets[e] >> 1, dep)
            for e, dep in enumerate(self.plan.dependencies)
            if e not in self.inert
        ]

    # -- results -------------------------------------------------------------------------

    def result(self, near_critical_float: int) -> ScheduleResult:
        total, free, critical, driving = self.backward()
        near = [0 < t <= near_critical_float for t in total]
        self.day_end = self._milestones_at_day_end()
        schedules, finishes = self._task_schedules(total, free, critical, near)
        paths, truncated = self._critical_paths(critical, driving)
        return ScheduleResult(
            plan=self.plan,
            tasks=MappingProxyType(schedules),
            project_finish=max(finishes, default=self.plan.project_start),
            critical_tasks=self._ids_where(critical),
            critical_paths=paths,
            critical_paths_truncated=truncated,
            near_critical=self._ids_where(near),
            near_critical_float=near_critical_float,
            violations=self._violations(),
            _net=self,
        )

    def _ids_where(self, flags: list[bool]) -> tuple[TaskId, ...]:
        chosen = sorted(compress(range(len(flags)), flags), key=self._sort_key)
        return tuple(self.ids[i] for i in chosen)

    def _sort_key(self, i: int) -> tuple:
        task_id = self.ids[i]
        return (self.es[i], self.ef[i], type(task_id).__name__, task_id)

    def date_of(self, position: int, day_end: bool) -> date:
        """The day a position falls in: the day before it when it is the end of a day."""
        j = position - self.date_base - (1 if day_end else 0)
        return self.dates[j]

    def _load_dates(self) -> None:
        lo = min(min(self.es, default=0), min(self.ls, default=0), self.start_floor) - 1
        hi = max(self.project_finish, max(self.lf, default=0), self.start_floor)
        self.date_base, self.dates = lo, self.cal.dates_at(lo, hi)

    def _task_schedules(self, total, free, critical, near) -> tuple[dict, list[date]]:
        """Every task's TaskSchedule, built column by column (map and zip loop in C).

        Returns them by task id, and the early finish dates.
        """
        self._load_dates()
        n, dates, base, day_end = len(self.ids), self.dates, self.date_base, self.day_end
        es, ef, ls, lf = self.es, self.ef, self.ls, self.lf
        day = dates.__getitem__
        early_start = list(map(day, map(sub, es, repeat(base))))
        early_finish = list(map(day, map(sub, ef, repeat(base + 1))))  # last day worked
        late_start = list(map(day, map(sub, ls, repeat(base))))
        late_finish = list(map(day, map(sub, lf, repeat(base + 1))))
        at_end = [False] * n
        for i, end in day_end.items():
            at_end[i] = end
        for i in compress(range(n), map(le, ef, es)):  # one date: a milestone (or zero work)
            early_start[i] = early_finish[i] = dates[es[i] - base - at_end[i]]
            late_start[i] = late_finish[i] = dates[lf[i] - base - at_end[i]]
        for i in compress(range(n), self.start_fixed):
            early_start[i], early_finish[i], late_start[i], late_finish[i] = _with_actual_dates(
                self.tasks[i], (early_start[i], early_finish[i], late_start[i], late_finish[i])
            )
        columns = (self.ids, early_start, early_finish, late_start, late_finish, total, free)
        columns += (critical, near, self.state, list(map(eq, self.dur, repeat(0))), at_end)
        schedules = dict(zip(self.ids, map(_new_schedule, zip(*columns, strict=True)), strict=True))
        return schedules, early_finish

    def _milestones_at_day_end(self) -> dict[int, bool]:
        """Whether each unstarted milestone is reached at the end of its day.

        A milestone after a finishing task falls at the end of that task's last day; one at
        the project start, a start constraint or a predecessor's start falls at a day's start.
        """
        known: dict[int, bool] = {}
        for v in compress(self.order, map(self.milestones.__getitem__, self.order)):
            known[v] = not self._reached_at_day_start(v, known)
        return known

    def _reached_at_day_start(self, v: int, known: dict[int, bool]) -> bool:
        b = self.es[v]
        if self.es_floor[v] == b and self.fin_floor[v] != b:
            return True
        for src, lag in self.into_milestone.get(v, ()):
            p, from_finish = src >> 1, bool(src & 1)
            if self.pos[src] + lag != b:
                continue
            if lag:
                at_end = lag > 0  # a lag counts whole working days from the source point
            elif p in known:
                at_end = known[p]
            else:
                at_end = from_finish and self.ef[p] > self.es[p]
            if not at_end:
                return True
        return False

    def _violations(self) -> tuple[ConstraintViolation, ...]:
        found = []
        for i in self.constrained:
            task = self.tasks[i]
            c = task.constraint
            if self.state[i] is Progress.COMPLETE:
                continue
            if self.state[i] is Progress.IN_PROGRESS and c.type in _START_KINDS:
                continue
            if c.type in (ConstraintType.START_NO_LATER_THAN, ConstraintType.MUST_START_ON):
                target = self.cal.index_on_or_before(c.date)
                if c.type is ConstraintType.MUST_START_ON:
                    target = self.cal.index_on_or_after(c.date)
                late, scheduled = self.es[i] - target, self.es[i]
            elif c.type in (ConstraintType.FINISH_NO_LATER_THAN, ConstraintType.MUST_FINISH_ON):
                late = self.ef[i] - self.cal.index_on_or_before(c.date) - 1
                scheduled = self.ef[i] - 1 if self.dur[i] else self.ef[i]
            else:
                continue  # "no earlier than" constraints are floors and always hold
            if late > 0:
                found.append(
                    (i, ConstraintViolation(task.id, c, self.cal.date_at(scheduled), late))
                )
        found.sort(key=lambda pair: self._sort_key(pair[0]))
        return tuple(v for _, v in found)

    def _critical_paths(self, critical: list[bool], driving: list) -> tuple[tuple, bool]:
        """Chains of critical tasks joined by driving links (links with no slack)."""
        after: dict[int, set[int]] = {}
        for p, s in driving:
            after.setdefault(p, set()).add(s)
        nexts = {p: sorted(targets, key=self._sort_key) for p, targets in after.items()}
        entered = {s for targets in after.values() for s in targets}
        firsts = sorted(
            (i for i, c in enumerate(critical) if c and i not in entered), key=self._sort_key
        )
        paths: list[tuple] = []
        path: list[int] = []
        # Depth-first with one shared path list (backtracking), so long paths are not copied
        # at every step; an entry (v, depth) says "v comes at position depth".
        stack = [(f, 0) for f in reversed(firsts)]
        while stack:
            v, depth = stack.pop()
            del path[depth:]
            path.append(v)
            following = nexts.get(v)
            while following is not None and len(following) == 1:  # no branch: walk on
                v = following[0]
                path.append(v)
                following = nexts.get(v)
            if not following:
                if len(paths) == MAX_CRITICAL_PATHS:
                    return tuple(paths), True
                paths.append(tuple(map(self.ids.__getitem__, path)))
                continue
            stack.extend((w, len(path)) for w in reversed(following))
        return tuple(paths), False


_START_KINDS = frozenset(
    {
        ConstraintType.START_NO_EARLIER_THAN,
        ConstraintType.START_NO_LATER_THAN,
        ConstraintType.MUST_START_ON,
    }
)
_INTO_START = frozenset({LinkType.FS, LinkType.SS})
_LINK_TYPES = frozenset(LinkType)
_INERT_LAG = -(2**40)  # a lag no bound ever reaches: the link keeps its place, never binds
_ID, _DURATION, _PRED, _SUCC, _KIND, _LAG = map(
    attrgetter, ("id", "duration", "predecessor", "successor", "type", "lag")
)
_EXTRAS = attrgetter("percent_complete", "actual_start", "actual_finish", "constraint")
_PLAIN = (0, None, None, None)  # _EXTRAS of a task with no progress and no constraint
_new_schedule = partial(tuple.__new__, TaskSchedule)  # TaskSchedule from a tuple, in C


def _with_actual_dates(task: Task, dates: tuple[date, ...]) -> tuple[date, ...]:
    """Show recorded actual dates (they may fall on non-working days) instead of computed ones."""
    early_start, early_finish, late_start, late_finish = dates
    early_start = task.actual_start or early_start
    if task.actual_finish is not None:
        return early_start, task.actual_finish, early_start, task.actual_finish
    return early_start, early_finish, late_start, late_finish


def _validate(task: Task) -> None:
    if not isinstance(task.duration, int) or task.duration < 0:
        raise ValueError(f"task {task.label}: duration must be a whole number of days >= 0")
    if not 0 <= task.percent_complete <= 100:
        raise ValueError(f"task {task.label}: percent complete must be between 0 and 100")
    if task.actual_start and task.actual_finish and task.actual_finish < task.actual_start:
        raise ValueError(f"task {task.label}: actual finish is before actual start")


def _duplicates(ids: list[TaskId]) -> str:
    seen: set[TaskId] = set()
    return ", ".join(str(i) for i in ids if i in seen or seen.add(i))
