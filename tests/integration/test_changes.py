"""Change requests: logging with impact, bad operations, the committee's decision, applying,
enforcement on baselined plans and signed-off requirements, the register and its export."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.budget import service as budget
from app.changes import service
from app.changes.guard import ChangeRequestRequired
from app.core.audit import AuditLog
from app.core.errors import DomainError, PermissionDenied, StaleEdit
from app.planning import baselines
from app.planning import service as planning
from tests.conftest import audit_count


@pytest.fixture
def plan(cast):
    return build_plan(cast)


def build_plan(cast):
    """Design(3) -> Build(5) -> Go-live(0), Training(2) after Design; baselined."""
    project = cast.project
    phase = planning.create_phase(None, project, "试点设计 Pilot design", "Design review")
    later = planning.create_phase(None, project, "Rollout", "Go-live gate")
    t = {}
    for name, days, where in (("Design", 3, phase), ("Build", 5, phase), ("Go-live", 0, later),
                              ("Training", 2, phase)):
        t[name] = planning.create_task(None, project, planning.TaskData(name, where.id, days))
    planning.add_dependency(None, project, t["Design"].id, t["Build"].id, "FS", 0)
    planning.add_dependency(None, project, t["Build"].id, t["Go-live"].id, "FS", 0)
    planning.add_dependency(None, project, t["Design"].id, t["Training"].id, "FS", 0)
    baselines.save_baseline(None, project, "Approved plan")
    return project, phase, t


def request(**changes) -> service.RequestData:
    values = {"title": "Longer build 延长构建", "rationale": "Integration is harder.",
              "category": "schedule", "urgency": "high"}
    values.update(changes)
    return service.RequestData(**values)


def duration(task, days) -> service.OperationData:
    return service.OperationData("task_change", task.id, {"duration": days})


def submitted(cast, plan, *ops):
    project, _, t = plan
    return service.create_request(cast["pm"], project, request(),
                                  list(ops) or [duration(t["Build"], 8)], submit=True)


def test_submission_numbers_and_analyses_the_impact(cast, plan):
    project, _, t = plan
    cr = submitted(cast, plan)
    assert (cr.code, cr.status, cr.requester_label) == ("CR-0001", "submitted", "Pm person")
    impact = cr.impact
    assert (impact["finish_before"], impact["finish_after"]) == ("2026-01-14", "2026-01-19")
    assert cr.finish_shift == 3 and impact["finish_shift"] == 3
    assert impact["critical_after"] == ["Design", "Build", "Go-live"]
    moved = {m["name"]: m["shift"] for m in impact["moved"]}
    assert moved == {"Build": 3, "Go-live": 3}
    assert impact["float_consumed"] == []  # Training ends the plan's other branch: it gains
    assert [g["phase"] for g in impact["gates"]] == ["试点设计 Pilot design", "Rollout"]
    assert cr.impact_fingerprint and len(cr.impact_fingerprint) == 64
    second = service.create_request(cast["steering"], project, request(category="other"),
                                    submit=True)
    assert second.code == "CR-0002"
    assert planning.task_in(project, t["Build"].id).duration == 5  # nothing applied yet


def test_float_consumed_without_moving_the_finish(cast, plan):
    _, _, t = plan
    cr = submitted(cast, plan, duration(t["Training"], 4))
    assert cr.finish_shift == 0 and cr.impact["gates"] == []
    assert [(f["name"], f["before"], f["after"]) for f in cr.impact["float_consumed"]] == [
        ("Training", 3, 1)]


@pytest.mark.parametrize(("op", "words"), [
    ("cycle", "loop"), ("negative", "cannot be negative"), ("unknown", "is not in this plan"),
    ("self", "itself"), ("milestone", "not a milestone"),
])
def test_bad_operations_are_refused_with_a_message_and_no_write(cast, plan, op, words):
    project, _, t = plan
    ops = {
        "cycle": service.OperationData("link_add", None, {
            "predecessor_id": t["Go-live"].id, "successor_id": t["Design"].id}),
        "negative": duration(t["Build"], -2),
        "unknown": service.OperationData("task_change", 999_999, {"duration": 2}),
        "self": service.OperationData("link_add", None, {
            "predecessor_id": t["Build"].id, "successor_id": t["Build"].id}),
        "milestone": service.OperationData("milestone_move", t["Build"].id,
                                           {"date": "2026-02-02"}),
    }
    before = audit_count()
    with pytest.raises(DomainError, match=words) as refused:
        service.create_request(cast["pm"], project, request(), [ops[op]], submit=True)
    if op == "cycle":
        assert all(n in refused.value.message for n in ("Design", "Build", "Go-live"))
    assert audit_count() == before
    assert service.requests(project) == []


def test_a_request_without_operations_must_be_other(cast, plan):
    project, _, _ = plan
    with pytest.raises(DomainError, match="at least one"):
        service.create_request(cast["pm"], project, request(), [], submit=True)


def test_only_committee_members_other_than_the_requester_decide(cast, plan):
    project, _, _ = plan
    cr = submitted(cast, plan)
    with pytest.raises(PermissionDenied):
        service.decide(cast["pm"], project, cr, cr.version, "approve", "ok", date(2026, 1, 9))
    mine = service.create_request(cast["steering"], project, request(category="other"),
                                  submit=True)
    with pytest.raises(PermissionDenied, match="someone else"):
        service.decide(cast["steering"], project, mine, mine.version, "approve", "ok",
                       date(2026, 1, 9))
    with pytest.raises(PermissionDenied):
        service.vote(cast["member"], project, cr, "approve")


def test_votes_are_recorded_and_must_support_the_outcome(cast, plan):
    project, _, _ = plan
    cr = submitted(cast, plan)
    service.vote(cast["steering"], project, cr, "reject", "Too late 太晚")
    assert cr.status == "under_review"
    with pytest.raises(DomainError, match="do not support"):
        service.decide(cast["sponsor"], project, cr, cr.version, "approve", "We need it",
                       date(2026, 1, 9))
    service.vote(cast["sponsor"], project, cr, "reject")
    service.decide(cast["sponsor"], project, cr, cr.version, "reject", "Not now",
                   date(2026, 1, 9))
    assert cr.status == "rejected" and cr.meeting_date == date(2026, 1, 9)
    assert sorted((v.voter_label, v.vote) for v in cr.votes) == [
        ("Sponsor person", "reject"), ("Steering person", "reject")]


def approved(cast, plan, *ops):
    project, _, _ = plan
    cr = submitted(cast, plan, *ops)
    service.decide(cast["sponsor"], project, cr, cr.version, "approve", "Worth it",
                   date(2026, 1, 9))
    return cr


def test_applying_lands_every_operation_linked_on_the_audit_trail(cast, plan, db_session):
    project, phase, t = plan
    cr = approved(cast, plan, duration(t["Build"], 8),
                  service.OperationData("link_remove", None, {
                      "predecessor_id": t["Design"].id, "successor_id": t["Training"].id}),
                  service.OperationData("task_add", None, {
                      "name": "数据迁移 Migration", "phase_id": phase.id, "duration": 2,
                      "predecessor_id": t["Build"].id}))
    assert cr.status == "approved" and [v.vote for v in cr.votes] == ["approve"]
    service.apply_request(cast["pm"], project, cr, cr.version)
    assert cr.status == "implemented"
    assert planning.task_in(project, t["Build"].id).duration == 8
    names = {x.name for x in planning.tasks(project)}
    assert "数据迁移 Migration" in names
    assert len(planning.dependencies(project)) == 3
    linked = db_session.execute(sa.select(AuditLog.entity_type).where(
        AuditLog.context == "CR-0001")).scalars().all()
    assert {"PlanTask", "PlanDependency", "ChangeRequest"} <= set(linked)


def test_a_stale_snapshot_blocks_application(cast, plan):
    project, _, t = plan
    cr = approved(cast, plan)
    training = t["Training"]
    planning.update_task(cast["pm"], project, training, training.version, planning.TaskData(
        "Training", training.phase_id, 2, percent_complete=50, actual_start=date(2026, 1, 8)))
    before = audit_count()
    with pytest.raises(DomainError, match="fresh analysis"):
        service.apply_request(cast["pm"], project, cr, cr.version)
    assert audit_count() == before and cr.status == "approved"
    service.analyse(cast["pm"], project, cr)
    assert cr.status == "approved"  # the finish and cost impact did not change
    service.apply_request(cast["pm"], project, cr, cr.version)
    assert planning.task_in(project, t["Build"].id).duration == 8


def test_a_fresh_analysis_with_a_new_impact_returns_an_approval_to_review(cast, plan):
    project, _, t = plan
    first = approved(cast, plan)  # Build 5 -> 8: the finish moves 3 days
    second = approved(cast, plan, duration(t["Design"], 5))
    service.apply_request(cast["pm"], project, second, second.version)
    with pytest.raises(DomainError, match="fresh analysis"):
        service.apply_request(cast["pm"], project, first, first.version)
    service.analyse(cast["steering"], project, first)
    assert first.status == "approved" and first.finish_shift == 3  # same impact: still approved
    third = approved(cast, plan, duration(t["Training"], 9))  # Training becomes the longest
    service.apply_request(cast["pm"], project, third, third.version)
    service.analyse(cast["pm"], project, first)
    assert (first.status, first.finish_shift, first.decided_at) == ("under_review", 0, None)


def test_direct_edits_of_a_baselined_plan_are_refused_but_progress_is_not(cast, plan):
    project, phase, t = plan
    build = t["Build"]
    with pytest.raises(ChangeRequestRequired) as refused:
        planning.update_task(cast["pm"], project, build, build.version,
                             planning.TaskData("Build", phase.id, 9))
    assert refused.value.prefill == {"kind": "task_change", "target_id": build.id,
                                     "duration": 9}
    with pytest.raises(ChangeRequestRequired):
        planning.create_task(cast["pm"], project, planning.TaskData("Extra", phase.id, 1))
    with pytest.raises(ChangeRequestRequired):
        planning.delete_task(cast["pm"], project, build, build.version)
    link = planning.dependency_in(project, planning.dependencies(project)[0].id)
    with pytest.raises(ChangeRequestRequired):
        planning.delete_dependency(cast["pm"], project, link, link.version)
    planning.update_task(cast["pm"], project, build, build.version, planning.TaskData(
        "Build", phase.id, 5, percent_complete=20, actual_start=date(2026, 1, 8),
        actual_cost=Decimal("1200")))
    assert build.percent_complete == 20


def test_a_signed_off_requirement_is_changed_through_a_request(cast, plan, db_session):
    from app.requirements import service as requirements
    from tests.integration.test_requirements import data

    project, _, _ = plan
    requirements.add_signer(None, project, cast["sponsor"].id, "Sponsor", None, "Approved")
    req = requirements.create_requirement(None, project, data())
    requirements.submit_for_review(None, project, req, req.version)
    requirements.sign(cast["sponsor"], project, req, 1, requirements.version_of(req, 1).sha256)
    with pytest.raises(ChangeRequestRequired) as refused:
        requirements.update_requirement(cast["pm"], project, req, req.version,
                                        data(title="Shared view v2"))
    assert refused.value.prefill["kind"] == "requirement_change"
    cr = approved(cast, plan, service.OperationData("requirement_change", req.id, {
        "title": "Shared view v2", "description": "All contacts.",
        "acceptance_criteria": "Same account."}))
    assert cr.impact["requirements"][0]["signed"] is True
    service.apply_request(cast["pm"], project, cr, cr.version)
    assert (req.current_number, req.status, req.title) == (2, "in_review", "Shared view v2")


def test_budget_changes_and_contingency_draws(cast, plan):
    project, _, _ = plan
    line = budget.create_line(None, project, budget.LineData(
        "training", 2026, 2, "Training 培训", Decimal("40000")))
    reserve = budget.create_line(None, project, budget.LineData(
        "contingency", 2026, 2, "Reserve", Decimal("20000")))
    draw = service.OperationData("contingency_draw", reserve.id,
                                 {"amount": "5000", "to_line_id": line.id})
    cr = approved(cast, plan, draw, service.OperationData("budget_change", line.id,
                                                          {"amount": "50000"}))
    impact = cr.impact
    assert Decimal(impact["cost_delta"]) == Decimal("5000")
    assert Decimal(impact["contingency_after"]) == Decimal("15000")
    service.apply_request(cast["sponsor"], project, cr, cr.version)
    assert (line.planned, reserve.planned) == (Decimal("50000"), Decimal("15000"))
    too_much = service.OperationData("contingency_draw", reserve.id,
                                     {"amount": "90000", "to_line_id": line.id})
    with pytest.raises(DomainError, match="at most"):
        submitted(cast, plan, too_much)


def test_withdraw_is_for_the_requester_only(cast, plan):
    project, _, _ = plan
    cr = submitted(cast, plan)
    with pytest.raises(PermissionDenied):
        service.withdraw(cast["steering"], project, cr, cr.version)
    with pytest.raises(StaleEdit):
        service.withdraw(cast["pm"], project, cr, cr.version - 1)
    service.withdraw(cast["pm"], project, cr, cr.version)
    assert cr.status == "withdrawn"
    assert service.open_requests(project) == []


def test_open_requests_for_the_scorecard(cast, plan):
    project, _, _ = plan
    cr = submitted(cast, plan)
    service.create_request(cast["pm"], project, request(category="other"))  # a draft
    [row] = service.open_requests(project)
    assert (row["code"], row["status"], row["submitted"]) == (
        "CR-0001", "submitted", cr.submitted_at.date())


def test_demo_seeds_change_requests_in_every_state(runner, db_session):
    from app.changes.models import STATUSES
    from app.projects.service import get_by_code

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    rows = service.requests(project)
    assert {r.status for r in rows} == set(STATUSES) and len(rows) == 10
    applied = [r.code for r in rows if r.status == "implemented"]
    assert len(applied) == 3
    uat = next(t for t in planning.tasks(project) if t.name == "User acceptance testing")
    assert uat.duration == 25  # CR-0001 landed
    linked = db_session.execute(sa.select(sa.func.count(AuditLog.id)).where(
        AuditLog.context.in_(applied))).scalar_one()
    assert linked >= 6
    count = audit_count()
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    assert audit_count() == count and len(service.requests(project)) == 10
