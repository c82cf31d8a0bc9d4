"""Write a plan as Microsoft Project XML (MSPDI) that Project, ProjectLibre and GanttProject read.

Days are written as 08:00-17:00 with a lunch hour on a standard calendar of the plan's working
weekdays; holidays are calendar exceptions. Reading the result with `mspdi.parse` gives back the
same tasks, links, calendar, progress and baseline (the round trip the tests check).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from decimal import Decimal

from app.planning.mspdi import CONSTRAINT_CODES, LINK_CODES, NS, MspdiPlan, MspdiTask

DAY_START, DAY_END = time(8), time(17)
MINUTES_PER_DAY = 480
_WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))


def export(plan: MspdiPlan) -> bytes:
    """The plan as an MSPDI document (UTF-8 bytes with an XML declaration)."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}Project")
    _add(root, "SaveVersion", "14")
    _add(root, "Name", plan.name)
    _add(root, "Title", plan.name)
    _add(root, "ScheduleFromStart", "1")
    _add(root, "StartDate", _at(plan.start_date, DAY_START))
    if plan.status_date:
        _add(root, "StatusDate", _at(plan.status_date, DAY_END))
    _add(root, "CalendarUID", "1")
    _add(root, "DefaultStartTime", "08:00:00")
    _add(root, "DefaultFinishTime", "17:00:00")
    _add(root, "MinutesPerDay", str(MINUTES_PER_DAY))
    _add(root, "MinutesPerWeek", str(MINUTES_PER_DAY * len(plan.working_weekdays)))
    _calendar(ET.SubElement(root, f"{{{NS}}}Calendars"), plan)
    tasks = ET.SubElement(root, f"{{{NS}}}Tasks")
    _project_summary(tasks, plan)
    links_into: dict[int, list] = {}
    for link in plan.links:
        links_into.setdefault(link.successor_uid, []).append(link)
    for number, task in enumerate(plan.tasks, start=1):
        _task(tasks, number, task, links_into.get(task.uid, ()))
    ET.indent(root, space="\t")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{NS}}}{tag}")
    child.text = text
    return child


def _at(day: date, at: time) -> str:
    return datetime.combine(day, at).isoformat(timespec="seconds")


def _duration(days: int) -> str:
    return f"PT{days * MINUTES_PER_DAY // 60}H0M0S"


def _calendar(parent: ET.Element, plan: MspdiPlan) -> None:
    cal = ET.SubElement(parent, f"{{{NS}}}Calendar")
    _add(cal, "UID", "1")
    _add(cal, "Name", "Standard")
    _add(cal, "IsBaseCalendar", "1")
    _add(cal, "BaseCalendarUID", "-1")
    weekdays = ET.SubElement(cal, f"{{{NS}}}WeekDays")
    for day_type in range(1, 8):  # Sunday = 1
        working = (day_type + 5) % 7 in plan.working_weekdays
        day = ET.SubElement(weekdays, f"{{{NS}}}WeekDay")
        _add(day, "DayType", str(day_type))
        _add(day, "DayWorking", "1" if working else "0")
        if working:
            times = ET.SubElement(day, f"{{{NS}}}WorkingTimes")
            for start, end in _WORKING_TIMES:
                span = ET.SubElement(times, f"{{{NS}}}WorkingTime")
                _add(span, "FromTime", start)
                _add(span, "ToTime", end)
    for holiday in sorted(plan.holidays):
        day = ET.SubElement(weekdays, f"{{{NS}}}WeekDay")
        _add(day, "DayType", "0")
        _add(day, "DayWorking", "0")
        period = ET.SubElement(day, f"{{{NS}}}TimePeriod")
        _add(period, "FromDate", _at(holiday, time(0)))
        _add(period, "ToDate", _at(holiday, time(23, 59)))


def _project_summary(parent: ET.Element, plan: MspdiPlan) -> None:
    summary = ET.SubElement(parent, f"{{{NS}}}Task")
    _add(summary, "UID", "0")
    _add(summary, "ID", "0")
    _add(summary, "Name", plan.name)
    _add(summary, "OutlineLevel", "0")
    _add(summary, "Summary", "1")


def _task(parent: ET.Element, number: int, task: MspdiTask, links) -> None:
    e = ET.SubElement(parent, f"{{{NS}}}Task")
    _add(e, "UID", str(task.uid))
    _add(e, "ID", str(number))
    _add(e, "Name", task.name)
    _add(e, "Manual", "0")
    _add(e, "OutlineLevel", str(task.outline_level))
    if task.start and task.finish:
        _add(e, "Start", _at(task.start, DAY_START))
        _add(e, "Finish", _at(task.finish, DAY_START if task.milestone else DAY_END))
    _add(e, "Duration", _duration(task.duration))
    _add(e, "DurationFormat", "7")
    _add(e, "Milestone", "1" if task.milestone else "0")
    _add(e, "Summary", "1" if task.summary else "0")
    _add(e, "PercentComplete", str(task.percent_complete))
    _add(e, "Cost", _money(task.cost))
    _add(e, "ActualCost", _money(task.actual_cost))
    if task.actual_start:
        _add(e, "ActualStart", _at(task.actual_start, DAY_START))
    if task.actual_finish:
        _add(e, "ActualFinish", _at(task.actual_finish, DAY_END))
    if task.constraint is None:
        _add(e, "ConstraintType", "0")
    else:
        kind = task.constraint.type
        _add(e, "ConstraintType", CONSTRAINT_CODES[kind])
        at = DAY_END if CONSTRAINT_CODES[kind] in ("3", "6", "7") else DAY_START
        _add(e, "ConstraintDate", _at(task.constraint.date, at))
    _add(e, "CalendarUID", "-1")
    for link in links:
        x = ET.SubElement(e, f"{{{NS}}}PredecessorLink")
        _add(x, "PredecessorUID", str(link.predecessor_uid))
        _add(x, "Type", LINK_CODES[link.type])
        _add(x, "CrossProject", "0")
        _add(x, "LinkLag", str(link.lag * MINUTES_PER_DAY * 10))  # tenths of a minute
        _add(x, "LagFormat", "7")
    if task.baseline_start or task.baseline_cost is not None:
        b = ET.SubElement(e, f"{{{NS}}}Baseline")
        _add(b, "Number", "0")
        if task.baseline_start and task.baseline_finish:
            _add(b, "Start", _at(task.baseline_start, DAY_START))
            _add(b, "Finish", _at(task.baseline_finish, DAY_END))
        if task.baseline_duration is not None:
            _add(b, "Duration", _duration(task.baseline_duration))
        if task.baseline_cost is not None:
            _add(b, "Cost", _money(task.baseline_cost))


def _money(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"
