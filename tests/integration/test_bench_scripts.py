"""The bench scripts still run: small sizes here, only that they finish and agree.

Their figures are read from full-size runs (see README, Measurements); this catches a script
left broken by a change elsewhere, as impact_bench.py once was when links became tuples.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(name: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / name), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_schedule_bench_runs_and_all_three_schedules_agree():
    out = run_bench("schedule_bench.py", "--tasks", "300", "--links", "900", "--runs", "1")
    assert "dates, float, critical identical in all three: True (0 differ)" in out
    assert "same schedule: True" in out
    assert "target full reschedule <= 100 ms" in out


def test_impact_bench_runs():
    out = run_bench("impact_bench.py", "--tasks", "200", "--links", "600", "--runs", "1")
    assert "impact analysis:" in out and "target impact analysis <= 200 ms" in out


def test_plan_pages_bench_runs():
    out = run_bench("plan_pages_bench.py", "--tasks", "60", "--links", "150", "--runs", "1")
    for label in ("task table", "Gantt (weeks)", "Gantt (quarters)", "dependency graph"):
        assert label in out
