"""Live sections read from the steering modules (change requests, risks, training, health,
steering decisions), registered only when their module is importable. Read-only: each calls
the module's own query functions and keeps plain, already-worded values in its snapshot."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_currency, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.bulletins.sections import SectionType, register

# A builder knows only the publication date (the bulletin's period is free text), so sections
# that report "what happened" look back this many days from it.
WINDOW_DAYS = 90
TOP_RISKS = 5
DECIDED = ("approved", "rejected", "deferred", "implemented")
# Badge colour per risk level, from the print style sheet's three status colours.
LEVEL_CLASSES = {"low": "green", "medium": "amber", "high": "red", "critical": "red"}


def _window(as_of: date) -> tuple[date, date]:
    return as_of - timedelta(days=WINDOW_DAYS), as_of


@dataclass(frozen=True)
class ChangeRow:
    code: str
    title: str
    decision: str
    status: str  # the coded status, for the badge colour
    decided_on: str
    schedule: str  # e.g. "+5 working days"; "" when never analysed
    cost: str


@dataclass(frozen=True)
class ChangesDecided:
    since: str
    until: str
    rows: list[ChangeRow]


def build_changes(project, as_of: date) -> ChangesDecided:
    from app.changes import service as changes
    from app.changes.labels import STATUS_LABELS

    since, until = _window(as_of)
    picked = []
    for cr in changes.requests(project):
        if cr.status not in DECIDED or (cr.decided_at is None and cr.meeting_date is None):
            continue
        on = cr.meeting_date or cr.decided_at.date()
        if since <= on <= until:
            picked.append((on, cr))
    rows = []
    for on, cr in sorted(picked, key=lambda p: (p[0], p[1].number)):
        # The impact stored with the request when it was analysed (what the committee saw).
        schedule = "" if cr.finish_shift is None else \
            _("%(days)s working days", days=f"{cr.finish_shift:+d}")
        cost = "" if cr.cost_delta is None else format_currency(cr.cost_delta, project.currency)
        rows.append(ChangeRow(cr.code, cr.title, str(STATUS_LABELS[cr.status]), cr.status,
                              format_date(on, "medium"), schedule, cost))
    return ChangesDecided(format_date(since, "medium"), format_date(until, "medium"), rows)


@dataclass(frozen=True)
class RiskRow:
    code: str
    title: str
    score: int
    level: str
    level_class: str
    trend: str
    owner: str
    strategy: str
    response: str


@dataclass(frozen=True)
class RisksOfNote:
    rows: list[RiskRow]
    active: int
    heat: list[list[tuple[int, str]]]  # impact 5..1 by probability 1..5: (count, colour)


def build_risks(project, as_of: date) -> RisksOfNote:
    from app.risks import catalogue, scoring
    from app.risks import service as risks
    from app.risks.labels import LEVEL_LABELS, STRATEGY_LABELS, TREND_LABELS

    rules = catalogue.rules()
    # Rated as the assessments stood on as_of, so a back-dated edition shows that day's ratings
    # (the status has no history: it is the current one).
    rated = []
    for r in risks.risks(project):
        history = [a for a in risks.history(r) if a.on <= as_of]
        if r.active and r.identified_on <= as_of and history:
            rated.append((r, history[-1], scoring.trend(history, rules)))
    top = sorted(rated, key=lambda x: (-scoring.score(x[1].probability, x[1].impact),
                                       x[0].number))[:TOP_RISKS]
    rows = []
    for r, latest, trend in top:
        score = scoring.score(latest.probability, latest.impact)
        level = scoring.level(score, rules)
        rows.append(RiskRow(
            r.code, r.title, score, str(LEVEL_LABELS[level]), LEVEL_CLASSES.get(level, "amber"),
            str(TREND_LABELS[trend]), r.owner.name if r.owner else "",
            str(STRATEGY_LABELS[r.strategy]) if r.strategy else "", r.response_plan))
    # The risk module's own heat-map counts and levels, as a small table (impact on top).
    counts = scoring.cell_counts([(a.probability, a.impact) for _r, a, _t in rated])
    heat = [[(counts[(p, i)], LEVEL_CLASSES.get(scoring.level(scoring.score(p, i), rules),
                                                "amber"))
             for p in scoring.SCALE] for i in reversed(scoring.SCALE)]
    return RisksOfNote(rows, len(rated), heat)


@dataclass(frozen=True)
class TrainingRow:
    department: str
    end_users: int
    concept: str  # share as a percentage
    operational: str
    below_target: bool


@dataclass(frozen=True)
class TrainingCoverage:
    by: str
    go_live: str
    concept_target: str
    operational_target: str
    rows: list[TrainingRow]
    chart_svg: str


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def build_training(project, as_of: date) -> TrainingCoverage:
    from app.training import charts, labels
    from app.training import service as training
    from app.training.targets import targets

    go_live = training.go_live(project).on
    by = min(as_of, go_live) if go_live else as_of  # trained so far, and never after go-live
    goal = targets()
    rows = [r for r in training.coverage_rows(project, by) if r.end_users]
    svg = charts.coverage_bars(rows, goal, labels.DEPARTMENT_LABELS, labels.KIND_LABELS,
                               _("Training coverage by department")) if rows else ""
    return TrainingCoverage(
        format_date(by, "medium"), format_date(go_live, "medium") if go_live else "",
        _percent(goal.concept), _percent(goal.operational),
        [TrainingRow(str(labels.DEPARTMENT_LABELS[r.department]), r.end_users,
                     _percent(r.share("concept")), _percent(r.share("operational")),
                     r.share("concept") < goal.concept
                     or r.share("operational") < goal.operational) for r in rows],
        str(svg))


@dataclass(frozen=True)
class HealthRow:
    title: str
    status: str  # red, amber, green, not_applicable
    status_label: str
    evidence: str


@dataclass(frozen=True)
class HealthScorecard:
    score: int | None
    status: str
    status_label: str
    rows: list[HealthRow]


def build_health(project, as_of: date) -> HealthScorecard:
    from app.governance import service as governance
    from app.governance.views import STATUS_LABELS, evidence_text

    card = governance.scorecard(project, as_of)
    rows = [HealthRow(_(r.rule.title), r.status.value, str(STATUS_LABELS[r.status]),
                      evidence_text(r.evidence[0], project.currency) if r.evidence else "")
            for r in card.results]
    return HealthScorecard(card.score, card.status.value, str(STATUS_LABELS[card.status]), rows)


@dataclass(frozen=True)
class Quote:
    code: str
    text: str
    rationale: str
    meeting: str
    held_on: str


@dataclass(frozen=True)
class SteeringQuotes:
    since: str
    until: str
    quotes: list[Quote]


def build_decisions(project, as_of: date) -> SteeringQuotes:
    from app.organisation import service as organisation

    since, until = _window(as_of)
    found = organisation.decisions(project, since, until, approved_only=True)
    return SteeringQuotes(format_date(since, "medium"), format_date(until, "medium"), [
        Quote(d.code, d.text, d.rationale, d.meeting.title, format_date(d.meeting.held_on, "long"))
        for d in found if d.meeting.group == "steering"])


register(SectionType(
    "changes", _l("Change requests decided"),
    _l("Requests approved, rejected, deferred or implemented in the last 90 days, with their "
       "schedule and cost impact."),
    build_changes, "bulletins/sections/changes.html",
    requires=("app.changes.models", "app.changes.service", "app.changes.labels")))
register(SectionType(
    "risks", _l("Risks of note"),
    _l("The highest-scoring open and monitored risks, with owner and response, and the heat "
       "map."),
    build_risks, "bulletins/sections/risks.html",
    requires=("app.risks.models", "app.risks.service", "app.risks.scoring")))
register(SectionType(
    "training", _l("Training coverage"),
    _l("Each department's share of end users trained, against the target for go-live."),
    build_training, "bulletins/sections/training.html",
    requires=("app.training.models", "app.training.service", "app.training.charts")))
register(SectionType(
    "health", _l("Health scorecard"),
    _l("The governance health score and each rule's status, with its evidence."),
    build_health, "bulletins/sections/health.html",
    requires=("app.governance.service", "app.governance.views")))
register(SectionType(
    "decisions", _l("Quotes from steering decisions"),
    _l("Decisions from the approved minutes of steering meetings in the last 90 days."),
    build_decisions, "bulletins/sections/decisions.html",
    requires=("app.organisation.models", "app.organisation.service")))
