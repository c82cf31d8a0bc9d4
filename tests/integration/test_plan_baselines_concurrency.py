"""Saving a plan baseline while people change durations: every change that lands is in the
baseline; every change after it is refused (sent to a change request)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.accounts.service import User, create_user
from app.changes.guard import ChangeRequestRequired
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.planning import baselines, service
from app.projects import service as projects
from tests.conftest import PASSWORD, project_data

pytestmark = pytest.mark.committed
EDITS = 6


def _project(app) -> tuple[int, int, list[int]]:
    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "PRACE", project_data())
        pm = create_user(None, "pm@plan-race.example", "PM", PASSWORD)
        projects.add_member(None, project, pm.email, Role.PM)
        phase = service.create_phase(None, project, "Build")
        tasks = [service.create_task(None, project, service.TaskData(f"Task {n}", phase.id, 5))
                 for n in range(EDITS)]
        return project.id, pm.id, [t.id for t in tasks]


def test_duration_changes_racing_a_baseline_are_either_in_it_or_refused(fresh_app):
    project_id, pm_id, task_ids = _project(fresh_app)
    barrier = threading.Barrier(EDITS + 1)

    def edit(n):
        barrier.wait()
        with fresh_app.app_context(), acting_as(Actor(pm_id, "pm")):
            project = db.session.get(projects.Project, project_id)
            task = service.task_in(project, task_ids[n])
            try:
                service.update_task(db.session.get(User, pm_id), project, task, task.version,
                                    service.TaskData(task.name, task.phase_id, 10 + n))
            except ChangeRequestRequired:
                return "refused"
            return "saved"

    def save():
        barrier.wait()
        with fresh_app.app_context(), acting_as(Actor(pm_id, "pm")):
            project = db.session.get(projects.Project, project_id)
            baselines.save_baseline(db.session.get(User, pm_id), project, "Race")
            return "baseline"

    with ThreadPoolExecutor(EDITS + 1) as pool:
        futures = [pool.submit(edit, n) for n in range(EDITS)] + [pool.submit(save)]
        outcomes = [f.result() for f in futures]
    assert outcomes[-1] == "baseline"
    with fresh_app.app_context():
        project = db.session.get(projects.Project, project_id)
        [baseline] = baselines.baselines(project)
        then = {row.task_id: row.duration for row in baseline.tasks}
        now = {task.id: task.duration for task in service.tasks(project)}
        assert then == now  # no change landed after the snapshot
        for n, outcome in enumerate(outcomes[:-1]):
            assert now[task_ids[n]] == (10 + n if outcome == "saved" else 5)
