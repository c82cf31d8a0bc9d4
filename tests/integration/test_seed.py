"""`flask seed demo` loads the Asia pilot demo; loading it again changes nothing."""

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from app.accounts.models import Membership
from app.core.audit import AuditLog
from app.demo import read_seed
from app.projects.models import Project

ROOT = Path(__file__).resolve().parents[2]


def _counts(session):
    return {model.__name__: session.execute(sa.select(sa.func.count()).select_from(model))
            .scalar_one() for model in (Project, Membership, AuditLog)}


def test_demo_is_idempotent(runner, db_session):
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    after_first = _counts(db_session)
    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0, second.output
    assert "nothing changed" in second.output
    assert _counts(db_session) == after_first


def test_demo_prints_a_login_per_role_and_they_work(runner, client, db_session):
    output = runner.invoke(args=["seed", "demo"]).output
    users = read_seed("project.toml")["users"]
    roles = {u.get("role", "admin") for u in users}
    assert roles == {"admin", "sponsor", "steering", "pm", "member", "staff"}
    for user in users:
        assert user["email"] in output and user["password"] in output
        response = client.post("/login", data={"email": user["email"],
                                               "password": user["password"]})
        assert response.status_code == 302, user["email"]
        assert client.get("/projects/QUEST-ASIA").status_code == 200
        client.post("/logout")


def test_demo_project_tells_the_quest_story(runner, db_session):
    runner.invoke(args=["seed", "demo"])
    project = db_session.execute(sa.select(Project).where(Project.code == "QUEST-ASIA")) \
        .scalar_one()
    assert "Quest International" in project.name
    assert "second-tier customer with strong IT" in project.description
    assert len(project.holidays) >= 10


def test_readme_demo_commands_work_from_the_shell(tmp_path):
    # The README's path exactly: a new process, no request or test context around it.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/demo.db",
           "STEERCO_ENV": "development"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]

    def run(*args):
        return subprocess.run([*flask, *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)

    assert run("db", "upgrade").returncode == 0
    first = run("seed", "demo")
    assert first.returncode == 0, first.stderr[-3000:]
    assert "li.na@quest.example" in first.stdout
    second = run("seed", "demo")
    assert second.returncode == 0, second.stderr[-3000:]
    assert "nothing changed" in second.stdout
    verify = run("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
