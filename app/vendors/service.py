"""Evaluation operations: evaluations, criteria and weights (direct or AHP), evaluators, scores."""

import functools
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, check_version
from app.core.permissions import TEAM, require
from app.extensions import db
from app.projects.models import Project
from app.vendors import scoring
from app.vendors.funnel import IN_CONTENTION
from app.vendors.models import Criterion, Evaluation, Evaluator, Score, Vendor

CRITERIA_FILE = Path(__file__).resolve().parents[2] / "seeds" / "vendor_criteria.toml"
MAX_CRITERIA = 12


@functools.cache
def default_criteria() -> tuple[dict, ...]:
    data = tomllib.loads(CRITERIA_FILE.read_text(encoding="utf-8"))["criteria"]
    if sum(c["weight"] for c in data) != 100:
        raise ValueError("default criteria weights must total 100")
    return tuple(data)


def _check(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _touch(record) -> None:
    """Move a record's version although none of its own columns changed."""
    record.updated_at = datetime.now(UTC)


# --- Reading ----------------------------------------------------------------------------------


def evaluations(project: Project) -> list[Evaluation]:
    return list(db.session.execute(
        sa.select(Evaluation).where(Evaluation.project_id == project.id)
        .order_by(Evaluation.created_at.desc(), Evaluation.id.desc())).scalars())


def record_in(model, project: Project, record_id: int):
    """The `model` row with this id if it belongs to `project`, else None."""
    record = db.session.get(model, record_id)
    return record if record is not None and record.project_id == project.id else None


def evaluator_of(evaluation: Evaluation, user) -> Evaluator | None:
    return next((e for e in evaluation.evaluators if e.user_id == getattr(user, "id", None)),
                None)


def scored_vendors(evaluation: Evaluation) -> list[Vendor]:
    """The vendors evaluators score: those on the shortlist or past it, still in the running."""
    return [v for v in evaluation.vendors if v.stage in IN_CONTENTION]


def scores_of(evaluator: Evaluator) -> dict[tuple[int, int], Score]:
    rows = db.session.execute(sa.select(Score).where(Score.evaluator_id == evaluator.id)).scalars()
    return {(s.vendor_id, s.criterion_id): s for s in rows}


def team_choices(project: Project, evaluation: Evaluation) -> list[tuple[int, str]]:
    taken = {e.user_id for e in evaluation.evaluators}
    rows = db.session.execute(
        sa.select(User.id, User.name).join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id,
               Membership.role.in_([r.value for r in TEAM]), User.active)
        .order_by(User.name)).all()
    return [(uid, name) for uid, name in rows if uid not in taken]


# --- Evaluations and criteria -----------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationData:
    title: str
    purpose: str
    tco_years: int


def _validate_evaluation(project: Project, data: EvaluationData, current: Evaluation | None):
    if not data.title.strip():
        raise DomainError(_l("Give the evaluation a title."))
    if not 1 <= data.tco_years <= 15:
        raise DomainError(_l("The total cost of ownership covers 1 to 15 years."))
    clash = db.session.execute(sa.select(Evaluation.id).where(
        Evaluation.project_id == project.id, Evaluation.title == data.title)).scalar()
    if clash is not None and (current is None or clash != current.id):
        raise DomainError(_l("Another evaluation already has this title."))


@transactional
def create_evaluation(actor: User | None, project: Project, data: EvaluationData) -> Evaluation:
    """A new evaluation with the default criteria and weights from seeds/vendor_criteria.toml."""
    _check(actor, project, "vendors.manage")
    _validate_evaluation(project, data, None)
    evaluation = Evaluation(project_id=project.id, title=data.title, purpose=data.purpose,
                            tco_years=data.tco_years, weights_method="direct", pairwise="")
    db.session.add(evaluation)
    db.session.flush()
    for position, spec in enumerate(default_criteria()):
        db.session.add(Criterion(project_id=project.id, evaluation=evaluation,
                                 position=position, key=spec["key"], name=spec["name"],
                                 guide=spec["guide"].strip(), weight=spec["weight"]))
    db.session.flush()
    return evaluation


@transactional
def update_evaluation(actor: User, project: Project, evaluation: Evaluation, version,
                      data: EvaluationData) -> Evaluation:
    _check(actor, project, "vendors.manage")
    check_version(evaluation, version)
    _validate_evaluation(project, data, evaluation)
    evaluation.title, evaluation.purpose = data.title, data.purpose
    evaluation.tco_years = data.tco_years
    return evaluation


def _scored(criterion: Criterion) -> bool:
    return db.session.execute(sa.select(Score.id).where(
        Score.criterion_id == criterion.id).limit(1)).first() is not None


@dataclass(frozen=True)
class CriterionData:
    name: str
    guide: str


def _unique_name(evaluation: Evaluation, name: str, current: Criterion | None) -> None:
    if any(c.name == name and c is not current for c in evaluation.criteria):
        raise DomainError(_l("The evaluation already has a criterion with this name."))


@transactional
def add_criterion(actor: User | None, project: Project, evaluation: Evaluation, version,
                  data: CriterionData) -> Criterion:
    """A new criterion starts at weight 0, so the weights still total 100; weigh it next."""
    _check(actor, project, "vendors.manage")
    check_version(evaluation, version)
    if len(evaluation.criteria) >= MAX_CRITERIA:
        raise DomainError(_l("An evaluation has at most %(n)d criteria.", n=MAX_CRITERIA))
    _unique_name(evaluation, data.name, None)
    criterion = Criterion(project_id=project.id, evaluation=evaluation,
                          position=len(evaluation.criteria), key="", name=data.name,
                          guide=data.guide, weight=0)
    db.session.add(criterion)
    _touch(evaluation)
    db.session.flush()
    return criterion


@transactional
def update_criterion(actor: User, project: Project, criterion: Criterion, version,
                     data: CriterionData) -> Criterion:
    _check(actor, project, "vendors.manage")
    check_version(criterion, version)
    _unique_name(criterion.evaluation, data.name, criterion)
    criterion.name, criterion.guide = data.name, data.guide
    return criterion


@transactional
def delete_criterion(actor: User, project: Project, criterion: Criterion, version) -> None:
    _check(actor, project, "vendors.manage")
    check_version(criterion, version)
    if criterion.weight:
        raise DomainError(_l("Set this criterion's weight to 0 first, so the others still "
                             "total 100."))
    if _scored(criterion):
        raise DomainError(_l("Evaluators have scored this criterion: it stays."))
    evaluation = criterion.evaluation
    _touch(evaluation)
    evaluation.criteria.remove(criterion)
    db.session.delete(criterion)


@transactional
def set_weights(actor: User | None, project: Project, evaluation: Evaluation, version,
                weights: dict[int, int]) -> Evaluation:
    """Weights entered directly: whole percentages, one per criterion, totalling 100."""
    _check(actor, project, "vendors.manage")
    check_version(evaluation, version)
    by_id = {c.id: c for c in evaluation.criteria}
    if set(weights) != set(by_id):
        raise DomainError(_l("Give a weight for every criterion."))
    if any(not 0 <= w <= 100 for w in weights.values()):
        raise DomainError(_l("Each weight is a whole percentage from 0 to 100."))
    total = sum(weights.values())
    if total != 100:
        raise DomainError(_l("The weights total %(total)d; they must total 100.", total=total))
    for cid, weight in weights.items():
        by_id[cid].weight = weight
    evaluation.weights_method = "direct"
    _touch(evaluation)
    return evaluation


SAATY_VALUES = [*(str(v) for v in scoring.SCALE), *(f"1/{v}" for v in reversed(scoring.SCALE)
                                                    if v != 1)]


def parse_judgment(text: str) -> Fraction:
    if text not in SAATY_VALUES:
        raise DomainError(_l("Use a value of Saaty's scale, from 1/9 to 9."))
    return Fraction(text)


def pairwise_of(evaluation: Evaluation) -> dict[tuple[int, int], str]:
    """The stored comparisons by criterion ids (first id's importance over the second's)."""
    found = {}
    for part in filter(None, evaluation.pairwise.split(";")):
        pair, _sep, value = part.partition("=")
        a, _sep, b = pair.partition(",")
        if a.isdigit() and b.isdigit() and value in SAATY_VALUES:
            found[int(a), int(b)] = value
    return found


def ahp_of(evaluation: Evaluation, judgments: dict[tuple[int, int], str]) -> scoring.AhpResult:
    ids = [c.id for c in evaluation.criteria]
    index = {cid: i for i, cid in enumerate(ids)}
    given = {}
    for (a, b), text in judgments.items():
        if a not in index or b not in index or a == b:
            raise DomainError(_l("The comparisons name criteria of another evaluation."))
        i, j, value = index[a], index[b], parse_judgment(text)
        given[(i, j) if i < j else (j, i)] = value if i < j else 1 / value
    return scoring.ahp(scoring.pairwise_matrix(len(ids), given))


@transactional
def apply_pairwise(actor: User | None, project: Project, evaluation: Evaluation, version,
                   judgments: dict[tuple[int, int], str]) -> scoring.AhpResult:
    """Derive the weights from pairwise comparisons; refused while they contradict each other."""
    _check(actor, project, "vendors.manage")
    check_version(evaluation, version)
    result = ahp_of(evaluation, judgments)
    if not result.consistent:
        raise DomainError(_l("The comparisons contradict each other (consistency ratio "
                             "%(cr).2f, above 0.10). Revise them; the weights were not changed.",
                             cr=result.consistency_ratio))
    for criterion, weight in zip(evaluation.criteria, scoring.percentages(result.weights),
                                 strict=True):
        criterion.weight = weight
    evaluation.weights_method = "ahp"
    evaluation.pairwise = ";".join(f"{a},{b}={v}" for (a, b), v in sorted(judgments.items()))
    _touch(evaluation)
    return result


# --- Evaluators and scores --------------------------------------------------------------------


@transactional
def add_evaluator(actor: User | None, project: Project, evaluation: Evaluation,
                  user_id: int) -> Evaluator:
    _check(actor, project, "vendors.manage")
    if user_id not in dict(team_choices(project, evaluation)):
        raise DomainError(_l("Choose a member of the project team who is not yet an evaluator."))
    evaluator = Evaluator(project_id=project.id, evaluation=evaluation, user_id=user_id)
    db.session.add(evaluator)
    db.session.flush()
    return evaluator


@transactional
def remove_evaluator(actor: User, project: Project, evaluator: Evaluator, version) -> None:
    _check(actor, project, "vendors.manage")
    check_version(evaluator, version)
    if evaluator.submitted_at is not None or scores_of(evaluator):
        raise DomainError(_l("This evaluator has already scored: the scores stay on record."))
    evaluator.evaluation.evaluators.remove(evaluator)
    db.session.delete(evaluator)


def _my_card(actor: User | None, project: Project, evaluation: Evaluation,
             evaluator: Evaluator | None) -> Evaluator:
    _check(actor, project, "vendors.score")
    if evaluator is None or evaluator.evaluation_id != evaluation.id or (
            actor is not None and evaluator.user_id != actor.id):
        raise PermissionDenied(_l("Only the evaluators named on this evaluation score it."))
    if evaluator.submitted_at is not None:
        raise DomainError(_l("Your scores are submitted and final."))
    return evaluator


@transactional
def save_scores(actor: User | None, project: Project, evaluation: Evaluation,
                evaluator: Evaluator | None, version, vendor: Vendor,
                entries: dict[int, tuple[int | None, str]]) -> int:
    """Save one evaluator's scores of one vendor: {criterion id: (1..5 or None, evidence)}."""
    evaluator = _my_card(actor, project, evaluation, evaluator)
    check_version(evaluator, version)
    if vendor.evaluation_id != evaluation.id or vendor.stage not in IN_CONTENTION:
        raise DomainError(_l("Only vendors on the shortlist or past it are scored."))
    criteria = {c.id: c for c in evaluation.criteria}
    if not set(entries) <= set(criteria):
        raise DomainError(_l("The scores name criteria of another evaluation."))
    existing = scores_of(evaluator)
    changed = 0
    for cid, (value, evidence) in entries.items():
        row = existing.get((vendor.id, cid))
        if value is None:
            if evidence.strip():
                raise DomainError(_l("%(criterion)s: give a score from 1 to 5 with the evidence.",
                                     criterion=criteria[cid].name))
            if row is not None:
                db.session.delete(row)
                changed += 1
            continue
        if not 1 <= value <= 5:
            raise DomainError(_l("Scores go from 1 to 5."))
        if not evidence.strip():
            raise DomainError(_l("%(criterion)s: give the evidence for your score.",
                                 criterion=criteria[cid].name))
        if row is None:
            db.session.add(Score(project_id=project.id, evaluator_id=evaluator.id,
                                 vendor_id=vendor.id, criterion_id=cid, value=value,
                                 evidence=evidence))
            changed += 1
        elif (row.value, row.evidence) != (value, evidence):
            row.value, row.evidence = value, evidence
            changed += 1
    _touch(evaluator)
    return changed


def missing_scores(evaluation: Evaluation, evaluator: Evaluator) -> list[tuple[Vendor, Criterion]]:
    have = scores_of(evaluator)
    return [(v, c) for v in scored_vendors(evaluation) for c in evaluation.criteria
            if (v.id, c.id) not in have]


@transactional
def submit_scores(actor: User | None, project: Project, evaluation: Evaluation,
                  evaluator: Evaluator | None, version) -> Evaluator:
    """Submit a complete scorecard: it becomes final and the results become visible to its
    author."""
    evaluator = _my_card(actor, project, evaluation, evaluator)
    check_version(evaluator, version)
    if not scored_vendors(evaluation):
        raise DomainError(_l("No vendor is shortlisted yet: there is nothing to submit."))
    missing = missing_scores(evaluation, evaluator)
    if missing:
        vendor, criterion = missing[0]
        raise DomainError(_l("Score every shortlisted vendor on every criterion first: "
                             "%(count)d missing, e.g. %(vendor)s on %(criterion)s.",
                             count=len(missing), vendor=vendor.name, criterion=criterion.name))
    evaluator.submitted_at = datetime.now(UTC)
    return evaluator
