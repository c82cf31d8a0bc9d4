"""The budget now against a saved baseline: per line, per category and in total (pure).

Lines are matched by their id; a baseline row whose line was deleted since (id None, or an id
no longer among the current lines) counts as removed, a current line the baseline lacks as
added. Nothing here knows about Flask or the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineFigure:
    """One budget line as the comparison sees it, then or now."""

    line_id: int | None
    number: int
    name: str
    category: str
    fiscal_year: int
    quarter: int
    planned: Decimal


@dataclass(frozen=True)
class LineComparison:
    number: int
    name: str
    category: str
    fiscal_year: int
    quarter: int
    line_id: int | None  # the current line, None when it was removed
    baseline: Decimal | None  # None: added since the baseline
    current: Decimal | None  # None: removed since the baseline
    status: str  # "unchanged", "changed", "added", "removed"
    baseline_category: str | None = None  # where the baseline had it (None: added since)

    @property
    def difference(self) -> Decimal:
        return (self.current or ZERO) - (self.baseline or ZERO)


@dataclass(frozen=True)
class CategoryComparison:
    category: str
    baseline: Decimal
    current: Decimal

    @property
    def difference(self) -> Decimal:
        return self.current - self.baseline


@dataclass(frozen=True)
class Comparison:
    lines: tuple[LineComparison, ...]
    categories: tuple[CategoryComparison, ...]
    baseline_total: Decimal
    current_total: Decimal

    @property
    def difference(self) -> Decimal:
        return self.current_total - self.baseline_total

    @property
    def changed(self) -> tuple[LineComparison, ...]:
        return tuple(row for row in self.lines if row.status != "unchanged")

    def count(self, status: str) -> int:
        return sum(1 for row in self.lines if row.status == status)


def _row(then: LineFigure | None, now: LineFigure | None) -> LineComparison:
    shown = now or then
    if then is None:
        status = "added"
    elif now is None:
        status = "removed"
    else:
        same = (then.planned, then.category, then.fiscal_year, then.quarter) == (
            now.planned, now.category, now.fiscal_year, now.quarter)
        status = "unchanged" if same else "changed"  # moved to another category or quarter too
    return LineComparison(shown.number, shown.name, shown.category, shown.fiscal_year,
                          shown.quarter, now.line_id if now else None,
                          then.planned if then else None, now.planned if now else None, status,
                          then.category if then else None)


def compare(baseline: Iterable[LineFigure], current: Iterable[LineFigure],
            category_order: Iterable[str] = ()) -> Comparison:
    """Every line then and now (added and removed ones included), category and grand totals.

    Categories come in `category_order` first, then any other in name order; rows in period,
    category and number order, as the lines page lists them.
    """
    now_by_id = {line.line_id: line for line in current}
    rows = []
    for then in baseline:
        now = now_by_id.pop(then.line_id, None) if then.line_id is not None else None
        rows.append(_row(then, now))
    rows.extend(_row(None, now) for now in now_by_id.values())
    rows.sort(key=lambda r: (r.fiscal_year, r.quarter, r.category, r.number))

    totals: dict[str, list[Decimal]] = {}
    for row in rows:  # a line moved to another category counts where it was, then and now
        if row.baseline is not None:
            totals.setdefault(row.baseline_category, [ZERO, ZERO])[0] += row.baseline
        if row.current is not None:
            totals.setdefault(row.category, [ZERO, ZERO])[1] += row.current
    order = list(dict.fromkeys(c for c in category_order if c in totals))
    order += sorted(c for c in totals if c not in order)
    categories = tuple(CategoryComparison(c, *totals[c]) for c in order)
    return Comparison(tuple(rows), categories,
                      sum((c.baseline for c in categories), ZERO),
                      sum((c.current for c in categories), ZERO))
