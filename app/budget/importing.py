"""Pure parsing of money amounts and of cost-entry CSV files, with a row-by-row error report.

Messages are English templates with named placeholders; the caller translates them by their
`code` (see views), so this module stays free of Flask.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

MAX_ROWS = 5000
MAX_AMOUNT = Decimal("100000000000")  # a hundred billion: beyond any CRM budget line
_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
REQUIRED_COLUMNS = ("date", "line", "amount")
OPTIONAL_COLUMNS = ("supplier", "reference", "notes", "currency")
IGNORED_COLUMNS = ("category",)  # written by the export for reading; the line decides it
LIMITS = {"supplier": 200, "reference": 100, "notes": 500}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f<>]")


class AmountError(ValueError):
    """An amount that cannot be taken: `code` says why, `params` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def parse_amount(text: str, minor_digits: int, *, allow_negative: bool = False) -> Decimal:
    """An exact amount from text such as 1234.50 or 1,234.50; never rounded, never a float."""
    cleaned = (text or "").strip().replace(" ", "")
    if not cleaned:
        raise AmountError("amount_missing")
    if not _AMOUNT.match(cleaned):
        raise AmountError("amount_malformed")
    try:
        amount = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise AmountError("amount_malformed") from None
    if -amount.as_tuple().exponent > minor_digits:
        raise AmountError("amount_too_precise", digits=minor_digits)
    if amount < 0 and not allow_negative:
        raise AmountError("amount_negative")
    if abs(amount) >= MAX_AMOUNT:
        raise AmountError("amount_too_large")
    return amount.quantize(Decimal(1).scaleb(-minor_digits))


@dataclass(frozen=True)
class RowProblem:
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass
class ParsedRow:
    """One data row of the file: its values when good, else what is wrong with it."""

    number: int  # the row's line number in the file (the header is line 1)
    raw: Mapping[str, str]
    spent_on: date | None = None
    line_key: str = ""
    line_id: int | None = None  # filled in by the service once the line is found
    amount: Decimal | None = None
    supplier: str = ""
    reference: str = ""
    notes: str = ""
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ParsedFile:
    rows: list[ParsedRow]
    problems: list[RowProblem]  # about the file as a whole (header, size)

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.ok for row in self.rows)


def normalise_line_key(text: str) -> str:
    """'bl-7', 'BL-007' and '7' all name line 7."""
    key = (text or "").strip().upper()
    if key.startswith("BL-"):
        key = key[3:]
    return key.lstrip("0") or ("0" if key else "")


def parse_cost_csv(text: str, minor_digits: int, *, earliest: date, latest: date,
                   currency: str = "") -> ParsedFile:
    """Read cost entries from CSV text (comma or semicolon separated, header row first).

    An optional `currency` column must name the project's currency on every row that fills it.
    """
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return ParsedFile([], [RowProblem("file_empty")])
    except csv.Error:
        return ParsedFile([], [RowProblem("file_unreadable")])
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header
               if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS + IGNORED_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        return ParsedFile([], [RowProblem("header_bad", {
            "missing": ", ".join(missing), "unknown": ", ".join(unknown),
            "expected": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})])
    rows: list[ParsedRow] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                return ParsedFile(rows, [RowProblem("file_too_long", {"limit": MAX_ROWS})])
            row = _parse_row(reader.line_num, header, cells, minor_digits, earliest, latest)
            code = row.raw.get("currency", "").upper()
            if code and currency and code != currency.upper():
                row.problems.append(RowProblem("currency_other", {"found": code,
                                                                  "expected": currency}))
            rows.append(row)
    except csv.Error:
        return ParsedFile(rows, [RowProblem("file_unreadable")])
    if not rows:
        return ParsedFile([], [RowProblem("file_empty")])
    return ParsedFile(rows, [])


def _parse_row(number, header, cells, minor_digits, earliest, latest) -> ParsedRow:
    raw = dict(zip(header, (c.strip() for c in cells), strict=False))
    row = ParsedRow(number, raw)
    if len(cells) != len(header):
        row.problems.append(RowProblem("row_columns", {"found": len(cells),
                                                       "expected": len(header)}))
        return row
    try:
        row.spent_on = date.fromisoformat(raw["date"])
    except ValueError:
        row.problems.append(RowProblem("date_malformed"))
    else:
        if not earliest <= row.spent_on <= latest:
            row.problems.append(RowProblem("date_out_of_range", {
                "earliest": earliest.isoformat(), "latest": latest.isoformat()}))
    row.line_key = normalise_line_key(raw["line"])
    if not row.line_key:
        row.problems.append(RowProblem("line_missing"))
    try:
        row.amount = parse_amount(raw["amount"], minor_digits, allow_negative=True)
    except AmountError as exc:
        row.problems.append(RowProblem(exc.code, exc.params))
    else:
        if row.amount == 0:
            row.problems.append(RowProblem("amount_zero"))
    for name, limit in LIMITS.items():
        value = raw.get(name, "")
        if len(value) > limit or _CONTROL.search(value):
            row.problems.append(RowProblem("text_bad", {"column": name, "limit": limit}))
        setattr(row, name, value)
    return row
