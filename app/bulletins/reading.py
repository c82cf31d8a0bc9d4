"""What readers get: the archive of published editions, read receipts and the Atom feed tokens."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from app.accounts.models import Membership, User
from app.bulletins.models import Bulletin, FeedToken, PublishedEdition, ReadReceipt
from app.bulletins.service import new_feed_secret
from app.core.db import transactional
from app.core.permissions import Role, allows
from app.extensions import db
from app.projects.models import Project
from app.projects.service import get_by_code, role_of

MAX_QUERY = 200


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def archive(project, query: str = "", with_html: bool = False) -> list[PublishedEdition]:
    """Published editions, newest first; `query` matches title, period and text (any case)."""
    heavy = [PublishedEdition.pdf, PublishedEdition.snapshots_json, PublishedEdition.search_text]
    if not with_html:
        heavy.append(PublishedEdition.html)
    select = (sa.select(PublishedEdition).where(PublishedEdition.project_id == project.id)
              .options(*(sa.orm.defer(column) for column in heavy))
              .order_by(PublishedEdition.published_at.desc(), PublishedEdition.number.desc()))
    for word in (query or "").strip()[:MAX_QUERY].split():
        select = select.where(sa.func.lower(PublishedEdition.search_text)
                              .like(_like(word.lower()), escape="\\"))
    return list(db.session.execute(select).scalars())


def edition(project, number: int) -> PublishedEdition | None:
    return db.session.execute(sa.select(PublishedEdition).where(
        PublishedEdition.project_id == project.id, PublishedEdition.number == number)
    ).scalar_one_or_none()


def drafts(project) -> list[Bulletin]:
    return list(db.session.execute(
        sa.select(Bulletin).where(Bulletin.project_id == project.id,
                                  Bulletin.status != "published")
        .order_by(Bulletin.number.desc())).scalars())


def draft(project, number: int) -> Bulletin | None:
    return db.session.execute(sa.select(Bulletin).where(
        Bulletin.project_id == project.id, Bulletin.number == number)).scalar_one_or_none()


def record_read(user, edition_: PublishedEdition) -> None:
    """Note that `user` opened the edition (once); a receipt is best effort, never an error."""
    exists = db.session.execute(sa.select(ReadReceipt.id).where(
        ReadReceipt.edition_id == edition_.id, ReadReceipt.user_id == user.id)).first()
    if exists:
        return
    try:
        with db.session.begin_nested():
            db.session.add(ReadReceipt(edition_id=edition_.id, user_id=user.id))
        db.session.commit()
    except (IntegrityError, OperationalError):  # read twice at once, or the database is busy
        db.session.rollback()


@dataclass(frozen=True)
class Readership:
    staff_readers: int
    staff_total: int
    all_readers: int


def readership(project, edition_ids: list[int]) -> dict[int, Readership]:
    """For authors: per edition, how many of the project's staff opened it, and how many in all."""
    staff_total = db.session.execute(sa.select(sa.func.count()).select_from(Membership).where(
        Membership.project_id == project.id, Membership.role == Role.STAFF.value)).scalar_one()
    rows = db.session.execute(
        sa.select(ReadReceipt.edition_id, sa.func.count(),
                  sa.func.count(Membership.id))
        .outerjoin(Membership, sa.and_(Membership.user_id == ReadReceipt.user_id,
                                       Membership.project_id == project.id,
                                       Membership.role == Role.STAFF.value))
        .where(ReadReceipt.edition_id.in_(edition_ids or [-1]))
        .group_by(ReadReceipt.edition_id)).all()
    found = {eid: Readership(staff, staff_total, total) for eid, total, staff in rows}
    return {eid: found.get(eid, Readership(0, staff_total, 0)) for eid in edition_ids}


# --- Feed tokens ------------------------------------------------------------------------------


def active_token(user, project) -> FeedToken | None:
    return db.session.execute(sa.select(FeedToken).where(
        FeedToken.user_id == user.id, FeedToken.project_id == project.id,
        FeedToken.revoked_at.is_(None))).scalar_one_or_none()


@transactional
def issue_feed_token(user, project) -> str:
    """A new secret feed address for `user`; any earlier one stops working. Returns the token."""
    _revoke(user, project)
    token, digest = new_feed_secret()
    db.session.add(FeedToken(project_id=project.id, user_id=user.id, token_sha256=digest))
    return token


def _revoke(user, project) -> bool:
    current = active_token(user, project)
    if current is None:
        return False
    current.revoked_at = datetime.now(UTC)
    db.session.flush()
    return True


@transactional
def revoke_feed_token(user, project) -> bool:
    return _revoke(user, project)


def feed_reader(code: str, token: str) -> tuple[Project | None, User | None]:
    """The project and reader a feed token stands for, if it is live and they still may read."""
    project = get_by_code(code)
    if project is None or not token or len(token) > 200:
        return None, None
    digest = hashlib.sha256(token.encode()).hexdigest()
    row = db.session.execute(sa.select(FeedToken).where(
        FeedToken.token_sha256 == digest, FeedToken.project_id == project.id,
        FeedToken.revoked_at.is_(None))).scalar_one_or_none()
    if row is None:
        return None, None
    user = db.session.get(User, row.user_id)
    if user is None or not user.active or not allows(user, role_of(project, user),
                                                      "bulletins.read"):
        return None, None
    return project, user
