"""Bad input in every field of every foundation form: a clear message in the page, never a 500,
and nothing written (the audit trail does not move and the rows read back unchanged).

Each table row is (what is sent, the message the page must show). To cover a new field, add
rows; to cover a new form, add a table and a test that posts it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.accounts.models import Membership, User, UserSession
from app.accounts.passwords import hash_password
from app.accounts.service import update_user
from app.core.audit import AuditLog
from app.extensions import db
from app.projects import service as projects
from app.projects.models import Holiday, Project
from tests.conftest import PASSWORD, Cast, audit_count, login
from tests.integration.webtools import (
    count,
    table_row,
    text,
)

STRONG = "Flavour-Lab-Asia-77"
SCRIPT = '<script>alert("x")</script>'
SQL = "x'); DROP TABLE project; --"
LONG_UNICODE = "长" * 5000

REQUIRED = "This field is required."
STALE = "This record was changed by someone else after you opened it. Nothing was saved"
CONTROL = "Remove control characters."
CONTROL_OR_BREAK = "Remove control characters and line breaks."
MARKUP = "Do not use the characters < and > here."
BAD_EMAIL = "Enter a valid email address."
BAD_DATE = "Not a valid date value."
BAD_CHOICE = "Not a valid choice."
LOGIN_FAILED = "Email or password is wrong"
BAD_REQUEST = "The request could not be understood. Go back, check the form and try again."
SHORT_PASSWORD = "Use at least 8 characters."
COMMON_PASSWORD = "This password is too common or too easy to guess."
CODE_SHAPE = "Use capital letters, digits and single hyphens, starting with a letter."
CODE_LENGTH = "Field must be between 2 and 20 characters long."


def too_long(n: int) -> str:
    return f"Field cannot be longer than {n} characters."


def both(password: str) -> dict:
    return {"password": password, "confirm": password}


class Ref:
    """A value known only inside the test (a cast member's email, the current version)."""

    def __init__(self, name: str, change=None):
        self.name, self.change = name, change

    def __repr__(self) -> str:
        return f"Ref({self.name})"


def resolve(data: dict, refs: dict) -> dict:
    resolved = {}
    for key, value in data.items():
        if isinstance(value, Ref):
            value = refs[value.name] if value.change is None else value.change(refs[value.name])
        resolved[key] = value
    return resolved


MEMBER_EMAIL = Ref("member_email")
INACTIVE_EMAIL = Ref("inactive_email")
SHOUTED_MEMBER_EMAIL = Ref("member_email", str.upper)
OLD_VERSION = Ref("version", lambda v: v - 1)

# Every edit form carries the version it was loaded with; bad ones all mean "reload".
VERSION_CASES = [
    pytest.param({"version": ""}, STALE, id="version-empty"),
    pytest.param({"version": "abc"}, STALE, id="version-letters"),
    pytest.param({"version": "1.5"}, STALE, id="version-decimal"),
    pytest.param({"version": "-1"}, STALE, id="version-negative"),
    pytest.param({"version": "9" * 40}, STALE, id="version-huge"),
    pytest.param({"version": "1\x00"}, STALE, id="version-nul"),
    pytest.param({"version": OLD_VERSION}, STALE, id="version-stale"),
]

NEW_PASSWORD_CASES = [
    pytest.param(both(""), REQUIRED, id="password-empty"),
    pytest.param(both("Ab1-xyz"), SHORT_PASSWORD, id="password-short"),
    pytest.param(both("password123"), COMMON_PASSWORD, id="password-common"),
    pytest.param(both("p" * 129), too_long(128), id="password-overlong"),
    pytest.param(both(LONG_UNICODE), too_long(128), id="password-long-unicode"),
    pytest.param({"confirm": ""}, REQUIRED, id="confirm-empty"),
    pytest.param({"confirm": "Another-Good-Phrase-9"}, "The passwords differ.",
                 id="confirm-differs"),
]

PERSON_NAME_CASES = [
    pytest.param({"name": ""}, REQUIRED, id="name-empty"),
    pytest.param({"name": "   "}, REQUIRED, id="name-blank"),
    pytest.param({"name": "N" * 121}, too_long(120), id="name-overlong"),
    pytest.param({"name": LONG_UNICODE}, too_long(120), id="name-long-unicode"),
    pytest.param({"name": SCRIPT}, MARKUP, id="name-script"),
    pytest.param({"name": "Wang\x00Fang"}, CONTROL_OR_BREAK, id="name-nul"),
    pytest.param({"name": "Wang\nFang"}, CONTROL_OR_BREAK, id="name-line-break"),
]


def unchanged(model, record_id, before: dict) -> None:
    assert table_row(model, record_id) == before


@pytest.fixture(scope="session")
def password_hash(app) -> str:
    with app.app_context():
        return hash_password(PASSWORD)


@pytest.fixture
def cast(db_session, make_project, password_hash) -> Cast:
    """A lighter cast than conftest's (hundreds of cases here): project CAST with a sponsor, a
    PM and a member, a site admin, and a deactivated account; everyone's password is PASSWORD.
    Accounts are inserted directly, skipping the password-strength check that service does."""
    project = make_project("CAST")
    users = {}
    for key in ("admin", "sponsor", "pm", "member", "inactive"):
        users[key] = User(email=f"{key}-person@example.com", name=f"{key.title()} person",
                          password_hash=password_hash, is_admin=key == "admin",
                          active=key != "inactive")
    db_session.add_all(users.values())
    db_session.add_all(Membership(project=project, user=users[role], role=role)
                       for role in ("sponsor", "pm", "member"))
    db_session.commit()  # as the services do: a refused request's rollback must not undo this
    return Cast(project, users)


@pytest.fixture
def refs(cast) -> dict:
    return {"member_email": cast["member"].email, "inactive_email": cast["inactive"].email}


# --- login ----------------------------------------------------------------------------------

LOGIN_CASES = [
    pytest.param({"email": ""}, REQUIRED, id="email-empty"),
    pytest.param({"email": "e" * 243 + "@example.com"}, too_long(254), id="email-overlong"),
    pytest.param({"email": LONG_UNICODE}, too_long(254), id="email-long-unicode"),
    pytest.param({"email": "wang\x00fang@example.com"}, CONTROL, id="email-nul"),
    pytest.param({"email": SCRIPT}, LOGIN_FAILED, id="email-script"),
    pytest.param({"email": "' OR '1'='1' --"}, LOGIN_FAILED, id="email-sql"),
    pytest.param({"email": "not-an-email"}, LOGIN_FAILED, id="email-not-an-email"),
    pytest.param({"password": ""}, REQUIRED, id="password-empty"),
    pytest.param({"password": "p" * 257}, too_long(256), id="password-overlong"),
    pytest.param({"password": LONG_UNICODE}, too_long(256), id="password-long-unicode"),
    pytest.param({"password": "' OR '1'='1' --"}, LOGIN_FAILED, id="password-sql"),
    pytest.param({"password": "wrong\x00password"}, LOGIN_FAILED, id="password-nul"),
]
ACCOUNT_FIELDS = ("email", "name", "password_hash", "is_admin", "active", "locale")


@pytest.mark.parametrize(("data", "message"), LOGIN_CASES)
def test_login_refuses_bad_input(client, cast, data, message):
    user = cast["member"]
    before = {k: table_row(User, user.id)[k] for k in ACCOUNT_FIELDS}
    audit_before = audit_count()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, **data})
    assert response.status_code == 200 and message in text(response)
    assert client.get("/account").status_code == 302  # not logged in
    assert count(UserSession) == 0 and audit_count() == audit_before
    assert {k: table_row(User, user.id)[k] for k in ACCOUNT_FIELDS} == before


# --- own account: change password -----------------------------------------------------------

ACCOUNT_CASES = [
    pytest.param({"current": ""}, REQUIRED, id="current-empty"),
    pytest.param({"current": "Wrong-Password-1"}, "Your current password is not right.",
                 id="current-wrong"),
    pytest.param({"current": SQL}, "Your current password is not right.", id="current-sql"),
    pytest.param({"current": "p" * 5000}, "Your current password is not right.",
                 id="current-overlong"),
    *NEW_PASSWORD_CASES,
]


@pytest.mark.parametrize(("data", "message"), ACCOUNT_CASES)
def test_change_own_password_refuses_bad_input(client, cast, data, message):
    user = cast["member"]
    login(client, user)
    before, audit_before = table_row(User, user.id), audit_count()
    response = client.post("/account", data={"current": PASSWORD, **both(STRONG), **data})
    assert response.status_code == 200 and message in text(response)
    unchanged(User, user.id, before)
    assert audit_count() == audit_before
    assert client.get("/account").status_code == 200  # still logged in


@pytest.mark.parametrize("language", ["", "fr", "EN", "zh", SCRIPT, "zh_Hans_CN\x00", SQL,
                                      LONG_UNICODE])
def test_language_refuses_unknown_locales(client, cast, language):
    user = cast["member"]
    login(client, user)
    before, audit_before = table_row(User, user.id), audit_count()
    response = client.post("/language", data={"language": language, "next": "/projects"})
    assert response.status_code == 400 and BAD_REQUEST in text(response)
    unchanged(User, user.id, before)
    assert audit_count() == audit_before
    assert 'lang="en"' in client.get("/projects").get_data(as_text=True)


# --- administrators: new user, edit, reset password, deactivate -----------------------------

USER_NEW_CASES = [
    pytest.param({"email": ""}, REQUIRED, id="email-empty"),
    pytest.param({"email": "not-an-email"}, BAD_EMAIL, id="email-not-an-email"),
    pytest.param({"email": "new.person@"}, BAD_EMAIL, id="email-no-domain"),
    pytest.param({"email": "e" * 243 + "@example.com"}, too_long(254), id="email-overlong"),
    pytest.param({"email": LONG_UNICODE}, too_long(254), id="email-long-unicode"),
    pytest.param({"email": "new\x00person@example.com"}, BAD_EMAIL, id="email-nul"),
    pytest.param({"email": SCRIPT}, BAD_EMAIL, id="email-script"),
    pytest.param({"email": "x'; DROP TABLE user_account; --@example.com"}, BAD_EMAIL,
                 id="email-sql"),
    pytest.param({"email": MEMBER_EMAIL}, "An account with this email already exists.",
                 id="email-taken"),
    pytest.param({"email": SHOUTED_MEMBER_EMAIL}, "An account with this email already exists.",
                 id="email-taken-other-case"),
    *PERSON_NAME_CASES,
    *NEW_PASSWORD_CASES,
]


@pytest.mark.parametrize(("data", "message"), USER_NEW_CASES)
def test_new_user_refuses_bad_input(client, cast, refs, data, message):
    login(client, cast["admin"])
    users, audit_before = count(User), audit_count()
    response = client.post("/admin/users/new", data=resolve({
        "email": "new.person@example.com", "name": "New Person", **both(STRONG), **data}, refs))
    assert response.status_code == 400 and message in text(response)
    assert count(User) == users and audit_count() == audit_before


@pytest.mark.parametrize(("data", "message"), [*PERSON_NAME_CASES, *VERSION_CASES])
def test_edit_user_refuses_bad_input(client, cast, data, message):
    login(client, cast["admin"])
    target = cast["member"]
    before, audit_before = table_row(User, target.id), audit_count()
    response = client.post(f"/admin/users/{target.id}", data=resolve(
        {"version": before["version"], "name": "Renamed Person", "is_admin": "y", **data},
        {"version": before["version"]}))
    assert response.status_code in (400, 409) and message in text(response)
    unchanged(User, target.id, before)
    assert audit_count() == audit_before


@pytest.mark.parametrize(("data", "message"), [*NEW_PASSWORD_CASES, *VERSION_CASES])
def test_reset_password_refuses_bad_input(client, cast, data, message):
    login(client, cast["admin"])
    target = cast["member"]
    before, audit_before = table_row(User, target.id), audit_count()
    response = client.post(f"/admin/users/{target.id}/password", data=resolve(
        {"version": before["version"], **both(STRONG), **data}, {"version": before["version"]}),
        follow_redirects=True)
    assert response.status_code == 200 and message in text(response)
    unchanged(User, target.id, before)
    assert audit_count() == audit_before


@pytest.mark.parametrize(("data", "status", "message"), [
    pytest.param({"version": ""}, 400, BAD_REQUEST, id="version-empty"),
    pytest.param({"version": "abc"}, 400, BAD_REQUEST, id="version-letters"),
    pytest.param({"version": OLD_VERSION}, 200, STALE, id="version-stale"),
    pytest.param({"active": ""}, 400, BAD_REQUEST, id="active-empty"),
    pytest.param({"active": "banana"}, 400, BAD_REQUEST, id="active-unknown"),
    pytest.param({"active": "0\x00"}, 400, BAD_REQUEST, id="active-nul"),
    pytest.param({"active": SCRIPT}, 400, BAD_REQUEST, id="active-script"),
])
def test_deactivate_refuses_bad_input(client, cast, data, status, message):
    login(client, cast["admin"])
    target = cast["member"]
    before, audit_before = table_row(User, target.id), audit_count()
    response = client.post(f"/admin/users/{target.id}/active", data=resolve(
        {"version": before["version"], "active": "0", **data}, {"version": before["version"]}),
        follow_redirects=True)
    assert response.status_code == status and message in text(response)
    unchanged(User, target.id, before)
    assert audit_count() == audit_before


def test_admin_cannot_demote_or_deactivate_themselves(client, cast):
    admin = cast["admin"]
    login(client, admin)
    before, audit_before = table_row(User, admin.id), audit_count()
    demote = client.post(f"/admin/users/{admin.id}",
                         data={"version": before["version"], "name": "Admin"})
    assert "You cannot remove your own administrator right." in text(demote)
    deactivate = client.post(f"/admin/users/{admin.id}/active",
                             data={"version": before["version"], "active": "0"},
                             follow_redirects=True)
    assert "You cannot deactivate your own account." in text(deactivate)
    unchanged(User, admin.id, before)
    assert audit_count() == audit_before


# --- projects: new project and settings -----------------------------------------------------

def holiday_lines(n: int) -> str:
    return "\n".join(f"{date(2026, 1, 1) + timedelta(days=i)} Day {i}" for i in range(n))


PROJECT_FIELD_CASES = [
    pytest.param({"name": ""}, REQUIRED, id="name-empty"),
    pytest.param({"name": "N" * 201}, too_long(200), id="name-overlong"),
    pytest.param({"name": LONG_UNICODE}, too_long(200), id="name-long-unicode"),
    pytest.param({"name": SCRIPT}, MARKUP, id="name-script"),
    pytest.param({"name": "Asia\x00pilot"}, CONTROL_OR_BREAK, id="name-nul"),
    pytest.param({"name": "Asia\r\npilot"}, CONTROL_OR_BREAK, id="name-line-break"),
    pytest.param({"description": "d" * 20001}, too_long(20000), id="description-overlong"),
    pytest.param({"description": LONG_UNICODE * 5}, too_long(20000),
                 id="description-long-unicode"),
    pytest.param({"description": "Pilot\x00 plan"}, CONTROL, id="description-nul"),
    pytest.param({"description": "Pilot \x07 plan"}, CONTROL, id="description-control"),
    pytest.param({"start_date": ""}, REQUIRED, id="start-empty"),
    pytest.param({"start_date": "soon"}, BAD_DATE, id="start-letters"),
    pytest.param({"start_date": "2026-02-30"}, BAD_DATE, id="start-no-such-day"),
    pytest.param({"start_date": "05/01/2026"}, BAD_DATE, id="start-other-format"),
    pytest.param({"start_date": "1900-01-01"}, "The date is out of range.", id="start-too-early"),
    pytest.param({"start_date": "2026-01-05'; DROP TABLE project; --"}, BAD_DATE,
                 id="start-sql"),
    pytest.param({"start_date": "2026-01-05\x00"}, BAD_DATE, id="start-nul"),
    pytest.param({"start_date": LONG_UNICODE}, BAD_DATE, id="start-long-unicode"),
    pytest.param({"currency": ""}, REQUIRED, id="currency-empty"),
    pytest.param({"currency": "ABC"}, BAD_CHOICE, id="currency-unknown"),
    pytest.param({"currency": "usd"}, BAD_CHOICE, id="currency-lowercase"),
    pytest.param({"currency": "12"}, BAD_CHOICE, id="currency-digits"),
    pytest.param({"currency": SCRIPT}, BAD_CHOICE, id="currency-script"),
    pytest.param({"currency": "US\x00"}, BAD_CHOICE, id="currency-nul"),
    pytest.param({"working_days": []}, "Choose at least one working weekday.",
                 id="weekdays-none"),
    pytest.param({"working_days": ["7"]}, "'7' is not a valid choice for this field.",
                 id="weekdays-out-of-range"),
    pytest.param({"working_days": ["Mon"]}, "'Mon' is not a valid choice for this field.",
                 id="weekdays-letters"),
    pytest.param({"working_days": ["0", SCRIPT]}, f"'{SCRIPT}' is not a valid choice",
                 id="weekdays-script"),
    pytest.param({"holidays": "17/02/2026 Spring Festival"},
                 "Line 1: start with a date written YYYY-MM-DD.", id="holidays-date-format"),
    pytest.param({"holidays": "2026-02-17 Spring Festival\nsoon Lantern Festival"},
                 "Line 2: start with a date written YYYY-MM-DD.", id="holidays-letters"),
    pytest.param({"holidays": "2026-02-30 Nowhere"},
                 "Line 1: start with a date written YYYY-MM-DD.", id="holidays-no-such-day"),
    pytest.param({"holidays": "2026-10-01 National Day\n2026-10-01 Again"},
                 "Line 2: 2026-10-01 is listed twice.", id="holidays-twice"),
    pytest.param({"holidays": "1900-01-01 Long ago"}, "Line 1: the date is out of range.",
                 id="holidays-out-of-range"),
    pytest.param({"holidays": "2026-05-01 <b>Labour</b> Day"},
                 "Line 1: the name is too long or has < or >.", id="holidays-markup"),
    pytest.param({"holidays": "2026-05-01 " + "长" * 121},
                 "Line 1: the name is too long or has < or >.", id="holidays-long-name"),
    pytest.param({"holidays": "2026-05-01 Labour\x00Day"},
                 "Line 1: the name is too long or has < or >.", id="holidays-nul"),
    pytest.param({"holidays": "2026-05-01'; DROP TABLE holiday; --"},
                 "Line 1: start with a date written YYYY-MM-DD.", id="holidays-sql"),
    pytest.param({"holidays": holiday_lines(401)}, "List at most 400 holidays.",
                 id="holidays-too-many"),
    pytest.param({"holidays": "x" * 40001}, too_long(40000), id="holidays-overlong"),
]

CODE_CASES = [
    pytest.param({"code": ""}, REQUIRED, id="code-empty"),
    pytest.param({"code": "Q"}, CODE_LENGTH, id="code-too-short"),
    pytest.param({"code": "Q" * 21}, CODE_LENGTH, id="code-overlong"),
    pytest.param({"code": LONG_UNICODE}, CODE_LENGTH, id="code-long-unicode"),
    pytest.param({"code": "QUEST ASIA"}, CODE_SHAPE, id="code-space"),
    pytest.param({"code": "-QUEST"}, CODE_SHAPE, id="code-leading-hyphen"),
    pytest.param({"code": "QUEST--ASIA"}, CODE_SHAPE, id="code-double-hyphen"),
    pytest.param({"code": "9QUEST"}, CODE_SHAPE, id="code-leading-digit"),
    pytest.param({"code": "项目CN"}, CODE_SHAPE, id="code-chinese"),
    pytest.param({"code": "<B>X"}, CODE_SHAPE, id="code-markup"),
    pytest.param({"code": "AB\x00C"}, CODE_SHAPE, id="code-nul"),
    pytest.param({"code": "A';DROP--"}, CODE_SHAPE, id="code-sql"),
    pytest.param({"code": "cast"}, "A project with code CAST already exists.", id="code-taken"),
]

VALID_PROJECT = {"name": "Asia pilot", "description": "Pilot with a key account.",
                 "start_date": "2026-01-05", "currency": "USD",
                 "working_days": ["0", "1", "2", "3", "4"],
                 "holidays": "2026-02-17 Chinese New Year"}


@pytest.mark.parametrize(("data", "message"), [*CODE_CASES, *PROJECT_FIELD_CASES])
def test_new_project_refuses_bad_input(client, cast, data, message):
    login(client, cast["admin"])
    projects_before, audit_before = count(Project), audit_count()
    response = client.post("/projects/new", data={"code": "NEW-PILOT", **VALID_PROJECT, **data})
    assert response.status_code == 400 and message in text(response)
    assert count(Project) == projects_before and audit_count() == audit_before


def project_state(project_id: int) -> tuple[dict, list]:
    holidays = [tuple(r) for r in db.session.execute(
        sa.select(Holiday.day, Holiday.name).where(Holiday.project_id == project_id)
        .order_by(Holiday.day))]
    return table_row(Project, project_id), holidays


@pytest.mark.parametrize(("data", "message"), [*PROJECT_FIELD_CASES, *VERSION_CASES])
def test_project_settings_refuse_bad_input(client, cast, data, message):
    login(client, cast["pm"])
    project_id = cast.project.id
    before, audit_before = project_state(project_id), audit_count()
    version = before[0]["version"]
    response = client.post("/projects/CAST/settings", data=resolve(
        {"version": version, **VALID_PROJECT, "holidays": "2026-05-01 Labour Day", **data},
        {"version": version}))
    assert response.status_code in (400, 409) and message in text(response)
    assert project_state(project_id) == before and audit_count() == audit_before


# --- members: add, change role, remove ------------------------------------------------------

MEMBER_ADD_CASES = [
    pytest.param({"email": ""}, REQUIRED, id="email-empty"),
    pytest.param({"email": "not-an-email"}, BAD_EMAIL, id="email-not-an-email"),
    pytest.param({"email": "e" * 243 + "@example.com"}, too_long(254), id="email-overlong"),
    pytest.param({"email": LONG_UNICODE}, too_long(254), id="email-long-unicode"),
    pytest.param({"email": "new\x00person@example.com"}, BAD_EMAIL, id="email-nul"),
    pytest.param({"email": SCRIPT}, BAD_EMAIL, id="email-script"),
    pytest.param({"email": "x'; DROP TABLE membership; --@example.com"}, BAD_EMAIL,
                 id="email-sql"),
    pytest.param({"email": "nobody@example.com"}, "No active account has this email.",
                 id="email-unknown"),
    pytest.param({"email": INACTIVE_EMAIL}, "No active account has this email.",
                 id="email-deactivated"),
    pytest.param({"email": MEMBER_EMAIL}, "already has a role in this project.",
                 id="email-already-member"),
    pytest.param({"email": SHOUTED_MEMBER_EMAIL}, "already has a role in this project.",
                 id="email-already-member-other-case"),
]
ROLE_CASES = [
    pytest.param({"role": ""}, REQUIRED, id="role-empty"),
    pytest.param({"role": "owner"}, BAD_CHOICE, id="role-unknown"),
    pytest.param({"role": "admin"}, BAD_CHOICE, id="role-admin"),
    pytest.param({"role": "SPONSOR"}, BAD_CHOICE, id="role-shouted"),
    pytest.param({"role": SCRIPT}, BAD_CHOICE, id="role-script"),
    pytest.param({"role": "member\x00"}, BAD_CHOICE, id="role-nul"),
    pytest.param({"role": "member' OR '1'='1"}, BAD_CHOICE, id="role-sql"),
]


def memberships(project_id: int) -> list[tuple]:
    return [tuple(r) for r in db.session.execute(
        sa.select(Membership.id, Membership.user_id, Membership.role, Membership.version)
        .where(Membership.project_id == project_id).order_by(Membership.id))]


@pytest.mark.parametrize(("data", "message"), [*MEMBER_ADD_CASES, *ROLE_CASES])
def test_add_member_refuses_bad_input(client, cast, refs, data, message):
    newcomer = cast["admin"]  # an active account without a role in CAST
    login(client, cast["pm"])
    before, audit_before = memberships(cast.project.id), audit_count()
    response = client.post("/projects/CAST/members", data=resolve(
        {"email": newcomer.email, "role": "member", **data}, refs), follow_redirects=True)
    assert response.status_code == 200 and message in text(response)
    assert memberships(cast.project.id) == before and audit_count() == audit_before


def membership_of(cast, role: str) -> Membership:
    return next(m for m in cast.project.memberships if m.user_id == cast[role].id)


@pytest.mark.parametrize(("data", "message"), [*ROLE_CASES, *VERSION_CASES])
def test_change_role_refuses_bad_input(client, cast, data, message):
    target = membership_of(cast, "member")
    login(client, cast["pm"])
    before, audit_before = memberships(cast.project.id), audit_count()
    version = table_row(Membership, target.id)["version"]
    response = client.post(f"/projects/CAST/members/{target.id}", data=resolve(
        {"version": version, "role": "steering", **data}, {"version": version}),
        follow_redirects=True)
    assert response.status_code == 200 and message in text(response)
    assert memberships(cast.project.id) == before and audit_count() == audit_before


@pytest.mark.parametrize(("data", "message"), VERSION_CASES)
def test_remove_member_refuses_bad_input(client, cast, data, message):
    target = membership_of(cast, "member")
    login(client, cast["pm"])
    before, audit_before = memberships(cast.project.id), audit_count()
    version = table_row(Membership, target.id)["version"]
    response = client.post(f"/projects/CAST/members/{target.id}/remove",
                           data=resolve({"version": version, **data}, {"version": version}),
                           follow_redirects=True)
    assert response.status_code == 200 and message in text(response)
    assert memberships(cast.project.id) == before and audit_count() == audit_before


@pytest.mark.parametrize("action", ["demote", "remove"])
def test_the_last_sponsor_stays(client, cast, action):
    sponsor = membership_of(cast, "sponsor")
    login(client, cast["pm"])
    before, audit_before = memberships(cast.project.id), audit_count()
    url = f"/projects/CAST/members/{sponsor.id}" + ("/remove" if action == "remove" else "")
    response = client.post(url, data={"version": sponsor.version, "role": "member"},
                           follow_redirects=True)
    assert "The steering committee needs its executive sponsor" in text(response)
    assert memberships(cast.project.id) == before and audit_count() == audit_before


@pytest.mark.parametrize("url", ["/projects/CAST/members/99999999999999999999",
                                 "/projects/CAST/members/2147483648/remove",
                                 "/admin/users/99999999999999999999",
                                 "/admin/users/99999999999999999999/password",
                                 "/projects/CA%00ST/settings"])
def test_impossible_ids_in_urls_are_not_found(client, cast, url):
    login(client, cast["admin"])
    audit_before = audit_count()
    response = client.post(url, data={"version": "1", "role": "member", "name": "X"})
    assert response.status_code == 404
    assert "There is nothing here, or you have no access to it." in text(response)
    assert audit_count() == audit_before


# --- audit trail filters (query string) -----------------------------------------------------

@pytest.mark.parametrize(("query", "message"), [
    pytest.param({"date_from": "soon"}, BAD_DATE, id="from-letters"),
    pytest.param({"date_to": "2026-13-01"}, BAD_DATE, id="to-no-such-month"),
    pytest.param({"date_from": "2026-01-01\x00"}, BAD_DATE, id="from-nul"),
    pytest.param({"date_from": SQL}, BAD_DATE, id="from-sql"),
    pytest.param({"date_to": LONG_UNICODE[:1000]}, BAD_DATE, id="to-long-unicode"),
    pytest.param({"entity_type": "Nope"}, BAD_CHOICE, id="type-unknown"),
    pytest.param({"entity_type": SCRIPT}, BAD_CHOICE, id="type-script"),
    pytest.param({"entity_type": "Project' OR '1'='1"}, BAD_CHOICE, id="type-sql"),
    pytest.param({"entity_type": "Project\x00"}, BAD_CHOICE, id="type-nul"),
    pytest.param({"actor": "abc"}, BAD_CHOICE, id="actor-letters"),
    pytest.param({"actor": "9" * 20}, BAD_CHOICE, id="actor-huge"),
    pytest.param({"actor": "1 OR 1=1"}, BAD_CHOICE, id="actor-sql"),
])
def test_audit_filters_refuse_bad_values(client, cast, query, message):
    login(client, cast["sponsor"])
    audit_before = audit_count()
    response = client.get("/projects/CAST/audit", query_string=query)
    assert response.status_code == 200 and message in text(response)
    assert audit_count() == audit_before


@pytest.mark.parametrize(("page", "shown"), [
    ("abc", "Page 1 of"), ("-3", "Page 1 of"), ("0", "Page 1 of"),
    ("9" * 30, "No audit rows match these filters."),
])
def test_audit_page_number_is_never_an_error(client, cast, page, shown):
    login(client, cast["sponsor"])
    response = client.get("/projects/CAST/audit", query_string={"page": page})
    assert response.status_code == 200 and shown in text(response)


# --- SQL-looking text in free text is just text ---------------------------------------------

SQL_TEXT = "Robert'); DROP TABLE project; -- 1=1"


def test_sql_looking_text_is_stored_literally(client, cast):
    """Not bad input at all in a name or a description: kept exactly, and nothing else moves."""
    login(client, cast["admin"])
    users, project_count = count(User), count(Project)
    members = memberships(cast.project.id)
    assert client.post("/admin/users/new", data={
        "email": "robert@example.com", "name": SQL_TEXT, **both(STRONG)}).status_code == 302
    assert client.post("/projects/new", data={
        **VALID_PROJECT, "code": "SQL-TEXT", "name": SQL_TEXT, "description": SQL_TEXT,
        "holidays": f"2026-05-01 {SQL_TEXT}"}).status_code == 302
    project = projects.get_by_code("SQL-TEXT")
    stored = table_row(Project, project.id)
    assert stored["name"] == stored["description"] == SQL_TEXT
    assert [h.name for h in project.holidays] == [SQL_TEXT]
    assert db.session.execute(sa.select(User.name).where(
        User.email == "robert@example.com")).scalar_one() == SQL_TEXT
    assert (count(User), count(Project)) == (users + 1, project_count + 1)
    assert memberships(cast.project.id) == members and count(AuditLog) > 0


# --- stale forms: someone else saved first --------------------------------------------------

HIDDEN_VERSIONS = re.compile(r'name="version"[^>]*value="([0-9]+)"')


@dataclass(frozen=True)
class StaleCase:
    actor: str
    page: str                          # where the form is loaded
    record: Callable[[Cast], tuple]    # (model, id) of the record the form edits
    meanwhile: Callable[[Cast], None]  # someone else saves it first
    post: Callable[[Cast], tuple]      # (url, data) of the form as the actor fills it in
    status: int


def _project(cast):
    return Project, cast.project.id


def _member_account(cast):
    return User, cast["member"].id


def _membership(cast):
    return Membership, membership_of(cast, "member").id


def _they_edit_the_project(cast):
    projects.update_project(cast["sponsor"], cast.project, cast.project.version,
                            projects.ProjectData(
                                name="Theirs", description="", start_date=date(2026, 1, 5),
                                currency="EUR", working_days="1111100", holidays=[]))


def _they_rename_the_member(cast):
    update_user(cast["admin"], cast["member"], cast["member"].version, name="Theirs",
                is_admin=False)


def _they_change_the_role(cast):
    membership = membership_of(cast, "member")
    projects.change_role(cast["sponsor"], cast.project, membership, membership.version,
                         "steering")


STALE_CASES = [
    pytest.param(StaleCase(
        "pm", "/projects/CAST/settings", _project, _they_edit_the_project,
        lambda c: ("/projects/CAST/settings", {**VALID_PROJECT, "name": "Mine"}), 409),
        id="project-settings"),
    pytest.param(StaleCase(
        "admin", "/admin/users/{member_id}", _member_account, _they_rename_the_member,
        lambda c: (f"/admin/users/{c['member'].id}", {"name": "Mine"}), 409), id="user-edit"),
    pytest.param(StaleCase(
        "admin", "/admin/users/{member_id}", _member_account, _they_rename_the_member,
        lambda c: (f"/admin/users/{c['member'].id}/password", both(STRONG)), 200),
        id="reset-password"),
    pytest.param(StaleCase(
        "admin", "/admin/users", _member_account, _they_rename_the_member,
        lambda c: (f"/admin/users/{c['member'].id}/active", {"active": "0"}), 200),
        id="deactivate"),
    pytest.param(StaleCase(
        "pm", "/projects/CAST/members", _membership, _they_change_the_role,
        lambda c: (f"/projects/CAST/members/{membership_of(c, 'member').id}", {"role": "pm"}),
        200), id="member-role"),
    pytest.param(StaleCase(
        "pm", "/projects/CAST/members", _membership, _they_change_the_role,
        lambda c: (f"/projects/CAST/members/{membership_of(c, 'member').id}/remove", {}), 200),
        id="member-remove"),
]


@pytest.mark.parametrize("case", STALE_CASES)
def test_a_stale_form_changes_nothing(client, cast, case):
    """The page gives the form version v; someone else saves (v+1); the form posted with v is
    refused with the stale-edit message and their change stays."""
    login(client, cast[case.actor])
    model, record_id = case.record(cast)
    loaded = table_row(model, record_id)["version"]
    page = client.get(case.page.format(member_id=cast["member"].id)).get_data(as_text=True)
    assert str(loaded) in HIDDEN_VERSIONS.findall(page)
    case.meanwhile(cast)
    theirs, audit_before = table_row(model, record_id), audit_count()
    assert theirs["version"] == loaded + 1
    url, data = case.post(cast)
    response = client.post(url, data={"version": loaded, **data}, follow_redirects=True)
    assert response.status_code == case.status and STALE in text(response)
    assert table_row(model, record_id) == theirs and audit_count() == audit_before
