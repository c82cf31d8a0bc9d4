"""Composing an edition: the content hash a sign-off covers, and the HTML of web and PDF."""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from html import unescape

from flask import render_template
from flask_babel import force_locale

from app.bulletins import sections as registry
from app.bulletins.render import STYLESHEET_URL
from app.core.markdown import UPLOADED_IMAGE_PATH, render_markdown

# The bulletin's language picks the catalogue and date formats of its fixed texts, and the
# lang attribute that makes the PDF draw Simplified or Traditional glyph forms.
LOCALES = {"en": "en", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}
_TAG = re.compile(r"<[^>]+>")
_SVG_FONT = re.compile(r'font-family="[^"]*"')
_SPACE = re.compile(r"\s+")


def content_sha256(title: str, period: str, language: str, body: str,
                   sections: list[tuple[str, str]], correction_note: str = "") -> str:
    """SHA-256 of exactly what an approver signs: texts, language and chosen sections."""
    content = {"title": title, "period": period, "language": language, "body": body,
               "sections": [list(s) for s in sections], "correction_note": correction_note}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def bulletin_sha256(bulletin) -> str:
    return content_sha256(bulletin.title, bulletin.period, bulletin.language, bulletin.body,
                          [(s.key, s.note) for s in bulletin.sections],
                          bulletin.correction_note)


def image_shas(markdown_text: str, project_code: str) -> set[str]:
    """The uploaded images a text refers to (of this project only)."""
    return {m["sha256"] for m in UPLOADED_IMAGE_PATH.finditer(markdown_text or "")
            if m["project"] == project_code}


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for the archive's search."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


@dataclass
class Edition:
    """What a bulletin looks like at one moment: web fragment, print document, snapshots."""

    fragment: str
    document: str
    snapshots: dict
    contents: list[tuple[str, str]]  # (anchor, heading) for the table of contents


def compose(project, bulletin, sections: list, on: date, corrects_number: int | None) -> Edition:
    """Fill the chosen live sections as of `on` and build the edition in its own language."""
    with force_locale(LOCALES[bulletin.language]):
        snapshots, parts = {}, []
        for chosen in sections:
            kind = registry.get(chosen.key)
            if kind is None:  # its source module went away: leave the section out
                continue
            snapshots[chosen.key] = kind.build(project, on)
            parts.append((chosen.key, str(kind.label), kind.template, chosen.note))
        body = render_markdown(bulletin.body, project_code=project.code, top_heading_level=3)
        context = {"project": project, "bulletin": bulletin, "body": body, "parts": parts,
                   "snapshots": snapshots, "published_on": on, "lang": bulletin.language,
                   "corrects_number": corrects_number}
        fragment = render_template("bulletins/edition/fragment.html", **context)
        if bulletin.language == "zh-Hant":  # charts name the Simplified face; use Traditional
            fragment = _SVG_FONT.sub(lambda m: m[0].replace("CJK SC", "CJK TC"), fragment)
        contents = [("text", bulletin.title)] if bulletin.body.strip() else []
        contents += [(f"section-{key}", label) for key, label, _t, _n in parts]
        document = render_template("bulletins/edition/document.html", fragment=fragment,
                                   contents=contents, stylesheet=STYLESHEET_URL, **context)
    return Edition(fragment, document, snapshots, contents)
