"""Turn a scheduled Network into a ScheduleResult: dates, critical paths, violations."""

from __future__ import annotations

from datetime import date
from itertools import compress, repeat
from types import MappingProxyType

import numpy as np

from app.planning.schedule_model import (
    START_KINDS,
    ConstraintType,
    ConstraintViolation,
    Progress,
    ScheduleResult,
    Task,
    TaskId,
    TaskSchedule,
)
from app.planning.schedule_network import Network
from app.planning.schedule_passes import backward

MAX_CRITICAL_PATHS = 20


def result(net: Network, near_critical_float: int) -> ScheduleResult:
    """Run the backward pass and gather everything a ScheduleResult holds."""
    total, free, critical, driving = backward(net)
    near = (total > 0) & (total <= near_critical_float)
    net.day_end = _milestones_at_day_end(net)
    critical_list = critical.tolist()
    schedules, finishes = _task_schedules(net, total, free, critical_list, near)
    paths, truncated = _critical_paths(net, critical_list, driving)
    net.into_milestone = None  # read by _milestones_at_day_end only
    return ScheduleResult(
        plan=net.plan,
        tasks=MappingProxyType(schedules),
        project_finish=max(finishes, default=net.plan.project_start),
        critical_tasks=_ids_where(net, critical),
        critical_paths=paths,
        critical_paths_truncated=truncated,
        near_critical=_ids_where(net, near),
        near_critical_float=near_critical_float,
        violations=_violations(net),
        _net=net,
    )


def _ids_where(net: Network, flags: np.ndarray) -> tuple[TaskId, ...]:
    return tuple(map(net.ids.__getitem__, net.sorted_tasks(np.flatnonzero(flags).tolist())))


def _task_schedules(net: Network, total, free, critical, near) -> tuple[dict, list[date]]:
    """Every task's TaskSchedule, built column by column (map and zip loop in C).

    Returns them by task id, and the early finish dates.
    """
    n, dur = len(net.ids), net.dur_array
    fin, late = net.fin[:n], net.late[:n]
    es, ls = fin - dur, late - dur
    if net.started_any:  # a started task's start has a slot of its own
        started = ~net.unstarted
        es[started], ls[started] = net.fin[n:][started], net.late[n:][started]
    # the dates from the earliest start to the latest finish (the project start if no task)
    lo = min(int(es.min()), int(ls.min()), net.start_floor) if n else net.start_floor
    hi = max(net.project_finish, int(late.max()), net.start_floor) if n else net.start_floor
    lo -= 1
    net.date_base, net.dates = lo, net.cal.dates_at(lo, hi)
    days = np.fromiter(net.dates, object, len(net.dates))
    at_end = np.zeros(n, np.bool_)
    for i, end in net.day_end.items():
        at_end[i] = end
    # Index of each date in `days`: a finish position is the end of its last working day.
    first, last, late_first, late_last = es - lo, fin - lo - 1, ls - lo, late - lo - 1
    one_day = fin <= es  # a milestone (or zero work): one date, at the start or end of a day
    first[one_day] = last[one_day] = es[one_day] - lo - at_end[one_day]
    late_first[one_day] = late_last[one_day] = late[one_day] - lo - at_end[one_day]
    columns = [net.ids, *(days[k].tolist() for k in (first, last, late_first, late_last))]
    if net.started_any:
        for i in np.flatnonzero(np.array(net.start_fixed)).tolist():
            dates = tuple(column[i] for column in columns[1:5])
            for k, day in enumerate(_with_actual_dates(net.tasks[i], dates), start=1):
                columns[k][i] = day
    # the open milestones are all the milestones when no task started
    is_milestone = (dur == 0).tolist() if net.started_any else net.milestones
    columns += [total.tolist(), free.tolist(), critical, near.tolist(), net.state, is_milestone,
                at_end.tolist()]
    # TaskSchedule from each row tuple, in C (map over repeat: cheaper than a partial)
    rows = map(tuple.__new__, repeat(TaskSchedule), zip(*columns, strict=True))
    schedules = dict(zip(net.ids, rows, strict=True))
    return schedules, columns[2]


def _milestones_at_day_end(net: Network) -> dict[int, bool]:
    """Whether each unstarted milestone is reached at the end of its day.

    A milestone after a finishing task falls at the end of that task's last day; one at
    the project start, a start constraint or a predecessor's start falls at a day's start.
    """
    known: dict[int, bool] = {}
    for v in compress(net.order, map(net.milestones.__getitem__, net.order)):
        known[v] = not _reached_at_day_start(net, v, known)
    return known


def _reached_at_day_start(net: Network, v: int, known: dict[int, bool]) -> bool:
    b = net.es[v]
    if net.es_floor[v] == b and net.fin_floor[v] != b:
        return True
    for p, from_finish, lag in net.into_milestone.get(v, ()):
        if (net.ef[p] if from_finish else net.es[p]) + lag != b:
            continue
        if lag:
            at_end = lag > 0  # a lag counts whole working days from the source point
        elif p in known:
            at_end = known[p]
        else:
            at_end = from_finish and net.ef[p] > net.es[p]
        if not at_end:
            return True
    return False


def _violations(net: Network) -> tuple[ConstraintViolation, ...]:
    found = []
    for i in net.constrained:
        task = net.tasks[i]
        c = task.constraint
        if net.state[i] is Progress.COMPLETE:
            continue
        if net.state[i] is Progress.IN_PROGRESS and c.type in START_KINDS:
            continue
        if c.type in (ConstraintType.START_NO_LATER_THAN, ConstraintType.MUST_START_ON):
            target = net.cal.index_on_or_before(c.date)
            if c.type is ConstraintType.MUST_START_ON:
                target = net.cal.index_on_or_after(c.date)
            late, scheduled = net.es[i] - target, net.es[i]
        elif c.type in (ConstraintType.FINISH_NO_LATER_THAN, ConstraintType.MUST_FINISH_ON):
            late = net.ef[i] - net.cal.index_on_or_before(c.date) - 1
            scheduled = net.ef[i] - 1 if net.dur[i] else net.ef[i]
        else:
            continue  # "no earlier than" constraints are floors and always hold
        if late > 0:
            found.append((i, ConstraintViolation(task.id, c, net.cal.date_at(scheduled), late)))
    found.sort(key=lambda pair: net.sort_key(pair[0]))
    return tuple(v for _, v in found)


def _critical_paths(net: Network, critical: list[bool], driving: list) -> tuple[tuple, bool]:
    """Chains of critical tasks joined by driving links (links with no slack)."""
    after: dict[int, set[int]] = {}
    for p, s in driving:
        after.setdefault(p, set()).add(s)
    # Paths are long and branch rarely: `one[v]` is v's only next task (-1 if none or
    # several), a list read as fast as the walk needs; `many` holds the branches, sorted.
    one, many = [-1] * len(critical), {}
    for p, ts in after.items():
        if len(ts) == 1:
            (one[p],) = ts
        else:
            many[p] = net.sorted_tasks(ts)
    entered = {s for targets in after.values() for s in targets}
    firsts = net.sorted_tasks(set(compress(range(len(critical)), critical)) - entered)
    paths: list[tuple] = []
    path: list[int] = []
    # Depth-first with one shared path list (backtracking), so long paths are not copied
    # at every step; an entry (v, depth) says "v comes at position depth".
    stack = [(f, 0) for f in reversed(firsts)]
    while stack:
        v, depth = stack.pop()
        del path[depth:]
        path.append(v)
        w = one[v]
        while w >= 0:  # no branch: walk on
            path.append(w)
            v, w = w, one[w]
        following = many.get(v)
        if not following:
            if len(paths) == MAX_CRITICAL_PATHS:
                return tuple(paths), True
            paths.append(tuple(map(net.ids.__getitem__, path)))
            continue
        stack.extend((w, len(path)) for w in reversed(following))
    return tuple(paths), False


def _with_actual_dates(task: Task, dates: tuple[date, ...]) -> tuple[date, ...]:
    """Show recorded actual dates (they may fall on non-working days) instead of computed ones."""
    early_start, early_finish, late_start, late_finish = dates
    early_start = task.actual_start or early_start
    if task.actual_finish is not None:
        return early_start, task.actual_finish, early_start, task.actual_finish
    return early_start, early_finish, late_start, late_finish
