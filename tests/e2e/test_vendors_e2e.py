"""In a real Chromium: two evaluators score two vendors blind, a weight change changes the
winner, and selection is refused until every shortlisted vendor has a visit and a bid."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from app.accounts.service import create_user
from app.core.audit import Actor, acting_as
from app.core.permissions import Role
from app.projects import service as projects
from app.vendors import records, service
from tests.conftest import project_data

pytestmark = [pytest.mark.e2e, pytest.mark.committed]

USERS = {"sponsor": ("sponsor@e2e.example", "Catherine Wong", "Browser-Sponsor-Vendor-61"),
         "pm": ("pm@e2e.example", "Daniel Tan", "Browser-PM-Vendor-62")}
# Scores per default criterion (financial, ROI, vertical, integration, functional,
# implementation, references): Alpha is the sound company, Beta has the features.
ALPHA = [5, 3, 3, 3, 1, 3, 3]
BETA = [1, 3, 3, 3, 5, 3, 3]


@pytest.fixture
def setup(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "QUEST-V", project_data(name="Vendor pilot"))
        for role, (email, name, password) in USERS.items():
            create_user(None, email, name, password)
            projects.add_member(None, project, email, Role(role))
        ev = service.create_evaluation(None, project, service.EvaluationData(
            "CRM vendor 供应商", "", 5))
        vendors = {}
        for name in ("Alpha", "Beta"):
            vendor = records.create_vendor(None, project, ev, records.VendorData(
                name, "", True, False, ""), date(2026, 2, 2), "Known in the industry")
            for stage in ("invited", "shortlisted"):
                records.move_vendor(None, project, vendor, vendor.version, stage,
                                    date(2026, 3, 2), "Good proposal")
            vendors[name] = vendor.id
        for email, _name, _password in USERS.values():
            from app.accounts.service import find_user

            service.add_evaluator(None, project, ev, find_user(email).id)
        return fresh_app, ev.id, vendors


def log_in(page, base, who):
    email, _name, password = USERS[who]
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button.primary")


def score(page, values, evidence):
    selects = page.locator("fieldset.criterion select")
    notes = page.locator("fieldset.criterion textarea")
    for i, value in enumerate(values):
        selects.nth(i).select_option(str(value))
        notes.nth(i).fill(evidence)
    page.click("form.scorecard button.primary")
    expect(page.locator(".flash-success")).to_contain_text("saved (still private)")


def score_and_submit(page, base, ev_url, who):
    log_in(page, base, who)
    page.goto(f"{ev_url}/results")
    expect(page.locator(".blind")).to_contain_text("stay hidden until you submit")
    page.goto(f"{ev_url}/score")
    page.click("text=Score Alpha")
    score(page, ALPHA, f"{who}: audited accounts seen")
    page.click("text=Score Beta")
    score(page, BETA, f"{who}: 演示中看到")
    page.click("text=Submit my scores")
    expect(page.locator(".flash-success")).to_contain_text("Scores submitted")


def test_blind_scoring_weight_change_and_the_selection_rule(setup, live_server, page):
    app, ev_id, vendors = setup
    ev_url = f"{live_server}/projects/QUEST-V/vendors/{ev_id}"
    score_and_submit(page, live_server, ev_url, "sponsor")
    expect(page.locator("#sensitivity")).to_contain_text("Leading: Alpha.")
    score_and_submit(page, live_server, ev_url, "pm")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("Alpha")

    # Features over finances: the winner changes when the weights change.
    page.goto(f"{ev_url}/weights")
    page.fill("input[aria-label='Financial viability']", "10")
    page.fill("input[aria-label='Functional fit to the signed-off requirements']", "20")
    page.click("form.weights-form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("Weights saved")
    expect(page.locator(".vendor-warnings")).to_contain_text("software features are not the")
    page.goto(f"{ev_url}/results")
    expect(page.locator("#sensitivity")).to_contain_text("Leading: Beta.")

    # Selecting Beta is refused while visits and bids are missing.
    beta_url = f"{live_server}/projects/QUEST-V/vendors/vendor/{vendors['Beta']}"
    page.goto(beta_url)
    page.select_option("#target", "selected")
    page.fill("#reason", "Best weighted score")
    page.click("form.move-form button.primary")
    refusal = page.locator(".form-errors")
    expect(refusal).to_contain_text("Beta cannot be selected yet")
    expect(refusal).to_contain_text("Alpha has no completed site visit.")
    expect(refusal).to_contain_text("Beta has no bid.")

    with app.app_context(), acting_as(Actor(None, "test")):
        from app.extensions import db
        from app.projects.service import get_by_code
        from app.vendors.models import Vendor

        project = get_by_code("QUEST-V")
        for vendor_id in vendors.values():
            vendor = db.session.get(Vendor, vendor_id)
            records.save_visit(None, project, vendor, None, None, records.VisitData(
                "Reference customer, Penang", date(2026, 4, 2), "Daniel Tan", "Works daily",
                4, True))
            records.save_bid(None, project, vendor, None, records.BidData(
                date(2026, 5, 4), Decimal("250000.00"), "subscription", "",
                {"licences": (Decimal(0), Decimal("50000.00")),
                 "implementation": (Decimal("80000.00"), Decimal(0))}))
    page.goto(beta_url)
    page.select_option("#target", "selected")
    page.fill("#reason", "Best weighted score; visits and bids complete")
    page.click("form.move-form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("Beta moved to Selected")
    page.goto(f"{ev_url}/results")
    expect(page.locator("table.ranking")).to_contain_text("$330,000.00")  # 80,000 + 5 × 50,000


def test_a_claim_linked_to_a_must_have_requirement_shows_as_a_risk_both_ways(
        setup, live_server, page):
    app, ev_id, vendors = setup
    from app.requirements import service as requirements

    with app.app_context(), acting_as(Actor(None, "test")):
        project = projects.get_by_code("QUEST-V")
        must = requirements.create_requirement(None, project, requirements.RequirementData(
            title="Sample request workflow 样品申请", description="", kind="functional",
            priority="must", department="sales", acceptance_criteria="", objective_ids=()))
        req_id = must.id
    log_in(page, live_server, "pm")
    base = f"{live_server}/projects/QUEST-V/vendors"
    page.goto(f"{base}/vendor/{vendors['Beta']}/claims/new")
    page.fill("#text", "Tracks lab samples out of the box")
    page.select_option("#requirement_id", label="REQ-001 Sample request workflow 样品申请 "
                                                 "(must-have)")
    page.click("form button.primary")
    expect(page.locator(".flash-success")).to_contain_text("Claim saved")
    row = page.locator("#claims tr.risk")
    expect(row).to_contain_text("REQ-001")
    expect(row.locator(".tag-bad")).to_have_text("risk")
    page.goto(f"{base}/{ev_id}")
    warning = page.locator(".vendor-warnings li", has_text="must-have requirements")
    expect(warning).to_contain_text("Beta: 1 claim(s)")
    warning.locator("a.req-code").click()
    expect(page).to_have_url(f"{live_server}/projects/QUEST-V/requirements/{req_id}")
    claims = page.locator("section.vendor-claims")
    expect(claims).to_contain_text("Beta")
    expect(claims).to_contain_text("risk: a must-have not verified")
