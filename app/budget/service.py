"""Budget operations: settings, lines and forecasts, cost entries and CSV import, benefits."""

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from babel.numbers import get_currency_precision
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.budget import analysis
from app.budget.importing import ParsedFile, RowProblem, parse_cost_csv
from app.budget.labels import problem_text
from app.budget.models import Benefit, BudgetLine, BudgetSettings, CostEntry
from app.changes import guard
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.numbering import next_number
from app.core.permissions import require
from app.extensions import db
from app.projects import service as projects_service
from app.projects.models import Project
from app.strategy.models import Kpi

RULES_FILE = Path(__file__).resolve().parents[2] / "seeds" / "budget_rules.toml"
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


@functools.cache
def rules() -> analysis.BudgetRules:
    return analysis.load_budget_rules(RULES_FILE.read_bytes())


def minor_digits(project: Project) -> int:
    return get_currency_precision(project.currency)


def _exact(project: Project, amount: Decimal | None, *, negative_ok: bool = False) -> None:
    """Services check money again: forms are not the only way in (seeds, imports, API)."""
    if amount is None:
        return
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DomainError(_l("Amounts must be exact decimal numbers."))
    if -amount.as_tuple().exponent > minor_digits(project):
        raise DomainError(problem_text("amount_too_precise", {"digits": minor_digits(project)}))
    if amount < 0 and not negative_ok:
        raise DomainError(problem_text("amount_negative"))


# --- Settings ---------------------------------------------------------------------------------


def settings_of(project: Project) -> BudgetSettings:
    """The project's settings, or unsaved defaults (January, 8% discount rate)."""
    found = db.session.execute(
        sa.select(BudgetSettings).where(BudgetSettings.project_id == project.id)
    ).scalar_one_or_none()
    return found or BudgetSettings(project_id=project.id, fiscal_year_start_month=1,
                                   fiscal_year_named_by="end", discount_rate_bp=800,
                                   schedule_percent_complete=None)


def calendar_of(settings: BudgetSettings) -> analysis.FiscalCalendar:
    return analysis.FiscalCalendar(settings.fiscal_year_start_month, settings.fiscal_year_named_by)


@dataclass(frozen=True)
class SettingsData:
    fiscal_year_start_month: int
    fiscal_year_named_by: str
    discount_rate_bp: int
    schedule_percent_complete: int | None


@transactional
def save_settings(actor: User | None, project: Project, version, data: SettingsData):
    if actor is not None:
        require(actor, project, "budget.edit")
    settings = settings_of(project)
    if settings.id is not None:
        check_version(settings, version)
    if not 1 <= data.fiscal_year_start_month <= 12 or data.fiscal_year_named_by not in (
            "end", "start") or not 0 <= data.discount_rate_bp <= 10000:
        raise DomainError(_l("The budget settings are out of range."))
    pct = data.schedule_percent_complete
    if pct is not None and not 0 <= pct <= 100:
        raise DomainError(_l("Schedule progress is a percentage from 0 to 100."))
    for key, value in data.__dict__.items():
        setattr(settings, key, value)
    db.session.add(settings)
    db.session.flush()
    return settings


# --- Lines and forecasts ----------------------------------------------------------------------


def lines(project: Project) -> list[BudgetLine]:
    return list(db.session.execute(
        sa.select(BudgetLine).where(BudgetLine.project_id == project.id)
        .options(sa.orm.selectinload(BudgetLine.owner))
        .order_by(BudgetLine.fiscal_year, BudgetLine.quarter, BudgetLine.category,
                  BudgetLine.number)
    ).scalars())


def line_in(project: Project, line_id: int) -> BudgetLine | None:
    line = db.session.get(BudgetLine, line_id)
    return line if line is not None and line.project_id == project.id else None


def lock_planned_amounts(project: Project, *, exclusive: bool = False) -> None:
    """Planned amounts are frozen by budget baselines: see projects.lock_for_baseline."""
    projects_service.lock_for_baseline(project, exclusive=exclusive)


def spent_by_line(project: Project, on: date | None = None) -> dict[int, Decimal]:
    query = (sa.select(CostEntry.line_id, sa.func.sum(CostEntry.amount))
             .where(CostEntry.project_id == project.id).group_by(CostEntry.line_id))
    if on is not None:
        query = query.where(CostEntry.spent_on <= on)
    return {row[0]: row[1] for row in db.session.execute(query)}


def owner_choices(project: Project) -> list[tuple[int, str]]:
    return [(u.id, u.name) for u in db.session.execute(
        sa.select(User).join(Membership).where(Membership.project_id == project.id)
        .order_by(User.name)).scalars()]


@dataclass(frozen=True)
class LineData:
    category: str
    fiscal_year: int
    quarter: int
    name: str
    planned: Decimal
    owner_id: int | None = None
    notes: str = ""


def _check_line(project: Project, data: LineData) -> None:
    if data.category not in {c.value for c in analysis.Category}:
        raise DomainError(_l("Choose one of the budget categories."))
    if not 1990 <= data.fiscal_year <= 2100 or not 1 <= data.quarter <= 4:
        raise DomainError(_l("Choose a fiscal year from 1990 to 2100 and a quarter from 1 to 4."))
    if not data.name.strip():
        raise DomainError(_l("Give the line a name."))
    _exact(project, data.planned)
    if data.owner_id is not None and data.owner_id not in dict(owner_choices(project)):
        raise DomainError(_l("The owner must have a role in this project."))


@transactional
def create_line(actor: User | None, project: Project, data: LineData) -> BudgetLine:
    if actor is not None:
        require(actor, project, "budget.edit")
    _check_line(project, data)
    lock_planned_amounts(project)
    guard.refuse_budget_line_add(actor, project, data)
    line = BudgetLine(project_id=project.id, number=next_number(project.id, "budget_line"),
                      forecast_note="", **data.__dict__)
    db.session.add(line)
    db.session.flush()
    return line


@transactional
def update_line(actor: User, project: Project, line: BudgetLine, version,
                data: LineData) -> BudgetLine:
    require(actor, project, "budget.edit")
    check_version(line, version)
    _check_line(project, data)
    lock_planned_amounts(project)
    _refuse_baselined_edit(actor, project, line, data)
    for key, value in data.__dict__.items():
        setattr(line, key, value)
    return line


def _refuse_baselined_edit(actor, project: Project, line: BudgetLine, data: LineData) -> None:
    """Once the budget has a baseline, planned amounts change only through a change request;
    the owner, name and notes stay direct edits. Moving money to another category or quarter
    is a change of planned amounts too."""
    if data.planned != line.planned:
        guard.refuse_budget_edit(actor, project, {"kind": "budget_change",
                                                  "target_id": line.id,
                                                  "amount": str(data.planned)})
    moved = (data.category, data.fiscal_year, data.quarter) != (
        line.category, line.fiscal_year, line.quarter)
    if moved and line.planned and guard.budget_controlled(actor, project):
        raise DomainError(_l(
            "The budget has a baseline: %(line)s keeps its category and quarter while it plans "
            "money. Add a line with a zero amount where the money should go and propose moving "
            "it through change requests. Nothing was saved.", line=line.code))


@transactional
def delete_line(actor: User, project: Project, line: BudgetLine, version) -> None:
    require(actor, project, "budget.edit")
    check_version(line, version)
    has_costs = db.session.execute(
        sa.select(CostEntry.id).where(CostEntry.line_id == line.id).limit(1)).first()
    if has_costs:
        raise DomainError(_l("%(line)s has costs recorded against it: move or delete them "
                             "first.", line=line.code))
    lock_planned_amounts(project)
    guard.refuse_budget_line_removal(actor, project, line)
    db.session.delete(line)


@transactional
def set_forecast(actor: User | None, project: Project, line: BudgetLine, version,
                 estimate: Decimal | None, note: str, on: date) -> BudgetLine:
    """Record what is still to be spent on a line; None goes back to 'the rest of the plan'."""
    if actor is not None:
        require(actor, project, "budget.edit")
        check_version(line, version)
    _exact(project, estimate)
    line.estimate_to_complete = estimate
    line.forecast_note = note or ""
    line.forecast_on = on
    return line


# --- Cost entries -----------------------------------------------------------------------------


def entries(project: Project) -> list[CostEntry]:
    return list(db.session.execute(
        sa.select(CostEntry).where(CostEntry.project_id == project.id)
        .options(sa.orm.joinedload(CostEntry.line))
        .order_by(CostEntry.spent_on.desc(), CostEntry.id.desc())
    ).scalars())


def entry_in(project: Project, entry_id: int) -> CostEntry | None:
    entry = db.session.get(CostEntry, entry_id)
    return entry if entry is not None and entry.project_id == project.id else None


@dataclass(frozen=True)
class EntryData:
    line_id: int
    spent_on: date
    amount: Decimal
    supplier: str = ""
    reference: str = ""
    notes: str = ""


def _check_entry(project: Project, data: EntryData) -> None:
    if line_in(project, data.line_id) is None:
        raise DomainError(_l("Choose a budget line of this project."))
    if not EARLIEST <= data.spent_on <= LATEST:
        raise DomainError(_l("The date is out of range."))
    _exact(project, data.amount, negative_ok=True)
    if data.amount == 0:
        raise DomainError(problem_text("amount_zero"))


@transactional
def create_entry(actor: User | None, project: Project, data: EntryData) -> CostEntry:
    if actor is not None:
        require(actor, project, "budget.edit")
    _check_entry(project, data)
    entry = CostEntry(project_id=project.id, **data.__dict__)
    db.session.add(entry)
    db.session.flush()
    return entry


@transactional
def update_entry(actor: User, project: Project, entry: CostEntry, version,
                 data: EntryData) -> CostEntry:
    require(actor, project, "budget.edit")
    check_version(entry, version)
    _check_entry(project, data)
    for key, value in data.__dict__.items():
        setattr(entry, key, value)
    return entry


@transactional
def delete_entry(actor: User, project: Project, entry: CostEntry, version) -> None:
    require(actor, project, "budget.edit")
    check_version(entry, version)
    db.session.delete(entry)


def actual_cost_to_date(project: Project, on: date) -> Decimal:
    """Actual cost (AC) recorded up to and including `on`, for earned value in planning."""
    total = db.session.execute(
        sa.select(sa.func.sum(CostEntry.amount))
        .where(CostEntry.project_id == project.id, CostEntry.spent_on <= on)
    ).scalar()
    return (total or Decimal(0)).quantize(Decimal(1).scaleb(-minor_digits(project)))


@dataclass
class ImportResult:
    parsed: ParsedFile
    imported: int
    skipped: int


@transactional
def import_entries(actor: User | None, project: Project, text: str, *,
                   skip_invalid: bool = False) -> ImportResult:
    """Import cost entries from CSV. Any bad row and nothing is written, unless the user chose
    to skip bad rows; then the good ones are written and the report names the rest."""
    if actor is not None:
        require(actor, project, "budget.edit")
    parsed = parse_cost_csv(text, minor_digits(project), earliest=EARLIEST, latest=LATEST,
                            currency=project.currency)
    by_number = {str(line.number): line for line in lines(project)}
    known = {_entry_key(e.line_id, e.spent_on, e.amount, e.supplier, e.reference)
             for e in entries(project)}
    for row in parsed.rows:
        line = by_number.get(row.line_key)
        if row.line_key and line is None:
            row.problems.append(_problem("line_unknown", line=row.raw.get("line", "")))
        if not row.ok:
            continue
        key = _entry_key(line.id, row.spent_on, row.amount, row.supplier, row.reference)
        if key in known:
            row.problems.append(_problem("duplicate"))
        known.add(key)
        row.line_id = line.id
    good = [row for row in parsed.rows if row.ok]
    if parsed.problems or (not parsed.ok and not skip_invalid):
        return ImportResult(parsed, 0, len(parsed.rows))
    for row in good:
        db.session.add(CostEntry(project_id=project.id, line_id=row.line_id,
                                 spent_on=row.spent_on, amount=row.amount,
                                 supplier=row.supplier, reference=row.reference,
                                 notes=row.notes))
    db.session.flush()
    return ImportResult(parsed, len(good), len(parsed.rows) - len(good))


def _problem(code: str, **params) -> RowProblem:
    return RowProblem(code, params)


def _entry_key(line_id, spent_on, amount, supplier, reference) -> tuple:
    return (line_id, spent_on, Decimal(amount).normalize(), supplier.strip().lower(),
            reference.strip().lower())


# --- Benefits ---------------------------------------------------------------------------------


def benefits(project: Project) -> list[Benefit]:
    return list(db.session.execute(
        sa.select(Benefit).where(Benefit.project_id == project.id)
        .options(sa.orm.selectinload(Benefit.kpi).selectinload(Kpi.measurements))
        .order_by(Benefit.month, Benefit.description)).scalars())


def valuing_kpis(project: Project) -> list[Kpi]:
    """The KPIs a benefit of the project may be valued by."""
    return list(db.session.execute(
        sa.select(Kpi).where(Kpi.project_id == project.id).order_by(Kpi.number)).scalars())


def benefit_in(project: Project, benefit_id: int) -> Benefit | None:
    benefit = db.session.get(Benefit, benefit_id)
    return benefit if benefit is not None and benefit.project_id == project.id else None


@dataclass(frozen=True)
class BenefitData:
    month: date
    description: str
    expected: Decimal
    realised: Decimal | None = None
    kpi_id: int | None = None  # valued by this KPI of the project ...
    value_per_point: Decimal | None = None  # ... at this much money per point of its gain


def _check_kpi_link(project: Project, data: BenefitData) -> None:
    if data.kpi_id is None:
        if data.value_per_point is not None:
            raise DomainError(_l("Choose the KPI whose points the value per point is for, "
                                 "or leave the value empty."))
        return
    kpi = db.session.get(Kpi, data.kpi_id)
    if kpi is None or kpi.project_id != project.id:
        raise DomainError(_l("Choose a KPI of this project."))
    _exact(project, data.value_per_point)
    if data.value_per_point is None or data.value_per_point <= 0:
        raise DomainError(_l("Give the money one point of the KPI is worth: an amount above "
                             "zero."))


def _check_benefit(project: Project, data: BenefitData, benefit: Benefit | None) -> BenefitData:
    _exact(project, data.expected)
    _exact(project, data.realised)
    _check_kpi_link(project, data)
    if not data.description.strip():
        raise DomainError(_l("Describe the benefit."))
    month = data.month.replace(day=1)
    clash = db.session.execute(
        sa.select(Benefit.id).where(Benefit.project_id == project.id, Benefit.month == month,
                                    Benefit.description == data.description)
    ).scalar_one_or_none()
    if clash is not None and (benefit is None or clash != benefit.id):
        raise DomainError(_l("This benefit is already recorded for that month."))
    return BenefitData(month, data.description, data.expected, data.realised, data.kpi_id,
                       data.value_per_point)


@transactional
def create_benefit(actor: User | None, project: Project, data: BenefitData) -> Benefit:
    if actor is not None:
        require(actor, project, "budget.edit")
    data = _check_benefit(project, data, None)
    benefit = Benefit(project_id=project.id, **data.__dict__)
    db.session.add(benefit)
    db.session.flush()
    return benefit


@transactional
def update_benefit(actor: User, project: Project, benefit: Benefit, version,
                   data: BenefitData) -> Benefit:
    require(actor, project, "budget.edit")
    check_version(benefit, version)
    data = _check_benefit(project, data, benefit)
    for key, value in data.__dict__.items():
        setattr(benefit, key, value)
    return benefit


@transactional
def delete_benefit(actor: User, project: Project, benefit: Benefit, version) -> None:
    require(actor, project, "budget.edit")
    check_version(benefit, version)
    db.session.delete(benefit)
