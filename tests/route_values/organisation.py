"""Organisation records for the route-by-role access test: a steering committee with the sponsor
as chair, a held meeting with a decision and an action, and an approved governing document whose
second version has an attached PDF."""

from datetime import date

from app.organisation import doc_service, service


def values(cast, db_session) -> dict:
    project = cast.project
    chair = service.add_member(None, project, service.MemberData(
        group="steering", user_id=cast["sponsor"].id, name="", department="other", role="chair"))
    meeting = service.create_meeting(None, project, service.MeetingData(
        group="steering", title="Steering committee 指导委员会", held_on=date(2026, 3, 2),
        agenda="Pilot status", minutes="Pilot on track."))
    service.record_attendance(None, project, meeting, meeting.version,
                              {chair.id: ("present", "")})
    service.add_decision(None, project, meeting, meeting.version, "Go ahead", "On plan")
    action = service.add_action(None, project, meeting, meeting.version, "Book training rooms",
                                chair.id, date(2026, 4, 1))
    document = doc_service.create_document(None, project, doc_service.DocumentData(
        kind="usage_rules", title="CRM usage rules 使用规则", body="Log every visit.",
        owner_id=cast["pm"].id, review_on=date(2027, 1, 31)))
    doc_service.update_document(None, project, document, document.version,
                                doc_service.DocumentData(
                                    kind="usage_rules", title="CRM usage rules 使用规则",
                                    body="Log every visit in a day.", owner_id=cast["pm"].id,
                                    review_on=date(2027, 1, 31),
                                    attachment=("rules.pdf", b"%PDF-1.7\n%%EOF\n")))
    version = doc_service.version_of(document, 2)
    doc_service.approve(None, project, document, 2, version.sha256, None)
    return {"org_member_id": chair.id, "org_meeting_id": meeting.id, "org_action_id": action.id,
            "org_doc_id": document.id, "org_doc_version": 2}
