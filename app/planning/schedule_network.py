"""A plan in integer form for the scheduling passes: task indices, link lists, working days."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date
from itertools import compress, repeat
from operator import add, attrgetter, getitem, itemgetter, ne, not_, sub
from typing import NoReturn

import networkx as nx

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
    """A plan as integer lists: task i, its links, positions in working-day indices.

    A position is a boundary between working days: a task with start index s and duration d
    occupies days s..s+d-1 and its finish position is s+d. The passes keep one flat list
    `fin` of 2n positions: fin[i] is task i's finish, fin[n + i] the start of a started
    task i. An unstarted task's start is its finish minus d, so it needs one slot only.

    Links are filed under their predecessor task in `out[i]` as (target code, lag) pairs
    (pairs, not triples: the passes run faster on them), the code being the target's finish
    t (or n + t for the start of a started task t, so the target task of code c is c, or
    c - n) and the lag rewritten to join the two finishes: + d(t) for a link into an
    unstarted task's start, - d(i) for a link from i's start. That holds while i is
    unstarted, which is nearly every task, so each pass reads one list and one slot per
    task. A started task keeps its links in `split[i]` (start links, finish links), lags
    rewritten on the target side only, as its own start and finish are facts.
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
        "fin",
        "fin_floor",
        "ids",
        "index",
        "inert",
        "into_milestone",
        "kinds",
        "lags",
        "lf",
        "lf_cap",
        "ls",
        "milestones",
        "movable",
        "order",
        "out",
        "plan",
        "pred",
        "project_finish",
        "resume",
        "split",
        "start_fixed",
        "start_floor",
        "state",
        "status_floor",
        "succ",
        "tasks",
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
        """Columns of the links, then each link filed under its predecessor task.

        Built with map/zip (loops in C): no Python loop per link here unless tasks have
        progress. See the class docstring for the codes and lags.
        """
        deps, index, n = self.plan.dependencies, self.index, len(self.ids)
        preds, succs, kinds, lags = zip(*deps, strict=True) if deps else ((), (), (), ())
        self.kinds, self.lags = kinds, list(lags)
        dur, movable, plain, zeros = self.dur, self.movable, all(self.movable), [0] * n
        # A bound on an unstarted task's start is a bound on its finish d days later; one
        # from a task's start is one from its finish d days earlier. Per link type, the
        # durations to add (of the successor) and to subtract (of the predecessor):
        fold = dur if plain else [d if m else 0 for d, m in zip(dur, movable, strict=True)]
        added = {LinkType.FS: fold, LinkType.SS: fold, LinkType.FF: zeros, LinkType.SF: zeros}
        taken = {LinkType.FS: zeros, LinkType.SS: dur, LinkType.FF: zeros, LinkType.SF: dur}
        try:  # a KeyError is a link naming an unknown task or link type
            self.pred = pred = list(map(index.__getitem__, preds))
            self.succ = succ = list(map(index.__getitem__, succs))
            to_finish = map(add, lags, map(getitem, map(added.__getitem__, kinds), succ))
            codes, from_start, self.inert = succ, None, set()
            if not plain:  # started tasks: inert links, start slots, links split by source
                to_finish = list(to_finish)
                into_start = list(map(_INTO_START.__getitem__, kinds))
                from_start = list(map(_FROM_START.__getitem__, kinds))
                self.inert = self._inert_links(into_start)
                for e in self.inert:
                    to_finish[e] = INERT_LAG
                codes = self._codes(into_start)
            taken_from = map(getitem, map(taken.__getitem__, kinds), pred)
            self.out = out = [[] for _ in range(n)]
            filed = zip(codes, map(sub, to_finish, taken_from), strict=True)
            deque(map(list.append, map(out.__getitem__, pred), filed), 0)  # out[p].append(link)
        except KeyError:
            self._reject_links()
        self.split = {} if plain else self._split_links(codes, to_finish, from_start)
        self._prepare_milestone_links()

    def _codes(self, into_start: list[int]) -> list[int]:
        """Target codes: n + t for a link into the start of a started task t, else t."""
        n, movable, codes = len(self.ids), self.movable, self.succ[:]
        for e, t in enumerate(codes):
            if into_start[e] and not movable[t]:
                codes[e] = n + t
        return codes

    def _split_links(self, codes, to_finish, from_start) -> dict[int, tuple[list, list]]:
        """Links of started tasks by source: (start links, finish links), lags unfolded."""
        started = [not m for m in self.movable]
        split: dict[int, tuple[list, list]] = {
            i: ([], []) for i in compress(range(len(started)), started)
        }
        for e in compress(range(len(self.pred)), map(started.__getitem__, self.pred)):
            link = (codes[e], to_finish[e])
            split[self.pred[e]][1 - from_start[e]].append(link)
        return split

    def _prepare_milestone_links(self) -> None:
        """Incoming links of open milestones, to tell whether each falls at a day's end."""
        if not self.split:  # no task started
            open_ms = list(map(not_, self.dur))
        else:
            not_started = Progress.NOT_STARTED
            pairs = zip(self.dur, self.state, strict=True)
            open_ms = [d == 0 and s is not_started for d, s in pairs]
        self.milestones = open_ms
        pred, succ, kinds, lags, inert = self.pred, self.succ, self.kinds, self.lags, self.inert
        edges = compress(range(len(succ)), map(open_ms.__getitem__, succ))
        edges = [e for e in edges if e not in inert] if inert else list(edges)
        # (source, whether from its finish, lag) filed under the milestone, in C as above
        into: dict[int, list] = {v: [] for v in compress(range(len(open_ms)), open_ms)}
        sources = map(pred.__getitem__, edges)
        from_finish = map(_FROM_FINISH.__getitem__, map(kinds.__getitem__, edges))
        links = zip(sources, from_finish, map(lags.__getitem__, edges), strict=True)
        deque(map(list.append, map(into.__getitem__, map(succ.__getitem__, edges)), links), 0)
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

    def _inert_links(self, into_start: list[int]) -> set[int]:
        """Links that no longer move their successor: its actual dates are facts.

        They keep their place in the topological order but get a lag so low they never bind.
        """
        if not any(self.start_fixed) and Progress.COMPLETE not in self.state:
            return set()
        fixed, state, complete = self.start_fixed, self.state, Progress.COMPLETE
        return {
            e
            for e, (t, to_start) in enumerate(zip(self.succ, into_start, strict=True))
            if (fixed[t] if to_start else state[t] is complete)
        }

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
_FROM_START = {LinkType.FS: 0, LinkType.SS: 1, LinkType.FF: 0, LinkType.SF: 1}
_FROM_FINISH = {LinkType.FS: True, LinkType.SS: False, LinkType.FF: True, LinkType.SF: False}
_INTO_START = {LinkType.FS: 1, LinkType.SS: 1, LinkType.FF: 0, LinkType.SF: 0}
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
