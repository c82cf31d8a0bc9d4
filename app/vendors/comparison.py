"""Read-only picture of an evaluation for the comparison page and the report.

Only submitted scorecards count: an evaluator's draft stays private until submitted.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import sqlalchemy as sa

from app.extensions import db
from app.vendors import funnel, scoring
from app.vendors.funnel import IN_CONTENTION
from app.vendors.models import Claim, Evaluation, Evaluator, Score, Vendor
from app.vendors.service import scored_vendors


@dataclass(frozen=True)
class Picture:
    evaluation: Evaluation
    vendors: list[Vendor]  # in contention, ranked best first where scored
    results: scoring.Results
    sensitivity: scoring.Sensitivity
    names: dict[str, str]  # vendor key -> name
    criteria: dict[str, str]  # criterion key -> name
    submitted: list[Evaluator]
    pending: list[Evaluator]
    tco: dict[int, scoring.Tco]  # by vendor id, for vendors with a bid
    weight_warnings: list[funnel.Warning]
    vendor_warnings: list[funnel.Warning]
    # By vendor name: the unverified claims on must-have requirements behind the warning.
    open_must: dict[str, list[Claim]] = field(default_factory=dict)

    def vendor(self, key: str) -> Vendor:
        return next(v for v in self.vendors if str(v.id) == key)

    def names_of(self, keys) -> str:
        return ", ".join(self.names[k] for k in keys)


def submitted_scores(evaluation: Evaluation) -> list[tuple[Evaluator, Score]]:
    return [(evaluator, score) for evaluator, score in db.session.execute(
        sa.select(Evaluator, Score).join(Score, Score.evaluator_id == Evaluator.id)
        .where(Evaluator.evaluation_id == evaluation.id, Evaluator.submitted_at.is_not(None)))]


def tco_of(vendor: Vendor, years: int) -> scoring.Tco | None:
    if vendor.bid is None:
        return None
    lines = [scoring.CostLine(line.kind, line.one_off, line.yearly) for line in vendor.bid.lines]
    return scoring.tco(lines, years)


def picture(evaluation: Evaluation) -> Picture:
    criteria = evaluation.criteria
    weights = {str(c.id): c.weight for c in criteria}
    if sum(weights.values()) == 0:  # cannot happen through the services; stay readable anyway
        weights = dict.fromkeys(weights, 1)
    contenders = scored_vendors(evaluation)
    rows = submitted_scores(evaluation)
    scores = [scoring.Score(e.user.name, str(s.vendor_id), str(s.criterion_id), s.value)
              for e, s in rows]
    results = scoring.evaluate(weights, [str(v.id) for v in contenders], scores) \
        if criteria else scoring.Results((), {})
    order = {key: i for i, key in enumerate(results.ranking)}
    contenders.sort(key=lambda v: order.get(str(v.id), len(order)))
    keyed = {c.key: c for c in criteria if c.key}
    means_by_key = {
        v.vendor: {keyed_key: v.by_criterion[str(c.id)] for keyed_key, c in keyed.items()
                   if str(c.id) in v.by_criterion}
        for v in results.vendors}
    profiles = [funnel.VendorProfile(
        name=v.name, stage=funnel.Stage(v.stage), vertical=v.vertical, bundle=v.bundle,
        means=means_by_key.get(str(v.id), {}),
        open_must_claims=sum(1 for c in v.claims if c.open_risk),
        false_claims=sum(1 for c in v.claims if c.status == "false"))
        for v in evaluation.vendors]
    return Picture(
        evaluation=evaluation, vendors=contenders, results=results,
        sensitivity=scoring.sensitivity(results),
        names={str(v.id): v.name for v in evaluation.vendors},
        criteria={str(c.id): c.name for c in criteria},
        submitted=[e for e in evaluation.evaluators if e.submitted_at is not None],
        pending=[e for e in evaluation.evaluators if e.submitted_at is None],
        tco={v.id: t for v in evaluation.vendors if v.stage in IN_CONTENTION
             and (t := tco_of(v, evaluation.tco_years)) is not None},
        weight_warnings=funnel.weight_warnings({c.key: c.weight for c in criteria if c.key}),
        vendor_warnings=funnel.vendor_warnings(profiles),
        open_must={v.name: [c for c in v.claims if c.open_risk] for v in evaluation.vendors},
    )


def as_decimal(value: Fraction | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(1).scaleb(-places))
