"""The risk register: creation, bad input, stale edits, reassessment history and trend, links,
the heat map, filters, sorting, CSV, flags and the scorecard summary."""

from datetime import date

import sqlalchemy as sa

from app.planning import service as planning
from app.risks import service
from app.risks.models import Risk, RiskAssessment, RiskTask
from tests.conftest import audit_count, login


def form(**changes) -> dict:
    values = {"title": "ERP interface late 接口延迟", "category": "integration",
              "description": "The order interface may slip.", "owner_id": "", "status": "open",
              "strategy": "reduce", "response_plan": "Prototype the interface first.",
              "trigger": "Interface spec not agreed by June.", "probability": "4",
              "impact": "3", "assessed_on": "2026-05-04", "note": "first look"}
    values.update(changes)
    return values


def data(**changes) -> service.RiskData:
    values = {"title": "Data quality 数据质量", "description": "", "category": "data_quality",
              "owner_id": None, "strategy": None, "response_plan": "", "trigger": "",
              "status": "open"}
    values.update(changes)
    return service.RiskData(**values)


def make(project, p=3, i=3, on=date(2026, 3, 2), **changes) -> Risk:
    return service.create_risk(None, project, data(**changes), p, i, on)


def _risks(session) -> list[Risk]:
    return list(session.execute(sa.select(Risk).order_by(Risk.number)).scalars())


def test_pm_adds_a_risk_with_its_first_assessment(client, cast, db_session):
    login(client, cast["pm"])
    before = audit_count()
    response = client.post("/projects/CAST/risks/new", data=form(owner_id=str(cast["pm"].id)))
    assert response.status_code == 302
    [risk] = _risks(db_session)
    assert (risk.code, risk.score, risk.owner_id, risk.status) == ("RISK-01", 12,
                                                                  cast["pm"].id, "open")
    assert [(a.probability, a.impact, a.assessed_by_label) for a in risk.assessments] == [
        (4, 3, "Pm person")]
    assert audit_count() == before + 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "RISK-01" in page and "接口延迟" in page and "High" in page


def test_bad_input_gets_messages_and_writes_nothing(client, cast, db_session):
    login(client, cast["pm"])
    before = audit_count()
    for bad in ({"title": ""}, {"probability": "7"}, {"impact": "x"},
                {"category": "no-such"}, {"owner_id": str(cast["outsider"].id)},
                {"owner_id": str(cast["staff"].id)}, {"status": "gone"},
                {"strategy": "pray"}, {"assessed_on": "2026-13-40"},
                {"title": "a <script>"}, {"response_plan": "bad\x00byte"}):
        response = client.post("/projects/CAST/risks/new", data=form(**bad))
        assert response.status_code == 400, bad
        assert "form-errors" in response.get_data(as_text=True), bad
    assert _risks(db_session) == [] and audit_count() == before


def test_service_refuses_bad_data(cast, db_session):
    import pytest

    from app.core.errors import DomainError

    for bad in ({"category": "nope"}, {"status": "gone"}, {"owner_id": cast["staff"].id},
                {"title": "  "}):
        with pytest.raises(DomainError):
            make(cast.project, **bad)
    with pytest.raises(DomainError):
        make(cast.project, p=0)


def test_stale_edit_is_refused_and_changes_nothing(client, cast, db_session):
    risk = make(cast.project)
    login(client, cast["sponsor"])
    old = risk.version
    service.update_risk(None, cast.project, risk, old, data(title="Changed by someone"))
    response = client.post(f"/projects/CAST/risks/{risk.id}/edit",
                           data=form(version=str(old), title="Mine"))
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Risk, risk.id).title == "Changed by someone"


def test_edit_saves_owner_response_and_status(client, cast, db_session):
    risk = make(cast.project)
    login(client, cast["steering"])
    response = client.post(f"/projects/CAST/risks/{risk.id}/edit", data=form(
        version=str(risk.version), owner_id=str(cast["member"].id), status="monitoring",
        strategy="transfer"))
    assert response.status_code == 302
    db_session.expire_all()
    risk = db_session.get(Risk, risk.id)
    assert (risk.owner_id, risk.status, risk.strategy) == (cast["member"].id, "monitoring",
                                                           "transfer")
    assert client.get(f"/projects/CAST/risks/{risk.id}/edit").status_code == 200


def test_reassessments_build_the_history_and_the_trend(client, cast, db_session):
    risk = make(cast.project, p=2, i=3)
    login(client, cast["pm"])
    assert service.trend_of(risk) == "new"
    response = client.post(f"/projects/CAST/risks/{risk.id}/reassess", data={
        "version": str(risk.version), "probability": "4", "impact": "4",
        "assessed_on": "2026-04-06", "note": "Vendor late 供应商延迟"})
    assert response.status_code == 302
    db_session.expire_all()
    risk = db_session.get(Risk, risk.id)
    assert (risk.probability, risk.impact, risk.score) == (4, 4, 16)
    assert service.trend_of(risk) == "rising" and service.level_of(risk) == "critical"
    page = client.get(f"/projects/CAST/risks/{risk.id}").get_data(as_text=True)
    assert "Rising" in page and "供应商延迟" in page
    service.reassess(None, cast.project, risk, risk.version, 2, 2, date(2026, 5, 4))
    assert service.trend_of(risk) == "falling" and len(risk.assessments) == 3


def test_reassessment_bad_input_stale_and_backdated_are_refused(client, cast, db_session):
    risk = make(cast.project, on=date(2026, 3, 2))
    login(client, cast["pm"])
    url = f"/projects/CAST/risks/{risk.id}/reassess"
    ok = {"version": str(risk.version), "probability": "4", "impact": "4",
          "assessed_on": "2026-04-06"}
    assert client.post(url, data={**ok, "probability": "9"}).status_code == 400
    response = client.post(url, data={**ok, "assessed_on": "2026-01-01"})
    assert response.status_code == 400 and "cannot be dated earlier" in response.get_data(
        as_text=True)
    assert client.post(url, data={**ok, "version": str(risk.version - 1)}).status_code == 409
    db_session.expire_all()
    assert len(db_session.get(Risk, risk.id).assessments) == 1


def test_links_to_tasks_and_claims_added_and_removed(client, cast, db_session):
    risk = make(cast.project)
    phase = planning.create_phase(None, cast.project, "Build")
    task = planning.create_task(None, cast.project, planning.TaskData(
        name="Integration testing 集成测试", phase_id=phase.id, duration=5))
    login(client, cast["pm"])
    url = f"/projects/CAST/risks/{risk.id}/links/task"
    response = client.post(url, data={"version": str(risk.version), "target_id": str(task.id)})
    assert response.status_code == 302
    db_session.expire_all()
    risk = db_session.get(Risk, risk.id)
    [link] = risk.task_links
    assert link.task_id == task.id
    assert "集成测试" in client.get(f"/projects/CAST/risks/{risk.id}").get_data(as_text=True)
    # The same link twice, a stale version, and another project's task are refused.
    client.post(url, data={"version": str(risk.version), "target_id": str(task.id)})
    client.post(url, data={"version": str(risk.version - 1), "target_id": str(task.id)})
    client.post(url, data={"version": str(risk.version), "target_id": "999999"})
    assert db_session.execute(sa.select(sa.func.count()).select_from(RiskTask)).scalar() == 1
    response = client.post(f"{url}/{link.id}/remove", data={"version": str(risk.version)})
    assert response.status_code == 302
    assert db_session.execute(sa.select(sa.func.count()).select_from(RiskTask)).scalar() == 0
    assert client.post("/projects/CAST/risks/999999/links/task",
                       data={"version": "1"}).status_code == 404
    assert client.post(f"/projects/CAST/risks/{risk.id}/links/other",
                       data={"version": "1"}).status_code == 404


def test_claim_links_use_the_vendor_claims_of_the_project(client, cast, db_session):
    from app.vendors.models import Claim, Evaluation, Vendor

    evaluation = Evaluation(project_id=cast.project.id, title="CRM vendor")
    vendor = Vendor(project_id=cast.project.id, evaluation=evaluation, name="NovaSuite",
                    stage_on=date(2026, 2, 2))
    db_session.add_all([evaluation, vendor])
    db_session.flush()
    claim = Claim(project_id=cast.project.id, vendor_id=vendor.id, text="SAP out of the box")
    db_session.add(claim)
    db_session.flush()
    risk = make(cast.project, category="vendor_viability")
    assert (claim.id, "NovaSuite: SAP out of the box") in service.LINKS["claim"].targets(
        cast.project)
    link = service.add_link(None, cast.project, risk, risk.version, "claim", claim.id)
    assert link.target.text == "SAP out of the box"
    login(client, cast["member"])
    page = client.get(f"/projects/CAST/risks/{risk.id}").get_data(as_text=True)
    assert "NovaSuite: SAP out of the box" in page
    assert f"/projects/CAST/vendors/vendor/{vendor.id}" in page


def _change_request(project, user, title="Extend hypercare 延长上线支持期"):
    from app.changes import service as changes

    return changes.create_request(user, project, changes.RequestData(
        title=title, rationale="Users need more support.", category="schedule"))


def test_links_to_change_requests_added_shown_audited_and_removed(client, cast,
                                                                  make_project, db_session):
    from app.core.audit import AuditLog
    from app.risks.models import RiskChangeRequest

    risk = make(cast.project, p=4, i=4, title="Go-live slips 上线推迟")
    cr = _change_request(cast.project, cast["pm"])
    other_cr = _change_request(make_project("OTHER"), None, title="Not ours")
    assert (cr.id, f"{cr.code} Extend hypercare 延长上线支持期") in service.LINKS["change"].targets(
        cast.project)
    login(client, cast["pm"])
    # Before linking, the request's page says no risk is linked.
    page = client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)
    assert 'id="risks"' in page and risk.code not in page
    url = f"/projects/CAST/risks/{risk.id}/links/change"
    before = audit_count()
    response = client.post(url, data={"version": str(risk.version), "target_id": str(cr.id)})
    assert response.status_code == 302
    db_session.expire_all()
    risk = db_session.get(Risk, risk.id)
    [link] = risk.change_links
    assert link.change_request_id == cr.id
    rows = db_session.execute(sa.select(AuditLog).where(AuditLog.id > 0).order_by(AuditLog.id)
                              ).scalars().all()[before:]
    assert ("insert", "RiskChangeRequest") in {(r.action, r.entity_type) for r in rows}
    # The risk's page links to the request; the request's page lists the risk with its level.
    page = client.get(f"/projects/CAST/risks/{risk.id}").get_data(as_text=True)
    assert f"/projects/CAST/changes/{cr.id}" in page and "延长上线支持期" in page
    page = client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)
    assert f"/projects/CAST/risks/{risk.id}" in page and "Go-live slips 上线推迟" in page
    assert "risk-high" in page or "risk-critical" in page
    # A request of another project, the same link twice and a stale version are refused.
    for target, version in ((other_cr.id, risk.version), (cr.id, risk.version),
                            (cr.id, risk.version - 1)):
        client.post(url, data={"version": str(version), "target_id": str(target)})
    count = sa.select(sa.func.count()).select_from(RiskChangeRequest)
    assert db_session.execute(count).scalar() == 1
    response = client.post(f"{url}/{link.id}/remove", data={"version": str(risk.version)})
    assert response.status_code == 302
    assert db_session.execute(count).scalar() == 0
    deleted = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "RiskChangeRequest", AuditLog.action == "delete")).scalars().all()
    assert len(deleted) == 1
    assert risk.code not in client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)


def test_heat_map_counts_active_risks_and_links_to_the_filtered_register(client, cast,
                                                                        db_session):
    make(cast.project, p=5, i=4, title="A")
    make(cast.project, p=5, i=4, title="B")
    make(cast.project, p=1, i=1, title="C")
    make(cast.project, p=5, i=4, title="Closed one", status="closed")
    login(client, cast["member"])
    page = client.get("/projects/CAST/risks/heatmap").get_data(as_text=True)
    assert 'data-cell="5-4">2</a>' in page and 'data-cell="1-1">1</a>' in page
    assert "/projects/CAST/risks?p=5&amp;i=4&amp;status=active" in page
    register = client.get("/projects/CAST/risks?p=5&i=4&status=active").get_data(as_text=True)
    assert "RISK-01" in register and "RISK-02" in register and "RISK-03" not in register
    assert "Risks shown: 2" in register and "Closed one" not in register
    everything = client.get("/projects/CAST/risks?p=5&i=4").get_data(as_text=True)
    assert "Risks shown: 3" in everything


def test_register_filters_sorts_and_flags(client, cast, db_session):
    make(cast.project, p=1, i=2, title="Low one", owner_id=cast["pm"].id, strategy="accept",
         response_plan="Watch it.")
    make(cast.project, p=5, i=5, title="Critical one", category="executive_support")
    login(client, cast["pm"])
    page = client.get("/projects/CAST/risks?sort=score").get_data(as_text=True)
    assert page.index("Critical one") < page.index("Low one")
    assert "No owner" in page and "No response" in page
    flagged = client.get("/projects/CAST/risks?flagged=y").get_data(as_text=True)
    assert "Critical one" in flagged and "Low one" not in flagged
    by_owner = client.get(f"/projects/CAST/risks?owner={cast['pm'].id}").get_data(as_text=True)
    assert "Low one" in by_owner and "Critical one" not in by_owner
    nobody = client.get("/projects/CAST/risks?owner=none").get_data(as_text=True)
    assert "Critical one" in nobody and "Low one" not in nobody
    level = client.get("/projects/CAST/risks?level=critical&category=executive_support")
    assert "Critical one" in level.get_data(as_text=True)
    # A nonsense filter shows the whole register with a message, not an error.
    assert client.get("/projects/CAST/risks?status=zzz&sort=zzz").status_code == 200


def test_csv_export_is_utf8_and_defuses_formulas(client, cast, db_session):
    make(cast.project, title="=HYPERLINK(1) 风险")
    login(client, cast["member"])
    response = client.get("/projects/CAST/risks/export.csv")
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("code,title,category")
    assert "'=HYPERLINK(1) 风险" in text and "no_owner no_response" in text


def test_categories_page_and_chinese_labels(client, cast, db_session):
    login(client, cast["member"])
    page = client.get("/projects/CAST/risks/categories").get_data(as_text=True)
    assert "Vendor viability" in page
    client.post("/language", data={"language": "zh_Hans_CN", "next": "/projects/CAST/risks"})
    page = client.get("/projects/CAST/risks/categories").get_data(as_text=True)
    assert "供应商生存能力" in page


def test_risk_summary_for_the_scorecard(cast, db_session):
    make(cast.project, p=4, i=5, title="Unowned", on=date(2026, 3, 2))
    make(cast.project, p=1, i=1, title="Handled", owner_id=cast["pm"].id, strategy="reduce",
         response_plan="Cleanse the data.")
    make(cast.project, p=2, i=2, title="Strategy but no plan", owner_id=cast["pm"].id,
         strategy="avoid")
    first, second, third = service.risk_summary(cast.project)
    assert (first.number, first.score, first.level, first.has_owner, first.has_response,
            first.status) == ("RISK-01", 20, "critical", False, False, "open")
    assert (second.has_owner, second.has_response, second.level) == (True, True, "low")
    assert third.has_response is False


def test_another_projects_risk_is_not_found(client, cast, make_project, db_session):
    other = make_project("OTHER")
    risk = make(other)
    login(client, cast["pm"])
    assert client.get(f"/projects/CAST/risks/{risk.id}").status_code == 404
    assert client.post(f"/projects/CAST/risks/{risk.id}/edit", data=form()).status_code == 404


def test_history_rows_are_audited(cast, db_session):
    risk = make(cast.project)
    service.reassess(None, cast.project, risk, risk.version, 5, 5, date(2026, 6, 1))
    count = db_session.execute(sa.select(sa.func.count()).select_from(RiskAssessment)).scalar()
    assert count == 2


def _queries(db_session, action) -> int:
    """How many SQL statements `action()` runs."""
    seen = []
    connection = db_session.connection()
    listener = lambda *args, **kwargs: seen.append(1)  # noqa: E731
    sa.event.listen(connection, "before_cursor_execute", listener)
    try:
        action()
    finally:
        sa.event.remove(connection, "before_cursor_execute", listener)
    return len(seen)


def test_register_and_heat_map_queries_do_not_grow_with_the_risks(client, cast, db_session):
    phase = planning.create_phase(None, cast.project, "Build")
    task = planning.create_task(None, cast.project, planning.TaskData(
        name="Build it", phase_id=phase.id, duration=5))

    def add(n):
        for k in range(n):
            risk = make(cast.project, title=f"Risk {k}", owner_id=cast["pm"].id)
            service.add_link(None, cast.project, risk, risk.version, "task", task.id)

    login(client, cast["member"])
    add(2)
    few = [_queries(db_session, lambda u=u: client.get(u)) for u in (
        "/projects/CAST/risks", "/projects/CAST/risks/heatmap", "/projects/CAST/risks/export.csv")]
    add(8)
    many = [_queries(db_session, lambda u=u: client.get(u)) for u in (
        "/projects/CAST/risks", "/projects/CAST/risks/heatmap", "/projects/CAST/risks/export.csv")]
    assert min(few) > 3 and many == few


def test_deleting_a_linked_task_drops_the_link(cast, db_session):
    phase = planning.create_phase(None, cast.project, "Build")
    task = planning.create_task(None, cast.project, planning.TaskData(
        name="Doomed task", phase_id=phase.id, duration=5))
    risk = make(cast.project)
    service.add_link(None, cast.project, risk, risk.version, "task", task.id)
    planning.delete_task(cast["pm"], cast.project, task, task.version)
    db_session.expire_all()
    assert db_session.get(Risk, risk.id).task_links == []


def test_demo_links_risks_to_change_requests_once(runner, client, cast, db_session):
    from app.changes.models import ChangeRequest
    from app.risks.models import RiskChangeRequest

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    pairs = sa.select(Risk.title, ChangeRequest.title).select_from(RiskChangeRequest) \
        .join(Risk, Risk.id == RiskChangeRequest.risk_id) \
        .join(ChangeRequest, ChangeRequest.id == RiskChangeRequest.change_request_id)
    linked = set(db_session.execute(pairs).all())
    assert ("Final migration window squeezed by the UAT delay",
            "Second UAT cycle for the lab sample workflow 样品流程第二轮验收测试") in linked
    assert len(linked) == 3
    # Loading again changes nothing; a demo loaded before the links existed gets them.
    assert "nothing changed" in runner.invoke(args=["seed", "demo"]).output
    db_session.execute(sa.delete(RiskChangeRequest))
    db_session.commit()
    runner.invoke(args=["seed", "demo"])
    assert set(db_session.execute(pairs).all()) == linked
