"""Readiness pages: the list of assessments, answering the questionnaire, the results."""

import re
from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from app.core import charts
from app.core.forms import ConfirmForm, VersionedForm
from app.core.permissions import project_permission
from app.projects.models import Project
from app.strategy import analysis, readiness
from app.strategy.forms import AssessmentForm
from app.strategy.views import bp, post_button, run

MAX_COMMENT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ResponseForm(VersionedForm):
    """CSRF and version only: the score and comment fields follow the questionnaire file."""


def parse_answers(formdata) -> tuple[list[analysis.Answer], dict[str, str]]:
    """Answers from `score-<key>` and `comment-<key>` fields, with an error per bad question."""
    answers, errors = [], {}
    for question in readiness.questionnaire().questions:
        raw = (formdata.get(f"score-{question.key}") or "").strip()
        comment = (formdata.get(f"comment-{question.key}") or "").strip()
        score = None
        if raw:
            if raw not in {"1", "2", "3", "4", "5"}:
                errors[question.key] = str(_l("Choose a score from 1 to 5."))
                continue
            score = int(raw)
        if len(comment) > MAX_COMMENT or _CONTROL.search(comment):
            errors[question.key] = str(_l("Keep the comment under %(n)d characters, without "
                                          "control characters.", n=MAX_COMMENT))
            continue
        answers.append(analysis.Answer(question.key, score, comment))
    return answers, errors


def _assessment_or_404(project: Project, assessment_id: int):
    assessment = readiness.assessment_in(project, assessment_id)
    if assessment is None:
        abort(404)
    return assessment


def _trend(assessments) -> Markup:
    points = tuple((a.held_on, readiness.result_of(a).index) for a in assessments if a.closed)
    points = tuple(p for p in points if p[1] is not None)
    svg = charts.line_chart(_("Readiness index over time"),
                            [charts.Series(_("Overall index (0-100)"), points)],
                            y_label=_("Index"), empty_text=_("No closed assessment yet"),
                            height=220)
    return Markup(svg)  # charts escapes every text it places


def _index_page(project: Project, form, status: int):
    assessments = readiness.assessments(project)
    return render_template("strategy/readiness_index.html", project=project, form=form,
                           assessments=list(reversed(assessments)),
                           results={a.id: readiness.result_of(a) for a in assessments},
                           trend=_trend(assessments)), status


@bp.route("/readiness")
@project_permission("strategy.view")
def readiness_index(project: Project):
    return _index_page(project, AssessmentForm(held_on=date.today()), 200)


@bp.route("/readiness/new", methods=["POST"])
@project_permission("strategy.edit")
def readiness_new(project: Project):
    form = AssessmentForm()
    result, status = run(form, lambda: readiness.open_assessment(
        current_user, project, form.title.data, form.held_on.data),
        _("Assessment opened. Ask the team to answer it."))
    if status == 302:
        return redirect(url_for("strategy.readiness_show", code=project.code,
                                assessment_id=result.id))
    return _index_page(project, form, status)


@bp.route("/readiness/<int:assessment_id>")
@project_permission("strategy.view")
def readiness_show(project: Project, assessment_id: int):
    assessment = _assessment_or_404(project, assessment_id)
    result = readiness.result_of(assessment)
    comparison = readiness.compare_with_previous(project, assessment)
    questionnaire = readiness.questionnaire()
    titles = [readiness.dimension_title(d) for d in questionnaire.dimensions]
    series = [charts.BarSeries(_("This assessment"),
                               tuple(d.index or 0 for d in result.dimensions))]
    if comparison.previous is not None:
        changes = dict(comparison.change.dimensions)
        series.insert(0, charts.BarSeries(
            _("Previous (%(date)s)", date=comparison.previous.held_on.isoformat()),
            tuple(changes[d.key].previous or 0 for d in questionnaire.dimensions)))
    chart = charts.bar_chart(_("Readiness index by dimension (0-100)"), titles, series,
                             y_label=_("Index"), width=960, height=360,
                             empty_text=_("No answers yet"))
    return render_template(
        "strategy/readiness_show.html", project=project, assessment=assessment, result=result,
        comparison=comparison, changes=dict(comparison.change.dimensions)
        if comparison.change else {}, questionnaire=questionnaire,
        dimension_title=readiness.dimension_title, question_text=readiness.question_text,
        chart=Markup(chart),
        mine=readiness.response_of(assessment, current_user),
        close_form=ConfirmForm(version=assessment.version))


@bp.route("/readiness/<int:assessment_id>/respond", methods=["GET", "POST"])
@project_permission("readiness.respond")
def readiness_respond(project: Project, assessment_id: int):
    assessment = _assessment_or_404(project, assessment_id)
    mine = readiness.response_of(assessment, current_user)
    form = ResponseForm()
    values = {a.question_key: (a.score, a.comment) for a in mine.answers} if mine else {}
    if request.method == "GET":
        form.version.data = str(mine.version) if mine else "0"
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        answers, errors = parse_answers(request.form)
        values = {a.question: (a.score, a.comment) for a in answers}
        if errors:
            status = 400
            form.validate_on_submit()
        else:
            _result, status = run(form, lambda: readiness.submit_response(
                current_user, project, assessment, form.version.data, answers),
                _("Your answers are saved. You can change them until the assessment closes."))
            if status == 302:
                return redirect(url_for("strategy.readiness_show", code=project.code,
                                        assessment_id=assessment.id))
    return render_template(
        "strategy/readiness_respond.html", project=project, assessment=assessment, form=form,
        questionnaire=readiness.questionnaire(), values=values, errors=errors,
        dimension_title=readiness.dimension_title, question_text=readiness.question_text,
    ), status


@bp.route("/readiness/<int:assessment_id>/close", methods=["POST"])
@project_permission("strategy.edit")
def readiness_close(project: Project, assessment_id: int):
    assessment = _assessment_or_404(project, assessment_id)
    form = ConfirmForm()
    post_button(form, lambda: readiness.close_assessment(current_user, project, assessment,
                                                         form.version.data),
                _("Assessment closed: its results are final."))
    return redirect(url_for("strategy.readiness_show", code=project.code,
                            assessment_id=assessment_id))
