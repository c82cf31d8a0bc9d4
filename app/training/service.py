"""Training operations: programmes, sessions, the roster, attendance, settings, coverage.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.core.permissions import require
from app.extensions import db
from app.planning import service as planning
from app.planning.models import PlanTask
from app.projects.models import Project
from app.requirements.logic import DEPARTMENTS
from app.training import coverage
from app.training.models import (
    Attendance,
    Trainee,
    TrainingProgramme,
    TrainingSession,
    TrainingSettings,
)
from app.training.targets import targets

_GO_LIVE = re.compile(r"go[- ]?live|上线", re.IGNORECASE)


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _in_project(model, project: Project, record_id: int):
    record = db.session.get(model, record_id)
    return record if record is not None and record.project_id == project.id else None


def programme_in(project: Project, programme_id: int) -> TrainingProgramme | None:
    return _in_project(TrainingProgramme, project, programme_id)


def session_in(project: Project, session_id: int) -> TrainingSession | None:
    return _in_project(TrainingSession, project, session_id)


def trainee_in(project: Project, trainee_id: int) -> Trainee | None:
    return _in_project(Trainee, project, trainee_id)


def programmes(project: Project) -> list[TrainingProgramme]:
    return list(db.session.execute(
        sa.select(TrainingProgramme).where(TrainingProgramme.project_id == project.id)
        .options(sa.orm.selectinload(TrainingProgramme.sessions)
                 .selectinload(TrainingSession.attendance))
        .order_by(TrainingProgramme.kind, TrainingProgramme.name)).scalars())


def sessions(project: Project) -> list[TrainingSession]:
    return list(db.session.execute(
        sa.select(TrainingSession).where(TrainingSession.project_id == project.id)
        .options(sa.orm.selectinload(TrainingSession.programme),
                 sa.orm.selectinload(TrainingSession.attendance))
        .order_by(TrainingSession.held_on, TrainingSession.id)).scalars())


def trainees(project: Project, active_only: bool = False) -> list[Trainee]:
    query = sa.select(Trainee).where(Trainee.project_id == project.id)
    if active_only:
        query = query.where(Trainee.active.is_(True))
    return list(db.session.execute(query.order_by(Trainee.department, Trainee.name,
                                                  Trainee.id)).scalars())


# --- Programmes --------------------------------------------------------------------------------


def _programme_fields(project: Project, kind: str, name: str, programme=None) -> str:
    if kind not in coverage.KINDS:
        raise DomainError(_l("Choose concept or operational training."))
    name = name.strip()
    if not name:
        raise DomainError(_l("Give the programme a name."))
    clash = db.session.execute(sa.select(TrainingProgramme.id).where(
        TrainingProgramme.project_id == project.id, TrainingProgramme.name == name)).scalar()
    if clash is not None and (programme is None or clash != programme.id):
        raise DomainError(_l("Another programme already has this name."))
    return name


@transactional
def create_programme(actor: User | None, project: Project, kind: str, name: str,
                     description: str = "") -> TrainingProgramme:
    _require(actor, project, "training.edit")
    name = _programme_fields(project, kind, name)
    programme = TrainingProgramme(project_id=project.id, kind=kind, name=name,
                                  description=description or "")
    db.session.add(programme)
    db.session.flush()
    return programme


@transactional
def update_programme(actor: User | None, project: Project, programme: TrainingProgramme,
                     version, kind: str, name: str, description: str) -> TrainingProgramme:
    _require(actor, project, "training.edit")
    check_version(programme, version)
    programme.name = _programme_fields(project, kind, name, programme)
    programme.kind, programme.description = kind, description or ""
    db.session.flush()
    return programme


# --- Sessions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionData:
    programme_id: int
    held_on: date
    place: str
    trainer: str
    audience: tuple[str, ...]
    capacity: int


def _assign_session(project: Project, session: TrainingSession, data: SessionData) -> None:
    if programme_in(project, data.programme_id) is None:
        raise DomainError(_l("Choose a programme of this project."))
    if not data.audience or any(d not in DEPARTMENTS for d in data.audience):
        raise DomainError(_l("Choose the departments the session is for."))
    if not 1 <= data.capacity <= 1000:
        raise DomainError(_l("Capacity is from 1 to 1000 places."))
    if session.id is not None and len(session.attendance) > data.capacity:
        raise DomainError(_l("%(n)d people attended: the capacity cannot be smaller.",
                             n=len(session.attendance)))
    session.programme_id, session.held_on = data.programme_id, data.held_on
    session.place, session.trainer = data.place.strip(), data.trainer.strip()
    session.audience = " ".join(d for d in DEPARTMENTS if d in data.audience)
    session.capacity = data.capacity


@transactional
def create_session(actor: User | None, project: Project, data: SessionData) -> TrainingSession:
    _require(actor, project, "training.edit")
    session = TrainingSession(project_id=project.id)
    with db.session.no_autoflush:
        _assign_session(project, session, data)
    db.session.add(session)
    db.session.flush()
    return session


@transactional
def update_session(actor: User | None, project: Project, session: TrainingSession, version,
                   data: SessionData) -> TrainingSession:
    _require(actor, project, "training.edit")
    check_version(session, version)
    _assign_session(project, session, data)
    db.session.flush()
    return session


@transactional
def record_attendance(actor: User | None, project: Project, session: TrainingSession, version,
                      trainee_ids: set[int]) -> TrainingSession:
    """Make the session's attendance exactly `trainee_ids` (people on the roster)."""
    _require(actor, project, "training.attendance")
    check_version(session, version)
    roster = {t.id for t in trainees(project)}
    if not trainee_ids <= roster:
        raise DomainError(_l("Choose people on this project's training roster."))
    if len(trainee_ids) > session.capacity:
        raise DomainError(_l("The session has %(n)d places: %(m)d attendees are too many.",
                             n=session.capacity, m=len(trainee_ids)))
    for record in list(session.attendance):
        if record.trainee_id not in trainee_ids:
            session.attendance.remove(record)
            db.session.delete(record)  # explicit: an orphan removed at flush is not audited
    have = {a.trainee_id for a in session.attendance}
    for trainee_id in sorted(trainee_ids - have):
        session.attendance.append(Attendance(project_id=project.id, trainee_id=trainee_id))
    session.updated_at = utcnow()  # bumps the version: a second open register goes stale
    db.session.flush()
    return session


# --- The roster --------------------------------------------------------------------------------


def _check_trainee(name: str, department: str) -> str:
    if department not in DEPARTMENTS:
        raise DomainError(_l("Choose a department from the list."))
    if not name.strip():
        raise DomainError(_l("Give the trainee's name."))
    return name.strip()


@transactional
def add_trainees(actor: User | None, project: Project, department: str,
                 names: list[str]) -> list[Trainee]:
    """Put people of one department on the roster, one name each."""
    _require(actor, project, "training.edit")
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise DomainError(_l("Give at least one name."))
    added = [Trainee(project_id=project.id, name=_check_trainee(n, department),
                     department=department) for n in names]
    db.session.add_all(added)
    db.session.flush()
    return added


@transactional
def update_trainee(actor: User | None, project: Project, trainee: Trainee, version, name: str,
                   department: str, active: bool) -> Trainee:
    _require(actor, project, "training.edit")
    check_version(trainee, version)
    trainee.name, trainee.department = _check_trainee(name, department), department
    trainee.active = active
    db.session.flush()
    return trainee


# --- Settings and the go-live milestone ------------------------------------------------------


def settings_for(project: Project) -> TrainingSettings:
    settings = db.session.execute(sa.select(TrainingSettings).where(
        TrainingSettings.project_id == project.id)).scalar_one_or_none()
    return settings or TrainingSettings(project_id=project.id)  # unsaved until first change


def milestones(project: Project) -> list[PlanTask]:
    return [t for t in planning.tasks(project) if t.is_milestone]


@transactional
def update_settings(actor: User | None, project: Project, version,
                    go_live_task_id: int | None) -> TrainingSettings:
    _require(actor, project, "training.edit")
    settings = settings_for(project)
    if settings.id is not None:
        check_version(settings, version)
    else:
        db.session.add(settings)
    if go_live_task_id is not None and go_live_task_id not in {t.id
                                                               for t in milestones(project)}:
        raise DomainError(_l("Choose a milestone of this project's plan."))
    settings.go_live_task_id = go_live_task_id
    db.session.flush()
    return settings


@dataclass(frozen=True)
class GoLive:
    task: PlanTask | None
    on: date | None
    chosen: bool  # named in the settings (else guessed from the milestones' names)


def go_live(project: Project) -> GoLive:
    """The go-live milestone and its scheduled date: the one chosen in the settings, else the
    last-scheduled milestone whose name says go-live (上线)."""
    found = milestones(project)
    if not found:
        return GoLive(None, None, False)
    result = planning.scheduled(project).result
    chosen_id = settings_for(project).go_live_task_id
    task = next((t for t in found if t.id == chosen_id), None)
    if task is None:
        named = [t for t in found if _GO_LIVE.search(t.name)]
        task = max(named, key=lambda t: result[t.id].early_finish, default=None)
    return GoLive(task, result[task.id].early_finish if task else None,
                  task is not None and task.id == chosen_id)


# --- Coverage ----------------------------------------------------------------------------------


def coverage_rows(project: Project, by: date | None) -> list[coverage.DepartmentCoverage]:
    roster = [coverage.Trainee(t.id, t.department) for t in trainees(project, active_only=True)]
    attended = [coverage.Attended(trainee_id, kind, held_on)
                for trainee_id, kind, held_on in db.session.execute(
                    sa.select(Attendance.trainee_id, TrainingProgramme.kind,
                              TrainingSession.held_on)
                    .join(TrainingSession, Attendance.session_id == TrainingSession.id)
                    .join(TrainingProgramme)
                    .where(Attendance.project_id == project.id))]
    return coverage.coverage(roster, attended, by, DEPARTMENTS)


def shortfalls(rows) -> list[coverage.Shortfall]:
    return coverage.shortfalls(rows, targets())


@dataclass(frozen=True)
class DepartmentSummary:
    """One department's training coverage by go-live, as the health scorecard reads it."""

    department: str
    end_users: int
    trained_concept: int
    trained_operational: int
    go_live: date | None


def coverage_summary(project: Project) -> list[DepartmentSummary]:
    """Departments with end users on the roster, counted by the go-live date (every
    attendance when the plan has no go-live milestone)."""
    when = go_live(project).on
    return [DepartmentSummary(r.department, r.end_users, r.concept, r.operational, when)
            for r in coverage_rows(project, when) if r.end_users]
