"""Groups, meetings, attendance, decisions, actions and frozen minutes, through the pages."""

from datetime import date, timedelta

import pytest

from app.core.errors import DomainError, StaleEdit
from app.organisation import service
from app.organisation.models import Action, Decision, GroupMember, Meeting, MeetingAttendance
from tests.conftest import audit_count, login
from tests.integration.webtools import count, table_row, text

BASE = "/projects/CAST/organisation"


def _member(project, user=None, group="steering", role="member", name="", department="sales"):
    return service.add_member(None, project, service.MemberData(
        group=group, user_id=user.id if user else None, name=name, department=department,
        role=role))


@pytest.fixture
def committee(cast):
    """The sponsor chairs the steering committee; the steering member and an outside adviser
    sit on it; the PM chairs the working group."""
    project = cast.project
    return {"chair": _member(project, cast["sponsor"], role="chair", department="other"),
            "steering": _member(project, cast["steering"]),
            "adviser": _member(project, name="王芳 Wang Fang", role="adviser",
                               department="finance"),
            "pm": _member(project, cast["pm"], group="working", role="chair",
                          department="it")}


@pytest.fixture
def meeting(cast, committee):
    return service.create_meeting(None, cast.project, service.MeetingData(
        group="steering", title="Steering committee 三月", held_on=date(2026, 3, 2),
        agenda="Pilot status\nBudget", minutes="The pilot is **on track**."))


def test_organisation_page_shows_three_groups_and_rates(client, cast, committee, meeting):
    service.record_attendance(None, cast.project, meeting, meeting.version, {
        committee["chair"].id: ("present", ""), committee["steering"].id: ("apologies", ""),
        committee["adviser"].id: ("delegate", "Li Ming")})
    login(client, cast["member"])
    page = text(client.get(BASE))
    for heading in ("Steering committee", "Working group", "Business group"):
        assert heading in page
    assert "王芳 Wang Fang" in page and "not a Steerco user" in page
    assert 'id="sponsor-rate">100%' in page
    assert "Add member" not in page  # members read only


def test_add_member_through_the_page_and_bad_input(client, cast, committee):
    login(client, cast["pm"])
    before = count(GroupMember)
    response = client.post(f"{BASE}/members/new", data={
        "version": "0", "group": "business", "user_id": "", "name": "陈静 Chen Jing",
        "department": "customer_service", "role": "member", "title": "Service lead"})
    assert response.status_code == 302
    assert count(GroupMember) == before + 1
    for bad in ({"name": ""}, {"department": "legal"}, {"name": "<b>x</b>"},
                {"role": "chair", "group": "steering", "name": "Second chair"},
                {"user_id": str(cast["staff"].id)}):
        data = {"version": "0", "group": "business", "user_id": "", "name": "Someone",
                "department": "sales", "role": "member", "title": "", **bad}
        response = client.post(f"{BASE}/members/new", data=data)
        assert response.status_code == 400, bad
    assert count(GroupMember) == before + 1


def test_stale_member_edit_changes_nothing(client, cast, committee):
    login(client, cast["pm"])
    member = committee["steering"]
    service.update_member(None, cast.project, member, member.version, service.MemberData(
        group="steering", user_id=cast["steering"].id, name="", department="marketing",
        role="member"))
    response = client.post(f"{BASE}/members/{member.id}/edit", data={
        "version": str(member.version - 1), "group": "steering",
        "user_id": str(cast["steering"].id), "name": "", "department": "finance",
        "role": "secretary", "title": ""})
    assert response.status_code == 409
    assert "changed by someone else" in text(response)
    assert table_row(GroupMember, member.id)["department"] == "marketing"


def test_meeting_invites_the_group_and_records_attendance(client, cast, committee, meeting):
    assert {m.member_id for m in meeting.marks} == {
        committee["chair"].id, committee["steering"].id, committee["adviser"].id}
    login(client, cast["pm"])
    response = client.post(f"{BASE}/meetings/{meeting.id}/attendance", data={
        "version": meeting.version, f"mark-{committee['chair'].id}": "absent",
        f"mark-{committee['steering'].id}": "present",
        f"mark-{committee['adviser'].id}": "delegate",
        f"delegate-{committee['adviser'].id}": "刘洋 Liu Yang"})
    assert response.status_code == 302
    assert table_row(Meeting, meeting.id)["status"] == "held"
    rows = {m.member_id: (m.status, m.delegate_name) for m in meeting.marks}
    assert rows[committee["adviser"].id] == ("delegate", "刘洋 Liu Yang")
    summary = service.attendance_summary(cast.project)
    assert summary.meetings_held == 1
    assert summary.sponsor.held == 1 and summary.sponsor.attended == 0


@pytest.mark.parametrize("marks", [
    {"chair": "sleeping"},          # unknown status
    {"chair": "delegate"},          # a delegate needs a name
    {"chair": "invited"},           # nobody recorded: not held
])
def test_bad_attendance_is_refused_without_a_write(client, cast, committee, meeting, marks):
    login(client, cast["pm"])
    data = {"version": meeting.version}
    data.update({f"mark-{committee[k].id}": v for k, v in marks.items()})
    before = audit_count()
    response = client.post(f"{BASE}/meetings/{meeting.id}/attendance", data=data)
    assert response.status_code == 400
    assert audit_count() == before
    assert table_row(Meeting, meeting.id)["status"] == "planned"


def test_delegate_name_with_markup_is_refused(client, cast, committee, meeting):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/meetings/{meeting.id}/attendance", data={
        "version": meeting.version, f"mark-{committee['chair'].id}": "delegate",
        f"delegate-{committee['chair'].id}": "<script>x</script>"})
    assert response.status_code == 400
    assert "without < or >" in text(response)


def test_decision_and_action_numbered_per_project(client, cast, committee, meeting):
    login(client, cast["steering"])
    for n in (1, 2):
        meeting_version = table_row(Meeting, meeting.id)["version"]
        response = client.post(f"{BASE}/meetings/{meeting.id}/decisions", data={
            "version": meeting_version, "text": f"决定 {n}", "rationale": "Because"})
        assert response.status_code == 302
    meeting_version = table_row(Meeting, meeting.id)["version"]
    response = client.post(f"{BASE}/meetings/{meeting.id}/actions", data={
        "version": meeting_version, "text": "Draft the usage rules",
        "owner_id": committee["pm"].id, "due_on": "2026-03-20"})
    assert response.status_code == 302
    page = text(client.get(f"{BASE}/meetings/{meeting.id}"))
    assert "DEC-01" in page and "DEC-02" in page and "ACT-01" in page
    assert "Overdue" in page  # due in March 2026, still open


def test_stale_decision_form_is_refused(client, cast, committee, meeting):
    login(client, cast["pm"])
    stale = meeting.version
    service.update_meeting(None, cast.project, meeting, meeting.version, service.MeetingData(
        group="steering", title="Renamed", held_on=meeting.held_on))
    response = client.post(f"{BASE}/meetings/{meeting.id}/decisions", data={
        "version": stale, "text": "Late decision", "rationale": ""})
    assert response.status_code == 409
    assert count(Decision) == 0


def test_bad_action_input(client, cast, committee, meeting):
    login(client, cast["pm"])
    for bad in ({"owner_id": "999999"}, {"text": ""}, {"due_on": "2026-02-30"},
                {"owner_id": "abc"}):
        data = {"version": meeting.version, "text": "Call the vendor",
                "owner_id": committee["pm"].id, "due_on": "", **bad}
        assert client.post(f"{BASE}/meetings/{meeting.id}/actions", data=data).status_code \
            == 400, bad
    assert count(Action) == 0


def _held(cast, committee, meeting, sponsor="present"):
    service.record_attendance(None, cast.project, meeting, meeting.version, {
        committee["chair"].id: (sponsor, ""), committee["steering"].id: ("present", ""),
        committee["adviser"].id: ("absent", "")})
    decision = service.add_decision(None, cast.project, meeting, meeting.version,
                                    "Pilot with the beverage company", "Strong IT")
    action = service.add_action(None, cast.project, meeting, meeting.version,
                                "Tell the vendors", committee["pm"].id,
                                date.today() - timedelta(days=1))
    return decision, action


def test_approved_minutes_are_frozen_and_hashed(client, cast, committee, meeting):
    _decision, action = _held(cast, committee, meeting)
    login(client, cast["sponsor"])
    digest = meeting.sha256
    response = client.post(f"{BASE}/meetings/{meeting.id}/approve", data={
        "version": meeting.version, "content_sha256": digest})
    assert response.status_code == 302
    row = table_row(Meeting, meeting.id)
    assert row["status"] == "approved" and row["approved_sha256"] == digest
    assert row["approved_by_label"] == cast["sponsor"].name
    before = audit_count()
    version = row["version"]
    for path, data in (("edit", {"group": "steering", "title": "X", "held_on": "2026-03-02"}),
                       ("decisions", {"text": "Another"}),
                       ("attendance", {f"mark-{committee['chair'].id}": "absent"}),
                       ("actions", {"text": "More", "owner_id": committee["pm"].id})):
        response = client.post(f"{BASE}/meetings/{meeting.id}/{path}",
                               data={"version": version, **data})
        assert response.status_code == 400, path
        assert "frozen" in text(response)
    assert audit_count() == before
    # Follow-up continues: the action can still be closed, and the record stays intact.
    response = client.post(f"{BASE}/actions/{action.id}/status", data={
        "version": action.version, "status": "done", "note": "已完成"})
    assert response.status_code == 302
    assert table_row(Action, action.id)["status"] == "done"
    assert service.altered_meetings(cast.project) == []


def test_tampered_minutes_are_detected(client, cast, committee, meeting, db_session, runner):
    _held(cast, committee, meeting)
    service.approve_minutes(cast["sponsor"], cast.project, meeting, meeting.version,
                            meeting.sha256)
    db_session.execute(Meeting.__table__.update().where(Meeting.id == meeting.id)
                       .values(minutes="Rewritten later"))
    db_session.expire_all()
    assert [m.id for m in service.altered_meetings(cast.project)] == [meeting.id]
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 1 and "MTG-01: the approved minutes were altered" in cli.output
    login(client, cast["member"])
    assert "Altered after approval" in text(client.get(f"{BASE}/meetings/{meeting.id}"))


def test_approval_refused_for_a_stale_hash_or_a_non_chair(client, cast, committee, meeting):
    _held(cast, committee, meeting)
    login(client, cast["sponsor"])
    response = client.post(f"{BASE}/meetings/{meeting.id}/approve", data={
        "version": meeting.version, "content_sha256": "0" * 64})
    assert response.status_code == 409
    client.post("/logout")
    login(client, cast["steering"])  # on the committee, but not its chair
    response = client.post(f"{BASE}/meetings/{meeting.id}/approve", data={
        "version": meeting.version, "content_sha256": meeting.sha256})
    assert response.status_code == 403
    assert table_row(Meeting, meeting.id)["status"] == "held"


def test_the_chair_of_a_group_approves_its_minutes(cast, committee):
    project = cast.project
    # The steering member chairs the business group: they approve its minutes.
    _member(project, cast["steering"], group="business", role="chair")
    meeting = service.create_meeting(None, project, service.MeetingData(
        group="business", title="Business group 业务组", held_on=date(2026, 3, 5),
        minutes="Sales wants mobile first."))
    service.record_attendance(None, project, meeting, meeting.version,
                              {m.member_id: ("present", "") for m in meeting.marks})
    assert not service.may_approve(project, meeting, cast["member"])
    service.approve_minutes(cast["steering"], project, meeting, meeting.version, meeting.sha256)
    assert meeting.status == "approved" and meeting.approved_role == "steering"
    # The PM chairs the working group, but the PM's role cannot approve minutes at all.
    working = service.create_meeting(None, project, service.MeetingData(
        group="working", title="Working group", held_on=date(2026, 3, 6), minutes="Done."))
    service.record_attendance(None, project, working, working.version,
                              {committee["pm"].id: ("present", "")})
    with pytest.raises(DomainError):
        service.approve_minutes(cast["pm"], project, working, working.version, working.sha256)


def test_approval_needs_minutes_and_full_attendance(cast, committee, meeting):
    with pytest.raises(DomainError, match="Record the attendance"):
        service.approve_minutes(None, cast.project, meeting, meeting.version, meeting.sha256)
    service.record_attendance(None, cast.project, meeting, meeting.version,
                              {committee["chair"].id: ("present", "")})
    with pytest.raises(DomainError, match="every invited member"):
        service.approve_minutes(None, cast.project, meeting, meeting.version, meeting.sha256)


def test_actions_list_filters(client, cast, committee, meeting):
    _decision, late = _held(cast, committee, meeting)
    later = service.add_action(None, cast.project, meeting, meeting.version, "Plan training",
                               committee["steering"].id, date.today() + timedelta(days=30))
    service.set_action_status(None, cast.project, later, later.version, "dropped")
    login(client, cast["member"])
    page = text(client.get(f"{BASE}/actions?state=overdue"))
    assert late.code in page and later.code not in page
    page = text(client.get(f"{BASE}/actions?state=dropped"))
    assert later.code in page and late.code not in page
    page = text(client.get(f"{BASE}/actions?owner={committee['pm'].id}"))
    assert late.code in page and later.code not in page
    assert client.get(f"{BASE}/actions?state=bogus&owner=x").status_code == 200


def test_action_status_stale_and_bad(client, cast, committee, meeting):
    _decision, action = _held(cast, committee, meeting)
    login(client, cast["pm"])
    response = client.post(f"{BASE}/actions/{action.id}/status", data={
        "version": action.version + 5, "status": "done"})
    assert response.status_code == 409
    response = client.post(f"{BASE}/actions/{action.id}/status", data={
        "version": action.version, "status": "finished"})
    assert response.status_code == 400
    assert table_row(Action, action.id)["status"] == "open"


def test_scorecard_summaries(cast, committee, meeting):
    _held(cast, committee, meeting, sponsor="apologies")
    second = service.create_meeting(None, cast.project, service.MeetingData(
        group="steering", title="April", held_on=date(2026, 4, 6)))
    service.record_attendance(None, cast.project, second, second.version,
                              {committee["chair"].id: ("present", "")})
    summary = service.attendance_summary(cast.project)
    assert summary.meetings_held == 2
    assert (summary.sponsor.held, summary.sponsor.attended) == (2, 1)
    assert summary.sponsor.percent == 50.0
    since = service.attendance_summary(cast.project, since=date(2026, 4, 1))
    assert since.meetings_held == 1 and since.sponsor.attended == 1
    actions = service.open_actions(cast.project)
    assert [(a.code, a.overdue) for a in actions] == [("ACT-01", True)]


def test_invite_another_member(client, cast, committee, meeting):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/meetings/{meeting.id}/invite", data={
        "version": meeting.version, "member_id": committee["pm"].id})
    assert response.status_code == 302
    assert count(MeetingAttendance) == 4
    meeting_version = table_row(Meeting, meeting.id)["version"]
    response = client.post(f"{BASE}/meetings/{meeting.id}/invite", data={
        "version": meeting_version, "member_id": committee["pm"].id})
    assert response.status_code == 400
    assert "already invited" in text(response)


def test_retired_member_keeps_history(client, cast, committee, meeting):
    login(client, cast["pm"])
    member = committee["adviser"]
    response = client.post(f"{BASE}/members/{member.id}/retire", data={"version": member.version})
    assert response.status_code == 302
    assert table_row(GroupMember, member.id)["active"] is False
    assert "王芳 Wang Fang" not in text(client.get(BASE)).split("Recent meetings")[0]
    with pytest.raises(StaleEdit):
        service.retire_member(None, cast.project, member, member.version - 1)


def test_new_meeting_page_and_bad_dates(client, cast, committee):
    login(client, cast["pm"])
    assert client.get(f"{BASE}/meetings/new?group=working").status_code == 200
    before = count(Meeting)
    for bad in ({"held_on": "2026-13-01"}, {"title": ""}, {"group": "board"}):
        data = {"version": "0", "group": "steering", "title": "五月会议",
                "held_on": "2026-05-04", **bad}
        assert client.post(f"{BASE}/meetings/new", data=data).status_code == 400, bad
    assert count(Meeting) == before
    response = client.post(f"{BASE}/meetings/new", data={
        "version": "0", "group": "steering", "title": "五月会议", "held_on": "2026-05-04",
        "agenda": "议程一\n议程二"})
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "MTG-01" in page and "议程二" in page


def _queries_for(client, url: str, db_session) -> int:
    import sqlalchemy as sa

    seen = []
    engine = db_session.get_bind().engine

    def count(_conn, _cursor, statement, *_args, **_kwargs):
        if statement.lstrip().upper().startswith("SELECT"):  # not the harness's savepoints
            seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_meeting_list_queries_do_not_grow_with_meetings(client, cast, committee, db_session):
    def add(n):
        meeting = service.create_meeting(None, cast.project, service.MeetingData(
            group="steering", title=f"Meeting {n}", held_on=date(2026, n, 1)))
        service.add_decision(None, cast.project, meeting, meeting.version, f"决定 {n}", "")
        service.add_action(None, cast.project, meeting, meeting.version, "Follow up",
                           committee["pm"].id, None)

    add(1)
    login(client, cast["member"])
    one = _queries_for(client, f"{BASE}/meetings", db_session)
    for n in range(2, 7):
        add(n)
    assert _queries_for(client, f"{BASE}/meetings", db_session) == one


def test_pages_speak_chinese(client, cast, committee, meeting):
    login(client, cast["sponsor"])
    headers = {"Accept-Language": "zh-CN"}
    page = text(client.get(BASE, headers=headers))
    assert "项目组织架构" in page and "指导委员会" in page and "业务小组" in page
    page = text(client.get(f"{BASE}/meetings/{meeting.id}", headers=headers))
    assert "出席情况" in page and "记录决议" in page and "三月" in page
    assert "governing" not in text(client.get(f"{BASE}/documents", headers=headers)).lower()


def test_decision_register(client, cast, committee, meeting):
    _held(cast, committee, meeting)
    later = service.create_meeting(None, cast.project, service.MeetingData(
        group="steering", title="April", held_on=date(2026, 4, 6)))
    service.add_decision(None, cast.project, later, later.version, "培训先行", "Adoption")
    assert [d.code for d in service.decisions(cast.project)] == ["DEC-01", "DEC-02"]
    assert [d.code for d in service.decisions(cast.project, since=date(2026, 4, 1))] == ["DEC-02"]
    assert service.decisions(cast.project, approved_only=True) == []
    service.approve_minutes(None, cast.project, meeting, meeting.version, meeting.sha256)
    assert [d.code for d in service.decisions(cast.project, approved_only=True)] == ["DEC-01"]
    login(client, cast["member"])
    page = text(client.get(f"{BASE}/decisions"))
    assert "DEC-01" in page and "培训先行" in page and "Minutes approved" in page
