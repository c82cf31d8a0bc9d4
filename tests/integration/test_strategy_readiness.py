"""Readiness assessments: opening, answering by several respondents, results, change, closing."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.core.errors import DomainError, PermissionDenied, StaleEdit
from app.strategy import analysis, readiness
from app.strategy.readiness_models import AssessmentAnswer, AssessmentResponse
from tests.conftest import audit_count, login


def _answers(score: int, comment: str = "") -> list[analysis.Answer]:
    return [analysis.Answer(q.key, score, comment if i == 0 else "")
            for i, q in enumerate(readiness.questionnaire().questions)]


def _form(score: str, version="0", **extra) -> dict:
    data = {f"score-{q.key}": score for q in readiness.questionnaire().questions}
    data["version"] = version
    data.update(extra)
    return data


def test_pm_opens_the_team_answers_and_results_show_index_and_spread(client, cast, db_session):
    login(client, cast["pm"])
    response = client.post("/projects/CAST/strategy/readiness/new",
                           data={"title": "试点之前", "held_on": "2026-01-10"})
    assert response.status_code == 302
    assessment = readiness.assessments(cast.project)[0]
    client.post("/logout")
    for who, score in (("member", "5"), ("steering", "1")):
        login(client, cast[who])
        form = client.get(f"/projects/CAST/strategy/readiness/{assessment.id}/respond")
        assert "愿景与战略" not in form.get_data(as_text=True)  # English page, English text
        response = client.post(f"/projects/CAST/strategy/readiness/{assessment.id}/respond",
                               data=_form(score, **{"comment-vision.written": "不同意"}))
        assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
        client.post("/logout")
    login(client, cast["sponsor"])
    page = client.get(f"/projects/CAST/strategy/readiness/{assessment.id}")\
        .get_data(as_text=True)
    assert "Overall readiness index: <strong>50.0</strong>" in page
    assert "Respondents disagree" in page and "不同意" in page and "<svg" in page
    rows = db_session.execute(sa.select(sa.func.count()).select_from(AssessmentAnswer))\
        .scalar_one()
    assert rows == 2 * len(readiness.questionnaire().questions)


def test_answers_can_change_until_closed_and_stale_answers_are_refused(cast, db_session):
    assessment = readiness.open_assessment(cast["pm"], cast.project, "Round", date(2026, 1, 10))
    mine = readiness.submit_response(cast["member"], cast.project, assessment, 0, _answers(2))
    version = mine.version
    readiness.submit_response(cast["member"], cast.project, assessment, version, _answers(4))
    assert {a.score for a in mine.answers} == {4}
    with pytest.raises(StaleEdit):
        readiness.submit_response(cast["member"], cast.project, assessment, version, _answers(3))
    with pytest.raises(StaleEdit):  # a second "first" response from another tab
        readiness.submit_response(cast["member"], cast.project, assessment, 0, _answers(3))
    readiness.close_assessment(cast["pm"], cast.project, assessment, assessment.version)
    with pytest.raises(DomainError, match="closed"):
        readiness.submit_response(cast["member"], cast.project, assessment, mine.version,
                                  _answers(5))
    assert readiness.result_of(assessment).index is not None


def test_rules_on_answers_and_closing(cast):
    assessment = readiness.open_assessment(None, cast.project, "Round", date(2026, 1, 10))
    with pytest.raises(DomainError, match="Nobody has answered"):
        readiness.close_assessment(cast["pm"], cast.project, assessment, assessment.version)
    with pytest.raises(DomainError, match="at least one"):
        readiness.submit_response(cast["pm"], cast.project, assessment, 0,
                                  [analysis.Answer("vision.written", None, "")])
    with pytest.raises(DomainError, match="do not match"):
        readiness.submit_response(cast["pm"], cast.project, assessment, 0,
                                  [analysis.Answer("no.such", 3, "")])
    with pytest.raises(PermissionDenied):
        readiness.submit_response(cast["staff"], cast.project, assessment, 0, _answers(3))
    with pytest.raises(PermissionDenied):
        readiness.open_assessment(cast["member"], cast.project, "Mine", date(2026, 1, 1))


@pytest.mark.parametrize("score", ["6", "0", "x"])
def test_bad_score_is_refused_with_a_message_and_saves_nothing(client, cast, db_session, score):
    assessment = readiness.open_assessment(None, cast.project, "Round", date(2026, 1, 10))
    login(client, cast["member"])
    before = audit_count()
    data = _form("3")
    data["score-vision.written"] = score
    response = client.post(f"/projects/CAST/strategy/readiness/{assessment.id}/respond",
                           data=data)
    assert response.status_code == 400
    assert "Choose a score from 1 to 5." in response.get_data(as_text=True)
    assert audit_count() == before
    assert db_session.execute(sa.select(AssessmentResponse)).first() is None


def test_change_since_the_previous_closed_assessment(client, cast):
    first = readiness.open_assessment(None, cast.project, "Before", date(2025, 11, 1))
    readiness.submit_response(cast["pm"], cast.project, first, 0, _answers(2))
    readiness.close_assessment(None, cast.project, first, first.version)
    second = readiness.open_assessment(None, cast.project, "After", date(2026, 6, 1))
    readiness.submit_response(cast["pm"], cast.project, second, 0, _answers(4))
    comparison = readiness.compare_with_previous(cast.project, second)
    assert comparison.previous.id == first.id
    assert comparison.change.overall.delta == 50
    login(client, cast["member"])
    page = client.get(f"/projects/CAST/strategy/readiness/{second.id}").get_data(as_text=True)
    assert "change since Before" in page and "+50.0" in page
    index = client.get("/projects/CAST/strategy/readiness").get_data(as_text=True)
    assert "Readiness index over time" in index and "Open for answers" in index


def test_chinese_page_shows_chinese_questions(client, cast):
    assessment = readiness.open_assessment(None, cast.project, "Round", date(2026, 1, 10))
    login(client, cast["member"])
    client.post("/language", data={"language": "zh_Hans_CN", "next": "/projects"})
    page = client.get(f"/projects/CAST/strategy/readiness/{assessment.id}/respond")\
        .get_data(as_text=True)
    assert "愿景与战略" in page and "我们有一份书面的CRM愿景" in page


def test_close_is_audited(client, cast, db_session):
    assessment = readiness.open_assessment(None, cast.project, "Round", date(2026, 1, 10))
    readiness.submit_response(cast["pm"], cast.project, assessment, 0, _answers(3))
    login(client, cast["steering"])
    before = audit_count()
    client.post(f"/projects/CAST/strategy/readiness/{assessment.id}/close",
                data={"version": assessment.version})
    db_session.refresh(assessment)
    assert assessment.closed and audit_count() == before + 1
