"""In a real Chromium: add budget lines, import actuals with one bad row, see the warnings."""

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

PM_EMAIL, PM_PASSWORD = "pm@e2e.example", "Browser-PM-Budget-77"


@pytest.fixture
def project(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        create_user(None, PM_EMAIL, "Daniel Tan", PM_PASSWORD)
        project = projects.create_project(None, "QUEST-B", project_data(name="Budget pilot"))
        projects.add_member(None, project, PM_EMAIL, Role.PM)


def add_line(page, base, category, name, planned, year="2026", quarter="1"):
    page.goto(f"{base}/lines/new")
    page.select_option("#category", category)
    page.fill("#name", name)
    page.fill("#fiscal_year", year)
    page.select_option("#quarter", quarter)
    page.fill("#planned", planned)
    page.click("form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("Budget line added")


def test_lines_csv_import_with_a_bad_row_and_the_warnings(project, live_server, page):
    page.goto(f"{live_server}/login")
    page.fill("#email", PM_EMAIL)
    page.fill("#password", PM_PASSWORD)
    page.click("button.primary")
    page.click("text=Budget pilot")
    page.click("nav.projectnav >> text=Budget")
    base = f"{live_server}/projects/QUEST-B/budget"
    expect(page).to_have_url(base)

    add_line(page, base, "software_licences", "CRM subscriptions, 50 users", "40000.00")
    add_line(page, base, "integration", "ERP interface", "15000.00", quarter="2")
    add_line(page, base, "contingency", "Reserve", "9000.00")

    page.goto(f"{base}/entries/import")
    page.fill("#text", "date,line,amount,supplier,reference\n"
                       "2026-01-15,BL-001,20000.00,CloudCRM,INV-1\n"
                       "2026-04-30,BL-002,7500.50,集成服务商,INV-2\n"
                       "2026-05-01,BL-099,12.345,Nobody,INV-3\n")
    page.click("form button.primary")
    report = page.locator(".import-report")
    expect(report).to_contain_text("Nothing was imported: 1 of 3 rows have problems")
    expect(report.locator("tr.row-bad")).to_contain_text("There is no budget line BL-099")
    page.check("#skip_invalid")
    page.click("form button.primary")
    expect(page.locator(".import-report")).to_contain_text("2 rows imported; 1 bad rows")

    page.goto(base)
    warnings = page.locator(".budget-warnings")
    expect(warnings.locator("[data-code=hidden_cost_missing]").first).to_contain_text(
        "Nothing is planned for Training")
    expect(warnings.locator("[data-code=hidden_cost_missing]")).to_have_count(3)
    expect(page.locator(".kpis")).to_contain_text("$27,500.50")
    expect(page.locator("figure.chart svg")).to_have_count(3)


def test_a_benefit_valued_by_a_kpi_counts_its_measured_gain(fresh_app, project, live_server,
                                                             page):
    from datetime import date, timedelta
    from decimal import Decimal

    from app.strategy import measurements
    from app.strategy import service as strategy

    last_month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        found = projects.get_by_code("QUEST-B")
        goal = strategy.create_goal(None, found, "Keep key accounts")
        objective = strategy.create_objective(None, found, strategy.ObjectiveData(
            title="Retain the top-20", description="", aim="retain", aim_other="",
            horizon="short", priority="high", owner_id=None, goal_ids=(goal.id,)))
        kpi = strategy.create_kpi(None, found, strategy.KpiData(
            objective_id=objective.id, name="Retention rate 保留率", definition="", unit="%",
            direction="higher", kind="loyalty", baseline_value=Decimal("85"),
            baseline_on=date(2025, 12, 31), short_target_value=None, short_target_on=None,
            long_target_value=None, long_target_on=None))
        measurements.add_measurement(None, found, kpi, last_month + timedelta(days=5),
                                     Decimal("87"), source="seed")
    page.goto(f"{live_server}/login")
    page.fill("#email", PM_EMAIL)
    page.fill("#password", PM_PASSWORD)
    page.click("button.primary")
    base = f"{live_server}/projects/QUEST-B/budget"
    page.goto(f"{base}/benefits/new")
    page.fill("#month", f"{last_month:%Y-%m}")
    page.fill("#description", "Retention gain, top-20 accounts")
    page.fill("#expected", "20000.00")
    page.select_option("#kpi_id", label="KPI-01 · Retention rate 保留率 (%)")
    page.fill("#value_per_point", "40000.00")
    page.click("form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("Benefit added")
    row = page.locator("table.benefits tbody tr").first
    expect(row).to_contain_text("derived from KPI-01")
    expect(row).to_contain_text("gain +2 over the baseline 85")
    expect(row).to_contain_text("implies $80,000.00")
    expect(page.locator(".derived-note")).to_contain_text("includes 1 month(s)")
