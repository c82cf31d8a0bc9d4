"""Strategy records for the route-by-role access test: a vision, a goal, an objective, a KPI with a
measurement and an open readiness assessment in the cast's project."""

from datetime import date
from decimal import Decimal

from app.strategy import measurements, readiness, service


def values(cast, db_session) -> dict:
    project = cast.project
    draft = service.draft_vision(None, project, 0, "Know every customer.")
    goal = service.create_goal(None, project, "Grow share with top-20 Asian accounts")
    objective = service.create_objective(None, project, service.ObjectiveData(
        title="Retain key accounts", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=cast["pm"].id, goal_ids=(goal.id,)))
    kpi = service.create_kpi(None, project, service.KpiData(
        objective_id=objective.id, name="Retention rate", definition="", unit="%",
        direction="higher", kind="loyalty", baseline_value=Decimal("80"),
        baseline_on=date(2025, 12, 1), short_target_value=Decimal("85"),
        short_target_on=date(2026, 6, 30), long_target_value=None, long_target_on=None))
    measurement = measurements.add_measurement(None, project, kpi, date(2026, 1, 31),
                                               Decimal("81"))
    assessment = readiness.open_assessment(None, project, "Before the pilot", date(2026, 1, 10))
    return {"number": draft.number, "goal_id": goal.id, "objective_id": objective.id,
            "kpi_id": kpi.id, "measurement_id": measurement.id, "assessment_id": assessment.id}
