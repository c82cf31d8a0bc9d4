"""Markdown written by users (descriptions, vision, bulletins) to safe HTML.

markdown-it-py renders with raw HTML off, so HTML is escaped; nh3 then sanitizes the output
anyway, a second and independent wall.
"""

import functools
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

# The only images Markdown may show: files uploaded to the app for a project (or for its
# bulletins), addressed by the SHA-256 of their bytes. Anything else (other hosts, data: URLs,
# other app paths) is dropped with its alt text kept: no tracking pixels, and a PDF never needs
# to fetch a foreign URL.
UPLOADED_IMAGE_PATH = re.compile(
    r"/projects/(?P<project>[A-Za-z0-9][A-Za-z0-9_-]{0,31})"
    r"/(?:bulletins/)?images/(?P<sha256>[0-9a-f]{64})"
)

_ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})
_ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "del",
    "code", "pre", "blockquote", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
})  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def is_uploaded_image(src: str, project_code: str | None = None) -> bool:
    """Whether `src` is an uploaded image (of `project_code`, when given)."""
    match = UPLOADED_IMAGE_PATH.fullmatch(src)
    return bool(match) and project_code in (None, match["project"])


def render_markdown(
    text: str | None, *, project_code: str | None = None, top_heading_level: int = 1
) -> Markup:
    """Render user Markdown to HTML that is safe to embed in pages and PDFs.

    `#` becomes `<h{top_heading_level}>` (deeper levels follow, capped at h6), so authored
    headings can sit below a page's own headings. Images survive only if they are uploads
    (of `project_code`, when given).
    """
    tokens = _markdown.parse(text or "")
    for token in _walk(tokens):
        _demote_heading(token, top_heading_level)
        _align_cell_by_class(token)
        _drop_foreign_image(token, project_code)
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    return Markup(_cleaner(project_code).clean(html))


def _walk(tokens: list[Token]):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _demote_heading(token: Token, top_level: int) -> None:
    if token.type in ("heading_open", "heading_close"):
        level = min(6, int(token.tag[1]) + top_level - 1)
        token.tag = f"h{level}"


def _align_cell_by_class(token: Token) -> None:
    # markdown-it aligns table cells with a style attribute; styles are not allowed through.
    if token.type in ("th_open", "td_open") and "style" in token.attrs:
        align = str(token.attrs.pop("style")).removeprefix("text-align:")
        token.attrs["class"] = f"align-{align}"


def _drop_foreign_image(token: Token, project_code: str | None) -> None:
    if token.type == "image" and not is_uploaded_image(str(token.attrGet("src")), project_code):
        alt = "".join(child.content for child in token.children or ())
        token.type, token.tag, token.attrs, token.children = "text", "", {}, None
        token.content = alt


@functools.lru_cache(maxsize=64)
def _cleaner(project_code: str | None) -> nh3.Cleaner:
    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        # Safety net behind _drop_foreign_image: must never raise (nh3 would report it).
        if tag == "img" and attribute == "src" and not is_uploaded_image(value, project_code):
            return None
        return value

    return nh3.Cleaner(
        tags=set(_ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=keep_attribute,
        allowed_classes={"th": set(_ALIGN_CLASSES), "td": set(_ALIGN_CLASSES)},
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
