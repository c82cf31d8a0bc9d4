"""Vendor evaluation pages: evaluations, criteria and weights, evaluators, scoring, comparison.

Vendor records (funnel, visits, bids, claims) are in vendor_views.py on the same blueprint.
"""


from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm, choices
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project
from app.vendors import comparison, service
from app.vendors.forms import (
    CriterionForm,
    EvaluationEditForm,
    EvaluationForm,
    EvaluatorForm,
    pairwise_form,
    weights_form,
)
from app.vendors.labels import (
    CLAIM_STATUS_LABELS,
    COST_KIND_LABELS,
    LICENCE_MODEL_LABELS,
    STAGE_LABELS,
    vendor_warning_text,
    weight_warning_text,
)
from app.vendors.models import Criterion, Evaluation, Evaluator

bp = Blueprint("vendors", __name__, url_prefix="/projects/<code>/vendors")


@bp.context_processor
def vendor_helpers():
    project = g.get("project")

    def money(amount):
        return "" if amount is None or project is None else format_currency(amount,
                                                                            project.currency)

    return {"money": money, "stage_labels": STAGE_LABELS, "cost_labels": COST_KIND_LABELS,
            "claim_labels": CLAIM_STATUS_LABELS, "licence_labels": LICENCE_MODEL_LABELS,
            "as_decimal": comparison.as_decimal, "weight_warnings": _weight_warnings,
            "vendor_warnings": _vendor_warnings}


def _weight_warnings(pic) -> list[str]:
    names = {c.key: c.name for c in pic.evaluation.criteria if c.key}
    return [weight_warning_text(w, names) for w in pic.weight_warnings]


def _vendor_warnings(pic) -> list[tuple[str, list]]:
    """Each warning's text and the claims behind it (unverified claims on must-haves)."""
    return [(vendor_warning_text(w),
             pic.open_must.get(w.vendor, []) if w.code == "unverified_must" else [])
            for w in pic.vendor_warnings]


def attempt(form, action) -> int | None:
    """Run a service call for a valid form: None on success, else the status to answer with."""
    try:
        action()
    except StaleEdit as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return 409
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return exc.status if exc.status in (400, 403) else 400
    return None


def found(model, project: Project, record_id: int):
    record = service.record_in(model, project, record_id)
    if record is None:
        abort(404)
    return record


def form_page(project, form, *, title, cancel, status=200, intro="", evaluation=None):
    return render_template("vendors/form.html", project=project, form=form, title=title,
                           cancel=cancel, intro=intro, evaluation=evaluation), status


def to_evaluation(evaluation: Evaluation, anchor: str = ""):
    return redirect(url_for("vendors.evaluation", code=g.project.code,
                            evaluation_id=evaluation.id) + anchor)


# --- Evaluations ------------------------------------------------------------------------------


@bp.route("")
@project_permission("vendors.view")
def index(project: Project):
    return render_template("vendors/index.html", project=project,
                           rows=service.evaluations(project))


@bp.route("/new", methods=["GET", "POST"])
@project_permission("vendors.manage")
def evaluation_new(project: Project):
    form = EvaluationForm()
    status = 200
    if form.validate_on_submit():
        made = []
        status = attempt(form, lambda: made.append(service.create_evaluation(
            current_user, project, service.EvaluationData(
                form.title.data, form.purpose.data or "", form.tco_years.data))))
        if status is None:
            flash(_("Evaluation created with the default criteria. Review the weights, then "
                    "add the vendors."), "success")
            return to_evaluation(made[0])
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("New vendor evaluation"), status=status,
                     cancel=url_for("vendors.index", code=project.code))


@bp.route("/<int:evaluation_id>")
@project_permission("vendors.view")
def evaluation(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    pic = comparison.picture(ev)
    return render_template(
        "vendors/evaluation.html", project=project, evaluation=ev, pic=pic,
        mine=service.evaluator_of(ev, current_user),
        evaluator_form=_evaluator_form(project, ev), confirm=ConfirmForm())


def _evaluator_form(project: Project, ev: Evaluation) -> EvaluatorForm:
    form = EvaluatorForm()
    form.user_id.choices = choices(service.team_choices(project, ev))
    return form


@bp.route("/<int:evaluation_id>/edit", methods=["GET", "POST"])
@project_permission("vendors.manage")
def evaluation_edit(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    form = EvaluationEditForm(obj=ev) if request.method == "GET" else EvaluationEditForm()
    status = 200
    if form.validate_on_submit():
        status = attempt(form, lambda: service.update_evaluation(
            current_user, project, ev, form.version.data, service.EvaluationData(
                form.title.data, form.purpose.data or "", form.tco_years.data)))
        if status is None:
            flash(_("Evaluation saved."), "success")
            return to_evaluation(ev)
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Edit the evaluation"), status=status,
                     cancel=url_for("vendors.evaluation", code=project.code,
                                    evaluation_id=ev.id), evaluation=ev)


# --- Criteria and weights ---------------------------------------------------------------------


def _weights_page(project: Project, ev: Evaluation, form, pair=None, ahp=None, status=200):
    if pair is None:
        pair = pairwise_form(ev.criteria, service.pairwise_of(ev))
        pair.version.data = ev.version
    return render_template("vendors/weights.html", project=project, evaluation=ev, form=form,
                           pair=pair, ahp=ahp, criterion_form=CriterionForm(version=ev.version),
                           pic=comparison.picture(ev)), status


@bp.route("/<int:evaluation_id>/weights")
@project_permission("vendors.view")
def weights(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    return _weights_page(project, ev, weights_form(ev.criteria, {"version": ev.version}))


@bp.route("/<int:evaluation_id>/weights", methods=["POST"])
@project_permission("vendors.manage")
def weights_save(project: Project, evaluation_id: int):
    """Weights entered directly, whole percentages totalling 100."""
    ev = found(Evaluation, project, evaluation_id)
    form = weights_form(ev.criteria)
    status = 400
    if form.validate_on_submit():
        values = {c.id: form[f"w{c.id}"].data for c in ev.criteria}
        status = attempt(form, lambda: service.set_weights(
            current_user, project, ev, form.version.data, values))
        if status is None:
            flash(_("Weights saved."), "success")
            return redirect(url_for("vendors.weights", code=project.code, evaluation_id=ev.id))
    return _weights_page(project, ev, form, status=status)


@bp.route("/<int:evaluation_id>/pairwise", methods=["POST"])
@project_permission("vendors.manage")
def pairwise(project: Project, evaluation_id: int):
    """Check the comparisons (show weights and consistency), or apply them as the weights."""
    ev = found(Evaluation, project, evaluation_id)
    pair = pairwise_form(ev.criteria, {})
    status, result = 200, None
    if pair.validate_on_submit():
        judgments = {}
        for i, a in enumerate(ev.criteria):
            for b in ev.criteria[i + 1:]:
                judgments[a.id, b.id] = pair[f"p{a.id}_{b.id}"].data
        try:
            result = service.ahp_of(ev, judgments)
        except DomainError as exc:
            pair.form_errors.append(exc.message)
            status = 400
        if result is not None and request.form.get("apply"):
            status = attempt(pair, lambda: service.apply_pairwise(
                current_user, project, ev, pair.version.data, judgments))
            if status is None:
                flash(_("Weights derived from the pairwise comparisons."), "success")
                return redirect(url_for("vendors.weights", code=project.code,
                                        evaluation_id=ev.id))
    else:
        status = 400
    return _weights_page(project, ev, weights_form(ev.criteria, {"version": ev.version}),
                         pair=pair, ahp=result, status=status)


@bp.route("/<int:evaluation_id>/criteria", methods=["POST"])
@project_permission("vendors.manage")
def criterion_add(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    form = CriterionForm()
    if form.validate_on_submit():
        status = attempt(form, lambda: service.add_criterion(
            current_user, project, ev, form.version.data,
            service.CriterionData(form.name.data, form.guide.data or "")))
        if status is None:
            flash(_("Criterion added with weight 0: give it a weight."), "success")
            return redirect(url_for("vendors.weights", code=project.code, evaluation_id=ev.id))
    else:
        status = 400
    return form_page(project, form, title=_("Add a criterion"), status=status, evaluation=ev,
                     cancel=url_for("vendors.weights", code=project.code, evaluation_id=ev.id))


@bp.route("/criteria/<int:criterion_id>", methods=["GET", "POST"])
@project_permission("vendors.manage")
def criterion_edit(project: Project, criterion_id: int):
    criterion = found(Criterion, project, criterion_id)
    form = CriterionForm(obj=criterion) if request.method == "GET" else CriterionForm()
    status = 200
    back = url_for("vendors.weights", code=project.code, evaluation_id=criterion.evaluation_id)
    if request.method == "POST" and request.form.get("delete"):
        if form.version.validate(form):
            status = attempt(form, lambda: service.delete_criterion(
                current_user, project, criterion, form.version.data))
            if status is None:
                flash(_("Criterion deleted."), "success")
                return redirect(back)
        else:
            status = 400
    elif form.validate_on_submit():
        status = attempt(form, lambda: service.update_criterion(
            current_user, project, criterion, form.version.data,
            service.CriterionData(form.name.data, form.guide.data or "")))
        if status is None:
            flash(_("Criterion saved."), "success")
            return redirect(back)
    elif request.method == "POST":
        status = 400
    return form_page(project, form, title=_("Edit the criterion"), status=status, cancel=back,
                     evaluation=criterion.evaluation)


# --- Evaluators -------------------------------------------------------------------------------


@bp.route("/<int:evaluation_id>/evaluators", methods=["POST"])
@project_permission("vendors.manage")
def evaluator_add(project: Project, evaluation_id: int):
    ev = found(Evaluation, project, evaluation_id)
    form = _evaluator_form(project, ev)
    if form.validate_on_submit():
        try:
            service.add_evaluator(current_user, project, ev, form.user_id.data)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Evaluator added."), "success")
    else:
        flash(_("Choose a member of the project team who is not yet an evaluator."), "error")
    return to_evaluation(ev, "#evaluators")


@bp.route("/evaluators/<int:evaluator_id>/remove", methods=["POST"])
@project_permission("vendors.manage")
def evaluator_remove(project: Project, evaluator_id: int):
    evaluator = found(Evaluator, project, evaluator_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.remove_evaluator(current_user, project, evaluator, form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Evaluator removed."), "success")
    else:
        flash(StaleEdit.default_message, "error")
    return to_evaluation(evaluator.evaluation, "#evaluators")


from app.vendors import score_views, vendor_views  # noqa: E402,F401
