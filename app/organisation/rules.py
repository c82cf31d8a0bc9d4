"""Dates that need attention: overdue actions and document reviews (pure)."""

from datetime import date, timedelta

ACTION_STATUSES = ("open", "done", "dropped")
REVIEW_WARNING_DAYS = 30


def action_overdue(status: str, due_on: date | None, today: date) -> bool:
    """An open action is overdue from the day after its due date."""
    return status == "open" and due_on is not None and due_on < today


def review_state(review_on: date | None, today: date,
                 warning_days: int = REVIEW_WARNING_DAYS) -> str:
    """none (no date set), overdue (review date passed), due (within `warning_days`), ok."""
    if review_on is None:
        return "none"
    if review_on < today:
        return "overdue"
    if review_on <= today + timedelta(days=warning_days):
        return "due"
    return "ok"
