"""Pure gate logic: blockers of a decision, checkpoint counts, exit criteria, early starts."""

from datetime import date

import pytest

from app.quality import gates
from app.quality.gates import CheckpointRef, TaskStart


def refs(*statuses):
    return [CheckpointRef(f"QC-{i:02d}", f"Check {i}", s) for i, s in enumerate(statuses, 1)]


@pytest.mark.parametrize("decision", ["pass", "pass_with_conditions"])
def test_a_pass_is_blocked_by_each_pending_or_failed_checkpoint(decision):
    blocking = gates.blockers(decision, refs("passed", "failed", "waived", "pending"))
    assert [c.code for c in blocking] == ["QC-02", "QC-04"]


@pytest.mark.parametrize("decision", ["pass", "pass_with_conditions"])
def test_a_pass_is_open_once_every_checkpoint_passed_or_was_waived(decision):
    assert gates.blockers(decision, refs("passed", "waived")) == []
    assert gates.blockers(decision, []) == []


def test_a_fail_is_always_open_to_the_committee():
    assert gates.blockers("fail", refs("failed", "pending")) == []


def test_an_unknown_decision_is_an_error():
    with pytest.raises(ValueError):
        gates.blockers("maybe", refs("passed"))


def test_counts_by_status():
    counts = gates.count(["passed", "failed", "waived", "pending", "passed"])
    assert (counts.total, counts.passed, counts.waived, counts.failed, counts.pending) == \
        (5, 2, 1, 1, 1)
    assert not counts.cleared
    assert gates.count(["passed", "waived"]).cleared
    assert gates.count([]) == gates.CheckpointCounts() and gates.count([]).cleared


def test_exit_criteria_are_the_non_empty_lines_without_bullets():
    text = "- Vision signed\n\n  * 需求已冻结  \n• Team formed\n   \n"
    assert gates.criteria_lines(text) == ["Vision signed", "需求已冻结", "Team formed"]
    assert gates.criteria_lines("") == []


def test_phase_finish_is_the_latest_task_finish():
    assert gates.phase_finish([date(2026, 3, 1), date(2026, 3, 27), date(2026, 2, 1)]) == \
        date(2026, 3, 27)
    assert gates.phase_finish([]) is None


GATE = date(2026, 3, 27)


def test_before_a_pass_tasks_scheduled_before_the_gate_date_are_early():
    tasks = [TaskStart(1, "on the day", GATE), TaskStart(2, "day before", date(2026, 3, 26)),
             TaskStart(3, "after", date(2026, 3, 30))]
    flagged = gates.early_starts(tasks, GATE, None)
    assert [(e.task.id, e.started) for e in flagged] == [(2, False)]


def test_before_a_pass_a_started_task_is_early_whatever_its_date():
    tasks = [TaskStart(1, "started late", date(2026, 4, 6), actual_start=date(2026, 4, 6))]
    assert [(e.task.id, e.started) for e in gates.early_starts(tasks, GATE, None)] == [(1, True)]


def test_without_a_gate_date_only_started_tasks_are_early():
    tasks = [TaskStart(1, "planned", date(2026, 1, 1)),
             TaskStart(2, "begun", date(2026, 1, 1), actual_start=date(2026, 1, 2))]
    assert [e.task.id for e in gates.early_starts(tasks, None, None)] == [2]


def test_after_a_pass_tasks_starting_before_the_pass_are_early():
    passed_on = date(2026, 3, 30)
    tasks = [TaskStart(1, "actual before", date(2026, 4, 1), actual_start=date(2026, 3, 27)),
             TaskStart(2, "scheduled before", date(2026, 3, 29)),
             TaskStart(3, "on the day", passed_on),
             TaskStart(4, "actual on the day", date(2026, 3, 2), actual_start=passed_on)]
    flagged = gates.early_starts(tasks, GATE, passed_on)
    assert [e.task.id for e in flagged] == [1, 2]  # ordered by start
    assert flagged[0].started and not flagged[1].started
