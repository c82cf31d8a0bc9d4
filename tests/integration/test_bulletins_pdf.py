"""Published PDFs: real text and embedded CJK fonts, a fetcher that fetches nothing foreign,
clean failure of pathological documents, and the `flask bulletin` commands."""

import hashlib
import http.server
import re
import subprocess
import threading

import pytest

from app.bulletins import render, service
from tests.route_values.bulletins import approved, png_bytes, published

HANS = "简体中文的数据迁移演练顺利完成"
HANT = "繁體中文的資料遷移演練順利完成"


def _pdftotext(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "edition.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pdffonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


@pytest.mark.parametrize(("language", "text", "face"), [
    ("zh-Hans", HANS, "Noto-Sans-CJK-SC"), ("zh-Hant", HANT, "Noto-Sans-CJK-TC"),
    ("en", "The pilot is on track.", "Noto-Sans-CJK-SC"),
])
def test_published_pdf_has_text_cover_contents_and_embedded_fonts(cast, db_session, tmp_path,
                                                                  language, text, face):
    edition = published(cast, language=language, title="Pilot news", body=f"## News\n\n{text}",
                        sections=[("committee", ""), ("activity", "")])
    assert edition.pdf_sha256 == hashlib.sha256(edition.pdf).hexdigest()
    words = _pdftotext(edition.pdf, tmp_path)
    assert text in words.replace("\n", "").replace(" ", "") or text in words
    assert cast.project.name in words  # cover and running header
    assert "Sponsor person" in words  # the live section, filled at publication
    numbers = re.findall(r"(\d+) ?/ ?(\d+)\s*$", words, re.MULTILINE)
    # Page numbers in the footer from page 2 on; the cover carries none.
    assert numbers == [(str(n), str(edition.pages)) for n in range(2, edition.pages + 1)]
    fonts = _pdffonts(edition.pdf, tmp_path)
    names = [row[0] for row in fonts]
    # Simplified and Traditional glyph forms come from different faces, picked by lang.
    assert all(name.split("+")[1].startswith(face) for name in names), names
    assert all(row[-5] == "yes" for row in fonts), fonts  # emb column
    assert 3 <= edition.pages <= 12


def test_pdf_shows_uploaded_images_only(cast, db_session, tmp_path):
    image = service.upload_image(cast["pm"], cast.project, "red.png", png_bytes(300, 200))
    path = f"/projects/CAST/bulletins/images/{image.sha256}"
    edition = published(cast, body=f"![chart]({path})\n\n![x](https://example.com/t.png)")
    out = tmp_path / "img"
    out.mkdir()
    pdf = out / "e.pdf"
    pdf.write_bytes(edition.pdf)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout
    assert " 300   200 " in listing.replace("  ", " ") or "300" in listing


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args):
        pass


def test_the_fetcher_fetches_nothing_from_files_or_the_network(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    local = f"http://127.0.0.1:{server.server_port}"
    file_url = secret.as_uri()
    html = f"""<!DOCTYPE html><html lang="en"><head>
      <link rel="stylesheet" href="{render.STYLESHEET_URL}">
      <link rel="stylesheet" href="{local}/style.css">
      <link rel="attachment" href="{file_url}">
      <link rel="attachment" href="file:///etc/passwd">
      <style>@import url("{file_url}"); @import "{local}/import.css";
        body {{ background: url("file:///etc/passwd"); }}
        p {{ background-image: url("{local}/bg.png"); }}</style></head><body>
      <p>Visible text</p>
      <img src="file:///etc/passwd"><img src="{file_url}"><img src="{local}/pixel.png">
      <object data="{file_url}"></object><embed src="{local}/e.svg">
      <svg width="100" height="100"><image href="{file_url}" width="50" height="50"/>
        <image href="{local}/svg.png" width="50" height="50"/></svg>
      <a href="{file_url}">link</a></body></html>"""
    try:
        result = render.render_pdf(html)
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()
    assert _Recorder.hits == []
    assert b"TOP-SECRET-LINE" not in result.pdf and b"root:x:0" not in result.pdf
    assert any("etc/passwd" in url for url in result.refused)
    assert any(url.startswith(local) for url in result.refused)
    assert result.pages == 1


def test_a_huge_table_fails_cleanly_within_the_time_limit(app, db_session):
    rows = "".join(f"<tr><td>{i}</td><td>行 {i}</td></tr>" for i in range(5000))
    with pytest.raises(render.RenderFailed) as failed:
        render.render_pdf(f"<table>{rows}</table>", timeout=1.0)
    assert "longer than 1 seconds" in failed.value.message
    # The app keeps serving: a normal render right after works.
    assert render.render_pdf("<p>still here</p>").pdf.startswith(b"%PDF")


def test_memory_cap_stops_a_render_cleanly():
    huge = "<p style='font-size: 100000000px; width: 99999999999px'>x</p>" * 50
    with pytest.raises(render.RenderFailed) as failed:
        render.render_pdf(huge, memory_mb=150)
    assert "memory" in failed.value.message or "could not be made" in failed.value.message


def test_markdown_cannot_smuggle_markup_into_the_pdf(cast, db_session, tmp_path):
    body = ('<script>alert(1)</script><iframe src="file:///etc/passwd"></iframe>\n\n'
            '[click](javascript:alert(1)) <img src="file:///etc/passwd" onerror="x()">\n\n'
            "![p](file:///etc/passwd)")
    edition = published(cast, body=body)
    for bad in ("<script", "<iframe", 'href="javascript:'):
        assert bad not in edition.html
    # What remains of them is escaped, visible text, never an element or attribute.
    assert not re.search(r"<[^>]*(\bonerror=|src=\"file:)", edition.html)
    assert b"/JavaScript" not in edition.pdf and b"/JS " not in edition.pdf


def test_cli_publishes_an_approved_draft_and_writes_its_pdf(runner, cast, db_session,
                                                           tmp_path):
    bulletin = approved(cast)
    result = runner.invoke(args=["bulletin", "publish", "--project", "CAST",
                                 "--number", str(bulletin.number)])
    assert result.exit_code == 0, result.output
    assert "Published CAST bulletin No. 1" in result.output
    again = runner.invoke(args=["bulletin", "publish", "--project", "CAST", "--number", "1"])
    assert again.exit_code != 0 and "never changes" in again.output
    out = tmp_path / "b.pdf"
    result = runner.invoke(args=["bulletin", "pdf", "--project", "CAST", "--number", "1",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == bulletin.edition.pdf
    missing = runner.invoke(args=["bulletin", "pdf", "--project", "CAST", "--number", "9",
                                  "-o", str(out)])
    assert missing.exit_code != 0 and "no published bulletin No. 9" in missing.output
