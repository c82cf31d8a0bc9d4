"""Pure strategy analysis: KPI status against plan, balance warnings, readiness scoring."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction


class Direction(StrEnum):
    HIGHER = "higher"  # higher values are better (revenue, retention rate)
    LOWER = "lower"  # lower values are better (cost to serve, churn)


class KpiKind(StrEnum):
    MONETARY = "monetary"
    SATISFACTION = "satisfaction"
    LOYALTY = "loyalty"
    REFERRAL = "referral"
    OPERATIONAL = "operational"


# Kinds that measure what customers think and do, as opposed to money or internal activity.
CUSTOMER_KINDS = frozenset({KpiKind.SATISFACTION, KpiKind.LOYALTY, KpiKind.REFERRAL})


class Aim(StrEnum):
    ACQUIRE = "acquire"
    RETAIN = "retain"
    CUSTOMER_VALUE = "customer_value"  # raise customer value and profitability
    COST_TO_SERVE = "cost_to_serve"
    SATISFACTION = "satisfaction"  # satisfaction and the total customer experience
    OTHER = "other"


class Horizon(StrEnum):
    SHORT = "short"
    LONG = "long"


@dataclass(frozen=True)
class Point:
    """A dated value: a baseline, a target or a measurement."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class Kpi:
    key: str
    name: str
    unit: str
    direction: Direction
    kind: KpiKind
    baseline: Point | None = None
    short_target: Point | None = None
    long_target: Point | None = None


@dataclass(frozen=True)
class Objective:
    key: str
    title: str
    aim: Aim
    horizon: Horizon
    business_goal: str = ""  # the business goal this objective serves; blank means none
    kpis: tuple[Kpi, ...] = ()


# --- KPI status -------------------------------------------------------------------------------


class KpiState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"


@dataclass(frozen=True)
class KpiStatus:
    """Status of the latest measurement; `gap` is actual minus expected, signed so that a
    positive gap means better than planned whatever the KPI's direction."""

    state: KpiState
    latest: Point | None = None
    expected: Decimal | None = None
    gap: Decimal | None = None
    tolerance: Decimal | None = None  # the "at risk" band in KPI units
    target: Point | None = None  # the target whose line was used


def expected_value(kpi: Kpi, on: date) -> tuple[Decimal, Point] | None:
    """Planned value on a date and the target being aimed at, or None without baseline/target.

    The plan runs in a straight line from the baseline to the short-term target, then on from
    the short-term target to the long-term target (continuous, so the expectation never jumps),
    and holds the last target's value after its date.
    """
    base, short, long_ = kpi.baseline, kpi.short_target, kpi.long_target
    if base is None or (short is None and long_ is None):
        return None
    if long_ is None or (short is not None and on <= short.on):
        target = short if short is not None else long_
        return _interpolate(base, target, on), target
    start = short if short is not None else base
    return _interpolate(start, long_, on), long_


def _interpolate(start: Point, end: Point, on: date) -> Decimal:
    span = (end.on - start.on).days
    if on >= end.on or span <= 0:
        return end.value
    if on <= start.on:
        return start.value
    return start.value + (end.value - start.value) * (on - start.on).days / span


def kpi_status(
    kpi: Kpi, measurements: Iterable[Point], tolerance: Decimal = Decimal("0.10")
) -> KpiStatus:
    """Compare the latest measurement with the planned line.

    On track: at or better than the line. At risk: behind, by no more than `tolerance` times
    the planned change from baseline to the target in use (or times the baseline itself when
    the target is to hold the baseline). Off track: further behind.
    """
    latest = _latest(measurements)
    if kpi.baseline is None:
        return KpiStatus(KpiState.NO_BASELINE, latest=latest)
    if latest is None:
        return KpiStatus(KpiState.NO_DATA)
    planned = expected_value(kpi, latest.on)
    if planned is None:
        return KpiStatus(KpiState.NO_TARGET, latest=latest)
    expected, target = planned
    gap = latest.value - expected
    if kpi.direction is Direction.LOWER:
        gap = -gap
    change = abs(target.value - kpi.baseline.value) or abs(kpi.baseline.value)
    band = change * tolerance
    if gap >= 0:
        state = KpiState.ON_TRACK
    elif -gap <= band:
        state = KpiState.AT_RISK
    else:
        state = KpiState.OFF_TRACK
    return KpiStatus(state, latest, expected, gap, band, target)


def _latest(measurements: Iterable[Point]) -> Point | None:
    latest = None
    for point in measurements:  # on a tie of dates the later-recorded value wins
        if latest is None or point.on >= latest.on:
            latest = point
    return latest


# --- Balance warnings -------------------------------------------------------------------------


class WarningCode(StrEnum):
    KPI_NO_BASELINE = "kpi_no_baseline"
    KPI_BASELINE_AFTER_ROLLOUT = "kpi_baseline_after_rollout"
    OBJECTIVE_NO_KPI = "objective_no_kpi"
    NO_ACQUISITION_OBJECTIVE = "no_acquisition_objective"
    NO_RETENTION_OBJECTIVE = "no_retention_objective"
    ONLY_MONETARY_KPIS = "only_monetary_kpis"
    OBJECTIVE_NO_BUSINESS_GOAL = "objective_no_business_goal"


@dataclass(frozen=True)
class BalanceWarning:
    code: WarningCode
    message: str
    subjects: tuple[str, ...] = ()  # titles of the objectives or names of the KPIs concerned


def balance_warnings(
    objectives: Sequence[Objective], rollout_start: date | None = None
) -> tuple[BalanceWarning, ...]:
    """Warnings for the strategy page, in a fixed order."""
    kpis = [kpi for objective in objectives for kpi in objective.kpis]
    aims = {objective.aim for objective in objectives}
    found: list[BalanceWarning] = []

    def warn(code: WarningCode, message: str, subjects: Iterable[str] = ()) -> None:
        found.append(BalanceWarning(code, message, tuple(subjects)))

    if unmeasured := [k.name for k in kpis if k.baseline is None]:
        warn(
            WarningCode.KPI_NO_BASELINE, "KPIs without a baseline cannot show progress.", unmeasured
        )
    if rollout_start is not None and (
        late := [k.name for k in kpis if k.baseline is not None and k.baseline.on >= rollout_start]
    ):
        warn(
            WarningCode.KPI_BASELINE_AFTER_ROLLOUT,
            "Baselines measured after the rollout began already include its effect.",
            late,
        )
    if bare := [o.title for o in objectives if not o.kpis]:
        warn(WarningCode.OBJECTIVE_NO_KPI, "Objectives without a KPI cannot be measured.", bare)
    if Aim.ACQUIRE not in aims:
        warn(
            WarningCode.NO_ACQUISITION_OBJECTIVE,
            "No objective aims to acquire customers; retention alone will not grow the base.",
        )
    if Aim.RETAIN not in aims:
        warn(WarningCode.NO_RETENTION_OBJECTIVE, "No objective aims to retain customers.")
    if kpis and not any(k.kind in CUSTOMER_KINDS for k in kpis):
        warn(
            WarningCode.ONLY_MONETARY_KPIS,
            "No KPI measures satisfaction, loyalty or referrals; money alone hides how "
            "customers see the change.",
        )
    if misaligned := [o.title for o in objectives if not o.business_goal.strip()]:
        warn(
            WarningCode.OBJECTIVE_NO_BUSINESS_GOAL,
            "Objectives that serve no business goal are not tied to the company's strategy.",
            misaligned,
        )
    return tuple(found)


# --- Readiness questionnaire ------------------------------------------------------------------

SCORE_MIN, SCORE_MAX = 1, 5


@dataclass(frozen=True)
class ReadinessQuestion:
    key: str
    dimension: str
    text: str
    text_zh: str


@dataclass(frozen=True)
class ReadinessDimension:
    key: str
    title: str
    title_zh: str
    questions: tuple[ReadinessQuestion, ...]


@dataclass(frozen=True)
class Questionnaire:
    version: int
    dimensions: tuple[ReadinessDimension, ...]

    @property
    def questions(self) -> tuple[ReadinessQuestion, ...]:
        return tuple(q for d in self.dimensions for q in d.questions)


def load_questionnaire(data: bytes) -> Questionnaire:
    """Parse the readiness questionnaire from TOML bytes; raise ValueError on a malformed file."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
        dimensions = tuple(_load_dimension(d) for d in doc["dimension"])
        questionnaire = Questionnaire(int(doc.get("version", 1)), dimensions)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"readiness questionnaire is malformed: {exc!r}") from exc
    keys = [d.key for d in dimensions] + [q.key for q in questionnaire.questions]
    if duplicates := sorted({k for k in keys if keys.count(k) > 1}):
        raise ValueError(f"readiness questionnaire repeats keys: {', '.join(duplicates)}")
    if not dimensions or any(not d.questions for d in dimensions):
        raise ValueError("readiness questionnaire needs dimensions with questions")
    return questionnaire


def _load_dimension(raw: dict) -> ReadinessDimension:
    key = _text(raw, "key")
    questions = tuple(
        ReadinessQuestion(_text(q, "key"), key, _text(q, "text"), _text(q, "text_zh"))
        for q in raw["question"]
    )
    return ReadinessDimension(key, _text(raw, "title"), _text(raw, "title_zh"), questions)


def _text(raw: dict, field: str) -> str:
    value = raw[field]
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{field} must be non-blank text, got {value!r}")
    return value.strip()


# --- Readiness scoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    question: str  # question key
    score: int | None = None  # 1..5, None when the respondent left it unanswered
    comment: str = ""


@dataclass(frozen=True)
class Response:
    respondent: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class QuestionResult:
    question: str
    answered: int
    mean: Decimal | None  # mean score, 1..5
    index: Decimal | None  # 0..100
    spread: Decimal | None  # population standard deviation of scores; None below 2 answers
    disagreement: bool
    comments: tuple[tuple[str, str], ...]  # (respondent, comment), sorted


@dataclass(frozen=True)
class DimensionResult:
    dimension: str
    index: Decimal | None
    spread: Decimal | None  # mean of its questions' spreads
    disagreement: bool
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class AssessmentResult:
    respondents: int
    index: Decimal | None
    dimensions: tuple[DimensionResult, ...]

    def dimension(self, key: str) -> DimensionResult | None:
        return next((d for d in self.dimensions if d.dimension == key), None)


INDEX_PLACES = Decimal("0.1")
SPREAD_PLACES = Decimal("0.01")


def score_assessment(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    disagreement_above: Decimal = Decimal("1.0"),
) -> AssessmentResult:
    """Readiness indexes on a 0..100 scale.

    A question's index maps its mean score from 1..5 onto 0..100: (mean - 1) / 4 * 100.
    A dimension's index is the mean of its answered questions' indexes; the overall index is the
    mean of the dimension indexes, so each dimension weighs the same whatever its question count.
    Unanswered questions count neither for nor against. Spread is the population standard
    deviation of scores; a spread above `disagreement_above` flags a disagreement. Exact
    fractions are used until the final rounding, so respondent order never changes a result.
    """
    scores = _collect(questionnaire, responses)
    dimensions = [
        _dimension_result(
            d.key,
            [_question_result(q.key, scores[q.key], disagreement_above) for q in d.questions],
            disagreement_above,
        )
        for d in questionnaire.dimensions
    ]
    indexes = [index for _, index in dimensions if index is not None]
    return AssessmentResult(
        respondents=len(responses),
        index=_round(_mean(indexes), INDEX_PLACES) if indexes else None,
        dimensions=tuple(result for result, _ in dimensions),
    )


def _collect(
    questionnaire: Questionnaire, responses: Sequence[Response]
) -> dict[str, list[tuple[str, int | None, str]]]:
    scores: dict[str, list[tuple[str, int | None, str]]] = {
        q.key: [] for q in questionnaire.questions
    }
    for response in responses:
        seen: set[str] = set()
        for answer in response.answers:
            if answer.question not in scores or answer.question in seen:
                raise ValueError(
                    f"{response.respondent}: unknown or repeated question {answer.question!r}"
                )
            if answer.score is not None and not SCORE_MIN <= answer.score <= SCORE_MAX:
                raise ValueError(f"{response.respondent}: score {answer.score} is not 1..5")
            seen.add(answer.question)
            scores[answer.question].append((response.respondent, answer.score, answer.comment))
    return scores


@dataclass(frozen=True)
class _Scored:
    """A question's result with its unrounded index and spread, for exact dimension figures."""

    result: QuestionResult
    index: Fraction | None
    spread: Decimal | None


def _question_result(
    key: str, entries: list[tuple[str, int | None, str]], disagreement_above: Decimal
) -> _Scored:
    values = [score for _, score, _ in entries if score is not None]
    comments = tuple(sorted((who, text.strip()) for who, _, text in entries if text.strip()))
    if not values:
        return _Scored(QuestionResult(key, 0, None, None, None, False, comments), None, None)
    mean = _mean(values)
    index = _to_index(mean)
    spread = _stdev(values) if len(values) > 1 else None
    shown = _round(spread, SPREAD_PLACES) if spread is not None else None
    result = QuestionResult(
        question=key,
        answered=len(values),
        mean=_round(mean, SPREAD_PLACES),
        index=_round(index, INDEX_PLACES),
        spread=shown,
        disagreement=shown is not None and shown > disagreement_above,
        comments=comments,
    )
    return _Scored(result, index, spread)


def _dimension_result(
    key: str, questions: list[_Scored], disagreement_above: Decimal
) -> tuple[DimensionResult, Fraction | None]:
    indexes = [q.index for q in questions if q.index is not None]
    spreads = [q.spread for q in questions if q.spread is not None]
    index = _mean(indexes) if indexes else None
    spread = _round(sum(spreads) / len(spreads), SPREAD_PLACES) if spreads else None
    result = DimensionResult(
        dimension=key,
        index=_round(index, INDEX_PLACES) if index is not None else None,
        spread=spread,
        disagreement=spread is not None and spread > disagreement_above,
        questions=tuple(q.result for q in questions),
    )
    return result, index


def _mean(values: Sequence[int | Fraction]) -> Fraction:
    return Fraction(sum(values)) / len(values)


def _stdev(values: Sequence[int]) -> Decimal:
    mean = _mean(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()


def _to_index(mean: Fraction) -> Fraction:
    return (mean - SCORE_MIN) * 100 / (SCORE_MAX - SCORE_MIN)


def _round(value: Fraction | Decimal, places: Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndexChange:
    previous: Decimal | None
    current: Decimal | None
    delta: Decimal | None  # current - previous; None when either is missing


@dataclass(frozen=True)
class AssessmentChange:
    overall: IndexChange
    dimensions: tuple[tuple[str, IndexChange], ...]  # in the current result's dimension order


def change_since(previous: AssessmentResult, current: AssessmentResult) -> AssessmentChange:
    """Change of each dimension index and of the overall index since a previous assessment."""
    dimensions = tuple(
        (d.dimension, _change(_index_of(previous, d.dimension), d.index))
        for d in current.dimensions
    )
    return AssessmentChange(_change(previous.index, current.index), dimensions)


def _index_of(result: AssessmentResult, key: str) -> Decimal | None:
    dimension = result.dimension(key)
    return dimension.index if dimension is not None else None


def _change(previous: Decimal | None, current: Decimal | None) -> IndexChange:
    delta = current - previous if previous is not None and current is not None else None
    return IndexChange(previous, current, delta)
