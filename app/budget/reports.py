"""Read-only budget figures for pages and exports: overview, warnings, schedule progress, ROI
and benefits valued by KPIs."""

import importlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from app.budget import analysis, kpi_value, service
from app.budget.models import Benefit, BudgetLine, BudgetSettings
from app.extensions import db
from app.projects.models import Project
from app.strategy.analysis import Direction, Point

PLANNING_MODELS = Path(__file__).resolve().parents[1] / "planning" / "models.py"


@dataclass(frozen=True)
class ScheduleProgress:
    fraction: Decimal  # 0..1
    source: str  # "plan": the planning module's tasks; "setting": entered in budget settings


def planned_progress(project: Project) -> Decimal | None:
    """Duration-weighted percent complete of the project's tasks; None when no plan exists.

    The planning module is optional here: it is read only when its Task model offers
    `project_id`, `duration` and `percent_complete` (0..100).
    """
    if not PLANNING_MODELS.exists():
        return None
    try:
        planning = importlib.import_module("app.planning.models")
    except ImportError:
        return None
    task = getattr(planning, "Task", None)
    if task is None or not all(hasattr(task, a) for a in
                               ("project_id", "duration", "percent_complete")):
        return None
    query = sa.select(task.duration, task.percent_complete).where(task.project_id == project.id)
    if hasattr(task, "is_summary"):  # summary tasks would count their children twice
        query = query.where(sa.not_(task.is_summary))
    rows = db.session.execute(query).all()
    weight = sum(Decimal(d or 0) for d, _ in rows)
    if weight <= 0:
        return None
    done = sum(Decimal(d or 0) * Decimal(p or 0) for d, p in rows) / weight / 100
    return min(max(done, Decimal(0)), Decimal(1))


def schedule_progress(project: Project, settings: BudgetSettings) -> ScheduleProgress | None:
    """The plan's progress when a plan exists, else the percentage entered in the settings."""
    fraction = planned_progress(project)
    if fraction is not None:
        return ScheduleProgress(fraction, "plan")
    if settings.schedule_percent_complete is not None:
        return ScheduleProgress(Decimal(settings.schedule_percent_complete) / 100, "setting")
    return None


@dataclass(frozen=True)
class BudgetPicture:
    """Everything the overview, the report and the exports show, computed once."""

    settings: BudgetSettings
    calendar: analysis.FiscalCalendar
    minor_digits: int
    lines: list[BudgetLine]
    spent: dict[int, Decimal]
    overview: analysis.BudgetOverview
    warnings: tuple[analysis.BudgetWarning, ...]
    schedule: ScheduleProgress | None
    planned_by_month: dict[date, Decimal]
    actual_by_month: dict[date, Decimal]


def _unit(digits: int) -> Decimal:
    return Decimal(1).scaleb(-digits)


def analysis_inputs(project: Project, records: list[BudgetLine], as_of: date | None = None):
    digits = service.minor_digits(project)
    unit = _unit(digits)
    lines = [analysis.BudgetLine(line.id, analysis.Category(line.category),
                                 analysis.FiscalPeriod(line.fiscal_year, line.quarter),
                                 line.planned.quantize(unit), line.name) for line in records]
    forecasts = [analysis.Forecast(line.id, line.estimate_to_complete.quantize(unit))
                 for line in records if line.estimate_to_complete is not None]
    costs = [analysis.CostEntry(e.line_id, e.spent_on, e.amount.quantize(unit))
             for e in service.entries(project) if as_of is None or e.spent_on <= as_of]
    return lines, costs, forecasts


def picture(project: Project, as_of: date) -> BudgetPicture:
    settings = service.settings_of(project)
    calendar = service.calendar_of(settings)
    digits = service.minor_digits(project)
    records = service.lines(project)
    lines, costs, forecasts = analysis_inputs(project, records, as_of)
    overview = analysis.budget_overview(lines, costs, forecasts, as_of=as_of, calendar=calendar,
                                        minor_digits=digits, start=project.start_date)
    schedule = schedule_progress(project, settings)
    warnings = analysis.budget_warnings(
        overview, service.rules(), schedule_complete=schedule.fraction if schedule else None)
    return BudgetPicture(
        settings=settings, calendar=calendar, minor_digits=digits, lines=records,
        spent=service.spent_by_line(project, as_of), overview=overview, warnings=warnings,
        schedule=schedule,
        planned_by_month=analysis.monthly_planned_costs(lines, calendar=calendar,
                                                        minor_digits=digits),
        actual_by_month=analysis.monthly_actual_costs(costs, until=as_of),
    )


@dataclass(frozen=True)
class BenefitRow:
    """A benefit as the benefits page shows it, with its KPI-derived value when valued by one."""

    record: Benefit
    from_kpi: kpi_value.MonthValue | None = None

    @property
    def derived_counts(self) -> bool:
        """Whether the KPI-derived value stands in for a realised value not entered."""
        return (self.record.realised is None and self.from_kpi is not None
                and self.from_kpi.realised is not None)


def benefit_rows(project: Project, as_of: date) -> list[BenefitRow]:
    digits = service.minor_digits(project)
    points: dict[int, list[Point]] = {}
    rows = []
    for benefit in service.benefits(project):
        kpi = benefit.kpi
        if kpi is None:
            rows.append(BenefitRow(benefit))
            continue
        if kpi.id not in points:
            points[kpi.id] = [Point(m.measured_on, m.value) for m in kpi.measurements]
        baseline = None if kpi.baseline_on is None else Point(kpi.baseline_on,
                                                               kpi.baseline_value)
        valuation = kpi_value.KpiValuation(Direction(kpi.direction), baseline,
                                           benefit.value_per_point)
        rows.append(BenefitRow(benefit, kpi_value.month_value(
            valuation, points[kpi.id], benefit.month, as_of=as_of, minor_digits=digits)))
    return rows


def investment(project: Project, as_of: date,
               rows: list[BenefitRow] | None = None) -> analysis.BenefitCases:
    """The business case and its realisation; an entered realised value wins over one derived
    from a KPI, which counts only where none is entered."""
    settings = service.settings_of(project)
    lines, costs, _forecasts = analysis_inputs(project, service.lines(project), as_of)
    unit = _unit(service.minor_digits(project))
    if rows is None:
        rows = benefit_rows(project, as_of)
    benefits = [analysis.Benefit(
        row.record.month, row.record.expected.quantize(unit),
        None if row.record.realised is None else row.record.realised.quantize(unit),
        row.from_kpi.realised if row.from_kpi is not None else None) for row in rows]
    return analysis.benefit_cases(lines, costs, benefits, as_of=as_of,
                                  annual_discount_rate=settings.discount_rate,
                                  calendar=service.calendar_of(settings),
                                  minor_digits=service.minor_digits(project))
