"""The Atom feed of a project's published bulletins (RFC 4287), built with ElementTree."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    published: datetime
    html_url: str
    pdf_url: str
    pdf_size: int
    summary: str
    content_html: str
    language: str


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def atom(feed_id: str, title: str, self_url: str, site_url: str, author: str,
         entries: list[FeedEntry], updated: datetime) -> bytes:
    """An Atom document; ElementTree escapes every text, so entries cannot break the XML."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    sub(feed, "updated", _iso(updated))
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    sub(sub(feed, "author"), "name", author)
    for item in entries:
        entry = sub(feed, "entry")
        entry.set("{http://www.w3.org/XML/1998/namespace}lang", item.language)
        sub(entry, "id", item.id)
        sub(entry, "title", item.title)
        sub(entry, "published", _iso(item.published))
        sub(entry, "updated", _iso(item.published))  # editions never change
        sub(entry, "link", rel="alternate", href=item.html_url, type="text/html")
        sub(entry, "link", rel="enclosure", href=item.pdf_url, type="application/pdf",
            length=str(item.pdf_size))
        sub(entry, "summary", item.summary)
        sub(entry, "content", item.content_html, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
