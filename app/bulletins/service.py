"""Bulletin operations: compose, submit, approve, publish (once, frozen), correct, upload."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.bulletins import compose, images
from app.bulletins import sections as registry
from app.bulletins.models import (
    Bulletin,
    BulletinApproval,
    BulletinImage,
    BulletinSection,
    BulletinSettings,
    PublishedEdition,
)
from app.bulletins.render import render_pdf
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, StaleEdit, check_version
from app.core.numbering import next_number
from app.core.permissions import Role, require
from app.extensions import db
from app.projects.service import role_of

IMAGE_MESSAGES = {
    "empty": _l("The file is empty."),
    "too_large": _l("The image is larger than %(mb)d MB.", mb=images.MAX_BYTES // 2**20),
    "svg": _l("SVG files are not accepted (they can carry scripts): upload PNG, JPEG, GIF or "
              "WebP."),
    "not_image": _l("This is not a PNG, JPEG, GIF or WebP image."),
    "too_many_pixels": _l("The image has too many pixels: at most %(side)d pixels a side.",
                          side=images.MAX_SIDE),
}


class EditionFrozen(DomainError):
    status = 409
    default_message = _l("This bulletin is published: it never changes. To correct it, start "
                         "a correction, which becomes a new bulletin.")


@dataclass(frozen=True)
class BulletinData:
    title: str
    period: str
    language: str
    body: str
    sections: list[tuple[str, str]]  # (section key, editor's note), in menu order
    correction_note: str = ""


# --- Settings and approvers -------------------------------------------------------------------


def settings_for(project) -> BulletinSettings:
    """The project's bulletin settings; defaults (monthly, the sponsor approves) until saved."""
    found = db.session.get(BulletinSettings, project.id)
    return found or BulletinSettings(project_id=project.id, cadence="monthly", version=0)


def approver_candidates(project) -> list[User]:
    return list(db.session.execute(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id,
               Membership.role.in_([Role.SPONSOR.value, Role.STEERING.value]))
        .order_by(User.name)).scalars())


def may_approve(user, project) -> bool:
    """The named approver if the project names one (still on the committee), else a sponsor."""
    role = role_of(project, user)
    settings = settings_for(project)
    if settings.approver_id is not None:
        return user.id == settings.approver_id and role in (Role.SPONSOR, Role.STEERING)
    return role == Role.SPONSOR


@transactional
def save_settings(actor, project, version, cadence: str, approver_id: int | None):
    require(actor, project, "bulletins.settings")
    settings = db.session.get(BulletinSettings, project.id)
    if settings is None:
        if str(version) != "0":  # saved by someone else since the form was loaded
            raise StaleEdit()
        settings = BulletinSettings(project_id=project.id)
        db.session.add(settings)
    else:
        check_version(settings, version)
    if approver_id is not None and approver_id not in {u.id for u in approver_candidates(project)}:
        raise DomainError(_l("The approver must be the sponsor or a steering committee member."))
    settings.cadence, settings.approver_id = cadence, approver_id
    return settings


# --- Drafts -----------------------------------------------------------------------------------


def _check_sections(chosen: list[tuple[str, str]]) -> None:
    offered = {s.key for s in registry.available()}
    unknown = [key for key, _note in chosen if key not in offered]
    if unknown:
        raise DomainError(_l("Unknown live section: %(key)s.", key=", ".join(unknown)))


def _apply(bulletin: Bulletin, data: BulletinData) -> None:
    _check_sections(data.sections)
    bulletin.title, bulletin.period, bulletin.language = data.title, data.period, data.language
    bulletin.body = data.body
    if bulletin.corrects_id is not None:
        bulletin.correction_note = data.correction_note
    wanted = dict(data.sections)
    for section in list(bulletin.sections):
        if section.key not in wanted:
            bulletin.sections.remove(section)
            db.session.delete(section)  # explicit: an orphan removed at flush is not audited
    have = {s.key: s for s in bulletin.sections}
    for position, (key, note) in enumerate(data.sections):
        if key in have:
            if have[key].note != note:
                have[key].note = note
            if have[key].position != position:
                have[key].position = position
        else:
            bulletin.sections.append(BulletinSection(key=key, note=note, position=position))


@transactional
def create_bulletin(actor, project, data: BulletinData, corrects: Bulletin | None = None):
    if actor is not None:
        require(actor, project, "bulletins.write")
    if corrects is not None and not data.correction_note.strip():
        raise DomainError(_l("Say what this correction corrects."))
    bulletin = Bulletin(project_id=project.id, number=next_number(project.id, "bulletin"),
                        created_by_id=getattr(actor, "id", None), status="draft",
                        corrects_id=corrects.id if corrects else None,
                        correction_note=data.correction_note if corrects else "")
    with db.session.no_autoflush:
        _apply(bulletin, data)
    db.session.add(bulletin)
    db.session.flush()
    return bulletin


def _editable(bulletin: Bulletin) -> None:
    if bulletin.is_published:
        raise EditionFrozen()


@transactional
def update_bulletin(actor, project, bulletin: Bulletin, version, data: BulletinData):
    require(actor, project, "bulletins.write")
    _editable(bulletin)
    check_version(bulletin, version)
    if bulletin.corrects_id is not None and not data.correction_note.strip():
        raise DomainError(_l("Say what this correction corrects."))
    before = compose.bulletin_sha256(bulletin)
    with db.session.no_autoflush:
        _apply(bulletin, data)
    if compose.bulletin_sha256(bulletin) != before and bulletin.status != "draft":
        bulletin.status = "draft"  # an approval covers the content it saw, not this one
    bulletin.updated_at = datetime.now(UTC)  # section-only edits move the version too
    return bulletin


@transactional
def submit(actor, project, bulletin: Bulletin, version):
    require(actor, project, "bulletins.write")
    _editable(bulletin)
    check_version(bulletin, version)
    if bulletin.status != "draft":
        raise DomainError(_l("Only a draft can be sent for approval."))
    if not bulletin.body.strip() and not bulletin.sections:
        raise DomainError(_l("Write some text or choose a live section before sending it "
                             "for approval."))
    bulletin.status = "submitted"
    return bulletin


@transactional
def approve(actor, project, bulletin: Bulletin, version, meaning: str):
    require(actor, project, "bulletins.approve")
    _editable(bulletin)
    check_version(bulletin, version)
    if not may_approve(actor, project):
        raise PermissionDenied(_l("The project names another approver for its bulletins."))
    if bulletin.status != "submitted":
        raise DomainError(_l("Only a bulletin sent for approval can be approved."))
    bulletin.status = "approved"
    approval = BulletinApproval(bulletin=bulletin, user_id=actor.id,
                                role=role_of(project, actor).value, meaning=meaning,
                                content_sha256=compose.bulletin_sha256(bulletin))
    db.session.add(approval)
    return approval


@transactional
def send_back(actor, project, bulletin: Bulletin, version):
    require(actor, project, "bulletins.approve")
    _editable(bulletin)
    check_version(bulletin, version)
    if not may_approve(actor, project):
        raise PermissionDenied(_l("The project names another approver for its bulletins."))
    if bulletin.status not in ("submitted", "approved"):
        raise DomainError(_l("This bulletin is not waiting for approval."))
    bulletin.status = "draft"
    return bulletin


def latest_approval(bulletin: Bulletin) -> BulletinApproval | None:
    return db.session.execute(
        sa.select(BulletinApproval).where(BulletinApproval.bulletin_id == bulletin.id)
        .order_by(BulletinApproval.id.desc()).limit(1)).scalar_one_or_none()


def images_for(project, text: str) -> dict[str, tuple[bytes, str]]:
    """The uploaded images a text shows, by the app path the PDF asks for."""
    shas = compose.image_shas(text, project.code)
    if not shas:
        return {}
    rows = db.session.execute(sa.select(BulletinImage).where(
        BulletinImage.project_id == project.id, BulletinImage.sha256.in_(shas))).scalars()
    return {f"/projects/{project.code}/bulletins/images/{i.sha256}": (i.data, i.media_type)
            for i in rows}


def preview(project, bulletin: Bulletin, on: date | None = None) -> compose.Edition:
    corrects = bulletin.corrects.number if bulletin.corrects else None
    return compose.compose(project, bulletin, bulletin.sections, on or date.today(), corrects)


def preview_pdf(project, bulletin: Bulletin) -> bytes:
    edition = preview(project, bulletin)
    return render_pdf(edition.document, images_for(project, _all_text(bulletin))).pdf


def _all_text(bulletin: Bulletin) -> str:
    notes = [s.note for s in bulletin.sections]
    return "\n".join([bulletin.body, bulletin.correction_note, *notes])


@transactional
def publish(actor, project, bulletin: Bulletin, version, on: date | None = None):
    """Render the approved draft once, store the PDF with its SHA-256 and freeze the edition."""
    if actor is not None:
        require(actor, project, "bulletins.write")
    _editable(bulletin)
    check_version(bulletin, version)
    approval = latest_approval(bulletin)
    if bulletin.status != "approved" or approval is None:
        raise DomainError(_l("Only an approved bulletin can be published."))
    if approval.content_sha256 != compose.bulletin_sha256(bulletin):
        raise DomainError(_l("The bulletin changed after it was approved: send it for "
                             "approval again."))
    edition = preview(project, bulletin, on)
    published_at = datetime.now(UTC)
    if on is not None and on < published_at.date():  # back-dated (demo data, imports)
        published_at = datetime.combine(on, time(9), UTC)
    result = render_pdf(edition.document, images_for(project, _all_text(bulletin)))
    pdf_sha = hashlib.sha256(result.pdf).hexdigest()
    published = PublishedEdition(
        bulletin_id=bulletin.id, project_id=project.id, number=bulletin.number,
        published_at=published_at,
        title=bulletin.title, period=bulletin.period, language=bulletin.language,
        published_by_id=getattr(actor, "id", None), approval_id=approval.id,
        corrects_number=bulletin.corrects.number if bulletin.corrects else None,
        correction_note=bulletin.correction_note, html=edition.fragment,
        snapshots_json=registry.to_json(edition.snapshots),
        search_text=" ".join([bulletin.title, bulletin.period,
                              compose.plain_text(edition.fragment)]),
        pdf=result.pdf, pdf_sha256=pdf_sha, pdf_size=len(result.pdf), pages=result.pages)
    db.session.add(published)
    bulletin.status = "published"
    db.session.flush()
    return published


@transactional
def start_correction(actor, project, edition: PublishedEdition, note: str):
    """A new draft copying a published edition, saying what it corrects."""
    original = edition.bulletin
    data = BulletinData(
        title=original.title, period=original.period, language=original.language,
        body=original.body, sections=[(s.key, s.note) for s in original.sections],
        correction_note=note)
    return create_bulletin(actor, project, data, corrects=original)


# --- Images -----------------------------------------------------------------------------------


@transactional
def upload_image(actor, project, filename: str, data: bytes) -> BulletinImage:
    require(actor, project, "bulletins.write")
    try:
        checked = images.check_image(data)
    except images.ImageRefused as exc:
        raise DomainError(IMAGE_MESSAGES[exc.reason]) from None
    existing = image_by_sha(project, checked.sha256)
    if existing is not None:
        return existing
    image = BulletinImage(project_id=project.id, sha256=checked.sha256,
                          media_type=checked.media_type, size=checked.size,
                          width=checked.width, height=checked.height,
                          filename=(filename or "")[:200], data=data,
                          uploaded_by_id=actor.id)
    db.session.add(image)
    db.session.flush()
    return image


def image_by_sha(project, sha256: str) -> BulletinImage | None:
    return db.session.execute(sa.select(BulletinImage).where(
        BulletinImage.project_id == project.id, BulletinImage.sha256 == sha256)
    ).scalar_one_or_none()


def image_is_published(project, sha256: str) -> bool:
    """Whether a published edition shows the image (readers see nothing of drafts)."""
    return db.session.execute(sa.select(PublishedEdition.id).where(
        PublishedEdition.project_id == project.id,
        PublishedEdition.html.contains(sha256)).limit(1)).first() is not None


def new_feed_secret() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hashlib.sha256(token.encode()).hexdigest()
