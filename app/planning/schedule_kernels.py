"""The critical path method's three sweeps over a plan's links, compiled with Numba.

Plain loops over integer arrays: Numba compiles them to machine code on first use (and
caches the result beside this file), which makes a reschedule of 10,000 tasks and 30,000
links take a millisecond here instead of tens of them in the interpreter. The arrays are
the ones `schedule_network.Network` builds; its docstring explains the slots and lags.

Every link e runs from task pred[e] to slot code[e] with lag[e]. Slots 0..n-1 are task
finishes, n..2n-1 the starts of started tasks. An unstarted task's links all read its
finish (their lags were folded), a started task's link reads its start when from_start[e].
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def links_by_task(n, pred):
    """Each task's outgoing links as a range of `adj`: adj[first[v]:first[v + 1]].

    A counting sort, stable, so a task's links keep the order they were given in.
    """
    first = np.zeros(n + 1, np.int64)
    for e in range(pred.shape[0]):
        first[pred[e] + 1] += 1
    for v in range(n):
        first[v + 1] += first[v]
    adj = np.empty(pred.shape[0], np.int64)
    fill = first[:n].copy()
    for e in range(pred.shape[0]):
        adj[fill[pred[e]]] = e
        fill[pred[e]] += 1
    return first, adj


@njit(cache=True, nogil=True)
def forward(n, first, adj, code, lag, from_start, fin, movable, resume, dur_eff):
    """Kahn's topological sort and the early slots in one sweep; returns the order.

    `fin` holds each slot's lower bound on entry and its early position on return. A task
    is placed when its last predecessor is, and then pushes its bounds into its successors'
    slots. A started task first finishes its remaining work from its start or the status
    date. Fewer than n tasks in the order means a cycle (those with waiting > 0).
    """
    waiting = np.zeros(n, np.int64)
    for e in range(code.shape[0]):
        t = code[e]
        waiting[t - n if t >= n else t] += 1
    order = np.empty(n, np.int64)
    placed = 0
    for v in range(n):
        if waiting[v] == 0:
            order[placed] = v
            placed += 1
    k = 0
    while k < placed:
        v = order[k]
        k += 1
        finish = fin[v]
        start = finish
        if not movable[v]:
            start = fin[n + v]
            finish = max(max(start, resume[v]) + dur_eff[v], finish)
            fin[v] = finish
        for j in range(first[v], first[v + 1]):
            e = adj[j]
            t = code[e]
            x = (start if from_start[e] else finish) + lag[e]
            if x > fin[t]:
                fin[t] = x
            w = t - n if t >= n else t
            waiting[w] -= 1
            if waiting[w] == 0:
                order[placed] = w
                placed += 1
    return order[:placed], waiting


@njit(cache=True, nogil=True)
def backward(n, order, first, adj, code, lag, from_start, fin, caps, project_finish, movable,
             complete):
    """Late slots in reverse topological order, and each task's least outgoing slack.

    A complete task keeps its actual dates (late = early, no slack). A started task's start
    is a fact: only links from its finish bound its late finish, and its late start keeps
    the actual gap to it. Returns (late slots, slack), slack being free float before capping.
    """
    late = fin.copy()
    slack = np.zeros(n, np.int64)
    for k in range(order.shape[0] - 1, -1, -1):
        v = order[k]
        if complete[v]:
            continue
        started = not movable[v]
        finish = caps[v]
        least = project_finish - fin[v]
        for j in range(first[v], first[v + 1]):
            e = adj[j]
            t = code[e]
            if from_start[e]:  # only a started task's links read its start
                least = min(least, fin[t] - lag[e] - fin[n + v])
                continue
            finish = min(finish, late[t] - lag[e])
            least = min(least, fin[t] - lag[e] - fin[v])
        late[v] = finish
        if started:
            late[n + v] = finish - (fin[v] - fin[n + v])
        slack[v] = least
    return late, slack


@njit(cache=True, nogil=True)
def driving_links(n, first, adj, code, lag, from_start, fin, critical):
    """(predecessor, successor) of each link with no slack between two critical tasks."""
    ends = np.empty((adj.shape[0], 2), np.int64)
    found = 0
    for v in range(n):
        if not critical[v]:
            continue
        for j in range(first[v], first[v + 1]):
            e = adj[j]
            t = code[e]
            w = t - n if t >= n else t
            source = fin[n + v] if from_start[e] else fin[v]
            if critical[w] and fin[t] - lag[e] == source:
                ends[found, 0] = v
                ends[found, 1] = w
                found += 1
    return ends[:found]
