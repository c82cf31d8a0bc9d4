"""The SHA-256 that seals a frozen snapshot (plan and budget baselines)."""

import hashlib
import json


def content_hash(rows: list[dict]) -> str:
    """SHA-256 of the rows as canonical JSON (sorted keys, UTF-8; dates and decimals as text)."""
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
