"""Gate review operations: open a review of a phase gate, keep its exit criteria, decide it.

A decision is a governed record: audited, versioned, immutable once made; a later decision
on the same gate supersedes the standing one.
"""

import itertools
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.accounts.models import Membership, User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.core.permissions import COMMITTEE, require
from app.extensions import db
from app.planning import service as planning
from app.planning.models import Phase
from app.projects.models import Project
from app.quality import gates, service
from app.quality.labels import CHECKPOINT_STATUS_LABELS
from app.quality.models import GateReview

_ALREADY_OPEN = _l("This gate already has an open review: decide it first.")


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def committee(project: Project) -> list[User]:
    """Who may be recorded as present: the sponsor and the steering committee members."""
    return list(db.session.execute(
        sa.select(User).join(Membership).where(
            Membership.project_id == project.id,
            Membership.role.in_([r.value for r in COMMITTEE])).order_by(User.name)).scalars())


def reviews_of(project: Project, phase: Phase) -> list[GateReview]:
    """Every review of the gate, newest first."""
    return list(db.session.execute(
        sa.select(GateReview).where(GateReview.project_id == project.id,
                                    GateReview.phase_id == phase.id)
        .order_by(GateReview.id.desc())).scalars())


def review_in(project: Project, review_id) -> GateReview | None:
    review = db.session.get(GateReview, review_id) if isinstance(review_id, int) else None
    return review if review is not None and review.project_id == project.id else None


def _open_review(project: Project, phase: Phase) -> GateReview | None:
    return next((r for r in reviews_of(project, phase) if r.status == "open"), None)


@transactional
def open_review(actor: User | None, project: Project, phase: Phase,
                exit_criteria: str) -> GateReview:
    """Start a review of the phase's gate; the last review's exit criteria carry over."""
    _require(actor, project, "quality.edit")
    if _open_review(project, phase) is not None:
        raise DomainError(_ALREADY_OPEN)
    criteria = "\n".join(gates.criteria_lines(exit_criteria))
    if not criteria:
        last = next(iter(reviews_of(project, phase)), None)
        criteria = last.exit_criteria if last else ""
    review = GateReview(project_id=project.id, phase_id=phase.id, status="open",
                        exit_criteria=criteria)
    db.session.add(review)
    try:
        db.session.flush()
    except IntegrityError:  # someone opened one in the same moment (the unique index)
        raise DomainError(_ALREADY_OPEN) from None
    return review


def _refuse_decided(review: GateReview) -> None:
    if review.status != "open":
        raise DomainError(_l("This gate review was decided and cannot change; open a new "
                             "review of the gate to supersede it."))


@transactional
def update_exit_criteria(actor: User | None, project: Project, review: GateReview, version,
                         exit_criteria: str) -> GateReview:
    _require(actor, project, "quality.edit")
    check_version(review, version)
    _refuse_decided(review)
    review.exit_criteria = "\n".join(gates.criteria_lines(exit_criteria))
    return review


@dataclass(frozen=True)
class Decision:
    decision: str
    conditions: str
    meeting_date: date
    present_ids: tuple[int, ...]


def _checkpoint_refs(project: Project, phase: Phase) -> list[gates.CheckpointRef]:
    return [gates.CheckpointRef(c.code, c.title, c.status)
            for c in service.checkpoints(project, phase_id=phase.id)]


@transactional
def decide(actor: User | None, project: Project, review: GateReview, version,
           data: Decision, by: User | None = None) -> GateReview:
    """Record the committee's decision; a pass is refused while a checkpoint is open."""
    _require(actor, project, "quality.decide")
    check_version(review, version)
    _refuse_decided(review)
    if data.decision not in gates.DECISIONS:
        raise DomainError(_l("Choose pass, pass with conditions or fail."))
    conditions = data.conditions.strip()
    if data.decision == "pass_with_conditions" and not conditions:
        raise DomainError(_l("Write down the conditions of the pass."))
    members = {u.id: u for u in committee(project)}
    present = sorted(set(data.present_ids))
    if not present or any(i not in members for i in present):
        raise DomainError(_l("Record which steering committee members were present."))
    phase = planning.phase_in(project, review.phase_id)
    blocking = gates.blockers(data.decision, _checkpoint_refs(project, phase))
    if blocking:
        names = "; ".join(f"{c.code} {c.title} ({CHECKPOINT_STATUS_LABELS[c.status]})"
                          for c in blocking)
        raise DomainError(_l("The gate cannot pass while checkpoints are pending or failed: "
                             "%(names)s. Pass them, or ask the sponsor to waive them with a "
                             "rationale. Nothing was recorded.", names=names))
    signer = actor or by
    who = (signer.id, signer.name) if signer else (None, "system")
    for earlier in reviews_of(project, phase):
        if earlier.status == "decided":
            earlier.status, earlier.superseded_by_id = "superseded", review.id
    review.status, review.decision = "decided", data.decision
    review.conditions = conditions if data.decision == "pass_with_conditions" else ""
    review.meeting_date = data.meeting_date
    review.present_ids = ",".join(str(i) for i in present)
    review.present_labels = "; ".join(members[i].name for i in present)
    review.decided_by_id, review.decided_by_label = who
    review.decided_at = utcnow()
    return review


@dataclass(frozen=True)
class GatePage:
    """What the gate page shows: the gate, its reviews, checkpoints and early starts."""

    phase: Phase
    status: service.GateStatus
    next_phase: Phase | None
    early: list[gates.EarlyStart]
    reviews: list[GateReview]


def early_starts_by_gate(project: Project, plan: planning.ScheduledPlan,
                         summary: list[service.GateStatus]) -> dict[int, list[gates.EarlyStart]]:
    """For each phase gate, the next phase's tasks that start before the gate passed."""
    flagged: dict[int, list[gates.EarlyStart]] = {}
    for here, after in itertools.pairwise(summary):
        starts = [gates.TaskStart(t.id, t.name, plan.result[t.id].early_start, t.actual_start)
                  for t in plan.tasks if t.phase_id == after.phase_id]
        passed_on = here.decided_on if here.passed_gate else None
        flagged[here.phase_id] = gates.early_starts(starts, here.gate_date, passed_on)
    return flagged


def gate_page(project: Project, phase: Phase) -> GatePage:
    plan = planning.scheduled(project)
    summary = service.gate_summary(project, plan)
    index = next(i for i, s in enumerate(summary) if s.phase_id == phase.id)
    early = early_starts_by_gate(project, plan, summary)
    next_phase = plan.phases[index + 1] if index + 1 < len(plan.phases) else None
    return GatePage(phase, summary[index], next_phase, early.get(phase.id, []),
                    reviews_of(project, phase))
