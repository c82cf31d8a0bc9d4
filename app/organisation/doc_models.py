"""Governing documents: the document, its immutable versions and the sponsor's sign-offs."""

import json
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.permissions import ROLE_LABELS
from app.core.signoff import SIGNOFF_FIELD_LABELS, SignoffMixin, signoff_constraints
from app.organisation import labels
from app.strategy.models import text_sha256

CONTENT_LABELS = {"title": _l("Title"), "kind": _l("Kind"), "body": _l("Text"),
                  "file_name": _l("Attached file"), "file_sha256": _l("SHA-256 of the file")}


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def document_code(number: int) -> str:
    return f"DOC-{number:02d}"


class GoverningDocument(Audited, TimestampMixin, VersionedMixin, Base):
    """A normative document the rollout runs by: latest version, approved version, owner and
    next review date."""

    __tablename__ = "org_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(30))
    title: Mapped[str] = mapped_column(sa.String(200))
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    review_on: Mapped[date | None]
    current_number: Mapped[int] = mapped_column(default=1)
    approved_number: Mapped[int | None]

    owner: Mapped[User | None] = relationship()
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_org_document_project_number"),
        sa.CheckConstraint(_in("kind", labels.DOCUMENT_KINDS), name="kind_known"),
        sa.CheckConstraint("approved_number IS NULL OR approved_number <= current_number",
                           name="approved_exists"),
    )

    audit_type_label = _l("Governing document")
    audit_field_labels = {**CONTENT_LABELS, "number": _l("Number"), "owner_id": _l("Owner"),
                          "review_on": _l("Next review"),
                          "current_number": _l("Latest version"),
                          "approved_number": _l("Approved version")}
    audit_value_labels = {"kind": labels.DOCUMENT_KIND_LABELS}

    def __repr__(self) -> str:
        return f"<GoverningDocument {self.code}>"

    @property
    def code(self) -> str:
        return document_code(self.number)

    def audit_label(self) -> str:
        return self.code

    @property
    def current_approved(self) -> bool:
        return self.approved_number is not None and self.approved_number == self.current_number


class DocumentVersion(Audited, Base):
    """One immutable content of a document; every content edit adds the next number."""

    __tablename__ = "org_document_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_document.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    code: Mapped[str] = mapped_column(sa.String(20))
    kind: Mapped[str] = mapped_column(sa.String(30))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # An optional attached file (PDF or Office document): its name and hash are signed content.
    file_name: Mapped[str] = mapped_column(sa.String(200), default="")
    file_type: Mapped[str] = mapped_column(sa.String(100), default="")
    file_sha256: Mapped[str] = mapped_column(sa.String(64), default="")
    file_data: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    author_label: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[GoverningDocument] = relationship(back_populates="versions")
    signoffs: Mapped[list["DocumentSignoff"]] = relationship(
        back_populates="version", cascade="all, delete-orphan",
        order_by="DocumentSignoff.signed_at")

    __table_args__ = (
        sa.UniqueConstraint("document_id", "number", name="uq_org_document_version_number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
    )

    # The bytes stay out of the trail; their SHA-256 is in it.
    audit_exclude = frozenset({"created_at", "file_data"})
    audit_type_label = _l("Governing document version")
    audit_field_labels = {**CONTENT_LABELS, "number": _l("Version"), "code": _l("Code"),
                          "note": _l("What changed"), "author_label": _l("Author"),
                          "file_type": _l("File type")}
    audit_value_labels = {"kind": labels.DOCUMENT_KIND_LABELS}

    def __repr__(self) -> str:
        return f"<DocumentVersion {self.code} v{self.number}>"

    def audit_label(self) -> str:
        return f"{self.code} v{self.number}"

    def content(self) -> dict:
        return {"code": self.code, "number": self.number, "kind": self.kind,
                "title": self.title, "body": self.body, "file_name": self.file_name,
                "file_sha256": self.file_sha256}

    @property
    def sha256(self) -> str:
        """SHA-256 of the canonical JSON of the signed content (sorted keys, UTF-8)."""
        return text_sha256(json.dumps(self.content(), sort_keys=True, ensure_ascii=False,
                                      separators=(",", ":")))


class DocumentSignoff(SignoffMixin, Audited, Base):
    """Who approved which exact version, when, in which role, meaning what, and its hash."""

    __tablename__ = "org_document_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("org_document_version.id", ondelete="CASCADE"), index=True)
    meaning: Mapped[str] = mapped_column(sa.String(300))

    version: Mapped[DocumentVersion] = relationship(back_populates="signoffs")

    __table_args__ = signoff_constraints("uq_org_document_signoff_signer")

    audit_type_label = _l("Governing document sign-off")
    audit_field_labels = {**SIGNOFF_FIELD_LABELS, "version_id": _l("Version"),
                          "user_id": _l("Signed by"), "signer_label": _l("Signed by"),
                          "signed_at": _l("When")}
    audit_value_labels = {"role": ROLE_LABELS}
