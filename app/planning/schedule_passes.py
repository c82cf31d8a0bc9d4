"""The forward and backward passes of the critical path method over a Network's arrays.

The loops over links are compiled (`schedule_kernels`); what is done here per task is done
on whole arrays with NumPy, and the figures the results read go back into Python lists.
"""

from __future__ import annotations

import numpy as np

from app.planning import schedule_kernels as kernels
from app.planning.schedule_network import Network


def forward(net: Network) -> None:
    """Early positions of every task (see Network for the slots and the rewritten lags)."""
    n, dur = len(net.ids), net.dur_array
    es_floor, fin_floor = np.array(net.es_floor, np.int64), np.array(net.fin_floor, np.int64)
    finish = np.maximum(es_floor + dur, fin_floor)
    movable, started = _movable(net)
    if net.started_any:
        finish[started] = fin_floor[started]  # a started task's finish comes from its progress
        resume, dur_eff = np.array(net.resume, np.int64), np.array(net.dur_eff, np.int64)
    else:
        resume, dur_eff = finish, dur  # (not read: every task is movable)
    fin = np.concatenate((finish, es_floor))  # slots n + i: starts of started tasks
    order, waiting = kernels.forward(n, net.first, net.adj, net.code, net.link_lag,
                                     net.reads_start, fin, movable, resume, dur_eff)
    if len(order) < n:
        net.raise_cycle(waiting.tolist())
    net.order, net.fin = order.tolist(), fin
    ef, es = fin[:n], _starts(net, fin, started)
    net.ef, net.es = ef.tolist(), es.tolist()
    net.project_finish = int(ef.max()) if n else net.start_floor


def backward(net: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """Late positions in reverse topological order, from the project finish.

    Returns total float, free float, the critical flags (arrays) and the driving links (no
    slack, between critical tasks) as (predecessor, successor) pairs.
    """
    n, pf, fin = len(net.ids), net.project_finish, net.fin
    caps = np.full(n, pf, np.int64)
    for i in net.constrained:
        if net.lf_cap[i] is not None and net.lf_cap[i] < pf:
            caps[i] = net.lf_cap[i]
    movable, started = _movable(net)
    order = np.array(net.order, np.int64)
    late, slack = kernels.backward(n, order, net.first, net.adj, net.code, net.link_lag,
                                   net.reads_start, fin, caps, pf, movable, net.complete)
    lf, net.late = late[:n], late
    net.lf, net.ls = lf.tolist(), _starts(net, late, started).tolist()
    total = lf - fin[:n]
    free = np.maximum(np.minimum(slack, total), 0)
    critical = (total <= 0) & ~net.complete  # a complete task keeps its dates: never critical
    driving = kernels.driving_links(n, net.first, net.adj, net.code, net.link_lag,
                                    net.reads_start, fin, critical)
    return total, free, critical, driving.tolist()


def _starts(net: Network, slots: np.ndarray, started: np.ndarray | None) -> np.ndarray:
    """Start positions: the finish minus d, or a started task's own start slot."""
    n = len(net.ids)
    starts = slots[:n] - net.dur_array
    if started is not None:
        starts[started] = slots[n:][started]
    return starts


def _movable(net: Network) -> tuple[np.ndarray, np.ndarray | None]:
    """Whether each task is still unstarted, and the started ones (None when there are none)."""
    return net.unstarted, (~net.unstarted if net.started_any else None)
