"""The register read back: filters, sorting, flags and the CSV export (formulas defused)."""

import csv
import io
from dataclasses import dataclass

from app.risks import catalogue, service
from app.risks.models import Risk

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SORTS = ("number", "score", "category", "status", "owner")


@dataclass(frozen=True)
class RegisterFilter:
    category: str = ""
    status: str = ""
    owner: str = ""  # a user id, "none" for risks without an owner, "" for any
    level: str = ""
    probability: int | None = None  # a heat-map cell
    impact: int | None = None
    flagged: bool = False  # only active risks without an owner or without a response
    sort: str = "number"


@dataclass(frozen=True)
class Row:
    risk: Risk
    level: str
    trend: str
    flags: tuple[str, ...]  # "no_owner", "no_response"


def flags_of(risk: Risk) -> tuple[str, ...]:
    """Why an active risk needs attention: nobody owns it, or nothing is planned about it."""
    if not risk.active:
        return ()
    found = []
    if risk.owner_id is None:
        found.append("no_owner")
    if not risk.has_response:
        found.append("no_response")
    return tuple(found)


def _keep(row: Row, f: RegisterFilter) -> bool:
    r = row.risk
    if f.owner == "none":
        owner_ok = r.owner_id is None
    else:
        owner_ok = not f.owner or str(r.owner_id) == f.owner
    return (owner_ok and (not f.category or r.category == f.category)
            and (not f.status or r.status == f.status or (f.status == "active" and r.active))
            and (not f.level or row.level == f.level)
            and (f.probability is None or r.probability == f.probability)
            and (f.impact is None or r.impact == f.impact) and (not f.flagged or row.flags))


def _sort_key(sort: str, locale: str):
    names = {c.key: c.label(locale) for c in catalogue.categories()}
    return {
        "number": lambda row: row.risk.number,
        "score": lambda row: (-row.risk.score, row.risk.number),
        "category": lambda row: (names.get(row.risk.category, row.risk.category),
                                 row.risk.number),
        "status": lambda row: (row.risk.status, row.risk.number),
        "owner": lambda row: (row.risk.owner is None,
                              row.risk.owner.name if row.risk.owner else "", row.risk.number),
    }.get(sort, lambda row: row.risk.number)


def search(project, f: RegisterFilter, locale: str = "en") -> list[Row]:
    rows = [Row(r, service.level_of(r), service.trend_of(r), flags_of(r))
            for r in service.risks(project)]
    return sorted((row for row in rows if _keep(row, f)), key=_sort_key(f.sort, locale))


def _text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def register_csv(rows: list[Row]) -> bytes:
    """The register as CSV: UTF-8 with a byte-order mark so spreadsheets read Chinese."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "title", "category", "probability", "impact", "score", "level",
                     "trend", "status", "owner", "strategy", "response_plan", "trigger",
                     "identified_on", "flags"])
    for row in rows:
        r = row.risk
        writer.writerow([
            r.code, _text(r.title), r.category, r.probability, r.impact, r.score, row.level,
            row.trend, r.status, _text(r.owner.name) if r.owner else "", r.strategy or "",
            _text(r.response_plan), _text(r.trigger), r.identified_on.isoformat(),
            " ".join(row.flags)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
