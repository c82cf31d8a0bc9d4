"""The pure impact analysis of change requests and the committee's vote rule."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from app.changes import impact, workflow
from app.changes.impact import InvalidOperation, Operation
from app.planning import schedule
from app.planning.calendar import WorkingCalendar

START = date(2026, 1, 5)  # a Monday
DESIGN, BUILD, GOLIVE, TRAINING, MILESTONE = 1, 2, 3, 4, 5


def state(**changes) -> impact.State:
    """Design(3) -> Build(5) -> Go-live(0); Design -> Training(2) -> Go-live; a kick-off
    milestone before Design. Phases: 10 (Design, Build, Training), 20 (Go-live)."""
    tasks = (schedule.Task(MILESTONE, 0, name="Kick-off"), schedule.Task(DESIGN, 3, name="Design"),
             schedule.Task(BUILD, 5, name="Build"), schedule.Task(GOLIVE, 0, name="Go-live"),
             schedule.Task(TRAINING, 2, name="Training 培训"))
    fs = schedule.LinkType.FS
    links = (schedule.Dependency(MILESTONE, DESIGN, fs), schedule.Dependency(DESIGN, BUILD, fs),
             schedule.Dependency(BUILD, GOLIVE, fs), schedule.Dependency(DESIGN, TRAINING, fs),
             schedule.Dependency(TRAINING, GOLIVE, fs))
    plan = schedule.PlanInput(tasks, links, WorkingCalendar(), START)
    values = {
        "plan": plan,
        "task_phase": {MILESTONE: 10, DESIGN: 10, BUILD: 10, TRAINING: 10, GOLIVE: 20},
        "phases": (impact.Phase(10, "Design phase", "Design review"),
                   impact.Phase(20, "Rollout", "Go-live gate")),
        "lines": (impact.Line(100, "BL-001", "Training", "training", Decimal("40000")),
                  impact.Line(101, "BL-002", "Reserve", "contingency", Decimal("20000"))),
        "requirements": (impact.Requirement(7, "REQ-007", "Shared view", "signed_off", 1, True,
                                            ("Scope v1",)),),
    }
    values.update(changes)
    return impact.State(**values)


def op(kind, target=None, **params) -> Operation:
    return Operation(kind, target, params)


def test_nothing_proposed_moves_nothing():
    result = impact.analyse(state(), [])
    assert result.finish_before == result.finish_after == date(2026, 1, 14)
    assert (result.finish_shift, result.moved, result.gates, result.cost_delta) == (
        0, (), (), Decimal(0))
    assert result.critical_before == ("Kick-off", "Design", "Build", "Go-live")


def test_a_longer_critical_task_moves_the_finish_and_the_gates():
    result = impact.analyse(state(), [op("task_change", BUILD, duration=8)])
    assert (result.finish_after, result.finish_shift) == (date(2026, 1, 19), 3)
    assert {m["name"]: m["shift"] for m in result.moved} == {"Build": 3, "Go-live": 3}
    assert [(g["phase"], g["shift"]) for g in result.gates] == [("Design phase", 3),
                                                               ("Rollout", 3)]
    # Training's float grows (it was 3); nothing is consumed.
    assert result.float_consumed == ()


@pytest.mark.parametrize(("days", "consumed", "shift"), [(4, 2, 0), (5, 3, 0), (6, 3, 1)])
def test_float_is_consumed_up_to_the_slack_then_the_finish_moves(days, consumed, shift):
    result = impact.analyse(state(), [op("task_change", TRAINING, duration=days)])
    assert result.finish_shift == shift
    [used] = result.float_consumed
    assert (used["name"], used["consumed"]) == ("Training 培训", consumed)
    assert ("Training 培训" in result.critical_after) == (days >= 5)


def test_constraints_lags_links_and_milestones():
    moved = impact.analyse(state(), [op("milestone_move", MILESTONE, date="2026-01-07")])
    assert moved.finish_shift == 2
    lag = impact.analyse(state(), [op("lag_change", predecessor_id=DESIGN, successor_id=BUILD,
                                      lag=2)])
    assert lag.finish_shift == 2
    snet = impact.analyse(state(), [op("task_change", BUILD, constraint_type="SNET",
                                       constraint_date="2026-01-12")])
    assert snet.finish_shift == 2
    removed = impact.analyse(state(), [op("link_remove", predecessor_id=DESIGN,
                                          successor_id=BUILD)])
    assert removed.finish_shift == -3
    added = impact.analyse(state(), [op("link_add", predecessor_id=TRAINING, successor_id=BUILD,
                                        type="FS", lag=0)])
    assert added.finish_shift == 2


def test_tasks_added_and_removed():
    result = impact.analyse(state(), [
        op("task_add", name="数据迁移 Migration", phase_id=20, duration=4,
           predecessor_id=BUILD, successor_id=GOLIVE),
        op("task_remove", TRAINING)])
    status = {m["name"]: m["status"] for m in result.moved}
    assert status["数据迁移 Migration"] == "added" and status["Training 培训"] == "removed"
    assert result.finish_shift == 4
    assert "数据迁移 Migration" in result.critical_after


def test_money_changes_and_contingency_draws():
    result = impact.analyse(state(), [
        op("contingency_draw", 101, amount="5000", to_line_id=100),
        op("budget_change", 100, amount="50000")])
    assert (result.cost_before, result.cost_after, result.cost_delta) == (
        Decimal("60000"), Decimal("65000"), Decimal("5000"))  # the draw moves money only
    assert (result.contingency_before, result.contingency_after) == (Decimal("20000"),
                                                                     Decimal("15000"))


def test_added_and_removed_lines_move_the_cost_and_the_reserve():
    result = impact.analyse(state(), [
        op("line_add", name="ERP interface", category="integration", fiscal_year=2026,
           quarter=3, amount="7000"),
        op("line_add", name="Second reserve", category="contingency", fiscal_year="2027",
           quarter="1", amount="3000"),
        op("line_remove", 100)])
    assert (result.cost_before, result.cost_after, result.cost_delta) == (
        Decimal("60000"), Decimal("30000"), Decimal("-30000"))
    assert (result.contingency_before, result.contingency_after) == (Decimal("20000"),
                                                                     Decimal("23000"))
    removed_reserve = impact.analyse(state(), [op("line_remove", 101)])
    assert removed_reserve.contingency_after == 0


def test_requirements_affected_name_their_signed_baselines():
    result = impact.analyse(state(), [op("requirement_change", 7, title="Shared view v2")])
    assert result.requirements == ({"code": "REQ-007", "title": "Shared view", "signed": True,
                                    "baselines": ["Scope v1"]},)


@pytest.mark.parametrize(("operation", "code"), [
    (op("task_change", BUILD, duration=-1), "negative_duration"),
    (op("task_change", BUILD, duration=10001), "duration_too_long"),
    (op("task_change", 99, duration=1), "unknown_task"),
    (op("task_change", BUILD), "nothing_changed"),
    (op("task_change", BUILD, constraint_type="XXX", constraint_date="2026-01-01"),
     "bad_constraint"),
    (op("milestone_move", BUILD, date="2026-01-07"), "not_milestone"),
    (op("link_add", predecessor_id=BUILD, successor_id=BUILD), "self_link"),
    (op("link_add", predecessor_id=DESIGN, successor_id=BUILD), "link_exists"),
    (op("link_remove", predecessor_id=BUILD, successor_id=DESIGN), "link_missing"),
    (op("lag_change", predecessor_id=DESIGN, successor_id=BUILD, lag=1001), "bad_lag"),
    (op("task_add", name="", phase_id=10, duration=1), "task_needs_name"),
    (op("task_add", name="X", phase_id=99, duration=1), "unknown_phase"),
    (op("budget_change", 999, amount="1"), "unknown_line"),
    (op("budget_change", 100, amount="-1"), "bad_amount"),
    (op("contingency_draw", 100, amount="1", to_line_id=101), "not_contingency"),
    (op("contingency_draw", 101, amount="20000.01", to_line_id=100), "draw_exceeds"),
    (op("contingency_draw", 101, amount="0", to_line_id=100), "draw_exceeds"),
    (op("line_add", name=" ", category="training", fiscal_year=2026, quarter=1, amount="1"),
     "line_needs_name"),
    (op("line_add", name="X", category="hardware", fiscal_year=2026, quarter=1, amount="1"),
     "unknown_category"),
    (op("line_add", name="X", category="training", fiscal_year=2026, quarter=5, amount="1"),
     "bad_period"),
    (op("line_add", name="X", category="training", fiscal_year="soon", quarter=1,
        amount="1"), "bad_period"),
    (op("line_add", name="X", category="training", fiscal_year=2026, quarter=1,
        amount="-1"), "bad_amount"),
    (op("line_remove", 999), "unknown_line"),
    (op("requirement_change", 8, title="X"), "unknown_requirement"),
    (op("teleport", BUILD), "unknown_kind"),
])
def test_bad_operations_are_named(operation, code):
    with pytest.raises(InvalidOperation) as refused:
        impact.analyse(state(), [op("task_change", DESIGN, duration=4), operation])
    assert refused.value.code == code
    assert refused.value.position == 1


def test_a_loop_names_its_tasks():
    with pytest.raises(InvalidOperation) as refused:
        impact.analyse(state(), [op("link_add", predecessor_id=GOLIVE, successor_id=DESIGN)])
    assert refused.value.code == "cycle"
    assert all(n in refused.value.params["loop"] for n in ("Design", "Build", "Go-live"))


def test_the_draw_may_take_the_whole_reserve():
    result = impact.analyse(state(), [op("contingency_draw", 101, amount="20000",
                                         to_line_id=100)])
    assert result.contingency_after == 0 and result.cost_delta == 0


def test_the_fingerprint_follows_the_state_the_analysis_read():
    base = impact.fingerprint(state())
    assert base == impact.fingerprint(state())
    progressed = state().plan.with_tasks(dataclasses.replace(
        state().plan.task(DESIGN), percent_complete=50, actual_start=START))
    assert impact.fingerprint(state(plan=progressed)) != base
    richer = (impact.Line(100, "BL-001", "Training", "training", Decimal("40001")),)
    assert impact.fingerprint(state(lines=richer)) != base
    assert impact.analyse(state(), []).fingerprint == base


def test_the_analysis_as_stored_is_plain_json():
    stored = impact.analyse(state(), [op("task_change", BUILD, duration=8)]).as_dict()
    assert stored["finish_after"] == "2026-01-19" and stored["cost_delta"] == "0"


@pytest.mark.parametrize(("outcome", "votes", "ok"), [
    ("approve", ["approve"], True),
    ("approve", ["approve", "reject"], False),
    ("approve", ["approve", "approve", "reject"], True),
    ("approve", ["approve", "defer"], False),
    ("approve", ["abstain"], False),
    ("reject", ["reject", "approve"], False),
    ("reject", ["reject", "reject", "approve"], True),
    ("defer", [], True),
])
def test_the_votes_must_support_the_outcome(outcome, votes, ok):
    assert workflow.outcome_supported(outcome, votes) is ok


def test_the_lifecycle_allows_each_action_in_its_states():
    assert workflow.allowed("draft", "submit") and not workflow.allowed("submitted", "submit")
    assert workflow.allowed("approved", "apply") and not workflow.allowed("under_review", "apply")
    assert not any(workflow.allowed("implemented", a) for a in ("vote", "decide", "withdraw"))


def test_a_line_with_costs_cannot_be_removed():
    spent = (impact.Line(100, "BL-001", "Training", "training", Decimal("40000"), True),)
    with pytest.raises(InvalidOperation) as refused:
        impact.analyse(state(lines=spent), [op("line_remove", 100)])
    assert (refused.value.code, refused.value.params) == ("line_has_costs", {"line": "BL-001"})
