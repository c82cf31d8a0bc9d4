"""Strategy operations: the vision and its sign-off, business goals, objectives and KPIs.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.core.db import transactional
from app.core.errors import DomainError, StaleEdit, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.core.permissions import Role, require
from app.core.signoff import find_invalid, refuse_unless_read
from app.extensions import db
from app.projects.models import Project
from app.projects.service import role_of
from app.strategy.models import (
    BusinessGoal,
    Kpi,
    Measurement,
    Objective,
    ObjectiveGoal,
    Vision,
    VisionSignoff,
    VisionVersion,
)

APPROVAL_MEANING = _l("I approve this text as the CRM vision of the project.")


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _label(actor: User | None) -> str:
    return actor.name if actor is not None else "system"


def _in_project(model, project: Project, record_id: int):
    record = db.session.get(model, record_id)
    return record if record is not None and record.project_id == project.id else None


def goal_in(project: Project, goal_id: int) -> BusinessGoal | None:
    return _in_project(BusinessGoal, project, goal_id)


def objective_in(project: Project, objective_id: int) -> Objective | None:
    return _in_project(Objective, project, objective_id)


def kpi_in(project: Project, kpi_id: int) -> Kpi | None:
    return _in_project(Kpi, project, kpi_id)


def measurement_in(project: Project, measurement_id: int) -> Measurement | None:
    return _in_project(Measurement, project, measurement_id)


# --- Vision -----------------------------------------------------------------------------------


def vision_of(project: Project) -> Vision | None:
    return db.session.execute(
        sa.select(Vision).where(Vision.project_id == project.id)
    ).scalar_one_or_none()


def vision_version(vision: Vision | None, number: int | None) -> VisionVersion | None:
    if vision is None or number is None:
        return None
    return db.session.execute(
        sa.select(VisionVersion).where(VisionVersion.vision_id == vision.id,
                                       VisionVersion.number == number)
    ).scalar_one_or_none()


def approved_vision(project: Project) -> VisionVersion | None:
    vision = vision_of(project)
    return vision_version(vision, vision.approved_number) if vision else None


@transactional
def draft_vision(actor: User | None, project: Project, version, text: str,
                 note: str = "") -> VisionVersion:
    """Save `text` as the next version; `version` is the vision's version the editor saw
    (0 when there was no vision yet)."""
    _require(actor, project, "strategy.edit")
    text = (text or "").strip()
    if not text:
        raise DomainError(_l("Write the vision before saving it."))
    vision = vision_of(project)
    if vision is None:
        if str(version) != "0":
            raise StaleEdit()
        vision = Vision(project_id=project.id, latest_number=0)
        db.session.add(vision)
    else:
        check_version(vision, version)
        latest = vision_version(vision, vision.latest_number)
        if latest is not None and latest.text == text:
            raise DomainError(_l("The text is the same as version %(n)d: nothing to save.",
                                 n=latest.number))
    vision.latest_number += 1
    draft = VisionVersion(vision=vision, project_id=project.id, number=vision.latest_number,
                          text=text, note=(note or "").strip(),
                          author_id=actor.id if actor else None, author_label=_label(actor))
    db.session.add(draft)
    db.session.flush()
    return draft


@transactional
def approve_vision(actor: User | None, project: Project, number: int, version,
                   content_sha256: str, comment: str = "",
                   role: Role | None = None) -> VisionSignoff:
    """The sponsor signs the exact text they read: its hash must still match what is stored."""
    _require(actor, project, "vision.approve")
    vision = vision_of(project)
    if vision is None:
        raise DomainError(_l("There is no vision to approve yet."))
    check_version(vision, version)
    if number != vision.latest_number:
        raise DomainError(_l("Only the latest version (%(n)d) can be approved.",
                             n=vision.latest_number))
    if vision.approved_number == number:
        raise DomainError(_l("Version %(n)d is already approved.", n=number))
    draft = vision_version(vision, number)
    refuse_unless_read(draft, content_sha256, StaleEdit())
    signer_role = role or (role_of(project, actor) if actor else Role.SPONSOR)
    signoff = VisionSignoff.of(draft, project, actor, Role(signer_role),
                               meaning=str(APPROVAL_MEANING), comment=comment)
    db.session.add(signoff)
    vision.approved_number = number
    db.session.flush()
    return signoff


# --- Business goals ---------------------------------------------------------------------------


def goals(project: Project) -> list[BusinessGoal]:
    return list(db.session.execute(
        sa.select(BusinessGoal).where(BusinessGoal.project_id == project.id)
        .order_by(BusinessGoal.id)
    ).scalars())


def _unique_goal_title(project: Project, title: str, goal: BusinessGoal | None) -> None:
    clash = db.session.execute(
        sa.select(BusinessGoal.id).where(BusinessGoal.project_id == project.id,
                                         BusinessGoal.title == title)
    ).scalar_one_or_none()
    if clash is not None and (goal is None or clash != goal.id):
        raise DomainError(_l("A business goal with this title already exists."))


@transactional
def create_goal(actor: User | None, project: Project, title: str,
                description: str = "") -> BusinessGoal:
    _require(actor, project, "strategy.edit")
    _unique_goal_title(project, title, None)
    goal = BusinessGoal(project_id=project.id, title=title, description=description or "")
    db.session.add(goal)
    db.session.flush()
    return goal


@transactional
def update_goal(actor: User, project: Project, goal: BusinessGoal, version, title: str,
                description: str) -> BusinessGoal:
    _require(actor, project, "strategy.edit")
    check_version(goal, version)
    _unique_goal_title(project, title, goal)
    goal.title, goal.description = title, description or ""
    return goal


@transactional
def delete_goal(actor: User, project: Project, goal: BusinessGoal, version) -> None:
    _require(actor, project, "strategy.edit")
    check_version(goal, version)
    serving = db.session.execute(
        sa.select(Objective).join(ObjectiveGoal).where(ObjectiveGoal.goal_id == goal.id)
        .order_by(Objective.number)
    ).scalars().all()
    if serving:
        raise DomainError(_l("Objectives serve this goal: %(codes)s. Change them first.",
                             codes=", ".join(o.code for o in serving)))
    db.session.delete(goal)


# --- Objectives -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveData:
    title: str
    description: str
    aim: str
    aim_other: str
    horizon: str
    priority: str
    owner_id: int | None
    goal_ids: tuple[int, ...]


def objectives(project: Project) -> list[Objective]:
    return list(db.session.execute(
        sa.select(Objective).where(Objective.project_id == project.id)
        .options(sa.orm.selectinload(Objective.goal_links).selectinload(ObjectiveGoal.goal),
                 sa.orm.selectinload(Objective.kpis).selectinload(Kpi.measurements),
                 sa.orm.selectinload(Objective.owner))
        .order_by(Objective.number)
    ).scalars())


def possible_owners(project: Project) -> list[User]:
    """Team members who may own an objective (staff readers may not)."""
    team = [r.value for r in (Role.SPONSOR, Role.STEERING, Role.PM, Role.MEMBER)]
    return list(db.session.execute(
        sa.select(User).join(Membership).where(Membership.project_id == project.id,
                                                Membership.role.in_(team), User.active)
        .order_by(User.name)
    ).scalars())


def _check_objective(project: Project, data: ObjectiveData) -> None:
    if data.owner_id is not None and data.owner_id not in {u.id for u in possible_owners(project)}:
        raise DomainError(_l("The owner must be an active member of the project team."))
    known = {g.id for g in goals(project)}
    if any(goal_id not in known for goal_id in data.goal_ids):
        raise DomainError(_l("Choose business goals of this project."))
    if data.aim == "other" and not data.aim_other.strip():
        raise DomainError(_l("Say what the aim is when you choose \"other\"."))


def _assign_objective(objective: Objective, data: ObjectiveData) -> None:
    objective.title, objective.description = data.title, data.description or ""
    objective.aim, objective.horizon, objective.priority = data.aim, data.horizon, data.priority
    objective.aim_other = data.aim_other.strip() if data.aim == "other" else ""
    objective.owner_id = data.owner_id
    wanted = set(data.goal_ids)
    for link in list(objective.goal_links):
        if link.goal_id not in wanted:
            objective.goal_links.remove(link)
            db.session.delete(link)  # explicit: an orphan removed at flush is not audited
    have = {link.goal_id for link in objective.goal_links}
    for goal_id in sorted(wanted - have):
        objective.goal_links.append(ObjectiveGoal(project_id=objective.project_id,
                                                  goal_id=goal_id))


@transactional
def create_objective(actor: User | None, project: Project, data: ObjectiveData) -> Objective:
    _require(actor, project, "strategy.edit")
    _check_objective(project, data)
    objective = Objective(project_id=project.id, number=next_number(project.id, "objective"))
    with db.session.no_autoflush:
        _assign_objective(objective, data)
    db.session.add(objective)
    db.session.flush()
    return objective


@transactional
def update_objective(actor: User, project: Project, objective: Objective, version,
                     data: ObjectiveData) -> Objective:
    _require(actor, project, "strategy.edit")
    check_version(objective, version)
    _check_objective(project, data)
    with db.session.no_autoflush:
        _assign_objective(objective, data)
    # A change of goals alone must still move the objective's version, so stale forms see it.
    objective.updated_at = utcnow()
    return objective


@transactional
def delete_objective(actor: User, project: Project, objective: Objective, version) -> None:
    _require(actor, project, "strategy.edit")
    check_version(objective, version)
    if objective.kpis:
        raise DomainError(_l("This objective still has KPIs: delete or move them first."))
    db.session.delete(objective)


# --- KPIs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiData:
    objective_id: int
    name: str
    definition: str
    unit: str
    direction: str
    kind: str
    baseline_value: Decimal | None
    baseline_on: date | None
    short_target_value: Decimal | None
    short_target_on: date | None
    long_target_value: Decimal | None
    long_target_on: date | None


def _check_kpi(project: Project, data: KpiData) -> Objective:
    objective = objective_in(project, data.objective_id)
    if objective is None:
        raise DomainError(_l("Choose an objective of this project."))
    pairs = [(data.baseline_value, data.baseline_on), (data.short_target_value,
             data.short_target_on), (data.long_target_value, data.long_target_on)]
    if any((value is None) != (on is None) for value, on in pairs):
        raise DomainError(_l("Give a baseline or target as a value and a date together."))
    dates = [on for on in (data.baseline_on, data.short_target_on, data.long_target_on) if on]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise DomainError(_l("Dates must follow each other: baseline, then the short-term "
                             "target, then the long-term target."))
    return objective


def _assign_kpi(kpi: Kpi, data: KpiData) -> None:
    for name, value in data.__dict__.items():
        setattr(kpi, name, value)
    kpi.definition = data.definition or ""


@transactional
def create_kpi(actor: User | None, project: Project, data: KpiData) -> Kpi:
    _require(actor, project, "strategy.edit")
    _check_kpi(project, data)
    kpi = Kpi(project_id=project.id, number=next_number(project.id, "kpi"))
    _assign_kpi(kpi, data)
    db.session.add(kpi)
    db.session.flush()
    return kpi


@transactional
def update_kpi(actor: User, project: Project, kpi: Kpi, version, data: KpiData) -> Kpi:
    _require(actor, project, "strategy.edit")
    check_version(kpi, version)
    _check_kpi(project, data)
    _assign_kpi(kpi, data)
    return kpi


@transactional
def delete_kpi(actor: User, project: Project, kpi: Kpi, version) -> None:
    """Delete a KPI and its measurements; each deletion is written to the audit trail."""
    _require(actor, project, "strategy.edit")
    check_version(kpi, version)
    db.session.delete(kpi)


def kpis(project: Project) -> list[Kpi]:
    return list(db.session.execute(
        sa.select(Kpi).where(Kpi.project_id == project.id)
        .options(sa.orm.selectinload(Kpi.measurements), sa.orm.selectinload(Kpi.objective))
        .order_by(Kpi.number)
    ).scalars())


def integrity_problems() -> list[str]:
    """For `flask audit verify`: every vision sign-off whose signed text was altered."""
    return [f"vision of {db.session.get(Project, s.project_id).code} v{s.version.number}: the "
            f"sign-off of {s.signer_label} does not match the stored text"
            for s in find_invalid(VisionSignoff)]
