"""Demo vendor evaluation for Quest International's Asia pilot, from seeds/demo/vendors.toml."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from app.accounts.service import find_user
from app.core.db import transactional
from app.extensions import db
from app.projects.service import get_by_code
from app.requirements.models import Requirement
from app.vendors import records, service
from app.vendors.models import Evaluation


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _requirement_id(project, code: str | None) -> int | None:
    """The demo requirement a claim names by code (REQ-013); the register is loaded first."""
    if not code:
        return None
    found = db.session.execute(sa.select(Requirement.id).where(
        Requirement.project_id == project.id,
        Requirement.number == int(code.removeprefix("REQ-")))).scalar_one_or_none()
    if found is None:
        raise ValueError(f"vendors.toml names {code}, which the demo register lacks")
    return found


@transactional
def seed_vendors(summary) -> None:
    """One transaction: the demo evaluation is there completely or not at all."""
    from app.demo import read_seed

    project = get_by_code(summary.project_code)
    if project is None:
        return
    data = read_seed("vendors.toml")
    evaluation = db.session.execute(
        sa.select(Evaluation).where(Evaluation.project_id == project.id)
        .order_by(Evaluation.id).limit(1)).scalar_one_or_none()
    if evaluation is None:
        evaluation = _evaluation(project, data, summary)
    decided = sum(_decide(project, evaluation, spec) for spec in data["decisions"])
    if decided:
        summary.created.append(f"{decided} vendor decision steps")


def _evaluation(project, data: dict, summary) -> Evaluation:
    """Vendors with their funnel steps, visits, bids and claims, then every evaluator's scores."""
    spec = data["evaluation"]
    evaluation = service.create_evaluation(None, project, service.EvaluationData(
        spec["title"], spec["purpose"].strip(), spec["tco_years"]))
    evaluators = {email: service.add_evaluator(None, project, evaluation, find_user(email).id)
                  for email in spec["evaluators"]}
    vendors = {item["name"]: _vendor(project, evaluation, item) for item in data["vendors"]}
    criteria = evaluation.criteria
    for name, block in data["scores"].items():
        for email, values in block.items():
            if email == "evidence":
                continue
            card = evaluators[email]
            service.save_scores(None, project, evaluation, card, card.version, vendors[name], {
                c.id: (value, evidence)
                for c, value, evidence in zip(criteria, values, block["evidence"], strict=True)})
    for card in evaluators.values():
        service.submit_scores(None, project, evaluation, card, card.version)
    summary.created.append(f"vendor evaluation of {len(vendors)} vendors")
    return evaluation


def _bid(project, vendor, bid: dict) -> None:
    records.save_bid(None, project, vendor, None, records.BidData(
        _day(bid["received_on"]), Decimal(bid["price"]), bid["licence_model"], bid["notes"],
        {kind: (Decimal(once), Decimal(yearly)) for kind, once, yearly in bid["lines"]}))


def _decide(project, evaluation: Evaluation, spec: dict) -> int:
    """After the scores: a planned visit made, a bid, then further funnel steps, each once."""
    vendor = next(v for v in evaluation.vendors if v.name == spec["vendor"])
    steps = 0
    if "visit" in spec:
        made = spec["visit"]
        visit = next(v for v in vendor.visits if v.customer == made["customer"])
        if not visit.completed:
            records.save_visit(None, project, vendor, visit, visit.version, records.VisitData(
                made["customer"], _day(made["visited_on"]), made["attendees"],
                made["findings"], made["rating"], True))
            steps += 1
    if "bid" in spec and vendor.bid is None:
        _bid(project, vendor, spec["bid"])
        steps += 1
    done = {(h.to_stage, h.changed_on) for h in vendor.history}
    for stage, day, reason in spec["steps"]:
        if (stage, _day(day)) not in done:
            records.move_vendor(None, project, vendor, vendor.version, stage, _day(day), reason)
            steps += 1
    return steps


def _vendor(project, evaluation, item):
    steps = item["steps"]
    _stage, first_day, first_reason = steps[0]
    vendor = records.create_vendor(None, project, evaluation, records.VendorData(
        item["name"], item["product"], item["vertical"], item["bundle"], item["notes"]),
        _day(first_day), first_reason)
    for visit in item.get("visits", []):
        records.save_visit(None, project, vendor, None, None, records.VisitData(
            visit["customer"], _day(visit["visited_on"]), visit["attendees"],
            visit["findings"], visit.get("rating"), visit["completed"]))
    if "bid" in item:
        _bid(project, vendor, item["bid"])
    for claim in item.get("claims", []):
        records.save_claim(None, project, vendor, None, None, records.ClaimData(
            claim["text"], _requirement_id(project, claim.get("requirement")),
            claim.get("reference_note", ""), claim["status"], _day(claim.get("checked_on")),
            claim["evidence"]))
    for stage, day, reason in steps[1:]:
        records.move_vendor(None, project, vendor, vendor.version, stage, _day(day), reason)
    return vendor
