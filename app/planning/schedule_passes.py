"""The forward and backward passes of the critical path method over a Network's integer lists."""

from __future__ import annotations

from itertools import compress, repeat
from operator import and_, is_not, le, not_, sub

from app.planning.schedule_model import Progress
from app.planning.schedule_network import Network


def forward(net: Network) -> None:
    """Kahn's topological sort and the early positions in one sweep.

    A task is placed when its last predecessor is; placing it pushes its bounds into its
    successors' slots (slot 2i gathers i's earliest start, 2i + 1 its earliest finish).
    """
    n = len(net.ids)
    pos = [0] * (2 * n)
    pos[0::2], pos[1::2] = net.es_floor, net.fin_floor
    dur, movable, out, waiting = net.dur, net.movable, net.out, net.waiting[:]
    order = list(compress(range(n), map(not_, waiting)))
    push = order.append
    for v in order:  # the list is also Kahn's queue: the loop reaches what push appends
        if not movable[v]:
            _place_started(net, v, pos, waiting, push)
            continue
        v2 = v + v
        d = dur[v]
        f = pos[v2] + d
        x = pos[v2 + 1]
        if x > f:  # a finish link or constraint holds it back: start later
            f = x
            pos[v2] = x - d
        else:
            pos[v2 + 1] = f
        for t, lag, w in out[v]:  # lags count from the finish (see Network)
            x = f + lag
            if x > pos[t]:
                pos[t] = x
            k = waiting[w] - 1
            waiting[w] = k
            if not k:
                push(w)
    if len(order) < n:
        net.raise_cycle(waiting)
    net.order, net.pos = order, pos
    net.es, net.ef = pos[0::2], pos[1::2]
    net.project_finish = max(net.ef, default=net.start_floor)


def _place_started(net: Network, v: int, pos: list[int], waiting: list[int], push) -> None:
    """A started task keeps its actual start; the rest of the work resumes at the status date."""
    v2 = v + v
    s = pos[v2]
    r = net.resume[v]
    f = max(s, r) + net.dur_eff[v]
    f = pos[v2 + 1] = max(f, pos[v2 + 1])
    start_links, finish_links = net.split[v]
    for at, links in ((s, start_links), (f, finish_links)):
        for t, lag in links:
            pos[t] = max(pos[t], at + lag)
            w = t >> 1
            waiting[w] -= 1
            if not waiting[w]:
                push(w)


def backward(net: Network) -> tuple[list[int], list[int], list[bool], list[tuple[int, int]]]:
    """Late positions in reverse topological order, from the project finish.

    The same sweep takes each task's least outgoing slack (its free float before capping),
    so the links are read once here. Returns total float, free float, the critical flags
    and the driving links (no slack, between critical tasks).
    """
    n, pf, pos, out = len(net.ids), net.project_finish, net.pos, net.out
    movable, dur = net.movable, net.dur
    caps = [pf] * n
    for i in net.constrained:
        if net.lf_cap[i] is not None and net.lf_cap[i] < pf:
            caps[i] = net.lf_cap[i]
    late, slack = pos[:], [0] * n  # a complete task keeps its actual dates: no float
    for v in reversed(net.order):
        if not movable[v]:
            if net.state[v] is not Progress.COMPLETE:
                slack[v] = _late_of_started(net, v, late, caps[v])
            continue
        f = caps[v]
        m = pf
        for t, lag, _ in out[v]:
            x = late[t] - lag
            if x < f:
                f = x
            x = pos[t] - lag
            if x < m:
                m = x
        v2 = v + v
        late[v2 + 1] = f
        late[v2] = f - dur[v]
        slack[v] = m - pos[v2 + 1]
    net.ls, net.lf = late[0::2], late[1::2]
    total = list(map(sub, net.lf, net.ef))
    free = list(map(max, repeat(0), map(min, slack, total)))
    critical = list(map(le, total, repeat(0)))
    if not all(movable):
        critical = list(map(and_, critical, map(is_not, net.state, repeat(Progress.COMPLETE))))
    return total, free, critical, _driving_links(net, critical)


def _late_of_started(net: Network, v: int, late: list[int], cap: int) -> int:
    """Late finish of an in-progress task (its start is a fact); returns its outgoing slack."""
    v2, pos = v + v, net.pos
    start_links, finish_links = net.split[v]
    f = min([cap, *(late[t] - lag for t, lag in finish_links)])
    m = min([net.project_finish, *(pos[t] - lag for t, lag in finish_links)]) - pos[v2 + 1]
    m = min([m, *(pos[t] - lag - pos[v2] for t, lag in start_links)])
    late[v2 + 1] = f
    late[v2] = f - (pos[v2 + 1] - pos[v2])
    return m


def _driving_links(net: Network, critical: list[bool]) -> list[tuple[int, int]]:
    """Links with no slack between two critical tasks: they form the critical paths."""
    pos, out, movable, driving = net.pos, net.out, net.movable, []
    for v in compress(range(len(critical)), critical):
        v2 = v + v
        if movable[v]:
            at = pos[v2 + 1]
            driving += [(v, w) for t, lag, w in out[v] if pos[t] - lag == at and critical[w]]
            continue
        for at, links in zip((pos[v2], pos[v2 + 1]), net.split[v], strict=True):
            driving += [(v, t >> 1) for t, lag in links if pos[t] - lag == at and critical[t >> 1]]
    return driving
