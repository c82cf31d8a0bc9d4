"""The task table's filters: reading the query string, each filter, their combination, sorting."""

from datetime import date

import pytest

from app.planning import task_filter
from app.planning.task_filter import Choices, Criteria, Row, Status

D = date(2026, 11, 20)  # the status date
CHOICES = Choices(frozenset({1, 2}), {"REQ-001": 11, "REQ-002": 12}, frozenset({7, 8}),
                  [31, 30])


def row(task_id, name, **facts) -> Row:
    values = {"phase_id": 1, "owner_id": None, "percent_complete": 0, "started": False,
              "early_start": date(2026, 11, 2), "early_finish": date(2026, 11, 13),
              "total_float": 5, "critical": False, "near_critical": False}
    values.update(facts)
    return Row(task_id, name, **values)


ROWS = [
    row(1, "Kick-off", percent_complete=100, started=True, owner_id=7, critical=True,
        early_start=date(2026, 1, 5), early_finish=date(2026, 1, 5), total_float=0,
        baseline_finish=date(2026, 1, 5), finish_variance=0),
    row(2, "数据清洗 Cleansing", percent_complete=100, started=True, owner_id=8,
        early_start=date(2026, 4, 6), early_finish=date(2026, 6, 26), total_float=0,
        requirement_ids=frozenset({12}),
        baseline_finish=date(2026, 6, 11), finish_variance=11),
    row(3, "PIPL filing", percent_complete=81, started=True, owner_id=7, near_critical=True,
        early_start=date(2026, 10, 7), early_finish=date(2026, 11, 30), total_float=3,
        requirement_ids=frozenset({11, 12}), baseline_finish=date(2026, 10, 23),
        finish_variance=25, phase_id=2),
    row(4, "UAT", percent_complete=25, started=True, critical=True, total_float=0,
        early_finish=date(2026, 12, 16), baseline_finish=date(2026, 11, 30),
        finish_variance=12, phase_id=2, requirement_ids=frozenset({11})),
    row(5, "Rehearsal", early_start=date(2026, 11, 26), early_finish=date(2026, 12, 2),
        baseline_finish=date(2026, 12, 4), finish_variance=-2, phase_id=2),
    row(6, "Added later", early_start=date(2026, 12, 1), early_finish=date(2026, 12, 3),
        owner_id=8, phase_id=2),
]


def names(criteria: Criteria, status_date=D) -> list[str]:
    return [r.name for r in task_filter.select(ROWS, criteria, status_date)]


# --- reading the query string -----------------------------------------------------------------


def test_an_empty_query_keeps_everything_in_plan_order_against_the_latest_baseline():
    criteria, ignored = task_filter.parse({}, CHOICES)
    assert criteria == Criteria(baseline_id=31) and ignored == []
    assert names(criteria) == [r.name for r in ROWS]


def test_good_values_are_read():
    criteria, ignored = task_filter.parse(
        {"phase": "2", "only": "near", "q": "  pipl ", "req": "req-001", "owner": "7",
         "status": "late", "baseline": "30", "sort": "variance"}, CHOICES)
    assert ignored == []
    assert criteria == Criteria(2, "near", "pipl", "REQ-001", 11, 7, Status.LATE, 30,
                                "variance")
    assert criteria.query() == {"phase": "2", "only": "near", "q": "pipl", "req": "REQ-001",
                                "owner": "7", "status": "late", "baseline": "30"}


@pytest.mark.parametrize(("name", "value"), [
    ("phase", "3"), ("phase", "abc"), ("phase", "-1"), ("phase", "9" * 30), ("phase", "\uff11"),
    ("only", "everything"), ("req", "REQ-999"), ("req", "11"), ("owner", "9"),
    ("owner", "Robert'); DROP TABLE plan_task; --"), ("owner", "7\x00"),
    ("status", "done"), ("status", "<script>"), ("baseline", "29"), ("sort", "owner"),
])
def test_a_value_that_is_not_one_of_the_choices_is_ignored_and_named(name, value):
    criteria, ignored = task_filter.parse({name: value}, CHOICES)
    assert ignored == [name] and criteria == Criteria(baseline_id=31)


def test_every_bad_value_is_named_and_the_good_ones_still_apply():
    criteria, ignored = task_filter.parse(
        {"phase": "x", "owner": "none", "status": "behind", "sort": "zz", "req": "REQ-404"},
        CHOICES)
    assert ignored == ["phase", "req", "sort"]
    assert criteria.owner == task_filter.NO_OWNER and criteria.status is Status.BEHIND


def test_search_text_loses_control_characters_and_is_capped():
    criteria, _ = task_filter.parse({"q": "\x00清洗\x1f" + "x" * 500}, CHOICES)
    assert criteria.text.startswith("清洗x") and len(criteria.text) == task_filter.MAX_TEXT


def test_without_baselines_none_is_chosen():
    criteria, ignored = task_filter.parse({"baseline": "31"}, Choices())
    assert criteria.baseline_id is None and ignored == ["baseline"]


# --- each filter ------------------------------------------------------------------------------


def test_phase_critical_and_text_filters():
    assert names(Criteria(phase_id=1)) == ["Kick-off", "数据清洗 Cleansing"]
    assert names(Criteria(only="critical")) == ["Kick-off", "UAT"]
    assert names(Criteria(only="near")) == ["Kick-off", "PIPL filing", "UAT"]
    assert names(Criteria(text="cleansing")) == ["数据清洗 Cleansing"]
    assert names(Criteria(text="数据")) == ["数据清洗 Cleansing"]


def test_requirement_filter_keeps_the_tasks_that_deliver_it():
    assert names(Criteria(requirement_id=11)) == ["PIPL filing", "UAT"]
    assert names(Criteria(requirement_id=12)) == ["数据清洗 Cleansing", "PIPL filing"]
    assert names(Criteria(requirement_id=99)) == []


def test_owner_filter_and_tasks_without_an_owner():
    assert names(Criteria(owner=7)) == ["Kick-off", "PIPL filing"]
    assert names(Criteria(owner=task_filter.NO_OWNER)) == ["UAT", "Rehearsal"]


@pytest.mark.parametrize(("status", "expected"), [
    (Status.NOT_STARTED, ["Rehearsal", "Added later"]),
    (Status.IN_PROGRESS, ["PIPL filing", "UAT"]),
    (Status.COMPLETE, ["Kick-off", "数据清洗 Cleansing"]),
    # Later than the baseline, finished or not; a task not in the baseline is never behind it.
    (Status.BEHIND, ["数据清洗 Cleansing", "PIPL filing", "UAT"]),
    # Due by the status date in the baseline and not complete (UAT is due on 30 November).
    (Status.LATE, ["PIPL filing"]),
])
def test_status_filters(status, expected):
    assert names(Criteria(status=status)) == expected


def test_a_task_due_on_the_status_date_and_not_complete_is_late():
    assert names(Criteria(status=Status.LATE), date(2026, 11, 30)) == ["PIPL filing", "UAT"]


def test_nothing_is_late_without_a_status_date():
    assert names(Criteria(status=Status.LATE), None) == []


def test_a_started_task_at_zero_percent_is_in_progress():
    started = row(9, "Started", started=True)
    assert task_filter.has_status(started, Status.IN_PROGRESS, D)
    assert not task_filter.has_status(started, Status.NOT_STARTED, D)


# --- combined, and sorted ---------------------------------------------------------------------


def test_filters_combine():
    assert names(Criteria(phase_id=2, owner=7, status=Status.LATE, requirement_id=12)) == [
        "PIPL filing"]
    assert names(Criteria(phase_id=1, status=Status.IN_PROGRESS)) == []
    assert names(Criteria(only="critical", status=Status.BEHIND)) == ["UAT"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["Added later", "Kick-off", "PIPL filing", "Rehearsal", "UAT", "数据清洗 Cleansing"]),
    ("start", ["Kick-off", "数据清洗 Cleansing", "PIPL filing", "UAT", "Rehearsal",
               "Added later"]),
    ("finish", ["Kick-off", "数据清洗 Cleansing", "PIPL filing", "Rehearsal", "Added later",
                "UAT"]),
    ("float", ["Kick-off", "数据清洗 Cleansing", "UAT", "PIPL filing", "Rehearsal",
               "Added later"]),
    # Most slipped first; tasks the baseline does not know last.
    ("variance", ["PIPL filing", "UAT", "数据清洗 Cleansing", "Kick-off", "Rehearsal",
                  "Added later"]),
])
def test_sort_orders(sort, expected):
    assert names(Criteria(sort=sort)) == expected


def test_sorting_applies_to_the_filtered_rows():
    assert names(Criteria(status=Status.BEHIND, sort="variance")) == [
        "PIPL filing", "UAT", "数据清洗 Cleansing"]
    assert names(Criteria(owner=8, sort="name")) == ["Added later", "数据清洗 Cleansing"]
