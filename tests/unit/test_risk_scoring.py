"""Risk scoring: score, level bands at their thresholds, trend from the assessment history."""

from datetime import date

import pytest

from app.risks import catalogue, scoring
from app.risks.scoring import Assessment, Band, Rules

RULES = Rules((Band("low", 1), Band("medium", 5), Band("high", 10), Band("critical", 16)),
              min_change=2)


def test_score_is_probability_times_impact():
    assert scoring.score(1, 1) == 1 and scoring.score(4, 5) == 20 and scoring.score(5, 5) == 25


@pytest.mark.parametrize("p, i", [(0, 3), (3, 6), (-1, 1)])
def test_ratings_outside_one_to_five_are_refused(p, i):
    with pytest.raises(ValueError):
        scoring.score(p, i)


@pytest.mark.parametrize("value, expected", [
    (1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (15, "high"),
    (16, "critical"), (25, "critical")])
def test_level_bands_at_their_thresholds(value, expected):
    assert scoring.level(value, RULES) == expected


def _history(*scores):
    return [Assessment(date(2026, 1, n + 1), s, 1) for n, s in enumerate(scores)]


@pytest.mark.parametrize("scores, expected", [
    ((4,), "new"), ((), "new"), ((3, 5), "rising"), ((3, 4), "steady"), ((4, 3), "steady"),
    ((5, 3), "falling"), ((1, 5, 3), "falling"), ((5, 1, 3), "rising")])
def test_trend_compares_the_last_two_assessments_against_the_minimum_change(scores, expected):
    assert scoring.trend(_history(*scores), RULES) == expected


def test_trend_orders_by_date_not_by_position():
    history = [Assessment(date(2026, 3, 1), 5, 5), Assessment(date(2026, 1, 1), 1, 1),
               Assessment(date(2026, 2, 1), 2, 2)]
    assert scoring.trend(history, RULES) == "rising"


def test_cell_counts_fill_the_five_by_five_grid():
    counts = scoring.cell_counts([(5, 5), (5, 5), (1, 3)])
    assert len(counts) == 25 and counts[(5, 5)] == 2 and counts[(1, 3)] == 1
    assert sum(counts.values()) == 3


def test_the_data_file_has_the_crm_categories_and_ascending_bands():
    keys = {c.key for c in catalogue.categories()}
    assert {"immature_solution", "phase_linkage", "integration", "budget_estimation",
            "user_adoption", "data_quality", "executive_support", "vendor_viability",
            "requirements_instability"} <= keys
    assert all(c.name_zh and c.description and c.responses_zh for c in catalogue.categories())
    lowers = [b.lower for b in catalogue.rules().bands]
    assert lowers == sorted(lowers) and lowers[0] == 1
    assert catalogue.category("integration").label("zh_Hans_CN") == "与其他系统集成"
