"""Governing documents: drafting versions, the sponsor's sign-off, reviews, the summary."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, StaleEdit, check_version
from app.core.numbering import next_number
from app.core.permissions import Role, require
from app.core.signoff import find_invalid, refuse_unless_read
from app.extensions import db
from app.organisation import labels, rules
from app.organisation.attachments import AttachmentRefused, check_attachment
from app.organisation.doc_models import DocumentSignoff, DocumentVersion, GoverningDocument
from app.projects.models import Project
from app.projects.service import role_of


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def document_in(project: Project, document_id: int) -> GoverningDocument | None:
    record = db.session.get(GoverningDocument, document_id)
    return record if record is not None and record.project_id == project.id else None


def version_of(document: GoverningDocument, number: int) -> DocumentVersion | None:
    return db.session.execute(sa.select(DocumentVersion).where(
        DocumentVersion.document_id == document.id, DocumentVersion.number == number)
    ).scalar_one_or_none()


def documents(project: Project) -> list[GoverningDocument]:
    return list(db.session.execute(
        sa.select(GoverningDocument).where(GoverningDocument.project_id == project.id)
        .order_by(GoverningDocument.number)).scalars())


@dataclass(frozen=True)
class DocumentData:
    kind: str
    title: str
    body: str
    owner_id: int | None
    review_on: date | None
    note: str = ""
    attachment: tuple[str, bytes] | None = None  # (file name, bytes) of a new file
    remove_file: bool = False


ATTACHMENT_MESSAGES = {
    "empty": _l("The attached file is empty."),
    "too_large": _l("The attached file is larger than 10 MB."),
    "type": _l("Attach a PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx) file."),
    "content": _l("The attached file's content does not match its type."),
}


def _file_of(data: DocumentData, previous: "DocumentVersion | None") -> dict:
    """The file columns of the next version: the new upload, the previous file, or none."""
    if data.attachment is not None:
        name, raw = data.attachment
        try:
            checked = check_attachment(name, raw)
        except AttachmentRefused as refused:
            raise DomainError(ATTACHMENT_MESSAGES[refused.reason]) from None
        return {"file_name": checked.name, "file_type": checked.media_type,
                "file_sha256": checked.sha256, "file_data": raw}
    if previous is not None and previous.file_sha256 and not data.remove_file:
        return {"file_name": previous.file_name, "file_type": previous.file_type,
                "file_sha256": previous.file_sha256, "file_data": previous.file_data}
    return {"file_name": "", "file_type": "", "file_sha256": "", "file_data": None}


def _check(project: Project, data: DocumentData) -> None:
    from app.organisation.service import team_users

    if data.kind not in labels.DOCUMENT_KINDS:
        raise DomainError(_l("Choose a kind of document from the list."))
    if not data.title.strip():
        raise DomainError(_l("Give the document a title."))
    if data.owner_id is not None and data.owner_id not in {u.id for u in team_users(project)}:
        raise DomainError(_l("The owner must be an active member of the project team."))


def _snapshot(document: GoverningDocument, number: int, data: DocumentData,
              actor: User | None, file: dict) -> DocumentVersion:
    if not data.body.strip() and not file["file_sha256"]:
        raise DomainError(_l("Write the document's text or attach its file."))
    return DocumentVersion(**file,
        document=document, project_id=document.project_id, number=number, code=document.code,
        kind=data.kind, title=data.title.strip(), body=data.body.strip(),
        note=(data.note or "").strip(), author_id=actor.id if actor else None,
        author_label=actor.name if actor else "system")


@transactional
def create_document(actor: User | None, project: Project, data: DocumentData) -> GoverningDocument:
    _require(actor, project, "organisation.edit")
    _check(project, data)
    document = GoverningDocument(project_id=project.id, number=next_number(project.id, "document"),
                                 kind=data.kind, title=data.title.strip(), owner_id=data.owner_id,
                                 review_on=data.review_on, current_number=1)
    db.session.add(document)
    with db.session.no_autoflush:
        db.session.add(_snapshot(document, 1, data, actor, _file_of(data, None)))
    db.session.flush()
    return document


@transactional
def update_document(actor: User | None, project: Project, document: GoverningDocument, version,
                    data: DocumentData) -> DocumentVersion | None:
    """A content change writes the next version (signed versions stay as they were signed, so
    the document needs approving again); an owner or review date change alone writes none."""
    _require(actor, project, "organisation.edit")
    check_version(document, version)
    _check(project, data)
    latest = version_of(document, document.current_number)
    file = _file_of(data, latest)
    same = (data.kind, data.title.strip(), data.body.strip(), file["file_sha256"]) == (
        latest.kind, latest.title, latest.body, latest.file_sha256)
    if same and (data.owner_id, data.review_on) == (document.owner_id, document.review_on):
        raise DomainError(_l("Nothing changed: the content is the same as version %(n)d.",
                             n=latest.number))
    document.owner_id, document.review_on = data.owner_id, data.review_on
    if same:
        return None
    with db.session.no_autoflush:
        draft = _snapshot(document, document.current_number + 1, data, actor, file)
        db.session.add(draft)
        document.current_number = draft.number
        document.kind, document.title = draft.kind, draft.title
    db.session.flush()
    return draft


@transactional
def approve(actor: User | None, project: Project, document: GoverningDocument, number: int,
            content_sha256: str, review_on: date | None, comment: str = "") -> DocumentSignoff:
    """The sponsor signs the exact version read (its hash must match) and sets the next review."""
    _require(actor, project, "documents.approve")
    document = db.session.execute(
        sa.select(GoverningDocument).where(GoverningDocument.id == document.id)
        .with_for_update().execution_options(populate_existing=True)).scalar_one()
    if number != document.current_number:
        raise StaleEdit(_l("This document changed after you opened it: version %(n)d is now the "
                           "latest. Nothing was approved: read it and approve that one.",
                           n=document.current_number))
    draft = version_of(document, number)
    refuse_unless_read(draft, content_sha256, StaleEdit())
    if document.approved_number == number:
        raise DomainError(_l("Version %(n)d is already approved.", n=number))
    role = role_of(project, actor) if actor else Role.SPONSOR
    signoff = DocumentSignoff.of(draft, project, actor, role,
                                 meaning=str(labels.APPROVAL_MEANING), comment=comment)
    db.session.add(signoff)
    document.approved_number = number
    if review_on is not None:
        document.review_on = review_on
    db.session.flush()
    return signoff


def invalid_signoffs(project: Project | None = None) -> list[DocumentSignoff]:
    """Sign-offs whose stored content no longer hashes to what was signed (tampering)."""
    return find_invalid(DocumentSignoff, project)


@dataclass(frozen=True)
class DocumentStatus:
    code: str
    kind: str
    title: str
    approved_current: bool
    review_on: date | None
    review_overdue: bool


def document_summary(project: Project, today: date | None = None) -> list[DocumentStatus]:
    """Per document: kind, title, whether its latest version is approved, review date, overdue."""
    today = today or date.today()
    return [DocumentStatus(d.code, d.kind, d.title, d.current_approved, d.review_on,
                           rules.review_state(d.review_on, today) == "overdue")
            for d in documents(project)]
