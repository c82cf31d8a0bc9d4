"""Quality operations: the quality plan, QC checkpoints and waivers, and the gate summaries
other pages (the health scorecard) read. QA reviews live in qa_reviews.py, gate reviews in
gate_reviews.py.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import has_request_context, url_for
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.core.permissions import TEAM, require
from app.extensions import db
from app.planning import service as planning
from app.planning.models import Phase
from app.projects.models import Project
from app.quality import gates
from app.quality.labels import CHECKPOINT_STATUS_LABELS
from app.quality.models import Checkpoint, GateReview, QualityStandard


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _in(model, project: Project, record_id):
    record = db.session.get(model, record_id) if isinstance(record_id, int) else None
    return record if record is not None and record.project_id == project.id else None


def team(project: Project) -> list[User]:
    """The people who may own, review or act: the project team (staff excluded)."""
    return list(db.session.execute(
        sa.select(User).join(Membership).where(
            Membership.project_id == project.id,
            Membership.role.in_([r.value for r in TEAM])).order_by(User.name)).scalars())


def _check_person(project: Project, user_id: int | None, what) -> None:
    if user_id is not None and user_id not in {u.id for u in team(project)}:
        raise DomainError(_l("The %(what)s must be on the project team.", what=what))


def _check_phase(project: Project, phase_id) -> Phase:
    phase = planning.phase_in(project, phase_id)
    if phase is None:
        raise DomainError(_l("Choose a phase of this project."))
    return phase


# -- the quality plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardData:
    phase_id: int
    deliverable: str
    title: str
    criterion: str
    method: str
    owner_id: int | None


def standards(project: Project) -> list[QualityStandard]:
    return list(db.session.execute(
        sa.select(QualityStandard).join(Phase).where(QualityStandard.project_id == project.id)
        .options(sa.orm.contains_eager(QualityStandard.phase),
                 sa.orm.selectinload(QualityStandard.owner))
        .order_by(Phase.position, QualityStandard.deliverable, QualityStandard.id)).scalars())


def standard_in(project: Project, standard_id) -> QualityStandard | None:
    return _in(QualityStandard, project, standard_id)


def _apply_standard(project: Project, standard: QualityStandard, data: StandardData) -> None:
    _check_phase(project, data.phase_id)
    _check_person(project, data.owner_id, _l("owner"))
    for key, value in data.__dict__.items():
        if getattr(standard, key) != value:
            setattr(standard, key, value)


@transactional
def create_standard(actor: User | None, project: Project, data: StandardData) -> QualityStandard:
    _require(actor, project, "quality.edit")
    standard = QualityStandard(project_id=project.id)
    _apply_standard(project, standard, data)
    db.session.add(standard)
    db.session.flush()
    return standard


@transactional
def update_standard(actor: User | None, project: Project, standard: QualityStandard, version,
                    data: StandardData) -> QualityStandard:
    _require(actor, project, "quality.edit")
    check_version(standard, version)
    _apply_standard(project, standard, data)
    return standard


# -- QC checkpoints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckpointData:
    title: str
    target: str
    phase_id: int | None
    task_id: int | None
    deliverable: str
    criteria: str
    reviewer_id: int | None
    evidence: str
    status: str


def checkpoints(project: Project, status: str | None = None,
                phase_id: int | None = None) -> list[Checkpoint]:
    query = (sa.select(Checkpoint).join(Phase).where(Checkpoint.project_id == project.id)
             .options(sa.orm.contains_eager(Checkpoint.phase),
                      sa.orm.selectinload(Checkpoint.task),
                      sa.orm.selectinload(Checkpoint.reviewer))
             .order_by(Phase.position, Checkpoint.number))
    if status:
        query = query.where(Checkpoint.status == status)
    if phase_id:
        query = query.where(Checkpoint.phase_id == phase_id)
    return list(db.session.execute(query).scalars())


def checkpoint_in(project: Project, checkpoint_id) -> Checkpoint | None:
    return _in(Checkpoint, project, checkpoint_id)


def _apply_checkpoint(project: Project, checkpoint: Checkpoint, data: CheckpointData) -> None:
    if data.target not in gates.TARGETS:
        raise DomainError(_l("Choose what the checkpoint checks."))
    if data.status not in ("pending", "passed", "failed"):
        raise DomainError(_l("A checkpoint is pending, passed or failed; only the sponsor "
                             "waives one, with a rationale."))
    phase_id = data.phase_id
    if data.target == "task":
        task = planning.task_in(project, data.task_id)
        if task is None:
            raise DomainError(_l("Choose the task this checkpoint checks."))
        phase_id = task.phase_id  # a task's checkpoint counts toward its own phase's gate
    elif data.target == "deliverable" and not data.deliverable.strip():
        raise DomainError(_l("Name the deliverable this checkpoint checks."))
    _check_phase(project, phase_id)
    _check_person(project, data.reviewer_id, _l("reviewer"))
    if data.status in ("passed", "failed") and not data.evidence.strip():
        raise DomainError(_l("Record the evidence for a passed or failed checkpoint."))
    values = {**data.__dict__, "phase_id": phase_id,
              "task_id": data.task_id if data.target == "task" else None,
              "deliverable": data.deliverable.strip() if data.target != "task" else ""}
    for key, value in values.items():
        if getattr(checkpoint, key) != value:
            setattr(checkpoint, key, value)


@transactional
def create_checkpoint(actor: User | None, project: Project, data: CheckpointData) -> Checkpoint:
    _require(actor, project, "quality.edit")
    checkpoint = Checkpoint(project_id=project.id)
    with db.session.no_autoflush:
        _apply_checkpoint(project, checkpoint, data)
    checkpoint.number = next_number(project.id, "qc_checkpoint")
    db.session.add(checkpoint)
    db.session.flush()
    return checkpoint


@transactional
def update_checkpoint(actor: User | None, project: Project, checkpoint: Checkpoint, version,
                      data: CheckpointData) -> Checkpoint:
    _require(actor, project, "quality.edit")
    check_version(checkpoint, version)
    if checkpoint.status == "waived":
        raise DomainError(_l("%(code)s was waived by the sponsor; a waiver stands as recorded.",
                             code=checkpoint.code))
    _apply_checkpoint(project, checkpoint, data)
    return checkpoint


@transactional
def waive_checkpoint(actor: User | None, project: Project, checkpoint: Checkpoint, version,
                     rationale: str, by: User | None = None, *,
                     at: datetime | None = None) -> Checkpoint:
    """The sponsor accepts a checkpoint that did not pass, and says why (who and when kept).
    `at`: an earlier moment the waiver was given (the demo seed: at the gate meeting); the
    audit trail still stamps the row when it is written."""
    _require(actor, project, "quality.waive")
    check_version(checkpoint, version)
    if checkpoint.status in gates.CLEARED:
        raise DomainError(_l("%(code)s has the status %(status)s: there is nothing to waive.",
                             code=checkpoint.code,
                             status=CHECKPOINT_STATUS_LABELS[checkpoint.status]))
    if not rationale.strip():
        raise DomainError(_l("A waiver needs a rationale."))
    signer = actor or by
    # Read the signer before changing anything: loading it must not flush a half-made waiver.
    who = (signer.id, signer.name) if signer else (None, "system")
    checkpoint.waived_by_id, checkpoint.waived_by_label = who
    checkpoint.status, checkpoint.waiver_rationale = "waived", rationale.strip()
    now = utcnow()
    checkpoint.waived_at = now if at is None or at > now else at
    return checkpoint


def checkpoint_counts(project: Project) -> gates.CheckpointCounts:
    """The project's checkpoints by status, all phases together."""
    rows = db.session.execute(sa.select(Checkpoint.status)
                              .where(Checkpoint.project_id == project.id)).scalars()
    return gates.count(rows)


# -- gate summaries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GateStatus:
    """One phase gate as the scorecard and the gates overview see it."""

    phase_id: int
    phase_position: int
    phase_name: str
    gate_name: str
    gate_date: date | None
    decision: str | None
    decided_on: date | None
    total: int
    passed: int
    waived: int
    failed: int
    pending: int
    url: str

    @property
    def passed_gate(self) -> bool:
        return self.decision in gates.PASSING


def current_decisions(project: Project) -> dict[int, GateReview]:
    """Each phase's standing decision: its decided (not superseded) gate review."""
    rows = db.session.execute(sa.select(GateReview).where(
        GateReview.project_id == project.id, GateReview.status == "decided")).scalars()
    return {r.phase_id: r for r in rows}


def gate_dates(plan: planning.ScheduledPlan) -> dict[int, date | None]:
    """Each phase's gate date: the scheduled finish of its tasks."""
    finishes: dict[int, list[date]] = {p.id: [] for p in plan.phases}
    for task in plan.tasks:
        finishes[task.phase_id].append(plan.result[task.id].early_finish)
    return {pid: gates.phase_finish(days) for pid, days in finishes.items()}


def gate_summary(project: Project, plan: planning.ScheduledPlan | None = None
                 ) -> list[GateStatus]:
    plan = plan or planning.scheduled(project)
    dates, decided = gate_dates(plan), current_decisions(project)
    by_phase: dict[int, list[str]] = {p.id: [] for p in plan.phases}
    for phase_id, status in db.session.execute(
            sa.select(Checkpoint.phase_id, Checkpoint.status)
            .where(Checkpoint.project_id == project.id)):
        by_phase[phase_id].append(status)
    summary = []
    for phase in plan.phases:
        counts, review = gates.count(by_phase[phase.id]), decided.get(phase.id)
        summary.append(GateStatus(
            phase.id, phase.position, phase.name, phase.gate, dates[phase.id],
            review.decision if review else None, review.meeting_date if review else None,
            counts.total, counts.passed, counts.waived, counts.failed, counts.pending,
            _gate_url(project, phase)))
    return summary


def _gate_url(project: Project, phase: Phase) -> str:
    if has_request_context():
        return url_for("quality.gate", code=project.code, gate_phase_id=phase.id)
    # Outside a request (a command, a scheduled job) there is no URL adapter: the plain path.
    return f"/projects/{project.code}/quality/gates/{phase.id}"
