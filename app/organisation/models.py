"""Groups and their members, meetings with attendance, decisions and actions."""

import hashlib
import json
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin
from app.organisation import attendance, labels, rules
from app.requirements.logic import DEPARTMENTS


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _project_fk() -> Mapped[int]:
    return mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)


class GroupMember(Audited, TimestampMixin, VersionedMixin, Base):
    """A seat in one of the three groups: a project user, or a named person who is not one."""

    __tablename__ = "org_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    group: Mapped[str] = mapped_column("group_code", sa.String(20))  # GROUP is reserved in SQL
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    department: Mapped[str] = mapped_column(sa.String(20))
    role: Mapped[str] = mapped_column(sa.String(20), default="member")
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)

    user: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(_in("group_code", labels.GROUPS), name="group_known"),
        sa.CheckConstraint(_in("department", DEPARTMENTS), name="department_known"),
        sa.CheckConstraint(_in("role", labels.GROUP_ROLES), name="role_known"),
    )

    audit_type_label = _l("Group member")
    audit_field_labels = {"group": _l("Group"), "user_id": _l("User"), "name": _l("Name"),
                          "department": _l("Department"), "role": _l("Role in the group"),
                          "title": _l("Job title"), "active": _l("Active")}
    audit_value_labels = {"group": labels.GROUP_LABELS, "department": labels.DEPARTMENT_LABELS,
                          "role": labels.GROUP_ROLE_LABELS}

    def __repr__(self) -> str:
        return f"<GroupMember {self.group} {self.name!r}>"

    def audit_label(self) -> str:
        return f"{self.group}: {self.name}"


class Meeting(Audited, TimestampMixin, VersionedMixin, Base):
    """A meeting of one group: agenda, attendance, minutes, decisions and actions.

    Once the minutes are approved the meeting is frozen: the hash of the approved record
    (minutes, attendance, decisions) is kept so a later alteration is detectable.
    """

    __tablename__ = "org_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    number: Mapped[int]
    group: Mapped[str] = mapped_column("group_code", sa.String(20))  # GROUP is reserved in SQL
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date]
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    agenda: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="planned")
    approved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    approved_by_label: Mapped[str] = mapped_column(sa.String(200), default="")
    approved_role: Mapped[str] = mapped_column(sa.String(20), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_sha256: Mapped[str] = mapped_column(sa.String(64), default="")

    marks: Mapped[list["MeetingAttendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingAttendance.id")
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Decision.number")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Action.number")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_org_meeting_project_number"),
        sa.CheckConstraint(_in("group_code", labels.GROUPS), name="group_known"),
        sa.CheckConstraint(_in("status", labels.MEETING_STATUSES), name="status_known"),
        sa.CheckConstraint("(status = 'approved') = (approved_at IS NOT NULL)",
                           name="approved_has_time"),
    )

    audit_type_label = _l("Meeting")
    audit_field_labels = {"number": _l("Number"), "group": _l("Group"), "title": _l("Title"),
                          "held_on": _l("Date"), "location": _l("Location"),
                          "agenda": _l("Agenda"), "minutes": _l("Minutes"),
                          "status": _l("Status"), "approved_by_label": _l("Approved by"),
                          "approved_at": _l("Approved at"),
                          "approved_sha256": _l("SHA-256 approved")}
    audit_value_labels = {"group": labels.GROUP_LABELS, "status": labels.MEETING_STATUS_LABELS}

    def __repr__(self) -> str:
        return f"<Meeting {self.code}>"

    @property
    def code(self) -> str:
        return f"MTG-{self.number:02d}"

    def audit_label(self) -> str:
        return self.code

    @property
    def frozen(self) -> bool:
        return self.status == "approved"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    def record(self) -> dict:
        """The content the approval vouches for, in a canonical order."""
        return {
            "code": self.code, "group": self.group, "title": self.title,
            "held_on": self.held_on.isoformat(), "agenda": self.agenda, "minutes": self.minutes,
            "attendance": sorted([m.member_id, m.status, m.delegate_name] for m in self.marks),
            "decisions": [[d.code, d.text, d.rationale] for d in self.decisions],
            "actions": [[a.code, a.text, a.owner_id, a.due_on and a.due_on.isoformat()]
                        for a in self.actions],
        }

    @property
    def sha256(self) -> str:
        text = json.dumps(self.record(), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def intact(self) -> bool:
        return not self.frozen or self.approved_sha256 == self.sha256


class MeetingAttendance(Audited, TimestampMixin, VersionedMixin, Base):
    """One invited member at one meeting, and whether they came."""

    __tablename__ = "org_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="invited")
    delegate_name: Mapped[str] = mapped_column(sa.String(200), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="marks")
    member: Mapped[GroupMember] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_org_attendance_meeting_member"),
        sa.CheckConstraint(_in("status", attendance.STATUSES), name="status_known"),
    )

    audit_type_label = _l("Attendance")
    audit_field_labels = {"meeting_id": _l("Meeting"), "member_id": _l("Member"),
                          "status": _l("Attendance"), "delegate_name": _l("Delegate")}
    audit_value_labels = {"status": labels.ATTENDANCE_LABELS}

    def __repr__(self) -> str:
        return f"<MeetingAttendance {self.meeting_id}:{self.member_id} {self.status}>"


class Decision(Audited, TimestampMixin, VersionedMixin, Base):
    """A numbered steering decision with its rationale (the bulletins quote these)."""

    __tablename__ = "org_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    rationale: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_org_decision_project_number"),
    )

    audit_type_label = _l("Decision")
    audit_field_labels = {"meeting_id": _l("Meeting"), "number": _l("Number"),
                          "text": _l("Decision"), "rationale": _l("Rationale")}

    def __repr__(self) -> str:
        return f"<Decision {self.code}>"

    @property
    def code(self) -> str:
        return f"DEC-{self.number:02d}"

    def audit_label(self) -> str:
        return self.code


class Action(Audited, TimestampMixin, VersionedMixin, Base):
    """An action agreed at a meeting: owner, due date, status (open, done, dropped)."""

    __tablename__ = "org_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _project_fk()
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("org_member.id"), index=True)
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    closed_note: Mapped[str] = mapped_column(sa.String(300), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[GroupMember] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_org_action_project_number"),
        sa.CheckConstraint(_in("status", rules.ACTION_STATUSES), name="status_known"),
    )

    audit_type_label = _l("Action")
    audit_field_labels = {"meeting_id": _l("Meeting"), "number": _l("Number"),
                          "text": _l("Action"), "owner_id": _l("Owner"),
                          "due_on": _l("Due"), "status": _l("Status"),
                          "closed_note": _l("Note")}
    audit_value_labels = {"status": labels.ACTION_STATUS_LABELS}

    def __repr__(self) -> str:
        return f"<Action {self.code}>"

    @property
    def code(self) -> str:
        return f"ACT-{self.number:02d}"

    def audit_label(self) -> str:
        return self.code

    def overdue(self, today: date) -> bool:
        return rules.action_overdue(self.status, self.due_on, today)
