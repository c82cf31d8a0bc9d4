"""Audit builders for the strategy domain: vision, goals, objectives, KPIs, readiness."""

from datetime import date
from decimal import Decimal

from app.core.permissions import Role
from app.strategy.models import (
    BusinessGoal,
    Kpi,
    Measurement,
    Objective,
    ObjectiveGoal,
    Vision,
    VisionSignoff,
    VisionVersion,
    text_sha256,
)
from app.strategy.readiness_models import Assessment, AssessmentAnswer, AssessmentResponse

VISION_TEXT = "以客户为中心 — one view of every Asian key account."


def _saved(session, record):
    session.add(record)
    session.flush()
    return record


def _vision(s, ctx):
    return Vision(project_id=ctx["project"].id, latest_number=1)


def _version(s, ctx):
    vision = _saved(s, Vision(project_id=ctx["project"].id, latest_number=1))
    return VisionVersion(vision=vision, project_id=vision.project_id, number=1, text=VISION_TEXT,
                         author_id=ctx["user"].id, author_label=ctx["user"].name)


def _signoff(s, ctx):
    version = _saved(s, _version(s, ctx))
    return VisionSignoff(version=version, project_id=version.project_id,
                         user_id=ctx["user"].id, signer_label=ctx["user"].name,
                         role=Role.SPONSOR.value, meaning="I approve this text.",
                         content_sha256=text_sha256(version.text))


def _goal(s, ctx):
    return BusinessGoal(project_id=ctx["project"].id, title="Grow share with top-20 accounts")


def _objective(s, ctx):
    return Objective(project_id=ctx["project"].id, number=1, title="Keep key accounts",
                     aim="retain", horizon="short", priority="high", owner_id=ctx["user"].id)


def _objective_goal(s, ctx):
    objective = _saved(s, _objective(s, ctx))
    goal = _saved(s, _goal(s, ctx))
    return ObjectiveGoal(project_id=objective.project_id, objective=objective, goal=goal)


def _kpi(s, ctx):
    objective = _saved(s, _objective(s, ctx))
    return Kpi(project_id=objective.project_id, objective=objective, number=1,
               name="Key-account retention", unit="%", direction="higher", kind="loyalty",
               baseline_value=Decimal("82.5"), baseline_on=date(2026, 1, 31))


def _measurement(s, ctx):
    kpi = _saved(s, _kpi(s, ctx))
    return Measurement(project_id=kpi.project_id, kpi=kpi, measured_on=date(2026, 3, 31),
                       value=Decimal("84.1"), note="Q1", recorded_by_id=ctx["user"].id)


def _assessment(s, ctx):
    return Assessment(project_id=ctx["project"].id, number=1, title="Kick-off readiness",
                      held_on=date(2026, 2, 2), questionnaire_version=1)


def _response(s, ctx):
    assessment = _saved(s, _assessment(s, ctx))
    return AssessmentResponse(assessment=assessment, project_id=assessment.project_id,
                              respondent_id=ctx["user"].id, respondent_label=ctx["user"].name)


def _answer(s, ctx):
    response = _saved(s, _response(s, ctx))
    return AssessmentAnswer(response=response, project_id=response.project_id,
                            question_key="vision.written", score=3, comment="草稿已写好")


# Fields are chosen so the change keeps the record's audit label (the test finds its rows by
# it). A goal link is only ever added or removed; both its ids are in its label, so its update
# moves the surrogate key. A response's respondent goes when their account is deleted.
BUILDERS = {
    Vision: (_vision, "approved_number", 1),
    VisionVersion: (_version, "note", "Typo fixed"),
    VisionSignoff: (_signoff, "comment", "Signed for the board"),
    BusinessGoal: (_goal, "description", "Share of wallet above 30%"),
    Objective: (_objective, "priority", "medium"),
    ObjectiveGoal: (_objective_goal, "id", 900_000_001),
    Kpi: (_kpi, "name", "Top-20 retention"),
    Measurement: (_measurement, "note", "Q1, audited"),
    Assessment: (_assessment, "title", "Readiness before go-live"),
    AssessmentResponse: (_response, "respondent_id", None),
    AssessmentAnswer: (_answer, "score", 4),
}
