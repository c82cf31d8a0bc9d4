"""Unit and property tests for the pure strategy analysis."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.strategy.analysis import (
    Aim,
    Answer,
    AssessmentResult,
    BalanceWarning,
    Direction,
    Horizon,
    Kpi,
    KpiKind,
    KpiState,
    Objective,
    Point,
    Questionnaire,
    ReadinessDimension,
    ReadinessQuestion,
    Response,
    WarningCode,
    balance_warnings,
    change_since,
    expected_value,
    kpi_status,
    load_questionnaire,
    score_assessment,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "readiness.toml"
D = Decimal

# --- KPI status -------------------------------------------------------------------------------

# Retention rate 60% on 1 Jan, 70% by 1 Jul (181 days later), 80% by 1 Jan next year.
RETENTION = Kpi(
    key="k1",
    name="Retention rate",
    unit="%",
    direction=Direction.HIGHER,
    kind=KpiKind.LOYALTY,
    baseline=Point(date(2025, 1, 1), D("60")),
    short_target=Point(date(2025, 7, 1), D("70")),
    long_target=Point(date(2026, 1, 1), D("80")),
)


def measured(on: date, value: str) -> list[Point]:
    return [Point(on, D(value))]


def test_expected_value_follows_short_then_long_target_line():
    assert expected_value(RETENTION, date(2025, 1, 1)) == (D("60"), RETENTION.short_target)
    assert expected_value(RETENTION, date(2025, 7, 1)) == (D("70"), RETENTION.short_target)
    mid_long = date(2025, 7, 1) + (date(2026, 1, 1) - date(2025, 7, 1)) / 2
    value, target = expected_value(RETENTION, mid_long)
    assert target == RETENTION.long_target
    assert value == D("75")
    assert expected_value(RETENTION, date(2027, 1, 1)) == (D("80"), RETENTION.long_target)
    assert expected_value(RETENTION, date(2024, 6, 1)) == (D("60"), RETENTION.short_target)


def test_expected_value_with_a_single_target_and_without_plan():
    only_long = replace(RETENTION, short_target=None)
    value, target = expected_value(only_long, date(2025, 7, 2))  # half of 365 days
    assert target == only_long.long_target
    assert value == D("60") + D("20") * 182 / 365
    only_short = replace(RETENTION, long_target=None)
    assert expected_value(only_short, date(2026, 1, 1)) == (D("70"), only_short.short_target)
    assert expected_value(replace(RETENTION, baseline=None), date(2025, 3, 1)) is None
    no_targets = replace(RETENTION, short_target=None, long_target=None)
    assert expected_value(no_targets, date(2025, 3, 1)) is None


def test_on_track_when_at_or_above_the_line():
    status = kpi_status(RETENTION, measured(date(2025, 7, 1), "70"))
    assert status.state is KpiState.ON_TRACK
    assert status.expected == D("70")
    assert status.gap == D("0")
    assert status.target == RETENTION.short_target
    assert kpi_status(RETENTION, measured(date(2025, 7, 1), "71")).gap == D("1")


def test_at_risk_within_band_and_off_track_beyond():
    # Band = 10% of the planned change 60 -> 70 = 1 point.
    at_risk = kpi_status(RETENTION, measured(date(2025, 7, 1), "69"))
    assert at_risk.state is KpiState.AT_RISK
    assert at_risk.gap == D("-1")
    assert at_risk.tolerance == D("1.00")
    off = kpi_status(RETENTION, measured(date(2025, 7, 1), "68.9"))
    assert off.state is KpiState.OFF_TRACK
    wider = kpi_status(RETENTION, measured(date(2025, 7, 1), "68.9"), tolerance=D("0.2"))
    assert wider.state is KpiState.AT_RISK


def test_lower_is_better_flips_the_gap():
    cost = Kpi(
        "k2",
        "Cost per contact",
        "CNY",
        Direction.LOWER,
        KpiKind.MONETARY,
        baseline=Point(date(2025, 1, 1), D("50")),
        short_target=Point(date(2025, 12, 31), D("40")),
    )
    cheaper = kpi_status(cost, measured(date(2025, 12, 31), "38"))
    assert (cheaper.state, cheaper.gap) == (KpiState.ON_TRACK, D("2"))
    dearer = kpi_status(cost, measured(date(2025, 12, 31), "45"))
    assert (dearer.state, dearer.gap) == (KpiState.OFF_TRACK, D("-5"))


def test_latest_measurement_is_used_whatever_the_input_order():
    points = [Point(date(2025, 7, 1), D("70")), Point(date(2025, 3, 1), D("10"))]
    status = kpi_status(RETENTION, points)
    assert status.latest == points[0]
    assert status.state is KpiState.ON_TRACK


def test_hold_target_uses_the_baseline_for_its_band():
    hold = Kpi(
        "k3",
        "NPS",
        "pts",
        Direction.HIGHER,
        KpiKind.REFERRAL,
        baseline=Point(date(2025, 1, 1), D("40")),
        short_target=Point(date(2025, 6, 1), D("40")),
    )
    assert kpi_status(hold, measured(date(2025, 6, 1), "37")).state is KpiState.AT_RISK
    assert kpi_status(hold, measured(date(2025, 6, 1), "35")).state is KpiState.OFF_TRACK


def test_no_baseline_no_data_and_no_target_states():
    no_base = kpi_status(replace(RETENTION, baseline=None), measured(date(2025, 2, 1), "61"))
    assert no_base.state is KpiState.NO_BASELINE
    assert no_base.latest == Point(date(2025, 2, 1), D("61"))
    assert no_base.expected is None
    assert kpi_status(RETENTION, []).state is KpiState.NO_DATA
    untargeted = replace(RETENTION, short_target=None, long_target=None)
    assert kpi_status(untargeted, measured(date(2025, 2, 1), "61")).state is KpiState.NO_TARGET


# --- Balance warnings -------------------------------------------------------------------------


def kpi(name: str, kind: KpiKind = KpiKind.SATISFACTION, baseline: date | None = date(2024, 12, 1)):
    return Kpi(
        name,
        name,
        "",
        Direction.HIGHER,
        kind,
        baseline=Point(baseline, D("1")) if baseline else None,
    )


def objective(title: str, aim: Aim, *kpis: Kpi, goal: str = "Grow profitable share"):
    return Objective(title, title, aim, Horizon.SHORT, goal, tuple(kpis))


BALANCED = (
    objective("Win new accounts", Aim.ACQUIRE, kpi("New accounts", KpiKind.OPERATIONAL)),
    objective("Keep customers", Aim.RETAIN, kpi("Repeat purchase", KpiKind.LOYALTY)),
    objective("Raise margin", Aim.CUSTOMER_VALUE, kpi("Margin", KpiKind.MONETARY)),
)


def codes(warnings: tuple[BalanceWarning, ...]) -> list[WarningCode]:
    return [w.code for w in warnings]


def test_balanced_strategy_has_no_warning():
    assert balance_warnings(BALANCED, rollout_start=date(2025, 1, 1)) == ()


def test_kpi_without_baseline_is_named():
    objectives = (*BALANCED, objective("Delight", Aim.SATISFACTION, kpi("CSAT", baseline=None)))
    (warning,) = balance_warnings(objectives)
    assert warning.code is WarningCode.KPI_NO_BASELINE
    assert warning.subjects == ("CSAT",)


def test_baseline_measured_after_rollout_start():
    objectives = (
        *BALANCED,
        objective("Delight", Aim.SATISFACTION, kpi("CSAT", baseline=date(2025, 2, 1))),
    )
    (warning,) = balance_warnings(objectives, rollout_start=date(2025, 1, 1))
    assert (warning.code, warning.subjects) == (WarningCode.KPI_BASELINE_AFTER_ROLLOUT, ("CSAT",))
    assert balance_warnings(objectives) == ()


def test_objective_without_kpi():
    (warning,) = balance_warnings((*BALANCED, objective("Be loved", Aim.SATISFACTION)))
    assert (warning.code, warning.subjects) == (WarningCode.OBJECTIVE_NO_KPI, ("Be loved",))


def test_missing_acquisition_objective():
    assert codes(balance_warnings(BALANCED[1:])) == [WarningCode.NO_ACQUISITION_OBJECTIVE]


def test_missing_retention_objective():
    delight = objective("Delight", Aim.SATISFACTION, kpi("CSAT"))
    assert codes(balance_warnings((BALANCED[0], BALANCED[2], delight))) == [
        WarningCode.NO_RETENTION_OBJECTIVE
    ]


def test_only_monetary_or_operational_kpis():
    objectives = (
        objective("Win", Aim.ACQUIRE, kpi("Revenue from new", KpiKind.MONETARY)),
        objective("Keep", Aim.RETAIN, kpi("Calls handled", KpiKind.OPERATIONAL)),
    )
    assert codes(balance_warnings(objectives)) == [WarningCode.ONLY_MONETARY_KPIS]


@pytest.mark.parametrize("goal", ["", "   "])
def test_objective_serving_no_business_goal(goal):
    objectives = (*BALANCED, objective("Pet project", Aim.OTHER, kpi("Logins"), goal=goal))
    (warning,) = balance_warnings(objectives)
    assert (warning.code, warning.subjects) == (
        WarningCode.OBJECTIVE_NO_BUSINESS_GOAL,
        ("Pet project",),
    )


def test_empty_strategy_warns_about_both_aims_only():
    assert codes(balance_warnings(())) == [
        WarningCode.NO_ACQUISITION_OBJECTIVE,
        WarningCode.NO_RETENTION_OBJECTIVE,
    ]


# --- Readiness questionnaire ------------------------------------------------------------------

DIMENSIONS = (
    "vision",
    "commitment",
    "process",
    "training",
    "measurement",
    "customer",
    "scope",
    "budget",
    "vendor",
)


def test_seed_questionnaire_loads_with_translations():
    questionnaire = load_questionnaire(SEED.read_bytes())
    assert tuple(d.key for d in questionnaire.dimensions) == DIMENSIONS
    for dimension in questionnaire.dimensions:
        assert 3 <= len(dimension.questions) <= 5
        assert dimension.title_zh != dimension.title
        for question in dimension.questions:
            assert question.dimension == dimension.key
            assert any("\u4e00" <= ch <= "\u9fff" for ch in question.text_zh)


@pytest.mark.parametrize(
    "text",
    [
        b"version = 1\n",  # no dimensions
        b"[[dimension]]\nkey='a'\ntitle='A'\ntitle_zh='A'\n",  # no questions
        b"[[dimension]]\nkey='a'\ntitle='A'\ntitle_zh='A'\n[[dimension.question]]\nkey='q'\n"
        b"text='T'\ntitle_zh='x'\n",  # question lacks text_zh
        b"[[dimension]]\nkey='a'\ntitle=' '\ntitle_zh='A'\n[[dimension.question]]\nkey='q'\n"
        b"text='T'\ntext_zh='T'\n",  # blank title
        b"[[dimension]]\nkey='a'\ntitle='A'\ntitle_zh='A'\n[[dimension.question]]\nkey='a'\n"
        b"text='T'\ntext_zh='T'\n",  # question key repeats dimension key
        b"version = 'one'\n[[dimension]]\nkey='a'\ntitle='A'\ntitle_zh='A'\n"
        b"[[dimension.question]]\nkey='q'\ntext='T'\ntext_zh='T'\n",  # version not a number
        b"[dimension]\nkey='a'\n",  # a table where a list of dimensions belongs
        b"not toml = = 1",
        b"\xff\xfe",
    ],
)
def test_malformed_questionnaire_is_rejected(text):
    with pytest.raises(ValueError, match="readiness questionnaire"):
        load_questionnaire(text)


# --- Readiness scoring ------------------------------------------------------------------------


def make_questionnaire(shape: tuple[int, ...]) -> Questionnaire:
    return Questionnaire(
        1,
        tuple(
            ReadinessDimension(
                f"d{i}",
                f"D{i}",
                f"维度{i}",
                tuple(
                    ReadinessQuestion(f"d{i}.q{j}", f"d{i}", f"Q{j}", f"问题{j}") for j in range(n)
                ),
            )
            for i, n in enumerate(shape)
        ),
    )


SMALL = make_questionnaire((2, 1))


def respond(who: str, *scores: int | None, comment: str = "") -> Response:
    keys = [q.key for q in SMALL.questions]
    return Response(who, tuple(Answer(k, s, comment) for k, s in zip(keys, scores, strict=True)))


def test_index_maps_mean_score_onto_zero_to_hundred():
    result = score_assessment(SMALL, [respond("a", 3, 5, 1), respond("b", 4, 5, 2)])
    d0, d1 = result.dimensions
    assert [q.mean for q in d0.questions] == [D("3.50"), D("5.00")]
    assert [q.index for q in d0.questions] == [D("62.5"), D("100.0")]
    assert d0.index == D("81.3")  # (62.5 + 100) / 2 = 81.25, rounded half up
    assert d1.index == D("12.5")
    assert result.index == D("46.9")  # (81.25 + 12.5) / 2 = 46.875
    assert result.respondents == 2


def test_unanswered_questions_count_neither_way():
    result = score_assessment(SMALL, [respond("a", None, 5, None)])
    d0, d1 = result.dimensions
    assert d0.questions[0].answered == 0
    assert d0.questions[0].index is None
    assert d0.index == D("100.0")
    assert d1.index is None
    assert result.index == D("100.0")
    assert score_assessment(SMALL, []).index is None


def test_spread_flags_disagreement_per_question_and_dimension():
    result = score_assessment(SMALL, [respond("a", 1, 4, 3), respond("b", 5, 4, 3)])
    q0, q1 = result.dimensions[0].questions
    assert (q0.spread, q0.disagreement) == (D("2.00"), True)
    assert (q1.spread, q1.disagreement) == (D("0.00"), False)
    assert result.dimensions[0].spread == D("1.00")
    assert result.dimensions[0].disagreement is False  # 1.00 is not above 1.0
    strict = score_assessment(
        SMALL, [respond("a", 1, 4, 3), respond("b", 5, 4, 3)], disagreement_above=D("0.5")
    )
    assert strict.dimensions[0].disagreement is True
    single = score_assessment(SMALL, [respond("a", 1, 4, 3)])
    assert single.dimensions[0].questions[0].spread is None


def test_comments_are_kept_sorted_by_respondent():
    result = score_assessment(
        SMALL,
        [respond("zoe", 3, 3, 3, comment=" 需要更多培训 "), respond("amy", 3, 3, 3, comment="ok")],
    )
    assert result.dimensions[0].questions[0].comments == (("amy", "ok"), ("zoe", "需要更多培训"))


@pytest.mark.parametrize(
    "answers",
    [
        (Answer("nope", 3),),
        (Answer("d0.q0", 3), Answer("d0.q0", 4)),
        (Answer("d0.q0", 0),),
        (Answer("d0.q0", 6),),
    ],
)
def test_invalid_answers_are_rejected(answers):
    with pytest.raises(ValueError, match="ann"):
        score_assessment(SMALL, [Response("ann", answers)])


def test_change_since_previous_assessment():
    before = score_assessment(SMALL, [respond("a", 2, 2, 1)])
    after = score_assessment(SMALL, [respond("a", 3, 3, None)])
    change = change_since(before, after)
    assert change.overall.previous == D("12.5")  # (25 + 0) / 2
    assert change.overall.current == D("50.0")  # d1 unanswered now, so d0 alone
    assert change.overall.delta == D("37.5")
    (k0, c0), (k1, c1) = change.dimensions
    assert (k0, c0.previous, c0.current, c0.delta) == ("d0", D("25.0"), D("50.0"), D("25.0"))
    assert (k1, c1.previous, c1.current, c1.delta) == ("d1", D("0.0"), None, None)
    unknown = AssessmentResult(0, None, ())
    assert change_since(unknown, after).dimensions[0][1].previous is None


# --- Readiness scoring properties -------------------------------------------------------------

shapes = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple)


@st.composite
def assessments(draw, allow_unanswered=True):
    questionnaire = make_questionnaire(draw(shapes))
    score = st.one_of(st.none(), st.integers(1, 5)) if allow_unanswered else st.integers(1, 5)
    count = draw(st.integers(0, 6))
    responses = [
        Response(f"r{i}", tuple(Answer(q.key, draw(score)) for q in questionnaire.questions))
        for i in range(count)
    ]
    return questionnaire, responses


def all_indexes(result: AssessmentResult) -> list[Decimal]:
    values = [result.index] + [d.index for d in result.dimensions]
    values += [q.index for d in result.dimensions for q in d.questions]
    return [v for v in values if v is not None]


@given(assessments())
def test_indexes_stay_within_zero_and_hundred(case):
    result = score_assessment(*case)
    assert all(D(0) <= v <= D(100) for v in all_indexes(result))


@given(assessments(), st.sampled_from([1, 5]))
def test_unanimous_extremes_give_zero_or_hundred(case, extreme):
    questionnaire, responses = case
    uniform = [
        Response(r.respondent, tuple(replace(a, score=extreme) for a in r.answers))
        for r in responses
    ]
    result = score_assessment(questionnaire, uniform)
    expected = D("100.0") if extreme == 5 else D("0.0")
    assert all(v == expected for v in all_indexes(result))
    assert (result.index is None) == (not responses)


@given(assessments(), st.randoms(use_true_random=False))
def test_respondent_order_does_not_matter(case, rnd):
    questionnaire, responses = case
    shuffled = list(responses)
    rnd.shuffle(shuffled)
    assert score_assessment(questionnaire, shuffled) == score_assessment(questionnaire, responses)


@given(assessments())
def test_duplicating_every_respondent_changes_no_index(case):
    questionnaire, responses = case
    twice = responses + [replace(r, respondent=r.respondent + "'") for r in responses]
    once, doubled = (
        score_assessment(questionnaire, responses),
        score_assessment(questionnaire, twice),
    )
    assert all_indexes(once) == all_indexes(doubled)
    pairs = zip(once.dimensions, doubled.dimensions, strict=True)
    for one, two in (
        (q1, q2) for d1, d2 in pairs for q1, q2 in zip(d1.questions, d2.questions, strict=True)
    ):
        assert one.spread is None or one.spread == two.spread  # one answer has no spread


@st.composite
def balanced_around_integer_means(draw):
    """Pairs of respondents scoring mean - d and mean + d, so every question's mean is whole."""
    questionnaire = make_questionnaire(draw(shapes))
    means = {q.key: draw(st.integers(1, 5)) for q in questionnaire.questions}
    responses = []
    for pair in range(draw(st.integers(1, 3))):
        low, high = [], []
        for key, mean in means.items():
            d = draw(st.integers(0, min(mean - 1, 5 - mean)))
            low.append(Answer(key, mean - d))
            high.append(Answer(key, mean + d))
        responses += [Response(f"p{pair}a", tuple(low)), Response(f"p{pair}b", tuple(high))]
    return questionnaire, responses, means


@given(balanced_around_integer_means())
def test_adding_a_respondent_at_the_mean_keeps_every_index(case):
    questionnaire, responses, means = case
    average = Response("mean", tuple(Answer(k, m) for k, m in means.items()))
    before = score_assessment(questionnaire, responses)
    after = score_assessment(questionnaire, [*responses, average])
    assert all_indexes(before) == all_indexes(after)


@given(assessments(allow_unanswered=False), st.integers(0, 3))
def test_raising_one_score_never_lowers_the_index(case, position):
    questionnaire, responses = case
    if not responses:
        responses = [Response("solo", tuple(Answer(q.key, 1) for q in questionnaire.questions))]
    first = responses[0]
    position %= len(first.answers)
    answer = first.answers[position]
    raised = replace(answer, score=min(5, answer.score + 1))
    bumped = replace(
        first, answers=(*first.answers[:position], raised, *first.answers[position + 1 :])
    )
    before = score_assessment(questionnaire, responses).index
    after = score_assessment(questionnaire, [bumped, *responses[1:]]).index
    assert after >= before
