"""Gate pages: the overview of every phase gate and one gate with its reviews and decision."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.forms import choices
from app.core.permissions import project_permission
from app.planning import service as planning
from app.projects.models import Project
from app.quality import gate_reviews, service
from app.quality.forms import DecisionForm, ExitCriteriaForm, OpenGateReviewForm
from app.quality.views import LABELS, _or_404, bp, run


@bp.route("/gates")
@project_permission("quality.view")
def gates_overview(project: Project):
    plan = planning.scheduled(project)
    summary = service.gate_summary(project, plan)
    early = gate_reviews.early_starts_by_gate(project, plan, summary)
    return render_template("quality/gates.html", project=project, summary=summary,
                           early=early, **LABELS)


def _decision_form(project: Project, review, form=None) -> DecisionForm:
    form = form or DecisionForm(version=review.version if review else None)
    form.present.choices = choices((u.id, u.name) for u in gate_reviews.committee(project))
    return form


def _gate(project: Project, phase, status=200, **forms):
    page = gate_reviews.gate_page(project, phase)
    current = next((r for r in page.reviews if r.status == "open"), None)
    forms.setdefault("open_form", OpenGateReviewForm())
    forms.setdefault("criteria_form", ExitCriteriaForm(
        version=current.version, exit_criteria=current.exit_criteria) if current else None)
    forms["decision_form"] = _decision_form(project, current, forms.get("decision_form"))
    return render_template(
        "quality/gate.html", project=project, page=page, current=current,
        checkpoints=service.checkpoints(project, phase_id=phase.id), **forms, **LABELS), status


@bp.route("/gates/<int:gate_phase_id>")
@project_permission("quality.view")
def gate(project: Project, gate_phase_id: int):
    return _gate(project, _or_404(planning.phase_in(project, gate_phase_id)))


@bp.route("/gates/<int:gate_phase_id>/reviews", methods=["POST"])
@project_permission("quality.edit")
def gate_open(project: Project, gate_phase_id: int):
    phase = _or_404(planning.phase_in(project, gate_phase_id))
    form = OpenGateReviewForm()
    _result, status = run(form, lambda: gate_reviews.open_review(
        current_user, project, phase, form.exit_criteria.data or ""),
        _("Gate review opened."))
    if status == 302:
        return redirect(url_for("quality.gate", code=project.code, gate_phase_id=phase.id))
    return _gate(project, phase, status, open_form=form)


@bp.route("/gate-reviews/<int:gate_review_id>/criteria", methods=["POST"])
@project_permission("quality.edit")
def gate_criteria(project: Project, gate_review_id: int):
    review = _or_404(gate_reviews.review_in(project, gate_review_id))
    form = ExitCriteriaForm()
    _result, status = run(form, lambda: gate_reviews.update_exit_criteria(
        current_user, project, review, form.version.data, form.exit_criteria.data or ""),
        _("Exit criteria saved."))
    if status == 302:
        return redirect(url_for("quality.gate", code=project.code, gate_phase_id=review.phase_id))
    return _gate(project, review.phase, status, criteria_form=form)


@bp.route("/gate-reviews/<int:gate_review_id>/decide", methods=["POST"])
@project_permission("quality.decide")
def gate_decide(project: Project, gate_review_id: int):
    review = _or_404(gate_reviews.review_in(project, gate_review_id))
    form = _decision_form(project, review, DecisionForm())
    _result, status = run(form, lambda: gate_reviews.decide(
        current_user, project, review, form.version.data, gate_reviews.Decision(
            form.decision.data, form.conditions.data or "", form.meeting_date.data,
            tuple(form.present.data or ()))), _("Gate decision recorded."))
    if status == 302:
        return redirect(url_for("quality.gate", code=project.code, gate_phase_id=review.phase_id))
    return _gate(project, review.phase, status, decision_form=form)
