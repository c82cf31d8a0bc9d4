"""Concurrent use: stale edits refused, write locks taken up front, gapless numbers, retries."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from app.core import db as core_db
from app.core.audit import Actor, AuditLog, acting_as
from app.core.numbering import next_number
from app.core.permissions import Role
from app.extensions import db
from app.projects import service as projects
from tests.conftest import PASSWORD, login, project_data

pytestmark = pytest.mark.committed


def _setup_cast(app):
    from app.accounts.service import create_user

    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "RACE", project_data())
        users = {}
        for role in (Role.SPONSOR, Role.PM):
            users[role] = create_user(None, f"{role.value}@race.example", role.value, PASSWORD)
            projects.add_member(None, project, users[role].email, role)
        return project.version, {r: u.email for r, u in users.items()}


def _settings(version, name):
    return {"version": version, "name": name, "description": "", "start_date": "2026-01-05",
            "currency": "USD", "working_days": ["0", "1", "2", "3", "4"], "holidays": ""}


class _Login:
    def __init__(self, email):
        self.id, self.email = None, email


def test_two_concurrent_edits_one_refused_nothing_lost(fresh_app):
    version, emails = _setup_cast(fresh_app)
    clients = {}
    for role, email in emails.items():
        clients[role] = fresh_app.test_client()
        response = clients[role].post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302
        # Both open the form at the same version.
        assert f'value="{version}"' in clients[role].get("/projects/RACE/settings").get_data(
            as_text=True)
    barrier = threading.Barrier(2)

    def submit(role):
        barrier.wait()
        return clients[role].post("/projects/RACE/settings",
                                  data=_settings(version, f"Edited by {role.value}"))

    with ThreadPoolExecutor(2) as pool:
        results = dict(zip(emails, pool.map(submit, list(emails)), strict=True))
    statuses = sorted(r.status_code for r in results.values())
    assert statuses == [302, 409]
    loser = next(r for r, resp in results.items() if resp.status_code == 409)
    winner = next(r for r in results if r != loser)
    assert "changed by someone else" in results[loser].get_data(as_text=True)
    with fresh_app.app_context():
        project = projects.get_by_code("RACE")
        assert project.name == f"Edited by {winner.value}"
        assert project.version == version + 1
        updates = db.session.execute(sa.select(AuditLog).where(
            AuditLog.entity_type == "Project", AuditLog.action == "update")).scalars().all()
        assert len(updates) == 1


def test_stale_form_in_a_later_request_is_refused(fresh_app):
    version, emails = _setup_cast(fresh_app)
    client = fresh_app.test_client()
    client.post("/login", data={"email": emails[Role.PM], "password": PASSWORD})
    first = client.post("/projects/RACE/settings", data=_settings(version, "First"))
    assert first.status_code == 302
    second = client.post("/projects/RACE/settings", data=_settings(version, "Second"))
    assert second.status_code == 409
    with fresh_app.app_context():
        assert projects.get_by_code("RACE").name == "First"


def test_twenty_parallel_numbers_are_distinct_and_gapless(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project_id = projects.create_project(None, "NUM", project_data()).id

    @core_db.transactional
    def reserve():
        return next_number(project_id, "CR")

    def worker(_):
        with fresh_app.app_context():
            return reserve()

    with ThreadPoolExecutor(8) as pool:
        numbers = list(pool.map(worker, range(20)))
    assert sorted(numbers) == list(range(1, 21))


def test_rolled_back_insert_returns_its_number(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project_id = projects.create_project(None, "GAP", project_data()).id

        @core_db.transactional
        def reserve_then_fail():
            next_number(project_id, "REQ")
            raise ValueError("insert refused")

        @core_db.transactional
        def reserve():
            return next_number(project_id, "REQ")

        assert reserve() == 1
        with pytest.raises(ValueError):
            reserve_then_fail()
        assert reserve() == 2


def test_parallel_writers_never_see_database_is_locked(fresh_app):
    """Many writers at once: each transaction takes the write lock up front and waits its turn."""
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "LOCK", project_data())
        project_id = project.id

    @core_db.transactional
    def add_holiday(day):
        project = db.session.get(projects.Project, project_id)  # read, then write
        project.holidays.append(projects.Holiday(day=day, name="Team day"))

    def worker(n):
        with fresh_app.app_context(), acting_as(Actor(None, "test")):
            add_holiday(date(2030, 1, 1 + n))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(worker, range(24)))
    with fresh_app.app_context():
        assert len(db.session.get(projects.Project, project_id).holidays) == 24 + 1


def test_serialization_failures_are_retried_a_bounded_number_of_times(app, db_session):
    class SerializationFailure(Exception):
        sqlstate = "40001"

    calls = []

    @core_db.transactional
    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("UPDATE ...", {}, SerializationFailure())
        return "done"

    assert flaky() == "done" and len(calls) == 3

    calls.clear()

    @core_db.transactional
    def always_failing():
        calls.append(1)
        raise OperationalError("UPDATE ...", {}, SerializationFailure())

    with pytest.raises(OperationalError):
        always_failing()
    assert len(calls) == app.config["DB_RETRY_ATTEMPTS"]


def test_page_views_do_not_take_the_write_lock(app, client, cast):
    """Readers must not queue behind each other: only writing requests begin IMMEDIATE."""
    seen = []
    with app.test_request_context("/projects", method="GET"):
        seen.append(core_db.wants_write_lock())
    with app.test_request_context("/projects/CAST/settings", method="POST"):
        seen.append(core_db.wants_write_lock())
    assert seen == [False, True]
    login(client, cast["pm"])
