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
