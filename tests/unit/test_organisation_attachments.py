"""Attachments of governing documents: only real PDF and Office Open XML files, bounded."""

import io
import zipfile

import pytest

from app.organisation.attachments import (
    MAX_BYTES,
    AttachmentRefused,
    check_attachment,
    clean_name,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


def test_pdf_accepted_with_its_hash():
    checked = check_attachment("实施计划 v2.pdf", PDF)
    assert checked.media_type == "application/pdf" and checked.name == "实施计划 v2.pdf"
    assert len(checked.sha256) == 64 and checked.size == len(PDF)


@pytest.mark.parametrize(("name", "part"), [("plan.docx", "word/document.xml"),
                                            ("kpis.XLSX", "xl/workbook.xml"),
                                            ("deck.pptx", "ppt/presentation.xml")])
def test_office_documents_accepted(name, part):
    assert check_attachment(name, ooxml(part)).size > 0


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.pdf", b"", "empty"),
    ("page.html", b"<html><script>alert(1)</script></html>", "type"),
    ("no-extension", PDF, "type"),
    ("script.pdf", b"<html><script>alert(1)</script></html>", "content"),
    ("plan.docx", PDF, "content"),
    ("plan.docx", ooxml("xl/workbook.xml"), "content"),  # a workbook named as a document
    ("any.zip.pdf", ooxml("word/document.xml"), "content"),
])
def test_refused(name, data, reason):
    with pytest.raises(AttachmentRefused) as refused:
        check_attachment(name, data)
    assert refused.value.reason == reason


def test_size_limit_at_the_threshold():
    assert check_attachment("big.pdf", PDF + b"0" * (MAX_BYTES - len(PDF))).size == MAX_BYTES
    with pytest.raises(AttachmentRefused, match="too_large"):
        check_attachment("big.pdf", PDF + b"0" * (MAX_BYTES - len(PDF) + 1))


def test_clean_name_keeps_only_a_safe_base_name():
    assert clean_name("C:\\Users\\x\\plan.pdf") == "plan.pdf"
    assert clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert clean_name('a"b\r\nc.pdf') == "a_b__c.pdf"
