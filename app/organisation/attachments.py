"""Checking a file attached to a governing document before it is stored (pure logic).

Only PDF and Office Open XML documents are taken, recognised by their bytes, not by the name
the browser sends; they are always served back as downloads, never shown inline.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024
TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The part every Office Open XML package of that kind holds.
_OOXML_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]")


class AttachmentRefused(ValueError):
    """`reason`: empty, too_large, type (not an accepted kind) or content (bytes disagree)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    name: str
    media_type: str
    sha256: str
    size: int


def clean_name(name: str) -> str:
    """The last path part of the browser's file name, without characters unsafe in headers."""
    base = re.split(r"[\\/]", name or "")[-1]
    return _UNSAFE_NAME.sub("_", base).strip(" .")[:200]


def _is_ooxml(data: bytes, extension: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and any(
        n.startswith(_OOXML_PART[extension]) for n in names)


def check_attachment(name: str, data: bytes) -> CheckedFile:
    """Accept a PDF, DOCX, XLSX or PPTX of bounded size whose bytes match its extension."""
    if not data:
        raise AttachmentRefused("empty")
    if len(data) > MAX_BYTES:
        raise AttachmentRefused("too_large")
    cleaned = clean_name(name)
    extension = cleaned[cleaned.rfind("."):].lower() if "." in cleaned else ""
    if extension not in TYPES:
        raise AttachmentRefused("type")
    matches = data.startswith(b"%PDF-") if extension == ".pdf" else _is_ooxml(data, extension)
    if not matches:
        raise AttachmentRefused("content")
    return CheckedFile(cleaned, TYPES[extension], hashlib.sha256(data).hexdigest(), len(data))
