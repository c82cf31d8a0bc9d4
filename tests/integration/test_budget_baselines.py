"""Budget baselines: saving and comparing, and change control of planned amounts once one
exists (refused edits go to a pre-filled change request; owners, notes, forecasts and costs
stay direct; approved change requests still apply)."""

from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from app.budget import baselines, service
from app.budget.baseline_models import BudgetBaseline, BudgetBaselineLine
from app.budget.models import BudgetLine
from app.changes import service as changes
from app.changes.guard import ChangeRequestRequired
from app.core.audit import AuditLog
from app.core.errors import PermissionDenied
from app.projects.models import Project
from tests.conftest import audit_count

BASE = "/projects/CAST/budget"
D = Decimal


def make_line(project, category="training", planned="1000.00", year=2026, quarter=2,
              name="Line"):
    return service.create_line(None, project, service.LineData(
        category=category, fiscal_year=year, quarter=quarter, name=name, planned=D(planned)))


def edit_form(line, **changes):
    data = {"category": line.category, "name": line.name, "fiscal_year": str(line.fiscal_year),
            "quarter": str(line.quarter), "planned": f"{line.planned:.2f}", "owner_id": "",
            "notes": line.notes or "", "version": str(line.version)}
    data.update(changes)
    return data


def count(session, model) -> int:
    return session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


@pytest.fixture
def budget(cast):
    """Training 40,000 and a 20,000 contingency reserve in FY2026 Q2, baselined."""
    training = make_line(cast.project, "training", "40000.00", name="Key-user training 培训")
    reserve = make_line(cast.project, "contingency", "20000.00", name="Reserve")
    baseline = baselines.save_baseline(None, cast.project, "Approved budget 批准预算")
    return training, reserve, baseline


# --- Saving ------------------------------------------------------------------------------------


@pytest.mark.parametrize("principal", ["pm", "sponsor"])
def test_sponsor_and_pm_save_a_baseline_that_is_audited(client, cast, login_as, db_session,
                                                        principal):
    line = make_line(cast.project, planned="12500.50")
    login_as(principal)
    response = client.post(f"{BASE}/baselines", data={"name": "Gate 0 门", "note": "SteerCo 3"})
    assert response.status_code == 302
    saved = db_session.execute(sa.select(BudgetBaseline)).scalar_one()
    assert response.headers["Location"].endswith(f"{BASE}/baselines/{saved.id}")
    assert (saved.name, saved.note, saved.total_planned) == ("Gate 0 门", "SteerCo 3",
                                                             D("12500.50"))
    assert saved.created_by_id == cast[principal].id and len(saved.content_hash) == 64
    [row] = saved.lines
    assert (row.line_id, row.number, row.category, row.fiscal_year, row.quarter, row.planned) \
        == (line.id, 1, "training", 2026, 2, D("12500.50"))
    audit = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "BudgetBaseline")).scalar_one()
    assert (audit.action, audit.actor_id) == ("insert", cast[principal].id)
    page = client.get(f"{BASE}/baselines").get_data(as_text=True)
    assert "Gate 0 门" in page and "$12,500.50" in page


@pytest.mark.parametrize(("principal", "reads"), [
    ("steering", 200), ("member", 200), ("staff", 403), ("outsider", 404), ("admin", 403)])
def test_only_sponsor_and_pm_save_baselines(client, cast, login_as, db_session, principal,
                                            reads):
    make_line(cast.project)
    login_as(principal)
    assert client.get(f"{BASE}/baselines").status_code == reads
    response = client.post(f"{BASE}/baselines", data={"name": "Mine"})
    assert response.status_code in (403, 404)
    assert count(db_session, BudgetBaseline) == 0
    with pytest.raises(PermissionDenied):
        baselines.save_baseline(cast["member"], cast.project, "Mine")


@pytest.mark.parametrize(("data", "message"), [
    ({"name": ""}, "This field is required."),
    ({"name": "   "}, "This field is required."),
    ({"name": "<b>x</b>"}, "Do not use the characters &lt; and &gt; here."),
    ({"name": "x" * 121}, "Field cannot be longer than 120 characters."),
    ({"name": "Line\nbreak"}, "Remove control characters and line breaks."),
    ({"name": "Ok", "note": "bell\x07"}, "Remove control characters."),
    ({"name": "Approved budget 批准预算"}, "There is already a budget baseline called"),
])
def test_bad_baseline_input_gets_a_message_and_writes_nothing(client, cast, login_as,
                                                              db_session, budget, data,
                                                              message):
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/baselines", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db_session, BudgetBaseline) == 1 and audit_count() == before


def test_a_budget_without_lines_cannot_be_baselined(client, cast, login_as, db_session):
    login_as("pm")
    response = client.post(f"{BASE}/baselines", data={"name": "Empty"})
    assert response.status_code == 400
    assert "Add budget lines before saving a baseline." in response.get_data(as_text=True)
    assert count(db_session, BudgetBaseline) == 0


def test_baselines_of_another_project_are_not_reachable(client, cast, login_as, make_project,
                                                        db_session):
    other = make_project("OTHER")
    make_line(other)
    theirs = baselines.save_baseline(None, other, "Theirs")
    login_as("pm")
    assert client.get(f"{BASE}/baselines/{theirs.id}").status_code == 404
    assert client.get(f"{BASE}/baselines/999999").status_code == 404


# --- Comparing ---------------------------------------------------------------------------------


def test_the_comparison_shows_lines_categories_and_totals(client, cast, login_as, db_session,
                                                          budget):
    training, reserve, baseline = budget
    gone = make_line(cast.project, "other", "0.00", name="Dropped idea")
    later = baselines.save_baseline(None, cast.project, "With the idea")
    service.delete_line(cast["pm"], cast.project, gone, gone.version)  # zero: a direct edit
    added = service.create_line(cast["pm"], cast.project, service.LineData(
        "integration", 2026, 3, "ERP interface", D("0")))
    cr = changes.create_request(cast["pm"], cast.project, changes.RequestData(
        "Training from the reserve", "Refreshers.", "budget", "normal"), [
        changes.OperationData("contingency_draw", reserve.id,
                              {"amount": "5000", "to_line_id": training.id}),
        changes.OperationData("budget_change", added.id, {"amount": "7000"})], submit=True)
    changes.decide(cast["sponsor"], cast.project, cr, cr.version, "approve", "Yes",
                   date(2026, 5, 4))
    changes.apply_request(cast["sponsor"], cast.project, cr, cr.version)

    cmp = baselines.comparison(cast.project, baseline)
    by_name = {row.name: row for row in cmp.lines}
    assert (by_name["Key-user training 培训"].baseline, by_name["Key-user training 培训"].current,
            by_name["Key-user training 培训"].difference) == (D("40000"), D("45000"), D("5000"))
    assert by_name["Reserve"].difference == D("-5000") and by_name["Reserve"].status == "changed"
    assert (by_name["ERP interface"].status, by_name["ERP interface"].baseline) == ("added", None)
    assert {c.category: c.difference for c in cmp.categories} == {
        "training": D("5000"), "integration": D("7000"), "contingency": D("-5000")}
    assert (cmp.baseline_total, cmp.current_total, cmp.difference) == (
        D("60000"), D("67000"), D("7000"))
    removed = [r for r in baselines.comparison(cast.project, later).lines
               if r.status == "removed"]
    assert [(r.name, r.line_id) for r in removed] == [("Dropped idea", None)]
    # The snapshot keeps the deleted line's row (its link to the line is cleared).
    kept = db_session.execute(sa.select(BudgetBaselineLine).where(
        BudgetBaselineLine.name == "Dropped idea")).scalar_one()
    assert kept.line_id is None

    login_as("member")
    page = client.get(f"{BASE}/baselines/{baseline.id}").get_data(as_text=True)
    assert "Budget against Approved budget 批准预算" in page
    assert "+$5,000.00" in page and "-$5,000.00" in page and "+$7,000.00" in page
    assert "added since" in page and "$67,000.00" in page and "$60,000.00" in page
    lines_page = client.get(f"{BASE}/lines").get_data(as_text=True)
    assert "The budget has a baseline, With the idea" in lines_page


# --- Change control ----------------------------------------------------------------------------


def test_before_a_baseline_planned_amounts_are_edited_directly(client, cast, login_as,
                                                               db_session):
    line = make_line(cast.project)
    login_as("pm")
    response = client.post(f"{BASE}/lines/{line.id}/edit",
                           data=edit_form(line, planned="1500.00"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/lines")
    db_session.refresh(line)
    assert line.planned == D("1500.00")
    assert client.post(f"{BASE}/lines/new", data=edit_form(line, version="")).status_code == 302
    client.post(f"{BASE}/lines/{line.id}/delete", data={"version": str(line.version)})
    assert count(db_session, BudgetLine) == 1


def test_after_a_baseline_an_amount_edit_goes_to_a_prefilled_change_request(
        client, cast, login_as, db_session, budget):
    training, _, _ = budget
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/{training.id}/edit",
                           data=edit_form(training, planned="42000.00", notes="More"))
    assert response.status_code == 302
    where = urlsplit(response.headers["Location"])
    assert where.path == "/projects/CAST/changes/new"
    assert parse_qs(where.query) == {"kind": ["budget_change"],
                                     "target_id": [str(training.id)], "amount": ["42000.00"]}
    db_session.refresh(training)
    assert (training.planned, training.notes) == (D("40000"), "") and audit_count() == before
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "planned amounts change only through an approved change request" in page
    assert f'<option selected value="{training.id}">' in page or \
        f'value="{training.id}" selected' in page
    assert 'value="42000.00"' in page


def test_after_a_baseline_owner_name_and_notes_stay_direct(client, cast, login_as, db_session,
                                                           budget):
    training, _, _ = budget
    login_as("sponsor")
    response = client.post(f"{BASE}/lines/{training.id}/edit", data=edit_form(
        training, owner_id=str(cast["member"].id), notes="Refreshers in 上海",
        name="Training, all waves"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/lines")
    db_session.refresh(training)
    assert (training.owner_id, training.notes, training.name, training.planned) == (
        cast["member"].id, "Refreshers in 上海", "Training, all waves", D("40000"))
    forecast = client.post(f"{BASE}/lines/{training.id}/forecast", data={
        "version": str(training.version), "estimate_to_complete": "39000.00",
        "forecast_note": "Cheaper venue"})
    assert forecast.status_code == 302
    service.create_entry(cast["pm"], cast.project, service.EntryData(
        training.id, date(2026, 4, 2), D("800.00")))


def test_after_a_baseline_a_stale_edit_is_still_refused_as_stale(client, cast, login_as,
                                                                 db_session, budget):
    training, _, _ = budget
    old = training.version
    service.update_line(cast["pm"], cast.project, training, old, service.LineData(
        "training", 2026, 2, "Renamed", D("40000")))
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/{training.id}/edit",
                           data=edit_form(training, version=str(old), planned="1.00"))
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert audit_count() == before


def test_after_a_baseline_a_new_line_with_money_goes_to_a_prefilled_change_request(
        client, cast, login_as, db_session, budget):
    training, _, _ = budget
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/new", data=edit_form(
        training, version="", name="ERP interface 接口", category="integration",
        fiscal_year="2027", quarter="3", planned="7000.00"))
    where = urlsplit(response.headers["Location"])
    assert where.path == "/projects/CAST/changes/new"
    assert parse_qs(where.query) == {
        "kind": ["line_add"], "name": ["ERP interface 接口"], "category": ["integration"],
        "fiscal_year": ["2027"], "quarter": ["3"], "amount": ["7000.00"]}
    assert count(db_session, BudgetLine) == 2 and audit_count() == before
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "a new line that plans money is added through an approved change request" in page
    assert 'value="ERP interface 接口"' in page and 'value="7000.00"' in page
    assert 'value="2027"' in page
    zero = client.post(f"{BASE}/lines/new", data=edit_form(
        training, version="", name="New line", planned="0.00"))
    assert zero.status_code == 302 and count(db_session, BudgetLine) == 3


def test_after_a_baseline_moving_a_line_with_money_is_refused(client, cast, login_as,
                                                              db_session, budget):
    training, _, _ = budget
    login_as("pm")
    before = audit_count()
    moved = client.post(f"{BASE}/lines/{training.id}/edit",
                        data=edit_form(training, quarter="3"))
    assert moved.status_code == 400
    assert "keeps its category and quarter" in moved.get_data(as_text=True)
    db_session.refresh(training)
    assert training.quarter == 2 and audit_count() == before


def test_after_a_baseline_deleting_a_line_with_money_prefills_its_removal(
        client, cast, login_as, db_session, budget):
    training, _, _ = budget
    empty = service.create_line(cast["pm"], cast.project, service.LineData(
        "other", 2026, 4, "Placeholder", D("0")))
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/{training.id}/delete",
                           data={"version": str(training.version)})
    where = urlsplit(response.headers["Location"])
    assert where.path == "/projects/CAST/changes/new"
    assert parse_qs(where.query) == {"kind": ["line_remove"], "target_id": [str(training.id)]}
    assert count(db_session, BudgetLine) == 3 and audit_count() == before
    client.post(f"{BASE}/lines/{empty.id}/delete", data={"version": str(empty.version)})
    assert count(db_session, BudgetLine) == 2


def test_lines_are_added_and_removed_through_approved_change_requests(
        client, cast, login_as, db_session, budget):
    training, _, baseline = budget
    login_as("pm")
    response = client.post("/projects/CAST/changes/new", data={
        "title": "ERP interface instead of classroom training", "rationale": "E-learning.",
        "category": "budget", "urgency": "normal", "kind": "line_add",
        "line_name": "ERP interface", "line_category": "integration", "line_year": "2026",
        "line_quarter": "3", "amount": "7000.00"})
    assert response.status_code == 302, response.get_data(as_text=True)
    cr = changes.requests(cast.project)[0]
    assert cr.status == "draft"
    changes.add_operation(cast["pm"], cast.project, cr, cr.version,
                          changes.OperationData("line_remove", training.id, {}))
    changes.submit(cast["pm"], cast.project, cr, cr.version)
    assert D(cr.impact["cost_delta"]) == D("-33000")
    assert D(cr.impact["contingency_after"]) == D("20000")
    page = client.get(f"/projects/CAST/changes/{cr.id}").get_data(as_text=True)
    assert "New budget line ERP interface" in page and "Remove BL-001" in page
    changes.decide(cast["sponsor"], cast.project, cr, cr.version, "approve", "Yes",
                   date(2026, 5, 4))
    changes.apply_request(cast["sponsor"], cast.project, cr, cr.version)
    names = {line.name: line.planned for line in service.lines(cast.project)}
    assert names == {"Reserve": D("20000"), "ERP interface": D("7000")}
    cmp = baselines.comparison(cast.project, baseline)
    assert {r.name: r.status for r in cmp.changed} == {"ERP interface": "added",
                                                       "Key-user training 培训": "removed"}
    assert cmp.difference == D("-33000")
    rows = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "BudgetLine", AuditLog.context == cr.code)).scalars().all()
    assert sorted(r.action for r in rows) == ["delete", "insert"]


def test_services_refuse_the_same_and_commands_pass(cast, budget):
    training, _, _ = budget
    with pytest.raises(ChangeRequestRequired) as refused:
        service.update_line(cast["sponsor"], cast.project, training, training.version,
                            service.LineData("training", 2026, 2, training.name, D("1")))
    assert refused.value.prefill == {"kind": "budget_change", "target_id": training.id,
                                     "amount": "1"}
    with pytest.raises(ChangeRequestRequired):
        service.create_line(cast["pm"], cast.project, service.LineData(
            "training", 2026, 2, "Extra", D("5")))
    with pytest.raises(ChangeRequestRequired):
        service.delete_line(cast["pm"], cast.project, training, training.version)
    # Seeds and imports run without a person (actor None).
    make_line(cast.project, planned="5.00", name="Seeded")


def test_approved_budget_operations_still_apply_after_a_baseline(cast, budget, db_session):
    training, reserve, _ = budget
    cr = changes.create_request(cast["pm"], cast.project, changes.RequestData(
        "Keep training", "Sawtooth.", "budget", "normal"), [
        changes.OperationData("contingency_draw", reserve.id,
                              {"amount": "10000", "to_line_id": training.id}),
        changes.OperationData("budget_change", training.id, {"amount": "55000"})], submit=True)
    assert D(cr.impact["contingency_after"]) == D("10000")
    assert D(cr.impact["cost_delta"]) == D("5000")
    changes.decide(cast["sponsor"], cast.project, cr, cr.version, "approve", "Yes",
                   date(2026, 5, 4))
    changes.apply_request(cast["sponsor"], cast.project, cr, cr.version)
    assert (training.planned, reserve.planned) == (D("55000"), D("10000"))
    tagged = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "BudgetLine", AuditLog.action == "update")).scalars().all()
    assert tagged and all(cr.code in (row.context or "") for row in tagged)


def test_the_demo_budget_is_baselined_before_its_contingency_draw(runner, db_session):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = db_session.execute(sa.select(Project).where(Project.code == "QUEST-ASIA")) \
        .scalar_one()
    [baseline] = baselines.baselines(project)
    cmp = baselines.comparison(project, baseline)
    changed = {(r.category, r.fiscal_year, r.quarter): r.difference for r in cmp.changed}
    assert changed == {("contingency", 2027, 1): D("-10000"), ("training", 2027, 1): D("10000")}
    assert cmp.difference == 0 and cmp.count("added") == cmp.count("removed") == 0
