"""Change requests under concurrent use: parallel submissions get distinct gapless numbers,
two committee members approving at once produce one decision."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from app.accounts.service import create_user
from app.changes import service
from app.changes.models import ChangeRequest, ChangeVote
from app.core.audit import Actor, AuditLog, acting_as
from app.core.errors import DomainError
from app.core.permissions import Role
from app.extensions import db
from app.planning import baselines
from app.planning import service as planning
from app.projects import service as projects
from tests.conftest import PASSWORD, project_data

pytestmark = pytest.mark.committed


def _project(app) -> tuple[int, dict[str, int], int]:
    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "CRACE", project_data())
        users = {}
        for name, role in (("pm", Role.PM), ("sponsor", Role.SPONSOR),
                           ("steering", Role.STEERING)):
            user = create_user(None, f"{name}@race.example", name, PASSWORD)
            projects.add_member(None, project, user.email, role)
            users[name] = user.id
        phase = planning.create_phase(None, project, "Pilot", "Gate")
        task = planning.create_task(None, project, planning.TaskData("Build 构建", phase.id, 5))
        baselines.save_baseline(None, project, "Approved plan")
        return project.id, users, task.id


def _user(user_id):
    return db.session.get(service.User, user_id)


def test_twenty_parallel_submissions_get_distinct_gapless_numbers(fresh_app):
    project_id, users, task_id = _project(fresh_app)

    def submit(n):
        with fresh_app.app_context(), acting_as(Actor(users["pm"], "pm")):
            project = db.session.get(projects.Project, project_id)
            cr = service.create_request(_user(users["pm"]), project, service.RequestData(
                f"Change {n}", "Why", "schedule"),
                [service.OperationData("task_change", task_id, {"duration": 5 + n})],
                submit=True)
            return cr.code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(submit, range(20)))
    assert sorted(codes) == [f"CR-{n:04d}" for n in range(1, 21)]
    with fresh_app.app_context():
        rows = db.session.execute(sa.select(ChangeRequest.number, ChangeRequest.status)).all()
        assert sorted(n for n, _ in rows) == list(range(1, 21))
        assert {s for _, s in rows} == {"submitted"}


def test_two_approvals_racing_produce_one_decision(fresh_app):
    project_id, users, task_id = _project(fresh_app)
    with fresh_app.app_context(), acting_as(Actor(users["pm"], "pm")):
        project = db.session.get(projects.Project, project_id)
        cr = service.create_request(_user(users["pm"]), project, service.RequestData(
            "Longer build", "Why", "schedule"),
            [service.OperationData("task_change", task_id, {"duration": 7})], submit=True)
        cr_id, version = cr.id, cr.version
    deciders = [users["sponsor"], users["steering"]]
    barrier = threading.Barrier(len(deciders))

    def approve(user_id):
        barrier.wait()
        with fresh_app.app_context(), acting_as(Actor(user_id, "committee")):
            project = db.session.get(projects.Project, project_id)
            cr = db.session.get(ChangeRequest, cr_id)
            try:
                service.decide(_user(user_id), project, cr, version, "approve", "Agreed",
                               date(2026, 1, 9))
            except DomainError as exc:
                return type(exc).__name__
            return "decided"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(approve, deciders))
    assert outcomes[0] == "StaleEdit" or outcomes[0] == "DomainError"
    assert outcomes[1] == "decided"
    with fresh_app.app_context():
        cr = db.session.get(ChangeRequest, cr_id)
        assert cr.status == "approved"
        assert len(db.session.execute(sa.select(ChangeVote)).all()) == 1
        decisions = db.session.execute(sa.select(AuditLog.changes).where(
            AuditLog.entity_type == "ChangeRequest", AuditLog.action == "update")).scalars()
        assert sum('"approved"' in c for c in decisions) == 1
