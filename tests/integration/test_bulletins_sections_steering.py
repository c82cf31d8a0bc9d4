"""The steering live sections (change requests, risks, training, health, steering decisions):
filled from records made through each module's services, frozen into the published edition
(later changes to the source never reach it), and all five shown in one Chinese PDF."""

import json
import subprocess
from datetime import date, timedelta

from app.bulletins import sections, service
from app.bulletins.models import PublishedEdition
from tests.route_values.bulletins import published

TODAY = date.today()  # publication fills the sections as of today


def frozen(db_session, project, edition, section: str, change) -> tuple[dict, dict]:
    """Change the source after publication: the stored edition stays as it was, while a fresh
    preview of the same bulletin shows the change (so the comparison can fail)."""
    html, stored, pdf_sha = edition.html, edition.snapshots_json, edition.pdf_sha256
    change()
    db_session.flush()
    db_session.expire_all()
    again = db_session.get(PublishedEdition, edition.id)
    assert (again.html, again.snapshots_json, again.pdf_sha256) == (html, stored, pdf_sha)
    fresh = service.preview(project, again.bulletin).snapshots[section]
    now = json.loads(sections.to_json({section: fresh}))[section]
    before = json.loads(stored)[section]
    assert now != before
    return before, now


def _plan_task(project, name="Build 构建", days=5):
    from app.planning import service as planning

    phase = planning.create_phase(None, project, "Pilot 试点", "Gate")
    return planning.create_task(None, project, planning.TaskData(name, phase.id, days))


def _decided(cast, task, title, outcome, days_ago, new_duration=8):
    from app.changes import service as changes

    project = cast.project
    cr = changes.create_request(cast["pm"], project, changes.RequestData(
        title, "Integration is harder.", "schedule"),
        [changes.OperationData("task_change", task.id, {"duration": new_duration})], submit=True)
    changes.decide(cast["sponsor"], project, cr, cr.version, outcome, "决定 Decided",
                   TODAY - timedelta(days=days_ago))
    return cr


def test_menu_offers_the_five_steering_sections_after_the_others(app):
    with app.test_request_context():
        keys = [s.key for s in sections.available()]
    assert keys[-5:] == ["changes", "risks", "training", "health", "decisions"]


def test_change_requests_decided_in_the_window_with_their_stored_impact(cast, db_session):
    task = _plan_task(cast.project)
    _decided(cast, task, "Longer build 延长构建", "approve", 10)
    _decided(cast, task, "Too old 太旧", "reject", 120)  # outside the 90-day window
    _decided(cast, task, "Not now 暂缓", "defer", 3, new_duration=9)
    edition = published(cast, language="zh-Hans", sections=[("changes", "委员会的决定")])
    snap = json.loads(edition.snapshots_json)["changes"]
    assert [(r["code"], r["title"], r["status"]) for r in snap["rows"]] == [
        ("CR-0001", "Longer build 延长构建", "approved"), ("CR-0003", "Not now 暂缓", "deferred")]
    assert snap["rows"][0]["schedule"] == "+3 个工作日"
    assert snap["rows"][0]["decision"] == "已批准"
    assert "委员会的决定" in edition.html and "Too old" not in edition.html
    before, now = frozen(db_session, cast.project, edition, "changes",
                         lambda: _decided(cast, task, "Later 之后", "approve", 0))
    assert len(before["rows"]) == 2 and len(now["rows"]) == 3


def test_risks_of_note_are_the_highest_scoring_active_ones_with_a_heat_map(app, cast,
                                                                           db_session):
    from app.risks import service as risks

    project = cast.project

    def risk(title, p, i, status="open", owner=cast["pm"]):
        return risks.create_risk(None, project, risks.RiskData(
            title=title, description="", category="integration",
            owner_id=owner.id if owner else None, strategy="reduce",
            response_plan="先做原型 Prototype first.", trigger="", status=status), p, i,
            TODAY - timedelta(days=30))

    top = risk("ERP interface late 接口延迟", 4, 5)
    risk("Key users busy <script>alert(1)</script>", 3, 3, status="monitoring", owner=None)
    risk("Closed one", 5, 5, status="closed")
    for n in range(5):
        risk(f"Minor {n}", 1, 2)
    risks.reassess(None, project, top, top.version, 5, 5, TODAY - timedelta(days=2))
    edition = published(cast, sections=[("risks", "Watch the **interface**.")])
    snap = json.loads(edition.snapshots_json)["risks"]
    assert len(snap["rows"]) == 5 and snap["active"] == 7
    first, second = snap["rows"][:2]
    assert (first["title"], first["score"], first["trend"], first["owner"]) == (
        "ERP interface late 接口延迟", 25, "Rising", "Pm person")
    assert first["response"] == "先做原型 Prototype first." and first["strategy"] == "Reduce"
    assert (second["score"], second["owner"]) == (9, "")
    assert snap["heat"][0][4] == [1, "red"]  # impact 5, probability 5
    assert snap["heat"][3][0] == [5, "green"]  # impact 2, probability 1
    assert "<script>alert" not in edition.html and "&lt;script&gt;" in edition.html
    assert "<strong>interface</strong>" in edition.html
    # As the ratings stood ten days ago: before the reassessment to 5 × 5. (Imported here, as
    # importing registers its sections: the menu's order is the registry's.)
    from app.bulletins import sections_steering

    with app.test_request_context():
        earlier = sections_steering.build_risks(project, TODAY - timedelta(days=10))
    assert (earlier.rows[0].score, earlier.rows[0].trend, earlier.heat[0][3]) == (20, "New",
                                                                                   (1, "red"))
    before, now = frozen(db_session, cast.project, edition, "risks", lambda: risks.reassess(
        None, project, top, top.version, 1, 1, TODAY))
    assert before["rows"][0]["score"] == 25 and now["rows"][0]["score"] != 25


def _trained(cast, held_on, names_trained, department="sales"):
    from app.training import service as training

    project = cast.project
    programme = training.create_programme(None, project, "concept", f"Why CRM {held_on}")
    session = training.create_session(None, project, training.SessionData(
        programme_id=programme.id, held_on=held_on, place="Singapore", trainer="Priya Nair",
        audience=(department,), capacity=20))
    training.record_attendance(None, project, session, session.version, names_trained)
    return session


def test_training_coverage_by_department_with_the_module_chart(cast, db_session):
    from app.training import service as training

    project = cast.project
    sales = training.add_trainees(None, project, "sales", ["陈静 Chen Jing", "Li Wei", "Ana", "Bo"])
    training.add_trainees(None, project, "customer_service", ["王芳 Wang Fang"])
    _trained(cast, TODAY - timedelta(days=5), {t.id for t in sales[:2]})
    edition = published(cast, sections=[("training", "")])
    snap = json.loads(edition.snapshots_json)["training"]
    rows = {r["department"]: r for r in snap["rows"]}
    assert (rows["Sales"]["end_users"], rows["Sales"]["concept"],
            rows["Sales"]["operational"]) == (4, "50%", "0%")
    assert rows["Sales"]["below_target"] and rows["Customer service"]["concept"] == "0%"
    assert 'class="coverage"' in snap["chart_svg"] and "<svg" in edition.html
    before, now = frozen(db_session, cast.project, edition, "training", lambda: _trained(
        cast, TODAY, {t.id for t in sales}))
    assert now["rows"][0]["concept"] == "100%" and before["rows"][0]["concept"] == "50%"


def test_health_scorecard_shows_score_status_and_evidence(cast, db_session):
    from app.governance import service as governance
    from app.risks import service as risks

    project = cast.project
    edition = published(cast, language="zh-Hans", sections=[("health", "健康状况")])
    snap = json.loads(edition.snapshots_json)["health"]
    # The scorecard as it stood before this edition existed (publishing it moves the rule on
    # bulletins, so today's card differs there).
    card = governance.scorecard(project, TODAY)
    assert len(snap["rows"]) == len(card.results) and isinstance(snap["score"], int)
    assert [r["status"] for r in snap["rows"]] == [
        "red" if r.rule.id == "bulletins_on_schedule" else r.status.value for r in card.results]
    assert any(r["evidence"] for r in snap["rows"])
    assert "总分" in edition.html or "总体" in edition.html

    def unowned_risk():
        risks.create_risk(None, project, risks.RiskData(
            title="Nobody owns this 无人负责", description="", category="integration",
            owner_id=None, strategy=None, response_plan="", trigger="", status="open"), 5, 5,
            TODAY)

    frozen(db_session, cast.project, edition, "health", unowned_risk)


def _steering_meeting(cast, held_on, text, chair=None, approve=True):
    from app.organisation import service as organisation

    project = cast.project
    if chair is None:
        chair = organisation.add_member(None, project, organisation.MemberData(
            group="steering", user_id=cast["sponsor"].id, name="", department="other",
            role="chair"))
    meeting = organisation.create_meeting(None, project, organisation.MeetingData(
        group="steering", title=f"Steering committee 指导委员会 {held_on}", held_on=held_on,
        agenda="Pilot", minutes="Pilot on track."))
    organisation.record_attendance(None, project, meeting, meeting.version,
                                   {chair.id: ("present", "")})
    organisation.add_decision(None, project, meeting, meeting.version, text, "按计划 On plan")
    if approve:
        organisation.approve_minutes(None, project, meeting, meeting.version, meeting.sha256)
    return chair


def test_steering_decisions_are_quoted_from_approved_minutes_only(cast, db_session):
    chair = _steering_meeting(cast, TODAY - timedelta(days=20), "先培训，后上线 Train first")
    _steering_meeting(cast, TODAY - timedelta(days=10), "Draft minutes only", chair,
                      approve=False)
    _steering_meeting(cast, TODAY - timedelta(days=200), "Long ago", chair)
    _steering_meeting(cast, TODAY - timedelta(days=5), '<img src=x onerror="alert(1)">', chair)
    edition = published(cast, sections=[("decisions", "")])
    snap = json.loads(edition.snapshots_json)["decisions"]
    assert [(q["code"], q["text"]) for q in snap["quotes"]] == [
        ("DEC-01", "先培训，后上线 Train first"), ("DEC-04", '<img src=x onerror="alert(1)">')]
    assert "<img" not in edition.html and "&lt;img src=x" in edition.html
    assert snap["quotes"][0]["rationale"] == "按计划 On plan"
    assert "先培训，后上线 Train first" in edition.html
    assert "Draft minutes only" not in edition.html and "Long ago" not in edition.html
    before, now = frozen(db_session, cast.project, edition, "decisions", lambda: _steering_meeting(
        cast, TODAY, "Go live in March 三月上线", chair))
    assert len(before["quotes"]) == 2 and len(now["quotes"]) == 3


def test_a_chinese_pdf_carries_all_five_sections(cast, db_session, tmp_path):
    from app.risks import service as risks
    from app.training import service as training

    project = cast.project
    _decided(cast, _plan_task(project), "延长构建 Longer build", "approve", 10)
    risks.create_risk(None, project, risks.RiskData(
        title="接口延迟 Interface late", description="", category="integration",
        owner_id=cast["pm"].id, strategy="reduce", response_plan="先做原型", trigger="",
        status="open"), 4, 4, TODAY - timedelta(days=30))
    people = training.add_trainees(None, project, "sales", ["陈静", "李伟"])
    _trained(cast, TODAY - timedelta(days=5), {people[0].id})
    _steering_meeting(cast, TODAY - timedelta(days=20), "先培训，后上线")
    edition = published(cast, language="zh-Hans", title="试点进展", body="## 进展\n\n试点顺利。",
                        sections=[(key, f"编者按：{key}") for key in
                                  ("changes", "risks", "training", "health", "decisions")])
    path = tmp_path / "all.pdf"
    path.write_bytes(edition.pdf)
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    for heading in ("已决定的变更请求", "值得关注的风险", "培训覆盖率", "健康记分卡",
                    "指导委员会决定摘录"):
        assert heading in words, heading
    for text in ("延长构建", "接口延迟", "先培训，后上线", "编者按：risks"):
        assert text in words, text
    assert 2 <= edition.pages <= 10
