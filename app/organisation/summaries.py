"""What the governance health scorecard reads from the organisation: the sponsor's and each
steering member's attendance, open actions and (from doc_service) the governing documents.
Plain dataclasses; `service` re-exports these functions."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.accounts.models import Membership
from app.core.permissions import Role
from app.extensions import db
from app.organisation import attendance
from app.organisation.models import Meeting, MeetingAttendance
from app.organisation.service import actions, members
from app.projects.models import Project


def attendance_marks(project: Project, group: str = "steering", since: date | None = None):
    query = sa.select(MeetingAttendance).join(Meeting).where(
        Meeting.project_id == project.id, Meeting.group == group,
        Meeting.status.in_(("held", "approved")))
    if since is not None:
        query = query.where(Meeting.held_on >= since)
    return [attendance.Mark(a.member_id, a.status)
            for a in db.session.execute(query).scalars()]


@dataclass(frozen=True)
class MemberAttendance:
    member_id: int
    name: str
    role: str
    is_sponsor: bool
    held: int
    attended: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.attended / self.held if self.held else None


@dataclass(frozen=True)
class AttendanceSummary:
    meetings_held: int
    sponsor: MemberAttendance | None
    members: tuple[MemberAttendance, ...]


def _sponsor_ids(project: Project) -> set[int]:
    return set(db.session.execute(sa.select(Membership.user_id).where(
        Membership.project_id == project.id, Membership.role == Role.SPONSOR.value)).scalars())


def attendance_summary(project: Project, since: date | None = None) -> AttendanceSummary:
    """The sponsor's and each steering member's held meetings and meetings attended."""
    held = db.session.execute(sa.select(sa.func.count()).select_from(Meeting).where(
        Meeting.project_id == project.id, Meeting.group == "steering",
        Meeting.status.in_(("held", "approved")),
        *([Meeting.held_on >= since] if since else []))).scalar_one()
    found = attendance.rates(attendance_marks(project, "steering", since))
    sponsors = _sponsor_ids(project)
    rows = []
    for member in members(project, "steering", active_only=False):
        rate = found.get(member.id, attendance.Rate(member.id, 0, 0, 0))
        if member.active or rate.held:
            rows.append(MemberAttendance(member.id, member.name, member.role,
                                         member.user_id in sponsors, rate.held, rate.attended))
    sponsor = next((r for r in rows if r.is_sponsor), None)
    return AttendanceSummary(held, sponsor, tuple(rows))


@dataclass(frozen=True)
class OpenAction:
    code: str
    text: str
    owner: str
    due_on: date | None
    overdue: bool
    meeting_code: str


def open_actions(project: Project, today: date | None = None) -> list[OpenAction]:
    today = today or date.today()
    return [OpenAction(a.code, a.text, a.owner.name, a.due_on, a.overdue(today),
                       a.meeting.code) for a in actions(project, "open", today=today)]
