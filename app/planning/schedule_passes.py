"""The forward and backward passes of the critical path method over a Network's integer lists."""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import add, and_, is_not, le, lt, not_, sub

from app.planning.schedule_model import Progress
from app.planning.schedule_network import Network


def forward(net: Network) -> None:
    """Kahn's topological sort and the early positions in one sweep.

    A task is placed when its last predecessor is; placing it pushes its bounds into its
    successors' slots (see Network for the slots and the rewritten lags).
    """
    n, dur, movable, out = len(net.ids), net.dur, net.movable, net.out
    # (a comprehension: map(max, ...) calls the slow generic builtin once per task)
    starts_plus_d = map(add, net.es_floor, dur)
    fin = [a if a > b else b for a, b in zip(starts_plus_d, net.fin_floor, strict=True)]
    if net.split:  # (a dict of the started tasks: empty, as usual, when none started)
        for v in compress(range(n), map(not_, movable)):
            fin[v] = net.fin_floor[v]  # a started task's finish comes from its progress
    fin += net.es_floor  # slots n + i: starts of started tasks
    if not net.split and all(map(lt, net.pred, net.succ)):
        # Every link goes forward in the task list (plans are usually listed that way; the
        # app lists them by phase and position): the list is a topological order already,
        # so the sort and its counters are skipped. Checked in C, this pays off many times.
        order: range | list[int] = range(n)
        for v, links in enumerate(out):
            f = fin[v]
            for t, lag in links:
                x = f + lag
                if x > fin[t]:
                    fin[t] = x
        net.order, net.fin = order, fin
        _finish(net)
        return
    waiting = list(map(Counter(net.succ).get, range(n), repeat(0)))  # links into each task
    order = list(compress(range(n), map(not_, waiting)))
    push = order.append
    if net.split:  # some tasks started: they take their own path, and codes may be n + t
        for v in order:  # the list is also Kahn's queue: the loop reaches what push appends
            if not movable[v]:
                _place_started(net, v, fin, waiting, push)
                continue
            f = fin[v]
            for t, lag in out[v]:
                x = f + lag
                if x > fin[t]:
                    fin[t] = x
                w = t - n if t >= n else t
                k = waiting[w] - 1
                waiting[w] = k
                if not k:
                    push(w)
    else:  # no task started: every code is its task
        for v in order:
            f = fin[v]
            for t, lag in out[v]:
                x = f + lag
                if x > fin[t]:
                    fin[t] = x
                k = waiting[t] - 1
                waiting[t] = k
                if not k:
                    push(t)
    if len(order) < n:
        net.raise_cycle(waiting)
    net.order, net.fin = order, fin
    _finish(net)


def _finish(net: Network) -> None:
    """Early finishes and starts from the forward pass's slots, and the project finish."""
    net.ef = net.fin[: len(net.ids)]
    net.es = _starts(net, net.ef, net.fin)
    net.project_finish = max(net.ef, default=net.start_floor)


def _starts(net: Network, finishes: list[int], slots: list[int]) -> list[int]:
    """Start positions: the finish minus d, or a started task's own start slot."""
    n, starts = len(net.ids), list(map(sub, finishes, net.dur))
    if net.split:  # some task started
        for v in compress(range(n), map(not_, net.movable)):
            starts[v] = slots[n + v]
    return starts


def _place_started(net: Network, v: int, fin: list[int], waiting: list[int], push) -> None:
    """A started task keeps its actual start; the rest of the work resumes at the status date."""
    n = len(net.ids)
    s = fin[n + v]
    f = fin[v] = max(max(s, net.resume[v]) + net.dur_eff[v], fin[v])
    start_links, finish_links = net.split[v]
    for at, links in ((s, start_links), (f, finish_links)):
        for t, lag in links:
            fin[t] = max(fin[t], at + lag)
            w = t - n if t >= n else t
            waiting[w] -= 1
            if not waiting[w]:
                push(w)


def backward(net: Network) -> tuple[list[int], list[int], list[bool], list[tuple[int, int]]]:
    """Late positions in reverse topological order, from the project finish.

    The same sweep takes each task's least outgoing slack (its free float before capping),
    so the links are read once here. Returns total float, free float, the critical flags
    and the driving links (no slack, between critical tasks).
    """
    n, pf, fin, out, movable = len(net.ids), net.project_finish, net.fin, net.out, net.movable
    caps = [pf] * n
    for i in net.constrained:
        if net.lf_cap[i] is not None and net.lf_cap[i] < pf:
            caps[i] = net.lf_cap[i]
    late, slack = fin[:], [0] * n  # a complete task keeps its actual dates: no float
    started = [] if not net.split else list(map(not_, movable))
    for v in reversed(net.order):
        if started and started[v]:  # their links are apart (Network.split)
            if net.state[v] is not Progress.COMPLETE:
                slack[v] = _late_of_started(net, v, late, caps[v])
            continue
        f = caps[v]
        m = pf
        for t, lag in out[v]:
            x = late[t] - lag
            if x < f:
                f = x
            x = fin[t] - lag
            if x < m:
                m = x
        late[v] = f
        slack[v] = m - fin[v]
    net.lf = late[:n]
    net.ls = _starts(net, net.lf, late)
    total = list(map(sub, net.lf, net.ef))
    # max(0, min(s, t)) written out: several times faster than the builtins per task
    pairs = zip(slack, total, strict=True)
    free = [s if 0 < s < t else t if 0 < t <= s else 0 for s, t in pairs]
    critical = list(map(le, total, repeat(0)))
    if net.split:
        critical = list(map(and_, critical, map(is_not, net.state, repeat(Progress.COMPLETE))))
    return total, free, critical, _driving_links(net, critical)


def _late_of_started(net: Network, v: int, late: list[int], cap: int) -> int:
    """Late finish of an in-progress task (its start is a fact); returns its outgoing slack."""
    fin, start = net.fin, len(net.ids) + v
    start_links, finish_links = net.split[v]
    f = min([cap, *(late[t] - lag for t, lag in finish_links)])
    m = min([net.project_finish, *(fin[t] - lag for t, lag in finish_links)]) - fin[v]
    m = min([m, *(fin[t] - lag - fin[start] for t, lag in start_links)])
    late[v] = f
    late[start] = f - (fin[v] - fin[start])
    return m


def _driving_links(net: Network, critical: list[bool]) -> list[tuple[int, int]]:
    """Links with no slack between two critical tasks: they form the critical paths."""
    n, fin, out, movable, driving = len(net.ids), net.fin, net.out, net.movable, []
    if not net.split:  # no task started: the usual case, every code is its task
        append = driving.append
        for v in compress(range(n), critical):
            at = fin[v]
            for t, lag in out[v]:
                if fin[t] - lag == at and critical[t]:
                    append((v, t))
        return driving
    for v in compress(range(n), critical):
        at, links = fin[v], out[v]
        if not movable[v]:  # start links rewritten to read from the finish, like the others
            start_links, finish_links = net.split[v]
            gap = at - fin[n + v]
            links = [(t, lag - gap) for t, lag in start_links] + finish_links
        for t, lag in links:
            w = t - n if t >= n else t
            if fin[t] - lag == at and critical[w]:
                driving.append((v, w))
    return driving
