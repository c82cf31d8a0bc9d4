"""CPM engine on small plans computed by hand: link types, lags, calendar, float, paths."""

from datetime import date

import pytest

from app.planning.calendar import WorkingCalendar
from app.planning.explain import Driver, explain, what_if
from app.planning.schedule import (
    Constraint,
    ConstraintType,
    Dependency,
    DependencyCycleError,
    LinkType,
    PlanInput,
    Progress,
    Task,
    compute,
)

MON = date(2026, 1, 5)  # a Monday; the week of 5-9 January 2026 and then 12-16 January
CAL = WorkingCalendar()


def d(day: int, month: int = 1) -> date:
    return date(2026, month, day)


def plan(tasks, deps=(), **kw) -> PlanInput:
    kw.setdefault("calendar", CAL)
    kw.setdefault("project_start", MON)
    return PlanInput(tuple(tasks), tuple(deps), **kw)


def dates(result, task_id):
    t = result[task_id]
    return t.early_start, t.early_finish


def test_single_task_finishes_on_its_last_working_day():
    r = compute(plan([Task("A", 5)]))
    assert dates(r, "A") == (d(5), d(9))
    assert r.project_finish == d(9)
    assert r["A"].critical and r["A"].total_float == 0


def test_project_start_on_a_weekend_rolls_to_monday():
    r = compute(plan([Task("A", 1)], project_start=date(2026, 1, 3)))
    assert dates(r, "A") == (d(5), d(5))


@pytest.mark.parametrize(
    ("kind", "lag", "b_dates"),
    [
        (LinkType.FS, 0, (d(8), d(9))),      # after A's last day (Wed 7)
        (LinkType.FS, 2, (d(12), d(13))),    # two working days of waiting (Thu, Fri)
        (LinkType.FS, -1, (d(7), d(8))),     # a lead of one day overlaps A's last day
        (LinkType.SS, 1, (d(6), d(7))),      # starts one day after A starts
        (LinkType.SS, -3, (d(5), d(6))),     # a lead cannot go before the project start
        (LinkType.FF, 0, (d(6), d(7))),      # finishes with A
        (LinkType.FF, 2, (d(8), d(9))),
        (LinkType.SF, 4, (d(7), d(8))),      # finishes no earlier than 4 days after A starts
        (LinkType.SF, 0, (d(5), d(6))),      # already satisfied at the project start
    ],
)
def test_each_link_type_with_lag(kind, lag, b_dates):
    r = compute(plan([Task("A", 3), Task("B", 2)], [Dependency("A", "B", kind, lag)]))
    assert dates(r, "A") == (d(5), d(7))
    assert dates(r, "B") == b_dates


def test_holidays_are_skipped_inside_a_task():
    cal = WorkingCalendar(holidays=frozenset({date(2026, 2, 17)}))
    r = compute(plan([Task("A", 3), Task("B", 1)], [Dependency("A", "B")], calendar=cal,
                     project_start=date(2026, 2, 16)))
    assert dates(r, "A") == (date(2026, 2, 16), date(2026, 2, 19))
    assert dates(r, "B") == (date(2026, 2, 20), date(2026, 2, 20))


def test_lag_counts_working_days_over_a_weekend():
    r = compute(plan([Task("A", 5), Task("B", 1)], [Dependency("A", "B", LinkType.FS, 1)]))
    assert dates(r, "B") == (d(13), d(13))  # Monday 12 is the lag day


def test_total_and_free_float_and_the_critical_path():
    # A(2) -> B(1) -> D(1); C(5) -> D.  C is critical; A and B share 2 days of float.
    tasks = [Task("A", 2), Task("B", 1), Task("C", 5), Task("D", 1)]
    deps = [Dependency("A", "B"), Dependency("B", "D"), Dependency("C", "D")]
    r = compute(plan(tasks, deps))
    assert dates(r, "D") == (d(12), d(12))
    assert (r["A"].total_float, r["A"].free_float) == (2, 0)
    assert (r["B"].total_float, r["B"].free_float) == (2, 2)
    assert (r["A"].late_start, r["A"].late_finish) == (d(7), d(8))
    assert r.critical_tasks == ("C", "D")
    assert r.critical_paths == (("C", "D"),)
    assert r.near_critical == ("A", "B")  # within the default band of 5 days


def test_near_critical_band_is_a_setting():
    tasks = [Task("A", 2), Task("C", 5), Task("D", 1)]
    deps = [Dependency("A", "D"), Dependency("C", "D")]
    assert compute(plan(tasks, deps), near_critical_float=2).near_critical == ()
    assert compute(plan(tasks, deps), near_critical_float=3).near_critical == ("A",)


def test_two_critical_paths_are_both_reported():
    tasks = [Task("S", 1), Task("A", 3), Task("B", 3), Task("E", 0)]
    deps = [Dependency("S", "A"), Dependency("S", "B"), Dependency("A", "E"),
            Dependency("B", "E")]
    r = compute(plan(tasks, deps))
    assert set(r.critical_tasks) == {"S", "A", "B", "E"}
    assert sorted(r.critical_paths) == [("S", "A", "E"), ("S", "B", "E")]


def test_milestone_after_a_task_falls_on_its_last_day():
    r = compute(plan([Task("A", 3), Task("M", 0), Task("B", 1)],
                     [Dependency("A", "M"), Dependency("M", "B")]))
    assert dates(r, "M") == (d(7), d(7)) and r["M"].is_milestone and r["M"].at_day_end
    assert dates(r, "B") == (d(8), d(8))


def test_milestone_at_the_project_start():
    r = compute(plan([Task("M", 0), Task("A", 2)], [Dependency("M", "A")]))
    assert dates(r, "M") == (d(5), d(5)) and not r["M"].at_day_end
    assert dates(r, "A") == (d(5), d(6))


def test_start_no_earlier_than_pushes_the_task_and_drives_it():
    c = Constraint(ConstraintType.START_NO_EARLIER_THAN, d(14))
    r = compute(plan([Task("A", 2), Task("B", 2, constraint=c)], [Dependency("A", "B")]))
    assert dates(r, "B") == (d(14), d(15))
    assert r.violations == ()
    assert explain(r, "B").driving_chain[0].driven_by is Driver.CONSTRAINT


def test_finish_no_later_than_that_cannot_be_met_is_reported_with_negative_float():
    c = Constraint(ConstraintType.FINISH_NO_LATER_THAN, d(8))
    r = compute(plan([Task("A", 3), Task("B", 3, constraint=c)], [Dependency("A", "B")]))
    assert dates(r, "B") == (d(8), d(12))
    (violation,) = r.violations
    assert violation.task_id == "B" and violation.working_days_late == 2
    assert violation.scheduled == d(12)
    assert "2 working day(s) late" in violation.message
    assert r["B"].total_float == -2 and r["A"].total_float == -2
    assert r["A"].critical and r["B"].critical


def test_finish_no_later_than_that_holds_leaves_float():
    c = Constraint(ConstraintType.FINISH_NO_LATER_THAN, d(16))
    r = compute(plan([Task("A", 3, constraint=c), Task("B", 5)]))
    assert r.violations == () and r["A"].total_float == 2 and r["A"].late_finish == d(9)


def test_must_start_on_and_start_no_later_than():
    mso = Constraint(ConstraintType.MUST_START_ON, d(7))
    snlt = Constraint(ConstraintType.START_NO_LATER_THAN, d(6))
    r = compute(plan([Task("A", 3), Task("B", 1, constraint=mso), Task("C", 1, constraint=snlt)],
                     [Dependency("A", "C")]))
    assert dates(r, "B") == (d(7), d(7)) and r["B"].total_float == 0
    (violation,) = r.violations
    assert violation.task_id == "C" and violation.working_days_late == 2


def test_finish_constraints_set_the_finish():
    fnet = Constraint(ConstraintType.FINISH_NO_EARLIER_THAN, d(9))
    mfo = Constraint(ConstraintType.MUST_FINISH_ON, d(13))
    r = compute(plan([Task("A", 2, constraint=fnet), Task("B", 1, constraint=mfo)]))
    assert dates(r, "A") == (d(8), d(9))
    assert dates(r, "B") == (d(13), d(13)) and r.violations == ()


def test_completed_work_keeps_its_actual_dates():
    done = Task("A", 3, percent_complete=100, actual_start=d(6), actual_finish=d(12))
    r = compute(plan([done, Task("B", 2)], [Dependency("A", "B")], status_date=d(14)))
    assert dates(r, "A") == (d(6), d(12)) and r["A"].progress is Progress.COMPLETE
    assert not r["A"].critical
    assert dates(r, "B") == (d(14), d(15))  # not before the status date


def test_remaining_work_is_scheduled_from_the_status_date():
    half = Task("A", 10, percent_complete=50, actual_start=d(5))
    r = compute(plan([half, Task("B", 1)], [Dependency("A", "B")], status_date=d(14)))
    assert dates(r, "A") == (d(5), d(20))  # 5 days left from Wednesday 14
    assert dates(r, "B") == (d(21), d(21))
    assert r["A"].progress is Progress.IN_PROGRESS


def test_unstarted_work_does_not_start_before_the_status_date():
    r = compute(plan([Task("A", 2)], status_date=d(13)))
    assert dates(r, "A") == (d(13), d(14))
    assert explain(r, "A").driving_chain[0].driven_by is Driver.STATUS_DATE


def test_a_cycle_names_its_tasks():
    tasks = [Task("A", 1, name="Design"), Task("B", 1, name="Build"), Task("C", 1)]
    deps = [Dependency("A", "B"), Dependency("B", "C"), Dependency("C", "A")]
    with pytest.raises(DependencyCycleError) as caught:
        compute(plan(tasks, deps))
    assert set(caught.value.task_ids) == {"A", "B", "C"}
    assert "Design" in str(caught.value) and "Build" in str(caught.value)


@pytest.mark.parametrize(
    ("tasks", "deps", "words"),
    [
        ([Task("A", -1)], [], "duration"),
        ([Task("A", 1, percent_complete=120)], [], "percent"),
        ([Task("A", 1, actual_start=d(9), actual_finish=d(5))], [], "actual finish"),
        ([Task("A", 1), Task("A", 2)], [], "duplicate"),
        ([Task("A", 1)], [Dependency("A", "Z")], "unknown task"),
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", "XS")], "unknown link type"),
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", "F")], "unknown link type"),
        # two bad names that together spell two good ones must not pass either
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", "F"), Dependency("B", "A", "SSF")],
         "unknown link type"),
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", lag=1.5)], "whole number"),
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", lag="2")], "whole number"),
        ([Task("A", 1), Task("B", 1)], [Dependency("A", "B", lag=10**20)], "too long"),
        ([Task("A", 10**20)], [], "too long"),
    ],
)
def test_bad_input_is_refused_with_a_message(tasks, deps, words):
    with pytest.raises(ValueError, match=words):
        compute(plan(tasks, deps))


def test_explanation_follows_the_driving_predecessors():
    tasks = [Task("A", 2, name="Kick-off"), Task("B", 3), Task("C", 1), Task("D", 2)]
    deps = [Dependency("A", "B"), Dependency("B", "D"), Dependency("C", "D")]
    r = compute(plan(tasks, deps))
    why = explain(r, "D")
    assert [s.task_id for s in why.driving_chain] == ["A", "B", "D"]
    assert why.driving_chain[0].driven_by is Driver.PROJECT_START
    assert why.driving_chain[1].link == Dependency("A", "B")
    assert why.critical and "is critical" in why.summary
    not_critical = explain(r, "C")
    assert not not_critical.critical and not_critical.total_float == 4
    assert not_critical.float_used_by == ("D",)
    assert "4 working day(s)" in not_critical.summary and "critical path" in not_critical.summary


def test_what_if_reports_the_finish_shift_and_critical_changes():
    tasks = [Task("A", 2), Task("B", 4), Task("C", 1)]
    deps = [Dependency("A", "C"), Dependency("B", "C")]
    before = compute(plan(tasks, deps))
    after, impact = what_if(before, before.plan.with_duration("A", 6))
    assert impact.finish_shift == 2 and after.project_finish == d(13)
    assert impact.became_critical == ("A",) and impact.left_critical == ("B",)
    assert {m.task_id for m in impact.moved} == {"A", "C"}


def test_empty_plan_finishes_at_its_start():
    r = compute(plan([]))
    assert r.project_finish == MON and r.critical_paths == ()
