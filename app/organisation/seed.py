"""Demo data for the organisation: groups, meetings with minutes, decisions and actions, and
governing documents.

Every record is looked up before it is created (a member by group and name, a meeting by group,
date and title, a document by its first title), so loading the demo twice changes nothing.
"""

from datetime import date

import sqlalchemy as sa

from app.accounts.service import find_user
from app.extensions import db
from app.organisation import doc_service, service
from app.organisation.doc_models import DocumentVersion, GoverningDocument
from app.organisation.models import Meeting
from app.projects import service as projects


def seed_organisation(summary) -> None:
    from app.demo import read_seed

    data = read_seed("organisation.toml")
    project = projects.get_by_code(summary.project_code)
    added = sum(_seed_member(project, spec) for spec in data["members"])
    if added:
        summary.created.append(f"{added} group members")
    held = sum(_seed_meeting(project, spec) for spec in data["meetings"])
    if held:
        summary.created.append(f"{held} meetings")
    written = sum(_seed_document(project, spec) for spec in data["documents"])
    if written:
        summary.created.append(f"{written} governing documents")


def _seed_member(project, spec: dict) -> bool:
    user = find_user(spec["email"]) if "email" in spec else None
    name = user.name if user else spec["name"]
    if any(m.name == name for m in service.members(project, spec["group"], False)):
        return False
    service.add_member(None, project, service.MemberData(
        group=spec["group"], user_id=user.id if user else None, name=name,
        department=spec["department"], role=spec["role"], title=spec.get("title", "")))
    return True


def _seed_meeting(project, spec: dict) -> bool:
    held_on = date.fromisoformat(spec["held_on"])
    found = db.session.execute(sa.select(Meeting).where(
        Meeting.project_id == project.id, Meeting.group == spec["group"],
        Meeting.held_on == held_on, Meeting.title == spec["title"])).scalar_one_or_none()
    if found is not None:
        return False
    meeting = service.create_meeting(None, project, service.MeetingData(
        group=spec["group"], title=spec["title"], held_on=held_on,
        location=spec.get("location", ""), agenda="\n".join(spec.get("agenda", [])),
        minutes=spec["minutes"].strip()))
    overrides = spec.get("attendance", {})
    marks = {}
    for mark in meeting.marks:
        status = overrides.get(mark.member.name, "present")
        kind, _, delegate = status.partition(":")
        marks[mark.member_id] = (kind, delegate)
    service.record_attendance(None, project, meeting, meeting.version, marks)
    for text, rationale in spec.get("decisions", []):
        service.add_decision(None, project, meeting, meeting.version, text, rationale)
    owners = {m.name: m.id for m in service.members(project)}
    actions = [service.add_action(None, project, meeting, meeting.version, text, owners[owner],
                                  date.fromisoformat(due))
               for text, owner, due, _status in spec.get("actions", [])]
    if "approved_by" in spec:
        service.approve_minutes(find_user(spec["approved_by"]), project, meeting,
                                meeting.version, meeting.sha256)
    for action, (_text, _owner, _due, status) in zip(actions, spec.get("actions", []),
                                                     strict=True):
        if status != "open":
            service.set_action_status(None, project, action, action.version, status)
    return True


def _seed_document(project, spec: dict) -> bool:
    exists = db.session.execute(sa.select(GoverningDocument.id).join(DocumentVersion).where(
        GoverningDocument.project_id == project.id, DocumentVersion.number == 1,
        DocumentVersion.title == spec["title"])).first()
    if exists is not None:
        return False
    owner = find_user(spec["owner"])
    review_on = date.fromisoformat(spec["review_on"])

    def content(body: str, note: str = "") -> doc_service.DocumentData:
        return doc_service.DocumentData(kind=spec["kind"], title=spec["title"], body=body,
                                        owner_id=owner.id, review_on=review_on, note=note)

    # The PM keeps the documents; the owner answers for their content.
    author = find_user("daniel.tan@quest.example")
    document = doc_service.create_document(author, project, content(spec["body"]))
    sponsor = find_user("catherine.wong@quest.example")
    for number, (body, note) in enumerate([(spec["body"], ""), *spec.get("revisions", [])],
                                          start=1):
        if number > 1:
            doc_service.update_document(author, project, document, document.version,
                                        content(body, note))
        if spec.get("approve") == number:
            version = doc_service.version_of(document, number)
            doc_service.approve(sponsor, project, document, number, version.sha256, review_on)
    return True
