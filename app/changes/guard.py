"""Change control on baselined plans and signed-off requirements: refuse direct edits.

Planning and requirements services call `refuse_if_controlled`; applying an approved change
request runs inside `applying(...)`, which lifts the refusal and tags the audit rows it writes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core.audit import audit_context
from app.core.errors import DomainError
from app.extensions import db

_applying: ContextVar[str | None] = ContextVar("change_request_applying", default=None)


class ChangeRequestRequired(DomainError):
    """The edit touches baselined or signed-off content; `prefill` describes it as an operation."""

    status = 409
    default_message = _l("This edit needs an approved change request.")

    def __init__(self, message, prefill: dict):
        super().__init__(message)
        self.prefill = prefill


@contextmanager
def applying(reference: str) -> Iterator[None]:
    """Lift the refusal and tag every audit row written inside with the change request."""
    token = _applying.set(reference)
    try:
        with audit_context(reference):
            yield
    finally:
        _applying.reset(token)


@contextmanager
def lifted() -> Iterator[None]:
    """Lift the refusal without a change request: seeds that replay history from before
    change control (e.g. the demo's re-signed requirement)."""
    token = _applying.set("")
    try:
        yield
    finally:
        _applying.reset(token)


def bypassed() -> bool:
    return _applying.get() is not None


def plan_baselined(project_id: int) -> bool:
    from app.planning.models import PlanBaseline

    return db.session.execute(sa.select(PlanBaseline.id).where(
        PlanBaseline.project_id == project_id).limit(1)).first() is not None


def refuse_plan_edit(actor, project, prefill: dict) -> None:
    """Refuse a schedule edit by a person once the plan has a baseline (commands may edit)."""
    if actor is None or bypassed() or not plan_baselined(project.id):
        return
    raise ChangeRequestRequired(_l(
        "The plan has a baseline: durations, dependencies, constraints and added or removed "
        "tasks change only through an approved change request. Nothing was saved; a change "
        "request with your edit is ready to submit."), prefill)


def refuse_requirement_edit(actor, requirement, prefill: dict) -> None:
    if actor is None or bypassed() or requirement.signed_number is None \
            or requirement.status != "signed_off":
        return
    raise ChangeRequestRequired(_l(
        "%(code)s is signed off: its content changes only through an approved change request. "
        "Nothing was saved; a change request with your edit is ready to submit.",
        code=requirement.code), prefill)


def budget_baselined(project_id: int) -> bool:
    from app.budget.baseline_models import BudgetBaseline

    return db.session.execute(sa.select(BudgetBaseline.id).where(
        BudgetBaseline.project_id == project_id).limit(1)).first() is not None


def budget_controlled(actor, project) -> bool:
    """True when a person edits a budget that has a baseline (commands and applying pass)."""
    return actor is not None and not bypassed() and budget_baselined(project.id)


def refuse_budget_edit(actor, project, prefill: dict) -> None:
    """Refuse a change of a line's planned amount by a person once the budget has a baseline."""
    if not budget_controlled(actor, project):
        return
    raise ChangeRequestRequired(_l(
        "The budget has a baseline: planned amounts change only through an approved change "
        "request, so the committee sees the effect on the contingency reserve first. Nothing "
        "was saved; a change request with your edit is ready to submit."), prefill)


def refuse_budget_line_add(actor, project, data) -> None:
    """Refuse a new line that plans money once the budget has a baseline (request pre-filled)."""
    if not budget_controlled(actor, project) or not data.planned:
        return
    raise ChangeRequestRequired(_l(
        "The budget has a baseline: a new line that plans money is added through an approved "
        "change request, so the committee sees the effect on the contingency reserve first. "
        "Nothing was saved; a change request adding the line is ready to submit (a line with "
        "a zero amount can be added directly)."),
        {"kind": "line_add", "name": data.name, "category": data.category,
         "fiscal_year": data.fiscal_year, "quarter": data.quarter, "amount": str(data.planned)})


def refuse_budget_line_removal(actor, project, line) -> None:
    """Refuse deleting a line that still plans money once the budget has a baseline (request
    pre-filled)."""
    if not budget_controlled(actor, project) or not line.planned:
        return
    raise ChangeRequestRequired(_l(
        "The budget has a baseline: %(line)s still plans money, so it leaves the budget through "
        "an approved change request. Nothing was deleted; a change request removing it is ready "
        "to submit.", line=line.code), {"kind": "line_remove", "target_id": line.id})
