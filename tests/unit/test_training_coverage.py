"""Training coverage: counting by department and date, and shortfalls at the target."""

from datetime import date

import pytest

from app.training import coverage
from app.training.coverage import Attended, Targets, Trainee

DEPARTMENTS = ("sales", "customer_service", "it")
TRAINEES = [Trainee(n, "sales") for n in range(1, 11)] + [Trainee(11, "customer_service")]


def _row(rows, department):
    return next(r for r in rows if r.department == department)


def test_counts_each_trainee_once_per_kind_up_to_the_date():
    attended = [Attended(1, "concept", date(2026, 9, 1)), Attended(1, "concept", date(2026, 9, 8)),
                Attended(2, "concept", date(2026, 9, 30)), Attended(1, "operational",
                                                                    date(2026, 10, 1)),
                Attended(11, "operational", date(2026, 9, 1)),
                Attended(99, "concept", date(2026, 9, 1))]  # not on the roster: ignored
    rows = coverage.coverage(TRAINEES, attended, date(2026, 9, 30), DEPARTMENTS)
    assert [(r.department, r.end_users, r.concept, r.operational) for r in rows] == [
        ("sales", 10, 2, 0), ("customer_service", 1, 0, 1), ("it", 0, 0, 0)]
    assert _row(rows, "sales").share("concept") == 0.2
    assert _row(rows, "it").share("concept") is None
    everything = coverage.coverage(TRAINEES, attended, None, DEPARTMENTS)
    assert _row(everything, "sales").operational == 1


def test_the_date_is_inclusive():
    attended = [Attended(1, "concept", date(2026, 9, 30))]
    assert _row(coverage.coverage(TRAINEES, attended, date(2026, 9, 30), DEPARTMENTS),
                "sales").concept == 1
    assert _row(coverage.coverage(TRAINEES, attended, date(2026, 9, 29), DEPARTMENTS),
                "sales").concept == 0


@pytest.mark.parametrize("trained, below", [(8, True), (9, False), (10, False)])
def test_shortfall_at_the_target(trained, below):
    attended = [Attended(n, kind, date(2026, 9, 1)) for n in range(1, trained + 1)
                for kind in ("concept", "operational")]
    rows = coverage.coverage(TRAINEES, attended, None, ("sales",))
    found = coverage.shortfalls(rows, Targets(concept=0.9, operational=0.8))
    assert [(s.kind, s.missing) for s in found] == ([("concept", 1)] if below else [])


def test_departments_without_end_users_have_no_shortfall():
    rows = coverage.coverage([], [], None, DEPARTMENTS)
    assert coverage.shortfalls(rows, Targets(0.9, 0.8)) == []


def test_missing_rounds_up_to_whole_people():
    rows = coverage.coverage([Trainee(n, "it") for n in range(3)], [], None, ("it",))
    [concept, operational] = coverage.shortfalls(rows, Targets(0.5, 0.34))
    assert (concept.missing, operational.missing) == (2, 2)


def test_missing_is_not_inflated_by_floating_point():
    rows = coverage.coverage([Trainee(n, "it") for n in range(10)], [], None, ("it",))
    [concept, _operational] = coverage.shortfalls(rows, Targets(0.7, 0.8))
    assert concept.missing == 7
