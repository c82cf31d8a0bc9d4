"""Saving a plan baseline while people change durations: every change that lands is in the
baseline; every change after it is refused (sent to a change request)."""


import pytest

from app.accounts.service import User, create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.planning import baselines, service
from app.projects import service as projects
from tests.conftest import PASSWORD, project_data
from tests.races import edits_racing_a_save

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

    def edit(n):
        project = db.session.get(projects.Project, project_id)
        task = service.task_in(project, task_ids[n])
        service.update_task(db.session.get(User, pm_id), project, task, task.version,
                            service.TaskData(task.name, task.phase_id, 10 + n))

    def save():
        project = db.session.get(projects.Project, project_id)
        baselines.save_baseline(db.session.get(User, pm_id), project, "Race")

    outcomes = edits_racing_a_save(fresh_app, pm_id, EDITS, edit, save)
    assert outcomes[-1] == "baseline"
    with fresh_app.app_context():
        project = db.session.get(projects.Project, project_id)
        [baseline] = baselines.baselines(project)
        then = {row.task_id: row.duration for row in baseline.tasks}
        now = {task.id: task.duration for task in service.tasks(project)}
        assert then == now  # no change landed after the snapshot
        for n, outcome in enumerate(outcomes[:-1]):
            assert now[task_ids[n]] == (10 + n if outcome == "saved" else 5)
