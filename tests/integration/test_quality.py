"""Quality plan, QA reviews and actions, checkpoints and waivers: pages and service rules."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.core.audit import AuditLog
from app.core.errors import PermissionDenied
from app.quality import qa_reviews, service
from app.quality.models import Checkpoint, QaAction, QaReview, QualityStandard
from tests.conftest import audit_count, login
from tests.integration.quality_fixtures import build_plan, checkpoint
from tests.integration.webtools import count, table_row, text

BASE = "/projects/CAST/quality"


@pytest.fixture
def qplan(cast):
    return build_plan(cast)


def standard_form(phase, **changes):
    data = {"phase_id": phase.id, "deliverable": "需求规格书", "title": "Requirements testable",
            "criterion": "每条需求都有验收标准", "method": "Peer review", "owner_id": ""}
    data.update(changes)
    return data


def test_pm_adds_and_edits_a_standard_in_chinese(client, cast, qplan, db_session):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/standards/new", data=standard_form(
        qplan.design, owner_id=cast["member"].id))
    assert response.status_code == 302
    standard = service.standards(cast.project)[0]
    assert standard.owner_id == cast["member"].id and standard.deliverable == "需求规格书"
    page = text(client.get(BASE))
    assert "每条需求都有验收标准" in page and "设计 Design" in page
    response = client.post(f"{BASE}/standards/{standard.id}/edit", data=standard_form(
        qplan.build, version=standard.version, method="Walkthrough 走查"))
    assert response.status_code == 302
    assert table_row(QualityStandard, standard.id)["method"] == "Walkthrough 走查"
    assert db_session.query(AuditLog).filter_by(entity_type="QualityStandard").count() == 2


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": ""}, "This field is required"),
    ({"title": "<b>x</b>"}, "Do not use the characters"),
    ({"criterion": ""}, "This field is required"),
    ({"criterion": "a\x00b"}, "Remove control characters"),
    ({"title": "质" * 201}, "Field cannot be longer than 200 characters"),
    ({"phase_id": "999999"}, "Not a valid choice"),
    ({"phase_id": "abc"}, "Invalid Choice: could not coerce"),
    ({"owner_id": "staff"}, "Not a valid choice"),
])
def test_bad_standards_are_refused_without_a_write(client, cast, qplan, changes, message):
    login(client, cast["pm"])
    if changes.get("owner_id") == "staff":
        changes = {"owner_id": cast["staff"].id}
    before = count(QualityStandard)
    response = client.post(f"{BASE}/standards/new", data=standard_form(qplan.design, **changes))
    assert response.status_code == 400
    assert message in text(response)
    assert count(QualityStandard) == before


def test_the_service_refuses_a_foreign_phase_and_an_owner_off_the_team(cast, qplan,
                                                                       make_project):
    other = make_project()
    from app.planning import service as planning

    foreign = planning.create_phase(None, other, "Elsewhere", "")
    with pytest.raises(Exception, match="Choose a phase of this project"):
        service.create_standard(None, cast.project, service.StandardData(
            foreign.id, "", "T", "C", "M", None))
    with pytest.raises(Exception, match="must be on the project team"):
        service.create_standard(None, cast.project, service.StandardData(
            qplan.design.id, "", "T", "C", "M", cast["staff"].id))
    assert count(QualityStandard) == 0


def test_a_stale_standard_edit_changes_nothing(client, cast, qplan):
    standard = service.create_standard(None, cast.project, service.StandardData(
        qplan.design.id, "", "Plan reviewed", "Reviewed", "Walkthrough", None))
    old = standard.version
    service.update_standard(None, cast.project, standard, old, service.StandardData(
        qplan.design.id, "", "Plan reviewed", "Reviewed twice", "Walkthrough", None))
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"{BASE}/standards/{standard.id}/edit",
                           data=standard_form(qplan.design, version=old, title="Mine"))
    assert response.status_code == 409 and "changed by someone else" in text(response)
    assert table_row(QualityStandard, standard.id)["title"] == "Plan reviewed"
    assert audit_count() == before


def review_form(**changes):
    data = {"review_date": "2026-05-15", "reviewer_id": "", "judgement": "concerns",
            "findings": "- 数据质量不足 Data quality is poor"}
    data.update(changes)
    return data


def test_qa_review_with_actions_through_the_pages(client, cast, qplan, db_session):
    login(client, cast["steering"])
    response = client.post(f"{BASE}/reviews/new", data=review_form(
        reviewer_id=cast["steering"].id))
    assert response.status_code == 302
    review = qa_reviews.reviews(cast.project)[0]
    assert review.review_date == date(2026, 5, 15) and review.judgement == "concerns"
    response = client.post(f"{BASE}/reviews/{review.id}/actions", data={
        "version": review.version, "description": "清洗客户数据 Clean the data",
        "owner_id": cast["member"].id, "due_date": "2026-06-30"})
    assert response.status_code == 302
    action = db_session.query(QaAction).one()
    assert action.status == "open" and action.owner_id == cast["member"].id
    response = client.post(f"{BASE}/actions/{action.id}/status",
                           data={"version": action.version, "status": "done"})
    assert response.status_code == 302
    assert table_row(QaAction, action.id)["status"] == "done"
    page = text(client.get(f"{BASE}/reviews/{review.id}"))
    assert "清洗客户数据 Clean the data" in page and "数据质量不足" in page
    assert "May 15, 2026" in text(client.get(f"{BASE}/reviews"))
    response = client.post(f"{BASE}/reviews/{review.id}/edit", data=review_form(
        version=review.version, judgement="off_track"))
    assert response.status_code == 302
    assert table_row(QaReview, review.id)["judgement"] == "off_track"


@pytest.mark.parametrize(("changes", "message"), [
    ({"judgement": "great"}, "Not a valid choice"),
    ({"review_date": "2026-02-30"}, "Not a valid date value"),
    ({"review_date": "1900-01-01"}, "The date is out of range"),
    ({"findings": ""}, "This field is required"),
])
def test_bad_qa_reviews_are_refused(client, cast, changes, message):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/reviews/new", data=review_form(**changes))
    assert response.status_code == 400 and message in text(response)
    assert count(QaReview) == 0


def test_bad_and_stale_actions_are_refused(client, cast, db_session):
    review = qa_reviews.create_qa_review(None, cast.project, qa_reviews.QaReviewData(
        date(2026, 5, 15), None, "concerns", "Findings"))
    login(client, cast["pm"])
    response = client.post(f"{BASE}/reviews/{review.id}/actions",
                           data={"version": review.version, "description": ""})
    assert response.status_code == 400 and "This field is required" in text(response)
    response = client.post(f"{BASE}/reviews/{review.id}/actions",
                           data={"version": review.version + 7, "description": "Late"})
    assert response.status_code == 409 and "changed by someone else" in text(response)
    assert count(QaAction) == 0
    action = qa_reviews.add_qa_action(None, cast.project, review, review.version, "Do it", None,
                                   None)
    response = client.post(f"{BASE}/actions/{action.id}/status",
                           data={"version": action.version, "status": "finished"},
                           follow_redirects=True)
    assert "Not a valid choice" in text(response)
    response = client.post(f"{BASE}/actions/{action.id}/status",
                           data={"version": action.version - 1, "status": "done"},
                           follow_redirects=True)
    assert "changed by someone else" in text(response)
    assert table_row(QaAction, action.id)["status"] == "open"


def checkpoint_form(**changes):
    data = {"title": "UAT 验收", "target": "gate", "phase_id": "", "task_id": "",
            "deliverable": "", "criteria": "All scripts pass", "reviewer_id": "",
            "evidence": "", "status": "pending"}
    data.update(changes)
    return data


def test_checkpoints_get_gapless_numbers_and_a_task_gives_its_phase(client, cast, qplan):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/checkpoints/new", data=checkpoint_form(
        phase_id=qplan.design.id))
    assert response.status_code == 302
    response = client.post(f"{BASE}/checkpoints/new", data=checkpoint_form(
        title="Prototype demo", target="task", task_id=qplan.prototype.id,
        phase_id=qplan.design.id, status="passed", evidence="Demo on 2026-01-12"))
    assert response.status_code == 302
    first, second = sorted(service.checkpoints(cast.project), key=lambda c: c.number)
    assert (first.code, second.code) == ("QC-01", "QC-02")
    assert second.phase_id == qplan.build.id and second.task_id == qplan.prototype.id
    page = text(client.get(f"{BASE}/checkpoints/{second.id}"))
    assert "Prototype demo" in page and "Demo on 2026-01-12" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"phase_id": ""}, "Choose a phase of this project"),
    ({"target": "task"}, "Choose the task this checkpoint checks"),
    ({"target": "deliverable", "phase_id": "design"}, "Name the deliverable"),
    ({"status": "passed", "phase_id": "design"}, "Record the evidence"),
    ({"status": "waived", "phase_id": "design"}, "Not a valid choice"),
    ({"criteria": "", "phase_id": "design"}, "This field is required"),
    ({"reviewer_id": "outsider", "phase_id": "design"}, "Not a valid choice"),
])
def test_bad_checkpoints_are_refused(client, cast, qplan, changes, message):
    ids = {"design": qplan.design.id, "outsider": cast["outsider"].id}
    changes = {k: ids.get(v, v) for k, v in changes.items()}
    login(client, cast["pm"])
    response = client.post(f"{BASE}/checkpoints/new", data=checkpoint_form(**changes))
    assert response.status_code == 400 and message in text(response)
    assert count(Checkpoint) == 0


def test_checkpoint_list_filters_by_status_and_phase(client, cast, qplan):
    checkpoint(cast.project, qplan.design, "Design A", "passed", "ok")
    checkpoint(cast.project, qplan.design, "Design B", "failed", "broken")
    checkpoint(cast.project, qplan.build, "Build C", "pending")
    login(client, cast["member"])
    page = text(client.get(f"{BASE}/checkpoints?status=failed"))
    assert "Design B" in page and "Design A" not in page and "Build C" not in page
    page = text(client.get(f"{BASE}/checkpoints?phase={qplan.build.id}"))
    assert "Build C" in page and "Design A" not in page
    page = text(client.get(f"{BASE}/checkpoints?status=bogus"))
    assert response_ok(page) and "Design A" in page and "Build C" in page


def response_ok(page: str) -> bool:
    return "QC checkpoints" in page


def test_only_the_sponsor_waives_and_needs_a_rationale(client, cast, qplan):
    cp = checkpoint(cast.project, qplan.design, "Lab review", "failed", "Shanghai missing")
    login(client, cast["steering"])
    response = client.post(f"{BASE}/checkpoints/{cp.id}/waive",
                           data={"version": cp.version, "rationale": "Because"})
    assert response.status_code == 403
    client.post("/logout")
    login(client, cast["sponsor"])
    response = client.post(f"{BASE}/checkpoints/{cp.id}/waive",
                           data={"version": cp.version, "rationale": "  "})
    assert response.status_code == 400 and "This field is required" in text(response)
    response = client.post(f"{BASE}/checkpoints/{cp.id}/waive",
                           data={"version": cp.version + 1, "rationale": "Late"})
    assert response.status_code == 409
    assert table_row(Checkpoint, cp.id)["status"] == "failed"
    response = client.post(f"{BASE}/checkpoints/{cp.id}/waive",
                           data={"version": cp.version, "rationale": "不在试点范围 Out of scope"})
    assert response.status_code == 302
    row = table_row(Checkpoint, cp.id)
    assert row["status"] == "waived" and row["waived_by_id"] == cast["sponsor"].id
    assert row["waived_by_label"] == cast["sponsor"].name and row["waived_at"] is not None
    page = text(client.get(f"{BASE}/checkpoints/{cp.id}"))
    assert "不在试点范围 Out of scope" in page and f"Waived by {cast['sponsor'].name}" in page


def test_a_waiver_stands_and_a_passed_checkpoint_needs_none(cast, qplan):
    done = checkpoint(cast.project, qplan.design, "Done", "passed", "ok")
    with pytest.raises(Exception, match="has the status Passed: there is nothing to waive"):
        service.waive_checkpoint(cast["sponsor"], cast.project, done, done.version, "why")
    cp = checkpoint(cast.project, qplan.design, "Lab", "failed", "missing")
    service.waive_checkpoint(cast["sponsor"], cast.project, cp, cp.version, "Out of scope")
    data = service.CheckpointData("Lab", "gate", qplan.design.id, None, "", "c", None, "e",
                                  "passed")
    with pytest.raises(Exception, match="waiver stands"):
        service.update_checkpoint(cast["pm"], cast.project, cp, cp.version, data)
    with pytest.raises(PermissionDenied):
        service.waive_checkpoint(cast["pm"], cast.project, done, done.version, "why")



def test_a_waiver_keeps_the_earlier_moment_it_was_given_never_a_future_one(cast, qplan):
    """The demo seed dates the lab waiver at its gate meeting; the audit row keeps real time."""
    from datetime import UTC, datetime, timedelta

    from app.core.model_base import utcnow

    meeting = datetime(2026, 3, 30, 1, tzinfo=UTC)
    cp = checkpoint(cast.project, qplan.design, "Lab", "failed", "missing")
    service.waive_checkpoint(cast["sponsor"], cast.project, cp, cp.version, "Out of scope",
                             at=meeting)
    assert table_row(Checkpoint, cp.id)["waived_at"].replace(tzinfo=UTC) == meeting
    later = checkpoint(cast.project, qplan.design, "Later", "failed", "missing")
    before = utcnow()
    service.waive_checkpoint(cast["sponsor"], cast.project, later, later.version, "ok",
                             at=utcnow() + timedelta(days=3))
    assert before <= later.waived_at <= utcnow()

def test_a_stale_checkpoint_edit_changes_nothing(client, cast, qplan):
    cp = checkpoint(cast.project, qplan.design)
    loaded = cp.version
    login(client, cast["pm"])
    response = client.post(f"{BASE}/checkpoints/{cp.id}/edit", data=checkpoint_form(
        phase_id=qplan.design.id, version=loaded, status="failed", evidence="Broken"))
    assert response.status_code == 302
    response = client.post(f"{BASE}/checkpoints/{cp.id}/edit", data=checkpoint_form(
        phase_id=qplan.design.id, version=loaded, status="passed", evidence="Fine"))
    assert response.status_code == 409
    assert table_row(Checkpoint, cp.id)["status"] == "failed"


def test_checkpoint_counts(cast, qplan):
    for status, evidence in (("passed", "ok"), ("failed", "no"), ("pending", "")):
        checkpoint(cast.project, qplan.design, f"C {status}", status, evidence)
    cp = checkpoint(cast.project, qplan.build, "C waived", "failed", "no")
    service.waive_checkpoint(cast["sponsor"], cast.project, cp, cp.version, "ok")
    counts = service.checkpoint_counts(cast.project)
    assert (counts.total, counts.passed, counts.waived, counts.failed, counts.pending) == \
        (4, 1, 1, 1, 1)


def test_staff_and_outsiders_see_no_quality_page(client, cast, qplan):
    login(client, cast["staff"])
    assert client.get(BASE).status_code == 403
    assert "/quality" not in client.get("/projects/CAST").get_data(as_text=True)
    client.post("/logout")
    login(client, cast["member"])
    assert client.get(BASE).status_code == 200
    assert f"{BASE}\"" in client.get("/projects/CAST").get_data(as_text=True)


def test_a_phase_or_task_with_quality_records_is_not_deleted(client, cast, qplan):
    checkpoint(cast.project, None, "Prototype demo", "pending", target="task",
               task=qplan.prototype)
    service.create_standard(None, cast.project, service.StandardData(
        qplan.design.id, "", "Design reviewed", "Reviewed", "Walkthrough", None))
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"/projects/CAST/plan/tasks/{qplan.prototype.id}/delete",
                           data={"version": qplan.prototype.version}, follow_redirects=True)
    assert "A QC checkpoint checks this task" in text(response)
    assert audit_count() == before
    from app.planning import service as planning

    planning.delete_task(cast["pm"], cast.project, qplan.workshops,
                         qplan.workshops.version)  # the design phase is now empty of tasks
    before = audit_count()
    response = client.post(f"/projects/CAST/plan/phases/{qplan.design.id}/delete",
                           data={"version": qplan.design.version}, follow_redirects=True)
    assert "This phase has quality standards" in text(response)
    assert audit_count() == before
    assert planning.task_in(cast.project, qplan.prototype.id) is not None
    assert planning.phase_in(cast.project, qplan.design.id) is not None


def _queries(db_session, fn) -> int:
    seen = []
    engine = db_session.get_bind().engine

    def count(*_args):
        seen.append(1)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(seen)


@pytest.mark.parametrize("url", ["/checkpoints", "/gates", "", "/reviews"])
def test_list_pages_do_not_query_per_row(client, cast, qplan, db_session, url):
    login(client, cast["member"])

    def add(n):
        for i in range(n):
            phase = qplan.design if i % 2 else qplan.build
            checkpoint(cast.project, phase, f"Check {i}", "passed", "ok", reviewer=cast["pm"])
            service.create_standard(None, cast.project, service.StandardData(
                phase.id, "", f"Standard {i}", "C", "M", cast["pm"].id))
            review = qa_reviews.create_qa_review(None, cast.project, qa_reviews.QaReviewData(
                date(2026, 5, 1 + i), cast["pm"].id, "on_track", "F"))
            qa_reviews.add_qa_action(None, cast.project, review, review.version, "A",
                                     cast["pm"].id, None)

    add(2)
    few = _queries(db_session, lambda: client.get(f"{BASE}{url}"))
    add(8)
    many = _queries(db_session, lambda: client.get(f"{BASE}{url}"))
    assert few > 3 and many == few
