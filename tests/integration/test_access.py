"""Every registered route, for every role and for anonymous users, answers as the permission
table says: allowed, redirect to login, 403 (role lacks the permission) or 404 (no role)."""

import pytest
import sqlalchemy as sa

from app.accounts.models import Membership
from app.core.permissions import ADMIN_PERMISSIONS, PERMISSIONS, Role
from tests.conftest import PRINCIPALS, audit_count

ALLOWED_GET = {200}
# An allowed POST with an empty form is refused as bad input or redirects back with a message.
ALLOWED_POST = {200, 302, 400, 409}


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule, method


def url_for_rule(rule, values: dict) -> str:
    return rule.build({k: values[k] for k in rule.arguments})[1]


@pytest.fixture
def route_values(cast, db_session) -> dict:
    """A value for every URL argument: the foundation's own, then each domain's records,
    made in the cast's project by the builders in tests/route_values/."""
    membership = next(m for m in cast.project.memberships if m.user_id == cast["member"].id)
    values = {"code": cast.project.code, "user_id": cast["member"].id,
              "membership_id": membership.id}
    for module in route_value_builders():
        values.update(module.values(cast, db_session))
    db_session.flush()
    return values


def route_value_builders():
    import importlib
    import pkgutil

    import tests.route_values as package

    return [importlib.import_module(f"{package.__name__}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)]


def expected(access, principal: str, method: str) -> str:
    """'ok', 'login', 403 or 404 for this principal on a route declared with `access`."""
    kind, permission = access
    if kind == "public":
        return "ok"
    if principal == "anonymous":
        return "login"
    if kind == "login":
        return "ok"
    if kind == "admin":
        return "ok" if principal == "admin" else 403
    assert kind == "project"
    if principal == "outsider":
        return 404
    if principal == "admin":
        return "ok" if permission in ADMIN_PERMISSIONS else 403
    return "ok" if Role(principal) in PERMISSIONS[permission] else 403


def test_every_route_declares_its_access(app):
    undeclared = [rule.rule for rule, _ in routes(app)
                  if not hasattr(app.view_functions[rule.endpoint], "access")]
    assert undeclared == []


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_every_route_for_every_principal(app, client, cast, route_values, login_as, principal):
    login_as(principal)
    mismatches = []
    for rule, method in routes(app):
        access = app.view_functions[rule.endpoint].access
        want = expected(access, principal, method)
        url = url_for_rule(rule, route_values)
        before = audit_count()
        response = client.open(url, method=method, data={})
        got = response.status_code
        if want == "login":
            ok = got == 302 and "/login" in response.headers["Location"]
        elif want == "ok":
            ok = got in (ALLOWED_GET if method == "GET" else ALLOWED_POST) or (
                got == 302 and "/login" not in response.headers["Location"])
        else:
            ok = got == want
        if not ok:
            mismatches.append(f"{method} {url}: expected {want}, got {got}")
        if method == "GET":
            assert audit_count() == before, f"GET {url} changed governed records"
        if rule.endpoint == "accounts.logout" and principal != "anonymous":
            login_as(principal)  # log back in for the remaining routes
    assert mismatches == []


def test_permission_table_roles_are_known():
    for permission, roles in PERMISSIONS.items():
        assert roles <= set(Role), permission
    assert set(PERMISSIONS) >= ADMIN_PERMISSIONS


def test_staff_see_no_governance_records(client, cast, login_as):
    login_as("staff")
    page = client.get("/projects/CAST").get_data(as_text=True)
    assert "Members" not in page and "Audit trail" not in page
    assert client.get("/projects/CAST/members").status_code == 403


def test_outsider_cannot_tell_a_project_exists(client, cast, login_as):
    login_as("outsider")
    assert client.get("/projects/CAST").status_code == 404
    assert client.get("/projects/NO-SUCH").status_code == 404
    assert "CAST" not in client.get("/projects").get_data(as_text=True)


def test_member_list_shows_only_own_projects(client, cast, make_project, login_as):
    make_project("OTHER")
    login_as("pm")
    page = client.get("/projects").get_data(as_text=True)
    assert "CAST" in page and "OTHER" not in page


def test_membership_of_another_project_is_not_reachable(client, cast, make_project, make_user,
                                                        login_as, db_session):
    from app.projects import service

    other = make_project("OTHER")
    stranger = make_user("Stranger")
    membership = service.add_member(None, other, stranger.email, Role.MEMBER)
    login_as("pm")
    response = client.post(f"/projects/CAST/members/{membership.id}/remove",
                           data={"version": membership.version})
    assert response.status_code == 404
    assert db_session.execute(
        sa.select(Membership).where(Membership.id == membership.id)).scalar_one()
