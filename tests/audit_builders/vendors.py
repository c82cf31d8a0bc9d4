"""Audit builders for the vendor domain: evaluations, criteria, evaluators, vendors, funnel
steps, scores, site visits, bids and their lines, claims."""

from datetime import UTC, date, datetime
from decimal import Decimal

from app.requirements.models import Requirement
from app.vendors.models import (
    Bid,
    BidLine,
    Claim,
    Criterion,
    Evaluation,
    Evaluator,
    Score,
    SiteVisit,
    StageChange,
    Vendor,
)


def _evaluation(s, ctx):
    return Evaluation(project_id=ctx["project"].id, title="CRM 供应商选择", purpose="",
                      tco_years=5, weights_method="direct", pairwise="")


def _saved(s, record):
    s.add(record)
    s.flush()
    return record


def _criterion(s, ctx):
    ev = _saved(s, _evaluation(s, ctx))
    return Criterion(project_id=ev.project_id, evaluation_id=ev.id, key="financial",
                     name="Financial viability", guide="1 = weak, 5 = strong", weight=20)


def _evaluator(s, ctx):
    ev = _saved(s, _evaluation(s, ctx))
    return Evaluator(project_id=ev.project_id, evaluation_id=ev.id, user_id=ctx["user"].id,
                     submitted_at=datetime(2026, 6, 1, tzinfo=UTC))


def _vendor(s, ctx):
    ev = _saved(s, _evaluation(s, ctx))
    return Vendor(project_id=ev.project_id, evaluation_id=ev.id, name="Asia CRM Ltd",
                  product="Asia CRM", stage="longlist", stage_on=date(2026, 3, 2))


def _stage_change(s, ctx):
    vendor = _saved(s, _vendor(s, ctx))
    return StageChange(project_id=vendor.project_id, vendor_id=vendor.id, from_stage="longlist",
                       to_stage="invited", changed_on=date(2026, 3, 9), reason="Strong brief",
                       recorded_at=datetime.now(UTC))


def _score(s, ctx):
    criterion = _saved(s, _criterion(s, ctx))
    evaluator = _saved(s, Evaluator(project_id=criterion.project_id,
                                    evaluation_id=criterion.evaluation_id,
                                    user_id=ctx["user"].id))
    vendor = _saved(s, Vendor(project_id=criterion.project_id,
                              evaluation_id=criterion.evaluation_id, name="CloudCRM",
                              stage="shortlisted", stage_on=date(2026, 3, 2)))
    return Score(project_id=criterion.project_id, evaluator_id=evaluator.id, vendor_id=vendor.id,
                 criterion_id=criterion.id, value=4, evidence="Audited accounts 2023-2025")


def _visit(s, ctx):
    vendor = _saved(s, _vendor(s, ctx))
    return SiteVisit(project_id=vendor.project_id, vendor_id=vendor.id, customer="台湾饮料公司",
                     visited_on=date(2026, 4, 1), attendees="PM", findings="", rating=None,
                     completed=False)


def _bid(s, ctx):
    vendor = _saved(s, _vendor(s, ctx))
    return Bid(project_id=vendor.project_id, vendor_id=vendor.id, received_on=date(2026, 5, 4),
               price=Decimal("120000.00"), licence_model="subscription", notes="")


def _bid_line(s, ctx):
    bid = _saved(s, _bid(s, ctx))
    return BidLine(project_id=bid.project_id, bid=bid, kind="training",
                   one_off=Decimal("8000"), yearly=Decimal("0"))


def _claim(s, ctx):
    vendor = _saved(s, _vendor(s, ctx))
    requirement = _saved(s, Requirement(
        project_id=vendor.project_id, number=20, status="draft", title="Chinese localisation",
        kind="non_functional", priority="must", department="it", current_number=1))
    return Claim(project_id=vendor.project_id, vendor_id=vendor.id, text="Chinese localisation",
                 requirement_id=requirement.id, reference_note="Tender 4.2",
                 status="unverified")


# Fields are chosen so the change keeps the record's audit label (the test finds its rows by it).
BUILDERS = {
    Evaluation: (_evaluation, "tco_years", 7),
    Criterion: (_criterion, "weight", 25),
    Evaluator: (_evaluator, "submitted_at", None),
    Vendor: (_vendor, "stage", "invited"),
    StageChange: (_stage_change, "reason", "Strong brief and proposal"),
    Score: (_score, "value", 3),
    SiteVisit: (_visit, "rating", 4),
    Bid: (_bid, "notes", "Price valid 90 days"),
    BidLine: (_bid_line, "kind", "support"),
    Claim: (_claim, "status", "false"),
}
