"""Organisation operations: group members, meetings, attendance, minutes, decisions, actions;
and the summaries the governance health scorecard reads.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, StaleEdit, check_version
from app.core.numbering import next_number
from app.core.permissions import TEAM, Role, require
from app.extensions import db
from app.organisation import attendance, labels, rules
from app.organisation.models import Action, Decision, GroupMember, Meeting, MeetingAttendance
from app.projects.models import Project
from app.projects.service import role_of
from app.requirements.logic import DEPARTMENTS


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _in_project(model, project: Project, record_id: int):
    record = db.session.get(model, record_id)
    return record if record is not None and record.project_id == project.id else None


def member_in(project: Project, member_id: int) -> GroupMember | None:
    return _in_project(GroupMember, project, member_id)


def meeting_in(project: Project, meeting_id: int) -> Meeting | None:
    return _in_project(Meeting, project, meeting_id)


def action_in(project: Project, action_id: int) -> Action | None:
    return _in_project(Action, project, action_id)


def team_users(project: Project) -> list[User]:
    """Active users of the project team (staff readers sit on no group)."""
    return list(db.session.execute(
        sa.select(User).join(Membership).where(
            Membership.project_id == project.id, User.active,
            Membership.role.in_([r.value for r in TEAM])).order_by(User.name)).scalars())


# --- Groups -----------------------------------------------------------------------------------


def members(project: Project, group: str | None = None, active_only: bool = True):
    query = sa.select(GroupMember).where(GroupMember.project_id == project.id)
    if group:
        query = query.where(GroupMember.group == group)
    if active_only:
        query = query.where(GroupMember.active)
    order = sa.case({r: i for i, r in enumerate(labels.GROUP_ROLES)}, value=GroupMember.role)
    return list(db.session.execute(
        query.order_by(GroupMember.group, order, GroupMember.name)).scalars())


@dataclass(frozen=True)
class MemberData:
    group: str
    user_id: int | None
    name: str
    department: str
    role: str
    title: str = ""


def _check_member(project: Project, data: MemberData, member: GroupMember | None) -> str:
    if data.group not in labels.GROUPS or data.department not in DEPARTMENTS \
            or data.role not in labels.GROUP_ROLES:
        raise DomainError(_l("Choose a group, a department and a role from the lists."))
    name = (data.name or "").strip()
    if data.user_id is not None:
        user = next((u for u in team_users(project) if u.id == data.user_id), None)
        if user is None:
            raise DomainError(_l("Choose a member of the project team, or type a name."))
        name = user.name
        if any(m.user_id == user.id and m.group == data.group and m is not member
               for m in members(project, data.group)):
            raise DomainError(_l("This person already sits in this group."))
    if not name:
        raise DomainError(_l("Choose a project user or type the person's name."))
    if data.role == "chair" and any(m.role == "chair" and m is not member
                                    for m in members(project, data.group)):
        raise DomainError(_l("This group already has a chair."))
    return name


@transactional
def add_member(actor: User | None, project: Project, data: MemberData) -> GroupMember:
    _require(actor, project, "organisation.edit")
    name = _check_member(project, data, None)
    member = GroupMember(project_id=project.id, group=data.group, user_id=data.user_id,
                         name=name, department=data.department, role=data.role,
                         title=(data.title or "").strip())
    db.session.add(member)
    db.session.flush()
    return member


@transactional
def update_member(actor: User | None, project: Project, member: GroupMember, version,
                  data: MemberData) -> GroupMember:
    _require(actor, project, "organisation.edit")
    check_version(member, version)
    if data.group != member.group:
        raise DomainError(_l("A member cannot move to another group: add them there instead."))
    member.name = _check_member(project, data, member)
    member.user_id, member.department = data.user_id, data.department
    member.role, member.title = data.role, (data.title or "").strip()
    return member


@transactional
def retire_member(actor: User | None, project: Project, member: GroupMember,
                  version) -> GroupMember:
    """Leaves the group; past attendance and actions keep naming them."""
    _require(actor, project, "organisation.edit")
    check_version(member, version)
    member.active = False
    return member


# --- Meetings ---------------------------------------------------------------------------------


def meetings(project: Project, group: str | None = None) -> list[Meeting]:
    query = sa.select(Meeting).where(Meeting.project_id == project.id).options(
        sa.orm.selectinload(Meeting.decisions), sa.orm.selectinload(Meeting.actions))
    if group:
        query = query.where(Meeting.group == group)
    return list(db.session.execute(
        query.order_by(Meeting.held_on.desc(), Meeting.number.desc())).scalars())


@dataclass(frozen=True)
class MeetingData:
    group: str
    title: str
    held_on: date
    location: str = ""
    agenda: str = ""
    minutes: str = ""


def _frozen_guard(meeting: Meeting) -> None:
    if meeting.frozen:
        raise DomainError(_l("The minutes of %(code)s are approved: the meeting record is "
                             "frozen.", code=meeting.code))


@transactional
def create_meeting(actor: User | None, project: Project, data: MeetingData) -> Meeting:
    """A planned meeting; every active member of the group is invited."""
    _require(actor, project, "organisation.edit")
    if data.group not in labels.GROUPS or not data.title.strip():
        raise DomainError(_l("Choose a group and give the meeting a title."))
    meeting = Meeting(project_id=project.id, number=next_number(project.id, "meeting"),
                      group=data.group, title=data.title.strip(), held_on=data.held_on,
                      location=data.location.strip(), agenda=data.agenda or "",
                      minutes=data.minutes or "", status="planned")
    db.session.add(meeting)
    for member in members(project, data.group):
        meeting.marks.append(MeetingAttendance(project_id=project.id, member_id=member.id))
    db.session.flush()
    return meeting


@transactional
def update_meeting(actor: User | None, project: Project, meeting: Meeting, version,
                   data: MeetingData) -> Meeting:
    _require(actor, project, "organisation.edit")
    check_version(meeting, version)
    _frozen_guard(meeting)
    if not data.title.strip():
        raise DomainError(_l("Give the meeting a title."))
    meeting.title, meeting.held_on = data.title.strip(), data.held_on
    meeting.location, meeting.agenda = data.location.strip(), data.agenda or ""
    meeting.minutes = data.minutes or ""
    return meeting


@transactional
def record_attendance(actor: User | None, project: Project, meeting: Meeting, version,
                      marks: dict[int, tuple[str, str]]) -> Meeting:
    """Set each invited member's attendance ({member id: (status, delegate name)}); the
    meeting counts as held from then on."""
    _require(actor, project, "organisation.edit")
    check_version(meeting, version)
    _frozen_guard(meeting)
    rows = {m.member_id: m for m in meeting.marks}
    for member_id, (status, delegate) in marks.items():
        if member_id not in rows or status not in attendance.STATUSES:
            raise DomainError(_l("Record attendance only for invited members, with a status "
                                 "from the list."))
        if status == "delegate" and not delegate.strip():
            raise DomainError(_l("Name the delegate who came instead."))
        rows[member_id].status = status
        rows[member_id].delegate_name = delegate.strip() if status == "delegate" else ""
    if all(m.status == "invited" for m in meeting.marks):
        raise DomainError(_l("Record who attended before marking the meeting as held."))
    meeting.status = "held"
    meeting.updated_at = datetime.now(UTC)  # bumps the meeting's version: one form, one record
    return meeting


@transactional
def invite(actor: User | None, project: Project, meeting: Meeting, version,
           member_id: int) -> MeetingAttendance:
    """Invite another member (e.g. from the working group) to this meeting."""
    _require(actor, project, "organisation.edit")
    check_version(meeting, version)
    _frozen_guard(meeting)
    member = member_in(project, member_id)
    if member is None or not member.active:
        raise DomainError(_l("Choose an active member of the project's groups."))
    if any(m.member_id == member.id for m in meeting.marks):
        raise DomainError(_l("This member is already invited."))
    mark = MeetingAttendance(project_id=project.id, member_id=member.id)
    meeting.marks.append(mark)
    meeting.updated_at = datetime.now(UTC)
    db.session.flush()
    return mark


@transactional
def add_decision(actor: User | None, project: Project, meeting: Meeting, version, text: str,
                 rationale: str) -> Decision:
    _require(actor, project, "organisation.edit")
    check_version(meeting, version)
    _frozen_guard(meeting)
    if not (text or "").strip():
        raise DomainError(_l("Write the decision."))
    decision = Decision(project_id=project.id, number=next_number(project.id, "decision"),
                        text=text.strip(), rationale=(rationale or "").strip())
    meeting.decisions.append(decision)
    meeting.updated_at = datetime.now(UTC)
    db.session.flush()
    return decision


@transactional
def add_action(actor: User | None, project: Project, meeting: Meeting, version, text: str,
               owner_id: int, due_on: date | None) -> Action:
    _require(actor, project, "organisation.edit")
    check_version(meeting, version)
    _frozen_guard(meeting)
    owner = member_in(project, owner_id)
    if owner is None or not owner.active:
        raise DomainError(_l("Choose the action's owner among the groups' members."))
    if not (text or "").strip():
        raise DomainError(_l("Describe the action."))
    action = Action(project_id=project.id, number=next_number(project.id, "action"),
                    text=text.strip(), owner_id=owner.id, due_on=due_on, status="open")
    meeting.actions.append(action)
    meeting.updated_at = datetime.now(UTC)
    db.session.flush()
    return action


@transactional
def set_action_status(actor: User | None, project: Project, action: Action, version,
                      status: str, note: str = "") -> Action:
    """Follow-up goes on after the minutes are frozen: only the status and its note change."""
    _require(actor, project, "organisation.edit")
    check_version(action, version)
    if status not in rules.ACTION_STATUSES:
        raise DomainError(_l("Choose a status from the list."))
    if status == action.status:
        raise DomainError(_l("The action already has this status."))
    action.status, action.closed_note = status, (note or "").strip()
    return action


def may_approve(project: Project, meeting: Meeting, user: User | None) -> bool:
    """The sponsor, or the chair of the meeting's group if that chair is a project user."""
    if user is None:
        return True
    if role_of(project, user) == Role.SPONSOR:
        return True
    return any(m.role == "chair" and m.user_id == user.id
               for m in members(project, meeting.group))


@transactional
def approve_minutes(actor: User | None, project: Project, meeting: Meeting, version,
                    content_sha256: str) -> Meeting:
    """Approve the minutes as read (their hash must still match) and freeze the meeting."""
    _require(actor, project, "minutes.approve")
    check_version(meeting, version)
    if not may_approve(project, meeting, actor):
        raise PermissionDenied(_l("Only the sponsor or the chair of this group approves its "
                                  "minutes."))
    _frozen_guard(meeting)
    if meeting.status != "held" or not meeting.minutes.strip():
        raise DomainError(_l("Record the attendance and write the minutes before approving "
                             "them."))
    if any(m.status == "invited" for m in meeting.marks):
        raise DomainError(_l("Record the attendance of every invited member first."))
    if content_sha256 != meeting.sha256:
        raise StaleEdit()
    role = role_of(project, actor) if actor else Role.SPONSOR
    meeting.status, meeting.approved_at = "approved", datetime.now(UTC)
    meeting.approved_by_id = actor.id if actor else None
    meeting.approved_by_label = actor.name if actor else "system"
    meeting.approved_role = role.value if role else ""
    meeting.approved_sha256 = content_sha256
    return meeting


def altered_meetings(project: Project | None = None) -> list[Meeting]:
    query = sa.select(Meeting).where(Meeting.status == "approved").order_by(Meeting.id)
    if project is not None:
        query = query.where(Meeting.project_id == project.id)
    return [m for m in db.session.execute(query).scalars() if not m.intact]


# --- Decisions and actions across meetings -----------------------------------------------------


def decisions(project: Project, since: date | None = None, until: date | None = None,
              approved_only: bool = False) -> list[Decision]:
    """Steering decisions in meeting date order (the bulletins quote those of approved minutes)."""
    query = sa.select(Decision).join(Meeting).where(Decision.project_id == project.id).options(
        sa.orm.contains_eager(Decision.meeting))
    if since is not None:
        query = query.where(Meeting.held_on >= since)
    if until is not None:
        query = query.where(Meeting.held_on <= until)
    if approved_only:
        query = query.where(Meeting.status == "approved")
    return list(db.session.execute(
        query.order_by(Meeting.held_on, Decision.number)).scalars())


def actions(project: Project, state: str = "", owner_id: int | None = None,
            today: date | None = None) -> list[Action]:
    """Actions of every meeting; `state` open, overdue, done, dropped or "" (all)."""
    today = today or date.today()
    query = sa.select(Action).where(Action.project_id == project.id).options(
        sa.orm.joinedload(Action.owner), sa.orm.joinedload(Action.meeting))
    if owner_id:
        query = query.where(Action.owner_id == owner_id)
    if state in ("open", "overdue"):
        query = query.where(Action.status == "open")
    elif state in ("done", "dropped"):
        query = query.where(Action.status == state)
    found = db.session.execute(
        query.order_by(Action.due_on.is_(None), Action.due_on, Action.number)).scalars().all()
    return [a for a in found if state != "overdue" or a.overdue(today)]


# The scorecard's summaries live in their own module; callers find them here.
from app.organisation.doc_service import document_summary  # noqa: E402, F401
from app.organisation.summaries import (  # noqa: E402, F401
    AttendanceSummary,
    MemberAttendance,
    OpenAction,
    attendance_marks,
    attendance_summary,
    open_actions,
)
