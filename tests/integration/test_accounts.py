"""Account administration: create, edit, deactivate, reset passwords; the command line."""

import sqlalchemy as sa

from app.accounts.models import User
from tests.conftest import PASSWORD, login


def test_admin_creates_edits_and_deactivates_a_user(client, make_user, db_session):
    admin = make_user("Admin", admin=True)
    login(client, admin)
    response = client.post("/admin/users/new", data={
        "email": "New.Person@Example.com", "name": "王芳 Wang Fang",
        "password": "Flavour-Lab-Asia-77", "confirm": "Flavour-Lab-Asia-77"})
    assert response.status_code == 302
    user = db_session.execute(sa.select(User).where(User.email == "new.person@example.com")) \
        .scalar_one()
    assert user.name == "王芳 Wang Fang" and not user.is_admin
    assert "王芳 Wang Fang" in client.get("/admin/users").get_data(as_text=True)
    client.post(f"/admin/users/{user.id}", data={"version": user.version, "name": "Wang Fang",
                                                 "is_admin": "y"})
    db_session.refresh(user)
    assert user.name == "Wang Fang" and user.is_admin
    client.post(f"/admin/users/{user.id}/active", data={"version": user.version, "active": "0"})
    db_session.refresh(user)
    assert not user.active


def test_deactivated_user_cannot_log_in(client, make_user, db_session):
    user = make_user()
    user.active = False
    db_session.flush()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200 and "Email or password is wrong" in response.get_data(
        as_text=True)


def test_admin_cannot_lock_themselves_out(client, make_user, db_session):
    admin = make_user(admin=True)
    login(client, admin)
    response = client.post(f"/admin/users/{admin.id}/active",
                           data={"version": admin.version, "active": "0"}, follow_redirects=True)
    assert "cannot deactivate your own account" in response.get_data(as_text=True)
    db_session.refresh(admin)
    assert admin.active


def test_reset_password_then_log_in_with_it(client, make_user, db_session):
    admin, user = make_user(admin=True), make_user()
    login(client, admin)
    client.post(f"/admin/users/{user.id}/password", data={
        "version": user.version, "password": "Fresh-Flavour-2027", "confirm": "Fresh-Flavour-2027"})
    client.post("/logout")
    login(client, user, "Fresh-Flavour-2027")


def test_user_changes_own_password(client, make_user):
    user = make_user()
    login(client, user)
    response = client.post("/account", data={
        "current": PASSWORD, "password": "Another-Good-Phrase-9", "confirm":
        "Another-Good-Phrase-9"})
    assert response.status_code == 302
    client.post("/logout")
    login(client, user, "Another-Good-Phrase-9")


def test_cli_creates_user_with_password_from_environment(runner, db_session):
    result = runner.invoke(args=["users", "create", "ops@example.com", "--name", "Ops",
                                 "--admin"], env={"STEERCO_PASSWORD": "Ops-Team-Rotation-88"})
    assert result.exit_code == 0, result.output
    user = db_session.execute(sa.select(User).where(User.email == "ops@example.com")) \
        .scalar_one()
    assert user.is_admin and user.password_hash != "Ops-Team-Rotation-88"


def test_cli_refuses_a_weak_password(runner, db_session):
    result = runner.invoke(args=["users", "create", "weak@example.com", "--name", "Weak"],
                           env={"STEERCO_PASSWORD": "password1"})
    assert result.exit_code != 0 and "too common" in result.output


def test_language_switch_is_remembered(client, make_user, db_session):
    user = make_user()
    login(client, user)
    client.post("/language", data={"language": "zh_Hans_CN", "next": "/projects"})
    db_session.refresh(user)
    assert user.locale == "zh_Hans_CN"
    page = client.get("/projects").get_data(as_text=True)
    assert 'lang="zh-Hans"' in page
