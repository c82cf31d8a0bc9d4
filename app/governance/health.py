"""The governance health scorecard: pure rules from plain facts to red/amber/green with evidence.

No Flask, no database: `gather.py` builds `HealthInputs`, `evaluate` judges it. Texts are English
format strings marked with `N_` so the page translates them (`_(text) % params`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.budget.analysis import BudgetWarning, Severity, WarningCode
from app.bulletins import cadence
from app.governance.facts import (  # noqa: F401  (re-exported: gatherers and tests build them)
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
    TrainingFacts,
    VendorFacts,
    VisionFacts,
)


def N_(text: str) -> str:
    """Mark a string for the catalogue; the page translates it."""
    return text


class Status(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_APPLICABLE = "not_applicable"


POINTS = {Status.GREEN: 100, Status.AMBER: 50, Status.RED: 0}


# --- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    text: str  # English format string, e.g. "%(n)s of %(total)s objectives have a KPI"
    params: Mapping[str, object] = field(default_factory=dict)
    warning: BudgetWarning | None = None  # a budget warning, worded by the budget's labels

    def english(self) -> str:
        if self.warning is not None:
            return self.warning.message
        return self.text % dict(self.params) if self.params else self.text


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    principle: str
    endpoint: str  # the page that fixes it; its only argument is the project's code
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleResult:
    rule: Rule
    status: Status
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Scorecard:
    as_of: date
    results: tuple[RuleResult, ...]
    score: int | None  # None when no rule applies
    status: Status

    def statuses(self) -> dict[str, str]:
        return {r.rule.id: r.status.value for r in self.results}


# --- Thresholds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """seeds/health_rules.toml: one mapping per section, numbers as Decimal."""

    sections: Mapping[str, Mapping[str, object]]

    def __call__(self, section: str, key: str):
        return self.sections[section][key]

    def weight(self, rule_id: str) -> Decimal:
        return Decimal(self.sections["weights"][rule_id])


def load_thresholds(text: str) -> Thresholds:
    raw = tomllib.loads(text, parse_float=Decimal)
    missing = [r.id for r in RULES if r.id not in raw.get("weights", {})]
    if missing:
        raise ValueError(f"no weight for {', '.join(missing)}")
    if any(Decimal(w) < 0 for w in raw["weights"].values()):
        raise ValueError("weights must not be negative")
    if not raw["overall"]["amber_min"] <= raw["overall"]["green_min"]:
        raise ValueError("overall amber_min must not exceed green_min")
    return Thresholds(raw)


def ratio(part: int, whole: int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('1'), ROUND_HALF_UP)}%"


def by_share(value: Decimal, green: Decimal, amber: Decimal) -> Status:
    """At or above `green` is green, at or above `amber` is amber, below is red."""
    if value >= green:
        return Status.GREEN
    return Status.AMBER if value >= amber else Status.RED


def worst(statuses) -> Status:
    order = (Status.RED, Status.AMBER, Status.GREEN)
    present = [s for s in statuses if s != Status.NOT_APPLICABLE]
    return next((s for s in order if s in present), Status.NOT_APPLICABLE)


# --- The rules ----------------------------------------------------------------------------------

Judge = Callable[[HealthInputs, Thresholds], tuple[Status, list[Evidence]]]
RULES: list[Rule] = []
JUDGES: dict[str, Judge] = {}


def rule(rule_id: str, title: str, principle: str, endpoint: str):
    def register(judge: Judge) -> Judge:
        RULES.append(Rule(rule_id, title, principle, endpoint))
        JUDGES[rule_id] = judge
        return judge

    return register


def not_recorded(text: str) -> tuple[Status, list[Evidence]]:
    """The source module keeps no records for this project (or is not installed)."""
    return Status.NOT_APPLICABLE, [Evidence(text)]


def evaluate(inputs: HealthInputs, thresholds: Thresholds) -> Scorecard:
    """Judge every rule and weigh the ones that apply into a 0-100 score and its status."""
    results = []
    for spec in RULES:
        status, evidence = JUDGES[spec.id](inputs, thresholds)
        results.append(RuleResult(spec, status, tuple(evidence)))
    return Scorecard(inputs.as_of, tuple(results), *overall(results, thresholds))


def overall(results, thresholds: Thresholds) -> tuple[int | None, Status]:
    weighed = [(thresholds.weight(r.rule.id), POINTS[r.status]) for r in results
               if r.status != Status.NOT_APPLICABLE]
    total = sum((w for w, _ in weighed), Decimal(0))
    if total == 0:
        return None, Status.NOT_APPLICABLE
    score = int((sum(w * p for w, p in weighed) / total).quantize(Decimal(1), ROUND_HALF_UP))
    return score, overall_status(score, thresholds)


def overall_status(score: int, thresholds: Thresholds) -> Status:
    return by_share(Decimal(score), thresholds("overall", "green_min"),
                    thresholds("overall", "amber_min"))


def days_to(day: date | None, today: date) -> int | None:
    return None if day is None else (day - today).days



# Strategy ----------------------------------------------------------------------------------------


@rule("vision_approved", N_("Vision approved"),
      N_("A CRM project starts from a vision the sponsor has approved: top-management "
         "participation and commitment is the most important success factor."),
      "strategy.vision")
def _vision(i: HealthInputs, t: Thresholds):
    v = i.vision
    if v is None or v.latest_number == 0:
        return Status.RED, [Evidence(N_("No vision has been written."))]
    if v.approved_number is None:
        return Status.RED, [Evidence(N_("Version %(n)s of the vision awaits the sponsor's "
                                        "approval; none is approved."), {"n": v.latest_number})]
    if v.approved_number < v.latest_number:
        return Status.AMBER, [Evidence(N_("Version %(approved)s is approved; version %(latest)s "
                                          "awaits approval."),
                                       {"approved": v.approved_number, "latest": v.latest_number})]
    return Status.GREEN, [Evidence(N_("Version %(n)s, the latest, is approved."),
                                   {"n": v.approved_number})]


@rule("objectives_kpis", N_("Objectives with KPIs and baselines"),
      N_("Every objective is measured by KPIs whose baseline is taken before the rollout, so "
         "the benefits can be shown."), "strategy.index")
def _objectives(i: HealthInputs, t: Thresholds):
    objectives = i.objectives or ()
    if not objectives:
        return Status.RED, [Evidence(N_("No objectives are recorded."))]
    measured = [o for o in objectives if o.kpis_with_baseline > 0]
    share = ratio(len(measured), len(objectives))
    evidence = [Evidence(N_("%(n)s of %(total)s objectives have a KPI with a baseline "
                            "(%(share)s)."),
                         {"n": len(measured), "total": len(objectives), "share": percent(share)})]
    lacking = [o.code for o in objectives if o.kpis_with_baseline == 0]
    if lacking:
        evidence.append(Evidence(N_("Without: %(codes)s."), {"codes": ", ".join(lacking)}))
    no_baseline = sum(o.kpis - o.kpis_with_baseline for o in objectives)
    if no_baseline:
        evidence.append(Evidence(N_("%(n)s KPIs have no baseline."), {"n": no_baseline}))
    return by_share(share, t("objectives_kpis", "green_share"),
                    t("objectives_kpis", "amber_share")), evidence


# Organisation ------------------------------------------------------------------------------------


@rule("sponsor_attendance", N_("Sponsor attends the steering committee"),
      N_("The project group is led directly by top management: top-management participation "
         "and commitment is the most important success factor."), "organisation.meetings")
def _attendance(i: HealthInputs, t: Thresholds):
    a = i.attendance
    if a is None:
        return not_recorded(N_("No steering committee meeting has been held yet."))
    if a.sponsor_held == 0:
        age = (i.as_of - i.project_start).days
        if age >= t("sponsor_attendance", "first_meeting_days"):
            return Status.RED, [Evidence(N_("No steering meeting held in the project's "
                                            "%(days)s days."), {"days": age})]
        return Status.NOT_APPLICABLE, [Evidence(N_("No steering meeting held yet."))]
    rate = ratio(a.sponsor_attended, a.sponsor_held)
    evidence = [Evidence(N_("The sponsor attended %(n)s of %(held)s steering meetings "
                            "(%(rate)s)."),
                         {"n": a.sponsor_attended, "held": a.sponsor_held, "rate": percent(rate)})]
    for m in a.members:
        if m.held:
            evidence.append(Evidence(N_("%(name)s: %(n)s of %(held)s."),
                                     {"name": m.name, "n": m.attended, "held": m.held}))
    return by_share(rate, t("sponsor_attendance", "green_rate"),
                    t("sponsor_attendance", "amber_rate")), evidence


# Requirements ------------------------------------------------------------------------------------

LIVE_REQUIREMENT = frozenset({"draft", "in_review", "signed_off"})


@rule("requirements_signed", N_("Requirements signed off before the build"),
      N_("Requirements are signed off and frozen before the system is built; later changes "
         "go through change control."), "requirements.index")
def _requirements(i: HealthInputs, t: Thresholds):
    live = [r for r in i.requirements or () if r.status in LIVE_REQUIREMENT]
    build_start = i.plan.build_start if i.plan else None
    if build_start is None:
        return Status.NOT_APPLICABLE, [Evidence(N_("The plan has no build phase yet."))]
    if not live:
        return Status.RED, [Evidence(N_("No requirements are recorded."))]
    started = i.as_of >= build_start
    cutoff = build_start if started else i.as_of
    signed = [r for r in live if r.signed_on is not None and r.signed_on <= cutoff]
    unsigned = [r.code for r in live if r not in signed]
    share = ratio(len(signed), len(live))
    params = {"n": len(signed), "total": len(live), "share": percent(share),
              "day": build_start.isoformat()}
    if started:
        evidence = [Evidence(N_("%(n)s of %(total)s live requirements (%(share)s) were signed off "
                                "before the build started on %(day)s."), params)]
        status = by_share(share, t("requirements_signed", "green_share"),
                          t("requirements_signed", "amber_share"))
        now = sum(r.signed_on is not None for r in live)
        if now != len(signed):
            evidence.append(Evidence(N_("%(n)s of %(total)s are signed off now."),
                                     {"n": now, "total": len(live)}))
    else:
        evidence = [Evidence(N_("%(n)s of %(total)s live requirements (%(share)s) are signed off; "
                                "the build starts on %(day)s."), params)]
        soon = days_to(build_start, i.as_of) <= t("requirements_signed", "warn_days")
        status = Status.AMBER if unsigned and soon else Status.GREEN
    if unsigned:
        evidence.append(Evidence(N_("Not signed off in time: %(codes)s."),
                                 {"codes": ", ".join(unsigned)}))
    return status, evidence


# Budget ------------------------------------------------------------------------------------------

HIDDEN_COST_CODES = frozenset({WarningCode.HIDDEN_COST_MISSING, WarningCode.HIDDEN_COST_LOW,
                               WarningCode.CONTINGENCY_MISSING, WarningCode.CONTINGENCY_LOW,
                               WarningCode.CONTINGENCY_OVERDRAWN})


def _warning_evidence(warnings) -> list[Evidence]:
    return [Evidence(w.message, warning=w) for w in warnings]


@rule("budget_hidden_costs", N_("Budget covers the hidden costs and a contingency"),
      N_("CRM budgets forget training, data maintenance, integration and project management, "
         "and a long-term plan holds a contingency reserve."), "budget.overview")
def _hidden_costs(i: HealthInputs, t: Thresholds):
    b = i.budget
    if b is None or b.planned_total <= 0:
        return Status.RED, [Evidence(N_("No budget is planned."))]
    found = [w for w in b.warnings if w.code in HIDDEN_COST_CODES]
    if not found:
        return Status.GREEN, [Evidence(N_("All four hidden costs are planned in proportion and "
                                          "the contingency reserve is sufficient."))]
    critical = any(w.severity == Severity.CRITICAL for w in found)
    return (Status.RED if critical else Status.AMBER), _warning_evidence(found)


@rule("no_sawtooth", N_("No sawtooth in the budget"),
      N_("A CRM budget is a long-term plan: overspending one year and slashing the next (the "
         "sawtooth) starves the project."), "budget.overview")
def _sawtooth(i: HealthInputs, t: Thresholds):
    b = i.budget
    if b is None or b.planned_total <= 0:
        return Status.NOT_APPLICABLE, [Evidence(N_("No budget is planned."))]
    found = [w for w in b.warnings if w.code == WarningCode.SAWTOOTH]
    if not found:
        return Status.GREEN, [Evidence(N_("No year rises and then falls steeply, in plan or "
                                          "in actual spending."))]
    # A sawtooth in the money actually spent has happened; one in the plan can still be fixed.
    happened = any(w.params.get("basis") == "actual" for w in found)
    return (Status.RED if happened else Status.AMBER), _warning_evidence(found)


# Vendors -----------------------------------------------------------------------------------------


@rule("vendor_procedure", N_("Vendor chosen by the procedure"),
      N_("The vendor is chosen by the procedure: well-known vendors brief and propose, two or "
         "three are shortlisted, reference customers visited and bids compared."),
      "vendors.index")
def _vendor(i: HealthInputs, t: Thresholds):
    v = i.vendors
    if v is None:
        return not_recorded(N_("Vendor evaluations are not recorded in Steerco."))
    if v.selected is not None:
        evidence = [Evidence(N_("%(vendor)s was selected from %(n)s shortlisted vendors."),
                             {"vendor": v.selected, "n": v.shortlisted})]
        if v.by_override:
            evidence.append(Evidence(N_("The selection rule was not met; the sponsor overrode "
                                        "it with a rationale.")))
            return Status.AMBER, evidence
        return Status.GREEN, evidence
    due = i.plan.vendor_decision_due if i.plan else None
    if due is None:
        if v.evaluations == 0:
            return Status.NOT_APPLICABLE, [Evidence(N_("No vendor evaluation has started and the "
                                                       "plan sets no decision date."))]
        return Status.GREEN, [Evidence(N_("The evaluation is under way: %(n)s vendors "
                                          "shortlisted."), {"n": v.shortlisted})]
    left = days_to(due, i.as_of)
    params = {"day": due.isoformat(), "n": v.shortlisted, "days": abs(left)}
    if left < 0:
        return Status.RED, [Evidence(N_("The plan's vendor decision was due on %(day)s, "
                                        "%(days)s days ago; no vendor is selected through the "
                                        "procedure (%(n)s shortlisted)."), params)]
    evidence = [Evidence(N_("The vendor decision is due on %(day)s, in %(days)s days; %(n)s "
                            "vendors shortlisted."), params)]
    return (Status.AMBER if left <= t("vendor_procedure", "warn_days") else Status.GREEN), evidence


# Quality -----------------------------------------------------------------------------------------


@rule("gates_passed", N_("Phase gates passed with their checkpoints"),
      N_("Quality is managed, not neglected: each phase gate is passed only when its quality "
         "checkpoints have passed or were waived by the sponsor."), "quality.gates_overview")
def _gates(i: HealthInputs, t: Thresholds):
    if i.gates is None:
        return not_recorded(N_("Phase gate reviews are not recorded in Steerco."))
    due = [g for g in i.gates if g.decision is not None
           or (g.gate_date is not None and g.gate_date <= i.as_of)]
    if not due:
        return Status.NOT_APPLICABLE, [Evidence(N_("No phase gate is due yet."))]
    statuses, evidence = [], []
    for g in sorted(due, key=lambda g: g.phase_position):
        params = {"gate": g.gate_name or g.phase_name, "total": g.total, "passed": g.passed,
                  "waived": g.waived, "failed": g.failed, "pending": g.pending,
                  "day": (g.gate_date or i.as_of).isoformat()}
        if g.decision is None:
            late = (i.as_of - g.gate_date).days
            statuses.append(Status.RED if late >= t("gates_passed", "overdue_red_days")
                            else Status.AMBER)
            evidence.append(Evidence(N_("%(gate)s: due %(day)s, not decided (%(pending)s "
                                        "checkpoints pending, %(failed)s failed)."), params))
        elif g.decision == "fail":
            statuses.append(Status.RED)
            evidence.append(Evidence(N_("%(gate)s: failed (%(failed)s of %(total)s checkpoints "
                                        "failed)."), params))
        else:
            many_waived = g.total and ratio(g.waived, g.total) > t("gates_passed",
                                                                   "waived_amber_share")
            weak = g.decision == "pass_with_conditions" or g.total == 0 or many_waived
            statuses.append(Status.AMBER if weak else Status.GREEN)
            text = (N_("%(gate)s: passed with conditions; %(passed)s passed and %(waived)s waived "
                       "of %(total)s checkpoints.") if g.decision == "pass_with_conditions" else
                    N_("%(gate)s: passed; %(passed)s passed and %(waived)s waived of %(total)s "
                       "checkpoints."))
            evidence.append(Evidence(text, params))
    return worst(statuses), evidence


# Training ----------------------------------------------------------------------------------------


@rule("training_coverage", N_("End users trained before go-live"),
      N_("Staff need concept and operational training, before the system is installed."),
      "training.index")
def _training(i: HealthInputs, t: Thresholds):
    if i.training is None:
        return not_recorded(N_("Training coverage is not recorded in Steerco."))
    departments = [d for d in i.training if d.end_users > 0]
    go_lives = [d.go_live for d in i.training if d.go_live is not None]
    if not go_lives:
        return Status.NOT_APPLICABLE, [Evidence(N_("The plan has no go-live date yet."))]
    if not departments:
        return Status.RED, [Evidence(N_("No end users are counted for any department."))]
    go_live = min(go_lives)
    evidence, shares = [], []
    for d in departments:
        share = ratio(min(d.trained_concept, d.trained_operational), d.end_users)
        shares.append(share)
        evidence.append(Evidence(N_("%(department)s: %(concept)s concept and %(operational)s "
                                    "operational trained of %(users)s end users (%(share)s)."),
                                 {"department": d.department, "concept": d.trained_concept,
                                  "operational": d.trained_operational, "users": d.end_users,
                                  "share": percent(share)}))
    status = by_share(min(shares), t("training_coverage", "green_share"),
                      t("training_coverage", "amber_share"))
    left = days_to(go_live, i.as_of)
    if status == Status.RED and left > t("training_coverage", "window_days"):
        status = Status.AMBER  # still time to train before go-live
    evidence.insert(0, Evidence(N_("Go-live on %(day)s (%(days)s days from today)."),
                                {"day": go_live.isoformat(), "days": left}))
    return status, evidence


# Earned value ------------------------------------------------------------------------------------


@rule("spi_cpi", N_("Schedule and cost performance (SPI, CPI)"),
      N_("The plan is kept against an approved baseline: earned value shows whether the work "
         "done is on time (SPI) and within cost (CPI)."), "planning.earned_value")
def _evm(i: HealthInputs, t: Thresholds):
    e = i.evm
    if e is None:
        return Status.NOT_APPLICABLE, [Evidence(N_("The plan has no baseline yet."))]
    green, amber = t("spi_cpi", "green_min"), t("spi_cpi", "amber_min")
    statuses, evidence = [], []
    for name, value in (("SPI", e.spi), ("CPI", e.cpi)):
        if value is None:
            evidence.append(Evidence(N_("%(index)s: nothing to measure yet."), {"index": name}))
            continue
        statuses.append(by_share(value, green, amber))
        evidence.append(Evidence(N_("%(index)s %(value)s at %(day)s against “%(baseline)s”."),
                                 {"index": name, "value": value, "day": e.status_date.isoformat(),
                                  "baseline": e.baseline}))
    return worst(statuses), evidence


# Change control ----------------------------------------------------------------------------------


@rule("change_requests_ageing", N_("Open change requests decided promptly"),
      N_("After sign-off or baseline, changes go through change requests that the committee "
         "decides promptly, with their impact known."), "changes.index")
def _changes(i: HealthInputs, t: Thresholds):
    if i.change_requests is None:
        return not_recorded(N_("Change requests are not recorded in Steerco."))
    if not i.change_requests:
        return Status.GREEN, [Evidence(N_("No change request is open."))]
    oldest = min(i.change_requests, key=lambda c: c.submitted_on)
    age = (i.as_of - oldest.submitted_on).days
    evidence = [Evidence(N_("%(n)s open; the oldest, %(number)s, was submitted %(days)s days "
                            "ago."), {"n": len(i.change_requests), "number": oldest.number,
                                      "days": age})]
    if age > t("change_requests_ageing", "red_days"):
        return Status.RED, evidence
    return (Status.AMBER if age > t("change_requests_ageing", "amber_days")
            else Status.GREEN), evidence


# Risks -------------------------------------------------------------------------------------------

CLOSED_RISK = frozenset({"closed", "retired", "occurred"})


@rule("risks_owned", N_("Risks have owners and responses"),
      N_("Every CRM implementation risk (immature solution, integration, user adoption, data "
         "quality, executive support, …) has an owner and a planned response."), "risks.index")
def _risks(i: HealthInputs, t: Thresholds):
    if i.risks is None:
        return not_recorded(N_("Risks are not recorded in Steerco."))
    open_risks = [r for r in i.risks if r.status not in CLOSED_RISK]
    if not open_risks:
        return Status.AMBER, [Evidence(N_("No open risk is recorded; every CRM project has "
                                          "some."))]
    bare = [r for r in open_risks if not (r.has_owner and r.has_response)]
    high = [r for r in bare if r.score >= t("risks_owned", "high_score")]
    evidence = [Evidence(N_("%(n)s of %(total)s open risks lack an owner or a response."),
                         {"n": len(bare), "total": len(open_risks)})]
    if bare:
        evidence.append(Evidence(N_("Among them: %(numbers)s."),
                                 {"numbers": ", ".join(r.number for r in bare)}))
    if high or len(bare) >= t("risks_owned", "red_count"):
        if high:
            evidence.append(Evidence(N_("High risks among them: %(numbers)s."),
                                     {"numbers": ", ".join(r.number for r in high)}))
        return Status.RED, evidence
    return (Status.AMBER if len(bare) >= t("risks_owned", "amber_count")
            else Status.GREEN), evidence


# Bulletins ---------------------------------------------------------------------------------------


@rule("bulletins_on_schedule", N_("Bulletins published on schedule"),
      N_("Staff are told how the project stands in regular “CRM Perspective” bulletins."),
      "bulletins.index")
def _bulletins(i: HealthInputs, t: Thresholds):
    b = i.bulletins
    due = None if b is None else cadence.next_due(b.cadence, i.project_start, b.last_published,
                                                  i.as_of)
    if due is None:
        return Status.NOT_APPLICABLE, [Evidence(N_("The project sets no bulletin cadence."))]
    last = (Evidence(N_("Last published on %(day)s."), {"day": b.last_published.isoformat()})
            if b.last_published else Evidence(N_("None published yet.")))
    params = {"day": due.next_due.isoformat(), "days": due.days_late}
    if not due.overdue:
        return Status.GREEN, [Evidence(N_("The next bulletin is due on %(day)s."), params), last]
    evidence = [Evidence(N_("The next bulletin was due on %(day)s: %(days)s days late."),
                         params), last]
    late = due.days_late > t("bulletins_on_schedule", "red_days_late")
    return (Status.RED if late else Status.AMBER), evidence


# Governing documents -----------------------------------------------------------------------------


@rule("documents_approved", N_("Governing documents approved and reviewed"),
      N_("The rollout runs by normative documents (implementation plan, technical "
         "requirements, evaluation indicators, usage rules) approved by the sponsor and "
         "reviewed on time."), "organisation.documents")
def _documents(i: HealthInputs, t: Thresholds):
    if i.documents is None:
        return not_recorded(N_("Governing documents are not recorded in Steerco."))
    if not i.documents:
        return Status.RED, [Evidence(N_("No governing document is recorded."))]
    unapproved = [d.title for d in i.documents if not d.approved_current]
    overdue = [d.title for d in i.documents if d.overdue]
    issues = len(unapproved) + len(overdue)
    evidence = [Evidence(N_("%(n)s documents: %(unapproved)s without an approved current "
                            "version, %(overdue)s past their review date."),
                         {"n": len(i.documents), "unapproved": len(unapproved),
                          "overdue": len(overdue)})]
    if unapproved:
        evidence.append(Evidence(N_("Not approved: %(titles)s."),
                                 {"titles": "; ".join(unapproved)}))
    if overdue:
        evidence.append(Evidence(N_("Review overdue: %(titles)s."),
                                 {"titles": "; ".join(overdue)}))
    if issues >= t("documents_approved", "red_issues"):
        return Status.RED, evidence
    return (Status.AMBER if issues >= t("documents_approved", "amber_issues")
            else Status.GREEN), evidence
