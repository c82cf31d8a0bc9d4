"""The private Atom feed: valid Atom, token authentication without login, revocation."""

import xml.etree.ElementTree as ET

from app.bulletins import reading
from app.bulletins.models import FeedToken
from tests.conftest import audit_count
from tests.route_values.bulletins import approved, published

ATOM = "{http://www.w3.org/2005/Atom}"


def _token(client, login_as, principal="staff") -> str:
    login_as(principal)
    page = client.post("/projects/CAST/bulletins/feed").get_data(as_text=True)
    start = page.index("/bulletins/feed/") + len("/bulletins/feed/")
    token = page[start:page.index(".atom", start)]
    client.post("/logout")
    return token


def test_feed_is_valid_atom_with_published_editions_only(client, cast, db_session, login_as):
    published(cast, title="Kick-off & <first> news", body="Hello **staff**.")
    published(cast, title="第二期", language="zh-Hans", body="你好。")
    approved(cast, title="Unpublished secret")
    token = _token(client, login_as)
    response = client.get(f"/projects/CAST/bulletins/feed/{token}.atom")  # not logged in
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["No. 2: 第二期", "No. 1: Kick-off & <first> news"]
    assert "Unpublished secret" not in response.get_data(as_text=True)
    first = entries[1]
    links = {link.get("rel"): link for link in first.findall(f"{ATOM}link")}
    assert links["alternate"].get("href").endswith("/projects/CAST/bulletins/1")
    assert links["enclosure"].get("type") == "application/pdf"
    assert int(links["enclosure"].get("length")) > 1000
    assert "<strong>staff</strong>" in first.find(f"{ATOM}content").text
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("tag:steerco,") for i in ids)


def test_feed_token_is_stored_hashed_and_revocable(client, cast, db_session, login_as):
    published(cast)
    token = _token(client, login_as)
    stored = db_session.query(FeedToken).one()
    assert stored.token_sha256 != token and len(stored.token_sha256) == 64
    before = audit_count()
    login_as("staff")
    response = client.post("/projects/CAST/bulletins/feed/revoke", follow_redirects=True)
    assert "no longer works" in response.get_data(as_text=True)
    assert audit_count() == before + 1  # the revocation is on the audit trail
    client.post("/logout")
    assert client.get(f"/projects/CAST/bulletins/feed/{token}.atom").status_code == 404


def test_a_new_feed_address_replaces_the_old_one(client, cast, db_session, login_as):
    old = _token(client, login_as)
    new = _token(client, login_as)
    assert old != new
    assert client.get(f"/projects/CAST/bulletins/feed/{old}.atom").status_code == 404
    assert client.get(f"/projects/CAST/bulletins/feed/{new}.atom").status_code == 200


def test_feed_token_stops_when_the_reader_leaves_the_project(client, cast, db_session, login_as):
    from app.projects.service import members, remove_member

    token = _token(client, login_as)
    membership = next(m for m in members(cast.project) if m.user_id == cast["staff"].id)
    remove_member(cast["sponsor"], cast.project, membership, membership.version)
    assert client.get(f"/projects/CAST/bulletins/feed/{token}.atom").status_code == 404


def test_bad_tokens_and_other_projects_get_404(client, cast, db_session, login_as,
                                              make_project):
    token = _token(client, login_as)
    other = make_project("OTHER")
    assert reading.feed_reader("OTHER", token) == (None, None)
    for url in ("/projects/CAST/bulletins/feed/wrong.atom",
                f"/projects/{other.code}/bulletins/feed/{token}.atom",
                f"/projects/NOPE/bulletins/feed/{token}.atom",
                f"/projects/CAST/bulletins/feed/{'x' * 300}.atom"):
        assert client.get(url).status_code == 404, url


def test_feed_page_never_shows_a_stored_token_again(client, cast, db_session, login_as):
    token = _token(client, login_as)
    login_as("staff")
    page = client.get("/projects/CAST/bulletins/feed").get_data(as_text=True)
    assert token not in page and "not shown again" in page
