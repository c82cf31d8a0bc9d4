"""Vendor evaluations through the pages: roles, weights (direct and AHP), the funnel and the
selection rule, visits, bids, claims; bad input, stale edits and the audit trail."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.core.audit import AuditLog
from app.core.errors import DomainError
from app.core.permissions import PERMISSIONS, Role
from app.vendors import records, service
from app.vendors.models import Bid, Criterion, Evaluation, StageChange, Vendor
from tests.conftest import audit_count

BASE = "/projects/CAST/vendors"
DAY = date(2026, 3, 2)


def make_evaluation(project, title="CRM vendor"):
    return service.create_evaluation(None, project, service.EvaluationData(title, "", 5))


def make_vendor(project, ev, name, *, to="longlist", visit=False, bid=False):
    vendor = records.create_vendor(None, project, ev, records.VendorData(
        name, "", True, False, ""), DAY, "Known in the industry")
    path = ["invited", "shortlisted", "visited", "bid_received"]
    if visit:
        records.save_visit(None, project, vendor, None, None, records.VisitData(
            "Reference customer", date(2026, 4, 1), "PM", "Works well", 4, True))
    if bid:
        records.save_bid(None, project, vendor, None, records.BidData(
            date(2026, 5, 1), Decimal("1000.00"), "subscription", "",
            {"licences": (Decimal(0), Decimal("100.00"))}))
    for stage in path[:path.index(to) + 1] if to != "longlist" else []:
        records.move_vendor(None, project, vendor, vendor.version, stage, date(2026, 5, 2), "ok")
    return vendor


def test_vendor_permissions_are_as_documented():
    team = {Role.SPONSOR, Role.STEERING, Role.PM, Role.MEMBER}
    assert PERMISSIONS["vendors.view"] == team
    assert PERMISSIONS["vendors.manage"] == {Role.SPONSOR, Role.PM}
    assert PERMISSIONS["vendors.score"] == team
    assert PERMISSIONS["vendors.override"] == {Role.SPONSOR}


@pytest.mark.parametrize(("principal", "reads", "creates"), [
    ("sponsor", 200, True), ("pm", 200, True), ("steering", 200, False),
    ("member", 200, False), ("staff", 403, False), ("outsider", 404, False),
    ("admin", 403, False)])
def test_the_team_reads_and_sponsor_and_pm_run_evaluations(
        client, cast, login_as, db_session, principal, reads, creates):
    login_as(principal)
    assert client.get(BASE).status_code == reads
    response = client.post(f"{BASE}/new", data={"title": "CRM 供应商", "tco_years": "5"})
    made = db_session.execute(sa.select(Evaluation)).scalars().all()
    assert bool(made) is creates
    if not creates:
        assert response.status_code in (403, 404)


def test_a_new_evaluation_gets_the_default_criteria_totalling_100(client, cast, login_as,
                                                                  db_session):
    login_as("pm")
    before = audit_count()
    response = client.post(f"{BASE}/new", data={"title": "CRM 供应商选择", "purpose": "试点",
                                                 "tco_years": "5"})
    assert response.status_code == 302
    ev = db_session.execute(sa.select(Evaluation)).scalar_one()
    assert [c.key for c in ev.criteria] == ["financial", "roi_tco", "vertical", "integration",
                                            "functional", "implementation", "references"]
    assert sum(c.weight for c in ev.criteria) == 100
    assert all(c.guide for c in ev.criteria)
    assert audit_count() == before + 1 + len(ev.criteria)
    page = client.get(f"{BASE}/{ev.id}/weights").get_data(as_text=True)
    assert "Financial viability" in page and "signed-off requirements" in page


def test_weights_must_total_100_and_bad_input_changes_nothing(client, cast, login_as,
                                                              db_session):
    ev = make_evaluation(cast.project)
    login_as("pm")
    data = {"version": ev.version, **{f"w{c.id}": "20" for c in ev.criteria}}
    before = audit_count()
    response = client.post(f"{BASE}/{ev.id}/weights", data=data)
    assert response.status_code == 400
    assert "The weights total 140; they must total 100." in response.get_data(as_text=True)
    data[f"w{ev.criteria[0].id}"] = "abc"
    assert client.post(f"{BASE}/{ev.id}/weights", data=data).status_code == 400
    assert audit_count() == before
    good = dict(zip([f"w{c.id}" for c in ev.criteria], ["30", "25", "15", "10", "10", "5", "5"],
                    strict=True))
    assert client.post(f"{BASE}/{ev.id}/weights",
                       data={"version": ev.version, **good}).status_code == 302
    db_session.expire_all()
    assert [c.weight for c in ev.criteria] == [30, 25, 15, 10, 10, 5, 5]
    # The same form again carries the old version: refused as a stale edit.
    stale = client.post(f"{BASE}/{ev.id}/weights", data={"version": ev.version - 1, **good})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.get_data(as_text=True)


def _pairs(ev, value="1"):
    crits = ev.criteria
    return {f"p{a.id}_{b.id}": value for i, a in enumerate(crits) for b in crits[i + 1:]}


def test_pairwise_comparisons_derive_weights_and_refuse_contradictions(client, cast, login_as,
                                                                       db_session):
    ev = make_evaluation(cast.project)
    a, b, c = ev.criteria[:3]
    login_as("sponsor")
    contradicting = {**_pairs(ev), f"p{a.id}_{b.id}": "9", f"p{b.id}_{c.id}": "9",
                     f"p{a.id}_{c.id}": "1/9"}
    before = audit_count()
    checked = client.post(f"{BASE}/{ev.id}/pairwise",
                          data={"version": ev.version, "check": "1", **contradicting})
    assert checked.status_code == 200 and "contradict each other" in checked.get_data(True)
    refused = client.post(f"{BASE}/{ev.id}/pairwise",
                          data={"version": ev.version, "apply": "1", **contradicting})
    assert refused.status_code == 400
    assert "consistency ratio" in refused.get_data(as_text=True)
    assert audit_count() == before
    consistent = {**_pairs(ev), f"p{a.id}_{b.id}": "2"}  # a twice b; b equal to all others
    consistent.update({f"p{a.id}_{x.id}": "2" for x in ev.criteria[2:]})
    applied = client.post(f"{BASE}/{ev.id}/pairwise",
                          data={"version": ev.version, "apply": "1", **consistent})
    assert applied.status_code == 302
    db_session.expire_all()
    assert ev.weights_method == "ahp" and sum(x.weight for x in ev.criteria) == 100
    assert ev.criteria[0].weight == 25 and {x.weight for x in ev.criteria[1:]} <= {12, 13}
    assert service.pairwise_of(ev)[a.id, b.id] == "2"
    bogus = client.post(f"{BASE}/{ev.id}/pairwise",
                        data={"version": ev.version, "apply": "1", **_pairs(ev, "10")})
    assert bogus.status_code == 400


def test_criteria_can_be_added_edited_and_deleted_only_when_unweighted(client, cast, login_as,
                                                                       db_session):
    ev = make_evaluation(cast.project)
    login_as("pm")
    response = client.post(f"{BASE}/{ev.id}/criteria",
                           data={"version": ev.version, "name": "数据安全 Data security",
                                 "guide": "1 = none, 5 = certified"})
    assert response.status_code == 302
    new = db_session.execute(sa.select(Criterion).where(Criterion.key == "")).scalar_one()
    assert new.weight == 0
    weighted = ev.criteria[0]
    refused = client.post(f"{BASE}/criteria/{weighted.id}",
                          data={"version": weighted.version, "delete": "1"})
    assert refused.status_code == 400 and "weight to 0 first" in refused.get_data(as_text=True)
    assert client.post(f"{BASE}/criteria/{new.id}",
                       data={"version": new.version, "delete": "1"}).status_code == 302
    assert db_session.get(Criterion, new.id) is None
    dup = client.post(f"{BASE}/criteria/{weighted.id}", data={
        "version": weighted.version, "name": ev.criteria[1].name, "guide": ""})
    assert dup.status_code == 400


def test_a_vendor_moves_step_by_step_and_illegal_jumps_are_refused(client, cast, login_as,
                                                                    db_session):
    ev = make_evaluation(cast.project)
    login_as("pm")
    response = client.post(f"{BASE}/{ev.id}/vendors/new", data={
        "version": "0", "name": "龙腾软件 Dragon CRM", "product": "Dragon", "vertical": "y",
        "on": "2026-02-02", "reason": "Strong in food ingredients"})
    assert response.status_code == 302
    vendor = db_session.execute(sa.select(Vendor)).scalar_one()
    assert vendor.stage == "longlist" and vendor.history[0].reason == "Strong in food ingredients"
    before = audit_count()
    jump = client.post(f"{BASE}/vendor/{vendor.id}/move", data={
        "version": vendor.version, "target": "shortlisted", "on": "2026-02-10", "reason": "x"})
    assert jump.status_code == 400
    assert "cannot go from Longlist to Shortlisted" in jump.get_data(as_text=True)
    no_reason = client.post(f"{BASE}/vendor/{vendor.id}/move", data={
        "version": vendor.version, "target": "invited", "on": "2026-02-10", "reason": ""})
    assert no_reason.status_code == 400
    earlier = client.post(f"{BASE}/vendor/{vendor.id}/move", data={
        "version": vendor.version, "target": "invited", "on": "2026-01-10", "reason": "x"})
    assert earlier.status_code == 400 and "previous step (2026-02-02)" in earlier.text
    assert audit_count() == before
    ok = client.post(f"{BASE}/vendor/{vendor.id}/move", data={
        "version": vendor.version, "target": "invited", "on": "2026-02-10",
        "reason": "Briefing held, proposal received"})
    assert ok.status_code == 302
    db_session.expire_all()
    assert vendor.stage == "invited" and vendor.stage_on == date(2026, 2, 10)
    stale = client.post(f"{BASE}/vendor/{vendor.id}/move", data={
        "version": vendor.version - 1, "target": "shortlisted", "on": "2026-02-11",
        "reason": "x"})
    assert stale.status_code == 409
    rows = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "StageChange")).scalars().all()
    assert len(rows) == 2 and all(r.action == "insert" for r in rows)


def test_visits_done_needs_a_completed_visit_and_bid_received_a_bid(cast, db_session):
    project = cast.project
    ev = make_evaluation(project)
    vendor = make_vendor(project, ev, "A", to="shortlisted")
    later = date(2026, 6, 1)
    with pytest.raises(DomainError, match="completed site visit"):
        records.move_vendor(None, project, vendor, vendor.version, "visited", later, "x")
    with pytest.raises(DomainError, match="cannot go from"):
        records.move_vendor(None, project, vendor, vendor.version, "bid_received", later, "x")
    records.save_visit(None, project, vendor, None, None, records.VisitData(
        "Reference customer", later, "PM", "Works", 4, True))
    records.move_vendor(None, project, vendor, vendor.version, "visited", later, "Visit done")
    with pytest.raises(DomainError, match="bid first"):
        records.move_vendor(None, project, vendor, vendor.version, "bid_received", later, "x")


def test_selection_needs_two_shortlisted_with_visits_and_bids_or_a_sponsor_override(
        client, cast, login_as, db_session):
    project = cast.project
    ev = make_evaluation(project)
    a = make_vendor(project, ev, "A", to="bid_received", visit=True, bid=True)
    b = make_vendor(project, ev, "B", to="shortlisted")
    login_as("pm")
    form = {"version": a.version, "target": "selected", "on": "2026-06-01",
            "reason": "Best value"}
    refused = client.post(f"{BASE}/vendor/{a.id}/move", data=form)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "B has no completed site visit." in text and "B has no bid." in text
    by_pm = client.post(f"{BASE}/vendor/{a.id}/move", data={**form, "override": "y"})
    assert by_pm.status_code == 403
    db_session.expire_all()
    assert a.stage == "bid_received"
    client.post("/logout")
    login_as("sponsor")
    overridden = client.post(f"{BASE}/vendor/{a.id}/move", data={
        **form, "override": "y", "reason": "B withdrew its bid; A meets every must-have"})
    assert overridden.status_code == 302
    db_session.expire_all()
    assert a.stage == "selected"
    change = db_session.execute(sa.select(StageChange).where(
        StageChange.vendor_id == a.id).order_by(StageChange.id.desc())).scalars().first()
    assert change.override and change.actor_id == cast["sponsor"].id
    second = client.post(f"{BASE}/vendor/{b.id}/move", data={
        "version": b.version, "target": "selected", "on": "2026-06-02", "reason": "x",
        "override": "y"})
    assert second.status_code == 400 and "already selected" in second.get_data(as_text=True)


def test_selection_without_override_once_the_rule_is_met(cast, db_session):
    project = cast.project
    ev = make_evaluation(project)
    a = make_vendor(project, ev, "A", to="bid_received", visit=True, bid=True)
    make_vendor(project, ev, "B", to="bid_received", visit=True, bid=True)
    records.move_vendor(None, project, a, a.version, "selected", date(2026, 6, 1), "Best")
    assert a.stage == "selected" and not a.history[-1].override


def test_bids_are_exact_money_and_give_a_tco(client, cast, login_as, db_session):
    ev = make_evaluation(cast.project)
    vendor = make_vendor(cast.project, ev, "A", to="shortlisted")
    login_as("pm")
    data = {"version": "0", "received_on": "2026-05-04", "price": "310000.00",
            "licence_model": "subscription", "notes": "",
            **{f"{k}_once": "0" for k in ("licences", "implementation", "training",
                                          "data_migration", "integration", "support")},
            **{f"{k}_yearly": "0" for k in ("licences", "implementation", "training",
                                            "data_migration", "integration", "support")}}
    data.update({"licences_yearly": "54000.10", "implementation_once": "85000.05"})
    before = audit_count()
    bad = client.post(f"{BASE}/vendor/{vendor.id}/bid", data={**data, "training_once": "1.234"})
    assert bad.status_code == 400 and db_session.execute(sa.select(Bid)).first() is None
    assert audit_count() == before
    assert client.post(f"{BASE}/vendor/{vendor.id}/bid", data=data).status_code == 302
    bid = db_session.execute(sa.select(Bid)).scalar_one()
    assert bid.price == Decimal("310000.00") and len(bid.lines) == 6
    page = client.get(f"{BASE}/vendor/{vendor.id}").get_data(as_text=True)
    assert "$355,000.55" in page  # 85,000.05 + 5 × 54,000.10
    edit = client.get(f"{BASE}/vendor/{vendor.id}/bid").get_data(as_text=True)
    assert 'value="54000.1"' in edit and 'value="310000"' in edit
    stale = client.post(f"{BASE}/vendor/{vendor.id}/bid", data={**data, "version": "0"})
    assert stale.status_code == 409


def test_claims_need_evidence_once_checked(client, cast, login_as, db_session):
    ev = make_evaluation(cast.project)
    vendor = make_vendor(cast.project, ev, "A", to="invited")
    login_as("pm")
    from tests.integration.test_vendor_claims import make_requirement

    must = make_requirement(cast.project, "WeChat enquiries on the account 微信", "must")
    data = {"version": "0", "text": "Supports the WeChat channel 微信", "requirement_id":
            str(must.id), "reference_note": "", "status": "verified", "checked_on": "",
            "evidence": ""}
    refused = client.post(f"{BASE}/vendor/{vendor.id}/claims/new", data=data)
    assert refused.status_code == 400 and "when and how" in refused.get_data(as_text=True)
    data.update(status="unverified")
    assert client.post(f"{BASE}/vendor/{vendor.id}/claims/new", data=data).status_code == 302
    page = client.get(f"{BASE}/vendor/{vendor.id}").get_data(as_text=True)
    assert "微信" in page and "tag-bad\">risk</span>" in page
