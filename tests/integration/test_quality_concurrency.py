"""Quality records under concurrent use: QC numbers stay gapless, one gate review is open at a
time, and two committee members deciding the same review at once leave one decision."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.errors import DomainError
from app.core.permissions import Role
from app.extensions import db
from app.planning import service as planning
from app.projects import service as projects
from app.quality import gate_reviews, service
from app.quality.models import Checkpoint, GateReview
from tests.conftest import PASSWORD, project_data

pytestmark = pytest.mark.committed


def _project(app) -> tuple[int, int, list[int]]:
    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QRACE", project_data())
        phase = planning.create_phase(None, project, "设计 Design", "Design review")
        users = []
        for n, role in enumerate((Role.SPONSOR, Role.STEERING)):
            user = create_user(None, f"c{n}@race.example", f"Committee {n}", PASSWORD)
            projects.add_member(None, project, user.email, role)
            users.append(user.id)
        return project.id, phase.id, users


def test_parallel_checkpoints_get_gapless_numbers(fresh_app):
    project_id, phase_id, _ = _project(fresh_app)

    def create(n):
        with fresh_app.app_context(), acting_as(Actor(None, "test")):
            project = db.session.get(projects.Project, project_id)
            return service.create_checkpoint(None, project, service.CheckpointData(
                f"Check {n}", "gate", phase_id, None, "", "Criteria", None, "",
                "pending")).code

    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(create, range(12)))
    assert sorted(codes) == [f"QC-{n:02d}" for n in range(1, 13)]
    with fresh_app.app_context():
        numbers = db.session.execute(sa.select(Checkpoint.number)).scalars().all()
        assert sorted(numbers) == list(range(1, 13))


def _race(app, fns):
    barrier = threading.Barrier(len(fns))

    def run(fn):
        barrier.wait()
        try:
            with app.app_context(), acting_as(Actor(None, "test")):
                return fn()
        except DomainError as exc:
            return exc

    with ThreadPoolExecutor(len(fns)) as pool:
        return list(pool.map(run, fns))


def test_two_people_opening_a_gate_review_at_once_open_one(fresh_app):
    project_id, phase_id, _ = _project(fresh_app)

    def open_one():
        project = db.session.get(projects.Project, project_id)
        phase = planning.phase_in(project, phase_id)
        return gate_reviews.open_review(None, project, phase, "Criteria").id

    results = _race(fresh_app, [open_one, open_one])
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, DomainError) for r in results) == 1
    with fresh_app.app_context():
        assert db.session.execute(sa.select(sa.func.count()).select_from(GateReview)) \
            .scalar_one() == 1


def test_two_committee_members_deciding_at_once_leave_one_decision(fresh_app):
    project_id, phase_id, users = _project(fresh_app)
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = db.session.get(projects.Project, project_id)
        review = gate_reviews.open_review(None, project, planning.phase_in(project, phase_id),
                                          "Criteria")
        review_id, version = review.id, review.version

    def decide(user_id, decision):
        def act():
            project = db.session.get(projects.Project, project_id)
            user = db.session.get(service.User, user_id)
            review = gate_reviews.review_in(project, review_id)
            return gate_reviews.decide(user, project, review, version, gate_reviews.Decision(
                decision, "", date(2026, 2, 2), (user_id,))).decision
        return act

    results = _race(fresh_app, [decide(users[0], "pass"), decide(users[1], "fail")])
    decided = [r for r in results if isinstance(r, str)]
    assert len(decided) == 1 and sum(isinstance(r, DomainError) for r in results) == 1
    with fresh_app.app_context():
        row = db.session.execute(sa.select(GateReview)).scalar_one()
        assert (row.status, row.decision) == ("decided", decided[0])
