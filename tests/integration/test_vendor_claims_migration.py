"""Migration d9e0f1a2b3c4: free-text requirement references become links, the rest is kept as
a note, the risks' links to claims survive, and the downgrade gives the free text back."""

from datetime import date

import flask_migrate
import sqlalchemy as sa

from app.core.audit import Actor, acting_as
from app.extensions import db
from app.projects import service as projects
from app.risks import service as risks
from app.vendors import records
from app.vendors import service as vendors
from tests.conftest import project_data
from tests.integration.test_vendor_claims import make_requirement

BEFORE = "c8d9e0f1a2b3"


def _rows(sql: str):
    return db.session.execute(sa.text(sql)).all()


def test_claims_keep_their_references_both_ways(fresh_app):
    with fresh_app.app_context(), acting_as(Actor(None, "test")):
        project = projects.create_project(None, "MIG", project_data())
        other = projects.create_project(None, "OTH", project_data())
        must = make_requirement(project, "Sample workflow", "must")  # REQ-001
        could = make_requirement(project, "Credit limit", "could")  # REQ-002
        make_requirement(other, "Elsewhere", "must")  # the other project's REQ-001
        ev = vendors.create_evaluation(None, project, vendors.EvaluationData("CRM", "", 5))
        vendor = records.create_vendor(None, project, ev, records.VendorData(
            "NovaSuite", "", False, False, ""), date(2026, 2, 2), "Trade fair")
        texts = ["linked", "sloppy code", "marked by hand", "not in register", "plain",
                 "must, no ref"]
        claims = [records.save_claim(None, project, vendor, None, None, records.ClaimData(
            text, None, "", "unverified", None, "")) for text in texts]
        risk = risks.create_risk(None, project, risks.RiskData(
            title="Vendor overstates", description="", category="vendor_viability",
            owner_id=None, strategy=None, response_plan="", trigger="", status="open"), 3, 3,
            date(2026, 3, 2))
        risks.add_link(None, project, risk, risk.version, "claim", claims[0].id)
        ids = [c.id for c in claims]
        must_id, could_id = must.id, could.id
        db.session.commit()
        db.session.remove()

        flask_migrate.downgrade(revision=BEFORE)
        old = [("REQ-001", True), ("req 2", False), ("REQ-0002", True), ("RFP 4.2", True),
               ("", False), ("", True)]
        for claim_id, (ref, must_have) in zip(ids, old, strict=True):
            db.session.execute(sa.text(
                "UPDATE vendor_claim SET requirement_ref = :ref, must_have = :m WHERE id = :i"),
                {"ref": ref, "m": must_have, "i": claim_id})
        db.session.commit()
        db.session.remove()
        flask_migrate.upgrade()

        got = {i: (r, n) for i, r, n in _rows(
            "SELECT id, requirement_id, reference_note FROM vendor_claim")}
        assert got[ids[0]] == (must_id, "")
        assert got[ids[1]] == (could_id, "")
        assert got[ids[2]] == (could_id,
                               "Marked must-have before the link to REQ-002 (priority could)")
        assert got[ids[3]] == (None, "RFP 4.2 (must-have)")
        assert got[ids[4]] == (None, "")
        assert got[ids[5]] == (None, "must-have")
        assert _rows("SELECT claim_id FROM risk_claim") == [(ids[0],)]
        db.session.remove()

        flask_migrate.downgrade(revision=BEFORE)
        back = {i: (r, bool(m)) for i, r, m in _rows(
            "SELECT id, requirement_ref, must_have FROM vendor_claim")}
        assert back[ids[0]] == ("REQ-001", True)
        assert back[ids[1]] == ("REQ-002", False)
        assert back[ids[3]] == ("RFP 4.2 (must-have)", False)
        assert _rows("SELECT claim_id FROM risk_claim") == [(ids[0],)]
