"""Change requests: the request, its structured operations, votes, comments and decision."""

import json
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.changes.labels import (
    CATEGORY_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    VOTE_LABELS,
)
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.numbering import format_number

STATUSES = ("draft", "submitted", "under_review", "approved", "rejected", "deferred",
            "implemented", "withdrawn")
OPEN = ("submitted", "under_review", "deferred")
CATEGORIES = ("scope", "schedule", "budget", "requirement", "vendor", "other")
URGENCIES = ("low", "normal", "high", "critical")
VOTES = ("approve", "reject", "defer", "abstain")
MONEY = sa.Numeric(16, 2)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def cr_code(number: int) -> str:
    return format_number("CR", number, 4)


class ChangeRequest(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "change_request"
    audit_type_label = _l("Change request")
    audit_field_labels = {
        "number": _l("Sequence number"), "title": _l("Title"), "rationale": _l("Rationale"),
        "requester_id": _l("Requester"), "category": _l("Category"), "urgency": _l("Urgency"),
        "status": _l("Status"), "submitted_at": _l("Submitted"),
        "impact_json": _l("Impact analysis"), "impact_fingerprint": _l("Analysed plan state"),
        "impact_at": _l("Analysed at"), "finish_shift": _l("Finish shift (working days)"),
        "cost_delta": _l("Cost change"), "decision_rationale": _l("Decision rationale"),
        "meeting_date": _l("Meeting date"), "decided_by_label": _l("Decided by"),
        "decided_at": _l("Decided at"), "implemented_at": _l("Implemented at"),
    }
    audit_value_labels = {"status": STATUS_LABELS, "category": CATEGORY_LABELS,
                          "urgency": URGENCY_LABELS}
    audit_exclude = frozenset({"created_at", "updated_at", "impact_json"})

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    requester_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    requester_label: Mapped[str] = mapped_column(sa.String(200))
    category: Mapped[str] = mapped_column(sa.String(20))
    urgency: Mapped[str] = mapped_column(sa.String(10), default="normal")
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    impact_json: Mapped[str | None] = mapped_column(sa.Text)
    impact_fingerprint: Mapped[str | None] = mapped_column(sa.String(64))
    impact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finish_shift: Mapped[int | None]
    cost_delta: Mapped[Decimal | None] = mapped_column(MONEY)
    decision_rationale: Mapped[str] = mapped_column(sa.Text, default="")
    meeting_date: Mapped[date | None]
    decided_by_label: Mapped[str] = mapped_column(sa.String(200), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    implemented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requester = relationship("User")
    operations: Mapped[list["ChangeOperation"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ChangeOperation.position")
    votes: Mapped[list["ChangeVote"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ChangeVote.id")
    comments: Mapped[list["ChangeComment"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ChangeComment.id")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_change_request_project_number"),
        sa.CheckConstraint(_in("status", STATUSES), name="status_known"),
        sa.CheckConstraint(_in("category", CATEGORIES), name="category_known"),
        sa.CheckConstraint(_in("urgency", URGENCIES), name="urgency_known"),
    )

    def __repr__(self) -> str:
        return f"<ChangeRequest {self.code} {self.status}>"

    @property
    def code(self) -> str:
        return cr_code(self.number)

    def audit_label(self) -> str:
        return self.code

    @property
    def impact(self) -> dict | None:
        return json.loads(self.impact_json) if self.impact_json else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class ChangeOperation(Audited, TimestampMixin, VersionedMixin, Base):
    """One structured change: `kind` says what, `target_id` which record, `params` the values."""

    __tablename__ = "change_operation"
    audit_type_label = _l("Change request operation")
    audit_field_labels = {"request_id": _l("Change request"), "position": _l("Order"),
                          "kind": _l("Operation"), "target_id": _l("Record"),
                          "params": _l("Values")}
    audit_value_labels = {"kind": KIND_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_request.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(sa.String(30))
    target_id: Mapped[int | None]
    params: Mapped[str] = mapped_column(sa.Text, default="{}")

    request: Mapped[ChangeRequest] = relationship(back_populates="operations")

    def __repr__(self) -> str:
        return f"<ChangeOperation {self.kind} {self.target_id}>"

    def audit_label(self) -> str:
        return f"{self.request.code if self.request else self.request_id}#{self.position + 1}"

    @property
    def values(self) -> dict:
        return json.loads(self.params or "{}")


class ChangeVote(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "change_vote"
    audit_type_label = _l("Change request vote")
    audit_field_labels = {"request_id": _l("Change request"), "user_id": _l("Voter"),
                          "vote": _l("Vote"), "role": _l("Role"), "comment": _l("Comment")}
    audit_value_labels = {"vote": VOTE_LABELS}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_request.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    voter_label: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20))
    vote: Mapped[str] = mapped_column(sa.String(10))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[ChangeRequest] = relationship(back_populates="votes")

    __table_args__ = (
        sa.UniqueConstraint("request_id", "user_id", name="uq_change_vote_request_user"),
        sa.CheckConstraint(_in("vote", VOTES), name="vote_known"),
    )

    def __repr__(self) -> str:
        return f"<ChangeVote {self.voter_label} {self.vote}>"

    def audit_label(self) -> str:
        return f"{self.request.code if self.request else self.request_id} {self.voter_label}"


class ChangeComment(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "change_comment"
    audit_type_label = _l("Change request comment")
    audit_field_labels = {"request_id": _l("Change request"), "author_id": _l("Author"),
                          "body": _l("Comment")}

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_request.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    author_label: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)

    request: Mapped[ChangeRequest] = relationship(back_populates="comments")

    def __repr__(self) -> str:
        return f"<ChangeComment {self.id} by {self.author_label}>"

    def audit_label(self) -> str:
        return f"{self.request.code if self.request else self.request_id} {self.author_label}"
