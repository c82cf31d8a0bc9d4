"""Audit builders for the organisation: members, meetings, attendance, decisions, actions and
governing documents with their versions and sign-offs."""

from datetime import date

from app.organisation.doc_models import DocumentSignoff, DocumentVersion, GoverningDocument
from app.organisation.models import Action, Decision, GroupMember, Meeting, MeetingAttendance


def _saved(session, record):
    session.add(record)
    session.flush()
    return record


def _member(s, ctx, name="张伟 Zhang Wei"):
    return GroupMember(project_id=ctx["project"].id, group="steering", name=name,
                       department="sales", role="member")


def _meeting(s, ctx, number=1):
    return Meeting(project_id=ctx["project"].id, number=number, group="steering",
                   title="Steering committee", held_on=date(2026, 3, 2))


def _attendance(s, ctx):
    meeting = _saved(s, _meeting(s, ctx, 2))
    member = _saved(s, _member(s, ctx))
    return MeetingAttendance(project_id=ctx["project"].id, meeting_id=meeting.id,
                             member_id=member.id)


def _decision(s, ctx):
    meeting = _saved(s, _meeting(s, ctx, 3))
    return Decision(project_id=ctx["project"].id, meeting_id=meeting.id, number=1,
                    text="Pilot with the Taiwan beverage company")


def _action(s, ctx):
    meeting = _saved(s, _meeting(s, ctx, 4))
    member = _saved(s, _member(s, ctx, "Daniel Tan"))
    return Action(project_id=ctx["project"].id, meeting_id=meeting.id, number=1,
                  text="Book the training rooms", owner_id=member.id, due_on=date(2026, 4, 1))


def _document(s, ctx, number=1):
    return GoverningDocument(project_id=ctx["project"].id, number=number, kind="usage_rules",
                             title="CRM usage rules", current_number=1)


def _version(s, ctx, number=2):
    document = _saved(s, _document(s, ctx, number))
    return DocumentVersion(document=document, project_id=document.project_id, number=1,
                           code=document.code, kind="usage_rules", title="CRM usage rules",
                           body="Log every customer visit 每次拜访都要记录.", author_label="test")


def _signoff(s, ctx):
    version = _saved(s, _version(s, ctx, 3))
    return DocumentSignoff(version=version, project_id=version.project_id,
                           user_id=ctx["user"].id, signer_label=ctx["user"].name,
                           role="sponsor", meaning="Approved", content_sha256=version.sha256)


BUILDERS = {
    GroupMember: (_member, "role", "chair"),
    Meeting: (_meeting, "minutes", "会议纪要"),
    MeetingAttendance: (_attendance, "status", "present"),
    Decision: (_decision, "rationale", "Strong IT, quick results"),
    Action: (_action, "status", "done"),
    GoverningDocument: (_document, "title", "CRM 使用规则"),
    DocumentVersion: (_version, "note", "typo fixed"),
    DocumentSignoff: (_signoff, "comment", "同意"),
}
