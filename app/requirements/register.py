"""The register read back: search and filters, and the CSV export (formulas defused)."""

import csv
import io
from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.projects.models import Project
from app.requirements.models import Requirement, RequirementObjective

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LIKE_SPECIAL = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


@dataclass(frozen=True)
class RegisterFilter:
    text: str = ""
    status: str = ""
    kind: str = ""
    priority: str = ""
    department: str = ""
    objective_id: int | None = None
    unlinked: bool = False  # only requirements that serve no objective


def search(project: Project, f: RegisterFilter) -> list[Requirement]:
    query = (sa.select(Requirement).where(Requirement.project_id == project.id)
             .options(sa.orm.selectinload(Requirement.objective_links)
                      .selectinload(RequirementObjective.objective))
             .order_by(Requirement.number))
    if f.text:
        words = f.text.split()
        for word in words:
            pattern = f"%{word.translate(_LIKE_SPECIAL).lower()}%"
            fields = [sa.func.lower(Requirement.title), sa.func.lower(Requirement.description),
                      sa.func.lower(Requirement.acceptance_criteria)]
            conditions = [field.like(pattern, escape="\\") for field in fields]
            if word.upper().startswith("REQ-") and word[4:].isdigit():
                conditions.append(Requirement.number == int(word[4:]))
            query = query.where(sa.or_(*conditions))
    for column, value in ((Requirement.status, f.status), (Requirement.kind, f.kind),
                          (Requirement.priority, f.priority),
                          (Requirement.department, f.department)):
        if value:
            query = query.where(column == value)
    links = sa.select(RequirementObjective.id).where(
        RequirementObjective.requirement_id == Requirement.id)
    if f.objective_id is not None:
        query = query.where(links.where(
            RequirementObjective.objective_id == f.objective_id).exists())
    if f.unlinked:
        query = query.where(~links.exists())
    return list(db.session.execute(query).scalars())


def _text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def register_csv(requirements: list[Requirement]) -> bytes:
    """The register as CSV: UTF-8 with a byte-order mark so spreadsheets read Chinese."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["code", "title", "status", "type", "priority", "department", "version",
                     "signed_version", "objectives", "acceptance_criteria", "description"])
    for r in requirements:
        writer.writerow([
            r.code, _text(r.title), r.status, r.kind, r.priority, r.department,
            r.current_number, r.signed_number or "", " ".join(o.code for o in r.objectives),
            _text(r.acceptance_criteria), _text(r.description)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
