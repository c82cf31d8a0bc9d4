"""The audit trail: automatic for every governed model, hash-chained, append-only."""

import importlib
import pkgutil
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

import tests.audit_builders
from app.accounts.models import Membership, User
from app.core.audit import AuditLog, verify_chain
from app.core.model_base import Audited, Base
from app.core.permissions import Role
from app.projects.models import Holiday, Project
from tests.conftest import login


def rows_for(session, entity_type: str, entity_id: str | None = None) -> list[AuditLog]:
    query = sa.select(AuditLog).where(AuditLog.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    return list(session.execute(query.order_by(AuditLog.id)).scalars())


# One way to make, change and delete a row of each governed model: the foundation's here, each
# domain's in tests/audit_builders/<domain>.py (a BUILDERS dict of the same shape, and an
# IMMUTABLE dict naming what a model that refuses change raises). A new governed model without
# an entry fails `test_every_governed_model_is_covered`.
def _user(s, ctx):
    return User(email="gov@example.com", name="Gov", password_hash="x")


def _project(s, ctx):
    return Project(code="GOV", name="Gov", start_date=date(2026, 1, 1), currency="EUR")


def _holiday(s, ctx):
    return Holiday(project=ctx["project"], day=date(2026, 5, 1), name="Labour Day")


def _membership(s, ctx):
    return Membership(project=ctx["project"], user=ctx["user"], role="member")


def _all_builders() -> tuple[dict, dict]:
    immutable = {}
    builders = {
        User: (_user, "name", "Renamed"),
        Project: (_project, "name", "Renamed"),
        Holiday: (_holiday, "name", "May Day"),
        Membership: (_membership, "role", "pm"),
    }
    for info in pkgutil.iter_modules(tests.audit_builders.__path__):
        module = importlib.import_module(f"tests.audit_builders.{info.name}")
        builders.update(module.BUILDERS)
        immutable.update(getattr(module, "IMMUTABLE", {}))
    return builders, immutable


BUILDERS, IMMUTABLE = _all_builders()


def governed_models() -> set[type]:
    import app.models  # noqa: F401  (every model, as the app sees them)

    return {m.class_ for m in Base.registry.mappers if issubclass(m.class_, Audited)}


def test_every_governed_model_is_covered():
    assert governed_models() == set(BUILDERS)


@pytest.mark.parametrize("model", [m for m in BUILDERS if m not in IMMUTABLE],
                         ids=lambda m: m.__name__)
def test_insert_update_delete_each_leave_a_row(db_session, make_user, make_project, model):
    ctx = {"project": make_project(), "user": make_user()}
    build, field, new_value = BUILDERS[model]
    record = build(db_session, ctx)
    db_session.add(record)
    db_session.flush()
    setattr(record, field, new_value)
    db_session.flush()
    label = record.audit_label()
    db_session.delete(record)
    db_session.flush()
    rows = rows_for(db_session, model.__name__, str(label))
    assert [r.action for r in rows] == ["insert", "update", "delete"]
    assert rows[1].change_dict()[field][1] == new_value
    assert all(r.actor_label == "test" for r in rows)


@pytest.mark.parametrize("model", list(IMMUTABLE), ids=lambda m: m.__name__)
def test_an_immutable_record_is_audited_once_and_refuses_change(
        db_session, make_user, make_project, model):
    ctx = {"project": make_project(), "user": make_user()}
    build, field, new_value = BUILDERS[model]
    record = build(db_session, ctx)
    db_session.add(record)
    db_session.flush()
    label, before = record.audit_label(), getattr(record, field)
    with pytest.raises(IMMUTABLE[model]), db_session.begin_nested():
        setattr(record, field, new_value)
        db_session.flush()
    with pytest.raises(IMMUTABLE[model]), db_session.begin_nested():
        db_session.delete(record)
        db_session.flush()
    db_session.expire_all()
    assert getattr(db_session.get(model, record.id), field) == before
    assert [r.action for r in rows_for(db_session, model.__name__, str(label))] == ["insert"]


def test_update_records_before_and_after(client, cast, db_session):
    login(client, cast["pm"])
    project = cast.project
    client.post("/projects/CAST/settings", data={
        "version": project.version, "name": "Asia pilot — phase 2", "description": "x",
        "start_date": "2026-02-02", "currency": "SGD", "working_days": ["0", "1", "2", "3"],
        "holidays": "2026-02-17 春节"})
    row = rows_for(db_session, "Project", "CAST")[-1]
    changes = row.change_dict()
    assert row.action == "update"
    assert changes["name"] == ["Asia pilot", "Asia pilot — phase 2"]
    assert changes["currency"] == ["USD", "SGD"]
    assert changes["working_days"] == ["1111100", "1111000"]
    assert row.actor_id == cast["pm"].id
    holiday = rows_for(db_session, "Holiday", "2026-02-17")[-1]
    assert holiday.change_dict()["name"] == ["Chinese New Year", "春节"]


def test_secrets_and_counters_stay_out_of_the_trail(db_session, make_user):
    user = make_user()
    row = rows_for(db_session, "User", user.email)[-1]
    assert "password_hash" not in row.change_dict()
    user.failed_logins = 3
    db_session.flush()
    assert len(rows_for(db_session, "User", user.email)) == 1


def test_a_rolled_back_change_leaves_no_row(db_session, make_project):
    project = make_project()
    before = len(rows_for(db_session, "Project"))
    nested = db_session.begin_nested()
    project.name = "Never saved"
    db_session.flush()
    nested.rollback()
    assert len(rows_for(db_session, "Project")) == before


def test_chain_is_intact(db_session, cast):
    result = verify_chain(db_session)
    assert result.ok and result.rows_checked >= 10


def _unguard(session, backend):
    """What an attacker with database access would do first: switch the guard triggers off."""
    if backend == "postgresql":
        session.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
    else:
        session.execute(sa.text("DROP TRIGGER audit_log_no_update"))
        session.execute(sa.text("DROP TRIGGER audit_log_no_delete"))


def _middle_row(session) -> AuditLog:
    ids = session.execute(sa.select(AuditLog.id).order_by(AuditLog.id)).scalars().all()
    return session.get(AuditLog, ids[len(ids) // 2])


def test_tampered_row_is_detected(db_session, cast, backend, runner):
    _unguard(db_session, backend)
    victim = _middle_row(db_session)
    db_session.execute(sa.update(AuditLog).where(AuditLog.id == victim.id)
                       .values(actor_label="someone-else"))
    result = verify_chain(db_session)
    assert not result.ok and result.bad_row_id == victim.id
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 1
    assert f"row {victim.id}" in cli.output


def test_deleted_row_is_detected(db_session, cast, backend, runner):
    _unguard(db_session, backend)
    victim = _middle_row(db_session)
    next_id = db_session.execute(sa.select(sa.func.min(AuditLog.id))
                                 .where(AuditLog.id > victim.id)).scalar_one()
    db_session.execute(sa.delete(AuditLog).where(AuditLog.id == victim.id))
    result = verify_chain(db_session)
    assert not result.ok and result.bad_row_id == next_id
    assert runner.invoke(args=["audit", "verify"]).exit_code == 1


def test_verify_command_passes_on_an_intact_trail(db_session, cast, runner):
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 0, cli.output
    assert "intact" in cli.output


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor_label = 'x'",
    "DELETE FROM audit_log",
])
def test_database_refuses_to_change_the_trail(db_session, cast, statement):
    nested = db_session.begin_nested()
    with pytest.raises(DBAPIError, match="append-only"):
        db_session.execute(sa.text(statement))
    nested.rollback()


def test_postgresql_refuses_truncate(db_session, cast, backend):
    if backend != "postgresql":
        # SQLite has no TRUNCATE statement; its DELETE guard is tested above.
        assert backend == "sqlite"
        return
    nested = db_session.begin_nested()
    with pytest.raises(DBAPIError, match="append-only"):
        db_session.execute(sa.text("TRUNCATE audit_log"))
    nested.rollback()


def test_audit_page_filters(client, cast, db_session):
    login(client, cast["sponsor"])
    everything = client.get("/projects/CAST/audit").get_data(as_text=True)
    assert "Membership" in everything and "Holiday" in everything
    only_holidays = client.get("/projects/CAST/audit?entity_type=Holiday").get_data(as_text=True)
    assert "Chinese New Year" in only_holidays and "<td>Membership" not in only_holidays
    future = client.get("/projects/CAST/audit?date_from=2099-01-01").get_data(as_text=True)
    assert "No audit rows match" in future
    bad_date = client.get("/projects/CAST/audit?date_from=not-a-date")
    assert bad_date.status_code == 200 and "error" in bad_date.get_data(as_text=True)


def test_audit_page_shows_only_this_project(client, cast, make_project, db_session):
    make_project("OTHER", name="Other rollout")
    login(client, cast["sponsor"])
    page = client.get("/projects/CAST/audit").get_data(as_text=True)
    assert "Other rollout" not in page


def test_membership_changes_are_audited_with_actor(client, cast, db_session, make_user):
    newcomer = make_user("Newcomer")
    login(client, cast["sponsor"])
    client.post("/projects/CAST/members", data={"email": newcomer.email, "role": "steering"})
    membership = db_session.execute(sa.select(Membership).where(
        Membership.user_id == newcomer.id)).scalar_one()
    assert membership.role == Role.STEERING.value
    row = rows_for(db_session, "Membership", membership.audit_label())[-1]
    assert row.action == "insert" and row.actor_id == cast["sponsor"].id


def test_links_and_children_removed_from_a_collection_are_on_the_trail(cast, db_session):
    """An orphan deleted by the cascade at flush would escape the trail: services delete it."""
    from app.projects import service as projects
    from app.strategy import service as strategy
    from tests.conftest import project_data

    project = cast.project
    projects.update_project(cast["sponsor"], project, project.version, project_data(holidays=[]))
    goal = strategy.create_goal(cast["pm"], project, "Grow top-20 accounts 扩大前二十大客户份额")
    objective = strategy.create_objective(cast["pm"], project, strategy.ObjectiveData(
        "Retain key accounts", "", "retain", "", "short", "high", None, (goal.id,)))
    strategy.update_objective(cast["pm"], project, objective, objective.version,
                              strategy.ObjectiveData("Retain key accounts", "", "retain", "",
                                                     "short", "high", None, ()))
    deleted = db_session.execute(sa.select(AuditLog.entity_type).where(
        AuditLog.action == "delete").order_by(AuditLog.id)).scalars().all()
    assert deleted == ["Holiday", "ObjectiveGoal"]
