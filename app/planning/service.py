"""Plan operations: settings, phases, tasks and dependencies, and the plan's schedule."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.changes import guard
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.permissions import require
from app.extensions import db
from app.planning import schedule
from app.planning.calendar import WorkingCalendar
from app.planning.models import Phase, PlanDependency, PlanSettings, PlanTask
from app.projects.models import Project
from app.projects.service import lock_for_baseline

MAX_TASKS = 5000


def calendar_of(project: Project) -> WorkingCalendar:
    return WorkingCalendar(frozenset(project.working_weekdays),
                           frozenset(h.day for h in project.holidays))


def settings_for(project: Project) -> PlanSettings:
    """The project's plan settings; unsaved defaults until someone changes the plan."""
    found = db.session.execute(
        sa.select(PlanSettings).where(PlanSettings.project_id == project.id)
    ).scalar_one_or_none()
    return found or PlanSettings(project_id=project.id, near_critical_days=5, graph_revision=0)


def _lock_graph(project: Project) -> PlanSettings:
    """Take the plan's graph lock: an UPDATE of the settings row serialises graph edits."""
    settings = settings_for(project)
    if settings.id is None:
        db.session.add(settings)
        db.session.flush()
    settings.graph_revision = (settings.graph_revision or 0) + 1
    db.session.flush()
    return settings


@transactional
def update_settings(actor: User | None, project: Project, version, status_date: date | None,
                    near_critical_days: int) -> PlanSettings:
    if actor is not None:
        require(actor, project, "plan.edit")
    settings = settings_for(project)
    if settings.id is not None:
        check_version(settings, version)
    else:
        db.session.add(settings)
    settings.status_date = status_date
    settings.near_critical_days = near_critical_days
    return settings


# -- phases -----------------------------------------------------------------------------------


def phases(project: Project) -> list[Phase]:
    return list(db.session.execute(
        sa.select(Phase).where(Phase.project_id == project.id).order_by(Phase.position, Phase.id)
    ).scalars())


def phase_in(project: Project, phase_id) -> Phase | None:
    phase = db.session.get(Phase, phase_id) if isinstance(phase_id, int) else None
    return phase if phase is not None and phase.project_id == project.id else None


def _unique_phase_name(project: Project, name: str, phase: Phase | None = None) -> None:
    clash = db.session.execute(
        sa.select(Phase.id).where(Phase.project_id == project.id, Phase.name == name)
    ).scalar_one_or_none()
    if clash is not None and (phase is None or clash != phase.id):
        raise DomainError(_l("There is already a phase called %(name)s.", name=name))


@transactional
def create_phase(actor: User | None, project: Project, name: str, gate: str = "") -> Phase:
    if actor is not None:
        require(actor, project, "plan.edit")
    _unique_phase_name(project, name)
    last = db.session.execute(
        sa.select(sa.func.max(Phase.position)).where(Phase.project_id == project.id)
    ).scalar_one()
    phase = Phase(project_id=project.id, name=name, gate=gate or "",
                  position=0 if last is None else last + 1)
    db.session.add(phase)
    db.session.flush()
    return phase


@transactional
def update_phase(actor: User, project: Project, phase: Phase, version, name: str, gate: str,
                 position: int) -> Phase:
    require(actor, project, "plan.edit")
    check_version(phase, version)
    _unique_phase_name(project, name, phase)
    phase.name, phase.gate, phase.position = name, gate or "", position
    return phase


@transactional
def delete_phase(actor: User, project: Project, phase: Phase, version) -> None:
    require(actor, project, "plan.edit")
    check_version(phase, version)
    if phase.tasks:
        raise DomainError(_l("Move or delete the phase's tasks first."))
    db.session.delete(phase)


# -- tasks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskData:
    name: str
    phase_id: int
    duration: int
    owner_id: int | None = None
    constraint_type: str | None = None
    constraint_date: date | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    planned_cost: Decimal = Decimal(0)
    actual_cost: Decimal = Decimal(0)


def tasks(project: Project) -> list[PlanTask]:
    return list(db.session.execute(
        sa.select(PlanTask).join(Phase).where(PlanTask.project_id == project.id)
        .options(sa.orm.contains_eager(PlanTask.phase), sa.orm.selectinload(PlanTask.owner))
        .order_by(Phase.position, PlanTask.position, PlanTask.id)
    ).scalars())


def task_in(project: Project, task_id) -> PlanTask | None:
    task = db.session.get(PlanTask, task_id) if isinstance(task_id, int) else None
    return task if task is not None and task.project_id == project.id else None


def _check_task(project: Project, data: TaskData) -> None:
    if phase_in(project, data.phase_id) is None:
        raise DomainError(_l("Choose a phase of this project."))
    if data.owner_id is not None and db.session.execute(
        sa.select(Membership.id).where(Membership.project_id == project.id,
                                       Membership.user_id == data.owner_id)
    ).scalar_one_or_none() is None:
        raise DomainError(_l("The owner must be a member of the project."))
    if (data.constraint_type is None) != (data.constraint_date is None):
        raise DomainError(_l("A constraint needs both its kind and its date."))
    if data.actual_start and data.actual_finish and data.actual_finish < data.actual_start:
        raise DomainError(_l("The actual finish cannot be before the actual start."))
    if data.actual_finish and data.percent_complete != 100:
        raise DomainError(_l("A task with an actual finish is complete: set its percent "
                             "complete to 100."))
    if data.percent_complete > 0 and data.actual_start is None:
        raise DomainError(_l("Give the actual start of a task that has begun."))


def _assign(task: PlanTask, data: TaskData) -> None:
    for key, value in data.__dict__.items():
        if getattr(task, key) != value:
            setattr(task, key, value)


@transactional
def create_task(actor: User | None, project: Project, data: TaskData,
                source_uid: int | None = None) -> PlanTask:
    if actor is not None:
        require(actor, project, "plan.edit")
    _check_task(project, data)
    lock_for_baseline(project)  # before the guard's check: see lock_for_baseline
    guard.refuse_plan_edit(actor, project, {"kind": "task_add", "name": data.name,
                                            "phase_id": data.phase_id,
                                            "duration": data.duration})
    count = db.session.execute(
        sa.select(sa.func.count()).where(PlanTask.project_id == project.id)
    ).scalar_one()
    if count >= MAX_TASKS:
        raise DomainError(_l("A plan holds at most %(n)d tasks.", n=MAX_TASKS))
    task = PlanTask(project_id=project.id, position=count, source_uid=source_uid)
    _assign(task, data)
    db.session.add(task)
    db.session.flush()
    return task


@transactional
def update_task(actor: User | None, project: Project, task: PlanTask, version,
                data: TaskData) -> PlanTask:
    """Change a task; `actor` None means the command line (seeds, imports)."""
    if actor is not None:
        require(actor, project, "plan.edit")
    check_version(task, version)
    _check_task(project, data)
    _refuse_baselined_edit(actor, project, task, data)
    _assign(task, data)
    return task


def _refuse_baselined_edit(actor, project: Project, task: PlanTask, data: TaskData) -> None:
    """Once the plan has a baseline, its duration and constraint change only through a change
    request; progress (percent complete, actual dates, actual cost) stays a direct edit."""
    params: dict = {}
    if data.duration != task.duration:
        params["duration"] = data.duration
    if (data.constraint_type, data.constraint_date) != (task.constraint_type,
                                                        task.constraint_date):
        params["constraint_type"] = data.constraint_type or ""
        params["constraint_date"] = data.constraint_date.isoformat() \
            if data.constraint_date else ""
    if params:
        lock_for_baseline(project)
        guard.refuse_plan_edit(actor, project, {"kind": "task_change", "target_id": task.id,
                                                **params})


@transactional
def delete_task(actor: User, project: Project, task: PlanTask, version) -> None:
    require(actor, project, "plan.edit")
    check_version(task, version)
    lock_for_baseline(project)
    guard.refuse_plan_edit(actor, project, {"kind": "task_remove", "target_id": task.id})
    _lock_graph(project)
    for dep in links_of(project, task):
        db.session.delete(dep)  # each removal is on the audit trail
    db.session.delete(task)


# -- dependencies -----------------------------------------------------------------------------


def dependencies(project: Project) -> list[sa.Row]:
    """The project's links as plain rows (id, ends, type, lag, version): a plan page reads
    thousands of them and never changes them, so ORM objects would only cost time."""
    d = PlanDependency
    return list(db.session.execute(
        sa.select(d.id, d.predecessor_id, d.successor_id, d.type, d.lag, d.version)
        .where(d.project_id == project.id).order_by(d.id)
    ))


def links_of(project: Project, task: PlanTask) -> list[PlanDependency]:
    return list(db.session.execute(
        sa.select(PlanDependency).where(
            PlanDependency.project_id == project.id,
            sa.or_(PlanDependency.predecessor_id == task.id,
                   PlanDependency.successor_id == task.id),
        ).order_by(PlanDependency.id)
    ).scalars())


def dependency_in(project: Project, dependency_id) -> PlanDependency | None:
    dep = db.session.get(PlanDependency, dependency_id) if isinstance(dependency_id, int) else None
    return dep if dep is not None and dep.project_id == project.id else None


@transactional
def add_dependency(actor: User | None, project: Project, predecessor_id: int, successor_id: int,
                   kind: str, lag: int) -> PlanDependency:
    """Link two tasks; a link that would close a loop is refused, naming the loop's tasks."""
    if actor is not None:
        require(actor, project, "plan.edit")
    predecessor, successor = task_in(project, predecessor_id), task_in(project, successor_id)
    if predecessor is None or successor is None:
        raise DomainError(_l("Choose two tasks of this project."))
    if predecessor.id == successor.id:
        raise DomainError(_l("A task cannot depend on itself."))
    if kind not in ("FS", "SS", "FF", "SF"):
        raise DomainError(_l("Choose a kind of link."))
    lock_for_baseline(project)
    guard.refuse_plan_edit(actor, project, {"kind": "link_add", "predecessor_id": predecessor.id,
                                            "successor_id": successor.id, "type": kind,
                                            "lag": lag})
    _lock_graph(project)
    existing = db.session.execute(
        sa.select(PlanDependency.id).where(
            PlanDependency.predecessor_id == predecessor.id,
            PlanDependency.successor_id == successor.id)
    ).scalar_one_or_none()
    if existing is not None:
        raise DomainError(_l("%(a)s and %(b)s are already linked.", a=predecessor.name,
                             b=successor.name))
    _refuse_cycle(project, predecessor, successor, kind, lag)
    dep = PlanDependency(project_id=project.id, predecessor_id=predecessor.id,
                         successor_id=successor.id, type=kind, lag=lag)
    db.session.add(dep)
    db.session.flush()
    return dep


def _refuse_cycle(project, predecessor, successor, kind, lag) -> None:
    plan = plan_input(project)
    new = schedule.Dependency(predecessor.id, successor.id, schedule.LinkType(kind), lag)
    try:
        schedule.compute(plan.with_dependencies(add=[new]))
    except schedule.DependencyCycleError as cycle:
        names = {t.id: t.name for t in plan.tasks}
        loop = " → ".join(names[i] for i in (*cycle.task_ids, cycle.task_ids[0]))
        raise DomainError(_l("This link would close a loop: %(loop)s. Nothing was saved.",
                             loop=loop)) from None


@transactional
def delete_dependency(actor: User, project: Project, dep: PlanDependency, version) -> None:
    require(actor, project, "plan.edit")
    check_version(dep, version)
    lock_for_baseline(project)
    guard.refuse_plan_edit(actor, project, {"kind": "link_remove",
                                            "predecessor_id": dep.predecessor_id,
                                            "successor_id": dep.successor_id})
    _lock_graph(project)
    db.session.delete(dep)


# -- schedule ---------------------------------------------------------------------------------


def plan_input(project: Project, status_date: date | None = None,
               rows: list[PlanTask] | None = None, links: list | None = None
               ) -> schedule.PlanInput:
    """The project's plan as the pure engine's input."""
    rows = tasks(project) if rows is None else rows
    links = dependencies(project) if links is None else links
    items = tuple(
        schedule.Task(
            t.id, t.duration,
            schedule.Constraint(schedule.ConstraintType(t.constraint_type), t.constraint_date)
            if t.constraint_type else None,
            t.percent_complete, t.actual_start, t.actual_finish, t.name)
        for t in rows
    )
    kinds = {kind.value: kind for kind in schedule.LinkType}
    # Rows unpacked by position: attribute access on thousands of Row objects is slow.
    deps = tuple(schedule.Dependency(p, s, kinds[kind], lag)
                 for _id, p, s, kind, lag, _version in links)
    if status_date is None:
        status_date = settings_for(project).status_date
    return schedule.PlanInput(items, deps, calendar_of(project), project.start_date,
                              status_date)


@dataclass(frozen=True)
class ScheduledPlan:
    """Everything a plan page shows: the records and their computed schedule."""

    phases: list[Phase]
    tasks: list[PlanTask]
    dependencies: list[sa.Row]
    settings: PlanSettings
    result: schedule.ScheduleResult


def scheduled(project: Project) -> ScheduledPlan:
    settings = settings_for(project)
    rows, links = tasks(project), dependencies(project)
    plan = plan_input(project, settings.status_date, rows, links)
    result = schedule.compute(plan, near_critical_float=settings.near_critical_days)
    return ScheduledPlan(phases(project), rows, links, settings, result)
