"""Audit builders for the bulletins domain: settings, drafts, sections, images, editions."""

import hashlib
from datetime import UTC, datetime

from app.bulletins.models import (
    Bulletin,
    BulletinApproval,
    BulletinImage,
    BulletinSection,
    BulletinSettings,
    EditionImmutable,
    FeedToken,
    PublishedEdition,
)
from app.core.permissions import Role

PDF = b"%PDF-1.7\n% CRM Perspective No. 1\n"


def _saved(session, record):
    session.add(record)
    session.flush()
    return record


def _settings(s, ctx):
    return BulletinSettings(project_id=ctx["project"].id, cadence="monthly",
                            approver_id=ctx["user"].id)


def _bulletin(s, ctx):
    return Bulletin(project_id=ctx["project"].id, number=1, title="CRM Perspective 客户关系",
                    period="March 2026", language="en", body="Pilot week 3: 上海 went live.",
                    status="draft", created_by_id=ctx["user"].id)


def _section(s, ctx):
    bulletin = _saved(s, _bulletin(s, ctx))
    return BulletinSection(bulletin=bulletin, key="milestones", position=1, note="On track")


def _image(s, ctx):
    data = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    return BulletinImage(project_id=ctx["project"].id, sha256=hashlib.sha256(data).hexdigest(),
                         media_type="image/png", size=len(data), width=1, height=1,
                         filename="kickoff.png", data=data, uploaded_by_id=ctx["user"].id)


def _approval(s, ctx):
    bulletin = _saved(s, _bulletin(s, ctx))
    return BulletinApproval(bulletin=bulletin, user_id=ctx["user"].id, role=Role.SPONSOR.value,
                            content_sha256="c" * 64, meaning="Approved for all staff.")


def _edition(s, ctx):
    bulletin = _saved(s, _bulletin(s, ctx))
    return PublishedEdition(
        bulletin=bulletin, project_id=bulletin.project_id, number=bulletin.number,
        title=bulletin.title, period=bulletin.period, language=bulletin.language,
        published_by_id=ctx["user"].id, html="<h1>CRM Perspective</h1>", snapshots_json="{}",
        search_text=bulletin.body, pdf=PDF, pdf_sha256=hashlib.sha256(PDF).hexdigest(),
        pdf_size=len(PDF), pages=1)


def _token(s, ctx):
    return FeedToken(project_id=ctx["project"].id, user_id=ctx["user"].id,
                     token_sha256="d" * 64, revoked_at=datetime(2026, 4, 1, 9, tzinfo=UTC))


# Fields are chosen so the change keeps the record's audit label (the test finds its rows by
# it). Times compare as text in the trail, so the token's change clears its revocation.
BUILDERS = {
    BulletinSettings: (_settings, "cadence", "fortnightly"),
    Bulletin: (_bulletin, "title", "CRM Perspective — pilot special"),
    BulletinSection: (_section, "note", "One week behind in 广州"),
    BulletinImage: (_image, "filename", "kickoff-shanghai.png"),
    BulletinApproval: (_approval, "meaning", "Approved for staff in Asia."),
    PublishedEdition: (_edition, "title", "Rewritten after publication"),
    FeedToken: (_token, "revoked_at", None),
}
# A published edition is what staff read: the model refuses to change or delete it.
IMMUTABLE = {PublishedEdition: EditionImmutable}
