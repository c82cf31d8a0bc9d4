"""The PDF rendering child: WeasyPrint behind a fetcher that serves only what it was handed.

This module is preloaded by the render server (a multiprocessing fork server), so WeasyPrint,
Pango and fontconfig are imported and warmed once; every render then runs in a fresh fork of
that process with a memory cap, and dies with it. It imports nothing of the web app.
"""

import logging
import resource
import time

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger("weasyprint")


class AssetFetcher(URLFetcher):
    """Serves the exact URLs it was given (print CSS, the bulletin's images) and nothing else.

    No scheme is allowed, redirects are off, and `fetch` never reaches urllib: file://, http://,
    data: and anything else is refused and recorded, so tests can prove nothing was fetched.
    """

    def __init__(self, assets: dict[str, tuple[bytes, str]]):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self._assets = dict(assets)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        asset = self._assets.get(url)
        if asset is None:
            self.refused.append(url[:300])
            raise ValueError("bulletins fetch only their own print assets and images")
        body, mime = asset
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    def open(self, url, data=None, timeout=None):  # urllib entry point: same rule
        return self.fetch(getattr(url, "full_url", url))


def render(html: str, base_url: str, assets: dict[str, tuple[bytes, str]]):
    """Render `html` to PDF bytes; returns (pdf, page count, refused URLs)."""
    fetcher = AssetFetcher(assets)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
    pdf = document.write_pdf()
    return pdf, len(document.pages), fetcher.refused


def child(conn, html: str, base_url: str, assets, memory_bytes: int) -> None:
    """Entry point of one render in a forked child: cap memory, render, send the result."""
    try:
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        started = time.perf_counter()
        pdf, pages, refused = render(html, base_url, assets)
        conn.send(("ok", pdf, pages, refused, time.perf_counter() - started))
    except MemoryError:
        conn.send(("memory", None, 0, [], 0.0))
    except Exception as exc:  # reported to the parent as a clean failure
        conn.send(("error", f"{type(exc).__name__}: {str(exc)[:300]}", 0, [], 0.0))
    finally:
        conn.close()


def _warm_up() -> None:
    """Load fontconfig, Pango and the CJK faces once, before any fork."""
    LOGGER.setLevel(logging.ERROR)
    sample = '<p lang="zh-Hans">简体 English</p><p lang="zh-Hant">繁體</p>'
    render(sample, "https://steerco.invalid/", {})


_warm_up()
