"""Risk scoring: score, level band and trend from the history of assessments (pure)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

SCALE = range(1, 6)  # probability and impact are rated 1 (lowest) to 5 (highest)
LEVELS = ("low", "medium", "high", "critical")
TRENDS = ("new", "rising", "steady", "falling")


@dataclass(frozen=True)
class Band:
    level: str
    lower: int  # the lowest score in the band


@dataclass(frozen=True)
class Rules:
    bands: tuple[Band, ...]  # ascending by `lower`
    min_change: int = 1  # the score must move at least this much to be a trend


@dataclass(frozen=True)
class Assessment:
    on: date
    probability: int
    impact: int


def score(probability: int, impact: int) -> int:
    if probability not in SCALE or impact not in SCALE:
        raise ValueError("probability and impact are rated 1 to 5")
    return probability * impact


def level(value: int, rules: Rules) -> str:
    """The band of the highest threshold that `value` reaches."""
    found = rules.bands[0].level
    for band in rules.bands:
        if value >= band.lower:
            found = band.level
    return found


def trend(history: Sequence[Assessment], rules: Rules) -> str:
    """Compare the latest assessment with the one before it (by date, then by order given)."""
    if len(history) < 2:
        return "new"
    ordered = sorted(enumerate(history), key=lambda pair: (pair[1].on, pair[0]))
    before, latest = ordered[-2][1], ordered[-1][1]
    change = score(latest.probability, latest.impact) - score(before.probability, before.impact)
    if change >= rules.min_change:
        return "rising"
    if change <= -rules.min_change:
        return "falling"
    return "steady"


def cell_counts(points: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """How many risks sit in each (probability, impact) cell of the 5×5 heat map."""
    counts = {(p, i): 0 for p in SCALE for i in SCALE}
    for p, i in points:
        counts[(p, i)] += 1
    return counts
