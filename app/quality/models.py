"""Quality records: standards (the plan), QA reviews and actions, QC checkpoints, gate reviews."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.errors import DomainError
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin
from app.planning.models import Phase, PlanTask
from app.quality import gates
from app.quality.labels import (
    ACTION_STATUS_LABELS,
    CHECKPOINT_STATUS_LABELS,
    DECISION_LABELS,
    JUDGEMENT_LABELS,
    REVIEW_STATUS_LABELS,
    TARGET_LABELS,
)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _user_fk():
    return mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)


class QualityStandard(Audited, TimestampMixin, VersionedMixin, Base):
    """What "good" means for a phase or one of its deliverables, how it is checked, by whom."""

    __tablename__ = "quality_standard"
    audit_type_label = _l("Quality standard")
    audit_field_labels = {"phase_id": _l("Phase"), "deliverable": _l("Deliverable"),
                          "title": _l("Standard"), "criterion": _l("What good means"),
                          "method": _l("How it is checked"), "owner_id": _l("Owner")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    phase_id: Mapped[int] = mapped_column(sa.ForeignKey("phase.id"),
                                          index=True)
    deliverable: Mapped[str] = mapped_column(sa.String(200), default="")
    title: Mapped[str] = mapped_column(sa.String(200))
    criterion: Mapped[str] = mapped_column(sa.Text)
    method: Mapped[str] = mapped_column(sa.Text)
    owner_id: Mapped[int | None] = _user_fk()

    phase = relationship("Phase")
    owner = relationship("User")

    def __repr__(self) -> str:
        return f"<QualityStandard {self.title!r}>"

    def audit_label(self) -> str:
        return self.title


class QaReview(Audited, TimestampMixin, VersionedMixin, Base):
    """A periodic judgement of the whole project against the quality plan."""

    __tablename__ = "qa_review"
    audit_type_label = _l("QA review")
    audit_field_labels = {"review_date": _l("Review date"), "reviewer_id": _l("Reviewer"),
                          "judgement": _l("Overall judgement"), "findings": _l("Findings")}
    audit_value_labels = {"judgement": JUDGEMENT_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    review_date: Mapped[date]
    reviewer_id: Mapped[int | None] = _user_fk()
    judgement: Mapped[str] = mapped_column(sa.String(20))
    findings: Mapped[str] = mapped_column(sa.Text, default="")

    reviewer = relationship("User")
    actions: Mapped[list["QaAction"]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="QaAction.id")

    __table_args__ = (sa.CheckConstraint(_in("judgement", gates.JUDGEMENTS),
                                         name="judgement_known"),)

    def __repr__(self) -> str:
        return f"<QaReview {self.review_date}>"

    def audit_label(self) -> str:
        return f"QA {self.review_date.isoformat()}"


class QaAction(Audited, TimestampMixin, VersionedMixin, Base):
    """Something a QA review asked for: an owner, a due date, and whether it is done."""

    __tablename__ = "qa_action"
    audit_type_label = _l("QA action")
    audit_field_labels = {"review_id": _l("QA review"), "description": _l("Action"),
                          "owner_id": _l("Owner"), "due_date": _l("Due date"),
                          "status": _l("Status")}
    audit_value_labels = {"status": ACTION_STATUS_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("qa_review.id", ondelete="CASCADE"),
                                           index=True)
    description: Mapped[str] = mapped_column(sa.String(300))
    owner_id: Mapped[int | None] = _user_fk()
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="open")

    review: Mapped[QaReview] = relationship(back_populates="actions")
    owner = relationship("User")

    __table_args__ = (sa.CheckConstraint(_in("status", gates.ACTION_STATUSES),
                                         name="status_known"),)

    def __repr__(self) -> str:
        return f"<QaAction {self.description!r}>"

    def audit_label(self) -> str:
        return self.description[:80]


def checkpoint_code(number: int) -> str:
    return f"QC-{number:02d}"


class Checkpoint(Audited, TimestampMixin, VersionedMixin, Base):
    """A quality-control check of a concrete result: a task, a deliverable or a phase gate.

    Every checkpoint belongs to a phase (a task's, or the one named); all of a phase's
    checkpoints must be passed or waived before its gate can pass.
    """

    __tablename__ = "qc_checkpoint"
    audit_type_label = _l("QC checkpoint")
    audit_field_labels = {
        "number": _l("Sequence number"), "title": _l("Checkpoint"), "target": _l("Checks"),
        "phase_id": _l("Phase"), "task_id": _l("Task"), "deliverable": _l("Deliverable"),
        "criteria": _l("Criteria"), "reviewer_id": _l("Reviewer"), "evidence": _l("Evidence"),
        "status": _l("Status"), "waiver_rationale": _l("Waiver rationale"),
        "waived_by_label": _l("Waived by"), "waived_at": _l("Waived at"),
    }
    audit_value_labels = {"status": CHECKPOINT_STATUS_LABELS, "target": TARGET_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    target: Mapped[str] = mapped_column(sa.String(20))
    phase_id: Mapped[int] = mapped_column(sa.ForeignKey("phase.id"),
                                          index=True)
    task_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_task.id"), index=True)
    deliverable: Mapped[str] = mapped_column(sa.String(200), default="")
    criteria: Mapped[str] = mapped_column(sa.Text)
    reviewer_id: Mapped[int | None] = _user_fk()
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    waiver_rationale: Mapped[str] = mapped_column(sa.Text, default="")
    waived_by_id: Mapped[int | None] = _user_fk()
    waived_by_label: Mapped[str] = mapped_column(sa.String(200), default="")
    waived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    phase = relationship("Phase")
    task = relationship("PlanTask")
    reviewer = relationship("User", foreign_keys=[reviewer_id])

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_qc_checkpoint_project_number"),
        sa.CheckConstraint(_in("status", gates.CHECKPOINT_STATUSES), name="status_known"),
        sa.CheckConstraint(_in("target", gates.TARGETS), name="target_known"),
        sa.CheckConstraint("(status = 'waived') = (waived_at IS NOT NULL)",
                           name="waiver_recorded"),
    )

    def __repr__(self) -> str:
        return f"<Checkpoint {self.code}>"

    @property
    def code(self) -> str:
        return checkpoint_code(self.number)

    def audit_label(self) -> str:
        return self.code


class GateReview(Audited, TimestampMixin, VersionedMixin, Base):
    """The steering committee's review of a phase gate: exit criteria, then one decision.

    A decided review is immutable; a later decision on the same gate supersedes it.
    """

    __tablename__ = "gate_review"
    audit_type_label = _l("Gate review")
    audit_field_labels = {
        "phase_id": _l("Phase"), "status": _l("Status"), "exit_criteria": _l("Exit criteria"),
        "decision": _l("Decision"), "conditions": _l("Conditions"),
        "meeting_date": _l("Meeting date"), "present_labels": _l("Steering members present"),
        "present_ids": _l("Steering members present (ids)"),
        "decided_by_label": _l("Recorded by"), "decided_at": _l("Recorded at"),
        "superseded_by_id": _l("Superseded by"),
    }
    audit_value_labels = {"decision": DECISION_LABELS, "status": REVIEW_STATUS_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    phase_id: Mapped[int] = mapped_column(sa.ForeignKey("phase.id"),
                                          index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    exit_criteria: Mapped[str] = mapped_column(sa.Text, default="")
    decision: Mapped[str | None] = mapped_column(sa.String(30))
    conditions: Mapped[str] = mapped_column(sa.Text, default="")
    meeting_date: Mapped[date | None]
    present_ids: Mapped[str] = mapped_column(sa.String(400), default="")
    present_labels: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = _user_fk()
    decided_by_label: Mapped[str] = mapped_column(sa.String(200), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("gate_review.id", ondelete="SET NULL"), index=True)

    phase = relationship("Phase")

    __table_args__ = (
        sa.CheckConstraint(_in("status", gates.REVIEW_STATUSES), name="status_known"),
        sa.CheckConstraint("decision IS NULL OR " + _in("decision", gates.DECISIONS),
                           name="decision_known"),
        sa.CheckConstraint("(status = 'open') = (decision IS NULL)", name="decided_has_decision"),
        sa.CheckConstraint("status = 'open' OR meeting_date IS NOT NULL",
                           name="decided_has_meeting"),
        sa.CheckConstraint("decision IS NULL OR decision <> 'pass_with_conditions' "
                           "OR conditions <> ''", name="conditions_given"),
        # One open review per gate, even when two people open one at the same moment.
        sa.Index("uq_gate_review_one_open", "phase_id", unique=True,
                 sqlite_where=sa.text("status = 'open'"),
                 postgresql_where=sa.text("status = 'open'")),
    )

    def __repr__(self) -> str:
        return f"<GateReview {self.phase_id} {self.status} {self.decision}>"

    def audit_label(self) -> str:
        return f"gate {self.phase_id} #{self.id}"

    @property
    def criteria_list(self) -> list[str]:
        return gates.criteria_lines(self.exit_criteria)


# A phase or task that quality records refer to cannot vanish under them: the database would
# refuse the delete, and these say why in words, so the plan page shows a message, not an error.
@event.listens_for(Phase, "before_delete")
def _keep_phase_with_quality_records(_mapper, connection, phase: Phase) -> None:
    for model in (QualityStandard, Checkpoint, GateReview):
        if connection.execute(sa.select(model.id).where(model.phase_id == phase.id)
                              .limit(1)).first():
            raise DomainError(_l("This phase has quality standards, checkpoints or gate "
                                 "reviews; they keep the phase. Nothing was deleted."))


@event.listens_for(PlanTask, "before_delete")
def _keep_task_with_checkpoints(_mapper, connection, task: PlanTask) -> None:
    if connection.execute(sa.select(Checkpoint.id).where(Checkpoint.task_id == task.id)
                          .limit(1)).first():
        raise DomainError(_l("A QC checkpoint checks this task: point the checkpoint at "
                             "something else first. Nothing was deleted."))
