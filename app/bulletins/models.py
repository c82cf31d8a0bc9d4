"""Bulletins ("CRM Perspective"): drafts, live sections, images, sign-offs, frozen editions."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.bulletins.sections import SECTION_LABELS
from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.permissions import ROLE_LABELS

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
STATUSES = ("draft", "submitted", "approved", "published")
CADENCES = ("none", "weekly", "fortnightly", "monthly", "quarterly")
# Each language by its own name, as its readers look for it.
LANGUAGE_NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
CADENCE_LABELS = {
    "none": _l("No fixed cadence"), "weekly": _l("Weekly"), "fortnightly": _l("Every two weeks"),
    "monthly": _l("Monthly"), "quarterly": _l("Quarterly"),
}
STATUS_LABELS = {
    "draft": _l("Draft"), "submitted": _l("Waiting for approval"),
    "approved": _l("Approved, ready to publish"), "published": _l("Published"),
}


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class BulletinSettings(Audited, TimestampMixin, VersionedMixin, Base):
    """How often the project owes its staff a bulletin, and who approves drafts."""

    __tablename__ = "bulletin_settings"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    cadence: Mapped[str] = mapped_column(sa.String(12), default="monthly")
    # None: any executive sponsor approves; else this steering member (or sponsor) does.
    approver_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    approver: Mapped[User | None] = relationship()

    __table_args__ = (sa.CheckConstraint(_in("cadence", CADENCES), name="cadence_known"),)

    audit_type_label = _l("Bulletin settings")
    audit_field_labels = {"cadence": _l("Cadence"), "approver_id": _l("Approver")}
    audit_value_labels = {"cadence": CADENCE_LABELS}

    def __repr__(self) -> str:
        return f"<BulletinSettings {self.project_id} {self.cadence}>"


class Bulletin(Audited, TimestampMixin, VersionedMixin, Base):
    """A bulletin while it is written, approved and published (then frozen with its edition)."""

    __tablename__ = "bulletin"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    period: Mapped[str] = mapped_column(sa.String(120))
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(12), default="draft")
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bulletin.id"))
    correction_note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    sections: Mapped[list["BulletinSection"]] = relationship(
        back_populates="bulletin", cascade="all, delete-orphan",
        order_by="BulletinSection.position")
    corrects: Mapped["Bulletin | None"] = relationship(remote_side=[id])
    edition: Mapped["PublishedEdition | None"] = relationship(back_populates="bulletin")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_bulletin_project_number"),
        sa.CheckConstraint(_in("language", LANGUAGES), name="language_known"),
        sa.CheckConstraint(_in("status", STATUSES), name="status_known"),
        sa.CheckConstraint("number > 0", name="number_positive"),
        sa.CheckConstraint("corrects_id IS NULL OR length(correction_note) > 0",
                           name="correction_says_what"),
    )

    audit_type_label = _l("Bulletin")
    audit_field_labels = {
        "number": _l("Number"), "title": _l("Title"), "period": _l("Period"),
        "language": _l("Language"), "body": _l("Text"), "status": _l("Status"),
        "corrects_id": _l("Corrects"), "correction_note": _l("What it corrects"),
        "created_by_id": _l("Created by"),
    }
    audit_value_labels = {"language": LANGUAGE_NAMES, "status": STATUS_LABELS}

    def __repr__(self) -> str:
        return f"<Bulletin {self.project_id}#{self.number} {self.status}>"

    def audit_label(self) -> str:
        return f"No. {self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == "published"


class BulletinSection(Audited, Base):
    """A live section chosen for a bulletin, filled from the project when it is published."""

    __tablename__ = "bulletin_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bulletin.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(40))
    position: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")

    bulletin: Mapped[Bulletin] = relationship(back_populates="sections")

    __table_args__ = (
        sa.UniqueConstraint("bulletin_id", "key", name="uq_bulletin_section_bulletin_key"),
    )

    audit_type_label = _l("Bulletin section")
    audit_field_labels = {"bulletin_id": _l("Bulletin"), "key": _l("Section"),
                          "position": _l("Position"), "note": _l("Editor's note")}
    audit_value_labels = {"key": SECTION_LABELS}

    def __repr__(self) -> str:
        return f"<BulletinSection {self.bulletin_id}:{self.key}>"

    def audit_project_id(self) -> int | None:
        return self.bulletin.project_id if self.bulletin else None

    def audit_label(self) -> str:
        return self.key


class BulletinImage(Audited, Base):
    """An image uploaded for bulletins, stored once per project under the SHA-256 of its bytes."""

    __tablename__ = "bulletin_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    media_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int]
    width: Mapped[int]
    height: Mapped[int]
    filename: Mapped[str] = mapped_column(sa.String(200), default="")
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("project_id", "sha256", name="uq_bulletin_image_project_sha256"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        sa.CheckConstraint("size > 0", name="size_positive"),
    )

    audit_exclude = frozenset({"data"})
    audit_type_label = _l("Bulletin image")
    audit_field_labels = {
        "sha256": _l("SHA-256"), "media_type": _l("Media type"), "size": _l("Size (bytes)"),
        "width": _l("Width (pixels)"), "height": _l("Height (pixels)"),
        "filename": _l("File name"), "uploaded_by_id": _l("Uploaded by"),
        "uploaded_at": _l("Uploaded at"),
    }

    def __repr__(self) -> str:
        return f"<BulletinImage {self.sha256[:12]}>"

    def audit_label(self) -> str:
        return self.sha256[:12]


class BulletinApproval(Audited, Base):
    """A sign-off: who approved which exact content, in which role, and what it means."""

    __tablename__ = "bulletin_approval"

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bulletin.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    role: Mapped[str] = mapped_column(sa.String(20))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_sha256: Mapped[str] = mapped_column(sa.String(64))
    meaning: Mapped[str] = mapped_column(sa.Text)

    bulletin: Mapped[Bulletin] = relationship()
    user: Mapped[User] = relationship()

    __table_args__ = (sa.CheckConstraint("length(content_sha256) = 64", name="sha256_hex"),)

    audit_type_label = _l("Bulletin approval")
    audit_field_labels = {"bulletin_id": _l("Bulletin"), "user_id": _l("Approved by"),
                          "role": _l("Role"), "signed_at": _l("Signed at"),
                          "content_sha256": _l("Content SHA-256"), "meaning": _l("Meaning")}
    audit_value_labels = {"role": ROLE_LABELS}

    def __repr__(self) -> str:
        return f"<BulletinApproval {self.bulletin_id} by {self.user_id}>"

    def audit_project_id(self) -> int | None:
        return self.bulletin.project_id if self.bulletin else None


class EditionImmutable(Exception):
    """Raised by the ORM when anything tries to change or delete a published edition."""


class PublishedEdition(Audited, Base):
    """What staff read: the HTML and the PDF rendered once at publication, never changed."""

    __tablename__ = "bulletin_edition"

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(sa.ForeignKey("bulletin.id"), unique=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    period: Mapped[str] = mapped_column(sa.String(120))
    language: Mapped[str] = mapped_column(sa.String(8))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    approval_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bulletin_approval.id"))
    corrects_number: Mapped[int | None]
    correction_note: Mapped[str] = mapped_column(sa.Text, default="")
    html: Mapped[str] = mapped_column(sa.Text)
    snapshots_json: Mapped[str] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text)
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(sa.String(64))
    pdf_size: Mapped[int]
    pages: Mapped[int]

    bulletin: Mapped[Bulletin] = relationship(back_populates="edition")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_bulletin_edition_project_number"),
        sa.CheckConstraint("length(pdf_sha256) = 64", name="sha256_hex"),
        sa.CheckConstraint("pages > 0", name="pages_positive"),
    )

    audit_exclude = frozenset({"html", "snapshots_json", "search_text", "pdf"})
    audit_type_label = _l("Published bulletin")
    audit_field_labels = {
        "bulletin_id": _l("Bulletin"), "number": _l("Number"), "title": _l("Title"),
        "period": _l("Period"), "language": _l("Language"), "published_at": _l("Published at"),
        "published_by_id": _l("Published by"), "approval_id": _l("Approval"),
        "corrects_number": _l("Corrects"), "correction_note": _l("What it corrects"),
        "pdf_sha256": _l("PDF SHA-256"), "pdf_size": _l("PDF size (bytes)"),
        "pages": _l("Pages"),
    }
    audit_value_labels = {"language": LANGUAGE_NAMES}

    def __repr__(self) -> str:
        return f"<PublishedEdition {self.project_id}#{self.number}>"

    def audit_label(self) -> str:
        return f"No. {self.number}"


@event.listens_for(PublishedEdition, "before_update")
def _refuse_update(_mapper, _connection, target) -> None:
    raise EditionImmutable(f"published edition {target.id} cannot change")


@event.listens_for(PublishedEdition, "before_delete")
def _refuse_delete(_mapper, _connection, target) -> None:
    raise EditionImmutable(f"published edition {target.id} cannot be deleted")


class ReadReceipt(Base):
    """A staff member opened an edition (first time kept); counted for authors, not audited."""

    __tablename__ = "bulletin_read"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bulletin_edition.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    first_read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("edition_id", "user_id", name="uq_bulletin_read_edition_user"),
    )

    def __repr__(self) -> str:
        return f"<ReadReceipt {self.edition_id} by {self.user_id}>"


class FeedToken(Audited, Base):
    """A secret in a feed URL letting one user's feed reader fetch a project's Atom feed."""

    __tablename__ = "bulletin_feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    audit_exclude = frozenset({"token_sha256"})
    audit_type_label = _l("Bulletin feed token")
    audit_field_labels = {"user_id": _l("User"), "created_at": _l("Created at"),
                          "revoked_at": _l("Revoked")}

    def __repr__(self) -> str:
        return f"<FeedToken {self.id} user {self.user_id}>"
