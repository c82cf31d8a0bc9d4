"""Quality pages: the quality plan, QA reviews, QC checkpoints; gate pages register from
gate_views.py on the same blueprint."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.validators import Optional

from app.core.forms import choices
from app.core.permissions import project_permission
from app.core.views import run
from app.planning import service as planning
from app.projects.models import Project
from app.quality import labels, qa_reviews, service
from app.quality.forms import QaActionForm, QaActionStatusForm, QaReviewForm, StandardForm

bp = Blueprint("quality", __name__, url_prefix="/projects/<code>/quality")
LABELS = {"status_labels": labels.CHECKPOINT_STATUS_LABELS,
          "target_labels": labels.TARGET_LABELS, "decision_labels": labels.DECISION_LABELS,
          "judgement_labels": labels.JUDGEMENT_LABELS,
          "action_labels": labels.ACTION_STATUS_LABELS,
          "review_status_labels": labels.REVIEW_STATUS_LABELS}




def creating(form):
    """A form that adds a record has no version to carry."""
    form.version.validators = [Optional()]
    return form


def _or_404(record):
    if record is None:
        abort(404)
    return record


def _people(field, project: Project, empty) -> None:
    field.choices = choices([("", empty), *[(u.id, u.name) for u in service.team(project)]])


def _phases(field, project: Project, empty=None) -> None:
    pairs = [(p.id, p.name) for p in planning.phases(project)]
    field.choices = choices([("", empty), *pairs] if empty else pairs)


# -- the quality plan -------------------------------------------------------------------------


@bp.route("")
@project_permission("quality.view")
def index(project: Project):
    return render_template("quality/index.html", project=project,
                           standards=service.standards(project),
                           phases=planning.phases(project), **LABELS)


def _standard_form(project: Project, standard=None) -> StandardForm:
    form = StandardForm(obj=standard) if standard else creating(StandardForm())
    _phases(form.phase_id, project)
    _people(form.owner_id, project, _("Nobody yet"))
    return form


def _standard_data(form) -> service.StandardData:
    return service.StandardData(form.phase_id.data, form.deliverable.data or "",
                                form.title.data, form.criterion.data, form.method.data,
                                form.owner_id.data)


@bp.route("/standards/new", methods=["GET", "POST"])
@project_permission("quality.edit")
def standard_new(project: Project):
    form = _standard_form(project)
    _result, status = run(form, lambda: service.create_standard(
        current_user, project, _standard_data(form)), _("Quality standard added."))
    if status == 302:
        return redirect(url_for("quality.index", code=project.code))
    return render_template("quality/standard_form.html", project=project, form=form,
                           standard=None), status


@bp.route("/standards/<int:standard_id>/edit", methods=["GET", "POST"])
@project_permission("quality.edit")
def standard_edit(project: Project, standard_id: int):
    standard = _or_404(service.standard_in(project, standard_id))
    form = _standard_form(project, standard)
    _result, status = run(form, lambda: service.update_standard(
        current_user, project, standard, form.version.data, _standard_data(form)),
        _("Quality standard saved."))
    if status == 302:
        return redirect(url_for("quality.index", code=project.code))
    return render_template("quality/standard_form.html", project=project, form=form,
                           standard=standard), status


# -- QA reviews -------------------------------------------------------------------------------


@bp.route("/reviews")
@project_permission("quality.view")
def reviews(project: Project):
    return render_template("quality/reviews.html", project=project,
                           reviews=qa_reviews.reviews(project), **LABELS)


def _review_form(project: Project, review=None) -> QaReviewForm:
    form = QaReviewForm(obj=review) if review else creating(QaReviewForm())
    _people(form.reviewer_id, project, _("Nobody yet"))
    return form


def _review_data(form) -> qa_reviews.QaReviewData:
    return qa_reviews.QaReviewData(form.review_date.data, form.reviewer_id.data,
                                form.judgement.data, form.findings.data)


@bp.route("/reviews/new", methods=["GET", "POST"])
@project_permission("quality.edit")
def review_new(project: Project):
    form = _review_form(project)
    result, status = run(form, lambda: qa_reviews.create_qa_review(
        current_user, project, _review_data(form)), _("QA review recorded."))
    if status == 302:
        return redirect(url_for("quality.review", code=project.code, qa_review_id=result.id))
    return render_template("quality/review_form.html", project=project, form=form,
                           review=None), status


@bp.route("/reviews/<int:qa_review_id>/edit", methods=["GET", "POST"])
@project_permission("quality.edit")
def review_edit(project: Project, qa_review_id: int):
    review = _or_404(qa_reviews.qa_review_in(project, qa_review_id))
    form = _review_form(project, review)
    _result, status = run(form, lambda: qa_reviews.update_qa_review(
        current_user, project, review, form.version.data, _review_data(form)),
        _("QA review saved."))
    if status == 302:
        return redirect(url_for("quality.review", code=project.code, qa_review_id=review.id))
    return render_template("quality/review_form.html", project=project, form=form,
                           review=review), status


def _action_form(project: Project, review) -> QaActionForm:
    form = QaActionForm(version=review.version)
    _people(form.owner_id, project, _("Nobody yet"))
    return form


@bp.route("/reviews/<int:qa_review_id>", methods=["GET"])
@project_permission("quality.view")
def review(project: Project, qa_review_id: int, action_form=None, status=200):
    review = _or_404(qa_reviews.qa_review_in(project, qa_review_id))
    return render_template(
        "quality/review.html", project=project, review=review,
        action_form=action_form or _action_form(project, review),
        status_forms={a.id: QaActionStatusForm(obj=a) for a in review.actions},
        **LABELS), status


@bp.route("/reviews/<int:qa_review_id>/actions", methods=["POST"])
@project_permission("quality.edit")
def action_add(project: Project, qa_review_id: int):
    review_ = _or_404(qa_reviews.qa_review_in(project, qa_review_id))
    form = _action_form(project, review_)
    _result, status = run(form, lambda: qa_reviews.add_qa_action(
        current_user, project, review_, form.version.data, form.description.data,
        form.owner_id.data, form.due_date.data), _("Action added."))
    if status == 302:
        return redirect(url_for("quality.review", code=project.code, qa_review_id=review_.id))
    return review(code=project.code, qa_review_id=review_.id, action_form=form, status=status)


@bp.route("/actions/<int:qa_action_id>/status", methods=["POST"])
@project_permission("quality.edit")
def action_status(project: Project, qa_action_id: int):
    action = _or_404(qa_reviews.qa_action_in(project, qa_action_id))
    form = QaActionStatusForm()
    _result, status = run(form, lambda: qa_reviews.set_qa_action_status(
        current_user, project, action, form.version.data, form.status.data),
        _("Action updated."))
    if status != 302:  # a one-field form: its message goes to the review page
        for error in [*form.form_errors, *[e for f in form for e in f.errors]]:
            flash(str(error), "error")
    return redirect(url_for("quality.review", code=project.code, qa_review_id=action.review_id))


from app.quality import checkpoint_views, gate_views  # noqa: E402, F401  (routes on `bp`)
