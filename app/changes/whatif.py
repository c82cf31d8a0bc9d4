"""A change request's operations applied to a copy of the plan input and budget figures (pure).

The copy is what the scheduling engine then computes (see impact.py); nothing here knows about
Flask or the database.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from decimal import InvalidOperation as BadDecimal

from app.budget.analysis import Category
from app.planning import schedule

KINDS = ("task_change", "milestone_move", "lag_change", "link_add", "link_remove", "task_add",
         "task_remove", "requirement_change", "budget_change", "contingency_draw", "line_add",
         "line_remove")
PLAN_KINDS = frozenset(KINDS[:7])
MONEY_KINDS = frozenset(("budget_change", "contingency_draw", "line_add", "line_remove"))
LINE_CATEGORIES = frozenset(c.value for c in Category)
MAX_DURATION, MAX_LAG = 10000, 1000
CONTINGENCY = "contingency"


@dataclass(frozen=True)
class Operation:
    kind: str
    target: int | None = None
    params: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    id: int
    code: str
    name: str
    category: str
    planned: Decimal
    has_costs: bool = False


@dataclass(frozen=True)
class Requirement:
    id: int
    code: str
    title: str
    status: str
    current_number: int
    signed: bool
    baselines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phase:
    id: int
    name: str
    gate: str


@dataclass(frozen=True)
class State:
    """The project as the analysis sees it: plan input, phases, budget lines, requirements."""

    plan: schedule.PlanInput
    task_phase: Mapping[int, int]
    phases: tuple[Phase, ...] = ()
    lines: tuple[Line, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    near_critical_days: int = 5


class InvalidOperation(ValueError):
    """An operation that cannot be applied; `code` and `params` let the caller word it."""

    def __init__(self, code: str, position: int | None, **params) -> None:
        self.code, self.position, self.params = code, position, params
        super().__init__(f"operation {position}: {code} {params}")


def fingerprint(state: State) -> str:
    """A hash of everything the analysis read, so a later change to it can be detected."""
    p = state.plan
    parts = [
        p.project_start, p.status_date, sorted(p.calendar.working_weekdays),
        sorted(p.calendar.holidays),
        [(t.id, t.duration, t.constraint and (t.constraint.type.value, t.constraint.date),
          t.percent_complete, t.actual_start, t.actual_finish) for t in p.tasks],
        sorted((d.predecessor, d.successor, d.type.value, d.lag) for d in p.dependencies),
        sorted((t, ph) for t, ph in state.task_phase.items()),
        [(x.id, x.category, str(x.planned)) for x in state.lines],
        [(r.id, r.status, r.current_number) for r in state.requirements],
    ]
    text = json.dumps(parts, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --- Applying operations to a copy --------------------------------------------------------


def _int(value, code: str, position: int, **params) -> int:
    try:
        if isinstance(value, bool):
            raise TypeError
        return int(value)
    except (TypeError, ValueError):
        raise InvalidOperation(code, position, **params) from None


def _money(value, position: int) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (BadDecimal, ValueError):
        raise InvalidOperation("bad_amount", position) from None
    if not amount.is_finite() or amount < 0:
        raise InvalidOperation("bad_amount", position)
    return amount


@dataclass
class _Draft:
    tasks: dict  # id -> schedule.Task, in plan order
    links: dict  # (predecessor, successor) -> schedule.Dependency
    task_phase: dict
    lines: dict
    requirements: dict
    known_phases: set = field(default_factory=set)
    changed_requirements: list = field(default_factory=list)
    added: int = 0
    added_lines: int = 0

    def task(self, task_id, position: int) -> schedule.Task:
        found = self.tasks.get(task_id)
        if found is None:
            raise InvalidOperation("unknown_task", position, task=task_id)
        return found


def _duration(value, position: int, task) -> int:
    duration = _int(value, "bad_duration", position, task=task)
    if duration < 0:
        raise InvalidOperation("negative_duration", position, task=task)
    if duration > MAX_DURATION:
        raise InvalidOperation("duration_too_long", position, task=task, most=MAX_DURATION)
    return duration


def _constraint(params: Mapping, position: int, task) -> schedule.Constraint | None:
    kind, day = params.get("constraint_type") or "", params.get("constraint_date")
    if not kind:
        return None
    try:
        return schedule.Constraint(schedule.ConstraintType(kind), date.fromisoformat(str(day)))
    except ValueError:
        raise InvalidOperation("bad_constraint", position, task=task) from None


def _link_ends(draft: _Draft, params: Mapping, position: int) -> tuple[int, int]:
    p = _int(params.get("predecessor_id"), "unknown_task", position, task="?")
    s = _int(params.get("successor_id"), "unknown_task", position, task="?")
    draft.task(p, position), draft.task(s, position)
    if p == s:
        raise InvalidOperation("self_link", position, task=draft.tasks[p].name)
    return p, s


def _lag(value, position: int) -> int:
    lag = _int(value or 0, "bad_lag", position)
    if not -MAX_LAG <= lag <= MAX_LAG:
        raise InvalidOperation("bad_lag", position)
    return lag


def _apply_plan_op(draft: _Draft, op: Operation, i: int) -> None:
    params = op.params
    if op.kind == "task_change":
        task = draft.task(op.target, i)
        changes = {}
        if params.get("duration") not in (None, ""):
            changes["duration"] = _duration(params["duration"], i, task.name)
        if "constraint_type" in params:
            changes["constraint"] = _constraint(params, i, task.name)
        if not changes:
            raise InvalidOperation("nothing_changed", i, task=task.name)
        draft.tasks[task.id] = dataclasses.replace(task, **changes)
    elif op.kind == "milestone_move":
        task = draft.task(op.target, i)
        if task.duration != 0:
            raise InvalidOperation("not_milestone", i, task=task.name)
        moved = _constraint({"constraint_type": "MSO", "constraint_date": params.get("date")},
                            i, task.name)
        draft.tasks[task.id] = dataclasses.replace(task, constraint=moved)
    elif op.kind in ("lag_change", "link_remove"):
        ends = _link_ends(draft, params, i)
        if ends not in draft.links:
            raise InvalidOperation("link_missing", i, predecessor=draft.tasks[ends[0]].name,
                                   successor=draft.tasks[ends[1]].name)
        if op.kind == "link_remove":
            del draft.links[ends]
        else:
            draft.links[ends] = draft.links[ends]._replace(lag=_lag(params.get("lag"), i))
    elif op.kind == "link_add":
        ends = _link_ends(draft, params, i)
        if ends in draft.links or ends[::-1] in draft.links:
            raise InvalidOperation("link_exists", i, predecessor=draft.tasks[ends[0]].name,
                                   successor=draft.tasks[ends[1]].name)
        try:
            kind = schedule.LinkType(params.get("type") or "FS")
        except ValueError:
            raise InvalidOperation("bad_link_type", i) from None
        draft.links[ends] = schedule.Dependency(*ends, kind, _lag(params.get("lag"), i))
    elif op.kind == "task_add":
        _add_task(draft, op, i)
    elif op.kind == "task_remove":
        task = draft.task(op.target, i)
        del draft.tasks[task.id]
        draft.task_phase.pop(task.id, None)
        for ends in [e for e in draft.links if task.id in e]:
            del draft.links[ends]


def _add_task(draft: _Draft, op: Operation, i: int) -> None:
    params = op.params
    name = str(params.get("name") or "").strip()
    if not name:
        raise InvalidOperation("task_needs_name", i)
    phase = _int(params.get("phase_id"), "unknown_phase", i)
    if phase not in set(draft.task_phase.values()) | draft.known_phases:
        raise InvalidOperation("unknown_phase", i)
    draft.added += 1
    new_id = f"new{draft.added}"
    draft.tasks[new_id] = schedule.Task(new_id, _duration(params.get("duration"), i, name),
                                        name=name)
    draft.task_phase[new_id] = phase
    for end, key in (("predecessor", "predecessor_id"), ("successor", "successor_id")):
        if params.get(key) in (None, ""):
            continue
        other = _int(params[key], "unknown_task", i, task=params[key])
        draft.task(other, i)
        ends = (other, new_id) if end == "predecessor" else (new_id, other)
        draft.links[ends] = schedule.Dependency(*ends, schedule.LinkType.FS, 0)


def _add_line(draft: _Draft, op: Operation, i: int) -> None:
    params = op.params
    name = str(params.get("name") or "").strip()
    if not name:
        raise InvalidOperation("line_needs_name", i)
    if params.get("category") not in LINE_CATEGORIES:
        raise InvalidOperation("unknown_category", i)
    year = _int(params.get("fiscal_year"), "bad_period", i)
    quarter = _int(params.get("quarter"), "bad_period", i)
    if not 1990 <= year <= 2100 or not 1 <= quarter <= 4:
        raise InvalidOperation("bad_period", i)
    draft.added_lines += 1
    new_id = f"new-line{draft.added_lines}"
    draft.lines[new_id] = Line(new_id, "", name, params["category"],
                               _money(params.get("amount"), i))


def _apply_money_op(draft: _Draft, op: Operation, i: int) -> None:
    if op.kind == "line_add":
        _add_line(draft, op, i)
        return
    line = draft.lines.get(op.target)
    if line is None:
        raise InvalidOperation("unknown_line", i, line=op.target)
    if op.kind == "line_remove":
        if line.has_costs:
            raise InvalidOperation("line_has_costs", i, line=line.code)
        del draft.lines[line.id]
        return
    amount = _money(op.params.get("amount"), i)
    if op.kind == "budget_change":
        draft.lines[line.id] = dataclasses.replace(line, planned=amount)
        return
    if line.category != CONTINGENCY:
        raise InvalidOperation("not_contingency", i, line=line.code)
    to = draft.lines.get(_int(op.params.get("to_line_id"), "unknown_line", i, line="?"))
    if to is None or to.id == line.id:
        raise InvalidOperation("unknown_line", i, line=op.params.get("to_line_id"))
    if amount == 0 or amount > line.planned:
        raise InvalidOperation("draw_exceeds", i, line=line.code, available=line.planned)
    draft.lines[line.id] = dataclasses.replace(line, planned=line.planned - amount)
    draft.lines[to.id] = dataclasses.replace(to, planned=to.planned + amount)


def _apply_requirement_op(draft: _Draft, op: Operation, i: int) -> None:
    found = draft.requirements.get(op.target)
    if found is None:
        raise InvalidOperation("unknown_requirement", i, requirement=op.target)
    if not str(op.params.get("title") or "").strip():
        raise InvalidOperation("requirement_needs_title", i, requirement=found.code)
    draft.changed_requirements.append(found)


def apply(state: State, operations: Sequence[Operation]) -> tuple[schedule.PlanInput, _Draft]:
    """The plan input and figures after the operations; InvalidOperation names the bad one."""
    plan = state.plan
    draft = _Draft({t.id: t for t in plan.tasks},
                   {(d.predecessor, d.successor): d for d in plan.dependencies},
                   dict(state.task_phase), {x.id: x for x in state.lines},
                   {r.id: r for r in state.requirements}, {p.id for p in state.phases})
    for i, op in enumerate(operations):
        if op.kind in PLAN_KINDS:
            _apply_plan_op(draft, op, i)
        elif op.kind in MONEY_KINDS:
            _apply_money_op(draft, op, i)
        elif op.kind == "requirement_change":
            _apply_requirement_op(draft, op, i)
        else:
            raise InvalidOperation("unknown_kind", i, kind=op.kind)
    after = dataclasses.replace(plan, tasks=tuple(draft.tasks.values()),
                                dependencies=tuple(draft.links.values()))
    return after, draft
