"""Live sections drawn from the foundation: the project, its committee, calendar and activity."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import format_date, pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.bulletins.sections import SectionType, register
from app.core import charts
from app.core.audit import AuditLog, type_label
from app.core.permissions import ROLE_LABELS, Role
from app.extensions import db

ACTIVITY_WEEKS = 8
CALENDAR_DAYS = 90


@dataclass(frozen=True)
class Overview:
    name: str
    code: str
    description: str
    start_date: date
    weeks_running: int
    people_by_role: list[tuple[str, int]]


def build_overview(project, as_of: date) -> Overview:
    counts = Counter(db.session.execute(
        sa.select(Membership.role).where(Membership.project_id == project.id)).scalars())
    people = [(str(ROLE_LABELS[role]), counts[role.value]) for role in Role if counts[role.value]]
    weeks = max(0, (as_of - project.start_date).days // 7)
    return Overview(project.name, project.code, project.description or "", project.start_date,
                    weeks, people)


@dataclass(frozen=True)
class Committee:
    members: list[tuple[str, str]] = field(default_factory=list)  # (name, role label)


def build_committee(project, as_of: date) -> Committee:
    rows = db.session.execute(
        sa.select(User.name, Membership.role).join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id,
               Membership.role.in_([Role.SPONSOR.value, Role.STEERING.value]))
        .order_by(Membership.role, User.name)  # "sponsor" sorts before "steering"
    ).all()
    return Committee([(name, str(ROLE_LABELS[Role(role)])) for name, role in rows])


@dataclass(frozen=True)
class Calendar:
    from_day: date
    to_day: date
    working_days: int
    holidays: list[tuple[date, str, str]]  # day, shown date, name


def build_calendar(project, as_of: date) -> Calendar:
    end = as_of + timedelta(days=CALENDAR_DAYS)
    holiday_days = {h.day for h in project.holidays}
    weekdays = set(project.working_weekdays)
    working = sum(1 for n in range(CALENDAR_DAYS + 1)
                  if (d := as_of + timedelta(days=n)).weekday() in weekdays
                  and d not in holiday_days)
    coming = [(h.day, format_date(h.day, "full"), h.name) for h in project.holidays
              if as_of <= h.day <= end]
    return Calendar(as_of, end, working, coming)


@dataclass(frozen=True)
class Activity:
    weeks: list[tuple[date, int]]
    by_type: list[tuple[str, int]]
    total: int
    chart_svg: str


def build_activity(project, as_of: date) -> Activity:
    first = as_of - timedelta(days=as_of.weekday()) - timedelta(weeks=ACTIVITY_WEEKS - 1)
    since = datetime.combine(first, time.min, UTC)
    until = datetime.combine(as_of + timedelta(days=1), time.min, UTC)
    rows = db.session.execute(
        sa.select(AuditLog.at, AuditLog.entity_type)
        .where(AuditLog.project_id == project.id, AuditLog.at >= since, AuditLog.at < until)
    ).all()
    per_week = Counter((at.date() - first).days // 7 for at, _t in rows)
    weeks = [(first + timedelta(weeks=i), per_week[i]) for i in range(ACTIVITY_WEEKS)]
    types = Counter(type_label(t) for _at, t in rows)
    labels = [format_date(day, "MMM d") for day, _n in weeks]
    svg = charts.bar_chart(
        _("Changes to governed records per week"), labels,
        [charts.BarSeries(pgettext("count", "Changes"), tuple(n for _d, n in weeks))]
        if rows else [],
        description=_("Audit trail entries of the project, by week starting on Monday."),
        empty_text=_("No data"), height=240)
    return Activity(weeks, types.most_common(8), len(rows), svg)


register(SectionType(
    "overview", _l("The project at a glance"),
    _l("Name, purpose, how long it has run and how many people take part."),
    build_overview, "bulletins/sections/overview.html"))
register(SectionType(
    "committee", _l("Steering committee"),
    _l("Who sits on the steering committee today."),
    build_committee, "bulletins/sections/committee.html"))
register(SectionType(
    "calendar", _l("Calendar: the next 90 days"),
    _l("Working days and the holidays coming up on the project's calendar."),
    build_calendar, "bulletins/sections/calendar.html"))
register(SectionType(
    "activity", _l("Governance activity"),
    _l("How many governed records changed each week (from the audit trail), with a chart."),
    build_activity, "bulletins/sections/activity.html"))
