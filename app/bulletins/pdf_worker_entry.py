"""The target the render server forks into; imports the preloaded worker lazily by name."""


def child(conn, html: str, base_url: str, assets, memory_bytes: int) -> None:
    from app.bulletins import pdf_worker

    pdf_worker.child(conn, html, base_url, assets, memory_bytes)
