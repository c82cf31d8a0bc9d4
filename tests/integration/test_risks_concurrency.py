"""Risks under concurrent use: RISK ids stay unique and gapless."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa

from app.core.audit import Actor, acting_as
from app.extensions import db
from app.projects import service as projects
from app.risks import service
from app.risks.models import Risk
from tests.conftest import project_data
from tests.integration.test_risks import data

pytestmark = pytest.mark.committed


def test_parallel_creation_keeps_risk_ids_unique_and_gapless(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project_id = projects.create_project(None, "RISKS", project_data()).id

    def create(n):
        with fresh_app.app_context(), acting_as(Actor(None, "test")):
            project = db.session.get(projects.Project, project_id)
            return service.create_risk(None, project, data(title=f"Risk {n} 风险"), 3, 3,
                                       date(2026, 3, 2)).code

    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(create, range(12)))
    assert sorted(codes) == [f"RISK-{n:02d}" for n in range(1, 13)]
    with fresh_app.app_context():
        numbers = db.session.execute(sa.select(Risk.number)).scalars().all()
        assert sorted(numbers) == list(range(1, 13))
