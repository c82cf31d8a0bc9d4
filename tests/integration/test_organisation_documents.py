"""Governing documents: versions, diff, the sponsor's sign-off with its hash, reviews."""

import hashlib
import io
import json
from datetime import date, timedelta

import pytest

from app.core.errors import PermissionDenied
from app.organisation import doc_service
from app.organisation.doc_models import DocumentSignoff, DocumentVersion, GoverningDocument
from tests.conftest import audit_count, login
from tests.integration.webtools import count, table_row, text

BASE = "/projects/CAST/organisation/documents"
BODY = "# 使用规则\n\nLog every customer visit within one working day."


def data(**changes) -> doc_service.DocumentData:
    values = {"kind": "usage_rules", "title": "CRM usage rules 使用规则", "body": BODY,
              "owner_id": None, "review_on": date.today() + timedelta(days=90)}
    values.update(changes)
    return doc_service.DocumentData(**values)


@pytest.fixture
def document(cast):
    return doc_service.create_document(None, cast.project, data(owner_id=cast["pm"].id))


def form(document_or_none=None, **changes) -> dict:
    values = {"version": document_or_none.version if document_or_none else "0",
              "kind": "usage_rules", "title": "CRM usage rules 使用规则", "body": BODY,
              "owner_id": "", "review_on": "2027-01-31", "note": ""}
    values.update(changes)
    return values


def test_create_through_the_page_and_bad_input(client, cast):
    login(client, cast["pm"])
    assert client.get(f"{BASE}/new").status_code == 200
    for bad in ({"kind": "manifesto"}, {"title": ""}, {"body": "  "}, {"review_on": "31/01"},
                {"body": "", "file": (io.BytesIO(b"<html>x</html>"), "rules.pdf")},
                {"body": "", "file": (io.BytesIO(b"MZ\x90\x00"), "setup.exe")},
                {"owner_id": str(cast["staff"].id)}, {"title": "a\x00b"}):
        assert client.post(f"{BASE}/new", data=form(**bad)).status_code == 400, bad
    assert count(GoverningDocument) == 0 and count(DocumentVersion) == 0
    response = client.post(f"{BASE}/new", data=form(owner_id=str(cast["pm"].id)))
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "DOC-01" in page and "使用规则" in page and "Not approved" in page


def test_every_content_edit_is_a_new_version_with_a_diff(client, cast, document):
    login(client, cast["steering"])
    response = client.post(f"{BASE}/{document.id}/edit", data=form(
        document, body=BODY.replace("one working day", "two hours"), note="Faster"))
    assert response.status_code == 302
    assert table_row(GoverningDocument, document.id)["current_number"] == 2
    page = client.get(f"{BASE}/{document.id}/compare").get_data(as_text=True)
    assert "<del>one</del>" in page and "<ins>two</ins>" in page
    assert "Fields changed: Text." in text(client.get(f"{BASE}/{document.id}/compare"))
    assert client.get(f"{BASE}/{document.id}/compare?from=1&to=9").status_code == 404
    assert "v1" in text(client.get(f"{BASE}/{document.id}/versions/1"))


def test_owner_or_review_date_alone_writes_no_version(client, cast, document):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/{document.id}/edit", data=form(
        document, owner_id=str(cast["steering"].id), review_on="2027-06-30"))
    assert response.status_code == 302
    row = table_row(GoverningDocument, document.id)
    assert row["current_number"] == 1 and row["review_on"] == date(2027, 6, 30)
    document_version = row["version"]
    response = client.post(f"{BASE}/{document.id}/edit", data=form(
        document, version=document_version, owner_id=str(cast["steering"].id),
        review_on="2027-06-30"))
    assert response.status_code == 400
    assert "Nothing changed" in text(response)


def test_stale_edit_changes_nothing(client, cast, document):
    login(client, cast["pm"])
    stale = document.version
    doc_service.update_document(None, cast.project, document, document.version,
                                data(body="Someone else's text"))
    before = audit_count()
    response = client.post(f"{BASE}/{document.id}/edit", data=form(
        document, version=stale, body="Mine"))
    assert response.status_code == 409
    assert audit_count() == before
    assert table_row(GoverningDocument, document.id)["current_number"] == 2


def test_sponsor_sign_off_records_the_exact_hash(client, cast, document):
    version = doc_service.version_of(document, 1)
    expected = hashlib.sha256(json.dumps(
        {"code": "DOC-01", "number": 1, "kind": "usage_rules", "title": version.title,
         "body": BODY, "file_name": "", "file_sha256": ""},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        .encode("utf-8")).hexdigest()
    assert version.sha256 == expected
    login(client, cast["sponsor"])
    page = text(client.get(f"{BASE}/{document.id}"))
    assert "Approve version 1" in page
    response = client.post(f"{BASE}/{document.id}/approve", data={
        "number": "1", "content_sha256": expected, "review_on": "2027-03-31",
        "comment": "同意执行"})
    assert response.status_code == 302
    signoff = document.versions[0].signoffs[0]
    assert (signoff.content_sha256, signoff.role, signoff.signer_label) == (
        expected, "sponsor", cast["sponsor"].name)
    assert signoff.valid and signoff.meaning
    row = table_row(GoverningDocument, document.id)
    assert row["approved_number"] == 1 and row["review_on"] == date(2027, 3, 31)
    summary = doc_service.document_summary(cast.project)
    assert [(s.code, s.approved_current, s.review_overdue) for s in summary] == [
        ("DOC-01", True, False)]


def test_editing_an_approved_document_keeps_the_signed_version(client, cast, document):
    version = doc_service.version_of(document, 1)
    doc_service.approve(cast["sponsor"], cast.project, document, 1, version.sha256, None)
    login(client, cast["pm"])
    response = client.post(f"{BASE}/{document.id}/edit", data=form(
        document, version=table_row(GoverningDocument, document.id)["version"],
        body=BODY + "\n\nAlso log calls."))
    assert response.status_code == 302
    assert version.body == BODY and version.signoffs[0].valid
    page = text(client.get(f"{BASE}/{document.id}"))
    assert "needs approving again" in page
    assert not doc_service.document_summary(cast.project)[0].approved_current


def test_approval_refused_for_a_stale_version_a_bad_hash_or_a_non_sponsor(client, cast,
                                                                           document):
    v1 = doc_service.version_of(document, 1)
    digest = v1.sha256
    doc_service.update_document(None, cast.project, document, document.version,
                                data(body="Changed while the sponsor was reading"))
    login(client, cast["sponsor"])
    response = client.post(f"{BASE}/{document.id}/approve", data={
        "number": "1", "content_sha256": digest})
    assert response.status_code == 409
    assert "version 2 is now the latest" in text(response)
    response = client.post(f"{BASE}/{document.id}/approve", data={
        "number": "2", "content_sha256": digest})
    assert response.status_code == 409
    response = client.post(f"{BASE}/{document.id}/approve", data={
        "number": "two", "content_sha256": "x"})
    assert response.status_code == 400
    assert count(DocumentSignoff) == 0
    with pytest.raises(PermissionDenied):
        doc_service.approve(cast["steering"], cast.project, document, 2,
                            doc_service.version_of(document, 2).sha256, None)


def test_approving_twice_is_refused(cast, document):
    version = doc_service.version_of(document, 1)
    doc_service.approve(None, cast.project, document, 1, version.sha256, None)
    from app.core.errors import DomainError

    with pytest.raises(DomainError, match="already approved"):
        doc_service.approve(None, cast.project, document, 1, version.sha256, None)


def test_tampered_content_invalidates_the_signoff(client, cast, document, db_session, runner):
    version = doc_service.version_of(document, 1)
    doc_service.approve(None, cast.project, document, 1, version.sha256, None)
    db_session.execute(DocumentVersion.__table__.update()
                       .where(DocumentVersion.id == version.id).values(body="Forged"))
    db_session.expire_all()
    assert len(doc_service.invalid_signoffs(cast.project)) == 1
    cli = runner.invoke(args=["audit", "verify"])
    assert cli.exit_code == 1 and "document DOC-01 v1" in cli.output
    login(client, cast["member"])
    assert "Signature invalid" in text(client.get(f"{BASE}/{document.id}"))


def test_overdue_review_is_flagged(client, cast):
    late = doc_service.create_document(None, cast.project, data(
        kind="implementation_plan", title="Implementation plan 实施计划",
        review_on=date.today() - timedelta(days=1)))
    doc_service.create_document(None, cast.project, data(
        kind="evaluation_indicators", title="Evaluation indicators", review_on=None))
    summary = {s.code: s for s in doc_service.document_summary(cast.project)}
    assert summary[late.code].review_overdue
    assert not summary["DOC-02"].review_overdue
    login(client, cast["member"])
    page = text(client.get(BASE))
    assert "Review overdue" in page and "Implementation plan 实施计划" in page
    assert "Review overdue" in text(client.get(f"{BASE}/{late.id}"))


def test_markdown_body_is_sanitized(client, cast):
    document = doc_service.create_document(None, cast.project, data(
        body="<script>alert(1)</script>\n\n[x](javascript:alert(1)) **粗体**"))
    login(client, cast["member"])
    page = client.get(f"{BASE}/{document.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)" in page
    assert "<strong>粗体</strong>" in page


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_attached_file_is_signed_and_downloaded_safely(client, cast):
    login(client, cast["pm"])
    response = client.post(f"{BASE}/new", content_type="multipart/form-data", data=form(
        body="", file=(io.BytesIO(PDF), "实施计划.pdf")))
    assert response.status_code == 302
    document = doc_service.documents(cast.project)[0]
    version = doc_service.version_of(document, 1)
    assert version.file_sha256 == hashlib.sha256(PDF).hexdigest()
    assert version.content()["file_sha256"] == version.file_sha256
    download = client.get(f"{BASE}/{document.id}/versions/1/file")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # A text edit keeps the file; a new file or removing it writes a version with another hash.
    response = client.post(f"{BASE}/{document.id}/edit", content_type="multipart/form-data",
                           data=form(document, body="Summary 摘要"))
    assert response.status_code == 302
    second = doc_service.version_of(document, 2)
    assert second.file_sha256 == version.file_sha256 and second.sha256 != version.sha256
    response = client.post(f"{BASE}/{document.id}/edit", content_type="multipart/form-data",
                           data=form(document, version=table_row(GoverningDocument,
                                                                 document.id)["version"],
                                     body="Summary 摘要", remove_file="y"))
    assert response.status_code == 302
    third = doc_service.version_of(document, 3)
    assert third.file_name == "" and third.file_data is None
    assert client.get(f"{BASE}/{document.id}/versions/3/file").status_code == 404
    assert client.get(f"{BASE}/{document.id}/versions/1/file").data == PDF


def test_a_refused_file_writes_nothing(client, cast, document):
    login(client, cast["pm"])
    before = audit_count()
    response = client.post(f"{BASE}/{document.id}/edit", content_type="multipart/form-data",
                           data=form(document, file=(io.BytesIO(b"<svg onload=x>"), "a.pdf")))
    assert response.status_code == 400
    assert "does not match its type" in text(response)
    assert audit_count() == before
    assert table_row(GoverningDocument, document.id)["current_number"] == 1
