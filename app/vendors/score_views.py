"""Scoring and results pages: an evaluator's blind scorecard, the comparison, the report."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.forms import ConfirmForm
from app.core.permissions import project_permission
from app.projects.models import Project
from app.vendors import comparison, service
from app.vendors.forms import scorecard_form
from app.vendors.models import Evaluation, Vendor
from app.vendors.views import attempt, bp, found

# --- Scoring ----------------------------------------------------------------------------------


@bp.route("/<int:evaluation_id>/score/<int:vendor_id>", methods=["GET", "POST"])
@project_permission("vendors.score")
def score(project: Project, evaluation_id: int, vendor_id: int):
    """An evaluator's own scores of one vendor; nobody else's scores are shown here."""
    ev = found(Evaluation, project, evaluation_id)
    vendor = found(Vendor, project, vendor_id)
    if vendor.evaluation_id != ev.id:
        abort(404)
    mine = service.evaluator_of(ev, current_user)
    have = {cid: s for (vid, cid), s in service.scores_of(mine).items() if vid == vendor.id} \
        if mine else {}
    form = scorecard_form(ev.criteria, have)
    if request.method == "GET" and mine:
        form.version.data = mine.version
    status = 200
    if form.validate_on_submit():
        entries = {c.id: (int(form[f"s{c.id}"].data) if form[f"s{c.id}"].data else None,
                          form[f"e{c.id}"].data or "") for c in ev.criteria}
        status = attempt(form, lambda: service.save_scores(
            current_user, project, ev, mine, form.version.data, vendor, entries))
        if status is None:
            flash(_("Your scores of %(vendor)s are saved (still private).", vendor=vendor.name),
                  "success")
            return redirect(url_for("vendors.scorecard", code=project.code, evaluation_id=ev.id))
    elif request.method == "POST":
        status = 400
    return render_template("vendors/score.html", project=project, evaluation=ev, vendor=vendor,
                           form=form, mine=mine), status


@bp.route("/<int:evaluation_id>/score", methods=["GET", "POST"])
@project_permission("vendors.score")
def scorecard(project: Project, evaluation_id: int):
    """The evaluator's progress over the shortlist, and the submit button."""
    ev = found(Evaluation, project, evaluation_id)
    mine = service.evaluator_of(ev, current_user)
    form = ConfirmForm()
    status = 200
    if form.validate_on_submit():
        status = attempt(form, lambda: service.submit_scores(current_user, project, ev, mine,
                                                             form.version.data))
        if status is None:
            flash(_("Scores submitted. You can now see everyone's submitted scores."), "success")
            return redirect(url_for("vendors.results", code=project.code, evaluation_id=ev.id))
    elif request.method == "POST":
        status = 400
    have = service.scores_of(mine) if mine else {}
    progress = {v.id: sum((v.id, c.id) in have for c in ev.criteria)
                for v in service.scored_vendors(ev)}
    return render_template("vendors/scorecard.html", project=project, evaluation=ev, mine=mine,
                           form=form, progress=progress,
                           vendors=service.scored_vendors(ev)), status


# --- Comparison and report --------------------------------------------------------------------


def _may_see_results(ev: Evaluation) -> bool:
    """Evaluators see the results only once they have submitted their own scores."""
    mine = service.evaluator_of(ev, current_user)
    return mine is None or mine.submitted_at is not None


@bp.route("/<int:evaluation_id>/results")
@project_permission("vendors.view")
def results(project: Project, evaluation_id: int):
    from app.vendors import charts

    ev = found(Evaluation, project, evaluation_id)
    if not _may_see_results(ev):
        return render_template("vendors/blind.html", project=project, evaluation=ev)
    pic = comparison.picture(ev)
    return render_template("vendors/results.html", project=project, evaluation=ev, pic=pic,
                           charts=charts.for_picture(pic, project.currency))


@bp.route("/<int:evaluation_id>/report")
@project_permission("vendors.view")
def report(project: Project, evaluation_id: int):
    """The evaluation report for the steering committee, laid out for printing."""
    from app.vendors import charts

    ev = found(Evaluation, project, evaluation_id)
    if not _may_see_results(ev):
        return render_template("vendors/blind.html", project=project, evaluation=ev)
    pic = comparison.picture(ev)
    return render_template("vendors/report.html", project=project, evaluation=ev, pic=pic,
                           charts=charts.for_picture(pic, project.currency), today=date.today())


@bp.route("/<int:evaluation_id>/report.pdf")
@project_permission("vendors.view")
def report_pdf(project: Project, evaluation_id: int):
    """The same report as a PDF for the steering committee's papers (WeasyPrint)."""
    from app.bulletins.render import render_pdf
    from app.vendors import charts

    ev = found(Evaluation, project, evaluation_id)
    if not _may_see_results(ev):
        return render_template("vendors/blind.html", project=project, evaluation=ev)
    pic = comparison.picture(ev)
    html = render_template("vendors/report_pdf.html", project=project, evaluation=ev, pic=pic,
                           charts=charts.for_picture(pic, project.currency), today=date.today())
    result = render_pdf(html)
    return Response(result.pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{project.code}-vendor-evaluation-{ev.id}.pdf"'})
