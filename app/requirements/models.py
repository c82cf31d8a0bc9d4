"""Requirements, their immutable versions, signers, signatures and frozen baselines."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.accounts.models import User
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.signoff import SIGNOFF_FIELD_LABELS, SignoffMixin, signoff_constraints
from app.requirements import logic
from app.requirements.labels import (
    DEPARTMENT_LABELS,
    KIND_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
)
from app.strategy.models import Objective


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def requirement_code(number: int) -> str:
    return f"REQ-{number:03d}"


CONTENT_LABELS = {
    "title": _l("Title"), "description": _l("Description"), "kind": _l("Type"),
    "priority": _l("Priority"), "department": _l("Raised by"),
    "acceptance_criteria": _l("Acceptance criteria"), "objective_codes": _l("Objectives"),
}
CODED_VALUES = {"kind": KIND_LABELS, "priority": PRIORITY_LABELS,
                "department": DEPARTMENT_LABELS}


class Requirement(Audited, TimestampMixin, VersionedMixin, Base):
    """A requirement as it stands now: its latest content, its status and its signed version."""

    __tablename__ = "requirement"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(20))
    priority: Mapped[str] = mapped_column(sa.String(10))
    department: Mapped[str] = mapped_column(sa.String(20))
    acceptance_criteria: Mapped[str] = mapped_column(sa.Text, default="")
    current_number: Mapped[int] = mapped_column(default=1)
    signed_number: Mapped[int | None]
    superseded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("requirement.id"),
                                                         index=True)

    versions: Mapped[list["RequirementVersion"]] = relationship(
        back_populates="requirement", cascade="all, delete-orphan",
        order_by="RequirementVersion.number")
    objective_links: Mapped[list["RequirementObjective"]] = relationship(
        back_populates="requirement", cascade="all, delete-orphan")
    superseded_by: Mapped["Requirement | None"] = relationship(remote_side=[id])

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_requirement_project_number"),
        sa.CheckConstraint(_in("status", logic.STATUSES), name="status_known"),
        sa.CheckConstraint(_in("kind", logic.KINDS), name="kind_known"),
        sa.CheckConstraint(_in("priority", logic.PRIORITIES), name="priority_known"),
        sa.CheckConstraint(_in("department", logic.DEPARTMENTS), name="department_known"),
        sa.CheckConstraint("signed_number IS NULL OR signed_number <= current_number",
                           name="signed_exists"),
        sa.CheckConstraint("(status = 'superseded') = (superseded_by_id IS NOT NULL)",
                           name="superseded_names_successor"),
        sa.CheckConstraint("superseded_by_id IS NULL OR superseded_by_id <> id",
                           name="not_superseded_by_itself"),
    )

    audit_type_label = _l("Requirement")
    audit_field_labels = {**CONTENT_LABELS, "number": _l("Sequence number"),
                          "status": _l("Status"),
                          "current_number": _l("Latest version"),
                          "signed_number": _l("Signed version"),
                          "superseded_by_id": _l("Superseded by")}
    audit_value_labels = {**CODED_VALUES, "status": STATUS_LABELS}

    def __repr__(self) -> str:
        return f"<Requirement {self.code}>"

    @property
    def code(self) -> str:
        return requirement_code(self.number)

    def audit_label(self) -> str:
        return self.code

    @property
    def closed(self) -> bool:
        return self.status in logic.CLOSED

    @property
    def objectives(self) -> list[Objective]:
        return sorted((link.objective for link in self.objective_links), key=lambda o: o.number)


class RequirementVersion(Audited, Base):
    """One immutable content of a requirement; every content edit adds the next number."""

    __tablename__ = "requirement_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    code: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(20))
    priority: Mapped[str] = mapped_column(sa.String(10))
    department: Mapped[str] = mapped_column(sa.String(20))
    acceptance_criteria: Mapped[str] = mapped_column(sa.Text, default="")
    # The objectives served, as their codes ("OBJ-01 OBJ-03"): part of what is signed.
    objective_codes: Mapped[str] = mapped_column(sa.String(400), default="")
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    author_label: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    requirement: Mapped[Requirement] = relationship(back_populates="versions")
    signatures: Mapped[list["RequirementSignature"]] = relationship(
        back_populates="version", cascade="all, delete-orphan",
        order_by="RequirementSignature.signed_at")

    __table_args__ = (
        sa.UniqueConstraint("requirement_id", "number", name="uq_requirement_version_number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
    )

    audit_type_label = _l("Requirement version")
    audit_field_labels = {**CONTENT_LABELS, "number": _l("Version"), "code": _l("Code"),
                          "note": _l("What changed"), "author_label": _l("Author")}
    audit_value_labels = CODED_VALUES

    def __repr__(self) -> str:
        return f"<RequirementVersion {self.code} v{self.number}>"

    def audit_label(self) -> str:
        return f"{self.code} v{self.number}"

    def content(self) -> dict:
        return {"code": self.code, "number": self.number, "title": self.title,
                "description": self.description, "kind": self.kind, "priority": self.priority,
                "department": self.department, "acceptance_criteria": self.acceptance_criteria,
                "objectives": self.objective_codes}

    @property
    def sha256(self) -> str:
        return logic.content_sha256(self.content())


class RequirementObjective(Audited, Base):
    """Link: a requirement serves a CRM objective."""

    __tablename__ = "requirement_objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    requirement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement.id", ondelete="CASCADE"))
    # No cascade: an objective that requirements serve is not deleted (see the guard below).
    objective_id: Mapped[int] = mapped_column(sa.ForeignKey("objective.id"), index=True)

    requirement: Mapped[Requirement] = relationship(back_populates="objective_links")
    objective: Mapped[Objective] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("requirement_id", "objective_id",
                            name="uq_requirement_objective_pair"),
    )

    audit_type_label = _l("Requirement serves objective")
    audit_field_labels = {"requirement_id": _l("Requirement"), "objective_id": _l("Objective")}

    def __repr__(self) -> str:
        return f"<RequirementObjective {self.requirement_id}->{self.objective_id}>"


class RequirementSigner(Audited, TimestampMixin, VersionedMixin, Base):
    """A person the project requires to sign requirements: for every requirement, or only for
    those raised by one department (its business owner)."""

    __tablename__ = "requirement_signer"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    capacity: Mapped[str] = mapped_column(sa.String(120))
    department: Mapped[str | None] = mapped_column(sa.String(20))
    meaning: Mapped[str] = mapped_column(sa.String(300))

    user: Mapped[User] = relationship()

    __table_args__ = (
        sa.CheckConstraint(f"department IS NULL OR {_in('department', logic.DEPARTMENTS)}",
                           name="department_known"),
    )

    audit_type_label = _l("Required signer")
    audit_field_labels = {"user_id": _l("Person"), "capacity": _l("Signs as"),
                          "department": _l("For requirements raised by"),
                          "meaning": _l("Meaning")}
    audit_value_labels = {"department": DEPARTMENT_LABELS}

    def __repr__(self) -> str:
        return f"<RequirementSigner {self.user_id} {self.capacity!r}>"

    def audit_label(self) -> str:
        return f"{self.user_id}:{self.department or '*'}"

    def slot(self) -> logic.SignerSlot:
        return logic.SignerSlot(self.user_id, self.capacity, self.department)


class RequirementSignature(SignoffMixin, Audited, Base):
    """Who signed which exact version, when, in which role and capacity, meaning what, and the
    SHA-256 of the content they signed."""

    __tablename__ = "requirement_signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement_version.id", ondelete="CASCADE"), index=True)
    capacity: Mapped[str] = mapped_column(sa.String(300))
    meaning: Mapped[str] = mapped_column(sa.String(600))

    version: Mapped[RequirementVersion] = relationship(back_populates="signatures")

    __table_args__ = signoff_constraints("uq_requirement_signature_signer")

    audit_type_label = _l("Requirement signature")
    audit_field_labels = {**SIGNOFF_FIELD_LABELS, "version_id": _l("Version"),
                          "user_id": _l("Person"), "signer_label": _l("Signed by"),
                          "capacity": _l("Signs as"), "signed_at": _l("When")}

    def audit_label(self) -> str:
        return f"{self.version_id}:{self.user_id}"


@event.listens_for(Session, "before_flush")
def _keep_served_objectives(session: Session, _context, _instances) -> None:
    """An objective that requirements serve cannot be deleted: their signed content names it."""
    doomed = [o.id for o in session.deleted if isinstance(o, Objective)]
    if not doomed:
        return
    codes = session.execute(
        sa.select(Requirement.number).join(RequirementObjective)
        .where(RequirementObjective.objective_id.in_(doomed)).order_by(Requirement.number)
    ).scalars().all()
    if codes:
        from app.core.errors import DomainError

        raise DomainError(_l("Requirements serve this objective: %(codes)s. Change them first.",
                             codes=", ".join(requirement_code(n) for n in codes)))
