"""The pure vendor arithmetic: AHP, weighted scores, disagreement, sensitivity and TCO."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.vendors import scoring
from app.vendors.scoring import CostLine, Score

CRITERIA = ("fin", "roi", "fit")


def scores_for(table: dict[str, dict[str, list[int]]]) -> list[Score]:
    """{vendor: {evaluator: [score per criterion in CRITERIA order]}} as Score rows."""
    return [Score(evaluator, vendor, criterion, value)
            for vendor, by_evaluator in table.items()
            for evaluator, values in by_evaluator.items()
            for criterion, value in zip(CRITERIA, values, strict=True)]


# --- AHP ----------------------------------------------------------------------------------------


def test_a_consistent_matrix_gives_its_weights_and_a_zero_ratio():
    # Weights 4:2:1, so a = 2 over b, 4 over c, and b = 2 over c: perfectly consistent.
    matrix = scoring.pairwise_matrix(3, {(0, 1): Fraction(2), (0, 2): Fraction(4),
                                         (1, 2): Fraction(2)})
    result = scoring.ahp(matrix)
    assert result.weights == pytest.approx((4 / 7, 2 / 7, 1 / 7))
    assert result.lambda_max == pytest.approx(3)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)
    assert result.consistent


def test_contradicting_comparisons_are_flagged():
    # a beats b, b beats c, yet c strongly beats a: a cycle no weighting can satisfy.
    matrix = scoring.pairwise_matrix(3, {(0, 1): Fraction(5), (1, 2): Fraction(5),
                                         (0, 2): Fraction(1, 5)})
    result = scoring.ahp(matrix)
    assert result.consistency_ratio > scoring.CR_LIMIT
    assert not result.consistent


def test_saatys_textbook_example_ratio():
    # A classic 4×4 example: CR is small but not zero (about 0.04 by the eigenvector method).
    m = {(0, 1): Fraction(3), (0, 2): Fraction(7), (0, 3): Fraction(9), (1, 2): Fraction(5),
         (1, 3): Fraction(7), (2, 3): Fraction(3)}
    result = scoring.ahp(scoring.pairwise_matrix(4, m))
    assert 0.01 < result.consistency_ratio < 0.1
    assert result.weights[0] > result.weights[1] > result.weights[2] > result.weights[3]


def test_two_criteria_have_no_ratio_and_bad_judgments_are_refused():
    assert scoring.ahp(scoring.pairwise_matrix(2, {(0, 1): Fraction(3)})).consistency_ratio \
        is None
    with pytest.raises(ValueError):
        scoring.pairwise_matrix(3, {(1, 0): Fraction(3)})
    with pytest.raises(ValueError):
        scoring.pairwise_matrix(3, {(0, 1): Fraction(0)})


judgment = st.sampled_from([Fraction(v) for v in scoring.SCALE]
                           + [Fraction(1, v) for v in scoring.SCALE])


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.lists(
    judgment, min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))))
def test_ahp_weights_are_positive_and_sum_to_one(case):
    n, values = case
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    result = scoring.ahp(scoring.pairwise_matrix(n, dict(zip(pairs, values, strict=True))))
    assert sum(result.weights) == pytest.approx(1)
    assert all(w > 0 for w in result.weights)
    assert result.lambda_max >= n - 1e-9
    assert sum(scoring.percentages(result.weights)) == 100


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=2, max_size=8))
def test_a_matrix_built_from_weights_is_consistent_and_gives_them_back(raw):
    n = len(raw)
    judgments = {(i, j): Fraction(raw[i], raw[j]) for i in range(n) for j in range(i + 1, n)}
    result = scoring.ahp(scoring.pairwise_matrix(n, judgments))
    assert result.weights == pytest.approx([r / sum(raw) for r in raw], rel=1e-6)
    assert result.consistency_index == pytest.approx(0, abs=1e-9)


def test_percentages_round_to_exactly_one_hundred():
    assert scoring.percentages([1, 1, 1]) == [34, 33, 33]
    assert sum(scoring.percentages([0.123, 0.456, 0.421])) == 100
    with pytest.raises(ValueError):
        scoring.percentages([0, 0])


# --- Weighted scores and disagreement --------------------------------------------------------


def test_weighted_score_per_vendor_and_per_evaluator():
    results = scoring.evaluate({"fin": 50, "roi": 30, "fit": 20}, ["A", "B"], scores_for({
        "A": {"ann": [4, 4, 2], "bo": [4, 2, 2]},
        "B": {"ann": [3, 5, 5], "bo": [3, 5, 5]},
    }))
    a, b = (next(v for v in results.vendors if v.vendor == name) for name in "AB")
    # A: fin 4, roi 3, fit 2 -> 0.5*4 + 0.3*3 + 0.2*2 = 3.3 ; B: 1.5 + 1.5 + 1.0 = 4.0
    assert a.weighted == Fraction(33, 10) and b.weighted == Fraction(4)
    assert results.ranking == ("B", "A")
    assert a.by_evaluator == {"ann": Fraction(18, 5), "bo": Fraction(3)}
    assert a.disagreements == ("roi",) and b.disagreements == ()


def test_unscored_vendors_rank_last_and_missing_criteria_are_named():
    results = scoring.evaluate({"fin": 50, "roi": 50}, ["A", "B"],
                               [Score("ann", "A", "fin", 2)])
    assert results.ranking == ("A", "B")
    assert results.vendors[0].missing == ("roi",)
    assert results.vendors[1].weighted is None


def test_scores_outside_one_to_five_are_refused():
    with pytest.raises(ValueError):
        scoring.evaluate({"fin": 100}, ["A"], [Score("ann", "A", "fin", 6)])
    with pytest.raises(ValueError):
        scoring.evaluate({"fin": 0}, ["A"], [])


vendor_scores = st.lists(st.integers(1, 5), min_size=3, max_size=3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=3, max_size=3).filter(lambda w: sum(w) > 0),
       st.integers(1, 7), st.lists(vendor_scores, min_size=2, max_size=5))
def test_scaling_every_weight_leaves_the_ranking_unchanged(weights, factor, table):
    vendors = [f"V{i}" for i in range(len(table))]
    rows = [Score("ann", v, c, s) for v, values in zip(vendors, table, strict=True)
            for c, s in zip(CRITERIA, values, strict=True)]
    base = scoring.evaluate(dict(zip(CRITERIA, weights, strict=True)), vendors, rows)
    scaled = scoring.evaluate(dict(zip(CRITERIA, [w * factor for w in weights], strict=True)),
                              vendors, rows)
    assert base.ranking == scaled.ranking
    assert [v.weighted for v in base.vendors] == [v.weighted for v in scaled.vendors]


@st.composite
def dominated_field(draw):
    """A best vendor's scores and rivals scoring strictly lower on every criterion."""
    best = draw(st.lists(st.integers(2, 5), min_size=3, max_size=3))
    others = draw(st.lists(st.tuples(*[st.integers(1, b - 1) for b in best]),
                           min_size=1, max_size=4))
    return best, [list(o) for o in others]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 100), min_size=3, max_size=3), dominated_field())
def test_a_vendor_that_dominates_on_every_criterion_always_wins(weights, field):
    best, others = field
    vendors = ["best", *[f"V{i}" for i in range(len(others))]]
    rows = [Score("ann", v, c, s) for v, values in zip(vendors, [best, *others], strict=True)
            for c, s in zip(CRITERIA, values, strict=True)]
    results = scoring.evaluate(dict(zip(CRITERIA, weights, strict=True)), vendors, rows)
    assert results.ranking[0] == "best"
    sens = scoring.sensitivity(results)
    assert sens.winner_stable and all(f.change is None for f in sens.flips)


# --- Sensitivity ------------------------------------------------------------------------------


def test_the_weight_change_that_ties_the_winner_is_exact():
    # A: fin 5, fit 1; B: fin 1, fit 5. Weights 60/40: A 3.4, B 2.6. Moving fin's share to
    # one half ties them: a change of -1/10; moving fit's share to one half is +1/10.
    results = scoring.evaluate({"fin": 60, "fit": 40}, ["A", "B"], [
        Score("ann", "A", "fin", 5), Score("ann", "A", "fit", 1),
        Score("ann", "B", "fin", 1), Score("ann", "B", "fit", 5)])
    sens = scoring.sensitivity(results)
    assert sens.winner == "A"
    flips = {f.criterion: f for f in sens.flips}
    assert flips["fin"].change == Fraction(-1, 10) and flips["fin"].new_winner == "B"
    assert flips["fit"].change == Fraction(1, 10)
    # At the worst corner of ±10 % (fin 54, fit 44) A still leads: 54·4 > 44·4.
    assert sens.winner_stable and sens.order_stable


def test_stability_band_is_exact_at_its_corners():
    # A: fin 5, fit 1; B: fin 1, fit 5 with weights 70/30: A 3.8, B 2.2. At the worst corner
    # (fin 63, fit 33) A still leads (63*4 - 33*4 > 0): stable.
    results = scoring.evaluate({"fin": 70, "fit": 30}, ["A", "B"], [
        Score("ann", "A", "fin", 5), Score("ann", "A", "fit", 1),
        Score("ann", "B", "fin", 1), Score("ann", "B", "fit", 5)])
    assert scoring.sensitivity(results).winner_stable
    # With 52/48 the corner (46.8, 52.8) lets B overtake.
    close = scoring.evaluate({"fin": 52, "fit": 48}, ["A", "B"], [
        Score("ann", "A", "fin", 5), Score("ann", "A", "fit", 1),
        Score("ann", "B", "fin", 1), Score("ann", "B", "fit", 5)])
    sens = scoring.sensitivity(close)
    assert not sens.winner_stable and sens.challengers == ("B",)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 100), min_size=3, max_size=3),
       st.lists(vendor_scores, min_size=2, max_size=4))
def test_moving_a_weight_by_the_reported_change_ties_the_vendors(weights, table):
    vendors = [f"V{i}" for i in range(len(table))]
    rows = [Score("ann", v, c, s) for v, values in zip(vendors, table, strict=True)
            for c, s in zip(CRITERIA, values, strict=True)]
    results = scoring.evaluate(dict(zip(CRITERIA, weights, strict=True)), vendors, rows)
    for flip in scoring.sensitivity(results).flips:
        if flip.change is None:
            continue
        p = results.weights[flip.criterion]
        moved = {c: (p + flip.change if c == flip.criterion
                     else w * (1 - p - flip.change) / (1 - p))
                 for c, w in results.weights.items()}
        assert sum(moved.values()) == 1
        again = scoring.evaluate(moved, vendors, rows)
        by_name = {v.vendor: v.weighted for v in again.vendors}
        assert by_name[results.ranking[0]] == by_name[flip.new_winner]


# --- TCO --------------------------------------------------------------------------------------


def test_tco_counts_one_off_costs_once_and_yearly_costs_every_year():
    result = scoring.tco([CostLine("licences", Decimal("0"), Decimal("54000.00")),
                          CostLine("implementation", Decimal("85000.00"), Decimal("0")),
                          CostLine("support", Decimal("1000.50"), Decimal("9000.25"))], 5)
    assert result.by_year == (Decimal("149000.75"), *[Decimal("63000.25")] * 4)
    assert result.total == Decimal("86000.50") + 5 * Decimal("63000.25")
    assert result.by_kind["support"] == Decimal("1000.50") + 5 * Decimal("9000.25")
    assert sum(result.by_kind.values()) == result.total


def test_tco_refuses_nonsense():
    with pytest.raises(ValueError):
        scoring.tco([], 0)
    with pytest.raises(ValueError):
        scoring.tco([CostLine("training", Decimal("-1"), Decimal("0"))], 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.decimals(0, 10**6, places=2), st.decimals(0, 10**6, places=2)),
                max_size=6), st.integers(1, 10))
def test_tco_grows_by_the_yearly_costs_each_extra_year(amounts, years):
    lines = [CostLine(f"k{i}", a, b) for i, (a, b) in enumerate(amounts)]
    yearly = sum((b for _, b in amounts), Decimal(0))
    assert scoring.tco(lines, years + 1).total - scoring.tco(lines, years).total == yearly
