"""Requirements under concurrent use: REQ ids stay unique and gapless, and signers signing at
the same moment all land (the last one completes the sign-off)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.projects import service as projects
from app.requirements import service
from app.requirements.models import Requirement, RequirementSignature
from tests.conftest import PASSWORD, project_data
from tests.integration.test_requirements import data

pytestmark = pytest.mark.committed


def _project(app, signers: int = 0) -> tuple[int, list[int]]:
    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "REQS", project_data())
        user_ids = []
        for n in range(signers):
            user = create_user(None, f"signer{n}@race.example", f"Signer {n}", PASSWORD)
            projects.add_member(None, project, user.email, Role.STEERING)
            service.add_signer(None, project, user.id, f"Signer {n}", None, "Approved for build")
            user_ids.append(user.id)
        return project.id, user_ids


def test_parallel_creation_keeps_req_ids_unique_and_gapless(fresh_app):
    project_id, _ = _project(fresh_app)

    def create(n):
        with fresh_app.app_context(), acting_as(Actor(None, "test")):
            project = db.session.get(projects.Project, project_id)
            return service.create_requirement(None, project, data(title=f"Req {n}")).code

    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(create, range(12)))
    assert sorted(codes) == [f"REQ-{n:03d}" for n in range(1, 13)]
    with fresh_app.app_context():
        numbers = db.session.execute(sa.select(Requirement.number)).scalars().all()
        assert sorted(numbers) == list(range(1, 13))


def test_signers_at_the_same_moment_all_land(fresh_app):
    project_id, user_ids = _project(fresh_app, signers=3)
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = db.session.get(projects.Project, project_id)
        requirement = service.create_requirement(None, project, data())
        service.submit_for_review(None, project, requirement, requirement.version)
        requirement_id, digest = requirement.id, service.version_of(requirement, 1).sha256
    barrier = threading.Barrier(len(user_ids))

    def sign(user_id):
        # Wait before touching the database: on SQLite the first read takes the write lock.
        barrier.wait()
        with fresh_app.app_context(), acting_as(Actor(user_id, f"signer {user_id}")):
            project = db.session.get(projects.Project, project_id)
            user = db.session.get(service.User, user_id)
            requirement = db.session.get(Requirement, requirement_id)
            return service.sign(user, project, requirement, 1, digest).id

    with ThreadPoolExecutor(len(user_ids)) as pool:
        signature_ids = list(pool.map(sign, user_ids))
    assert len(set(signature_ids)) == 3
    with fresh_app.app_context():
        requirement = db.session.get(Requirement, requirement_id)
        assert (requirement.status, requirement.signed_number) == ("signed_off", 1)
        signed = db.session.execute(sa.select(RequirementSignature.user_id)).scalars().all()
        assert sorted(signed) == sorted(user_ids)
