"""Risk pages: the register with its filters and CSV, the heat map, one risk, edits,
reassessments and links."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.core.forms import choices
from app.core.permissions import project_permission
from app.core.views import run
from app.extensions import db
from app.projects.models import Project
from app.risks import catalogue, labels, register, scoring, service
from app.risks.forms import FilterForm, LinkForm, ReassessForm, RiskEditForm, RiskForm

bp = Blueprint("risks", __name__, url_prefix="/projects/<code>/risks")


def _locale() -> str:
    return str(get_locale() or "en")


def _page_labels() -> dict:
    locale = _locale()
    return {"status_labels": labels.STATUS_LABELS, "strategy_labels": labels.STRATEGY_LABELS,
            "level_labels": labels.LEVEL_LABELS, "trend_labels": labels.TREND_LABELS,
            "category_labels": {c.key: c.label(locale) for c in catalogue.categories()},
            "probability_labels": labels.PROBABILITY_LABELS,
            "impact_labels": labels.IMPACT_LABELS}




def _filters(project: Project) -> tuple[FilterForm, register.RegisterFilter]:
    form = FilterForm(request.args)
    locale = _locale()
    form.category.choices = choices([("", _("Any category")), *(
        (c.key, c.label(locale)) for c in catalogue.categories())])
    form.owner.choices = choices([("", _("Anyone")), ("none", _("Nobody")), *(
        (str(u.id), u.name) for u in service.owners(project))])
    if not form.validate():
        return form, register.RegisterFilter()
    return form, register.RegisterFilter(
        category=form.category.data, status=form.status.data, owner=form.owner.data,
        level=form.level.data, probability=int(form.p.data) if form.p.data else None,
        impact=int(form.i.data) if form.i.data else None, flagged=bool(form.flagged.data),
        sort=form.sort.data)


@bp.route("")
@project_permission("risks.view")
def index(project: Project):
    form, chosen = _filters(project)
    rows = register.search(project, chosen, _locale())
    return render_template("risks/index.html", project=project, form=form, rows=rows,
                           query=request.args.to_dict(), **_page_labels())


@bp.route("/export.csv")
@project_permission("risks.view")
def export(project: Project):
    _form, chosen = _filters(project)
    body = register.register_csv(register.search(project, chosen, _locale()))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{project.code}-risks.csv"'})


@bp.route("/heatmap")
@project_permission("risks.view")
def heatmap(project: Project):
    """Active risks (open or monitoring) by probability and impact, each cell a link."""
    active = [r for r in service.risks(project) if r.active]
    counts = scoring.cell_counts([(r.probability, r.impact) for r in active])
    rules = catalogue.rules()
    levels = {cell: scoring.level(scoring.score(*cell), rules) for cell in counts}
    return render_template("risks/heatmap.html", project=project, counts=counts, levels=levels,
                           total=len(active), bands=rules.bands, **_page_labels())


@bp.route("/categories")
@project_permission("risks.view")
def categories(project: Project):
    locale = _locale()
    rows = [(c, *c.text(locale)) for c in catalogue.categories()]
    return render_template("risks/categories.html", project=project, rows=rows,
                           locale=locale)


def _data(form) -> service.RiskData:
    return service.RiskData(
        title=form.title.data, description=form.description.data or "",
        category=form.category.data, owner_id=form.owner_id.data,
        strategy=form.strategy.data, response_plan=form.response_plan.data or "",
        trigger=form.trigger.data or "", status=form.status.data)


def _details_choices(form, project: Project) -> None:
    locale = _locale()
    form.set_choices([(c.key, c.label(locale)) for c in catalogue.categories()],
                     service.owners(project))


@bp.route("/new", methods=["GET", "POST"])
@project_permission("risks.edit")
def new(project: Project):
    form = RiskForm()
    _details_choices(form, project)
    result, status = run(form, lambda: service.create_risk(
        current_user, project, _data(form), form.probability.data, form.impact.data,
        form.assessed_on.data, form.note.data or ""), _("Risk added to the register."))
    if status == 302:
        return redirect(url_for("risks.show", code=project.code, risk_id=result.id))
    return render_template("risks/form.html", project=project, form=form, risk=None), status


def _risk_or_404(project: Project, risk_id: int):
    risk = service.risk_in(project, risk_id)
    if risk is None:
        abort(404)
    return risk


def _show(project: Project, risk, reassess_form=None, status: int = 200):
    link_forms = {}
    for kind, spec in service.LINKS.items():
        form = LinkForm(version=risk.version)
        linked = {getattr(x, spec.column) for x in getattr(risk, spec.relation)}
        form.target_id.choices = choices((i, label) for i, label in spec.targets(project)
                                         if i not in linked)
        link_forms[kind] = form
    return render_template(
        "risks/show.html", project=project, risk=risk, level=service.level_of(risk),
        trend=service.trend_of(risk), flags=register.flags_of(risk),
        category=catalogue.category(risk.category), locale=_locale(),
        reassess_form=reassess_form or ReassessForm(version=risk.version,
                                                    probability=risk.probability,
                                                    impact=risk.impact),
        links=service.LINKS, link_forms=link_forms, **_page_labels()), status


@bp.route("/<int:risk_id>")
@project_permission("risks.view")
def show(project: Project, risk_id: int):
    return _show(project, _risk_or_404(project, risk_id))


@bp.route("/<int:risk_id>/edit", methods=["GET", "POST"])
@project_permission("risks.edit")
def edit(project: Project, risk_id: int):
    risk = _risk_or_404(project, risk_id)
    form = RiskEditForm(obj=risk) if request.method == "GET" else RiskEditForm()
    _details_choices(form, project)
    _result, status = run(form, lambda: service.update_risk(
        current_user, project, risk, form.version.data, _data(form)), _("Risk saved."))
    if status == 302:
        return redirect(url_for("risks.show", code=project.code, risk_id=risk_id))
    return render_template("risks/form.html", project=project, form=form, risk=risk), status


@bp.route("/<int:risk_id>/reassess", methods=["POST"])
@project_permission("risks.edit")
def reassess(project: Project, risk_id: int):
    risk = _risk_or_404(project, risk_id)
    form = ReassessForm()
    _result, status = run(form, lambda: service.reassess(
        current_user, project, risk, form.version.data, form.probability.data,
        form.impact.data, form.assessed_on.data, form.note.data or ""),
        _("Reassessment recorded."))
    if status == 302:
        return redirect(url_for("risks.show", code=project.code, risk_id=risk_id))
    db.session.expire_all()
    return _show(project, _risk_or_404(project, risk_id), form, status)


def _link_action(project: Project, risk_id: int, action, success: str):
    """A link POST: flash the outcome and go back to the risk."""
    risk = _risk_or_404(project, risk_id)
    form = LinkForm()
    form.target_id.validators = []  # removal sends no target; the service checks additions
    form.target_id.choices = None
    form.target_id.validate_choice = False
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete. Reload the page and try again."), "error")
    else:
        try:
            action(risk, form)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(success, "success")
    return redirect(url_for("risks.show", code=project.code, risk_id=risk_id))


def _known_kind(kind: str) -> None:
    if kind not in service.LINKS:
        abort(404)


@bp.route("/<int:risk_id>/links/<risk_link_kind>", methods=["POST"])
@project_permission("risks.edit")
def link(project: Project, risk_id: int, risk_link_kind: str):
    _known_kind(risk_link_kind)

    def add(risk, form):
        if form.target_id.data is None:
            raise DomainError(_("Choose a record to link."))
        service.add_link(current_user, project, risk, form.version.data, risk_link_kind,
                         form.target_id.data)

    return _link_action(project, risk_id, add, _("Risk linked."))


@bp.route("/<int:risk_id>/links/<risk_link_kind>/<int:risk_link_id>/remove", methods=["POST"])
@project_permission("risks.edit")
def unlink(project: Project, risk_id: int, risk_link_kind: str, risk_link_id: int):
    _known_kind(risk_link_kind)
    return _link_action(project, risk_id, lambda risk, form: service.remove_link(
        current_user, project, risk, form.version.data, risk_link_kind, risk_link_id),
        _("Link to the risk removed."))
