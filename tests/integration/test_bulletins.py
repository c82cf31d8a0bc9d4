"""Bulletins through the web: compose, approve, publish, read; roles, bad input, audit, freezing."""

import sqlalchemy as sa

from app.bulletins import reading, service
from app.bulletins.models import (
    Bulletin,
    BulletinApproval,
    PublishedEdition,
    ReadReceipt,
)
from app.core.audit import AuditLog
from tests.conftest import audit_count, login
from tests.route_values.bulletins import approved, draft, published


def _form(**changes) -> dict:
    form = {"title": "Pilot goes live", "period": "November 2026", "language": "en",
            "body": "# Highlights\n\nThe pilot is **on track**.",
            "sections": ["overview", "calendar"], "note-overview": "Twelve weeks in.",
            "note-calendar": ""}
    form.update(changes)
    return form


def _count(db_session, model) -> int:
    return db_session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def test_compose_submit_approve_publish_and_read(client, cast, db_session, login_as):
    login_as("pm")
    response = client.post("/projects/CAST/bulletins/new", data=_form())
    assert response.status_code == 302, response.get_data(as_text=True)
    bulletin = db_session.execute(sa.select(Bulletin)).scalar_one()
    assert bulletin.number == 1 and bulletin.status == "draft"
    assert [(s.key, s.note) for s in bulletin.sections] == [
        ("overview", "Twelve weeks in."), ("calendar", "")]

    preview = client.get("/projects/CAST/bulletins/drafts/1/preview").get_data(as_text=True)
    assert "on track" in preview and "Twelve weeks in." in preview
    pdf = client.get("/projects/CAST/bulletins/drafts/1/preview.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert _count(db_session, PublishedEdition) == 0  # a preview publishes nothing

    assert client.post("/projects/CAST/bulletins/drafts/1/submit",
                       data={"version": bulletin.version}).status_code == 302
    client.post("/logout")
    login(client, cast["sponsor"])
    response = client.post("/projects/CAST/bulletins/drafts/1/approve",
                           data={"version": bulletin.version, "confirm": "y"})
    assert response.status_code == 302
    approval = db_session.execute(sa.select(BulletinApproval)).scalar_one()
    assert approval.user_id == cast["sponsor"].id and approval.role == "sponsor"
    assert len(approval.content_sha256) == 64
    response = client.post("/projects/CAST/bulletins/drafts/1/publish",
                           data={"version": bulletin.version})
    assert response.status_code == 302 and response.headers["Location"].endswith("/bulletins/1")
    edition = db_session.execute(sa.select(PublishedEdition)).scalar_one()
    assert edition.pdf.startswith(b"%PDF") and edition.pages >= 3
    assert edition.approval_id == approval.id
    assert "Twelve weeks in." in edition.html and "overview" in edition.snapshots_json

    client.post("/logout")
    login(client, cast["staff"])
    archive = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert "Pilot goes live" in archive
    page = client.get("/projects/CAST/bulletins/1").get_data(as_text=True)
    assert "on track" in page
    download = client.get("/projects/CAST/bulletins/1.pdf")
    assert download.data == edition.pdf and download.headers["ETag"].strip('"') == \
        edition.pdf_sha256
    assert _count(db_session, ReadReceipt) == 1  # opened twice, counted once


def test_staff_never_see_drafts(client, cast, db_session, login_as):
    published(cast, title="Out in the open")
    waiting = approved(cast, title="Secret plans")
    login_as("staff")
    archive = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert "Out in the open" in archive and "Secret plans" not in archive
    assert client.get(f"/projects/CAST/bulletins/{waiting.number}").status_code == 404
    assert client.get(f"/projects/CAST/bulletins/{waiting.number}.pdf").status_code == 404
    assert client.get(f"/projects/CAST/bulletins/drafts/{waiting.number}").status_code == 403
    assert client.get(f"/projects/CAST/bulletins/drafts/{waiting.number}/preview").status_code \
        == 403
    assert client.get("/projects/CAST/bulletins?q=Secret").get_data(as_text=True).count(
        "Secret plans") == 0


def test_staff_cannot_fetch_an_image_only_a_draft_shows(client, cast, db_session, login_as):
    from tests.route_values.bulletins import png_bytes

    image = service.upload_image(cast["pm"], cast.project, "a.png", png_bytes(colour=(1, 2, 3)))
    draft(cast, body=f"![a](/projects/CAST/bulletins/images/{image.sha256})")
    login_as("staff")
    assert client.get(f"/projects/CAST/bulletins/images/{image.sha256}").status_code == 404
    client.post("/logout")
    login(client, cast["steering"])
    response = client.get(f"/projects/CAST/bulletins/images/{image.sha256}")
    assert response.status_code == 200 and response.mimetype == "image/png"


def test_archive_is_newest_first_and_searchable(client, cast, db_session, login_as):
    published(cast, title="First steps", body="Kick-off held in Shanghai.")
    published(cast, title="Second month", body="数据迁移演练顺利完成。", language="zh-Hans")
    login_as("member")
    page = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert page.index("Second month") < page.index("First steps")
    found = client.get("/projects/CAST/bulletins?q=shanghai").get_data(as_text=True)
    assert "First steps" in found and "Second month" not in found
    found = client.get("/projects/CAST/bulletins?q=迁移").get_data(as_text=True)
    assert "Second month" in found and "First steps" not in found
    assert "No published bulletin matches" in client.get(
        "/projects/CAST/bulletins?q=%25_nothing").get_data(as_text=True)


def test_bad_input_is_refused_with_messages_and_no_write(client, cast, db_session, login_as):
    login_as("pm")
    before = audit_count()
    cases = [
        _form(title=""),
        _form(title="<script>alert(1)</script>"),
        _form(language="fr"),
        _form(sections=["overview", "no-such-section"]),
        _form(body="x" * 100_001),
        _form(**{"note-overview": "y" * 4001}),
    ]
    for form in cases:
        response = client.post("/projects/CAST/bulletins/new", data=form)
        assert response.status_code == 400, form
        assert "form-errors" in response.get_data(as_text=True)
    assert _count(db_session, Bulletin) == 0 and audit_count() == before


def test_bad_uploads_are_refused_with_messages(client, cast, db_session, login_as):
    import io

    from tests.route_values.bulletins import png_bytes

    bulletin = draft(cast)
    login_as("pm")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    cases = [
        (b"%PDF-1.7 not an image", "not a PNG, JPEG, GIF or WebP"),
        (svg, "SVG files are not accepted"),
        (b"<?xml version='1.0'?>" + svg, "SVG files are not accepted"),
        (png_bytes()[:40], "not a PNG, JPEG, GIF or WebP"),
        (b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 10), "larger than 5 MB"),
        (png_bytes(7000, 10), "too many pixels"),
    ]
    before = audit_count()
    for payload, message in cases:
        response = client.post(
            f"/projects/CAST/bulletins/drafts/{bulletin.number}/images",
            data={"image": (io.BytesIO(payload), "evil.png")},
            content_type="multipart/form-data", follow_redirects=True)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True), message
    assert audit_count() == before
    good = client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/images",
                       data={"image": (io.BytesIO(png_bytes()), "ok.png")},
                       content_type="multipart/form-data", follow_redirects=True)
    assert "Paste this line" in good.get_data(as_text=True)


def test_stale_edit_is_a_conflict(client, cast, db_session, login_as):
    bulletin = draft(cast)
    old = bulletin.version
    service.update_bulletin(cast["steering"], cast.project, bulletin, old,
                            service.BulletinData("Changed meanwhile", "Nov", "en", "b", []))
    login_as("pm")
    response = client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/edit",
                           data=_form(version=old, title="Mine"))
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db_session.refresh(bulletin)
    assert bulletin.title == "Changed meanwhile"
    response = client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/submit",
                           data={"version": old})
    assert response.status_code == 409 and bulletin.status == "draft"


def test_changes_after_approval_need_a_new_approval(cast, db_session):
    import pytest

    from app.core.errors import DomainError

    bulletin = approved(cast)
    service.update_bulletin(cast["pm"], cast.project, bulletin, bulletin.version,
                            service.BulletinData("Retitled", "Nov", "en", "text", []))
    assert bulletin.status == "draft"
    with pytest.raises(DomainError) as refused:
        service.publish(cast["pm"], cast.project, bulletin, bulletin.version)
    assert "Only an approved bulletin" in refused.value.message


def test_named_approver_decides_and_others_cannot(client, cast, db_session, login_as):
    service.save_settings(cast["sponsor"], cast.project, "0", "monthly", cast["steering"].id)
    bulletin = draft(cast)
    service.submit(cast["pm"], cast.project, bulletin, bulletin.version)
    login_as("sponsor")
    response = client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/approve",
                           data={"version": bulletin.version, "confirm": "y"},
                           follow_redirects=True)
    assert "names another approver" in response.get_data(as_text=True)
    assert bulletin.status == "submitted"
    client.post("/logout")
    login(client, cast["steering"])
    client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/approve",
                data={"version": bulletin.version, "confirm": "y"})
    db_session.refresh(bulletin)
    assert bulletin.status == "approved"


def test_every_change_is_audited(cast, db_session):
    start = db_session.execute(sa.select(sa.func.max(AuditLog.id))).scalar() or 0
    edition = published(cast)
    rows = db_session.execute(sa.select(AuditLog.entity_type, AuditLog.action)
                              .where(AuditLog.id > start)).all()
    kinds = {(t, a) for t, a in rows}
    assert {("Bulletin", "insert"), ("BulletinSection", "insert"), ("Bulletin", "update"),
            ("BulletinApproval", "insert"), ("PublishedEdition", "insert")} <= kinds
    row = db_session.execute(sa.select(AuditLog).where(
        AuditLog.entity_type == "PublishedEdition")).scalar_one()
    assert edition.pdf_sha256 in row.changes and row.project_id == cast.project.id


def test_a_published_edition_never_changes(client, cast, db_session, login_as):
    import pytest

    from app.bulletins.models import EditionImmutable
    from app.core.errors import DomainError

    edition = published(cast)
    bulletin = edition.bulletin
    with pytest.raises(DomainError) as refused:
        service.update_bulletin(cast["pm"], cast.project, bulletin, bulletin.version,
                                service.BulletinData("New", "Nov", "en", "b", []))
    assert "never changes" in refused.value.message
    with pytest.raises(DomainError) as refused:
        service.publish(cast["pm"], cast.project, bulletin, bulletin.version)
    assert "never changes" in refused.value.message
    edition.title = "Rewritten history"
    with pytest.raises(EditionImmutable):
        db_session.flush()
    db_session.rollback()
    with pytest.raises(EditionImmutable):
        db_session.delete(db_session.get(PublishedEdition, edition.id))
        db_session.flush()
    db_session.rollback()
    login_as("pm")
    response = client.post(f"/projects/CAST/bulletins/drafts/{bulletin.number}/edit",
                           data=_form(version=bulletin.version), follow_redirects=True)
    assert "never changes" in response.get_data(as_text=True)


def test_a_correction_is_a_new_edition_saying_what_it_corrects(client, cast, db_session,
                                                               login_as):
    first = published(cast, title="Go-live date")
    login_as("pm")
    refused = client.post(f"/projects/CAST/bulletins/{first.number}/correct",
                          data={"note": ""}, follow_redirects=True)
    assert "Say what the correction corrects" in refused.get_data(as_text=True)
    response = client.post(f"/projects/CAST/bulletins/{first.number}/correct",
                           data={"note": "The go-live is 3 March, not 3 May."})
    assert response.status_code == 302
    correction = db_session.execute(sa.select(Bulletin).where(
        Bulletin.corrects_id == first.bulletin_id)).scalar_one()
    assert correction.number == first.number + 1
    service.submit(cast["pm"], cast.project, correction, correction.version)
    service.approve(cast["sponsor"], cast.project, correction, correction.version, "ok")
    second = service.publish(cast["pm"], cast.project, correction, correction.version)
    assert second.corrects_number == first.number
    assert "corrects bulletin No. 1" in second.html and "3 March" in second.html
    assert db_session.get(PublishedEdition, first.id).title == "Go-live date"


def test_authors_see_how_many_staff_opened_an_edition(client, cast, db_session, login_as):
    edition = published(cast)
    login_as("staff")
    client.get(f"/projects/CAST/bulletins/{edition.number}")
    client.post("/logout")
    login(client, cast["member"])
    client.get(f"/projects/CAST/bulletins/{edition.number}.pdf")
    counts = reading.readership(cast.project, [edition.id])[edition.id]
    assert (counts.staff_readers, counts.staff_total, counts.all_readers) == (1, 1, 2)
    client.post("/logout")
    login(client, cast["pm"])
    page = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert "1 of 1" in page
    assert "Opened by 1 of 1 staff (2 readers in all)" in client.get(
        f"/projects/CAST/bulletins/drafts/{edition.number}").get_data(as_text=True)


def test_cadence_shows_when_the_next_is_due_and_flags_a_missed_one(client, cast, db_session,
                                                                  login_as):
    service.save_settings(cast["pm"], cast.project, "0", "weekly", None)
    login_as("pm")
    page = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert "days late" in page  # the project started in January 2026, nothing published since
    published(cast)
    page = client.get("/projects/CAST/bulletins").get_data(as_text=True)
    assert "The next bulletin is due on" in page and "days late" not in page


def test_settings_refuse_an_approver_outside_the_committee(client, cast, db_session, login_as):
    login_as("sponsor")
    response = client.post("/projects/CAST/bulletins/settings",
                           data={"version": "0", "cadence": "monthly",
                                 "approver": str(cast["member"].id)})
    assert response.status_code == 400
    assert "sponsor or a steering committee member" in response.get_data(as_text=True)
    assert service.settings_for(cast.project).version == 0


def test_sections_snapshot_is_frozen_with_the_edition(cast, db_session):
    import json

    from app.core.permissions import Role
    from app.projects.service import add_member

    edition = published(cast)
    snap = json.loads(edition.snapshots_json)
    assert [n for n, _r in snap["committee"]["members"]] == ["Sponsor person", "Steering person"]
    add_member(None, cast.project, cast["outsider"].email, Role.STEERING)
    stored = reading.edition(cast.project, edition.number)
    assert "Outsider" not in stored.html and "Outsider" not in stored.snapshots_json
    later = service.preview(cast.project, draft(cast, sections=[("committee", "")]))
    assert "Outsider" in later.fragment  # a new bulletin reads the committee as it is now


def test_demo_has_published_editions_and_drafts_in_both_languages(runner, client, db_session):
    """Three published editions (one Chinese, two English), an approved and a submitted draft."""
    from app.demo import read_seed
    from app.projects.service import get_by_code

    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    project = get_by_code("QUEST-ASIA")
    editions = reading.archive(project)
    assert sorted(e.language for e in editions) == ["en", "en", "zh-Hans"]
    assert all(e.pdf.startswith(b"%PDF") and e.pages >= 3 for e in editions)
    assert {b.status for b in reading.drafts(project)} == {"approved", "submitted"}
    staff = next(u for u in read_seed("project.toml")["users"] if u.get("role") == "staff")
    client.post("/login", data={"email": staff["email"], "password": staff["password"]})
    page = client.get("/projects/QUEST-ASIA/bulletins").get_data(as_text=True)
    assert "试点进展" in page and "Why Quest" in page and "Half-way" in page
    assert "Data migration" not in page
