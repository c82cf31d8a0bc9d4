"""CSV exports of objectives, KPIs and measurements (the measurements file imports back as is).

Files start with a byte-order mark so spreadsheet programs read Chinese text correctly, and
text cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
"""

import csv
import io

from app.projects.models import Project
from app.strategy import service
from app.strategy.imports import COLUMNS
from app.strategy.overview import status_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value) -> str:
    return "" if value is None else f"{value:f}"


def _day(value) -> str:
    return value.isoformat() if value else ""


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def objectives_csv(project: Project) -> bytes:
    rows = [
        [o.code, _text(o.title), o.aim, _text(o.aim_other), o.horizon, o.priority,
         _text(o.owner.name if o.owner else ""),
         _text("; ".join(g.title for g in o.goals)), "no" if o.goal_links else "yes",
         " ".join(k.code for k in o.kpis), _text(o.description)]
        for o in service.objectives(project)
    ]
    return _csv(["code", "title", "aim", "aim_other", "horizon", "priority", "owner",
                 "business_goals", "misaligned", "kpis", "description"], rows)


def kpis_csv(project: Project) -> bytes:
    rows = []
    for k in service.kpis(project):
        status = status_of(k)
        rows.append([
            k.code, k.objective.code, _text(k.name), _text(k.unit), k.direction, k.kind,
            _number(k.baseline_value), _day(k.baseline_on),
            _number(k.short_target_value), _day(k.short_target_on),
            _number(k.long_target_value), _day(k.long_target_on),
            _number(status.latest.value if status.latest else None),
            _day(status.latest.on if status.latest else None), status.state.value,
            _text(k.definition),
        ])
    return _csv(["code", "objective", "name", "unit", "direction", "kind", "baseline_value",
                 "baseline_date", "short_target_value", "short_target_date",
                 "long_target_value", "long_target_date", "latest_value", "latest_date",
                 "status", "definition"], rows)


def measurements_csv(project: Project) -> bytes:
    rows = [[k.code, m.measured_on.isoformat(), _number(m.value), _text(m.note)]
            for k in service.kpis(project) for m in k.measurements]
    return _csv(list(COLUMNS), rows)
