"""Requirement rules as plain computations: content hash, sign-off completeness, baseline
comparison, volatility and traceability flags (no Flask, no SQLAlchemy)."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

STATUSES = ("draft", "in_review", "signed_off", "superseded", "withdrawn")
CLOSED = frozenset({"superseded", "withdrawn"})
KINDS = ("functional", "data", "integration", "reporting", "non_functional")
PRIORITIES = ("must", "should", "could", "wont")
DEPARTMENTS = ("sales", "marketing", "customer_service", "it", "finance", "other")
MUST_HAVE = PRIORITIES[0]  # the top priority: a requirement the CRM cannot go live without
CONTENT_FIELDS = ("code", "number", "title", "description", "kind", "priority", "department",
                  "acceptance_criteria", "objectives")


def content_sha256(content: Mapping) -> str:
    """SHA-256 of a version's content: canonical JSON (sorted keys, UTF-8) of the signed fields."""
    missing = [f for f in CONTENT_FIELDS if f not in content]
    if missing:
        raise ValueError(f"content lacks {missing}")
    body = {f: content[f] for f in CONTENT_FIELDS}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_must_have(priority: str) -> bool:
    return priority == MUST_HAVE


# --- Sign-off ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignerSlot:
    """One required signature: a person, what they sign as, and for which department (None:
    for every requirement)."""

    user_id: int
    capacity: str
    department: str | None = None


@dataclass(frozen=True)
class Signoff:
    required: tuple[int, ...]  # user ids, in slot order
    signed: tuple[int, ...]
    missing: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return bool(self.required) and not self.missing


def required_slots(slots: Iterable[SignerSlot], department: str) -> list[SignerSlot]:
    """The slots that apply to a requirement raised by `department`."""
    return [s for s in slots if s.department in (None, department)]


def signoff_state(slots: Iterable[SignerSlot], department: str,
                  signed_user_ids: Iterable[int]) -> Signoff:
    """Who must sign, who has, who is missing; complete only when someone is required and every
    required person signed (one signature covers all the slots a person holds)."""
    required: list[int] = []
    for slot in required_slots(slots, department):
        if slot.user_id not in required:
            required.append(slot.user_id)
    signed = set(signed_user_ids)
    return Signoff(tuple(required), tuple(u for u in required if u in signed),
                   tuple(u for u in required if u not in signed))


# --- Baselines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineEntry:
    requirement_id: int
    code: str
    version_number: int
    content_sha256: str
    title: str = ""


@dataclass(frozen=True)
class BaselineComparison:
    added: tuple[BaselineEntry, ...]
    removed: tuple[BaselineEntry, ...]
    changed: tuple[tuple[BaselineEntry, BaselineEntry], ...]  # (in old, in new)
    unchanged: tuple[BaselineEntry, ...]

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_baselines(old: Iterable[BaselineEntry],
                      new: Iterable[BaselineEntry]) -> BaselineComparison:
    """What the newer baseline adds, drops and changes (another version or other content)."""
    before = {e.requirement_id: e for e in old}
    after = {e.requirement_id: e for e in new}

    def ordered(entries):
        return tuple(sorted(entries, key=lambda e: e.code))

    common = before.keys() & after.keys()
    changed = {i for i in common
               if (before[i].version_number, before[i].content_sha256)
               != (after[i].version_number, after[i].content_sha256)}
    return BaselineComparison(
        added=ordered(after[i] for i in after.keys() - before.keys()),
        removed=ordered(before[i] for i in before.keys() - after.keys()),
        changed=tuple(sorted(((before[i], after[i]) for i in changed),
                             key=lambda pair: pair[1].code)),
        unchanged=ordered(after[i] for i in common - changed),
    )


# --- Volatility -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionEvent:
    """A requirement version was written on `on`: number 1 adds a requirement, later numbers
    change one."""

    on: date
    number: int


@dataclass(frozen=True)
class MonthChanges:
    month: date  # first day of the month
    added: int
    changed: int

    @property
    def total(self) -> int:
        return self.added + self.changed


@dataclass(frozen=True)
class Volatility:
    since: date | None
    months: tuple[MonthChanges, ...]
    baseline_size: int

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)

    @property
    def per_month(self) -> float:
        return self.total / len(self.months) if self.months else 0.0

    @property
    def percent_of_baseline(self) -> float | None:
        """Changes after the first baseline as a share of the requirements it froze."""
        return 100 * self.total / self.baseline_size if self.baseline_size else None


def _month(day: date) -> date:
    return day.replace(day=1)


def _months(first: date, last: date) -> list[date]:
    months, current = [], _month(first)
    while current <= _month(last):
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def volatility(events: Iterable[VersionEvent], first_baseline_on: date | None,
               baseline_size: int, today: date) -> Volatility:
    """Versions written after the first baseline (the day it was taken counts as after), per
    month from that baseline's month to today's: requirements added and requirements changed."""
    if first_baseline_on is None:
        return Volatility(None, (), 0)
    counts: dict[date, list[int]] = {m: [0, 0] for m in _months(first_baseline_on, today)}
    for event in events:
        if event.on < first_baseline_on or _month(event.on) not in counts:
            continue
        counts[_month(event.on)][0 if event.number == 1 else 1] += 1
    months = tuple(MonthChanges(m, a, c) for m, (a, c) in sorted(counts.items()))
    return Volatility(first_baseline_on, months, baseline_size)


# --- Traceability -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TraceItem:
    id: int
    code: str
    active: bool = True  # withdrawn and superseded requirements serve nothing any more


@dataclass(frozen=True)
class Trace:
    links: frozenset[tuple[int, int]]  # (requirement id, objective id), active requirements only
    requirements_serving_nothing: tuple[TraceItem, ...]  # scope creep
    objectives_unserved: tuple[TraceItem, ...]

    def serves(self, requirement_id: int, objective_id: int) -> bool:
        return (requirement_id, objective_id) in self.links


def trace(requirements: Iterable[TraceItem], objectives: Iterable[TraceItem],
          links: Iterable[tuple[int, int]]) -> Trace:
    """Flag active requirements that serve no objective and objectives no active requirement
    serves."""
    requirements, objectives = list(requirements), list(objectives)
    active = {r.id for r in requirements if r.active}
    known = {o.id for o in objectives}
    kept = frozenset((r, o) for r, o in links if r in active and o in known)
    serving = {r for r, _ in kept}
    served = {o for _, o in kept}
    return Trace(
        links=kept,
        requirements_serving_nothing=tuple(r for r in requirements
                                           if r.active and r.id not in serving),
        objectives_unserved=tuple(o for o in objectives if o.id not in served),
    )
