"""Budget records for the route access test: a line, a cost entry, a benefit, a baseline."""

from datetime import date
from decimal import Decimal

from app.budget import baselines, service


def values(cast, db_session) -> dict:
    project = cast.project
    line = service.create_line(None, project, service.LineData(
        category="training", fiscal_year=2026, quarter=2, name="Key-user training",
        planned=Decimal("1000.00")))
    entry = service.create_entry(None, project, service.EntryData(
        line_id=line.id, spent_on=date(2026, 5, 2), amount=Decimal("250.00")))
    benefit = service.create_benefit(None, project, service.BenefitData(
        month=date(2026, 9, 1), description="Retention gain", expected=Decimal("500.00")))
    baseline = baselines.save_baseline(None, project, "Approved budget")
    return {"line_id": line.id, "entry_id": entry.id, "benefit_id": benefit.id,
            "budget_baseline_id": baseline.id}
