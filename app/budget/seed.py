"""Demo budget for Quest International's Asia pilot, from seeds/demo/budget.toml."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import sqlalchemy as sa

from app.accounts.service import find_user
from app.budget import baselines, service
from app.budget.models import BudgetLine
from app.core.db import transactional
from app.extensions import db
from app.projects.service import get_by_code
from app.strategy.models import Kpi


def _period(text: str) -> tuple[int, int]:
    year, quarter = text.split("Q")
    return int(year), int(quarter)


def _months(first: str, last: str):
    year, month = map(int, first.split("-"))
    while f"{year:04d}-{month:02d}" <= last:
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _kpi_id(project, code: str | None) -> int | None:
    """The demo KPI a benefit is valued by, named by code (KPI-04); the strategy loads first."""
    if not code:
        return None
    found = db.session.execute(sa.select(Kpi.id).where(
        Kpi.project_id == project.id, Kpi.number == int(code.removeprefix("KPI-")))
    ).scalar_one_or_none()
    if found is None:
        raise ValueError(f"budget.toml names {code}, which the demo strategy lacks")
    return found


@transactional
def seed_budget(summary) -> None:
    """One transaction: the demo budget is there completely or not at all."""
    from app.demo import read_seed

    project = get_by_code(summary.project_code)
    if project is None or db.session.execute(
            sa.select(BudgetLine.id).where(BudgetLine.project_id == project.id).limit(1)).first():
        return
    data = read_seed("budget.toml")
    spec = data["settings"]
    service.save_settings(None, project, None, service.SettingsData(
        fiscal_year_start_month=spec["fiscal_year_start_month"],
        fiscal_year_named_by=spec["fiscal_year_named_by"],
        discount_rate_bp=int(Decimal(spec["discount_rate_percent"]) * 100),
        schedule_percent_complete=spec["schedule_percent_complete"]))

    lines = {}
    for item in data["lines"]:
        owner = find_user(item["owner"])
        for period, amount in item["plan"]:
            year, quarter = _period(period)
            lines[item["name"], period] = service.create_line(None, project, service.LineData(
                category=item["category"], fiscal_year=year, quarter=quarter, name=item["name"],
                planned=Decimal(amount), owner_id=owner.id if owner else None,
                notes=item.get("notes", "")))

    # Saved before any change request touches the lines (app/changes/seed.py runs later).
    spec = data["baseline"]
    baselines.save_baseline(find_user(spec["by"]), project, spec["name"], spec["note"],
                            at=datetime.combine(date.fromisoformat(spec["saved_on"]), time(2),
                                                UTC))

    rows = [row for block in data["entries"] for row in block["rows"]]
    for block in data["pm_months"]:
        for month in block["months"]:
            day = date.fromisoformat(f"{month}-28")
            quarter = (day.month - 1) // 3 + 1
            rows.append([day.isoformat(), block["line"], f"{day.year}Q{quarter}",
                         block["amount"], block["supplier"], f"PMO-{month}", ""])
    for day, name, period, amount, supplier, reference, notes in rows:
        service.create_entry(None, project, service.EntryData(
            line_id=lines[name, period].id, spent_on=date.fromisoformat(day),
            amount=Decimal(amount), supplier=supplier, reference=reference, notes=notes))

    for item in data["forecasts"]:
        line = lines[item["line"], item["period"]]
        service.set_forecast(None, project, line, line.version,
                             Decimal(item["estimate_to_complete"]), item["note"],
                             date(2026, 11, 2))

    for item in data["benefits"]:
        realised = {m: Decimal(v) for m, v in item["realised"]}
        kpi_id = _kpi_id(project, item.get("kpi"))
        per_point = Decimal(item["value_per_point"]) if kpi_id is not None else None
        for month in _months(item["from"], item["to"]):
            service.create_benefit(None, project, service.BenefitData(
                month=month, description=item["description"],
                expected=Decimal(item["monthly_expected"]),
                realised=realised.get(f"{month:%Y-%m}"), kpi_id=kpi_id,
                value_per_point=per_point))
    summary.created.append(f"budget of {len(lines)} lines and {len(rows)} costs")
