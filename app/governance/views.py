"""The steering dashboard's governance health scorecard: overall score, trend, one row a rule."""

from datetime import date

from flask import Blueprint, render_template, url_for
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.routing import BuildError

from app.core import charts
from app.core.permissions import can, project_permission
from app.governance import health, service
from app.projects.models import Project

bp = Blueprint("governance", __name__, url_prefix="/projects/<code>/governance",
               cli_group="health")

STATUS_LABELS = {
    health.Status.GREEN: _l("Green"),
    health.Status.AMBER: _l("Amber"),
    health.Status.RED: _l("Red"),
    health.Status.NOT_APPLICABLE: _l("Not applicable"),
}
# The KPI pills of the shared style sheet: colour plus a shape, and kept in print.
STATUS_CLASSES = {
    health.Status.GREEN: "kpi-on_track",
    health.Status.AMBER: "kpi-at_risk",
    health.Status.RED: "kpi-off_track",
    health.Status.NOT_APPLICABLE: "kpi-no_data",
}


@bp.app_context_processor
def health_helpers():
    """The project home shows the latest recorded score to those who may read the scorecard."""

    def home_health(project: Project):
        if not can("health.view"):
            return None
        return service.latest_snapshot(project) or False

    return {"health_home": home_health, "health_status_labels": STATUS_LABELS,
            "health_status_classes": STATUS_CLASSES}


def evidence_text(item: health.Evidence, currency: str) -> str:
    """One piece of evidence in the reader's language."""
    if item.warning is not None:
        from app.budget.labels import warning_text

        return warning_text(item.warning, lambda amount: format_currency(amount, currency))
    text = _(item.text)
    return text % dict(item.params) if item.params else text


def fix_url(project: Project, rule: health.Rule) -> str | None:
    """The page that fixes the rule, when that page exists in this installation."""
    try:
        return url_for(rule.endpoint, code=project.code, **rule.args)
    except BuildError:
        return None


def trend_chart(snapshots) -> Markup:
    points = tuple((s.taken_on, s.score) for s in snapshots if s.score is not None)
    rules = service.thresholds()
    svg = charts.line_chart(
        _("Governance health over time"),
        [charts.Series(_("Overall score (0-100)"), points)],
        references=[charts.ReferenceLine(_("Green from"), int(rules("overall", "green_min"))),
                    charts.ReferenceLine(_("Amber from"), int(rules("overall", "amber_min")))],
        y_label=_("Score"), empty_text=_("No snapshot yet"), height=240)
    return Markup(svg)  # charts escapes every text it places


@bp.route("/health")
@project_permission("health.view")
def scorecard(project: Project):
    today = date.today()
    card = service.scorecard(project, today)
    service.note_snapshot(project, card)
    rows = [{"result": r, "fix": fix_url(project, r.rule),
             "evidence": [evidence_text(e, project.currency) for e in r.evidence]}
            for r in card.results]
    counts = {s: sum(r.status == s for r in card.results) for s in health.Status}
    return render_template("governance/health.html", project=project, card=card, rows=rows,
                           counts=counts, trend=trend_chart(service.snapshots(project)),
                           weights={r.id: service.thresholds().weight(r.id)
                                    for r in health.RULES})


from app.governance import cli  # noqa: E402,F401  (registers `flask health snapshot`)
