"""Bulletin records for the route access test, and builders the bulletin tests share: a draft,
a published edition showing an uploaded image, and a feed token of a staff reader."""

import io

from PIL import Image

from app.accounts.service import create_user
from app.bulletins import reading, service
from app.core.permissions import Role
from app.projects.service import add_member


def png_bytes(width: int = 40, height: int = 20, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def data(**changes) -> service.BulletinData:
    values = {"title": "Pilot goes live", "period": "November 2026", "language": "en",
              "body": "## Where we are\n\nThe **pilot** is on track.",
              "sections": [("overview", "Our pilot in numbers."), ("committee", "")]}
    values.update(changes)
    return service.BulletinData(**values)


def draft(cast, **changes):
    return service.create_bulletin(cast["pm"], cast.project, data(**changes))


def approved(cast, **changes):
    bulletin = draft(cast, **changes)
    service.submit(cast["pm"], cast.project, bulletin, bulletin.version)
    service.approve(cast["sponsor"], cast.project, bulletin, bulletin.version, "Approved.")
    return bulletin


def published(cast, **changes):
    bulletin = approved(cast, **changes)
    return service.publish(cast["pm"], cast.project, bulletin, bulletin.version)


def values(cast, db_session) -> dict:
    image = service.upload_image(cast["pm"], cast.project, "red.png", png_bytes())
    path = f"/projects/{cast.project.code}/bulletins/images/{image.sha256}"
    edition = published(cast, body=f"A picture: ![red]({path})")
    waiting = draft(cast, title="Next month")
    # A reader outside the principals, so no principal's feed POST revokes this token.
    reader = create_user(None, "feed-reader@example.com", "Feed reader",
                         "Correct-Horse-Battery-42")
    add_member(None, cast.project, reader.email, Role.STAFF)
    token = reading.issue_feed_token(reader, cast.project)
    return {"draft": waiting.number, "bulletin_number": edition.number, "sha256": image.sha256,
            "token": token}
