"""Gate reviews: a pass is refused while checkpoints are open, waivers unblock it, decisions
are immutable and superseded, the summary the scorecard reads, early starts of the next phase."""

from datetime import date

import pytest

from app.core.errors import DomainError, PermissionDenied
from app.quality import gate_reviews, service
from app.quality.models import GateReview
from tests.conftest import audit_count, login
from tests.integration.quality_fixtures import build_plan, checkpoint
from tests.integration.webtools import table_row, text

BASE = "/projects/CAST/quality"


@pytest.fixture
def qplan(cast):
    return build_plan(cast)


def decision_form(review, cast, **changes):
    data = {"version": review.version, "decision": "pass", "conditions": "",
            "meeting_date": "2026-01-20", "present": [cast["sponsor"].id, cast["steering"].id]}
    data.update(changes)
    return data


@pytest.fixture
def gate(cast, qplan):
    """The design gate with an open review and one failed checkpoint."""
    failed = checkpoint(cast.project, qplan.design, "设计走查 Design walkthrough", "failed",
                        "Two screens missing")
    review = gate_reviews.open_review(None, cast.project, qplan.design,
                                      "- Design signed\n- 原型已演示 Prototype shown")
    return review, failed


def test_a_gate_refuses_to_pass_with_a_failed_checkpoint_then_passes_after_a_waiver(
        client, cast, qplan, gate):
    review, failed = gate
    login(client, cast["steering"])
    before = audit_count()
    for decision in ("pass", "pass_with_conditions"):
        response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
            review, cast, decision=decision, conditions="Fix the screens"))
        assert response.status_code == 400
        page = text(response)
        assert "cannot pass while checkpoints are pending or failed" in page
        assert f"{failed.code} 设计走查 Design walkthrough (Failed)" in page
    assert audit_count() == before
    assert table_row(GateReview, review.id)["status"] == "open"
    client.post("/logout")
    login(client, cast["sponsor"])
    response = client.post(f"{BASE}/checkpoints/{failed.id}/waive", data={
        "version": failed.version, "rationale": "Screens come with the build"})
    assert response.status_code == 302
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
        review, cast))
    assert response.status_code == 302
    row = table_row(GateReview, review.id)
    assert row["status"] == "decided" and row["decision"] == "pass"
    assert row["meeting_date"] == date(2026, 1, 20)
    assert row["present_labels"] == "; ".join(sorted(
        [cast["sponsor"].name, cast["steering"].name],
        key=lambda n: [cast["sponsor"].id, cast["steering"].id][
            [cast["sponsor"].name, cast["steering"].name].index(n)]))
    assert row["decided_by_label"] == cast["sponsor"].name
    page = text(client.get(f"{BASE}/gates/{qplan.design.id}"))
    assert "Pass" in page and "原型已演示 Prototype shown" in page
    summary = service.gate_summary(cast.project)
    assert (summary[0].decision, summary[0].decided_on, summary[0].waived) == \
        ("pass", date(2026, 1, 20), 1)


def test_a_pending_checkpoint_blocks_too_and_a_fail_is_always_allowed(cast, qplan):
    checkpoint(cast.project, qplan.design, "Pending one", "pending")
    review = gate_reviews.open_review(None, cast.project, qplan.design, "Criteria")
    data = gate_reviews.Decision("pass", "", date(2026, 1, 20), (cast["sponsor"].id,))
    with pytest.raises(DomainError, match="Pending one \\(Pending\\)"):
        gate_reviews.decide(cast["sponsor"], cast.project, review, review.version, data)
    gate_reviews.decide(cast["sponsor"], cast.project, review, review.version,
                        gate_reviews.Decision("fail", "", date(2026, 1, 20),
                                              (cast["sponsor"].id,)))
    assert review.decision == "fail" and review.status == "decided"


def test_a_gate_without_checkpoints_may_pass_with_conditions(client, cast, qplan):
    review = gate_reviews.open_review(None, cast.project, qplan.build, "")
    login(client, cast["sponsor"])
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
        review, cast, decision="pass_with_conditions", conditions=""))
    assert response.status_code == 400 and "Write down the conditions" in text(response)
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
        review, cast, decision="pass_with_conditions", conditions="验收前补齐文档"))
    assert response.status_code == 302
    assert table_row(GateReview, review.id)["conditions"] == "验收前补齐文档"
    assert "验收前补齐文档" in text(client.get(f"{BASE}/gates/{qplan.build.id}"))


@pytest.mark.parametrize(("changes", "message"), [
    ({"decision": "maybe"}, "Not a valid choice"),
    ({"meeting_date": ""}, "This field is required"),
    ({"meeting_date": "2026-13-01"}, "Not a valid date value"),
    ({"present": []}, "Record which steering committee members were present"),
    ({"present": ["pm"]}, "is not a valid choice for this field"),
])
def test_bad_decisions_are_refused_without_a_write(client, cast, qplan, changes, message):
    review = gate_reviews.open_review(None, cast.project, qplan.build, "")
    if changes.get("present") == ["pm"]:
        changes = {"present": [cast["pm"].id]}
    login(client, cast["sponsor"])
    before = audit_count()
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide",
                           data=decision_form(review, cast, **changes))
    assert response.status_code == 400 and message in text(response)
    assert audit_count() == before and table_row(GateReview, review.id)["status"] == "open"


def test_the_service_refuses_people_outside_the_committee(cast, qplan):
    review = gate_reviews.open_review(None, cast.project, qplan.build, "")
    data = gate_reviews.Decision("fail", "", date(2026, 1, 20), (cast["pm"].id,))
    with pytest.raises(DomainError, match="steering committee members were present"):
        gate_reviews.decide(cast["sponsor"], cast.project, review, review.version, data)
    data = gate_reviews.Decision("fail", "", date(2026, 1, 20), (cast["sponsor"].id,))
    with pytest.raises(PermissionDenied):
        gate_reviews.decide(cast["pm"], cast.project, review, review.version, data)


def test_a_decided_review_is_immutable_and_a_later_decision_supersedes_it(client, cast, qplan):
    review = gate_reviews.open_review(None, cast.project, qplan.build, "One\nTwo")
    decision = gate_reviews.Decision("fail", "", date(2026, 1, 20), (cast["sponsor"].id,))
    gate_reviews.decide(cast["sponsor"], cast.project, review, review.version, decision)
    with pytest.raises(DomainError, match="decided and cannot change"):
        gate_reviews.decide(cast["sponsor"], cast.project, review, review.version, decision)
    with pytest.raises(DomainError, match="decided and cannot change"):
        gate_reviews.update_exit_criteria(cast["pm"], cast.project, review, review.version, "x")
    login(client, cast["pm"])
    response = client.post(f"{BASE}/gates/{qplan.build.id}/reviews", data={"exit_criteria": ""})
    assert response.status_code == 302
    again = gate_reviews.reviews_of(cast.project, qplan.build)[0]
    assert again.id != review.id and again.criteria_list == ["One", "Two"]
    response = client.post(f"{BASE}/gates/{qplan.build.id}/reviews", data={"exit_criteria": ""})
    assert response.status_code == 400 and "already has an open review" in text(response)
    assert service.gate_summary(cast.project)[1].decision == "fail"  # until decided again
    gate_reviews.decide(cast["steering"], cast.project, again, again.version,
                        gate_reviews.Decision("pass", "", date(2026, 2, 2),
                                              (cast["steering"].id,)))
    old = table_row(GateReview, review.id)
    assert old["status"] == "superseded" and old["superseded_by_id"] == again.id
    status = service.gate_summary(cast.project)[1]
    assert (status.decision, status.decided_on) == ("pass", date(2026, 2, 2))


def test_exit_criteria_are_edited_as_a_list_and_stale_edits_refused(client, cast, qplan):
    review = gate_reviews.open_review(None, cast.project, qplan.design, "Old")
    loaded = review.version
    login(client, cast["pm"])
    response = client.post(f"{BASE}/gate-reviews/{review.id}/criteria", data={
        "version": loaded, "exit_criteria": "- 设计已签署\n\n- Prototype shown\n"})
    assert response.status_code == 302
    assert table_row(GateReview, review.id)["exit_criteria"] == "设计已签署\nPrototype shown"
    response = client.post(f"{BASE}/gate-reviews/{review.id}/criteria", data={
        "version": loaded, "exit_criteria": "Mine"})
    assert response.status_code == 409 and "changed by someone else" in text(response)
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
        review, cast, version=loaded, decision="fail"))
    assert response.status_code == 403  # the PM does not decide gates
    client.post("/logout")
    login(client, cast["steering"])
    response = client.post(f"{BASE}/gate-reviews/{review.id}/decide", data=decision_form(
        review, cast, version=loaded, decision="fail"))
    assert response.status_code == 409
    assert table_row(GateReview, review.id)["status"] == "open"


def test_gate_summary_gives_dates_counts_and_links(app, cast, qplan):
    checkpoint(cast.project, qplan.design, "A", "passed", "ok")
    checkpoint(cast.project, qplan.design, "B", "pending")
    checkpoint(cast.project, None, "C", "failed", "bad", target="task", task=qplan.configure)
    with app.test_request_context():
        design, build = service.gate_summary(cast.project)
    # Workshops: 10 working days from Mon 2026-01-05 end on Fri 2026-01-16.
    assert (design.phase_position, design.phase_name, design.gate_name, design.gate_date) == \
        (0, "设计 Design", "设计评审 Design review", date(2026, 1, 16))
    assert (design.total, design.passed, design.pending, design.failed, design.waived) == \
        (2, 1, 1, 0, 0)
    assert design.decision is None and design.decided_on is None
    assert design.url == f"/projects/CAST/quality/gates/{qplan.design.id}"
    assert (build.total, build.failed, build.gate_date) == (1, 1, date(2026, 1, 23))


def test_next_phase_tasks_starting_before_the_gate_are_flagged(client, cast, qplan):
    login(client, cast["member"])
    page = text(client.get(f"{BASE}/gates/{qplan.design.id}"))
    # The prototype starts three days into design, before the gate date; configuring waits.
    section = page[page.index("starting before this gate passed"):]
    assert "Prototype" in section and "Configure" not in section
    assert "scheduled before the gate passes" in section
    overview = text(client.get(f"{BASE}/gates"))
    assert "1 task(s)" in overview and "设计评审 Design review" in overview
    # Passing the gate on the 20th leaves the configuration (starting the 19th) early too.
    review = gate_reviews.open_review(None, cast.project, qplan.design, "")
    gate_reviews.decide(cast["sponsor"], cast.project, review, review.version,
                        gate_reviews.Decision("pass", "", date(2026, 1, 20),
                                              (cast["sponsor"].id,)))
    page = text(client.get(f"{BASE}/gates/{qplan.design.id}"))
    section = page[page.index("starting before this gate passed"):]
    assert "Prototype" in section and "Configure" in section


def test_an_unknown_gate_or_review_is_not_found(client, cast, qplan, make_project):
    other = make_project()
    from app.planning import service as planning

    foreign = planning.create_phase(None, other, "Elsewhere", "")
    login(client, cast["sponsor"])
    assert client.get(f"{BASE}/gates/{foreign.id}").status_code == 404
    assert client.get(f"{BASE}/gates/99999999").status_code == 404
    assert client.post(f"{BASE}/gate-reviews/99999999/decide", data={}).status_code == 404


def test_the_demo_tells_the_quality_story(runner, client, db_session):
    from app.projects.service import get_by_code
    from app.quality.models import QaReview

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    counts = service.checkpoint_counts(project)
    assert min(counts.passed, counts.failed, counts.pending, counts.waived) >= 1
    summary = service.gate_summary(project)
    decided = [(s.phase_position, s.decision, s.decided_on) for s in summary if s.decision]
    assert decided == [(0, "pass", date(2026, 2, 9)),
                       (1, "pass_with_conditions", date(2026, 3, 30))]
    # Every decided gate was held after its gate date and before the status date.
    assert all(s.gate_date <= s.decided_on <= date(2026, 11, 20) for s in summary if s.decision)
    assert all(s.failed == 0 and s.pending == 0 for s in summary if s.decision)
    assert db_session.query(QaReview).filter_by(project_id=project.id).count() == 2
    login(client, next(m.user for m in project.memberships if m.role == "member"),
          "Quest-Member-Pilot-26")
    page = text(client.get(f"/projects/QUEST-ASIA/quality/gates/{summary[1].phase_id}"))
    assert "Both application lab heads confirm" in page and "Pass with conditions" in page
