"""Readiness assessments: one round of the questionnaire, answered by several respondents."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow


class Assessment(Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "readiness_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date]
    questionnaire_version: Mapped[int]
    closed: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    responses: Mapped[list["AssessmentResponse"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan",
        order_by="AssessmentResponse.id")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_readiness_assessment_number"),
    )

    audit_type_label = _l("Readiness assessment")
    audit_field_labels = {
        "number": _l("Sequence number"), "title": _l("Title"), "held_on": _l("Date"),
        "questionnaire_version": _l("Questionnaire version"), "closed": _l("Closed"),
        "closed_at": _l("Closed at"),
    }

    def __repr__(self) -> str:
        return f"<Assessment {self.project_id}#{self.number}>"

    def audit_label(self) -> str:
        return f"#{self.number}"


class AssessmentResponse(Audited, TimestampMixin, VersionedMixin, Base):
    """One respondent's answers; editable until the assessment is closed."""

    __tablename__ = "readiness_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("readiness_assessment.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    respondent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    respondent_label: Mapped[str] = mapped_column(sa.String(200))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="responses")
    respondent: Mapped[User | None] = relationship()
    answers: Mapped[list["AssessmentAnswer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan",
        order_by="AssessmentAnswer.question_key")

    __table_args__ = (
        sa.UniqueConstraint("assessment_id", "respondent_id",
                            name="uq_readiness_response_respondent"),
    )

    audit_type_label = _l("Readiness response")
    audit_field_labels = {
        "assessment_id": _l("Readiness assessment"), "respondent_id": _l("Respondent"),
        "respondent_label": _l("Respondent name"), "submitted_at": _l("Submitted at"),
    }

    def __repr__(self) -> str:
        return f"<AssessmentResponse {self.assessment_id} by {self.respondent_label}>"

    def audit_label(self) -> str:
        return f"{self.assessment_id}:{self.respondent_label}"[:80]


class AssessmentAnswer(Audited, Base):
    __tablename__ = "readiness_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("readiness_response.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    question_key: Mapped[str] = mapped_column(sa.String(80))
    score: Mapped[int | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    response: Mapped[AssessmentResponse] = relationship(back_populates="answers")

    __table_args__ = (
        sa.UniqueConstraint("response_id", "question_key", name="uq_readiness_answer_question"),
        sa.CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)", name="score_range"),
    )

    audit_type_label = _l("Readiness answer")
    audit_field_labels = {"response_id": _l("Readiness response"),
                          "question_key": _l("Statement"), "score": _l("Score"),
                          "comment": _l("Comment")}

    def __repr__(self) -> str:
        return f"<AssessmentAnswer {self.question_key}={self.score}>"

    def audit_label(self) -> str:
        return f"{self.response_id}:{self.question_key}"
