"""Pure vendor-evaluation arithmetic: AHP weights, weighted scores, disagreement, sensitivity, TCO.

No Flask, no SQLAlchemy: plain values in, frozen dataclasses out. Scores and weights are
combined with `Fraction`, so results are exact and properties (scaling every weight changes
nothing) hold without rounding noise; money is `Decimal`.
"""

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

# Saaty's random consistency indices by matrix size (Saaty 1980, the table most texts use).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
                9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
CR_LIMIT = 0.1
SCALE = (9, 8, 7, 6, 5, 4, 3, 2, 1)  # Saaty's 1..9 scale; its reciprocals favour the other side
DISAGREEMENT_SPREAD = 2  # evaluators two or more points apart on one criterion disagree widely
STABILITY_BAND = Fraction(1, 10)  # every weight moved independently by up to ±10 %


# --- Weights: direct and from pairwise comparisons (AHP) ------------------------------------


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]  # principal eigenvector, normalised to sum 1
    lambda_max: float
    consistency_index: float
    consistency_ratio: float | None  # None below three criteria (always consistent)

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio is None or self.consistency_ratio <= CR_LIMIT


def pairwise_matrix(n: int, judgments: Mapping[tuple[int, int], Fraction]) -> list[list[float]]:
    """The reciprocal matrix from judgments a[i][j] for i < j (missing pairs count as equal)."""
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in judgments.items():
        if not 0 <= i < j < n or value <= 0:
            raise ValueError(f"bad judgment {(i, j)}: {value}")
        matrix[i][j], matrix[j][i] = float(value), float(1 / Fraction(value))
    return matrix


def ahp(matrix: Sequence[Sequence[float]], *, iterations: int = 500) -> AhpResult:
    """Weights by the principal eigenvector method (power iteration), with CI and CR.

    CI = (λmax - n) / (n - 1); CR = CI / RI(n) with Saaty's random index. A perfectly
    consistent matrix (a[i][k] = a[i][j]·a[j][k]) has λmax = n, so CI = CR = 0.
    """
    n = len(matrix)
    if n == 0:
        raise ValueError("no criteria")
    vector = [1.0 / n] * n
    for _ in range(iterations):
        product = [sum(matrix[i][j] * vector[j] for j in range(n)) for i in range(n)]
        total = sum(product)
        nxt = [v / total for v in product]
        done = max(abs(a - b) for a, b in zip(nxt, vector, strict=True)) < 1e-13
        vector = nxt
        if done:
            break
    product = [sum(matrix[i][j] * vector[j] for j in range(n)) for i in range(n)]
    lambda_max = sum(product[i] / vector[i] for i in range(n)) / n
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 1 else 0.0
    ri = RANDOM_INDEX.get(n, 1.59)
    cr = ci / ri if n >= 3 and ri else None
    return AhpResult(tuple(vector), lambda_max, ci, cr)


def percentages(weights: Sequence[float], total: int = 100) -> list[int]:
    """Whole-number weights adding to exactly `total` (largest remainders get the rest)."""
    whole = sum(weights)
    if whole <= 0:
        raise ValueError("weights must have a positive sum")
    raw = [w * total / whole for w in weights]
    result = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (result[i] - raw[i], i))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


# --- Weighted scores --------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    evaluator: str
    vendor: str
    criterion: str
    value: int  # 1..5


@dataclass(frozen=True)
class VendorResult:
    vendor: str
    weighted: Fraction | None  # on the 1..5 scale; None when nothing was scored
    by_criterion: dict[str, Fraction]  # mean of the evaluators' scores
    by_evaluator: dict[str, Fraction]  # each evaluator's own weighted score
    disagreements: tuple[str, ...]  # criteria where evaluators are far apart
    missing: tuple[str, ...]  # criteria nobody scored for this vendor


@dataclass(frozen=True)
class Results:
    vendors: tuple[VendorResult, ...]  # best first
    weights: dict[str, Fraction]  # normalised to sum 1

    @property
    def ranking(self) -> tuple[str, ...]:
        return tuple(v.vendor for v in self.vendors)


def normalise(weights: Mapping[str, int | Fraction]) -> dict[str, Fraction]:
    total = sum(Fraction(w) for w in weights.values())
    if total <= 0 or any(w < 0 for w in weights.values()):
        raise ValueError("weights must be non-negative with a positive sum")
    return {c: Fraction(w) / total for c, w in weights.items()}


def _weighted(weights: Mapping[str, Fraction], values: Mapping[str, Fraction]) -> Fraction | None:
    """Weighted mean over the criteria that have a value (weights renormalised over them)."""
    present = [c for c in weights if c in values]
    mass = sum(weights[c] for c in present)
    if not present or mass == 0:
        return None
    return sum(weights[c] * values[c] for c in present) / mass


def evaluate(weights: Mapping[str, int | Fraction], vendors: Sequence[str],
             scores: Sequence[Score]) -> Results:
    """Weighted score per vendor (criterion means across evaluators), ranked best first."""
    w = normalise(weights)
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for s in scores:
        if s.criterion in w and not 1 <= s.value <= 5:
            raise ValueError(f"score {s.value} outside 1..5")
        if s.criterion in w:
            cells[s.vendor, s.criterion][s.evaluator] = s.value
    results = []
    for vendor in vendors:
        by_criterion, per_evaluator = {}, defaultdict(dict)
        disagreements = []
        for criterion in w:
            given = cells.get((vendor, criterion), {})
            if not given:
                continue
            by_criterion[criterion] = Fraction(sum(given.values()), len(given))
            if max(given.values()) - min(given.values()) >= DISAGREEMENT_SPREAD:
                disagreements.append(criterion)
            for evaluator, value in given.items():
                per_evaluator[evaluator][criterion] = Fraction(value)
        by_evaluator = {e: _weighted(w, v) for e, v in sorted(per_evaluator.items())}
        results.append(VendorResult(
            vendor, _weighted(w, by_criterion), by_criterion, by_evaluator,
            tuple(disagreements), tuple(c for c in w if c not in by_criterion)))
    results.sort(key=lambda r: (r.weighted is None, -(r.weighted or 0), r.vendor))
    return Results(tuple(results), w)


# --- Sensitivity ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeightFlip:
    criterion: str
    weight: Fraction  # its current share (0..1)
    change: Fraction | None  # the smallest signed change of its share that changes the winner
    new_winner: str | None


@dataclass(frozen=True)
class Sensitivity:
    winner: str | None
    flips: tuple[WeightFlip, ...]
    winner_stable: bool  # the winner stays first for every weight within ±10 %
    challengers: tuple[str, ...]  # vendors that can overtake the winner within ±10 %
    order_stable: bool  # the whole ranking stays the same within ±10 %


def _complete(results: Results) -> list[VendorResult]:
    return [v for v in results.vendors if v.weighted is not None and not v.missing]


def sensitivity(results: Results) -> Sensitivity:
    """How far each weight must move to change the winner, and stability within ±10 %.

    When one criterion's share p moves by δ, the others keep their proportions and share 1-p-δ.
    Every vendor's score is then linear in δ, so each rival's crossing point is solved exactly.
    Within the ±10 % band each weight moves independently; the difference between two vendors'
    scores has the sign of a linear function of the weights, whose smallest value over the band
    lies at a corner that is found directly (each weight at its low or high end): exact, no
    simulation. Only vendors scored on every criterion take part.
    """
    ranked = _complete(results)
    w = results.weights
    if not ranked:
        return Sensitivity(None, (), True, (), True)
    winner = ranked[0]
    flips = tuple(_flip(criterion, w, winner, ranked[1:]) for criterion in w)
    challengers = tuple(v.vendor for v in ranked[1:] if not _beats_in_band(w, winner, v))
    order_stable = all(_beats_in_band(w, a, b) for a, b in itertools.pairwise(ranked))
    return Sensitivity(winner.vendor, flips, not challengers, challengers, order_stable)


def _flip(criterion: str, w: Mapping[str, Fraction], winner: VendorResult,
          rivals: Sequence[VendorResult]) -> WeightFlip:
    p = w[criterion]
    best: tuple[Fraction, str] | None = None
    if p < 1:
        for rival in rivals:
            diff = {c: winner.by_criterion[c] - rival.by_criterion[c] for c in w}
            gap = sum(w[c] * diff[c] for c in w)  # the winner's lead now (>= 0)
            rest = sum(w[c] * diff[c] for c in w if c != criterion)
            slope = diff[criterion] - rest / (1 - p)
            if slope == 0:
                continue
            delta = -gap / slope
            # Strictly inside: at either end the rival can only draw level, never pass.
            if -p < delta < 1 - p and (best is None or abs(delta) < abs(best[0])):
                best = (delta, rival.vendor)
    return WeightFlip(criterion, p, best[0] if best else None, best[1] if best else None)


def _beats_in_band(w: Mapping[str, Fraction], a: VendorResult, b: VendorResult) -> bool:
    """Whether `a` stays strictly ahead of `b` (or level when they tie now) for every weight
    vector with each weight within ±10 % of its value."""
    low, high = 1 - STABILITY_BAND, 1 + STABILITY_BAND
    diff = {c: a.by_criterion[c] - b.by_criterion[c] for c in w}
    worst = sum(w[c] * diff[c] * (low if diff[c] > 0 else high) for c in w)
    now = sum(w[c] * diff[c] for c in w)
    return worst > 0 or (now == 0 and all(d == 0 for d in diff.values()))


# --- Total cost of ownership ------------------------------------------------------------------


@dataclass(frozen=True)
class CostLine:
    kind: str  # licences, implementation, training, data_migration, integration, support
    one_off: Decimal
    yearly: Decimal


@dataclass(frozen=True)
class Tco:
    years: int
    total: Decimal
    by_kind: dict[str, Decimal]
    by_year: tuple[Decimal, ...]  # year 1 carries the one-off costs


def tco(lines: Sequence[CostLine], years: int) -> Tco:
    """Cost of ownership over `years`: each one-off cost once, each yearly cost every year."""
    if years < 1:
        raise ValueError("years must be at least 1")
    by_kind: dict[str, Decimal] = {}
    for line in lines:
        if line.one_off < 0 or line.yearly < 0:
            raise ValueError("costs cannot be negative")
        by_kind[line.kind] = by_kind.get(line.kind, Decimal(0)) + line.one_off + line.yearly * years
    once = sum((line.one_off for line in lines), Decimal(0))
    yearly = sum((line.yearly for line in lines), Decimal(0))
    by_year = tuple(yearly + (once if year == 1 else 0) for year in range(1, years + 1))
    return Tco(years, sum(by_year, Decimal(0)), by_kind, by_year)
