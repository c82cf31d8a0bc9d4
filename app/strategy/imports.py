"""Reading KPI measurements from CSV, row by row, with a reason for every refused row (pure).

Errors carry a code and parameters; the caller turns them into translated messages.
"""

import csv
import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

COLUMNS = ("kpi", "date", "value", "note")
MAX_ROWS = 5000
MAX_NOTE = 300
EARLIEST = date(1990, 1, 1)
MAX_ABS = Decimal("1e14")
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")


class ValueProblem(ValueError):
    """A value that is not a number Steerco stores; `code` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_value(text: str) -> Decimal:
    """A decimal number as people type it: optional sign, thousands commas, up to 4 decimals."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueProblem("not_a_number")
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        raise ValueProblem("not_a_number") from None
    if value.as_tuple().exponent < -4:
        raise ValueProblem("too_precise")
    if abs(value) >= MAX_ABS:
        raise ValueProblem("too_large")
    return value


@dataclass(frozen=True)
class Row:
    line: int
    kpi: str
    on: date
    value: Decimal
    note: str


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParseResult:
    rows: tuple[Row, ...]
    errors: tuple[RowError, ...]  # line 0: a problem with the whole file


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without the BOM Excel writes), else GB18030 as Chinese Excel saves it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def parse_measurements(
    data: bytes,
    kpi_codes: Collection[str],
    existing: Collection[tuple[str, date]],
    today: date,
) -> ParseResult:
    """Check every row of a `kpi,date,value,note` file; good rows and errors, in file order."""
    text = decode(data)
    if text is None:
        return ParseResult((), (RowError(0, "encoding"),))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error:
        return ParseResult((), (RowError(0, "not_csv"),))
    if header[:3] != list(COLUMNS[:3]) or len(header) > 4:
        return ParseResult((), (RowError(0, "header", {"columns": ",".join(COLUMNS)}),))
    codes = {c.upper() for c in kpi_codes}
    seen = {(k.upper(), d) for k, d in existing}
    rows: list[Row] = []
    errors: list[RowError] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                return ParseResult((), (RowError(0, "too_many", {"max": str(MAX_ROWS)}),))
            result = _check(line, record, codes, seen, today)
            if isinstance(result, RowError):
                errors.append(result)
            else:
                seen.add((result.kpi, result.on))
                rows.append(result)
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "malformed", {"detail": str(exc)}))
    if not rows and not errors:
        errors.append(RowError(0, "empty"))
    return ParseResult(tuple(rows), tuple(errors))


def _check(line: int, record: list[str], codes, seen, today: date) -> Row | RowError:
    if len(record) < 3 or len(record) > 4:
        return RowError(line, "columns", {"count": str(len(record))})
    kpi, day_text, value_text = (cell.strip() for cell in record[:3])
    note = record[3].strip() if len(record) == 4 else ""
    kpi = kpi.upper()
    if kpi not in codes:
        return RowError(line, "unknown_kpi", {"kpi": kpi[:40]})
    try:
        on = date.fromisoformat(day_text)
        if len(day_text) != 10:
            raise ValueError(day_text)
    except ValueError:
        return RowError(line, "bad_date", {"text": day_text[:40]})
    if on < EARLIEST or on > today:
        return RowError(line, "date_out_of_range", {"date": on.isoformat()})
    try:
        value = parse_value(value_text)
    except ValueProblem as problem:
        return RowError(line, f"value_{problem.code}", {"text": value_text[:40]})
    if len(note) > MAX_NOTE or re.search(r"[<>\x00-\x1f\x7f]", note):
        return RowError(line, "bad_note", {"max": str(MAX_NOTE)})
    if (kpi, on) in seen:
        return RowError(line, "duplicate", {"kpi": kpi, "date": on.isoformat()})
    return Row(line, kpi, on, value, note)
