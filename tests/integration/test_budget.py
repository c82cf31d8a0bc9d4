"""Budget lines, forecasts, costs, benefits and settings through the pages: roles, bad input,
stale edits, the audit trail and exact money."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.budget import reports, service
from app.budget.models import Benefit, BudgetLine, BudgetSettings, CostEntry
from app.core.audit import AuditLog
from tests.conftest import audit_count

BASE = "/projects/CAST/budget"
D = Decimal


def line_form(**changes):
    data = {"category": "training", "name": "Key-user training 培训", "fiscal_year": "2026",
            "quarter": "2", "planned": "12500.50", "owner_id": "", "notes": ""}
    data.update(changes)
    return data


def make_line(project, category="training", planned="1000.00", year=2026, quarter=2,
              name="Line"):
    return service.create_line(None, project, service.LineData(
        category=category, fiscal_year=year, quarter=quarter, name=name, planned=D(planned)))


def count(session, model) -> int:
    return session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


@pytest.mark.parametrize(("principal", "reads", "edits"), [
    ("sponsor", 200, True), ("pm", 200, True), ("steering", 200, False),
    ("member", 200, False), ("staff", 403, False), ("outsider", 404, False),
    ("admin", 403, False)])
def test_the_team_reads_the_budget_and_sponsor_and_pm_change_it(
        client, cast, login_as, db_session, principal, reads, edits):
    login_as(principal)
    assert client.get(BASE).status_code == reads
    response = client.post(f"{BASE}/lines/new", data=line_form())
    assert (count(db_session, BudgetLine) == 1) is edits
    if not edits:
        assert response.status_code in (403, 404)


def test_a_new_line_is_saved_exactly_and_audited(client, cast, login_as, db_session):
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/new", data=line_form(owner_id=str(cast["member"].id)))
    assert response.status_code == 302
    line = db_session.execute(sa.select(BudgetLine)).scalar_one()
    assert line.planned == D("12500.50") and line.owner_id == cast["member"].id
    assert line.code == "BL-001" and line.name == "Key-user training 培训"
    row = db_session.execute(sa.select(AuditLog).order_by(AuditLog.id.desc())).scalars().first()
    assert audit_count() > before
    assert (row.entity_type, row.entity_id, row.action) == ("BudgetLine", "BL-001", "insert")
    assert row.actor_id == cast["pm"].id
    assert "Key-user training" in client.get(f"{BASE}/lines").get_data(as_text=True)


@pytest.mark.parametrize(("changes", "message"), [
    ({"planned": "-5.00"}, "cannot be negative"),
    ({"planned": "10.001"}, "at most 2 decimal places"),
    ({"planned": "$10"}, "without a currency sign"),
    ({"planned": ""}, "Enter an amount"),
    ({"category": "hardware"}, "Not a valid choice"),
    ({"fiscal_year": "3000"}, "between 1990 and 2100"),
    ({"name": "<b>bold</b>"}, "Do not use the characters"),
    ({"owner_id": "999999"}, "must have a role in this project"),
])
def test_bad_line_input_gets_a_message_and_writes_nothing(client, cast, login_as, db_session,
                                                          changes, message):
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/new", data=line_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db_session, BudgetLine) == 0 and audit_count() == before


def test_a_currency_without_minor_units_refuses_decimals(client, cast, login_as, db_session):
    cast.project.currency = "JPY"
    db_session.flush()
    login_as("pm")
    response = client.post(f"{BASE}/lines/new", data=line_form(planned="100.5"))
    assert response.status_code == 400 and "at most 0 decimal places" in response.get_data(
        as_text=True)
    assert client.post(f"{BASE}/lines/new", data=line_form(planned="1,000")).status_code == 302


def test_a_stale_edit_is_refused_and_changes_nothing(client, cast, login_as, db_session):
    line = make_line(cast.project)
    old_version = line.version
    service.update_line(cast["sponsor"], cast.project, line, old_version, service.LineData(
        category="training", fiscal_year=2026, quarter=2, name="Renamed", planned=D("900")))
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/lines/{line.id}/edit",
                           data=line_form(version=str(old_version), planned="5.00"))
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db_session.refresh(line)
    assert (line.name, line.planned) == ("Renamed", D("900")) and audit_count() == before


def test_edit_and_delete_a_line(client, cast, login_as, db_session):
    line = make_line(cast.project)
    login_as("sponsor")
    assert client.get(f"{BASE}/lines/{line.id}/edit").status_code == 200
    response = client.post(f"{BASE}/lines/{line.id}/edit",
                           data=line_form(version=str(line.version), planned="2000.00"))
    assert response.status_code == 302
    db_session.refresh(line)
    assert line.planned == D("2000.00")
    client.post(f"{BASE}/lines/{line.id}/delete", data={"version": str(line.version)})
    assert count(db_session, BudgetLine) == 0


def test_a_line_with_costs_cannot_be_deleted(client, cast, login_as, db_session):
    line = make_line(cast.project)
    service.create_entry(None, cast.project, service.EntryData(line.id, date(2026, 4, 2),
                                                               D("10.00")))
    login_as("pm")
    response = client.post(f"{BASE}/lines/{line.id}/delete", data={"version": line.version},
                           follow_redirects=True)
    assert "has costs recorded against it" in response.get_data(as_text=True)
    assert count(db_session, BudgetLine) == 1


def test_records_of_another_project_are_not_reachable(client, cast, login_as, make_project):
    other = make_project("OTHER")
    line = make_line(other)
    login_as("pm")
    assert client.get(f"{BASE}/lines/{line.id}/edit").status_code == 404
    assert client.post(f"{BASE}/entries/new", data={
        "line_id": str(line.id), "spent_on": "2026-03-01", "amount": "5.00"}).status_code == 400


def test_money_is_exact_to_the_cent(client, cast, login_as, db_session):
    a = make_line(cast.project, planned="0.10", name="A")
    make_line(cast.project, planned="0.20", name="B")
    login_as("pm")
    for amount in ("0.10", "0.20"):
        assert client.post(f"{BASE}/entries/new", data={
            "line_id": str(a.id), "spent_on": "2026-04-03", "amount": amount}).status_code == 302
    big = make_line(cast.project, planned="98765432109.99", name="Big")
    db_session.expire_all()
    assert db_session.get(BudgetLine, big.id).planned == D("98765432109.99")
    pic = reports.picture(cast.project, date(2026, 12, 31))
    training = pic.overview.by_category[service.analysis.Category.TRAINING]
    assert training.planned == D("98765432110.29")
    assert training.actual == D("0.30")
    assert service.actual_cost_to_date(cast.project, date(2026, 12, 31)) == D("0.30")
    assert service.actual_cost_to_date(cast.project, date(2026, 4, 2)) == D("0.00")


def test_costs_credit_notes_and_bad_amounts(client, cast, login_as, db_session):
    line = make_line(cast.project)
    login_as("pm")
    form = {"line_id": str(line.id), "spent_on": "2026-04-03", "supplier": "Acme",
            "reference": "INV-1"}
    before = audit_count()
    for amount, message in (("0", "cannot be zero"), ("1.234", "decimal places"),
                            ("abc", "digits")):
        response = client.post(f"{BASE}/entries/new", data={**form, "amount": amount})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert audit_count() == before
    assert client.post(f"{BASE}/entries/new", data={**form, "amount": "-50.00"}).status_code == 302
    entry = db_session.execute(sa.select(CostEntry)).scalar_one()
    assert entry.amount == D("-50.00")
    response = client.post(f"{BASE}/entries/{entry.id}/edit",
                           data={**form, "amount": "75.00", "version": str(entry.version - 1)})
    assert response.status_code == 409
    client.post(f"{BASE}/entries/{entry.id}/edit",
                data={**form, "amount": "75.00", "version": str(entry.version)})
    db_session.refresh(entry)
    assert entry.amount == D("75.00")
    client.post(f"{BASE}/entries/{entry.id}/delete", data={"version": str(entry.version)})
    assert count(db_session, CostEntry) == 0


def test_forecast_sets_the_estimate_to_complete(client, cast, login_as, db_session):
    line = make_line(cast.project, planned="1000.00")
    login_as("pm")
    response = client.post(f"{BASE}/lines/{line.id}/forecast", data={
        "version": str(line.version), "estimate_to_complete": "1300.00",
        "forecast_note": "Extra sessions"})
    assert response.status_code == 302
    db_session.refresh(line)
    assert line.estimate_to_complete == D("1300.00") and line.forecast_on is not None
    pic = reports.picture(cast.project, date(2026, 6, 1))
    assert pic.overview.total.estimate_at_completion == D("1300.00")
    assert pic.overview.total.variance == D("-300.00")
    response = client.post(f"{BASE}/lines/{line.id}/forecast", data={
        "version": str(line.version), "estimate_to_complete": "-1"})
    assert response.status_code == 400


def test_overview_warns_about_a_missing_training_line(client, cast, login_as):
    make_line(cast.project, category="software_licences", planned="10000.00")
    login_as("member")
    page = client.get(BASE).get_data(as_text=True)
    assert 'data-code="hidden_cost_missing"' in page
    assert "Nothing is planned for Training" in page
    assert "<svg" in page


def test_contingency_drawn_ahead_of_the_schedule_setting(client, cast, login_as, db_session):
    reserve = make_line(cast.project, category="contingency", planned="1000.00")
    service.create_entry(None, cast.project, service.EntryData(reserve.id, date(2026, 4, 2),
                                                               D("600.00")))
    login_as("pm")
    assert 'contingency_overdrawn' not in client.get(BASE).get_data(as_text=True)
    response = client.post(f"{BASE}/settings", data={
        "version": "", "fiscal_year_start_month": "4", "fiscal_year_named_by": "end",
        "discount_rate": "7.5", "schedule_percent_complete": "40"})
    assert response.status_code == 302
    settings = db_session.execute(sa.select(BudgetSettings)).scalar_one()
    assert (settings.discount_rate_bp, settings.fiscal_year_start_month) == (750, 4)
    page = client.get(BASE).get_data(as_text=True)
    assert 'data-code="contingency_overdrawn"' in page and "FY2027 Q1" in page
    stale = client.post(f"{BASE}/settings", data={
        "version": str(settings.version - 1), "fiscal_year_start_month": "1",
        "fiscal_year_named_by": "end", "discount_rate": "8", "schedule_percent_complete": ""})
    assert stale.status_code == 409
    bad = client.post(f"{BASE}/settings", data={
        "version": str(settings.version), "fiscal_year_start_month": "1",
        "fiscal_year_named_by": "end", "discount_rate": "eight"})
    assert bad.status_code == 400 and "percentage" in bad.get_data(as_text=True)


def test_benefits_give_roi_and_payback(client, cast, login_as, db_session):
    make_line(cast.project, category="software_licences", planned="300.00", year=2026,
              quarter=1)
    login_as("sponsor")
    for month in ("2026-04", "2026-05", "2026-06", "2026-07"):
        assert client.post(f"{BASE}/benefits/new", data={
            "month": month, "description": "Lower cost to serve", "expected": "100.00",
            "realised": ""}).status_code == 302
    duplicate = client.post(f"{BASE}/benefits/new", data={
        "month": "2026-04", "description": "Lower cost to serve", "expected": "1.00"})
    assert duplicate.status_code == 400 and "already recorded" in duplicate.get_data(
        as_text=True)
    assert count(db_session, Benefit) == 4
    page = client.get(f"{BASE}/benefits").get_data(as_text=True)
    assert "2026-06" in page and "33.3%" in page and "Cumulative cash flow" in page


def test_exports_are_csv_and_quote_formulas(client, cast, login_as):
    line = make_line(cast.project, name="=HYPERLINK(1)")
    service.create_entry(None, cast.project, service.EntryData(line.id, date(2026, 4, 2),
                                                               D("-10.00"), supplier="@evil"))
    login_as("steering")
    lines = client.get(f"{BASE}/lines.csv")
    assert lines.mimetype == "text/csv"
    text = lines.get_data(as_text=True)
    assert "'=HYPERLINK(1)" in text and ",1000.00," in text
    entries = client.get(f"{BASE}/entries.csv").get_data(as_text=True)
    assert "2026-04-02,BL-001,-10.00,'@evil" in entries
    overview = client.get(f"{BASE}/overview.csv").get_data(as_text=True)
    assert "FY2026 Q2,training,Training,1000.00,-10.00," in overview
    assert "Budget report" in client.get(f"{BASE}/report").get_data(as_text=True)


def test_the_budget_speaks_chinese(client, cast, login_as):
    make_line(cast.project, category="software_licences", planned="10000.00")
    login_as("pm")
    client.post("/language", data={"language": "zh_Hans_CN", "next": BASE})
    page = client.get(BASE).get_data(as_text=True)
    assert "“培训”没有任何计划" in page and "完工估算" in page
    assert client.post(f"{BASE}/lines/new", data=line_form(planned="1.001")).get_data(
        as_text=True).count("最多使用 2 位小数") == 1
