"""Demo plan for Quest International's Asia pilot: the standard plan, the pilot's own tasks,
a baseline, progress."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import sqlalchemy as sa

from app.accounts.service import find_user
from app.extensions import db
from app.planning import baselines, requirement_links, service, standard_plan
from app.planning.models import PlanTask
from app.projects.service import get_by_code
from app.requirements.models import Requirement


def seed_plan(summary) -> None:
    from app.demo import read_seed

    data = read_seed("plan.toml")
    project = get_by_code(summary.project_code or "QUEST-ASIA")
    if project is None or service.phases(project):
        return
    tasks = standard_plan.start_from_standard_plan(None, project)
    tasks |= _pilot_tasks(project, tasks, data.get("task", []))
    saved = date.fromisoformat(data["baseline_saved_on"])
    baselines.save_baseline(None, project, data["baseline"],
                            at=datetime.combine(saved, time(1), UTC))
    status = date.fromisoformat(data["status_date"])
    slips = {s["task"]: s for s in data.get("slip", [])}
    _progress(project, tasks, slips, status)
    settings = service.settings_for(project)
    service.update_settings(None, project, settings.version, status, data["near_critical_days"])
    summary.created.append(f"plan with {len(tasks)} tasks, baseline and progress")


def _pilot_tasks(project, tasks: dict[str, PlanTask], specs: list[dict]) -> dict[str, PlanTask]:
    """The Asia pilot's own tasks, linked into the standard plan before the baseline is saved.

    `after` names predecessors and `before` successors, both as "Name" or "Name:SS+3" (see
    standard_plan.parse_link); a link may name a task listed earlier in `specs`.
    """
    phases = {p.name: p for p in service.phases(project)}
    rate = Decimal(standard_plan.read()["day_rate"])
    added: dict[str, PlanTask] = {}
    for spec in specs:
        owner = find_user(spec["owner"]) if spec.get("owner") else None
        added[spec["name"]] = service.create_task(None, project, service.TaskData(
            spec["name"], phases[spec["phase"]].id, spec["days"],
            owner_id=owner.id if owner else None,
            planned_cost=Decimal(spec.get("cost", spec["days"] * rate))))
    known = tasks | added
    for spec in specs:
        new = added[spec["name"]]
        for text in spec.get("after", []):
            name, kind, lag = standard_plan.parse_link(text)
            service.add_dependency(None, project, known[name].id, new.id, kind, lag)
        for text in spec.get("before", []):
            name, kind, lag = standard_plan.parse_link(text)
            service.add_dependency(None, project, new.id, known[name].id, kind, lag)
    return added


def _progress(project, tasks, slips, status: date) -> None:
    """Record actuals up to the status date, in schedule order so slips push what follows."""
    cal = service.calendar_of(project)
    done: set[int] = set()
    while True:
        result = service.scheduled(project).result
        started = [t for t in tasks.values()
                   if t.id not in done and result[t.id].early_start <= status]
        if not started:
            return
        task = min(started, key=lambda t: (result[t.id].early_start, t.id))
        done.add(task.id)
        sched, slip = result[task.id], slips.get(task.name, {})
        days = task.duration + slip.get("days", 0)
        finish = cal.add_working_days(sched.early_start, max(days, 1) - 1)
        overrun = Decimal(str(1 + slip.get("overrun", 0)))
        if finish <= status:
            percent, actual_finish = 100, finish
        else:  # under way: a little behind its time so far
            worked = cal.working_days_in(sched.early_start, status)
            percent, actual_finish = min(95, max(5, 100 * worked // max(days, 1) - 10)), None
        spent = task.planned_cost * percent / 100 * overrun
        service.update_task(None, project, task, task.version, service.TaskData(
            task.name, task.phase_id, days, owner_id=task.owner_id, percent_complete=percent,
            actual_start=sched.early_start, actual_finish=actual_finish,
            planned_cost=task.planned_cost, actual_cost=spent.quantize(Decimal("0.01"))))


def seed_requirement_links(summary) -> None:
    """Link the demo plan's tasks to the requirements they deliver, once."""
    from app.demo import read_seed

    project = get_by_code(summary.project_code or "QUEST-ASIA")
    if project is None or requirement_links.requirements_by_task(project):
        return
    tasks = {t.name: t for t in service.tasks(project)}
    found = {r.title: r.id for r in db.session.execute(
        sa.select(Requirement).where(Requirement.project_id == project.id)).scalars()}
    linked = 0
    for spec in read_seed("plan_requirements.toml")["link"]:
        task = tasks.get(spec["task"])
        ids = [found[title] for title in spec["requirements"] if title in found]
        if task is None or not ids:
            continue
        requirement_links.set_requirements(None, project, task, task.version, ids)
        linked += len(ids)
    if linked:
        summary.created.append(f"{linked} links from plan tasks to requirements")
