"""Vendor claims linked to requirements: the choice of the project's requirements, must-have
from the requirement's priority, the risk it makes, links both ways (vendor page, comparison
warnings, report, risks, the requirement's page); refusals, stale edits and the trail."""

import re

import pytest
import sqlalchemy as sa

from app.core.errors import DomainError
from app.requirements import service as requirements
from app.vendors import comparison, records
from app.vendors.models import Claim
from tests.conftest import audit_count
from tests.integration.test_vendors import BASE, make_evaluation, make_vendor


def make_requirement(project, title: str, priority: str):
    return requirements.create_requirement(None, project, requirements.RequirementData(
        title=title, description="", kind="functional", priority=priority,
        department="sales", acceptance_criteria="", objective_ids=()))


def claim_form(**changes):
    data = {"version": "0", "text": "Tracks lab samples 样品", "requirement_id": "",
            "reference_note": "", "status": "unverified", "checked_on": "", "evidence": ""}
    data.update(changes)
    return data


@pytest.fixture
def setting(cast):
    ev = make_evaluation(cast.project)
    vendor = make_vendor(cast.project, ev, "CloudCRM", to="shortlisted")
    must = make_requirement(cast.project, "Sample request workflow", "must")
    should = make_requirement(cast.project, "Campaign results by country", "should")
    return ev, vendor, must, should


def test_a_claim_on_a_must_have_requirement_is_a_risk_until_verified(
        client, cast, login_as, db_session, setting):
    ev, vendor, must, should = setting
    login_as("pm")
    form = client.get(f"{BASE}/vendor/{vendor.id}/claims/new").get_data(as_text=True)
    assert f"{must.code} Sample request workflow (must-have)" in form
    assert f"{should.code} Campaign results by country<" in form
    before = audit_count()
    response = client.post(f"{BASE}/vendor/{vendor.id}/claims/new",
                           data=claim_form(requirement_id=str(must.id)))
    assert response.status_code == 302 and audit_count() > before
    claim = db_session.execute(sa.select(Claim)).scalar_one()
    assert claim.requirement_id == must.id and claim.must_have and claim.open_risk

    page = client.get(f"{BASE}/vendor/{vendor.id}").get_data(as_text=True)
    link = f'href="/projects/CAST/requirements/{must.id}">{must.code}</a>'
    assert link in page and 'tag-bad">risk</span>' in page
    pic = comparison.picture(ev)
    assert [w.code for w in pic.vendor_warnings].count("unverified_must") == 1
    evaluation = client.get(f"{BASE}/{ev.id}").get_data(as_text=True)
    assert "claim(s) on must-have requirements are not verified" in evaluation
    assert f'/projects/CAST/requirements/{must.id}" title="Sample request workflow">' \
        f'{must.code}</a>' in evaluation
    report = client.get(f"{BASE}/{ev.id}/report").get_data(as_text=True)
    assert link in report

    requirement_page = client.get(f"/projects/CAST/requirements/{must.id}").get_data(
        as_text=True)
    assert "Vendor claims about this" in requirement_page
    assert "CloudCRM" in requirement_page and "Tracks lab samples 样品" in requirement_page
    assert "risk: a must-have not verified" in requirement_page

    # Linked to a should-have requirement instead, the claim is no longer a must-have risk.
    edit = client.post(f"{BASE}/claims/{claim.id}", data=claim_form(
        version=str(claim.version), requirement_id=str(should.id)))
    assert edit.status_code == 302
    db_session.refresh(claim)
    assert not claim.must_have and not comparison.picture(ev).vendor_warnings[1:]
    assert "unverified_must" not in [w.code for w in comparison.picture(ev).vendor_warnings]
    empty = client.get(f"/projects/CAST/requirements/{must.id}").get_data(as_text=True)
    assert "No vendor has made a claim about this requirement." in empty


def test_a_general_claim_names_no_requirement_and_keeps_a_note(
        client, cast, login_as, db_session, setting):
    _ev, vendor, _must, _should = setting
    login_as("sponsor")
    response = client.post(f"{BASE}/vendor/{vendor.id}/claims/new", data=claim_form(
        reference_note="Tender section 4.2"))
    assert response.status_code == 302
    claim = db_session.execute(sa.select(Claim)).scalar_one()
    assert claim.requirement is None and not claim.must_have
    page = client.get(f"{BASE}/vendor/{vendor.id}").get_data(as_text=True)
    assert "Tender section 4.2" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"requirement_id": "999999"}, "Choose a requirement of this project&#39;s register."),
    ({"requirement_id": "REQ-001"}, "Choose a requirement of this project&#39;s register."),
    ({"requirement_id": "{other}"}, "Choose a requirement of this project&#39;s register."),
    ({"reference_note": "x" * 121}, "Field cannot be longer than 120 characters."),
])
def test_bad_requirement_links_are_refused_and_change_nothing(
        client, cast, login_as, db_session, setting, make_project, changes, message):
    _ev, vendor, _must, _should = setting
    other = make_requirement(make_project("OTHER"), "Their requirement", "must")
    login_as("pm")
    before = audit_count()
    data = {k: v.format(other=other.id) for k, v in changes.items()}
    response = client.post(f"{BASE}/vendor/{vendor.id}/claims/new", data=claim_form(**data))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db_session.execute(sa.select(sa.func.count(Claim.id))).scalar_one() == 0
    assert audit_count() == before


def test_the_service_refuses_another_projects_requirement(cast, setting, make_project):
    _ev, vendor, _must, _should = setting
    other = make_requirement(make_project("OTHER"), "Their requirement", "must")
    with pytest.raises(DomainError, match="this project"):
        records.save_claim(None, cast.project, vendor, None, None, records.ClaimData(
            "Claim", other.id, "", "unverified", None, ""))


def test_a_stale_claim_edit_is_refused(client, cast, login_as, db_session, setting):
    _ev, vendor, must, _should = setting
    claim = records.save_claim(None, cast.project, vendor, None, None, records.ClaimData(
        "Claim", None, "", "unverified", None, ""))
    login_as("pm")
    stale = client.post(f"{BASE}/claims/{claim.id}", data=claim_form(
        version=str(claim.version - 1), requirement_id=str(must.id)))
    assert stale.status_code == 409
    db_session.refresh(claim)
    assert claim.requirement_id is None


def test_a_withdrawn_requirement_is_offered_only_to_the_claim_that_names_it(
        client, cast, login_as, db_session, setting):
    _ev, vendor, must, should = setting
    claim = records.save_claim(None, cast.project, vendor, None, None, records.ClaimData(
        "Claim", should.id, "", "unverified", None, ""))
    requirements.withdraw(None, cast.project, should, should.version)
    login_as("pm")
    new = client.get(f"{BASE}/vendor/{vendor.id}/claims/new").get_data(as_text=True)
    assert should.code not in new and must.code in new
    edit = client.get(f"{BASE}/claims/{claim.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{should.id}">', edit)


def test_risks_show_the_claims_requirement(client, cast, login_as, db_session, setting):
    from app.risks import service as risks
    from tests.integration.test_risks import make

    _ev, vendor, must, _should = setting
    claim = records.save_claim(None, cast.project, vendor, None, None, records.ClaimData(
        "Tracks samples", must.id, "", "unverified", None, ""))
    assert (claim.id, f"CloudCRM: Tracks samples ({must.code})") in \
        risks.LINKS["claim"].targets(cast.project)
    risk = make(cast.project, category="vendor_viability")
    risks.add_link(None, cast.project, risk, risk.version, "claim", claim.id)
    login_as("member")
    page = client.get(f"/projects/CAST/risks/{risk.id}").get_data(as_text=True)
    assert "CloudCRM: Tracks samples" in page and f"/projects/CAST/vendors/vendor/{vendor.id}" \
        in page
    assert f'href="/projects/CAST/requirements/{must.id}" title="Sample request workflow">' \
        f'{must.code}</a> must-have' in page
