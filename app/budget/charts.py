"""The budget's SVG charts, drawn with the shared chart helpers (app/core/charts.py)."""

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from markupsafe import Markup

from app.budget.analysis import Category, InvestmentCase
from app.budget.labels import CATEGORY_LABELS
from app.budget.reports import BudgetPicture
from app.core import charts


def plan_vs_actual(pic: BudgetPicture, currency: str) -> Markup:
    """Cumulative planned and actual spend month by month, against the total plan."""
    planned = tuple(pic.planned_by_month.items())
    actual = tuple(pic.actual_by_month.items())
    total = pic.overview.total
    references = []
    if total.planned:
        references.append(charts.ReferenceLine(_("Total plan"), value=total.planned))
    if total.estimate_at_completion and total.estimate_at_completion != total.planned:
        references.append(charts.ReferenceLine(_("Estimate at completion"),
                                               value=total.estimate_at_completion))
    svg = charts.cumulative_line_chart(
        _("Plan vs actual over time"),
        [charts.Series(_("Planned, cumulative"), planned),
         charts.Series(_("Actual, cumulative"), actual)],
        references=references, y_label=currency, show_points=False,
        description=_("Cumulative planned and actual cost by month."),
        empty_text=_("No budget yet"))
    return Markup(svg)


def by_period(pic: BudgetPicture, currency: str) -> Markup:
    periods = list(pic.overview.by_period)
    figures = [pic.overview.by_period[p] for p in periods]
    svg = charts.bar_chart(
        _("Planned, actual and forecast by fiscal quarter"), [str(p) for p in periods],
        [charts.BarSeries(_("Planned"), tuple(f.planned for f in figures)),
         charts.BarSeries(_("Actual"), tuple(f.actual for f in figures)),
         charts.BarSeries(_("Forecast"), tuple(f.estimate_at_completion for f in figures))],
        y_label=currency, empty_text=_("No budget yet"),
        description=_("Per fiscal quarter: planned cost, actual cost and the forecast "
                      "(actual plus estimate to complete)."))
    return Markup(svg)


def category_mix(pic: BudgetPicture) -> Markup:
    slices = [charts.Slice(str(CATEGORY_LABELS[c]), max(pic.overview.by_category[c].planned,
                                                         Decimal(0)))
              for c in Category]
    svg = charts.donut_chart(_("Category mix of the plan"), slices,
                             empty_text=_("No budget yet"),
                             description=_("Share of each category in the planned budget."))
    return Markup(svg)


def cash_flow(expected: InvestmentCase, realised: InvestmentCase, currency: str) -> Markup:
    def points(case: InvestmentCase) -> tuple[tuple[date, Decimal], ...]:
        return tuple((m.month, m.cumulative_net) for m in case.series)

    series = [charts.Series(_("Business case (plan, expected benefits)"), points(expected)),
              charts.Series(_("So far (actual costs, realised benefits)"), points(realised))]
    has_data = any(s.points for s in series)
    svg = charts.line_chart(
        _("Cumulative cash flow"), series,
        references=[charts.ReferenceLine(_("Break-even"), value=0)] if has_data else [],
        y_label=currency, show_points=False, empty_text=_("No costs or benefits yet"),
        description=_("Benefits minus costs, added up month by month; payback is where a line "
                      "crosses zero."))
    return Markup(svg)
