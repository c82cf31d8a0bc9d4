"""Which requirements each plan task delivers: the link table, its queries and its changes."""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import Audited, Base, utcnow
from app.core.permissions import require
from app.extensions import db
from app.planning import service
from app.planning.models import Phase, PlanTask
from app.projects.models import Project
from app.requirements.models import Requirement


class TaskRequirement(Audited, Base):
    """Link: a plan task delivers (part of) a requirement."""

    __tablename__ = "plan_task_requirement"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    task_id: Mapped[int] = mapped_column(sa.ForeignKey("plan_task.id", ondelete="CASCADE"),
                                         index=True)
    requirement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement.id", ondelete="CASCADE"), index=True)

    # Deleting a task deletes its links through the ORM, so each removal is on the audit trail.
    task: Mapped[PlanTask] = relationship(
        backref=backref("requirement_links", cascade="all, delete-orphan"))
    requirement: Mapped[Requirement] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("task_id", "requirement_id", name="uq_plan_task_requirement_pair"),
    )

    audit_type_label = _l("Task delivers requirement")
    audit_field_labels = {"task_id": _l("Task"), "requirement_id": _l("Requirement")}

    def __repr__(self) -> str:
        return f"<TaskRequirement {self.task_id}->{self.requirement_id}>"


# -- queries ------------------------------------------------------------------------------------


def choices(project: Project, task: PlanTask | None = None) -> list[tuple[int, str]]:
    """Requirements a task may deliver: the open ones, plus any closed one it already delivers."""
    kept = set(linked_ids(task)) if task is not None else set()
    found = db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id)
        .order_by(Requirement.number)
    ).scalars()
    return [(r.id, f"{r.code} {r.title}") for r in found if not r.closed or r.id in kept]


def linked_ids(task: PlanTask) -> list[int]:
    return sorted(link.requirement_id for link in task.requirement_links)


def requirements_of(task: PlanTask) -> list[Requirement]:
    return sorted((link.requirement for link in task.requirement_links), key=lambda r: r.number)


def requirements_by_task(project: Project) -> dict[int, list[Requirement]]:
    """Each task's requirements, in one query (the task table lists thousands of tasks)."""
    rows = db.session.execute(
        sa.select(TaskRequirement.task_id, Requirement)
        .join(Requirement, Requirement.id == TaskRequirement.requirement_id)
        .where(TaskRequirement.project_id == project.id).order_by(Requirement.number)
    ).all()
    found: dict[int, list[Requirement]] = {}
    for task_id, requirement in rows:
        found.setdefault(task_id, []).append(requirement)
    return found


def tasks_by_requirement(project: Project) -> dict[int, list[PlanTask]]:
    """The tasks delivering each requirement, in plan order (one query)."""
    rows = db.session.execute(
        sa.select(TaskRequirement.requirement_id, PlanTask)
        .join(PlanTask, PlanTask.id == TaskRequirement.task_id).join(Phase)
        .where(TaskRequirement.project_id == project.id)
        .order_by(Phase.position, PlanTask.position, PlanTask.id)
    ).all()
    found: dict[int, list[PlanTask]] = {}
    for requirement_id, task in rows:
        found.setdefault(requirement_id, []).append(task)
    return found


def tasks_delivering(requirement: Requirement) -> list[PlanTask]:
    return list(db.session.execute(
        sa.select(PlanTask).join(TaskRequirement, TaskRequirement.task_id == PlanTask.id)
        .join(Phase).where(TaskRequirement.requirement_id == requirement.id)
        .order_by(Phase.position, PlanTask.position, PlanTask.id)
    ).scalars())


# -- changes ------------------------------------------------------------------------------------


def _set_links(project: Project, task: PlanTask, requirement_ids: Iterable[int]) -> None:
    """Make the task deliver exactly these requirements (all of its project).

    A closed requirement may stay linked but not be newly linked. A change bumps the task's
    version, so an edit form opened before it is refused as stale.
    """
    wanted = set(requirement_ids)
    have = set(linked_ids(task))
    if wanted == have:
        return
    known = {r.id: r for r in db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id,
                                     Requirement.id.in_(wanted))).scalars()}
    if set(known) != wanted:
        raise DomainError(_l("Choose requirements of this project."))
    if any(known[i].closed for i in wanted - have):
        raise DomainError(_l("A withdrawn or superseded requirement cannot be linked."))
    for link in list(task.requirement_links):
        if link.requirement_id not in wanted:
            task.requirement_links.remove(link)
            db.session.delete(link)  # explicit: an orphan removed at flush is not audited
    for requirement_id in sorted(wanted - have):
        task.requirement_links.append(
            TaskRequirement(project_id=project.id, requirement_id=requirement_id))
    task.updated_at = utcnow()  # an UPDATE of the task: its version counter moves on


@transactional
def create_task(actor: User | None, project: Project, data: service.TaskData,
                requirement_ids: Iterable[int] = ()) -> PlanTask:
    """service.create_task, and the requirements the new task delivers, in one transaction."""
    task = service.create_task(actor, project, data)
    _set_links(project, task, requirement_ids)
    return task


@transactional
def update_task(actor: User | None, project: Project, task: PlanTask, version,
                data: service.TaskData, requirement_ids: Iterable[int]) -> PlanTask:
    """service.update_task, and the requirements the task delivers, in one transaction."""
    service.update_task(actor, project, task, version, data)
    _set_links(project, task, requirement_ids)
    return task


@transactional
def set_requirements(actor: User | None, project: Project, task: PlanTask, version,
                     requirement_ids: Iterable[int]) -> PlanTask:
    """Only the requirements a task delivers; `actor` None means the command line (seeds)."""
    if actor is not None:
        require(actor, project, "plan.edit")
    check_version(task, version)
    _set_links(project, task, requirement_ids)
    return task
