"""CSV exports of the budget lines, the cost entries and the overview."""

import csv
import io
from decimal import Decimal

from flask import Response
from flask_babel import gettext as _

from app.budget.labels import category_label
from app.budget.reports import BudgetPicture
from app.projects.models import Project

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, Decimal):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _money(value: Decimal | None, digits: int) -> Decimal | str:
    """Amounts stay Decimals, so a negative one is written as a number, not quoted as text."""
    return "" if value is None else value.quantize(Decimal(1).scaleb(-digits))


def _csv(filename: str, header: list[str], rows) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A byte-order mark lets Excel read the Chinese text as UTF-8.
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def lines_csv(project: Project, rows: list[dict]) -> Response:
    from app.budget.service import minor_digits

    digits = minor_digits(project)
    return _csv(f"{project.code}-budget-lines.csv",
                ["line", "category", "fiscal_year", "quarter", "name", "owner", "currency",
                 "planned", "actual", "estimate_to_complete", "estimate_at_completion",
                 "variance", "notes"],
                ([r["line"].code, r["line"].category, r["line"].fiscal_year, r["line"].quarter,
                  r["line"].name, r["line"].owner.name if r["line"].owner else "",
                  project.currency, _money(r["line"].planned, digits),
                  _money(r["actual"], digits), _money(r["etc"], digits),
                  _money(r["eac"], digits), _money(r["variance"], digits), r["line"].notes]
                 for r in rows))


def entries_csv(project: Project, entries) -> Response:
    from app.budget.service import minor_digits

    digits = minor_digits(project)
    return _csv(f"{project.code}-cost-entries.csv",
                ["date", "line", "amount", "supplier", "reference", "notes", "category",
                 "currency"],
                ([e.spent_on.isoformat(), e.line.code, _money(e.amount, digits), e.supplier,
                  e.reference, e.notes, e.line.category, project.currency] for e in entries))


def overview_csv(project: Project, pic: BudgetPicture) -> Response:
    digits = pic.minor_digits
    rows = []
    for (category, period), f in pic.overview.by_category_period.items():
        rows.append([str(period), category.value, category_label(category.value)])
        rows[-1] += [_money(v, digits) for v in (f.planned, f.actual, f.estimate_to_complete,
                                                 f.estimate_at_completion, f.variance)]
    total = pic.overview.total
    rows.append([_("Total"), "", ""] + [_money(v, digits) for v in (
        total.planned, total.actual, total.estimate_to_complete, total.estimate_at_completion,
        total.variance)])
    return _csv(f"{project.code}-budget-overview.csv",
                ["period", "category", "category_name", "planned", "actual",
                 "estimate_to_complete", "estimate_at_completion", "variance"], rows)
