"""Live sections read from the other modules (plan, KPIs, budget), registered only when the
module they read is importable. Read-only: they call the modules' own query functions."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask_babel import format_currency, format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.bulletins.sections import SectionType, register
from app.core import charts

COMING_DAYS = 90
MAX_KPI_CHARTS = 2


@dataclass(frozen=True)
class Milestones:
    reached: list[tuple[str, str]]  # (name, date shown)
    coming: list[tuple[str, str, bool]]  # (name, date shown, on the critical path)
    phases: list[tuple[str, int]]  # (phase, percent complete)
    project_finish: str
    chart_svg: str


def build_milestones(project, as_of: date) -> Milestones:
    from app.planning import service as planning

    plan = planning.scheduled(project)
    result = plan.result
    reached, coming = [], []
    for task in plan.tasks:
        if task.duration != 0 or task.id not in result.tasks:
            continue
        when = task.actual_finish or result[task.id].early_finish
        if task.percent_complete >= 100 or (task.actual_finish and task.actual_finish <= as_of):
            reached.append((when, task.name))
        elif as_of <= when <= as_of + timedelta(days=COMING_DAYS):
            coming.append((when, task.name, result[task.id].critical))
    phases = []
    for phase in plan.phases:
        work = [t for t in plan.tasks if t.phase_id == phase.id and t.duration > 0]
        total = sum(t.duration for t in work)
        done = sum(t.duration * t.percent_complete for t in work)
        phases.append((phase.name, round(done / total) if total else 0))
    svg = charts.bar_chart(
        _("Phase progress, percent complete"), [name for name, _p in phases],
        [charts.BarSeries(_("Complete"), tuple(p for _n, p in phases))] if phases else [],
        description=_("Work done in each phase, weighted by task duration."),
        empty_text=_("No data"), height=260)
    return Milestones(
        reached=[(name, format_date(day, "medium")) for day, name in sorted(reached)[-8:]],
        coming=[(name, format_date(day, "medium"), crit) for day, name, crit in sorted(coming)],
        phases=phases,
        project_finish=format_date(result.project_finish, "long") if plan.tasks else "",
        chart_svg=svg)


@dataclass(frozen=True)
class KpiRow:
    code: str
    name: str
    unit: str
    baseline: str
    latest: str
    latest_on: str
    target: str


@dataclass(frozen=True)
class KpiTrends:
    rows: list[KpiRow]
    charts_svg: list[str]


def _number(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value.normalize())


def build_kpis(project, as_of: date) -> KpiTrends:
    from app.strategy import service as strategy

    rows, svgs = [], []
    for kpi in strategy.kpis(project):
        points = [(m.measured_on, m.value) for m in kpi.measurements if m.measured_on <= as_of]
        latest = points[-1] if points else None
        target = kpi.short_target_value if kpi.short_target_value is not None \
            else kpi.long_target_value
        rows.append(KpiRow(kpi.code, kpi.name, kpi.unit, _number(kpi.baseline_value),
                           _number(latest[1]) if latest else "",
                           format_date(latest[0], "medium") if latest else "",
                           _number(target)))
        if len(points) >= 2 and len(svgs) < MAX_KPI_CHARTS:
            references = [charts.ReferenceLine(_("Baseline"), value=kpi.baseline_value)] \
                if kpi.baseline_value is not None else []
            if target is not None:
                references.append(charts.ReferenceLine(_("Target"), value=target))
            svgs.append(charts.line_chart(
                f"{kpi.code} {kpi.name}", [charts.Series(kpi.name, tuple(points))],
                references=references, y_label=kpi.unit,
                description=_("Measured values against the baseline and the target."),
                empty_text=_("No data"), height=260))
    return KpiTrends(rows, svgs)


@dataclass(frozen=True)
class BudgetRow:
    category: str
    planned: str
    actual: str
    forecast: str
    variance: str
    overrun: bool


@dataclass(frozen=True)
class BudgetVsActual:
    rows: list[BudgetRow]
    total: BudgetRow | None
    chart_svg: str


def build_budget(project, as_of: date) -> BudgetVsActual:
    from app.budget import reports
    from app.budget.labels import CATEGORY_LABELS

    overview = reports.picture(project, as_of).overview

    def money(value: Decimal) -> str:
        return format_currency(value, project.currency)

    def row(label: str, figures) -> BudgetRow:
        return BudgetRow(label, money(figures.planned), money(figures.actual),
                         money(figures.estimate_at_completion), money(figures.variance),
                         figures.variance < 0)

    items = [(str(CATEGORY_LABELS[c]), f) for c, f in overview.by_category.items()
             if f.planned or f.actual or f.estimate_to_complete]
    svg = charts.bar_chart(
        _("Budget and actual cost by category"), [label for label, _f in items],
        [charts.BarSeries(_("Planned"), tuple(f.planned for _l, f in items)),
         charts.BarSeries(_("Actual"), tuple(f.actual for _l, f in items))] if items else [],
        description=_("Planned budget against actual cost to date, in %(currency)s.",
                      currency=project.currency),
        y_label=project.currency, empty_text=_("No data"), height=280)
    return BudgetVsActual([row(label, f) for label, f in items],
                          row(_("Total"), overview.total) if items else None, svg)


register(SectionType(
    "milestones", _l("Milestones and phase progress"),
    _l("Milestones reached and coming in the next 90 days, and how far each phase is."),
    build_milestones, "bulletins/sections/milestones.html",
    requires=("app.planning.models", "app.planning.service")))
register(SectionType(
    "kpis", _l("KPI trends"),
    _l("Each KPI's latest value against its baseline and target, with trend charts."),
    build_kpis, "bulletins/sections/kpis.html",
    requires=("app.strategy.models", "app.strategy.service")))
register(SectionType(
    "budget", _l("Budget against actual"),
    _l("Planned budget, actual cost and forecast by category."),
    build_budget, "bulletins/sections/budget.html",
    requires=("app.budget.models", "app.budget.reports", "app.budget.labels")))
