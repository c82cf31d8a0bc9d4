"""The change register read back: filters, ages, approved impact totals, chart and CSV."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from app.changes.labels import CATEGORY_LABELS, STATUS_LABELS, URGENCY_LABELS
from app.changes.models import OPEN, ChangeRequest
from app.core import charts

APPROVED = ("approved", "implemented")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RegisterFilter:
    status: str = ""
    category: str = ""
    requester_id: int | None = None


def filtered(rows: list[ChangeRequest], f: RegisterFilter) -> list[ChangeRequest]:
    return [r for r in rows
            if (not f.status or r.status == f.status)
            and (not f.category or r.category == f.category)
            and (f.requester_id is None or r.requester_id == f.requester_id)]


def age_days(cr: ChangeRequest, today: date) -> int | None:
    """Days an open request has waited since submission; None once closed or still a draft."""
    if cr.status not in OPEN or cr.submitted_at is None:
        return None
    return (today - cr.submitted_at.date()).days


@dataclass(frozen=True)
class Totals:
    approved: int
    finish_shift: int  # working days added to the finish by approved requests
    cost_delta: Decimal


def totals(rows: list[ChangeRequest]) -> Totals:
    chosen = [r for r in rows if r.status in APPROVED]
    return Totals(len(chosen), sum(r.finish_shift or 0 for r in chosen),
                  sum((r.cost_delta or Decimal(0) for r in chosen), Decimal(0)))


def _decided_on(cr: ChangeRequest) -> date:
    return cr.meeting_date or (cr.decided_at or cr.created_at).date()


def impact_chart(rows: list[ChangeRequest]) -> str:
    """Cumulative finish shift and cost of approved requests by decision date (SVG)."""
    chosen = sorted((r for r in rows if r.status in APPROVED), key=_decided_on)
    days = charts.Series(_("Finish shift (working days)"),
                         tuple((_decided_on(r), r.finish_shift or 0) for r in chosen))
    money = charts.Series(_("Cost change (thousands)"),
                          tuple((_decided_on(r), float((r.cost_delta or 0) / 1000))
                                for r in chosen))
    return charts.cumulative_line_chart(
        _("Cumulative impact of approved change requests"), [days, money],
        description=_("Running totals, by decision date, of the finish shift and the cost "
                      "change the committee approved."),
        empty_text=_("No change request approved yet."))


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[ChangeRequest], today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("ID"), _("Title"), _("Category"), _("Urgency"), _("Status"),
                     _("Requester"), _("Submitted"), _("Age (days)"),
                     _("Finish shift (working days)"), _("Cost change"), _("Decision date")])
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r.code, r.title, CATEGORY_LABELS[r.category], URGENCY_LABELS[r.urgency],
            STATUS_LABELS[r.status], r.requester_label,
            r.submitted_at.date().isoformat() if r.submitted_at else "", age_days(r, today),
            r.finish_shift, r.cost_delta, r.meeting_date)])
    return out.getvalue()
