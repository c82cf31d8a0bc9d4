"""Demo data for accounts and the project: users, the Quest project, its calendar and roles."""

from datetime import date

import sqlalchemy as sa

from app.accounts.models import Membership
from app.accounts.service import create_user, find_user
from app.core.permissions import Role
from app.extensions import db
from app.projects import service


def seed_project(summary) -> None:
    from app.demo import read_seed

    data = read_seed("project.toml")
    users = {}
    for person in data["users"]:
        user = find_user(person["email"])
        if user is None:
            user = create_user(None, person["email"], person["name"], person["password"],
                               is_admin=person.get("admin", False))
            summary.created.append(f"user {user.email}")
        users[person["email"]] = user
        summary.logins.append((person["name"], person["email"], person["password"],
                               person.get("role", "admin")))

    spec = data["project"]
    summary.project_code = spec["code"]
    project = service.get_by_code(spec["code"])
    if project is None:
        project = service.create_project(None, spec["code"], service.ProjectData(
            name=spec["name"],
            description=spec["description"],
            start_date=date.fromisoformat(spec["start_date"]),
            currency=spec["currency"],
            working_days=spec["working_days"],
            holidays=[(date.fromisoformat(d), n) for d, n in spec["holidays"]],
        ))
        summary.created.append(f"project {project.code}")

    for person in data["users"]:
        if "role" not in person:
            continue
        user = users[person["email"]]
        has_role = db.session.execute(
            sa.select(Membership.id).where(Membership.project_id == project.id,
                                           Membership.user_id == user.id)
        ).scalar_one_or_none()
        if has_role is None:
            service.add_member(None, project, user.email, Role(person["role"]))
            summary.created.append(f"{person['role']} {user.email}")
