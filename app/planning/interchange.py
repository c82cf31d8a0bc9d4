"""Microsoft Project interchange for a project: import a file into a plan, export a plan."""

import dataclasses

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError
from app.core.permissions import require
from app.extensions import db
from app.planning import mspdi, service
from app.planning.baselines import content_hash
from app.planning.models import BaselineTask, PlanBaseline
from app.planning.mspdi_export import export
from app.projects import service as projects
from app.projects.models import Project

IMPORTED_BASELINE = "Microsoft Project baseline"


@dataclasses.dataclass(frozen=True)
class ImportReport:
    project: Project
    phases: int
    tasks: int
    links: int
    notes: tuple[str, ...]
    exempt: dict[int, str]


def read(data: bytes) -> mspdi.MspdiPlan:
    """Parse a file, turning a format problem into a message for the user."""
    try:
        return mspdi.parse(data)
    except mspdi.MspdiError as exc:
        raise DomainError(_l("This file cannot be imported: %(reason)s. Nothing was changed.",
                             reason=str(exc))) from None


@transactional
def create_project_from(code: str, data: bytes) -> ImportReport:
    """`flask plan import-mspdi`: a new project CODE holding the file's calendar and plan."""
    plan = read(data)
    weekdays = "".join("1" if d in plan.working_weekdays else "0" for d in range(7))
    project = projects.create_project(None, code, projects.ProjectData(
        name=plan.name[:200], description="", start_date=plan.start_date, currency="USD",
        working_days=weekdays, holidays=[(d, "") for d in sorted(plan.holidays)]))
    return _fill(project, plan, ())


@transactional
def import_into(actor: User, project: Project, data: bytes) -> ImportReport:
    """Load a file into a project whose plan is still empty; the project's calendar is kept."""
    require(actor, project, "plan.edit")
    plan = read(data)
    if service.tasks(project) or service.phases(project):
        raise DomainError(_l("The plan already has phases or tasks; import into a project "
                             "with an empty plan. Nothing was changed."))
    notes = []
    calendar = service.calendar_of(project)
    if (plan.working_weekdays, plan.holidays) != (calendar.working_weekdays, calendar.holidays):
        notes.append("calendar: the file's calendar differs from the project's; the project's "
                     "calendar is kept, so dates may differ from the file's")
    return _fill(project, plan, tuple(notes))


def _phase_names(plan: mspdi.MspdiPlan) -> dict[int | None, str]:
    """Every summary task becomes a phase named by its outline path; loose tasks share one."""
    by_uid = {t.uid: t for t in plan.tasks}
    names: dict[int | None, str] = {}
    for t in plan.tasks:
        if t.summary:
            path, parent = [t.name], t.parent_uid
            while parent is not None:
                path.insert(0, by_uid[parent].name)
                parent = by_uid[parent].parent_uid
            names[t.uid] = " / ".join(path)[:200]
    if any(not t.summary and t.parent_uid is None for t in plan.tasks):
        names[None] = plan.name[:200] or "Tasks"
    seen: dict[str, int] = {}
    for key, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[key] = f"{name[:190]} ({seen[name]})"
    return names


def _fill(project: Project, plan: mspdi.MspdiPlan, notes: tuple[str, ...]) -> ImportReport:
    phases = {key: service.create_phase(None, project, name)
              for key, name in _phase_names(plan).items()}
    if any(t.summary and t.outline_level > 1 for t in plan.tasks):
        notes += ("outline: nested summary tasks became phases named by their outline path",)
    ids: dict[int, int] = {}
    for t in plan.tasks:
        if t.summary:
            continue
        actual_start = t.actual_start
        if t.percent_complete and actual_start is None:
            actual_start = t.start
            notes += (f"task {t.uid} {t.name!r}: begun without an actual start; its start "
                      "is taken as the actual start",)
        percent = 100 if t.actual_finish else t.percent_complete
        task = service.create_task(None, project, service.TaskData(
            name=t.name, phase_id=phases[t.parent_uid].id, duration=t.duration,
            constraint_type=t.constraint.type.value if t.constraint else None,
            constraint_date=t.constraint.date if t.constraint else None,
            percent_complete=percent, actual_start=actual_start,
            actual_finish=t.actual_finish, planned_cost=t.cost, actual_cost=t.actual_cost),
            source_uid=t.uid)
        ids[t.uid] = task.id
    for link in plan.links:
        service.add_dependency(None, project, ids[link.predecessor_uid],
                               ids[link.successor_uid], link.type.value, link.lag)
    if plan.status_date:
        settings = service.settings_for(project)
        if settings.id is None:
            db.session.add(settings)
        settings.status_date = plan.status_date
    _import_baseline(project, plan, ids)
    db.session.flush()
    return ImportReport(project, len(phases), len(ids), len(plan.links),
                        (*plan.notes, *notes), plan.exempt)


def _import_baseline(project: Project, plan: mspdi.MspdiPlan, ids: dict[int, int]) -> None:
    dated = [t for t in plan.tasks if not t.summary and t.baseline_start and t.baseline_finish]
    if not dated:
        return
    rows = [{"task_id": ids[t.uid], "name": t.name, "start": t.baseline_start,
             "finish": t.baseline_finish,
             "duration": t.duration if t.baseline_duration is None else t.baseline_duration,
             "planned_cost": t.baseline_cost if t.baseline_cost is not None else t.cost}
            for t in dated]
    finish = max(t.baseline_finish for t in dated)
    baseline = PlanBaseline(project_id=project.id, name=IMPORTED_BASELINE,
                            project_finish=finish, content_hash=content_hash(rows))
    baseline.tasks = [BaselineTask(**row) for row in rows]
    db.session.add(baseline)


def export_project(project: Project, baseline: PlanBaseline | None = None) -> bytes:
    """The project's plan, with its schedule's dates and the chosen baseline, as MSPDI."""
    plan = service.scheduled(project)
    by_task = {b.task_id: b for b in baseline.tasks} if baseline else {}
    uid_of = _task_uids(plan.tasks)
    used = set(uid_of.values())
    free = (n for n in range(1, 10**9) if n not in used)
    tasks: list[mspdi.MspdiTask] = []
    for phase in plan.phases:
        phase_uid = next(free)
        tasks.append(mspdi.MspdiTask(phase_uid, phase.name, 1, summary=True))
        tasks.extend(_export_task(task, uid_of[task.id], phase_uid, plan.result,
                                  by_task.get(task.id))
                     for task in plan.tasks if task.phase_id == phase.id)
    links = tuple(mspdi.MspdiLink(uid_of[d.predecessor_id], uid_of[d.successor_id],
                                  mspdi.LinkType(d.type), d.lag) for d in plan.dependencies)
    calendar = service.calendar_of(project)
    return export(mspdi.MspdiPlan(
        project.name, project.start_date, plan.settings.status_date,
        calendar.working_weekdays, calendar.holidays, tuple(tasks), links))


def _task_uids(rows) -> dict[int, int]:
    """Imported tasks keep their file's UID, so a round trip through Project keeps identities."""
    taken: set[int] = set()
    uids = {}
    for task in rows:
        if task.source_uid is not None and task.source_uid > 0 and task.source_uid not in taken:
            uids[task.id] = task.source_uid
            taken.add(task.source_uid)
    spare = (n for n in range(1, 10**9) if n not in taken)
    for task in rows:
        if task.id not in uids:
            uids[task.id] = next(spare)
            taken.add(uids[task.id])
    return uids


def _export_task(task, uid: int, parent: int, result, then) -> mspdi.MspdiTask:
    t = result[task.id]
    constraint = None
    if task.constraint_type:
        constraint = mspdi.Constraint(mspdi.ConstraintType(task.constraint_type),
                                      task.constraint_date)
    return mspdi.MspdiTask(
        uid, task.name, 2, duration=task.duration, milestone=task.duration == 0,
        start=t.early_start, finish=t.early_finish, constraint=constraint,
        percent_complete=task.percent_complete, actual_start=task.actual_start,
        actual_finish=task.actual_finish, cost=task.planned_cost, actual_cost=task.actual_cost,
        baseline_start=then.start if then else None, baseline_finish=then.finish if then else None,
        baseline_duration=then.duration if then else None,
        baseline_cost=then.planned_cost if then else None, parent_uid=parent)
