"""Governance health rules at their thresholds (seeds/health_rules.toml), and the overall score."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.budget.analysis import BudgetWarning, Severity, WarningCode
from app.governance import health
from app.governance.health import (
    AttendanceFacts,
    BudgetFacts,
    BulletinFacts,
    ChangeRequestFacts,
    DocumentFacts,
    EvmFacts,
    GateFacts,
    HealthInputs,
    MemberAttendance,
    ObjectiveFacts,
    PlanFacts,
    RequirementFacts,
    RiskFacts,
    Status,
    TrainingFacts,
    VendorFacts,
    VisionFacts,
)

RULES_FILE = Path(__file__).resolve().parents[2] / "seeds" / "health_rules.toml"
T = health.load_thresholds(RULES_FILE.read_text())
TODAY = date(2026, 12, 6)
START = date(2026, 1, 5)
RED, AMBER, GREEN, NA = Status.RED, Status.AMBER, Status.GREEN, Status.NOT_APPLICABLE
BASE = HealthInputs(as_of=TODAY, project_start=START)


def judge(rule_id: str, **facts) -> health.RuleResult:
    card = health.evaluate(replace(BASE, **facts), T)
    return next(r for r in card.results if r.rule.id == rule_id)


def status(rule_id: str, **facts) -> Status:
    return judge(rule_id, **facts).status


def thousandths(share) -> int:
    value = Decimal(share) * 1000
    assert value == value.to_integral(), "thresholds are tested in steps of 0.001"
    return int(value)


def around(threshold) -> tuple[int, int, int]:
    """Counts out of 1000 just below, at and just above a share threshold."""
    n = thousandths(threshold)
    return n - 1, n, n + 1


# --- Thresholds file -----------------------------------------------------------------------------


def test_every_rule_has_a_weight_title_principle_and_fixing_page():
    ids = [r.id for r in health.RULES]
    assert len(ids) == len(set(ids)) == 14
    for spec in health.RULES:
        assert T.weight(spec.id) > 0
        assert spec.title and spec.principle.endswith(".") and "." in spec.endpoint


def test_thresholds_refuse_missing_weights_and_inverted_bounds():
    text = RULES_FILE.read_text()
    with pytest.raises(ValueError, match="no weight for spi_cpi"):
        health.load_thresholds(text.replace("spi_cpi = 2\n", ""))
    with pytest.raises(ValueError, match="amber_min"):
        health.load_thresholds(text.replace("green_min = 75", "green_min = 40"))
    with pytest.raises(ValueError, match="negative"):
        health.load_thresholds(text.replace("no_sawtooth = 1", "no_sawtooth = -1"))


# --- Strategy ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("facts", "expected"), [
    (None, RED),
    (VisionFacts(0, None), RED),
    (VisionFacts(1, None), RED),
    (VisionFacts(3, 2), AMBER),
    (VisionFacts(3, 3), GREEN),
])
def test_vision_approved(facts, expected):
    assert status("vision_approved", vision=facts) == expected


def objectives(measured: int, total: int):
    return tuple(ObjectiveFacts(f"OBJ-{n:04}", 2, 1 if n < measured else 0)
                 for n in range(total))


def test_objectives_at_their_thresholds():
    below, at, _ = around(T("objectives_kpis", "amber_share"))
    assert status("objectives_kpis", objectives=objectives(below, 1000)) == RED
    assert status("objectives_kpis", objectives=objectives(at, 1000)) == AMBER
    assert status("objectives_kpis", objectives=objectives(at + 1, 1000)) == AMBER
    assert status("objectives_kpis", objectives=objectives(999, 1000)) == AMBER
    assert status("objectives_kpis", objectives=objectives(1000, 1000)) == GREEN
    assert status("objectives_kpis", objectives=()) == RED


def test_objectives_evidence_names_what_lacks_a_baseline():
    result = judge("objectives_kpis", objectives=(ObjectiveFacts("OBJ-01", 2, 1),
                                                  ObjectiveFacts("OBJ-02", 1, 0)))
    texts = [e.english() for e in result.evidence]
    assert texts == ["1 of 2 objectives have a KPI with a baseline (50%).",
                     "Without: OBJ-02.", "2 KPIs have no baseline."]


# --- Sponsor attendance --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["green_rate", "amber_rate"])
def test_sponsor_attendance_at_its_thresholds(key):
    below, at, above = around(T("sponsor_attendance", key))
    upper = GREEN if key == "green_rate" else AMBER
    lower = AMBER if key == "green_rate" else RED
    for attended, expected in ((below, lower), (at, upper), (above, upper)):
        facts = AttendanceFacts(1000, attended, (MemberAttendance("张伟", 10, 9),))
        assert status("sponsor_attendance", attendance=facts) == expected


def test_no_meeting_is_red_only_once_the_project_is_old_enough():
    days = T("sponsor_attendance", "first_meeting_days")
    none = AttendanceFacts(0, 0)
    for age, expected in ((days - 1, NA), (days, RED), (days + 1, RED)):
        inputs = {"attendance": none, "as_of": START + timedelta(days=age)}
        assert status("sponsor_attendance", **inputs) == expected
    assert status("sponsor_attendance", attendance=None) == NA


# --- Requirements --------------------------------------------------------------------------------


def requirements(signed: int, total: int, on: date):
    return tuple(RequirementFacts(f"REQ-{n:04}", "signed_off" if n < signed else "in_review",
                                  on if n < signed else None) for n in range(total))


def builds(day: date | None) -> PlanFacts:
    return PlanFacts(build_start=day, vendor_decision_due=None)


def test_requirements_after_the_build_started_at_their_thresholds():
    build = TODAY - timedelta(days=10)
    below, at, above = around(T("requirements_signed", "amber_share"))
    cases = ((below, RED), (at, AMBER), (above, AMBER), (999, AMBER), (1000, GREEN))
    for signed, expected in cases:
        facts = requirements(signed, 1000, build)
        assert status("requirements_signed", requirements=facts, plan=builds(build)) == expected


def test_requirements_signed_after_the_build_started_count_as_late():
    build = TODAY - timedelta(days=10)
    facts = requirements(1, 1, build + timedelta(days=1))
    result = judge("requirements_signed", requirements=facts, plan=builds(build))
    assert result.status == RED
    assert [e.english() for e in result.evidence[1:]] == [
        "1 of 1 are signed off now.", "Not signed off in time: REQ-0000."]


def test_closed_requirements_do_not_count():
    build = TODAY - timedelta(days=1)
    facts = (*requirements(1, 1, build), RequirementFacts("REQ-0009", "withdrawn", None),
             RequirementFacts("REQ-0010", "superseded", None))
    assert status("requirements_signed", requirements=facts, plan=builds(build)) == GREEN


def test_unsigned_requirements_turn_amber_as_the_build_approaches():
    days = T("requirements_signed", "warn_days")
    unsigned = requirements(0, 2, TODAY)
    for ahead, expected in ((days - 1, AMBER), (days, AMBER), (days + 1, GREEN)):
        build = TODAY + timedelta(days=ahead)
        assert status("requirements_signed", requirements=unsigned, plan=builds(build)) == expected
    later = TODAY + timedelta(days=1)
    assert status("requirements_signed", requirements=requirements(2, 2, TODAY),
                  plan=builds(later)) == GREEN
    assert status("requirements_signed", requirements=unsigned, plan=builds(None)) == NA
    assert status("requirements_signed", requirements=(), plan=builds(later)) == RED


# --- Budget --------------------------------------------------------------------------------------


def warning(code: WarningCode, severity: Severity, **params) -> BudgetWarning:
    evidence = {"planned": Decimal(0), "software_licences": Decimal(100), "total": Decimal(100),
                "before": Decimal(1), "peak": Decimal(2), "following": Decimal(1),
                "fall": Decimal("0.5"), "share": Decimal("0.1"), "required_share": Decimal("0.15"),
                "required_amount": Decimal(15), "drawn_share": Decimal("0.9"),
                "schedule_complete": Decimal("0.5"), "drawn": Decimal(9),
                "tolerance": Decimal("0.1")}
    return BudgetWarning(code, severity, {"category": "training", "series": "total",
                                          "fiscal_year": "2026", **params}, evidence)


@pytest.mark.parametrize(("warnings", "expected"), [
    ((), GREEN),
    ((warning(WarningCode.HIDDEN_COST_LOW, Severity.WARNING),), AMBER),
    ((warning(WarningCode.CONTINGENCY_LOW, Severity.WARNING),), AMBER),
    ((warning(WarningCode.HIDDEN_COST_MISSING, Severity.CRITICAL),), RED),
    ((warning(WarningCode.CONTINGENCY_MISSING, Severity.CRITICAL),), RED),
    ((warning(WarningCode.CONTINGENCY_OVERDRAWN, Severity.CRITICAL),), RED),
    ((warning(WarningCode.SAWTOOTH, Severity.WARNING, basis="planned"),), GREEN),
])
def test_budget_hidden_costs(warnings, expected):
    budget = BudgetFacts(Decimal(1000), warnings)
    assert status("budget_hidden_costs", budget=budget) == expected


def test_an_empty_budget_is_red_for_hidden_costs_and_not_judged_for_sawtooth():
    assert status("budget_hidden_costs", budget=None) == RED
    assert status("budget_hidden_costs", budget=BudgetFacts(Decimal(0), ())) == RED
    assert status("no_sawtooth", budget=BudgetFacts(Decimal(0), ())) == NA


@pytest.mark.parametrize(("bases", "expected"), [
    ((), GREEN), (("planned",), AMBER), (("actual",), RED), (("planned", "actual"), RED),
])
def test_sawtooth_in_the_plan_is_amber_and_in_actuals_red(bases, expected):
    found = tuple(warning(WarningCode.SAWTOOTH, Severity.WARNING, basis=b) for b in bases)
    result = judge("no_sawtooth", budget=BudgetFacts(Decimal(1000), found))
    assert result.status == expected
    assert all(e.warning is not None for e in result.evidence) == bool(bases)


# --- Vendors -------------------------------------------------------------------------------------


def test_vendor_selected_by_procedure_or_override():
    assert status("vendor_procedure", vendors=VendorFacts(1, "FlavourSoft", False, 3)) == GREEN
    assert status("vendor_procedure", vendors=VendorFacts(1, "FlavourSoft", True, 1)) == AMBER
    assert status("vendor_procedure", vendors=None) == NA
    assert status("vendor_procedure", vendors=VendorFacts(0, None, False, 0)) == NA
    assert status("vendor_procedure", vendors=VendorFacts(1, None, False, 2)) == GREEN


def test_vendor_decision_due_at_its_thresholds():
    days = T("vendor_procedure", "warn_days")
    cases = ((days + 1, GREEN), (days, AMBER), (days - 1, AMBER), (0, AMBER), (-1, RED))
    for ahead, expected in cases:
        plan = PlanFacts(None, TODAY + timedelta(days=ahead))
        assert status("vendor_procedure", vendors=VendorFacts(1, None, False, 2),
                      plan=plan) == expected


# --- Gates ---------------------------------------------------------------------------------------


def gate(decision=None, *, days_ago=1, total=4, passed=4, waived=0, failed=0, pending=0,
         position=1):
    return GateFacts(position, "需求 Requirements", "Requirements baseline frozen",
                     TODAY - timedelta(days=days_ago), decision,
                     TODAY if decision else None, total, passed, waived, failed, pending)


def test_undecided_gate_turns_red_when_overdue():
    days = T("gates_passed", "overdue_red_days")
    for ago, expected in ((days - 1, AMBER), (days, RED), (days + 1, RED)):
        assert status("gates_passed", gates=(gate(days_ago=ago, passed=2, pending=2),)) == expected


def test_gate_decisions():
    assert status("gates_passed", gates=(gate("pass"),)) == GREEN
    assert status("gates_passed", gates=(gate("pass_with_conditions"),)) == AMBER
    assert status("gates_passed", gates=(gate("fail", passed=3, failed=1),)) == RED
    assert status("gates_passed", gates=(gate("pass", total=0, passed=0),)) == AMBER
    assert status("gates_passed", gates=(gate("pass"), gate("fail", position=2))) == RED
    future = gate(days_ago=-5)
    assert status("gates_passed", gates=(future,)) == NA
    assert status("gates_passed", gates=()) == NA
    assert status("gates_passed", gates=None) == NA


def test_gate_with_many_waivers_is_amber():
    share = T("gates_passed", "waived_amber_share")
    below, at, above = around(share)
    for waived, expected in ((below, GREEN), (at, GREEN), (above, AMBER)):
        facts = gate("pass", total=1000, passed=1000 - waived, waived=waived)
        assert status("gates_passed", gates=(facts,)) == expected


# --- Training ------------------------------------------------------------------------------------


def training(trained: int, *, go_live_in: int = 5, users: int = 1000):
    go_live = TODAY + timedelta(days=go_live_in)
    return (TrainingFacts("销售 Sales", users, trained, trained, go_live),
            TrainingFacts("Service", 10, 10, 10, None))


def test_training_coverage_at_its_thresholds():
    g_below, g_at, g_above = around(T("training_coverage", "green_share"))
    a_below, a_at, a_above = around(T("training_coverage", "amber_share"))
    cases = ((g_below, AMBER), (g_at, GREEN), (g_above, GREEN),
             (a_below, RED), (a_at, AMBER), (a_above, AMBER))
    for trained, expected in cases:
        assert status("training_coverage", training=training(trained)) == expected


def test_training_counts_the_lesser_of_concept_and_operational():
    facts = (TrainingFacts("Sales", 10, 10, 0, TODAY),)
    assert status("training_coverage", training=facts) == RED


def test_low_coverage_is_red_only_inside_the_window_before_go_live():
    window = T("training_coverage", "window_days")
    for days, expected in ((window - 1, RED), (window, RED), (window + 1, AMBER), (-3, RED)):
        assert status("training_coverage", training=training(0, go_live_in=days)) == expected


def test_training_without_go_live_or_users():
    assert status("training_coverage", training=(TrainingFacts("Sales", 5, 0, 0, None),)) == NA
    assert status("training_coverage", training=(TrainingFacts("Sales", 0, 0, 0, TODAY),)) == RED
    assert status("training_coverage", training=None) == NA


# --- Earned value --------------------------------------------------------------------------------


def evm(spi, cpi) -> EvmFacts:
    return EvmFacts("Approved plan", TODAY, None if spi is None else Decimal(spi),
                    None if cpi is None else Decimal(cpi))


@pytest.mark.parametrize("index", ["spi", "cpi"])
def test_spi_and_cpi_at_their_thresholds(index):
    green, amber = T("spi_cpi", "green_min"), T("spi_cpi", "amber_min")
    step = Decimal("0.001")
    cases = ((green + step, GREEN), (green, GREEN), (green - step, AMBER),
             (amber, AMBER), (amber - step, RED))
    for value, expected in cases:
        other = "1.000"
        facts = evm(value, other) if index == "spi" else evm(other, value)
        assert status("spi_cpi", evm=facts) == expected


def test_spi_cpi_take_the_worse_and_skip_what_cannot_be_measured():
    assert status("spi_cpi", evm=evm("0.5", "1.2")) == RED
    assert status("spi_cpi", evm=evm(None, "0.92")) == AMBER
    assert status("spi_cpi", evm=evm(None, None)) == NA
    assert status("spi_cpi", evm=None) == NA


# --- Change requests -----------------------------------------------------------------------------


def test_change_request_age_at_its_thresholds():
    amber, red = T("change_requests_ageing", "amber_days"), T("change_requests_ageing", "red_days")
    cases = ((amber - 1, GREEN), (amber, GREEN), (amber + 1, AMBER),
             (red - 1, AMBER), (red, AMBER), (red + 1, RED))
    for age, expected in cases:
        requests = (ChangeRequestFacts("CR-0002", "submitted", TODAY - timedelta(days=age)),
                    ChangeRequestFacts("CR-0003", "submitted", TODAY))
        assert status("change_requests_ageing", change_requests=requests) == expected
    assert status("change_requests_ageing", change_requests=()) == GREEN
    assert status("change_requests_ageing", change_requests=None) == NA


# --- Risks ---------------------------------------------------------------------------------------


def risks(bare: int, *, score: int = 4, extra: int = 3):
    owned = [RiskFacts(f"RISK-{n:02}", "数据质量", 6, "medium", True, True, "open")
             for n in range(extra)]
    missing = [RiskFacts(f"RISK-{50 + n}", "Adoption", score, "low", n % 2 == 0, False, "open")
               for n in range(bare)]
    return tuple(owned + missing)


def test_risks_without_owner_or_response_at_their_thresholds():
    amber, red = T("risks_owned", "amber_count"), T("risks_owned", "red_count")
    assert amber == 1
    cases = ((0, GREEN), (amber, AMBER), (red - 1, AMBER), (red, RED), (red + 1, RED))
    for bare, expected in cases:
        assert status("risks_owned", risks=risks(bare)) == expected


def test_a_high_risk_without_response_is_red():
    high = T("risks_owned", "high_score")
    assert status("risks_owned", risks=risks(1, score=high - 1)) == AMBER
    assert status("risks_owned", risks=risks(1, score=high)) == RED
    assert status("risks_owned", risks=risks(1, score=high + 1)) == RED


def test_closed_risks_and_an_empty_register():
    closed = (RiskFacts("RISK-01", "x", 20, "high", False, False, "closed"),)
    assert status("risks_owned", risks=closed + risks(0)) == GREEN
    assert status("risks_owned", risks=closed) == AMBER
    assert status("risks_owned", risks=None) == NA


# --- Bulletins -----------------------------------------------------------------------------------


def test_bulletin_lateness_at_its_threshold():
    red = T("bulletins_on_schedule", "red_days_late")
    for late, expected in ((-1, GREEN), (0, GREEN), (1, AMBER), (red, AMBER), (red + 1, RED)):
        # Monthly: due a month after the last edition; that day is TODAY - late.
        due = TODAY - timedelta(days=late)
        last = date(due.year, due.month - 1, due.day) if due.month > 1 else date(
            due.year - 1, 12, due.day)
        facts = BulletinFacts("monthly", last)
        assert status("bulletins_on_schedule", bulletins=facts) == expected


def test_bulletins_without_cadence_or_edition():
    assert status("bulletins_on_schedule", bulletins=BulletinFacts("none", None)) == NA
    assert status("bulletins_on_schedule", bulletins=None) == NA
    # Nothing published: the first was due a cadence step after the project started.
    assert status("bulletins_on_schedule", bulletins=BulletinFacts("weekly", None)) == RED


# --- Governing documents -------------------------------------------------------------------------


def documents(unapproved: int, overdue: int, total: int = 6):
    return tuple(DocumentFacts("usage_rules", f"文件 {n}", n >= unapproved, TODAY,
                               n >= total - overdue) for n in range(total))


def test_documents_at_their_thresholds():
    amber, red = T("documents_approved", "amber_issues"), T("documents_approved", "red_issues")
    cases = ((0, 0, GREEN), (amber, 0, AMBER), (0, amber, AMBER), (red - 1, 0, AMBER),
             (red - 2, 1, AMBER), (red, 0, RED), (red - 1, 1, RED), (red + 1, 0, RED))
    for unapproved, overdue, expected in cases:
        assert status("documents_approved",
                      documents=documents(unapproved, overdue)) == expected
    assert status("documents_approved", documents=()) == RED
    assert status("documents_approved", documents=None) == NA


# --- Overall score -------------------------------------------------------------------------------


def card_with(statuses: dict[str, Status]) -> tuple[int | None, Status]:
    results = [health.RuleResult(spec, statuses.get(spec.id, NA), ()) for spec in health.RULES]
    return health.overall(results, T)


def test_overall_score_is_the_weighted_mean_of_applicable_rules():
    assert card_with({}) == (None, NA)
    assert card_with({"vision_approved": GREEN}) == (100, GREEN)
    assert card_with({"vision_approved": RED}) == (0, RED)
    # weights: vision 3, sawtooth 1 -> (3*100 + 1*0) / 4 = 75
    assert card_with({"vision_approved": GREEN, "no_sawtooth": RED}) == (75, GREEN)
    # vision 3 amber, sawtooth 1 green -> (150 + 100) / 4 = 62.5 -> 63 (half up)
    assert card_with({"vision_approved": AMBER, "no_sawtooth": GREEN}) == (63, AMBER)


def test_overall_status_at_its_thresholds():
    green, amber = int(T("overall", "green_min")), int(T("overall", "amber_min"))
    cases = ((green + 1, GREEN), (green, GREEN), (green - 1, AMBER),
             (amber + 1, AMBER), (amber, AMBER), (amber - 1, RED))
    for score, expected in cases:
        assert health.overall_status(score, T) == expected


def test_evaluate_returns_every_rule_and_the_statuses_to_snapshot():
    card = health.evaluate(replace(BASE, vision=VisionFacts(2, 2)), T)
    assert [r.rule.id for r in card.results] == [r.id for r in health.RULES]
    assert card.statuses()["vision_approved"] == "green"
    assert card.score is not None and card.as_of == TODAY
