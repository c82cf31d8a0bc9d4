"""What the strategy pages show: KPI status and trend charts, balance warnings, in plain terms.

Records are turned into the pure analysis's dataclasses here, and the results into labels.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.core import charts
from app.projects.models import Project
from app.strategy import analysis
from app.strategy.analysis import KpiState, WarningCode
from app.strategy.models import Kpi, Objective

STATE_LABELS = {
    KpiState.ON_TRACK: _l("On track"),
    KpiState.AT_RISK: _l("At risk"),
    KpiState.OFF_TRACK: _l("Off track"),
    KpiState.NO_DATA: _l("No measurement yet"),
    KpiState.NO_BASELINE: _l("No baseline"),
    KpiState.NO_TARGET: _l("No target"),
}

WARNING_LABELS = {
    WarningCode.KPI_NO_BASELINE: _l("KPIs without a baseline cannot show progress."),
    WarningCode.KPI_BASELINE_AFTER_ROLLOUT: _l(
        "Baselines measured after the rollout began already include its effect."),
    WarningCode.OBJECTIVE_NO_KPI: _l("Objectives without a KPI cannot be measured."),
    WarningCode.NO_ACQUISITION_OBJECTIVE: _l(
        "No objective aims to acquire customers; retention alone will not grow the base."),
    WarningCode.NO_RETENTION_OBJECTIVE: _l("No objective aims to retain customers."),
    WarningCode.ONLY_MONETARY_KPIS: _l(
        "No KPI measures satisfaction, loyalty or referrals; money alone hides how customers "
        "see the change."),
    WarningCode.OBJECTIVE_NO_BUSINESS_GOAL: _l(
        "Objectives that serve no business goal are not tied to the company's strategy."),
}


def _point(on, value) -> analysis.Point | None:
    return analysis.Point(on, value) if on is not None and value is not None else None


def as_analysis_kpi(kpi: Kpi) -> analysis.Kpi:
    return analysis.Kpi(
        key=kpi.code, name=f"{kpi.code} {kpi.name}", unit=kpi.unit,
        direction=analysis.Direction(kpi.direction), kind=analysis.KpiKind(kpi.kind),
        baseline=_point(kpi.baseline_on, kpi.baseline_value),
        short_target=_point(kpi.short_target_on, kpi.short_target_value),
        long_target=_point(kpi.long_target_on, kpi.long_target_value),
    )


def as_analysis_objective(objective: Objective) -> analysis.Objective:
    return analysis.Objective(
        key=objective.code, title=f"{objective.code} {objective.title}",
        aim=analysis.Aim(objective.aim), horizon=analysis.Horizon(objective.horizon),
        business_goal="; ".join(goal.title for goal in objective.goals),
        kpis=tuple(as_analysis_kpi(k) for k in objective.kpis),
    )


def status_of(kpi: Kpi) -> analysis.KpiStatus:
    points = [analysis.Point(m.measured_on, m.value) for m in kpi.measurements]
    return analysis.kpi_status(as_analysis_kpi(kpi), points)


def plain_number(value) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def trend_chart(kpi: Kpi, *, width: int = 640, height: int = 300) -> Markup:
    """Measurements as a line, the baseline as a dashed level, the plan to the targets dashed."""
    references = []
    if kpi.baseline_value is not None:
        references.append(charts.ReferenceLine(
            _("Baseline %(value)s (%(date)s)", value=plain_number(kpi.baseline_value),
              date=kpi.baseline_on.isoformat()), value=kpi.baseline_value))
        plan = [(kpi.baseline_on, kpi.baseline_value)]
        targets = []
        for on, value in ((kpi.short_target_on, kpi.short_target_value),
                          (kpi.long_target_on, kpi.long_target_value)):
            if on is not None:
                plan.append((on, value))
                targets.append(_("%(value)s by %(date)s", value=plain_number(value),
                                 date=on.isoformat()))
        if targets:
            references.append(charts.ReferenceLine(
                _("Target line: %(targets)s", targets="; ".join(targets)), points=tuple(plan)))
    series = [charts.Series(_("Measured"),
                            tuple((m.measured_on, m.value) for m in kpi.measurements))]
    direction = _("higher is better") if kpi.direction == "higher" else _("lower is better")
    svg = charts.line_chart(
        f"{kpi.code} {kpi.name}", series, references=references,
        description=_("Trend of %(name)s in %(unit)s, %(direction)s.", name=kpi.name,
                      unit=kpi.unit, direction=direction),
        y_label=kpi.unit, empty_text=_("No measurements yet"), width=width, height=height)
    return Markup(svg)  # charts escapes every text it places


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    subjects: tuple[str, ...]


def balance_warnings(project: Project, objectives: list[Objective]) -> list[Warning]:
    found = analysis.balance_warnings([as_analysis_objective(o) for o in objectives],
                                      rollout_start=project.start_date)
    return [Warning(w.code.value, str(WARNING_LABELS[w.code]), w.subjects) for w in found]
