"""Vendor records for the route access test: an evaluation with a shortlisted vendor, a visit,
a claim and an evaluator."""

from datetime import date

from app.vendors import records, service


def values(cast, db_session) -> dict:
    project = cast.project
    evaluation = service.create_evaluation(None, project, service.EvaluationData(
        "CRM vendor selection", "", 5))
    vendor = records.create_vendor(None, project, evaluation, records.VendorData(
        "Asia CRM Ltd", "Asia CRM", True, False, ""), date(2026, 3, 2), "Market leader in Asia")
    for stage in ("invited", "shortlisted"):
        records.move_vendor(None, project, vendor, vendor.version, stage, date(2026, 3, 9),
                            "Good proposal")
    visit = records.save_visit(None, project, vendor, None, None, records.VisitData(
        "Taiwan beverage maker", date(2026, 4, 1), "PM", "", None, False))
    claim = records.save_claim(None, project, vendor, None, None, records.ClaimData(
        "Supports the WeChat channel", None, "Tender section 4.2", "unverified", None, ""))
    evaluator = service.add_evaluator(None, project, evaluation, cast["steering"].id)
    return {"evaluation_id": evaluation.id, "vendor_id": vendor.id, "visit_id": visit.id,
            "claim_id": claim.id, "evaluator_id": evaluator.id,
            "criterion_id": evaluation.criteria[0].id}
