"""Why a task is (not) critical, and what a change does to the schedule (what-if)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.planning.schedule import (
    INTO_START,
    START_KINDS,
    ConstraintViolation,
    Dependency,
    LinkType,
    Network,
    PlanInput,
    Progress,
    ScheduleResult,
    TaskId,
    compute,
)


class Driver(StrEnum):
    PREDECESSOR = "predecessor"
    PROJECT_START = "project start"
    STATUS_DATE = "status date"
    CONSTRAINT = "constraint"
    ACTUAL_DATES = "actual dates"


@dataclass(frozen=True, slots=True)
class DrivingStep:
    """One task of a driving chain; `link` is the link from the previous step's task."""

    task_id: TaskId
    early_start: date
    early_finish: date
    driven_by: Driver
    link: Dependency | None = None


@dataclass(frozen=True)
class Explanation:
    """Why a task is (not) critical.

    `driving_chain` runs from what sets the dates (project start, status date, a constraint
    or actual dates) through driving links to the task itself. `float_used_by` lists the
    successors that would be delayed first if the task slips, ending on the critical path.
    """

    task_id: TaskId
    critical: bool
    total_float: int
    free_float: int
    driving_chain: tuple[DrivingStep, ...]
    float_used_by: tuple[TaskId, ...]
    violation: ConstraintViolation | None
    summary: str


def explain(result: ScheduleResult, task_id: TaskId) -> Explanation:
    net, sched = result._net, result.tasks[task_id]
    v = net.index[task_id]
    incoming: dict[int, list[tuple[int, Dependency]]] = {}
    outgoing: dict[int, list[tuple[int, Dependency]]] = {}
    for p, s, dep in net.links():
        incoming.setdefault(s, []).append((p, dep))
        outgoing.setdefault(p, []).append((s, dep))
    chain = _driving_chain(net, v, incoming)
    used_by = () if sched.progress is Progress.COMPLETE else _float_chain(net, v, outgoing, result)
    violation = next((x for x in result.violations if x.task_id == task_id), None)
    return Explanation(
        task_id,
        sched.critical,
        sched.total_float,
        sched.free_float,
        chain,
        used_by,
        violation,
        _summary(result, sched, chain, used_by, violation),
    )


def _driving_chain(net: Network, v: int, incoming: dict) -> tuple[DrivingStep, ...]:
    steps: list[DrivingStep] = []
    seen: set[int] = set()
    while True:
        driver, link, previous = _driver_of(net, v, incoming.get(v, ()))
        sched = net.tasks[v]
        dates = (net.es[v], net.ef[v])
        steps.append(DrivingStep(sched.id, *_dates(net, v, *dates), driver, link))
        seen.add(v)
        if previous is None or previous in seen:
            return tuple(reversed(steps))
        v = previous


def _dates(net: Network, v: int, start: int, finish: int) -> tuple[date, date]:
    if finish > start:
        return net.date_of(start, False), net.date_of(finish, True)
    day = net.date_of(start, net.day_end.get(v, False))
    return day, day


def _driver_of(net: Network, v: int, links) -> tuple[Driver, Dependency | None, int | None]:
    if net.start_fixed[v]:
        return Driver.ACTUAL_DATES, None, None
    driving = [(p, d) for p, d in links if net.link_slack(p, v, d.type, d.lag) == 0]
    if driving:
        p, dep = min(driving, key=lambda pd: (net.sort_key(pd[0]), pd[1].type, pd[1].lag))
        return Driver.PREDECESSOR, dep, p
    c = net.tasks[v].constraint
    if c is not None and net.state[v] is Progress.NOT_STARTED:
        if c.type in START_KINDS and net.es[v] == net.cal.index_on_or_after(c.date):
            return Driver.CONSTRAINT, None, None
        if c.type not in START_KINDS and net.fin_floor[v] == net.ef[v]:
            return Driver.CONSTRAINT, None, None
    if net.es[v] == net.status_floor and net.status_floor > net.start_floor:
        return Driver.STATUS_DATE, None, None
    return Driver.PROJECT_START, None, None


def _float_chain(net: Network, v: int, outgoing: dict, result: ScheduleResult) -> tuple:
    """Follow the successor that sets each late finish until a critical task is reached."""
    chain: list[TaskId] = []
    seen = {v}
    while not result.tasks[net.ids[v]].critical:
        limiting = []
        for s, dep in outgoing.get(v, ()):
            from_start = dep.type in (LinkType.SS, LinkType.SF)
            if from_start and net.state[v] is not Progress.NOT_STARTED:
                continue
            late = net.ls[s] if dep.type in INTO_START else net.lf[s]
            if late - dep.lag + (net.dur[v] if from_start else 0) == net.lf[v]:
                limiting.append(s)
        if not limiting:
            break
        v = min(limiting, key=net.sort_key)
        if v in seen:
            break
        seen.add(v)
        chain.append(net.ids[v])
    return tuple(chain)


def _summary(result, sched, chain, used_by, violation) -> str:
    plan, label = result.plan, result.plan.task(sched.id).label
    if sched.critical:
        text = f"{label} is critical: any delay moves the project finish ({result.project_finish})."
    else:
        text = f"{label} is not critical: it has {sched.total_float} working day(s) of total float"
        text += f" ({sched.free_float} free)."
    origin = chain[0]
    text += f" Its dates are driven by {origin.driven_by.value}"
    if len(chain) > 1:
        names = " -> ".join(plan.task(step.task_id).label for step in chain)
        text += f" through {names}"
    text += "."
    if used_by and not sched.critical:
        target = plan.task(used_by[-1]).label
        on_path = result.tasks[used_by[-1]].critical
        text += f" Slipping more than {sched.total_float} day(s) delays {target}"
        text += ", which is on the critical path." if on_path else "."
    if violation is not None:
        text += f" Constraint violated: {violation.message}."
    return text


@dataclass(frozen=True, slots=True)
class TaskShift:
    task_id: TaskId
    start_shift: int  # working days, positive = later
    finish_shift: int


@dataclass(frozen=True)
class Impact:
    """What a change does to a schedule (for change requests)."""

    finish_before: date
    finish_after: date
    finish_shift: int
    moved: tuple[TaskShift, ...]
    became_critical: tuple[TaskId, ...]
    left_critical: tuple[TaskId, ...]
    new_violations: tuple[ConstraintViolation, ...]


def what_if(before: ScheduleResult, changed: PlanInput) -> tuple[ScheduleResult, Impact]:
    """Schedule a modified copy of the plan and compare it with the current schedule."""
    after = compute(changed, near_critical_float=before.near_critical_float)
    return after, impact(before, after)


def impact(before: ScheduleResult, after: ScheduleResult) -> Impact:
    cal = after.plan.calendar
    moved = []
    for task_id, new in after.tasks.items():
        old = before.tasks.get(task_id)
        if old is not None and (old.early_start, old.early_finish) != (
            new.early_start,
            new.early_finish,
        ):
            moved.append(
                TaskShift(
                    task_id,
                    cal.working_days_between(old.early_start, new.early_start),
                    cal.working_days_between(old.early_finish, new.early_finish),
                )
            )
    was, now = set(before.critical_tasks), set(after.critical_tasks)
    old_violations = {(v.task_id, v.constraint) for v in before.violations}
    return Impact(
        before.project_finish,
        after.project_finish,
        cal.working_days_between(before.project_finish, after.project_finish),
        tuple(moved),
        tuple(t for t in after.critical_tasks if t not in was),
        tuple(t for t in before.critical_tasks if t not in now),
        tuple(v for v in after.violations if (v.task_id, v.constraint) not in old_violations),
    )
