"""Impact of a change request: the plan before and after its operations, compared (pure).

The what-if reuses the scheduling engine (`planning.schedule.compute`) on a modified copy of the
plan input (whatif.py); nothing here knows about Flask or the database.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.changes.whatif import (
    CONTINGENCY,
    KINDS,
    PLAN_KINDS,
    InvalidOperation,
    Line,
    Operation,
    Phase,
    Requirement,
    State,
    apply,
    fingerprint,
)
from app.planning import schedule

__all__ = ["KINDS", "PLAN_KINDS", "Impact", "InvalidOperation", "Line", "Operation", "Phase",
           "Requirement", "State", "analyse", "apply", "fingerprint"]


# --- The analysis -------------------------------------------------------------------------


@dataclass(frozen=True)
class Impact:
    """What the committee sees; dates as ISO strings and money as strings once stored."""

    finish_before: date
    finish_after: date
    finish_shift: int  # working days, positive = later
    critical_before: tuple[str, ...]
    critical_after: tuple[str, ...]
    moved: tuple[dict, ...]  # name, start/finish before and after, shift (working days)
    float_consumed: tuple[dict, ...]  # name, float before, after, consumed
    gates: tuple[dict, ...]  # phase, gate, before, after, shift
    cost_before: Decimal
    cost_after: Decimal
    cost_delta: Decimal
    contingency_before: Decimal
    contingency_after: Decimal
    requirements: tuple[dict, ...]  # code, title, signed, baselines
    violations: tuple[str, ...]
    fingerprint: str

    def as_dict(self) -> dict:
        return json.loads(json.dumps(dataclasses.asdict(self), default=str))


def _critical_names(result: schedule.ScheduleResult, names: Mapping) -> tuple[str, ...]:
    """Every critical task in schedule order: parallel critical paths all show."""
    order = sorted(result.critical_tasks, key=lambda t: (result.tasks[t].early_start,
                                                         result.tasks[t].early_finish))
    return tuple(names.get(t, str(t)) for t in order)


def _phase_finishes(result, task_phase: Mapping) -> dict[int, date]:
    ends: dict[int, date] = {}
    for task_id, phase in task_phase.items():
        if task_id in result.tasks:
            finish = result.tasks[task_id].early_finish
            if phase not in ends or finish > ends[phase]:
                ends[phase] = finish
    return ends


def _moves(before, after, names: Mapping, cal) -> tuple[list[dict], list[dict]]:
    moved, consumed = [], []
    for task_id in set(before.tasks) | set(after.tasks):
        b, a = before.tasks.get(task_id), after.tasks.get(task_id)
        name = names.get(task_id, str(task_id))
        if b is None or a is None:
            moved.append({"task": task_id, "name": name, "shift": None,
                          "start_before": b and b.early_start,
                          "finish_before": b and b.early_finish,
                          "start_after": a and a.early_start, "finish_after": a and a.early_finish,
                          "status": "added" if b is None else "removed"})
            continue
        if (b.early_start, b.early_finish) != (a.early_start, a.early_finish):
            moved.append({"task": task_id, "name": name, "start_before": b.early_start,
                          "finish_before": b.early_finish, "start_after": a.early_start,
                          "finish_after": a.early_finish, "status": "moved",
                          "shift": cal.working_days_between(b.early_finish, a.early_finish)})
        if a.total_float < b.total_float:
            consumed.append({"task": task_id, "name": name, "before": b.total_float,
                             "after": a.total_float, "consumed": b.total_float - a.total_float})
    moved.sort(key=lambda m: (m["start_after"] or m["start_before"], str(m["name"])))
    consumed.sort(key=lambda c: (-c["consumed"], str(c["name"])))
    return moved, consumed


def _gates(state: State, before, after, draft, cal) -> list[dict]:
    was, now = _phase_finishes(before, state.task_phase), _phase_finishes(after, draft.task_phase)
    out = []
    for phase in state.phases:
        b, a = was.get(phase.id), now.get(phase.id)
        if b != a:
            shift = cal.working_days_between(b, a) if b and a else None
            out.append({"phase": phase.name, "gate": phase.gate, "before": b, "after": a,
                        "shift": shift})
    return out


def _total(lines, category: str | None = None) -> Decimal:
    return sum((x.planned for x in lines if category is None or x.category == category),
               Decimal(0))


def analyse(state: State, operations: Sequence[Operation]) -> Impact:
    """Apply the operations to a copy and compare: dates, critical path, float, gates, money."""
    plan_after, draft = apply(state, operations)
    near = state.near_critical_days
    try:
        before = schedule.compute(state.plan, near_critical_float=near)
        after = schedule.compute(plan_after, near_critical_float=near)
    except schedule.DependencyCycleError as cycle:
        names = {t.id: t.name or str(t.id) for t in plan_after.tasks}
        loop = [names[i] for i in (*cycle.task_ids, cycle.task_ids[0])]
        raise InvalidOperation("cycle", None, loop=" → ".join(loop)) from None
    names = {t.id: t.name or str(t.id) for t in (*state.plan.tasks, *plan_after.tasks)}
    cal = state.plan.calendar
    moved, consumed = _moves(before, after, names, cal)
    lines_before, lines_after = state.lines, tuple(draft.lines.values())
    cost_before, cost_after = _total(lines_before), _total(lines_after)
    reqs = tuple({"code": r.code, "title": r.title, "signed": r.signed,
                  "baselines": list(r.baselines)}
                 for r in dict.fromkeys(draft.changed_requirements))
    return Impact(
        before.project_finish, after.project_finish,
        cal.working_days_between(before.project_finish, after.project_finish),
        _critical_names(before, names), _critical_names(after, names),
        tuple(moved), tuple(consumed), tuple(_gates(state, before, after, draft, cal)),
        cost_before, cost_after, cost_after - cost_before,
        _total(lines_before, CONTINGENCY), _total(lines_after, CONTINGENCY), reqs,
        tuple(f"{names.get(v.task_id, v.task_id)}: {v.message}" for v in after.violations),
        fingerprint(state))
