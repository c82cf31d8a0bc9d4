"""Saving a budget baseline while people edit planned amounts: every edit that lands is in the
baseline; every edit after it is refused (sent to a change request)."""

from decimal import Decimal

import pytest

from app.accounts.service import create_user
from app.budget import baselines, service
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.projects import service as projects
from tests.conftest import PASSWORD, project_data
from tests.races import edits_racing_a_save

pytestmark = pytest.mark.committed
EDITS = 6


def _project(app) -> tuple[int, int, list[int]]:
    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "BRACE", project_data())
        pm = create_user(None, "pm@race.example", "PM", PASSWORD)
        projects.add_member(None, project, pm.email, Role.PM)
        lines = [service.create_line(None, project, service.LineData(
            "training", 2026, 1 + n % 4, f"Line {n}", Decimal("1000"))) for n in range(EDITS)]
        return project.id, pm.id, [x.id for x in lines]


def test_edits_racing_a_baseline_are_either_in_it_or_refused(fresh_app):
    project_id, pm_id, line_ids = _project(fresh_app)

    def edit(n):
        project = db.session.get(projects.Project, project_id)
        line = service.line_in(project, line_ids[n])
        service.update_line(db.session.get(service.User, pm_id), project, line,
                            line.version, service.LineData(
                                line.category, line.fiscal_year, line.quarter,
                                line.name, Decimal(2000 + n)))

    def save():
        project = db.session.get(projects.Project, project_id)
        baselines.save_baseline(db.session.get(service.User, pm_id), project, "Race")

    outcomes = edits_racing_a_save(fresh_app, pm_id, EDITS, edit, save)
    assert outcomes[-1] == "baseline"
    with fresh_app.app_context():
        project = db.session.get(projects.Project, project_id)
        [baseline] = baselines.baselines(project)
        then = {row.line_id: row.planned for row in baseline.lines}
        now = {line.id: line.planned for line in service.lines(project)}
        assert then == now  # no edit landed after the snapshot
        for n, outcome in enumerate(outcomes[:-1]):
            expected = Decimal(2000 + n) if outcome == "saved" else Decimal(1000)
            assert now[line_ids[n]] == expected
