"""Pure bulletin logic: cadence, image checks, the signed content hash, the Atom document."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest
from PIL import Image

from app.bulletins import cadence, feed, images
from app.bulletins.compose import content_sha256, image_shas, plain_text


@pytest.mark.parametrize(("kind", "start", "expected"), [
    ("weekly", date(2026, 3, 2), date(2026, 3, 9)),
    ("fortnightly", date(2026, 3, 2), date(2026, 3, 16)),
    ("monthly", date(2026, 1, 31), date(2026, 2, 28)),
    ("monthly", date(2028, 1, 31), date(2028, 2, 29)),
    ("quarterly", date(2026, 11, 30), date(2027, 2, 28)),
])
def test_cadence_steps(kind, start, expected):
    assert cadence.step(start, kind) == expected


def test_next_due_counts_from_the_last_edition_and_flags_lateness():
    due = cadence.next_due("monthly", date(2026, 1, 5), date(2026, 3, 10), date(2026, 4, 1))
    assert due == cadence.Due(date(2026, 4, 10), False, 0)
    late = cadence.next_due("monthly", date(2026, 1, 5), None, date(2026, 2, 15))
    assert late == cadence.Due(date(2026, 2, 5), True, 10)
    assert cadence.next_due("none", date(2026, 1, 5), None, date(2027, 1, 1)) is None
    with pytest.raises(ValueError):
        cadence.step(date(2026, 1, 1), "hourly")


def _image(fmt: str, size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 128, 255)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "media"), [("PNG", "image/png"), ("JPEG", "image/jpeg"),
                                            ("GIF", "image/gif"), ("WEBP", "image/webp")])
def test_raster_images_are_accepted(fmt, media):
    checked = images.check_image(_image(fmt))
    assert checked.media_type == media and (checked.width, checked.height) == (10, 10)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),
    (b"  <?xml version='1.0'?><svg/>", "svg"),
    (b"GIF89a-truncated", "not_image"),
    (_image("BMP"), "not_image"),
    (_image("PNG", (6001, 1)), "too_many_pixels"),
    (b"\xff" * (images.MAX_BYTES + 1), "too_large"),
])
def test_other_files_are_refused(data, reason):
    with pytest.raises(images.ImageRefused) as refused:
        images.check_image(data)
    assert refused.value.reason == reason


def test_content_hash_covers_every_signed_part():
    base = ("T", "P", "en", "Body", [("overview", "note")], "")
    reference = content_sha256(*base)
    assert content_sha256(*base) == reference
    for index, changed in ((0, "T2"), (1, "P2"), (2, "zh-Hans"), (3, "Body."),
                           (4, [("overview", "note!")]), (4, [("calendar", "note")]),
                           (5, "corrects")):
        variant = list(base)
        variant[index] = changed
        assert content_sha256(*variant) != reference, index


def test_image_references_and_plain_text():
    sha = "a" * 64
    text = f"![x](/projects/QA/bulletins/images/{sha}) ![y](/projects/QB/images/{'b' * 64})"
    assert image_shas(text, "QA") == {sha}
    assert plain_text("<p>数据 &amp; <b>CRM</b></p>\n<p>x</p>") == "数据 & CRM x"


def test_atom_escapes_everything_and_parses():
    entry = feed.FeedEntry(
        id="tag:x,2026-01-01:Q/1", title="A & B <c>", published=datetime(2026, 1, 2, tzinfo=UTC),
        html_url="https://h/1", pdf_url="https://h/1.pdf", pdf_size=10, summary="Jan",
        content_html="<p>hi</p>", language="zh-Hans")
    body = feed.atom("tag:x,2026:Q", "Feed", "https://h/f", "https://h", "Q", [entry],
                     datetime(2026, 1, 2, tzinfo=UTC))
    root = ET.fromstring(body)
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{ns}entry/{ns}title").text == "A & B <c>"
    assert root.find(f"{ns}updated").text == "2026-01-02T00:00:00Z"
    assert root.find(f"{ns}entry").get("{http://www.w3.org/XML/1998/namespace}lang") == \
        "zh-Hans"
