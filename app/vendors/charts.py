"""The vendor comparison's SVG charts, drawn with the shared chart helpers (app/core/charts.py)."""

from flask_babel import gettext as _
from markupsafe import Markup

from app.core import charts
from app.vendors.comparison import Picture, as_decimal
from app.vendors.labels import COST_KIND_LABELS


def weighted_scores(pic: Picture) -> Markup:
    scored = [v for v in pic.results.vendors if v.weighted is not None]
    return Markup(charts.bar_chart(
        _("Weighted score per vendor"), [pic.names[v.vendor] for v in scored],
        [charts.BarSeries(_("Weighted score (1 to 5)"),
                          tuple(as_decimal(v.weighted) for v in scored))],
        y_label=_("Score"), empty_text=_("No submitted scores yet"),
        description=_("Each vendor's score: the criteria's mean scores across the evaluators "
                      "who submitted, weighted by the criteria's weights.")))


def by_criterion(pic: Picture) -> Markup:
    scored = [v for v in pic.results.vendors if v.weighted is not None]
    keys = list(pic.criteria)
    series = [charts.BarSeries(pic.names[v.vendor], tuple(
        as_decimal(v.by_criterion.get(k)) or 0 for k in keys)) for v in scored]
    return Markup(charts.bar_chart(
        _("Mean score per criterion"), [pic.criteria[k] for k in keys] if series else [],
        series, y_label=_("Score"), empty_text=_("No submitted scores yet"),
        description=_("The evaluators' mean score of each vendor on each criterion.")))


def tco(pic: Picture, currency: str) -> Markup:
    vendors = [v for v in pic.vendors if v.id in pic.tco]
    series = [charts.BarSeries(str(label), tuple(pic.tco[v.id].by_kind.get(kind, 0)
                                                 for v in vendors))
              for kind, label in COST_KIND_LABELS.items()]
    return Markup(charts.bar_chart(
        _("Total cost of ownership over %(years)d years", years=pic.evaluation.tco_years),
        [v.name for v in vendors], series if vendors else [], stacked=True, y_label=currency,
        empty_text=_("No bids yet"),
        description=_("Each bid's one-off costs plus its yearly costs for every year, by kind "
                      "of cost.")))


def for_picture(pic: Picture, currency: str) -> dict[str, Markup]:
    return {"weighted": weighted_scores(pic), "criteria": by_criterion(pic),
            "tco": tco(pic, currency)}
