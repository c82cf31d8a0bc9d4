"""Microsoft Project XML (MSPDI) import and export, at the day granularity Steerco schedules in.

Reading notes: durations are ISO 8601 working time (`PT16H0M0S`); `LinkLag` is in tenths of a
minute; link `Type` is 0 FF, 1 FS, 2 SF, 3 SS; a Finish at the first working minute of a day
means the task ended at the close of the previous working day. Whatever Steerco does not model
is listed in `MspdiPlan.notes`; tasks whose dates it therefore cannot reproduce are named in
`MspdiPlan.exempt` with the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from app.planning.calendar import WorkingCalendar
from app.planning.schedule import Constraint, ConstraintType, Dependency, LinkType, PlanInput, Task

NS = "http://schemas.microsoft.com/project"
MAX_BYTES = 20 * 1024 * 1024
LINK_TYPES = {"0": LinkType.FF, "1": LinkType.FS, "2": LinkType.SF, "3": LinkType.SS}
LINK_CODES = {kind: code for code, kind in LINK_TYPES.items()}
CONSTRAINTS = {
    "2": ConstraintType.MUST_START_ON, "3": ConstraintType.MUST_FINISH_ON,
    "4": ConstraintType.START_NO_EARLIER_THAN, "5": ConstraintType.START_NO_LATER_THAN,
    "6": ConstraintType.FINISH_NO_EARLIER_THAN, "7": ConstraintType.FINISH_NO_LATER_THAN,
}
CONSTRAINT_CODES = {kind: code for code, kind in CONSTRAINTS.items()}
ELAPSED_LAG_FORMATS = {"4", "6", "8", "10", "12", "36", "38", "40", "42", "44"}
PERCENT_LAG_FORMATS = {"19", "20", "51", "52", "53"}
_DURATION = re.compile(r"^-?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?"
                       r"(?:(\d+(?:\.\d+)?)S)?$")


class MspdiError(ValueError):
    """The file is not a Microsoft Project XML file Steerco can read; the message says why."""


@dataclass(frozen=True)
class MspdiTask:
    uid: int
    name: str
    outline_level: int
    summary: bool = False
    duration: int = 0  # working days
    milestone: bool = False
    start: date | None = None  # as scheduled in the file, day granularity
    finish: date | None = None  # last working day, inclusive
    constraint: Constraint | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    cost: Decimal = Decimal(0)
    actual_cost: Decimal = Decimal(0)
    baseline_start: date | None = None
    baseline_finish: date | None = None
    baseline_duration: int | None = None
    baseline_cost: Decimal | None = None
    parent_uid: int | None = None  # the nearest summary task above it


@dataclass(frozen=True)
class MspdiLink:
    predecessor_uid: int
    successor_uid: int
    type: LinkType = LinkType.FS
    lag: int = 0  # working days


@dataclass(frozen=True)
class MspdiPlan:
    name: str
    start_date: date
    status_date: date | None
    working_weekdays: frozenset[int]
    holidays: frozenset[date]
    tasks: tuple[MspdiTask, ...]
    links: tuple[MspdiLink, ...]
    notes: tuple[str, ...] = ()
    exempt: dict[int, str] = field(default_factory=dict)

    @property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.working_weekdays, self.holidays)


def plan_input(plan: MspdiPlan, status_date: date | None = None) -> PlanInput:
    """The schedulable part of an imported plan (summary tasks are phases, not scheduled)."""
    tasks = tuple(
        Task(t.uid, t.duration, t.constraint, t.percent_complete, t.actual_start,
             t.actual_finish, t.name)
        for t in plan.tasks if not t.summary
    )
    deps = tuple(Dependency(k.predecessor_uid, k.successor_uid, k.type, k.lag)
                 for k in plan.links)
    return PlanInput(tasks, deps, plan.calendar, plan.start_date,
                     status_date or plan.status_date)


# -- reading -----------------------------------------------------------------------------------


def parse(data: bytes) -> MspdiPlan:
    """Read an MSPDI document; raises MspdiError with a message fit for the user."""
    root = _root(data)
    return _Reader(root).plan()


def _root(data: bytes) -> ET.Element:
    if len(data) > MAX_BYTES:
        raise MspdiError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    # No DTDs: they are how entity-expansion and external-entity attacks get in, and MSPDI
    # never needs one. Checked on the bytes with NULs removed so UTF-16 files are covered too.
    head = data.replace(b"\x00", b"").lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise MspdiError("the file declares a DOCTYPE or entities, which are not accepted")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MspdiError(f"not well-formed XML ({exc})") from None
    if root.tag != f"{{{NS}}}Project":
        raise MspdiError("not a Microsoft Project XML file (the root element is not "
                         "<Project> in the MSPDI namespace)")
    return root


def _q(path: str) -> str:
    return "/".join(f"{{{NS}}}{part}" for part in path.split("/"))


class _Reader:
    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.notes: list[str] = []
        self.exempt: dict[int, str] = {}
        self.calendars = {c.findtext(_q("UID")): c for c in root.iterfind(_q("Calendars/Calendar"))}
        self.calendar_uid = root.findtext(_q("CalendarUID")) or "1"
        project_calendar = self.calendars.get(self.calendar_uid)
        self.weekdays, self.day_start, self.day_end, self.minutes_per_day = self._week(
            project_calendar)
        self.holidays = self._holidays(project_calendar)

    def text(self, element: ET.Element, path: str, default: str = "") -> str:
        value = element.findtext(_q(path))
        return default if value is None else value.strip()

    def plan(self) -> MspdiPlan:
        start = _datetime(self.text(self.root, "StartDate"), "StartDate")
        if start is None:
            raise MspdiError("the project has no StartDate")
        status = _datetime(self.text(self.root, "StatusDate"), "StatusDate")
        tasks, links = self._tasks()
        self._resource_calendars({t.uid for t in tasks})
        self._propagate_exemptions(links)
        return MspdiPlan(
            name=self.text(self.root, "Title") or self.text(self.root, "Name") or "Imported plan",
            start_date=start.date(), status_date=status.date() if status else None,
            working_weekdays=self.weekdays, holidays=self.holidays, tasks=tuple(tasks),
            links=tuple(links), notes=tuple(self.notes), exempt=self.exempt,
        )

    # -- calendar ----------------------------------------------------------------------------

    def _week(self, cal: ET.Element | None) -> tuple[frozenset[int], time, time, int]:
        default_start = _time(self.text(self.root, "DefaultStartTime", "08:00:00"))
        default_end = _time(self.text(self.root, "DefaultFinishTime", "17:00:00"))
        minutes = int(self.text(self.root, "MinutesPerDay", "480") or 480)
        if cal is None:
            return frozenset(range(5)), default_start, default_end, minutes
        weekdays, spans = set(), []
        for day in cal.iterfind(_q("WeekDays/WeekDay")):
            kind = self.text(day, "DayType")
            if kind in {"1", "2", "3", "4", "5", "6", "7"} and self.text(day, "DayWorking") == "1":
                weekdays.add((int(kind) + 5) % 7)  # MSPDI counts from Sunday = 1
                spans = spans or [(_time(self.text(w, "FromTime")), _time(self.text(w, "ToTime")))
                                  for w in day.iterfind(_q("WorkingTimes/WorkingTime"))]
        if not weekdays:
            weekdays = set(range(5))
        if spans:
            minutes = sum(_minutes(b) - _minutes(a) for a, b in spans)
            return frozenset(weekdays), spans[0][0], spans[-1][1], minutes
        return frozenset(weekdays), default_start, default_end, minutes

    def _holidays(self, cal: ET.Element | None) -> frozenset[date]:
        if cal is None:
            return frozenset()
        holidays: set[date] = set()
        ranges = [d for d in cal.iterfind(_q("WeekDays/WeekDay")) if self.text(d, "DayType") == "0"]
        if not ranges and cal.find(_q("Exceptions")) is not None:
            ranges = self._plain_exceptions(cal)
        for entry in ranges:
            first = _datetime(self.text(entry, "TimePeriod/FromDate"), "FromDate")
            last = _datetime(self.text(entry, "TimePeriod/ToDate"), "ToDate")
            if first is None or last is None:
                continue
            day = first.date()
            while day <= last.date():
                if self.text(entry, "DayWorking") == "0" and day.weekday() in self.weekdays:
                    holidays.add(day)
                elif self.text(entry, "DayWorking") == "1" and day.weekday() not in self.weekdays:
                    self.notes.append(f"calendar: extra working day {day} is not supported "
                                      "(Steerco calendars have working weekdays and holidays)")
                day += timedelta(days=1)
        return frozenset(holidays)

    def _plain_exceptions(self, cal: ET.Element) -> list[ET.Element]:
        plain = []
        for exc in cal.iterfind(_q("Exceptions/Exception")):
            if self.text(exc, "Type", "1") == "1" and self.text(exc, "Period", "1") == "1":
                plain.append(exc)
            else:
                name = self.text(exc, "Name") or "unnamed"
                self.notes.append(f"calendar: recurring exception {name!r} is not supported")
        return plain

    def _differs(self, uid: str, seen: frozenset[str] = frozenset()) -> bool:
        """Whether a task or resource calendar's working time differs from the project's."""
        if uid in ("-1", "", self.calendar_uid) or uid in seen:
            return False
        cal = self.calendars.get(uid)
        if cal is None or cal.find(_q("WeekDays/WeekDay")) is not None:
            return cal is not None
        base = self.text(cal, "BaseCalendarUID", "-1")
        return base in ("-1", "0") or self._differs(base, seen | {uid})

    def _resource_calendars(self, task_uids: set[int]) -> None:
        resources = {self.text(r, "UID"): r for r in self.root.iterfind(_q("Resources/Resource"))}
        for assignment in self.root.iterfind(_q("Assignments/Assignment")):
            uid = _int(self.text(assignment, "TaskUID"), -1)
            resource = resources.get(self.text(assignment, "ResourceUID"))
            if uid in task_uids and resource is not None and self._differs(
                self.text(resource, "CalendarUID", "-1")
            ):
                name = self.text(resource, "Name") or "a resource"
                self._exempt(uid, f"assigned to {name}, whose calendar Steerco does not model")

    # -- tasks -------------------------------------------------------------------------------

    def _tasks(self) -> tuple[list[MspdiTask], list[MspdiLink]]:
        tasks: list[MspdiTask] = []
        raw_links: list[tuple[int, ET.Element]] = []
        parents: list[tuple[int, int]] = []  # (outline level, uid) of open summary tasks
        for element in self.root.iterfind(_q("Tasks/Task")):
            level = _int(self.text(element, "OutlineLevel"), 1)
            if level == 0 or self.text(element, "IsNull") == "1":
                continue  # the project summary task, or a blank row
            uid = _int(self.text(element, "UID"), None)
            if uid is None:
                raise MspdiError("a task has no UID")
            while parents and parents[-1][0] >= level:
                parents.pop()
            task = self._task(element, uid, level, parents[-1][1] if parents else None)
            if task.summary:
                parents.append((level, uid))
            tasks.append(task)
            raw_links.extend((uid, link) for link in element.iterfind(_q("PredecessorLink")))
        return tasks, self._links(tasks, raw_links)

    def _task(self, e: ET.Element, uid: int, level: int, parent: int | None) -> MspdiTask:
        name = self.text(e, "Name") or f"Task {uid}"
        summary = self.text(e, "Summary") == "1"
        minutes = _duration_minutes(self.text(e, "Duration", "PT0H0M0S"))
        days = self._days(minutes, uid, name, "duration")
        start_at = _datetime(self.text(e, "Start"), "Start")
        finish_at = _datetime(self.text(e, "Finish"), "Finish")
        milestone = self.text(e, "Milestone") == "1" or (days == 0 and not summary)
        if milestone and days:
            self.notes.append(f"task {uid} {name!r}: a milestone with a duration is imported "
                              f"as a task of {days} day(s)")
            milestone = False
        if not summary:
            self._check_task(e, uid, name, start_at, finish_at, milestone)
        baseline = self._baseline(e, uid, name)
        return MspdiTask(
            uid=uid, name=name[:200], outline_level=level, summary=summary, duration=days,
            milestone=milestone,
            start=start_at.date() if milestone and start_at else self._start_day(start_at),
            finish=(start_at.date() if milestone and start_at else self._finish_day(finish_at)),
            constraint=self._constraint(e, uid, name),
            percent_complete=max(0, min(100, _int(self.text(e, "PercentComplete"), 0))),
            actual_start=_day(self.text(e, "ActualStart")),
            actual_finish=self._finish_day(_datetime(self.text(e, "ActualFinish"), "Finish")),
            cost=_money(self.text(e, "Cost")), actual_cost=_money(self.text(e, "ActualCost")),
            parent_uid=parent, **baseline,
        )

    def _check_task(self, e, uid, name, start_at, finish_at, milestone) -> None:
        if self.text(e, "CalendarUID", "-1") not in ("-1", self.calendar_uid) and self._differs(
            self.text(e, "CalendarUID")
        ):
            self._exempt(uid, "has a task calendar of its own, which Steerco does not model")
        if self.text(e, "ConstraintType") == "1":
            self._exempt(uid, "is scheduled as late as possible, which Steerco does not model")
        if self.text(e, "Manual") == "1":
            self.notes.append(f"task {uid} {name!r}: manually scheduled in the file; Steerco "
                              "schedules it from its links")
        if milestone or start_at is None or finish_at is None:
            return
        if start_at.time() not in (self.day_start, self.day_end) or finish_at.time() not in (
            self.day_start, self.day_end
        ):
            self._exempt(uid, f"starts or finishes part-way through a day ({start_at:%H:%M}-"
                              f"{finish_at:%H:%M}): resource or shift calendars drive it")

    def _days(self, minutes: int, uid: int, name: str, what: str) -> int:
        days, rest = divmod(minutes, self.minutes_per_day)
        if rest:
            rounded = days + (1 if 2 * rest >= self.minutes_per_day else 0)
            self._exempt(uid, f"its {what} ({minutes / self.minutes_per_day:.2f} working days) "
                              f"is not whole days; imported as {rounded}")
            return rounded
        return days

    def _start_day(self, at: datetime | None) -> date | None:
        if at is None:
            return None
        if at.time() >= self.day_end:
            return self.calendar.next_working_day(at.date())
        return at.date()

    def _finish_day(self, at: datetime | None) -> date | None:
        if at is None:
            return None
        if at.time() <= self.day_start:
            return self.calendar.previous_working_day(at.date())
        return at.date()

    @property
    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.weekdays, self.holidays)

    def _constraint(self, e: ET.Element, uid: int, name: str) -> Constraint | None:
        kind = CONSTRAINTS.get(self.text(e, "ConstraintType", "0"))
        at = _datetime(self.text(e, "ConstraintDate"), "ConstraintDate")
        if kind is None or at is None:
            return None
        finish_kind = kind in (ConstraintType.FINISH_NO_EARLIER_THAN,
                               ConstraintType.FINISH_NO_LATER_THAN, ConstraintType.MUST_FINISH_ON)
        day = self._finish_day(at) if finish_kind else self._start_day(at)
        return Constraint(kind, day)

    def _baseline(self, e: ET.Element, uid: int, name: str) -> dict:
        found: dict = {}
        for baseline in e.iterfind(_q("Baseline")):
            if self.text(baseline, "Number") != "0":
                number = self.text(baseline, "Number")
                self.notes.append(f"task {uid} {name!r}: baseline {number} is not imported "
                                  "(Steerco imports baseline 0)")
                continue
            minutes = self.text(baseline, "Duration")
            found = {
                "baseline_start": self._start_day(_datetime(self.text(baseline, "Start"),
                                                            "Start")),
                "baseline_finish": self._finish_day(_datetime(self.text(baseline, "Finish"),
                                                              "Finish")),
                "baseline_duration": (
                    round(_duration_minutes(minutes) / self.minutes_per_day) if minutes else None
                ),
                "baseline_cost": _money(self.text(baseline, "Cost")) if self.text(
                    baseline, "Cost") else None,
            }
        return found

    def _links(self, tasks: list[MspdiTask], raw: list[tuple[int, ET.Element]]) -> list:
        by_uid = {t.uid: t for t in tasks}
        links: dict[tuple[int, int], MspdiLink] = {}
        for successor, element in raw:
            predecessor = _int(self.text(element, "PredecessorUID"), -1)
            kind = LINK_TYPES.get(self.text(element, "Type", "1"))
            names = f"link {predecessor} -> {successor}"
            if predecessor not in by_uid or kind is None:
                self.notes.append(f"{names}: unknown task or link type, not imported")
                continue
            if by_uid[predecessor].summary or by_uid[successor].summary:
                self.notes.append(f"{names}: links on summary tasks are not imported")
                self._exempt(successor, "had a link to a summary task, which was not imported")
                continue
            lag_format = self.text(element, "LagFormat", "7")
            lag_minutes = Decimal(self.text(element, "LinkLag", "0") or "0") / 10
            if lag_format in ELAPSED_LAG_FORMATS or lag_format in PERCENT_LAG_FORMATS:
                self.notes.append(f"{names}: elapsed or percentage lag imported as working days")
                self._exempt(successor, "has a lag in elapsed time or percent")
            lag, rest = divmod(int(lag_minutes), self.minutes_per_day)
            if rest:
                self._exempt(successor, "has a lag that is not whole days")
                lag += 1 if 2 * rest >= self.minutes_per_day else 0
            if (predecessor, successor) in links:
                self.notes.append(f"{names}: a second link between the same tasks is not "
                                  "imported (Steerco keeps one link per pair)")
                continue
            links[(predecessor, successor)] = MspdiLink(predecessor, successor, kind, lag)
        return list(links.values())

    def _propagate_exemptions(self, links: list[MspdiLink]) -> None:
        """Successors of a task whose dates Steerco cannot reproduce inherit the doubt."""
        after: dict[int, list[int]] = {}
        for link in links:
            after.setdefault(link.predecessor_uid, []).append(link.successor_uid)
        stack = list(self.exempt)
        while stack:
            uid = stack.pop()
            for successor in after.get(uid, ()):
                if successor not in self.exempt:
                    self.exempt[successor] = f"follows task {uid}, whose dates Steerco cannot " \
                                             "reproduce"
                    stack.append(successor)

    def _exempt(self, uid: int, reason: str) -> None:
        self.exempt.setdefault(uid, reason)


def _int(text: str, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _money(text: str) -> Decimal:
    try:
        value = Decimal(text or "0")
    except InvalidOperation:
        raise MspdiError(f"{text!r} is not an amount of money") from None
    # MSPDI stores cost in hundredths in some versions' currency fields; values here are units.
    return value.quantize(Decimal("0.01")) if value.is_finite() else Decimal(0)


def _datetime(text: str, what: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise MspdiError(f"{what} {text!r} is not a date and time") from None


def _day(text: str) -> date | None:
    at = _datetime(text, "date")
    return at.date() if at else None


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise MspdiError(f"{text!r} is not a time of day") from None


def _minutes(t: time) -> int:
    return 24 * 60 if t == time(0) else t.hour * 60 + t.minute


def _duration_minutes(text: str) -> int:
    match = _DURATION.match(text or "")
    if match is None:
        raise MspdiError(f"duration {text!r} is not an ISO 8601 duration")
    years, months, days, hours, minutes, seconds = (Decimal(g or 0) for g in match.groups())
    if years or months:
        raise MspdiError(f"duration {text!r} uses years or months")
    total = (days * 24 + hours) * 60 + minutes + seconds / 60
    return int(total.to_integral_value())
