"""MSPDI import against files saved by Microsoft Project, refusal of bad files, round trip."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.planning import mspdi, schedule
from app.planning.mspdi_export import export
from app.planning.schedule import Constraint, ConstraintType, LinkType

SAMPLES = Path(__file__).parents[2].parent / "shared" / "data" / "mspdi"
FILES = sorted(SAMPLES.glob("*.xml"))


def read(name: str) -> mspdi.MspdiPlan:
    return mspdi.parse((SAMPLES / name).read_bytes())


def test_the_sample_files_are_there():
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_scheduled_dates_equal_microsoft_projects(path):
    """Every task whose dates depend only on what Steerco models gets Project's own dates."""
    plan = mspdi.parse(path.read_bytes())
    result = schedule.compute(mspdi.plan_input(plan))
    compared = 0
    for task in plan.tasks:
        if task.summary or task.uid in plan.exempt:
            continue
        got = result[task.uid]
        assert (got.early_start, got.early_finish) == (task.start, task.finish), task
        compared += 1
    leaves = [t for t in plan.tasks if not t.summary]
    assert compared + len([u for u in plan.exempt if u in {t.uid for t in leaves}]) == len(leaves)


def test_files_driven_by_resource_calendars_are_named_with_the_reason():
    sample = read("sample1.xml")
    assert "Second Resource" in sample.exempt[2]
    assert "part-way through a day" in sample.exempt[24]
    timephased = read("mspditimephased.xml")
    assert "not whole days" in timephased.exempt[1]


def test_all_four_link_types_and_lags():
    plan = read("mspdirelations.xml")
    links = {(k.predecessor_uid, k.successor_uid): (k.type, k.lag) for k in plan.links}
    assert links == {(1, 2): (LinkType.FS, 0), (2, 3): (LinkType.SS, 1),
                     (3, 4): (LinkType.FF, 0), (4, 5): (LinkType.SF, 0)}
    weeks = {(k.predecessor_uid, k.successor_uid): k.lag
             for k in read("task-links-project2010-mspdi.xml").links}
    assert weeks[(7, 8)] == 5 and weeks[(9, 10)] == 10  # lags entered in weeks


def test_outline_constraints_and_calendar():
    plan = read("sample1.xml")
    by_uid = {t.uid: t for t in plan.tasks}
    assert by_uid[1].summary and by_uid[2].parent_uid == 1 and by_uid[23].parent_uid == 22
    assert by_uid[3].milestone and by_uid[3].duration == 0
    assert by_uid[20].constraint == Constraint(ConstraintType.START_NO_EARLIER_THAN,
                                               date(2003, 1, 8))
    assert plan.working_weekdays == frozenset(range(5))
    assert plan.start_date == date(2003, 1, 7)


def test_calendar_exceptions_become_holidays_and_the_rest_is_reported():
    plan = read("calendar-recurring-exceptions-project2016-mspdi.xml")
    assert date(2000, 1, 3) in plan.holidays  # a Monday off
    assert date(2000, 1, 1) not in plan.holidays  # a Saturday is off anyway
    assert any("extra working day 2010-01-02" in note for note in plan.notes)


def test_baseline_zero_is_imported_and_the_others_reported():
    plan = read("task-baselines-project2016-mspdi.xml")
    by_uid = {t.uid: t for t in plan.tasks}
    assert by_uid[1].baseline_cost == Decimal("100.00")
    assert any("baseline 1 is not imported" in note for note in plan.notes)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not xml at all", "well-formed"),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "DOCTYPE"),
        (b"<Project><Name>x</Name></Project>", "MSPDI namespace"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'/>", "StartDate"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><StartDate>2026-13-01T08:00:00"
         b"</StartDate></Project>", "not a date"),
        (b"<Project xmlns='http://schemas.microsoft.com/project'><StartDate>2026-01-05T08:00:00"
         b"</StartDate><Tasks><Task><UID>1</UID><OutlineLevel>1</OutlineLevel>"
         b"<Duration>three days</Duration></Task></Tasks></Project>", "ISO 8601"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, words):
    with pytest.raises(mspdi.MspdiError, match=words):
        mspdi.parse(data)


def test_utf16_doctype_is_refused_too():
    data = "<?xml version='1.0' encoding='utf-16'?><!DOCTYPE x><x/>".encode("utf-16")
    with pytest.raises(mspdi.MspdiError, match="DOCTYPE"):
        mspdi.parse(data)


def _plan() -> mspdi.MspdiPlan:
    snet = Constraint(ConstraintType.START_NO_EARLIER_THAN, date(2026, 1, 12))
    fnlt = Constraint(ConstraintType.FINISH_NO_LATER_THAN, date(2026, 2, 27))
    tasks = (
        mspdi.MspdiTask(1, "需求 Requirements", 1, summary=True),
        mspdi.MspdiTask(2, "Workshops", 2, duration=5, percent_complete=100,
                        actual_start=date(2026, 1, 5), actual_finish=date(2026, 1, 9),
                        cost=Decimal("1200.50"), actual_cost=Decimal("1300.00"), parent_uid=1,
                        baseline_start=date(2026, 1, 5), baseline_finish=date(2026, 1, 9),
                        baseline_duration=5, baseline_cost=Decimal("1200.50")),
        mspdi.MspdiTask(3, "Sign-off", 2, milestone=True, parent_uid=1),
        mspdi.MspdiTask(4, "Build", 1, duration=10, constraint=snet, percent_complete=30,
                        actual_start=date(2026, 1, 12)),
        mspdi.MspdiTask(5, "Test", 1, duration=4, constraint=fnlt),
        mspdi.MspdiTask(6, "Train", 1, duration=3),
    )
    links = (mspdi.MspdiLink(2, 3), mspdi.MspdiLink(3, 4, LinkType.FS, 2),
             mspdi.MspdiLink(4, 5, LinkType.SS, -1), mspdi.MspdiLink(4, 6, LinkType.FF, 1),
             mspdi.MspdiLink(6, 5, LinkType.SF, 0))
    return mspdi.MspdiPlan("Asia pilot", date(2026, 1, 5), date(2026, 1, 20),
                           frozenset(range(5)), frozenset({date(2026, 2, 17)}), tasks, links)


def _scheduled(plan: mspdi.MspdiPlan) -> mspdi.MspdiPlan:
    """The plan with the dates Steerco schedules, as an export carries them."""
    import dataclasses

    result = schedule.compute(mspdi.plan_input(plan))
    tasks = tuple(t if t.summary else dataclasses.replace(
        t, start=result[t.uid].early_start, finish=result[t.uid].early_finish)
        for t in plan.tasks)
    return dataclasses.replace(plan, tasks=tasks)


def test_round_trip_keeps_everything():
    original = _scheduled(_plan())
    back = mspdi.parse(export(original))
    assert back.tasks == original.tasks
    assert set(back.links) == set(original.links)
    assert (back.working_weekdays, back.holidays) == (original.working_weekdays,
                                                      original.holidays)
    assert (back.start_date, back.status_date, back.name) == (date(2026, 1, 5),
                                                              date(2026, 1, 20), "Asia pilot")
    assert back.exempt == {}


def test_round_trip_of_a_file_saved_by_project():
    plan = read("task-links-project2016-mspdi.xml")
    again = mspdi.parse(export(plan))
    assert set(again.links) == set(plan.links)
    assert [(t.uid, t.name, t.duration, t.start, t.finish) for t in again.tasks] == [
        (t.uid, t.name, t.duration, t.start, t.finish) for t in plan.tasks]
