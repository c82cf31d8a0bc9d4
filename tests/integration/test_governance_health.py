"""Governance health: gatherers on real records, the scorecard page, snapshots and the CLI."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.governance import gather, service
from app.governance.health import RULES, Status
from app.governance.models import HealthSnapshot, SnapshotImmutable
from app.strategy import service as strategy
from app.strategy.models import text_sha256
from tests.conftest import login

DAY = date(2026, 12, 6)
URL = "/projects/CAST/governance/health"


def statuses(project, day: date = DAY) -> dict[str, str]:
    return service.scorecard(project, day).statuses()


def snapshot_count(db_session, project) -> int:
    return db_session.scalar(sa.select(sa.func.count(HealthSnapshot.id))
                             .where(HealthSnapshot.project_id == project.id))


# --- Gatherers ------------------------------------------------------------------------------------


def test_a_new_project_is_judged_on_what_it_lacks(cast):
    found = statuses(cast.project)
    assert set(found) == {r.id for r in RULES}
    assert found["vision_approved"] == found["objectives_kpis"] == "red"
    assert found["budget_hidden_costs"] == "red"
    # No plan yet: no build phase, no vendor decision date, no baseline, no evaluation.
    for rule_id in ("requirements_signed", "vendor_procedure", "spi_cpi", "no_sawtooth"):
        assert found[rule_id] == "not_applicable", rule_id
    # Monthly by default, none published: the first was due a month after the start.
    assert found["bulletins_on_schedule"] == "red"
    # No steering meeting held yet, no gate, no training roster: nothing to judge there yet.
    for rule_id in ("sponsor_attendance", "gates_passed", "training_coverage"):
        assert found[rule_id] == "not_applicable", rule_id
    # No open change request is ageing; an empty risk register and no governing document are
    # judged, not excused.
    assert found["change_requests_ageing"] == "green"
    assert found["risks_owned"] == "amber" and found["documents_approved"] == "red"


def test_vision_and_objectives_turn_green_as_the_records_arrive(cast):
    project, sponsor = cast.project, cast["sponsor"]
    draft = strategy.draft_vision(sponsor, project, 0, "Know every customer. 了解每一位客户。")
    assert statuses(project)["vision_approved"] == "red"
    vision = strategy.vision_of(project)
    strategy.approve_vision(sponsor, project, draft.number, vision.version,
                            text_sha256(draft.text))
    assert statuses(project)["vision_approved"] == "green"
    strategy.draft_vision(sponsor, project, vision.version, "Know every Asian customer.")
    assert statuses(project)["vision_approved"] == "amber"

    objective = strategy.create_objective(sponsor, project, strategy.ObjectiveData(
        "Retain key accounts 留住大客户", "", "retain", "", "short", "high", None, ()))
    facts = gather.objective_facts(project)
    assert facts[0].kpis == 0 and statuses(project)["objectives_kpis"] == "red"
    strategy.create_kpi(sponsor, project, strategy.KpiData(
        objective.id, "Retention rate", "", "%", "higher", "loyalty", Decimal(80),
        date(2025, 12, 1), None, None, None, None))
    assert statuses(project)["objectives_kpis"] == "green"


def test_plan_requirements_budget_and_vendors_are_read_from_their_modules(cast):
    from app.planning import baselines, standard_plan
    from app.planning import service as planning

    project = cast.project
    standard_plan.start_from_standard_plan(None, project)
    baselines.save_baseline(None, project, "Approved plan")
    rules = service.thresholds().sections["plan"]
    from app.governance.gather_plan import evm_facts, plan_facts

    dates = plan_facts(project, rules)
    start, due = dates.build_start, dates.vendor_decision_due
    assert start is not None and due is not None and due <= start
    integration = next(p for p in planning.phases(project) if "System integration" in p.name)
    result = planning.scheduled(project).result
    assert start == min(result[t.id].early_start for t in integration.tasks)
    ev = evm_facts(project, start)
    assert ev.baseline == "Approved plan" and ev.status_date == start

    # With no requirement at all the rule is red; past the vendor decision date without a
    # selection, red; well before it, still time.
    assert statuses(project, start - timedelta(days=1))["requirements_signed"] == "red"
    assert statuses(project, due + timedelta(days=1))["vendor_procedure"] == "red"
    assert statuses(project, due - timedelta(days=100))["vendor_procedure"] == "green"


def test_requirements_facts_carry_the_day_the_version_in_force_was_signed(cast):
    from app.requirements import service as requirements

    project = cast.project
    requirement = requirements.create_requirement(None, project, requirements.RequirementData(
        title="One account record 一个客户档案", description="", kind="functional",
        priority="must", department="sales", acceptance_criteria="", objective_ids=()))
    facts = gather.requirement_facts(project)
    assert [(f.code, f.status, f.signed_on) for f in facts] == [
        (requirement.code, "draft", None)]


def test_budget_warnings_reach_the_scorecard(cast):
    from app.budget import service as budget

    project = cast.project
    budget.create_line(None, project, budget.LineData(
        category="software_licences", fiscal_year=2026, quarter=1, name="Licences",
        planned=Decimal("100000.00")))
    facts = gather.budget_facts(project, DAY)
    assert facts.planned_total == Decimal("100000.00")
    assert {w.code.value for w in facts.warnings} >= {"hidden_cost_missing",
                                                      "contingency_missing"}
    assert statuses(project)["budget_hidden_costs"] == "red"


def test_governance_packages_summaries_become_facts(cast, monkeypatch):
    """Each governance package's summary rows map field by field onto the scorecard's facts."""
    from app.changes import service as changes
    from app.organisation import service as organisation
    from app.organisation.doc_service import DocumentStatus
    from app.organisation.summaries import AttendanceSummary, MemberAttendance
    from app.quality import service as quality
    from app.risks import service as risks
    from app.training import service as training

    monkeypatch.setattr(risks, "risk_summary", lambda project: [risks.RiskSummary(
        "RISK-01", "数据质量", 16, "high", True, False, "open")])
    monkeypatch.setattr(changes, "open_requests", lambda project: [
        {"code": "CR-0001", "number": 1, "status": "submitted",
         "submitted": DAY - timedelta(days=70)}])
    monkeypatch.setattr(training, "coverage_summary", lambda project: [
        training.DepartmentSummary("sales", 40, 40, 38, DAY + timedelta(days=12))])
    monkeypatch.setattr(quality, "gate_summary", lambda project: [quality.GateStatus(
        7, 1, "需求 Requirements", "Baseline frozen", DAY - timedelta(days=30), "pass", DAY,
        4, 3, 1, 0, 0, "/projects/CAST/quality/gates/7")])
    sponsor = MemberAttendance(1, "Catherine", "chair", True, 10, 7)
    monkeypatch.setattr(organisation, "attendance_summary", lambda project: AttendanceSummary(
        10, sponsor, (sponsor, MemberAttendance(2, "张伟", "member", False, 10, 10))))
    monkeypatch.setattr(organisation, "document_summary", lambda project: [DocumentStatus(
        "DOC-01", "usage_rules", "CRM 使用规范", True, DAY, True)])

    found = statuses(cast.project)
    assert found["risks_owned"] == "red"  # a high risk without a response
    assert found["change_requests_ageing"] == "red"  # 70 days old
    assert found["training_coverage"] == "green"  # 38 of 40 trained in both kinds
    assert found["gates_passed"] == "green"
    assert found["sponsor_attendance"] == "amber"  # 70%
    assert found["documents_approved"] == "amber"  # one review overdue


# --- The page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["sponsor", "steering", "pm", "member"])
def test_the_team_reads_the_scorecard(client, cast, role):
    login(client, cast[role])
    page = client.get(URL)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Governance health" in html and "<svg" in html
    for spec in RULES:
        assert f'id="rule-{spec.id}"' in html
    assert "top-management participation and commitment" in html
    assert 'href="/projects/CAST/strategy/vision"' in html


def test_rules_of_installed_modules_link_to_the_page_that_fixes_them(app, cast):
    from app.governance.views import fix_url

    installed = {spec.id for spec in RULES}
    with app.test_request_context():
        links = {spec.id: fix_url(cast.project, spec) for spec in RULES}
    assert {rule_id for rule_id, url in links.items() if url} == installed
    assert all(links[rule_id].startswith("/projects/CAST/") for rule_id in installed)


def test_staff_and_outsiders_see_nothing(client, cast):
    login(client, cast["staff"])
    assert client.get(URL).status_code == 403
    assert "Governance health" not in client.get("/projects/CAST").get_data(as_text=True)
    client.post("/logout")
    login(client, cast["outsider"])
    assert client.get(URL).status_code == 404


def test_viewing_records_one_snapshot_a_day(client, cast, db_session):
    login(client, cast["pm"])
    assert snapshot_count(db_session, cast.project) == 0
    client.get(URL)
    client.get(URL)
    assert snapshot_count(db_session, cast.project) == 1
    home = client.get("/projects/CAST").get_data(as_text=True)
    assert "Governance health" in home and "/ 100" in home


def test_the_scorecard_speaks_chinese(client, cast):
    login(client, cast["sponsor"])
    html = client.get(URL, headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "治理健康度" in html and "尚未撰写愿景。" in html and "红色" in html


def test_the_page_prints_without_navigation_or_links(client, cast):
    login(client, cast["sponsor"])
    html = client.get(URL).get_data(as_text=True)
    assert 'class="no-print"' in html and "kpi-state" in html


# --- Snapshots ------------------------------------------------------------------------------------


def test_snapshots_are_append_only(cast, db_session):
    recorded = service.record_snapshot(cast.project, DAY)
    assert recorded.created
    again = service.record_snapshot(cast.project, DAY)
    assert not again.created and again.snapshot.id == recorded.snapshot.id
    snapshot = recorded.snapshot
    snapshot.score = 99
    with pytest.raises(SnapshotImmutable):
        db_session.flush()
    db_session.rollback()
    snapshot = db_session.get(HealthSnapshot, recorded.snapshot.id)
    db_session.delete(snapshot)
    with pytest.raises(SnapshotImmutable):
        db_session.flush()
    db_session.rollback()


def test_the_database_refuses_to_update_a_snapshot(cast, db_session):
    snapshot = service.record_snapshot(cast.project, DAY).snapshot
    with pytest.raises(sa.exc.DBAPIError), db_session.begin_nested():
        db_session.execute(sa.text("UPDATE health_snapshot SET score = 1 WHERE id = :id"),
                           {"id": snapshot.id})


def test_history_is_validated(cast):
    with pytest.raises(ValueError, match="unknown rule"):
        service.add_history(cast.project, DAY, 50, "amber", {"no_such_rule": "red"})
    with pytest.raises(ValueError, match="unknown rule"):
        service.add_history(cast.project, DAY, 50, "purple", {})
    with pytest.raises(ValueError, match="0-100"):
        service.add_history(cast.project, DAY, 101, "green", {})
    assert service.add_history(cast.project, DAY, 40, "red", {"vision_approved": "red"})
    assert not service.add_history(cast.project, DAY, 40, "red", {})


# --- CLI ------------------------------------------------------------------------------------------


def test_cli_records_today_once(runner, cast, db_session):
    first = runner.invoke(args=["health", "snapshot", "--project", "cast"])
    assert first.exit_code == 0, first.output
    assert "CAST" in first.output and "recorded." in first.output
    second = runner.invoke(args=["health", "snapshot"])
    assert second.exit_code == 0 and "already recorded today" in second.output
    assert snapshot_count(db_session, cast.project) == 1


@pytest.mark.parametrize("code", ["NOPE", "../etc", "'; DROP TABLE x; --", "项目", ""])
def test_cli_refuses_an_unknown_project(runner, cast, db_session, code):
    result = runner.invoke(args=["health", "snapshot", "--project", code])
    assert result.exit_code != 0
    assert "No project with code" in result.output
    assert snapshot_count(db_session, cast.project) == 0


def test_statuses_in_a_snapshot_name_every_rule(cast):
    snapshot = service.record_snapshot(cast.project, DAY).snapshot
    assert set(snapshot.statuses) == {r.id for r in RULES}
    assert snapshot.status in {s.value for s in Status}


# --- Demo ------------------------------------------------------------------------------------


def test_demo_history_and_todays_reds_and_ambers(runner, db_session):
    from app.projects.service import get_by_code

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    history = service.snapshots(project)
    assert len(history) == 11 and history[0].taken_on == date(2026, 1, 30)
    assert [s.score for s in history[:3]] == [72, 88, 82]
    assert history[6].statuses["requirements_signed"] == "red"
    assert history[6].statuses["vendor_procedure"] == "green"
    # The later modules' rules follow their seeds: no gate due in January, gate 0 passed in
    # February, the requirements gate with conditions in March, the vendor gate overdue from
    # July; the sponsor's absences in May and August; risks without owners from May.
    column = {rule: [s.statuses[rule] for s in history]
              for rule in ("gates_passed", "sponsor_attendance", "risks_owned")}
    assert column["gates_passed"][:7] == ["not_applicable", "green"] + ["amber"] * 4 + ["red"]
    assert column["sponsor_attendance"][6:10] == ["green", "amber", "amber", "green"]
    assert column["risks_owned"][3:8] == ["green", "amber", "amber", "amber", "red"]
    assert history[10].statuses["training_coverage"] == "red"
    assert {s.statuses["change_requests_ageing"] for s in history} == {"green"}
    assert not any("not_applicable" in (s.statuses["documents_approved"],
                                        s.statuses["training_coverage"]) for s in history)
    again = runner.invoke(args=["seed", "demo"])
    assert "nothing changed" in again.output and len(service.snapshots(project)) == 11
    found = statuses(project, DAY)
    # Four requirements were unsigned when the build started; the vendor gate failed a
    # checkpoint; finance has had no operational training yet; four open risks lack an owner or
    # a response.
    assert found["requirements_signed"] == found["gates_passed"] == "red"
    assert found["training_coverage"] == found["risks_owned"] == "red"
    # An approved change request drew on the contingency; the training budget saws; the usage
    # rules' new version awaits the sponsor.
    assert found["budget_hidden_costs"] == found["no_sawtooth"] == "amber"
    assert found["documents_approved"] == "amber"
    assert found["vision_approved"] == found["objectives_kpis"] == found["spi_cpi"] == "green"
    assert found["vendor_procedure"] == found["bulletins_on_schedule"] == "green"
    assert found["sponsor_attendance"] == found["change_requests_ageing"] == "green"
    assert service.scorecard(project, DAY).score == 57


def test_demo_rules_read_the_story_dates_not_the_load_day(runner, db_session):
    """Sign-offs in March 2026 and a selection through the procedure in May 2026: only the
    four requirements the story leaves unsigned at the build start are late."""
    from app.projects.service import get_by_code

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    facts = {r.code: r for r in gather.requirement_facts(project)}
    from app.governance.gather_plan import plan_facts

    build = plan_facts(project, service.thresholds().sections["plan"]).build_start
    assert build == date(2026, 6, 30)
    late = sorted(code for code, r in facts.items() if r.status != "withdrawn"
                  and (r.signed_on is None or r.signed_on > build))
    assert late == ["REQ-018", "REQ-019", "REQ-020", "REQ-022"]
    assert facts["REQ-001"].signed_on == date(2026, 3, 10)
    assert facts["REQ-008"].signed_on == date(2026, 4, 24)  # version 2, signed again
    vendors = gather.vendor_facts(project)
    assert vendors.selected == "FlavourSoft Asia" and not vendors.by_override
    assert vendors.shortlisted == 3
