"""Recording KPI measurements: one by one from a form, or many at once from a CSV file."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.extensions import db
from app.projects.models import Project
from app.strategy.imports import EARLIEST, ParseResult, parse_measurements
from app.strategy.models import Kpi, Measurement
from app.strategy.service import _require


def _taken(kpi: Kpi, on: date) -> bool:
    return db.session.execute(
        sa.select(Measurement.id).where(Measurement.kpi_id == kpi.id,
                                        Measurement.measured_on == on)
    ).scalar_one_or_none() is not None


@transactional
def add_measurement(actor: User | None, project: Project, kpi: Kpi, on: date, value: Decimal,
                    note: str = "", source: str = "form") -> Measurement:
    _require(actor, project, "kpi.measure")
    if kpi.project_id != project.id:
        raise DomainError(_l("This KPI belongs to another project."))
    if not EARLIEST <= on <= date.today():
        raise DomainError(_l("The date must be between 1990 and today."))
    if _taken(kpi, on):
        raise DomainError(_l("%(kpi)s already has a measurement on %(date)s: delete it first "
                             "to replace it.", kpi=kpi.code, date=on.isoformat()))
    measurement = Measurement(project_id=project.id, kpi=kpi, measured_on=on, value=value,
                              note=(note or "").strip(), source=source,
                              recorded_by_id=actor.id if actor else None)
    db.session.add(measurement)
    db.session.flush()
    return measurement


@transactional
def delete_measurement(actor: User, project: Project, measurement: Measurement, version) -> None:
    _require(actor, project, "kpi.measure")
    check_version(measurement, version)
    db.session.delete(measurement)


@dataclass(frozen=True)
class ImportOutcome:
    parsed: ParseResult
    imported: int

    @property
    def refused(self) -> bool:
        return self.imported == 0 and bool(self.parsed.errors)


@transactional
def import_measurements(actor: User | None, project: Project, data: bytes,
                        skip_bad_rows: bool = False, today: date | None = None) -> ImportOutcome:
    """Import a `kpi,date,value,note` file. A file with any bad row imports nothing, unless
    `skip_bad_rows`: then only the good rows are added. Bad rows never change anything."""
    _require(actor, project, "kpi.measure")
    kpis = {k.code: k for k in db.session.execute(
        sa.select(Kpi).where(Kpi.project_id == project.id)).scalars()}
    existing = db.session.execute(
        sa.select(Kpi.number, Measurement.measured_on).join(Measurement.kpi)
        .where(Kpi.project_id == project.id)
    ).all()
    parsed = parse_measurements(data, kpis.keys(),
                                {(f"KPI-{n:02d}", on) for n, on in existing},
                                today or date.today())
    file_problem = any(error.line == 0 for error in parsed.errors)
    if file_problem or (parsed.errors and not skip_bad_rows):
        return ImportOutcome(parsed, 0)
    for row in parsed.rows:
        db.session.add(Measurement(project_id=project.id, kpi=kpis[row.kpi], measured_on=row.on,
                                   value=row.value, note=row.note, source="import",
                                   recorded_by_id=actor.id if actor else None))
    db.session.flush()
    return ImportOutcome(parsed, len(parsed.rows))
