"""Measure the change request impact analysis on a large plan.

Run: .venv/bin/python bench/impact_bench.py [--tasks 2000 --links 6000 --runs 9]
Builds a random acyclic plan (the generator of schedule_bench.py) with ten phases and a budget,
proposes a typical change (a longer task, a new link, a changed lag, a budget draw) and prints
the median time of the full analysis (copy, two schedules, comparison, fingerprint) against the
issue's 200 ms target, and its ratio to one plain full reschedule measured in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from schedule_bench import make_plan

from app.changes import impact
from app.planning import schedule

TARGET_MS = 200


def make_state(n_tasks: int, n_links: int) -> impact.State:
    # Stored plans key tasks by integer ids: renumber the generator's string ids.
    raw = make_plan(n_tasks, n_links)
    number = {t.id: i + 1 for i, t in enumerate(raw.tasks)}
    plan = dataclasses.replace(
        raw, tasks=tuple(dataclasses.replace(t, id=number[t.id], name=t.id) for t in raw.tasks),
        dependencies=tuple(d._replace(predecessor=number[d.predecessor],
                                      successor=number[d.successor])
                           for d in raw.dependencies))
    phases = tuple(impact.Phase(p, f"Phase {p}", f"Gate {p}") for p in range(10))
    task_phase = {t.id: i * 10 // n_tasks for i, t in enumerate(plan.tasks)}
    lines = tuple(impact.Line(i, f"BL-{i:03d}", f"Line {i}", "contingency" if i == 0 else
                              "training", Decimal(10000 + i)) for i in range(40))
    return impact.State(plan, task_phase, phases, lines)


def proposal(state: impact.State) -> list[impact.Operation]:
    tasks, links = state.plan.tasks, state.plan.dependencies
    first, link = tasks[len(tasks) // 3], links[len(links) // 2]
    return [
        impact.Operation("task_change", first.id, {"duration": first.duration + 7}),
        impact.Operation("lag_change", None, {"predecessor_id": link.predecessor,
                                              "successor_id": link.successor, "lag": 3}),
        impact.Operation("contingency_draw", 0, {"amount": "2500", "to_line_id": 5}),
    ]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=9)
    opts = parser.parse_args()
    state = make_state(opts.tasks, opts.links)
    ops = proposal(state)
    result = impact.analyse(state, ops)  # warm up, and show what was measured
    reschedule_ms = median_ms(lambda: schedule.compute(state.plan), opts.runs)
    analysis_ms = median_ms(lambda: impact.analyse(state, ops), opts.runs)
    print(f"plan: {opts.tasks} tasks, {opts.links} links; proposal: {len(ops)} operations")
    print(f"  finish {result.finish_before} -> {result.finish_after} "
          f"({result.finish_shift:+d} working days), {len(result.moved)} tasks move, "
          f"{len(result.gates)} gates move, cost {result.cost_delta:+}")
    print(f"plain full reschedule (baseline): median {reschedule_ms:7.1f} ms over {opts.runs} runs")
    print(f"impact analysis:                  median {analysis_ms:7.1f} ms over {opts.runs} runs"
          f" = {analysis_ms / reschedule_ms:.2f}x the reschedule")
    verdict = "MET" if analysis_ms <= TARGET_MS else "NOT MET"
    print(f"target impact analysis <= {TARGET_MS} ms: {analysis_ms:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
