"""A plan in integer form for the scheduling sweeps: task indices, link arrays, working days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, itemgetter, ne
from typing import NoReturn

import networkx as nx
import numpy as np

from app.planning import schedule_kernels as kernels
from app.planning.schedule_model import (
    START_KINDS,
    Constraint,
    ConstraintType,
    Dependency,
    DependencyCycleError,
    LinkType,
    PlanInput,
    Progress,
    Task,
    TaskId,
)

NEVER = -(10**9)  # below any working-day index: "no bound"
INERT_LAG = -(2**40)  # a lag no bound ever reaches: the link keeps its place, never binds


class Network:
    """A plan as integers: task i, its links, positions in working-day indices.

    A position is a boundary between working days: a task with start index s and duration d
    occupies days s..s+d-1 and its finish position is s+d. The sweeps keep one array `fin`
    of 2n slots: fin[i] is task i's finish, fin[n + i] the start of a started task i. An
    unstarted task's start is its finish minus d, so it needs one slot only.

    Link e runs from task pred[e] into slot code[e]: the successor's finish t, or n + t for
    the start of a started task t (so the task of code c is c, or c - n). Its lag is
    rewritten to join the two finishes: + d(t) for a link into an unstarted task's start,
    - d(i) for a link from an unstarted task's start. A started task's own start and finish
    are facts, so its links read its start slot instead (reads_start[e]). first/adj list
    each task's links (see schedule_kernels.links_by_task).

    The columns the sweeps need are NumPy arrays; what explain and the results read task by
    task (dates, kinds, lags, ends of links) stays in Python lists, which index faster.
    """

    __slots__ = (
        "adj",
        "cal",
        "code",
        "complete",
        "constrained",
        "date_base",
        "dates",
        "day_end",
        "dur",
        "dur_array",
        "dur_eff",
        "ef",
        "es",
        "es_floor",
        "fin",
        "fin_floor",
        "first",
        "ids",
        "index",
        "inert",
        "into_milestone",
        "kinds",
        "lags",
        "late",
        "lf",
        "lf_cap",
        "link_lag",
        "ls",
        "milestones",
        "movable",
        "order",
        "plan",
        "pred",
        "project_finish",
        "reads_start",
        "resume",
        "start_fixed",
        "start_floor",
        "started_any",
        "state",
        "status_floor",
        "succ",
        "tasks",
        "unstarted",
    )

    def __init__(self, plan: PlanInput) -> None:
        self.plan, self.cal, self.tasks = plan, plan.calendar, plan.tasks
        self.ids = list(map(_ID, plan.tasks))
        self.index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        if len(self.index) != len(self.ids):
            raise ValueError("duplicate task ids: " + _duplicates(self.ids))
        self.start_floor = self.cal.index_on_or_after(plan.project_start)
        self.status_floor = (
            NEVER if plan.status_date is None else self.cal.index_on_or_after(plan.status_date)
        )
        self._prepare_tasks()
        self._prepare_links()

    # -- tasks ---------------------------------------------------------------------------

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
        try:
            self.dur_array = np.array(dur, np.int64)
        except OverflowError:
            raise ValueError("a task's duration is too long for the calendar") from None
        self.state, self.movable = [Progress.NOT_STARTED] * n, [True] * n
        self.start_fixed, self.lf_cap = [False] * n, [None] * n
        self.fin_floor, self.resume = [NEVER] * n, [NEVER] * n
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
        elif self.state[i] is Progress.IN_PROGRESS and self.status_floor != NEVER:
            remaining = (task.duration * (100 - task.percent_complete) + 99) // 100
            self.resume[i], self.dur_eff[i] = self.status_floor, remaining

    def _prepare_constraint(self, i: int, constraint: Constraint) -> None:
        kind, state, d = constraint.type, self.state[i], self.dur[i]
        if state is Progress.COMPLETE or (state is Progress.IN_PROGRESS and kind in START_KINDS):
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

    # -- links ---------------------------------------------------------------------------

    def _prepare_links(self) -> None:
        """The links as arrays for the compiled sweeps (see the class docstring).

        The Python lists pred, succ, kinds and lags stay for explain and the results.
        """
        deps, index, n = self.plan.dependencies, self.index, len(self.ids)
        preds, succs, kinds, lags = zip(*deps, strict=True) if deps else ((), (), (), ())
        self.kinds, self.lags = kinds, list(lags)
        try:  # a KeyError is a link naming an unknown task
            self.pred = list(map(index.__getitem__, preds))
            self.succ = list(map(index.__getitem__, succs))
        except KeyError:
            self._reject_links()
        from_start, into_start = self._link_ends(kinds)
        if not set(map(type, self.lags)) <= {int, bool}:
            self._reject_lags()
        try:
            lag = np.array(self.lags, np.int64)
        except OverflowError:
            raise ValueError("a link's lag is too long for the calendar") from None
        pred = np.fromiter(self.pred, np.int64, len(deps))
        succ = np.fromiter(self.succ, np.int64, len(deps))
        self.started_any = started_any = not all(self.movable)
        self.unstarted = movable = np.array(self.movable, np.bool_)
        self.complete = complete = np.array(
            [s is Progress.COMPLETE for s in self.state] if started_any else [False] * n,
            np.bool_)
        if started_any:
            code = np.where(into_start & ~movable[succ], succ + n, succ)
            reads_start = from_start & ~movable[pred]
            folded_into, folded_from = into_start & movable[succ], from_start & movable[pred]
            inert = np.where(into_start, np.array(self.start_fixed)[succ], complete[succ])
        else:  # every link reads its predecessor's finish and bounds its successor's
            code, reads_start, inert = succ, np.zeros(len(deps), np.bool_), None
            folded_into, folded_from = into_start, from_start
        dur = self.dur_array
        lag = lag + np.where(folded_into, dur[succ], 0) - np.where(folded_from, dur[pred], 0)
        self.inert = set()
        if inert is not None and inert.any():
            lag[inert] = INERT_LAG
            self.inert = set(np.flatnonzero(inert).tolist())
        self.code, self.link_lag, self.reads_start = code, lag, reads_start
        self.first, self.adj = kernels.links_by_task(n, pred)
        self._prepare_milestone_links(succ, inert)

    def _link_ends(self, kinds: tuple[LinkType, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Per link: whether it reads the predecessor's start, and bounds the successor's.

        A link type's name spells both ends ("SF": from the start, into the finish): once
        the types are checked, their names are joined into one string and read as bytes,
        ten times faster than a lookup per link.
        """
        if not set(kinds) <= _LINK_TYPES:
            self._reject_links()
        ends = np.frombuffer("".join(kinds).encode("ascii"), np.uint8).reshape(-1, 2)
        return ends[:, 0] == _S, ends[:, 1] == _S

    def _reject_lags(self) -> NoReturn:
        for dep in self.plan.dependencies:
            if not isinstance(dep.lag, int):
                raise ValueError(f"link {dep.predecessor!r} -> {dep.successor!r}: the lag must "
                                 "be a whole number of working days")
        raise AssertionError("a lag failed the check but none is wrong")

    def _prepare_milestone_links(self, succ, inert) -> None:
        """Incoming links of open milestones, to tell whether each falls at a day's end."""
        open_ms = self.dur_array == 0
        if self.started_any:
            open_ms &= np.array([s is Progress.NOT_STARTED for s in self.state])
        self.milestones = open_ms.tolist()
        into_ms = open_ms[succ] if inert is None else open_ms[succ] & ~inert
        pred, lags, kinds = self.pred, self.lags, self.kinds
        into: dict[int, list] = {v: [] for v in np.flatnonzero(open_ms).tolist()}
        for e, v in zip(np.flatnonzero(into_ms).tolist(), succ[into_ms].tolist(), strict=True):
            into[v].append((pred[e], _FROM_FINISH[kinds[e]], lags[e]))
        self.into_milestone = into

    def _reject_links(self) -> NoReturn:
        """Raise ValueError for the first link naming an unknown task or link type."""
        for dep in self.plan.dependencies:
            for task_id in (dep.predecessor, dep.successor):
                if task_id not in self.index:
                    raise ValueError(f"dependency names an unknown task: {task_id!r}")
            if dep.type not in _LINK_TYPES:
                raise ValueError(f"unknown link type: {dep.type!r}")
        raise AssertionError("a link failed to resolve but none is wrong")

    def raise_cycle(self, waiting: list[int]) -> NoReturn:
        """Name one cycle among the tasks Kahn's sort could not place (networkx finds it)."""
        stuck = {i for i, w in enumerate(waiting) if w}
        after: dict[int, list[int]] = {p: [] for p in stuck}
        for p, s in zip(self.pred, self.succ, strict=True):
            if p in stuck and s in stuck:
                after[p].append(s)
        graph = nx.DiGraph((p, s) for p in stuck for s in after[p])
        cycle = [edge[0] for edge in nx.find_cycle(graph)]
        raise DependencyCycleError(
            tuple(self.ids[i] for i in cycle), tuple(self.tasks[i].label for i in cycle)
        )

    # -- queries used by the results and by explain ----------------------------------------

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
        pred, succ = self.pred, self.succ
        return [
            (pred[e], succ[e], dep)
            for e, dep in enumerate(self.plan.dependencies)
            if e not in self.inert
        ]

    def sort_key(self, i: int) -> tuple:
        task_id = self.ids[i]
        return (self.es[i], self.ef[i], type(task_id).__name__, task_id)

    def sorted_tasks(self, tasks: Iterable[int]) -> list[int]:
        """Task indices in sort_key order, the keys built with map/zip (in C) for speed."""
        tasks = list(tasks)
        ids = list(map(self.ids.__getitem__, tasks))
        es, ef = map(self.es.__getitem__, tasks), map(self.ef.__getitem__, tasks)
        types = map(_NAME, map(type, ids))
        keyed = zip(es, ef, types, ids, tasks, strict=True)  # ids are unique: ties end there
        return list(map(_LAST, sorted(keyed)))

    def date_of(self, position: int, day_end: bool) -> date:
        """The day a position falls in: the day before it when it is the end of a day."""
        j = position - self.date_base - (1 if day_end else 0)
        return self.dates[j]


_LINK_TYPES = frozenset(LinkType)
_S = ord("S")
_FROM_FINISH = {LinkType.FS: True, LinkType.SS: False, LinkType.FF: True, LinkType.SF: False}
_ID, _DURATION = attrgetter("id"), attrgetter("duration")
_NAME, _LAST = attrgetter("__name__"), itemgetter(-1)
_EXTRAS = attrgetter("percent_complete", "actual_start", "actual_finish", "constraint")
_PLAIN = (0, None, None, None)  # _EXTRAS of a task with no progress and no constraint


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
