"""Publishing's PDF step: WeasyPrint in a forked child with a time limit and a memory cap.

The web worker never runs WeasyPrint itself. A fork server (started on first use) has WeasyPrint
and the fonts loaded (app/bulletins/pdf_worker.py); each render is a fresh fork of it, capped in
address space and killed at the deadline, so a pathological document fails with a message and
the worker keeps serving. The child gets the HTML and, as bytes, the only things it may fetch.
"""

import multiprocessing
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import lazy_gettext as _l

from app.core.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
PRINT_DIR = ROOT / "reports"
# A name that never resolves: asset URLs are keys into the child's dictionary, not addresses.
BASE_URL = "https://steerco.invalid/"
STYLESHEET_URL = BASE_URL + "print/bulletin.css"
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_MB = 1536

_lock = threading.Lock()
_context = None


class RenderFailed(DomainError):
    status = 422
    default_message = _l("The PDF could not be made. Nothing was published.")


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    pages: int
    seconds: float
    refused: list[str] = field(default_factory=list)


def print_assets() -> dict[str, tuple[bytes, str]]:
    """The app's own print assets, by the URL the edition's HTML uses for them."""
    return {STYLESHEET_URL: ((PRINT_DIR / "bulletin.css").read_bytes(), "text/css")}


def _fork_context():
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["app.bulletins.pdf_worker"])
            _context = context
        return _context


def render_pdf(html: str, images: dict[str, tuple[bytes, str]] | None = None, *,
               timeout: float = DEFAULT_TIMEOUT_S,
               memory_mb: int = DEFAULT_MEMORY_MB) -> RenderResult:
    """Render `html` (which links STYLESHEET_URL and images by their app paths) to a PDF.

    `images` maps an app path (/projects/<CODE>/bulletins/images/<sha256>) to (bytes, type).
    Raises RenderFailed with a message a user can act on.
    """
    from app.bulletins import pdf_worker_entry

    assets = print_assets()
    for path, asset in (images or {}).items():
        assets[BASE_URL + path.lstrip("/")] = asset
    context = _fork_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=pdf_worker_entry.child,
        args=(sender, html, BASE_URL, assets, memory_mb * 1024 * 1024), daemon=True,
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise RenderFailed(_l("Making the PDF took longer than %(s)d seconds, so it was "
                                  "stopped. Shorten the bulletin (very long tables are the "
                                  "usual cause) and try again.", s=int(timeout)))
        try:
            status, payload, pages, refused, seconds = receiver.recv()
        except EOFError:
            status, payload, pages, refused, seconds = "memory", None, 0, [], 0.0
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "memory":
        raise RenderFailed(_l("Making the PDF needed more memory than allowed, so it was "
                              "stopped. Shorten the bulletin and try again."))
    if status != "ok":
        raise RenderFailed(_l("The PDF could not be made (%(reason)s). Nothing was published.",
                              reason=payload))
    return RenderResult(pdf=payload, pages=pages, seconds=seconds, refused=refused)
