"""Creating and editing projects, their calendar and their members, in English and Chinese."""

from datetime import date

import sqlalchemy as sa

from app.accounts.models import Membership
from app.projects.forms import parse_holidays
from app.projects.models import Project
from tests.conftest import login

NEW_PROJECT = {
    "code": "quest-cn", "name": "桂格中国 CRM 试点", "description": "**目标**：统一客户信息。",
    "start_date": "2026-03-02", "currency": "CNY", "working_days": ["0", "1", "2", "3", "4", "5"],
    "holidays": "2026-10-01 国庆节\n2026-10-02 国庆节\n",
}


def test_admin_creates_a_project_with_chinese_text(client, make_user, db_session):
    admin = make_user(admin=True)
    login(client, admin)
    response = client.post("/projects/new", data=NEW_PROJECT)
    assert response.status_code == 302
    project = db_session.execute(sa.select(Project).where(Project.code == "QUEST-CN")) \
        .scalar_one()
    assert project.name == "桂格中国 CRM 试点"
    assert project.working_days == "1111110"
    assert [(h.day, h.name) for h in project.holidays] == [
        (date(2026, 10, 1), "国庆节"), (date(2026, 10, 2), "国庆节")]
    home = client.get("/projects/QUEST-CN").get_data(as_text=True)
    assert "桂格中国 CRM 试点" in home and "<strong>目标</strong>" in home


def test_duplicate_code_is_refused(client, make_user, make_project, db_session):
    make_project("QUEST-CN")
    login(client, make_user(admin=True))
    response = client.post("/projects/new", data=NEW_PROJECT)
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)


def test_sponsor_edits_settings_and_calendar(client, cast, db_session):
    login(client, cast["sponsor"])
    page = client.get("/projects/CAST/settings").get_data(as_text=True)
    assert "2026-02-17 Chinese New Year" in page
    response = client.post("/projects/CAST/settings", data={
        "version": cast.project.version, "name": "Asia pilot", "description": "",
        "start_date": "2026-01-05", "currency": "USD", "working_days": ["0", "1", "2", "3", "4"],
        "holidays": "2026-02-17 Chinese New Year\n2026-02-18 Chinese New Year (2nd day)"})
    assert response.status_code == 302
    db_session.refresh(cast.project)
    assert len(cast.project.holidays) == 2


def test_bad_holiday_line_names_the_line(client, cast):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/settings", data={
        "version": cast.project.version, "name": "Asia pilot", "start_date": "2026-01-05",
        "currency": "USD", "working_days": ["0"], "holidays": "2026-02-17 ok\n17/02/2026 bad"})
    assert response.status_code == 400
    assert "Line 2" in response.get_data(as_text=True)


def test_parse_holidays_rules():
    assert parse_holidays("\n2026-01-01 New Year\n\n") == [(date(2026, 1, 1), "New Year")]
    for bad in ("2026-13-01 x", "2026-01-01 a\n2026-01-01 b", "1900-01-01 old", "2026-01-01 <b>"):
        try:
            parse_holidays(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_members_add_change_remove(client, cast, make_user, db_session):
    newcomer = make_user("Newcomer")
    login(client, cast["pm"])
    client.post("/projects/CAST/members", data={"email": newcomer.email, "role": "member"})
    membership = db_session.execute(sa.select(Membership).where(
        Membership.user_id == newcomer.id)).scalar_one()
    client.post(f"/projects/CAST/members/{membership.id}",
                data={"version": membership.version, "role": "steering"})
    db_session.refresh(membership)
    assert membership.role == "steering"
    client.post(f"/projects/CAST/members/{membership.id}/remove",
                data={"version": membership.version})
    assert db_session.get(Membership, membership.id) is None


def test_last_sponsor_cannot_be_removed_or_demoted(client, cast, db_session):
    login(client, cast["pm"])
    sponsor = next(m for m in cast.project.memberships if m.role == "sponsor")
    demote = client.post(f"/projects/CAST/members/{sponsor.id}",
                         data={"version": sponsor.version, "role": "member"},
                         follow_redirects=True)
    assert "executive sponsor" in demote.get_data(as_text=True)
    client.post(f"/projects/CAST/members/{sponsor.id}/remove", data={"version": sponsor.version})
    db_session.refresh(sponsor)
    assert sponsor.role == "sponsor"


def test_unknown_email_gets_a_clear_message(client, cast):
    login(client, cast["sponsor"])
    response = client.post("/projects/CAST/members", data={
        "email": "nobody@example.com", "role": "member"}, follow_redirects=True)
    assert "No active account has this email" in response.get_data(as_text=True)


def test_home_shows_the_role_and_facts(client, cast):
    login(client, cast["steering"])
    page = client.get("/projects/CAST").get_data(as_text=True)
    assert "Steering committee member" in page and "USD" in page
