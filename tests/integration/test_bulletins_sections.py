"""Live sections: the menu lists what the installed modules offer, and each section's snapshot
reads the project's plan, KPIs and budget at publication time (then never changes)."""

import json
from datetime import date, timedelta
from decimal import Decimal

from app.bulletins import sections
from tests.route_values.bulletins import published


def test_menu_offers_foundation_and_module_sections(app):
    with app.test_request_context():
        keys = [s.key for s in sections.available()]
    assert keys[:4] == ["overview", "committee", "calendar", "activity"]
    assert {"milestones", "kpis", "budget"} <= set(keys)


def test_a_section_whose_module_is_missing_is_not_offered(app):
    ghost = sections.register(sections.SectionType(
        "ghost", "Ghost", "", lambda p, d: None, "x.html", requires=("app.no_such_module",)))
    try:
        with app.test_request_context():
            assert "ghost" not in [s.key for s in sections.available()]
            assert sections.get("ghost") is None
    finally:
        sections._REGISTRY.pop(ghost.key)


def test_plan_kpi_and_budget_sections_are_filled_from_the_project(cast, db_session):
    from app.budget import service as budget
    from app.planning import service as planning
    from app.strategy import measurements
    from app.strategy import service as strategy

    project, today = cast.project, date.today()
    phase = planning.create_phase(None, project, "Pilot")
    planning.create_task(None, project, planning.TaskData(
        name="Requirements signed", phase_id=phase.id, duration=0, percent_complete=100,
        actual_start=project.start_date, actual_finish=project.start_date))
    planning.create_task(None, project, planning.TaskData(
        name="Configure sales", phase_id=phase.id, duration=10, percent_complete=50,
        actual_start=project.start_date))
    planning.create_task(None, project, planning.TaskData(
        name="Go-live", phase_id=phase.id, duration=0, constraint_type="SNET",
        constraint_date=today + timedelta(days=30)))
    goal = strategy.create_goal(None, project, "Grow share")
    objective = strategy.create_objective(None, project, strategy.ObjectiveData(
        title="Retain key accounts", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=None, goal_ids=(goal.id,)))
    kpi = strategy.create_kpi(None, project, strategy.KpiData(
        objective_id=objective.id, name="Retention rate", definition="", unit="%",
        direction="higher", kind="loyalty", baseline_value=Decimal("80"),
        baseline_on=date(2025, 12, 1), short_target_value=Decimal("85"),
        short_target_on=date(2027, 6, 30), long_target_value=None, long_target_on=None))
    for day, value in ((date(2026, 1, 31), "81"), (date(2026, 2, 28), "83.5")):
        measurements.add_measurement(None, project, kpi, day, Decimal(value))
    line = budget.create_line(None, project, budget.LineData(
        category="training", fiscal_year=2026, quarter=2, name="Key-user training",
        planned=Decimal("1000.00")))
    budget.create_entry(None, project, budget.EntryData(
        line_id=line.id, spent_on=date(2026, 5, 2), amount=Decimal("250.00")))

    edition = published(cast, sections=[("milestones", ""), ("kpis", "Retention is up."),
                                        ("budget", "")])
    snap = json.loads(edition.snapshots_json)
    assert [name for name, _d in snap["milestones"]["reached"]] == ["Requirements signed"]
    assert [name for name, _d, _c in snap["milestones"]["coming"]] == ["Go-live"]
    assert snap["milestones"]["phases"] == [["Pilot", 50]]
    row = snap["kpis"]["rows"][0]
    assert (row["baseline"], row["latest"], row["target"]) == ("80", "83.5", "85")
    assert len(snap["kpis"]["charts_svg"]) == 1
    training = next(r for r in snap["budget"]["rows"] if r["category"] == "Training")
    assert (training["planned"], training["actual"]) == ("$1,000.00", "$250.00")
    assert "Retention is up." in edition.html and edition.html.count("<svg") == 3
