"""Readiness assessments: open a round, collect answers from the team, score and compare.

The questions come from seeds/readiness.toml, so they can be edited without touching code.
"""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, StaleEdit, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.extensions import db
from app.projects.models import Project
from app.strategy import analysis
from app.strategy.readiness_models import Assessment, AssessmentAnswer, AssessmentResponse
from app.strategy.service import _label, _require

QUESTIONNAIRE = Path(__file__).resolve().parents[2] / "seeds" / "readiness.toml"


@functools.cache
def questionnaire() -> analysis.Questionnaire:
    return analysis.load_questionnaire(QUESTIONNAIRE.read_bytes())


def chinese() -> bool:
    return str(get_locale() or "en").startswith("zh")


def dimension_title(dimension: analysis.ReadinessDimension) -> str:
    return dimension.title_zh if chinese() else dimension.title


def question_text(question: analysis.ReadinessQuestion) -> str:
    return question.text_zh if chinese() else question.text


def assessments(project: Project) -> list[Assessment]:
    return list(db.session.execute(
        sa.select(Assessment).where(Assessment.project_id == project.id)
        .options(sa.orm.selectinload(Assessment.responses).selectinload(AssessmentResponse.answers))
        .order_by(Assessment.held_on, Assessment.number)
    ).scalars())


def assessment_in(project: Project, assessment_id: int) -> Assessment | None:
    record = db.session.get(Assessment, assessment_id)
    return record if record is not None and record.project_id == project.id else None


def response_of(assessment: Assessment, user: User) -> AssessmentResponse | None:
    return next((r for r in assessment.responses if r.respondent_id == user.id), None)


@transactional
def open_assessment(actor: User | None, project: Project, title: str, held_on: date) -> Assessment:
    _require(actor, project, "strategy.edit")
    assessment = Assessment(project_id=project.id, number=next_number(project.id, "readiness"),
                            title=title, held_on=held_on,
                            questionnaire_version=questionnaire().version)
    db.session.add(assessment)
    db.session.flush()
    return assessment


@transactional
def close_assessment(actor: User | None, project: Project, assessment: Assessment,
                     version) -> Assessment:
    _require(actor, project, "strategy.edit")
    check_version(assessment, version)
    if assessment.closed:
        raise DomainError(_l("This assessment is already closed."))
    if not assessment.responses:
        raise DomainError(_l("Nobody has answered yet: an assessment needs a response to close."))
    assessment.closed, assessment.closed_at = True, utcnow()
    return assessment


@transactional
def submit_response(actor: User, project: Project, assessment: Assessment, version,
                    answers: list[analysis.Answer], respondent_label: str | None = None,
                    ) -> AssessmentResponse:
    """Save (or replace) the actor's answers. `version` is the response's version the form
    was loaded with, or 0 for a first response."""
    _require(actor, project, "readiness.respond")
    if assessment.closed:
        raise DomainError(_l("This assessment is closed: answers can no longer change."))
    known = {q.key for q in questionnaire().questions}
    if {a.question for a in answers} - known or len({a.question for a in answers}) != len(answers):
        raise DomainError(_l("The answers do not match the questionnaire. Reload the page."))
    if not any(a.score is not None for a in answers):
        raise DomainError(_l("Score at least one statement before saving."))
    response = response_of(assessment, actor)
    if response is None:
        if str(version) != "0":
            raise StaleEdit()
        response = AssessmentResponse(assessment=assessment, project_id=project.id,
                                      respondent_id=actor.id,
                                      respondent_label=respondent_label or _label(actor))
        db.session.add(response)
    else:
        check_version(response, version)
        response.submitted_at = utcnow()
    by_key = {a.question_key: a for a in response.answers}
    for answer in answers:
        stored = by_key.get(answer.question)
        if stored is None:
            response.answers.append(AssessmentAnswer(project_id=project.id,
                                                     question_key=answer.question,
                                                     score=answer.score, comment=answer.comment))
        elif (stored.score, stored.comment) != (answer.score, answer.comment):
            stored.score, stored.comment = answer.score, answer.comment
    db.session.flush()
    return response


def result_of(assessment: Assessment) -> analysis.AssessmentResult:
    known = {q.key for q in questionnaire().questions}
    responses = [
        analysis.Response(r.respondent_label, tuple(
            analysis.Answer(a.question_key, a.score, a.comment)
            for a in r.answers if a.question_key in known))
        for r in assessment.responses
    ]
    return analysis.score_assessment(questionnaire(), responses)


@dataclass(frozen=True)
class Comparison:
    previous: Assessment | None
    change: analysis.AssessmentChange | None


def compare_with_previous(project: Project, assessment: Assessment) -> Comparison:
    """Change since the latest earlier closed assessment of the project."""
    earlier = [a for a in assessments(project) if a.closed and a.id != assessment.id
               and (a.held_on, a.number) < (assessment.held_on, assessment.number)]
    if not earlier:
        return Comparison(None, None)
    previous = earlier[-1]
    return Comparison(previous, analysis.change_since(result_of(previous), result_of(assessment)))
