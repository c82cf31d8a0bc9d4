"""Time the plan pages (task table, Gantt, dependency graph) for a 2,000-task plan.

Run: .venv/bin/python bench/plan_pages_bench.py [--tasks 2000 --links 6000 --runs 3]
Builds a throw-away SQLite database, logs in as the PM and prints each page's median time as
a share of the issue's 1 s budget, next to the engine's share of the same request.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate

from app import create_app
from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.planning import service
from app.planning.models import Phase, PlanDependency, PlanTask
from app.projects import service as projects
from config import TestingConfig

PASSWORD = "Bench-Planner-Pages-58"
BUDGET_MS = 1000.0


def build(app, n_tasks: int, n_links: int) -> None:
    rng = random.Random(3)
    with app.app_context(), acting_as(Actor(None, "bench")):
        create_user(None, "pm@bench.example", "Bench PM", PASSWORD)
        project = projects.create_project(None, "BENCH", projects.ProjectData(
            "Bench", "", date(2026, 1, 5), "USD", "1111100", [(date(2026, 2, 17), "CNY")]))
        projects.add_member(None, project, "pm@bench.example", Role.PM)
        phases = [Phase(project_id=project.id, name=f"阶段 Phase {i}", position=i, gate="")
                  for i in range(9)]
        db.session.add_all(phases)
        db.session.flush()
        tasks = [PlanTask(project_id=project.id, phase_id=phases[i * 9 // n_tasks].id,
                          position=i, name=f"任务 Task {i:05d}", duration=rng.randint(0, 15),
                          planned_cost=Decimal(1000)) for i in range(n_tasks)]
        db.session.add_all(tasks)
        db.session.flush()
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < n_links:
            s = rng.randrange(1, n_tasks)
            pairs.add((rng.randrange(max(0, s - 40), s), s))
        db.session.add_all(PlanDependency(
            project_id=project.id, predecessor_id=tasks[p].id, successor_id=tasks[s].id,
            type=rng.choice(["FS", "FS", "FS", "SS", "FF", "SF"]),
            lag=rng.choice((0, 0, 1, 2, -1))) for p, s in sorted(pairs))
        db.session.commit()


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--tasks", type=int, default=2000)
    args.add_argument("--links", type=int, default=6000)
    args.add_argument("--runs", type=int, default=3)
    opts = args.parse_args()
    folder = tempfile.mkdtemp(prefix="steerco-bench-")
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/bench.db")
    with app.app_context():
        flask_migrate.upgrade()
    build(app, opts.tasks, opts.links)
    client = app.test_client()
    client.post("/login", data={"email": "pm@bench.example", "password": PASSWORD})
    with app.app_context():
        project = projects.get_by_code("BENCH")
        engine = []
        for _ in range(opts.runs):
            t0 = time.perf_counter()
            service.scheduled(project)
            engine.append((time.perf_counter() - t0) * 1000)
    engine_ms = statistics.median(engine)
    print(f"plan: {opts.tasks} tasks, {opts.links} links (SQLite, test client, median of "
          f"{opts.runs})")
    print(f"load + schedule from the database: {engine_ms:7.1f} ms")
    for label, url in (("task table", "/projects/BENCH/plan"),
                       ("Gantt (weeks)", "/projects/BENCH/plan/gantt?zoom=week"),
                       ("Gantt (quarters)", "/projects/BENCH/plan/gantt?zoom=quarter"),
                       ("dependency graph", "/projects/BENCH/plan/network")):
        times, size = [], 0
        for _ in range(opts.runs):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.data)
        ms = statistics.median(times)
        print(f"{label:18s} {ms:7.1f} ms = {ms / BUDGET_MS:4.2f} of the 1 s budget "
              f"({ms / engine_ms:4.1f}x load+schedule), {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
