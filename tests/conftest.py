"""Fixtures: one app per database backend, a rolled-back transaction per test, users per role.

Every test that touches the database runs on SQLite, and again on PostgreSQL when
TEST_DATABASE_URL is set. Tests that need real commits from several connections (concurrency,
a live server for the browser) use `fresh_app`, a brand-new database of their own.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from flask_sqlalchemy.session import _app_ctx_id

from app import create_app
from app.accounts import service as accounts
from app.accounts.models import User
from app.core.audit import Actor, AuditLog, acting_as
from app.core.permissions import Role
from app.extensions import db
from app.projects import service as projects
from config import TestingConfig

PASSWORD = "Correct-Horse-Battery-42"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _pg_url() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


class FreshRequestClient(FlaskClient):
    """A test client whose every request starts with an empty `g`, as in production.

    The db_session fixture keeps one app context open for the whole test and Flask reuses it
    for the test's requests, so without this `g` would outlive a request: Flask-Login's cached
    user (a copied cookie would look logged in as whoever logged in last), Flask-Babel's locale,
    the project of the previous page.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(g):
                g.pop(name)
        return super().open(*args, **kwargs)


def build_app(url: str, **overrides) -> Flask:
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url, **overrides)
    app.test_client_class = FreshRequestClient
    with app.app_context():
        flask_migrate.upgrade()
    return app


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def app(backend, tmp_path_factory) -> Iterator[Flask]:
    """The application on a database built once per session by the migrations."""
    if backend == "sqlite":
        app = build_app(f"sqlite:///{tmp_path_factory.mktemp('db')}/steerco-test.db")
    else:
        # Each pytest-xdist worker builds its schema in a PostgreSQL schema of its own.
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        schema = f"w_{worker}" if worker else "public"
        engine = sa.create_engine(_pg_url())
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        options = {} if schema == "public" else {"SQLALCHEMY_ENGINE_OPTIONS": {
            "connect_args": {"options": f"-csearch_path={schema}"}}}
        app = build_app(_pg_url(), **options)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def db_session(app) -> Iterator[sa.orm.scoped_session]:
    """Every session of the test joins one outer transaction that is rolled back at the end."""
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        # A plain Session: Flask-SQLAlchemy's own would ignore `bind` and open new connections.
        factory = sa.orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        db.session = sa.orm.scoped_session(factory, scopefunc=_app_ctx_id)
        try:
            with acting_as(Actor(None, "test")):
                yield db.session
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app, db_session):
    return app.test_client()


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


@pytest.fixture
def make_user(db_session) -> Callable[..., User]:
    def make(name: str | None = None, *, email: str | None = None, admin: bool = False,
             password: str = PASSWORD) -> User:
        tag = uuid.uuid4().hex[:8]
        return accounts.create_user(None, email or f"user-{tag}@example.com",
                                    name or f"User {tag}", password, is_admin=admin)

    return make


def project_data(**changes) -> projects.ProjectData:
    values = {"name": "Asia pilot", "description": "Pilot with a key account.",
              "start_date": date(2026, 1, 5), "currency": "USD", "working_days": "1111100",
              "holidays": [(date(2026, 2, 17), "Chinese New Year")]}
    values.update(changes)
    return projects.ProjectData(**values)


@pytest.fixture
def make_project(db_session):
    def make(code: str | None = None, **changes):
        code = code or f"P{uuid.uuid4().hex[:6].upper()}"
        return projects.create_project(None, code, project_data(**changes))

    return make


@dataclass
class Cast:
    """A project with one user per role, plus an outsider and a site admin without a role."""

    project: object
    users: dict[str, User]

    def __getitem__(self, key: str) -> User:
        return self.users[key]


PRINCIPALS = ["anonymous", "outsider", "admin", *[r.value for r in Role]]


@pytest.fixture
def cast(make_user, make_project) -> Cast:
    project = make_project("CAST")
    users = {"outsider": make_user("Outsider"), "admin": make_user("Admin", admin=True)}
    for role in Role:
        users[role.value] = make_user(f"{role.value.title()} person")
        projects.add_member(None, project, users[role.value].email, role)
    return Cast(project, users)


def login(client, user: User, password: str = PASSWORD):
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


@pytest.fixture
def login_as(client, cast):
    """Log the test client in as the cast member playing `principal` (anonymous: no login)."""

    def act(principal: str):
        if principal != "anonymous":
            login(client, cast[principal])
        return client

    return act


def audit_count() -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(AuditLog)).scalar_one()


@pytest.fixture
def fresh_app(backend, tmp_path) -> Iterator[Flask]:
    """An app on a database of its own, for tests whose threads must really commit."""
    if backend == "sqlite":
        app = build_app(f"sqlite:///{tmp_path}/fresh.db")
        yield app
        with app.app_context():
            db.engine.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin_engine = sa.create_engine(_pg_url())
    with admin_engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    app = build_app(_pg_url(), SQLALCHEMY_ENGINE_OPTIONS={
        "pool_pre_ping": True, "connect_args": {"options": f"-csearch_path={schema}"}})
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin_engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin_engine.dispose()
