"""The foundation's security baseline, tried from outside: passwords, lockout, sessions, `next=`,
CSRF on every POST route, headers and cookies, size limits, error pages, escaping of user text."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from werkzeug.test import encode_multipart

from app import create_app
from app.accounts import service as accounts_service
from app.accounts.models import Membership, User, UserSession
from app.accounts.service import LOGIN_FAILED
from app.core.model_base import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.projects import service as projects_service
from app.projects.models import Holiday, Project
from config import ProductionConfig
from tests.conftest import PASSWORD, audit_count, login
from tests.integration.webtools import (
    count,
    table_row,
    text,
)

COOKIE = "steerco_session"
STRONG = "Flavour-Lab-Asia-77"
CSRF_MESSAGE = "Your form expired or was sent from elsewhere"


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie."""
    other = app.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return other


# --- passwords ------------------------------------------------------------------------------

WEAK_PASSWORDS = [
    ("Ab1-xyz", "Use at least 8 characters."),
    ("password123", "too common or too easy to guess"),
    ("qwertyuiop", "too common or too easy to guess"),
    ("aaaaaaaaaaaa", "too common or too easy to guess"),
    # Strong on its own, but it is the account's own email: zxcvbn is told the user's details.
    ("wang.fang@example.com", "too common or too easy to guess"),
]


@pytest.mark.parametrize(("password", "message"), WEAK_PASSWORDS)
def test_admin_cannot_create_an_account_with_a_weak_password(client, make_user, db_session,
                                                             password, message):
    login(client, make_user(admin=True))
    before = audit_count()
    response = client.post("/admin/users/new", data={
        "email": "wang.fang@example.com", "name": "Wang Fang", "password": password,
        "confirm": password})
    assert response.status_code == 400 and message in text(response)
    assert accounts_service.find_user("wang.fang@example.com") is None
    assert audit_count() == before


@pytest.mark.parametrize(("password", "message"), WEAK_PASSWORDS)
def test_admin_cannot_reset_to_a_weak_password(client, make_user, db_session, password, message):
    user = make_user("Wang Fang", email="wang.fang@example.com")
    login(client, make_user(admin=True))
    before, stored = audit_count(), table_row(User, user.id)
    response = client.post(f"/admin/users/{user.id}/password", data={
        "version": stored["version"], "password": password, "confirm": password},
        follow_redirects=True)
    assert message in text(response)
    assert table_row(User, user.id) == stored and audit_count() == before


@pytest.mark.parametrize(("password", "message"), WEAK_PASSWORDS)
def test_user_cannot_change_to_a_weak_password(client, make_user, db_session, password, message):
    user = make_user("Wang Fang", email="wang.fang@example.com")
    login(client, user)
    before, stored = audit_count(), table_row(User, user.id)
    response = client.post("/account", data={
        "current": PASSWORD, "password": password, "confirm": password})
    assert response.status_code == 200 and message in text(response)
    assert table_row(User, user.id) == stored and audit_count() == before


def test_passwords_are_stored_hashed(make_user, db_session):
    user = make_user(password=STRONG)
    stored = table_row(User, user.id)["password_hash"]
    assert STRONG not in stored and stored.startswith(("pbkdf2:", "scrypt:"))


# --- login: lockout, no account enumeration -------------------------------------------------

def _attempt(client, email: str, password: str):
    return client.post("/login", data={"email": email, "password": password})


def _as_seen(response, email: str) -> str:
    """The response with the typed email masked: everything else must be identical."""
    return response.get_data(as_text=True).replace(email, "EMAIL")


def test_unknown_email_and_wrong_password_get_the_same_answer(client, make_user, db_session):
    user = make_user()
    unknown = "nobody-here@example.com"
    wrong = _attempt(client, user.email, "Not-The-Password-1")
    missing = _attempt(client, unknown, "Not-The-Password-1")
    assert wrong.status_code == missing.status_code == 200
    assert str(LOGIN_FAILED) in text(wrong)
    assert _as_seen(wrong, user.email) == _as_seen(missing, unknown)


def test_account_locks_after_the_configured_failures_and_unlocks_later(
        app, client, make_user, db_session, monkeypatch):
    user = make_user()
    limit, minutes = app.config["LOGIN_MAX_FAILURES"], app.config["LOGIN_LOCK_MINUTES"]
    for _ in range(limit - 1):
        _attempt(client, user.email, "Not-The-Password-1")
    assert table_row(User, user.id)["locked_until"] is None
    _attempt(client, user.email, "Not-The-Password-1")
    assert table_row(User, user.id)["locked_until"] is not None

    # Locked: even the right password is refused, with the answer an unknown email gets.
    locked = _attempt(client, user.email, PASSWORD)
    unknown = _attempt(client, "nobody-here@example.com", PASSWORD)
    assert _as_seen(locked, user.email) == _as_seen(unknown, "nobody-here@example.com")
    assert not logged_in(client)

    start = utcnow()
    monkeypatch.setattr(accounts_service, "utcnow", lambda: start + timedelta(minutes=minutes - 1))
    assert _attempt(client, user.email, PASSWORD).status_code == 200
    assert not logged_in(client)
    monkeypatch.setattr(accounts_service, "utcnow", lambda: start + timedelta(minutes=minutes + 1))
    assert _attempt(client, user.email, PASSWORD).status_code == 302
    assert logged_in(client)
    assert table_row(User, user.id)["failed_logins"] == 0


def test_failures_on_an_unknown_email_write_nothing(app, client, db_session):
    before = audit_count()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1):
        response = _attempt(client, "nobody-here@example.com", "Not-The-Password-1")
        assert str(LOGIN_FAILED) in text(response)
    assert audit_count() == before
    assert count(UserSession) == 0


# --- sessions -------------------------------------------------------------------------------

def test_login_starts_a_new_session(app, client, make_user, db_session):
    user = make_user()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["_user_id"] = "forged-token"
    before = client.get_cookie(COOKIE).value
    assert not logged_in(copy_of(app, client))  # a forged session id is no login
    login(client, user)
    assert client.get_cookie(COOKIE).value != before
    with client.session_transaction() as session:
        assert "planted" not in session
        first = session["_user_id"]
    assert first not in ("forged-token", str(user.id))  # a server-side token, not the user id
    client.post("/logout")
    login(client, user)
    with client.session_transaction() as session:
        assert session["_user_id"] != first
    stolen = app.test_client()
    stolen.set_cookie(COOKIE, before)
    assert not logged_in(stolen)


def _logout(client, user, admin_client, db_session):
    client.post("/logout")


def _deactivate(client, user, admin_client, db_session):
    version = table_row(User, user.id)["version"]
    admin_client.post(f"/admin/users/{user.id}/active", data={"version": version, "active": "0"})
    assert table_row(User, user.id)["active"] is False


def _admin_resets_password(client, user, admin_client, db_session):
    before = table_row(User, user.id)
    admin_client.post(f"/admin/users/{user.id}/password",
                      data={"version": before["version"], "password": STRONG, "confirm": STRONG})
    assert table_row(User, user.id)["password_hash"] != before["password_hash"]


def _session_expires(client, user, admin_client, db_session):
    db_session.execute(sa.update(UserSession).where(UserSession.user_id == user.id)
                       .values(expires_at=utcnow() - timedelta(seconds=1)))


@pytest.mark.parametrize("ending", [_logout, _deactivate, _admin_resets_password,
                                    _session_expires], ids=lambda f: f.__name__.strip("_"))
def test_a_copied_cookie_dies_when_the_session_ends(app, client, make_user, db_session, ending):
    user, admin = make_user(), make_user(admin=True)
    login(client, user)
    copied = copy_of(app, client)
    assert logged_in(copied)
    admin_client = app.test_client()
    login(admin_client, admin)
    ending(client, user, admin_client, db_session)
    response = copied.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not logged_in(client)
    assert logged_in(admin_client)


def test_changing_own_password_ends_the_other_sessions_only(app, client, make_user, db_session):
    user = make_user()
    elsewhere = app.test_client()
    login(elsewhere, user)
    login(client, user)
    response = client.post("/account", data={"current": PASSWORD, "password": STRONG,
                                             "confirm": STRONG})
    assert response.status_code == 302
    assert logged_in(client) and not logged_in(elsewhere)


# --- next= after login ----------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "//evil.example", "//evil.example/projects", "https://evil.example", "http:/evil.example",
    "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "/\t/evil.example", "/\r\n/evil.example", "/projects\r\nSet-Cookie: x=1", "evil.example",
    "", "%2F%2Fevil.example",
])
def test_next_accepts_only_a_relative_path_on_this_site(client, make_user, db_session, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": make_user().email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/projects"


@pytest.mark.parametrize("target", ["/account", "/projects?page=2", "/admin/users"])
def test_next_returns_to_a_page_of_this_site(client, make_user, db_session, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": make_user(admin=True).email, "password": PASSWORD})
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "/\\evil.example",
                                    "/x\r\nSet-Cookie: x=1"])
def test_language_switch_returns_only_to_this_site(client, db_session, target):
    response = client.post("/language", data={"language": "zh_Hans_CN", "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/projects"


# --- CSRF -----------------------------------------------------------------------------------

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def page_token(client, url: str) -> str:
    return TOKEN.search(client.get(url).get_data(as_text=True)).group(1)


@pytest.fixture
def csrf_app(app, monkeypatch):
    """The app with CSRF protection on, as in production (Flask-WTF reads the flag per request)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    return app


def login_with_token(client, user) -> None:
    token = page_token(client, "/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302, text(response)[:300]


FOUNDATION_POST_ENDPOINTS = {
    "accounts.login", "accounts.logout", "accounts.set_language", "accounts.account",
    "accounts.user_new", "accounts.user_edit", "accounts.user_password", "accounts.user_active",
    "projects.new", "projects.settings", "projects.member_add", "projects.member_role",
    "projects.member_remove",
}


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            yield rule


def test_login_needs_a_csrf_token(csrf_app, client, make_user, db_session):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400 and CSRF_MESSAGE in text(response)
    assert not logged_in(client)
    login_with_token(client, user)
    assert logged_in(client)


@pytest.mark.parametrize("token", ["missing", "forged", "another session's"])
def test_every_post_route_refuses_a_request_without_a_valid_token(
        csrf_app, client, cast, db_session, token):
    actor = cast["sponsor"]  # also made a site admin: every foundation route is open to them
    actor.is_admin = True
    db_session.flush()
    login_with_token(client, actor)
    client.get("/projects")  # the page gives this session a CSRF secret of its own
    membership = next(m for m in cast.project.memberships if m.user_id == cast["member"].id)
    values = {"code": cast.project.code, "user_id": cast["member"].id,
              "membership_id": membership.id}
    stranger = csrf_app.test_client()
    # Values that would succeed on many routes if the token were not checked.
    forged = {"email": cast["outsider"].email, "role": "steering", "name": "Forged",
              "language": "zh_Hans_CN", "active": "0", "version": str(cast["member"].version),
              "code": "FORGED", "start_date": "2026-01-05", "currency": "USD",
              "working_days": "0", "password": STRONG, "confirm": STRONG}
    if token == "forged":
        forged["csrf_token"] = "IjEyMyI.forged.token"
    elif token == "another session's":
        forged["csrf_token"] = page_token(stranger, "/login")
    before = audit_count()
    refused = []
    for rule in post_routes(csrf_app):
        url = rule.build({k: values.get(k, 1) for k in rule.arguments})[1]
        response = client.post(url, data=forged)
        if response.status_code != 400 or CSRF_MESSAGE not in text(response):
            refused.append(f"{url}: {response.status_code}")
    assert refused == []
    assert {r.endpoint for r in post_routes(csrf_app)} >= FOUNDATION_POST_ENDPOINTS
    assert audit_count() == before
    assert logged_in(client)  # the logout was refused too
    assert projects_service.get_by_code("FORGED") is None
    assert table_row(User, actor.id)["locale"] is None


def test_a_valid_token_is_accepted(csrf_app, client, make_user, db_session):
    """The control for the test above: the same client passes with the page's own token."""
    admin = make_user(admin=True)
    login_with_token(client, admin)
    token = page_token(client, "/projects/new")
    response = client.post("/projects/new", data={
        "csrf_token": token, "code": "TOKEN-OK", "name": "With a token",
        "start_date": "2026-01-05", "currency": "USD", "working_days": ["0", "1"]})
    assert response.status_code == 302
    assert projects_service.get_by_code("TOKEN-OK") is not None


# --- headers and cookies --------------------------------------------------------------------

def csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize("url", ["/login", "/projects", "/projects/CAST", "/no/such/page",
                                 "/static/css/steerco.css"])
def test_security_headers(client, cast, url):
    login(client, cast["sponsor"])
    response = client.get(url)
    response.close()  # a static file is streamed from disk
    policy = csp(response)
    script_sources = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    assert "'unsafe-inline'" not in policy.get("style-src", policy["default-src"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin",
                                                   "no-referrer")


def test_session_cookie_is_httponly_and_samesite(client, make_user, db_session):
    response = login(client, make_user())
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in flags and "samesite=lax" in flags


@pytest.fixture
def production_app(app, db_session):
    """Production settings over the test database (requests join the test's transaction)."""
    prod = create_app(ProductionConfig, SECRET_KEY="x" * 64,
                      SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    yield prod
    with prod.app_context():
        db.engine.dispose()


def test_production_cookies_are_secure_and_https_is_pinned(production_app, make_user):
    response = production_app.test_client().post(
        "/login", data={"email": make_user().email, "password": PASSWORD})
    assert response.status_code == 400  # CSRF is on in production
    client = production_app.test_client()
    token = page_token(client, "/login")
    response = client.post("/login", data={"email": make_user().email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE))
    assert {"secure", "httponly", "samesite=lax"} <= {p.strip().lower() for p in cookie.split(";")}
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_to_start_without_a_secret_key(app):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig, SECRET_KEY=None,
                   SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])


# --- size limits and error pages ------------------------------------------------------------

def _multipart(fields: dict) -> dict:
    # Encoded here, in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(fields)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def _oversized_body(app):
    return {"data": b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
            "content_type": "application/x-www-form-urlencoded"}


def _oversized_form_field(app):
    return _multipart({"name": "名" * app.config["MAX_FORM_MEMORY_SIZE"]})


def _too_many_form_parts(app):
    return _multipart({f"field{i}": "x" for i in range(app.config["MAX_FORM_PARTS"] + 1)})


@pytest.mark.parametrize("payload", [_oversized_body, _oversized_form_field, _too_many_form_parts],
                         ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("url", ["/login", "/projects/new"])
def test_too_large_requests_get_a_friendly_413(app, client, make_user, db_session, payload, url):
    if url != "/login":
        login(client, make_user(admin=True))
    before = audit_count()
    response = client.post(url, **payload(app))
    assert response.status_code == 413
    page = text(response)
    assert "What you sent is larger than Steerco accepts." in page and "<main>" in page
    assert audit_count() == before


def test_unknown_url_gets_the_404_page(client, make_user, db_session):
    login(client, make_user())
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = text(response)
    assert "There is nothing here, or you have no access to it." in page
    assert 'class="topbar"' in page  # inside the layout


def test_wrong_method_gets_the_405_page(client, make_user, db_session):
    login(client, make_user())
    response = client.get("/logout")
    assert response.status_code == 405 and "does not accept that kind of request" in text(response)
    assert logged_in(client)


def test_an_internal_error_shows_no_trace_and_rolls_back(client, make_user, db_session,
                                                         monkeypatch):
    login(client, make_user(admin=True))
    rollbacks = []
    real_rollback = db.session.rollback

    def counting_rollback():
        rollbacks.append(True)
        real_rollback()

    def broken(user):
        db.session.add(Project(code="HALFWAY", name="Half written", start_date=date(2026, 1, 5),
                               currency="USD"))
        db.session.flush()  # the row and its audit rows are in the transaction...
        raise RuntimeError("secret internal detail in /srv/steerco/app.py")

    monkeypatch.setattr(db.session, "rollback", counting_rollback)
    monkeypatch.setattr(projects_service, "visible_projects", broken)
    before = audit_count()
    response = client.get("/projects")
    assert response.status_code == 500
    page = text(response)
    assert "Steerco could not finish this request. Nothing was saved." in page
    assert 'class="topbar"' in page
    for leak in ("Traceback", "RuntimeError", "secret internal detail", "app.py"):
        assert leak not in page
    assert rollbacks  # ...and the error handler rolled them back
    assert projects_service.get_by_code("HALFWAY") is None and audit_count() == before
    monkeypatch.undo()
    assert client.get("/projects").status_code == 200  # the next request is served normally


# --- escaping of user text ------------------------------------------------------------------

class PageScan(HTMLParser):
    """What a browser would run from a page: script elements, handlers, script URLs, styles."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.active.append(f"<script> {attributes}")
        if tag in ("style", "iframe", "object", "embed", "base"):
            self.active.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.active.append(f"{tag} {name}={value!r}")
            target = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            if name in ("href", "src", "action", "formaction", "xlink:href") and target.startswith(
                    ("javascript:", "vbscript:", "data:text")):
                self.active.append(f"{tag} {name}={value!r}")

    def handle_data(self, data):
        self.text.append(data)


EVIL_NAME = '<script>alert("name")</script><img src=x onerror=alert("name")>'
EVIL_PROJECT = '"><svg onload=alert("project")>'
EVIL_HOLIDAY = '</textarea><script>alert("holiday")</script>'
EVIL_DESCRIPTION = "\n\n".join([
    '<script>alert("description")</script>',
    '[click me](javascript:alert("link"))',
    '<img src=x onerror=alert("img")>',
    '<a href="javascript:alert(\'raw\')">raw link</a>',
    '![pixel](javascript:alert("image"))',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[ok](https://example.com/report)",
])


@pytest.fixture
def evil(make_user, make_project, db_session):
    """Hostile text stored the way only the command line or an import could store it."""
    viewer = make_user(EVIL_NAME, admin=True)
    other = make_user('Mallory <b onmouseover=alert("member")>')
    project = make_project("EVIL", name=EVIL_PROJECT, description=EVIL_DESCRIPTION,
                           holidays=[(date(2026, 2, 17), EVIL_HOLIDAY)])
    projects_service.add_member(None, project, viewer.email, Role.SPONSOR)
    return {"viewer": viewer, "other": other, "project": project}


def test_user_text_is_escaped_on_every_page(client, evil, db_session):
    viewer, other = evil["viewer"], evil["other"]
    login(client, viewer)
    added = client.post("/projects/EVIL/members", data={"email": other.email, "role": "member"},
                        follow_redirects=True)
    membership = db_session.execute(sa.select(Membership).where(
        Membership.user_id == other.id)).scalar_one()
    pages = {"member added (flash)": added}
    for url in ["/projects", "/projects/EVIL", "/projects/EVIL/settings", "/projects/EVIL/members",
                "/projects/EVIL/audit", "/admin/users", f"/admin/users/{viewer.id}",
                f"/admin/users/{other.id}", "/account"]:
        pages[url] = client.get(url)
    for url, response in pages.items():
        assert response.status_code == 200, url
        scan = PageScan(response.get_data(as_text=True))
        assert scan.active == [], url
    shown = {url: "".join(PageScan(r.get_data(as_text=True)).text) for url, r in pages.items()}
    assert EVIL_NAME in shown["/account"] and EVIL_NAME in shown["/admin/users"]
    assert EVIL_PROJECT in shown["/projects"] and EVIL_PROJECT in shown["/projects/EVIL"]
    assert EVIL_HOLIDAY in shown["/projects/EVIL/settings"]
    assert other.name in shown["/projects/EVIL/members"] and other.name in shown[
        "member added (flash)"]
    assert "click me" in shown["/projects/EVIL"] and membership.role == "member"
    home = pages["/projects/EVIL"].get_data(as_text=True)
    assert 'href="https://example.com/report"' in home  # safe links survive sanitizing


@pytest.mark.parametrize("url", [
    '/login?next="><script>alert(1)</script>',
    "/login?next=javascript:alert(1)",
    '/projects/EVIL/audit?date_from=<script>alert(1)</script>&entity_type="><script>x</script>'
    '&actor=<img src=x onerror=alert(1)>',
    "/projects/<script>alert(1)</script>",
    '/no/such/"><script>alert(1)</script>',
])
def test_reflected_input_is_escaped(client, evil, url):
    if not url.startswith("/login"):
        login(client, evil["viewer"])
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert PageScan(response.get_data(as_text=True)).active == []


# Real Chinese writing, full-width punctuation included (ruff would "correct" it to ASCII).
CHINESE_NAME = "王芳（市场部）· Wang Fang"
CHINESE_PROJECT = {
    "code": "QUEST-CN", "name": "桂格中国 CRM 试点 🚀",
    "description": "**目标**：统一客户信息。\n\n- 第一阶段：华东区\n- 「引号」与 emoji 🍜",
    "start_date": "2026-03-02", "currency": "CNY", "working_days": ["0", "1", "2"],
    "holidays": "2026-10-01 国庆节\n2026-10-02 国庆节（第二天）",
}


def test_chinese_text_round_trips_unchanged(client, make_user, db_session):
    login(client, make_user("管理员", admin=True))
    client.post("/language", data={"language": "zh_Hans_CN", "next": "/projects"})
    assert client.post("/admin/users/new", data={
        "email": "wang.fang@example.com", "name": CHINESE_NAME, "password": STRONG,
        "confirm": STRONG}).status_code == 302
    assert client.post("/projects/new", data=CHINESE_PROJECT).status_code == 302
    user = accounts_service.find_user("wang.fang@example.com")
    project = projects_service.get_by_code("QUEST-CN")
    assert table_row(User, user.id)["name"] == CHINESE_NAME
    stored = table_row(Project, project.id)
    assert stored["name"] == CHINESE_PROJECT["name"]
    assert stored["description"] == CHINESE_PROJECT["description"]
    holidays = db.session.execute(sa.select(Holiday.name).where(
        Holiday.project_id == project.id).order_by(Holiday.day)).scalars().all()
    assert "\n".join(f"{d} {n}" for d, n in zip(["2026-10-01", "2026-10-02"], holidays,
                                                 strict=True)) == CHINESE_PROJECT["holidays"]
    projects_service.add_member(None, project, user.email, Role.SPONSOR)
    home = text(client.get("/projects/QUEST-CN"))
    assert CHINESE_PROJECT["name"] in home and 'lang="zh-Hans"' in home
    assert "<strong>目标</strong>" in home and "「引号」与 emoji 🍜" in home
    assert CHINESE_NAME in text(client.get("/projects/QUEST-CN/members"))
    assert CHINESE_PROJECT["holidays"] in text(client.get("/projects/QUEST-CN/settings"))
    assert CHINESE_PROJECT["name"] in text(client.get("/projects/QUEST-CN/audit"))
    assert CHINESE_NAME in text(client.get("/admin/users"))
