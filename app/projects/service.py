"""Project operations: visibility, creation and settings, calendar, memberships, audit reading."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.accounts.service import find_user
from app.core.audit import AuditLog
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.permissions import Role, require, require_admin
from app.extensions import db
from app.projects.models import Holiday, Project

# What a code in a URL may look like; anything else (a NUL byte breaks PostgreSQL) is not found.
_CODE_SHAPE = re.compile(r"[A-Za-z0-9-]{1,20}")


def project_for_user(code: str, user) -> tuple[Project | None, Role | None]:
    """The project with `code` if `user` may see it, with the user's role in it (None: admin)."""
    if not _CODE_SHAPE.fullmatch(code):
        return None, None
    row = db.session.execute(
        sa.select(Project, Membership.role)
        .outerjoin(Membership, sa.and_(Membership.project_id == Project.id,
                                       Membership.user_id == user.id))
        .where(Project.code == code.upper())
    ).first()
    if row is None:
        return None, None
    project, role = row
    if role is None and not user.is_admin:
        return None, None
    return project, Role(role) if role else None


def role_of(project: Project, user) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    role = db.session.execute(
        sa.select(Membership.role).where(Membership.project_id == project.id,
                                         Membership.user_id == user.id)
    ).scalar_one_or_none()
    return Role(role) if role else None


def visible_projects(user) -> list[tuple[Project, Role | None]]:
    query = (
        sa.select(Project, Membership.role)
        .outerjoin(Membership, sa.and_(Membership.project_id == Project.id,
                                       Membership.user_id == user.id))
        .order_by(Project.name)
    )
    if not user.is_admin:
        query = query.where(Membership.id.is_not(None))
    return [(p, Role(r) if r else None) for p, r in db.session.execute(query)]


def get_by_code(code: str) -> Project | None:
    if not _CODE_SHAPE.fullmatch(code):
        return None
    return db.session.execute(
        sa.select(Project).where(Project.code == code.upper())
    ).scalar_one_or_none()


@dataclass(frozen=True)
class ProjectData:
    name: str
    description: str
    start_date: date
    currency: str
    working_days: str
    holidays: list[tuple[date, str]]


def _apply(project: Project, data: ProjectData) -> None:
    with db.session.no_autoflush:  # one UPDATE per edit, so the version moves by one
        _assign(project, data)


def _assign(project: Project, data: ProjectData) -> None:
    project.name = data.name
    project.description = data.description or ""
    project.start_date = data.start_date
    project.currency = data.currency
    project.working_days = data.working_days
    wanted = dict(data.holidays)
    for holiday in list(project.holidays):
        if holiday.day not in wanted:
            project.holidays.remove(holiday)
            db.session.delete(holiday)  # explicit: an orphan removed at flush is not audited
        elif holiday.name != wanted[holiday.day]:
            holiday.name = wanted[holiday.day]
    have = {h.day for h in project.holidays}
    for day, name in data.holidays:
        if day not in have:
            project.holidays.append(Holiday(day=day, name=name))


@transactional
def create_project(actor: User | None, code: str, data: ProjectData) -> Project:
    """Create a project; `actor` None means the command line (seeds, imports)."""
    if actor is not None:
        require_admin(actor)
    if get_by_code(code) is not None:
        raise DomainError(_l("A project with code %(code)s already exists.", code=code))
    project = Project(code=code.upper())
    _apply(project, data)
    db.session.add(project)
    db.session.flush()
    return project


@transactional
def update_project(actor: User, project: Project, version, data: ProjectData) -> Project:
    require(actor, project, "project.edit")
    check_version(project, version)
    _apply(project, data)
    # A calendar-only edit must still move the project's version, so stale forms see it.
    project.updated_at = datetime.now(UTC)
    return project


def lock_for_baseline(project: Project, *, exclusive: bool = False) -> None:
    """Serialise edits a baseline freezes with saving a baseline (PostgreSQL; SQLite write
    transactions are serial already): edits share the project row's lock, saving a baseline
    takes it alone, so no edit slips in between the baseline guard's check and the snapshot.
    Edits take it before asking the guard. NO KEY UPDATE leaves inserts that merely reference
    the project alone."""
    query = sa.select(Project.id).where(Project.id == project.id)
    query = query.with_for_update(key_share=True) if exclusive \
        else query.with_for_update(read=True)
    db.session.execute(query)


def members(project: Project) -> list[Membership]:
    return list(db.session.execute(
        sa.select(Membership).join(User).where(Membership.project_id == project.id)
        .options(sa.orm.contains_eager(Membership.user))
        .order_by(Membership.role, User.name)
    ).scalars())


def _sponsor_count(project: Project) -> int:
    return db.session.execute(
        sa.select(sa.func.count()).select_from(Membership)
        .where(Membership.project_id == project.id, Membership.role == Role.SPONSOR.value)
    ).scalar_one()


@transactional
def add_member(actor: User | None, project: Project, email: str, role: Role) -> Membership:
    if actor is not None:
        require(actor, project, "members.manage")
    user = find_user(email)
    if user is None or not user.active:
        raise DomainError(_l("No active account has this email. An administrator creates "
                             "accounts first."))
    exists = db.session.execute(
        sa.select(Membership.id).where(Membership.project_id == project.id,
                                       Membership.user_id == user.id)
    ).scalar_one_or_none()
    if exists:
        raise DomainError(_l("%(name)s already has a role in this project.", name=user.name))
    membership = Membership(project=project, user=user, role=Role(role).value)
    db.session.add(membership)
    db.session.flush()
    return membership


def _keep_a_sponsor(project: Project, membership: Membership) -> None:
    if membership.role == Role.SPONSOR.value and _sponsor_count(project) <= 1:
        raise DomainError(_l("The steering committee needs its executive sponsor: name another "
                             "sponsor before changing this one."))


@transactional
def change_role(actor: User, project: Project, membership: Membership, version,
                role: Role) -> Membership:
    require(actor, project, "members.manage")
    check_version(membership, version)
    if Role(role).value != membership.role:
        _keep_a_sponsor(project, membership)
        membership.role = Role(role).value
    return membership


@transactional
def remove_member(actor: User, project: Project, membership: Membership, version) -> None:
    require(actor, project, "members.manage")
    check_version(membership, version)
    _keep_a_sponsor(project, membership)
    db.session.delete(membership)


def membership_in(project: Project, membership_id: int) -> Membership | None:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.project_id != project.id:
        return None
    return membership


@dataclass(frozen=True)
class AuditFilter:
    entity_type: str | None = None
    actor_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def audit_query(project: Project, f: AuditFilter) -> sa.Select:
    query = sa.select(AuditLog).where(AuditLog.project_id == project.id)
    if f.entity_type:
        query = query.where(AuditLog.entity_type == f.entity_type)
    if f.actor_id is not None:
        query = query.where(AuditLog.actor_id == f.actor_id)
    if f.date_from:
        query = query.where(AuditLog.at >= datetime.combine(f.date_from, time.min, UTC))
    if f.date_to:
        end = datetime.combine(f.date_to + timedelta(days=1), time.min, UTC)
        query = query.where(AuditLog.at < end)
    return query.order_by(AuditLog.id.desc())


def audit_facets(project: Project) -> tuple[list[str], list[tuple[int, str]]]:
    """Record types and actors present in the project's trail, for the filter menus."""
    types = db.session.execute(
        sa.select(AuditLog.entity_type).where(AuditLog.project_id == project.id).distinct()
        .order_by(AuditLog.entity_type)
    ).scalars().all()
    actors = db.session.execute(
        sa.select(AuditLog.actor_id, sa.func.max(AuditLog.actor_label))
        .where(AuditLog.project_id == project.id, AuditLog.actor_id.is_not(None))
        .group_by(AuditLog.actor_id).order_by(sa.func.max(AuditLog.actor_label))
    ).all()
    return list(types), [(a, label) for a, label in actors]
