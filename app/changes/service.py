"""Change request operations: log, submit with impact, vote, decide, apply, withdraw, comment.

Each public function that changes something is one transaction; `actor` None means the command
line (seeds). Reading the plan and budget for the analysis lives in `state.py`.
"""

import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.changes import impact, workflow
from app.changes.labels import PROBLEMS
from app.changes.models import (
    CATEGORIES,
    OPEN,
    URGENCIES,
    ChangeComment,
    ChangeOperation,
    ChangeRequest,
)
from app.changes.state import state_of
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.core.permissions import require
from app.extensions import db
from app.projects.models import Project


@dataclass(frozen=True)
class RequestData:
    title: str
    rationale: str
    category: str
    urgency: str = "normal"


@dataclass(frozen=True)
class OperationData:
    kind: str
    target_id: int | None = None
    params: dict = field(default_factory=dict)


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def requests(project: Project) -> list[ChangeRequest]:
    return list(db.session.execute(
        sa.select(ChangeRequest).where(ChangeRequest.project_id == project.id)
        .order_by(ChangeRequest.number.desc())
    ).scalars())


def request_in(project: Project, cr_id) -> ChangeRequest | None:
    found = db.session.get(ChangeRequest, cr_id) if isinstance(cr_id, int) else None
    return found if found is not None and found.project_id == project.id else None


def open_requests(project: Project) -> list[dict]:
    """For the health scorecard: each open request's number, status and submission date."""
    return [{"code": cr.code, "number": cr.number, "status": cr.status,
             "submitted": cr.submitted_at.date() if cr.submitted_at else None}
            for cr in sorted(requests(project), key=lambda r: r.number) if cr.status in OPEN]


def operations_of(cr: ChangeRequest) -> list[impact.Operation]:
    return [impact.Operation(op.kind, op.target_id, op.values) for op in cr.operations]


def problem_message(exc: impact.InvalidOperation) -> str:
    text = str(PROBLEMS.get(exc.code, PROBLEMS["unknown_kind"]) % {"kind": exc.code,
                                                                   **exc.params})
    if exc.position is None:
        return text
    return str(_l("Operation %(n)d: %(problem)s Nothing was saved.", n=exc.position + 1,
                  problem=text))


def _analysed(project: Project, operations: list[impact.Operation]) -> impact.Impact:
    try:
        return impact.analyse(state_of(project), operations)
    except impact.InvalidOperation as exc:
        raise DomainError(problem_message(exc)) from None


def _check_data(data: RequestData) -> None:
    if not data.title.strip():
        raise DomainError(_l("Give the change request a title."))
    if data.category not in CATEGORIES or data.urgency not in URGENCIES:
        raise DomainError(_l("Choose a category and an urgency from the lists."))


def _add_operation(cr: ChangeRequest, op: OperationData) -> ChangeOperation:
    if op.kind not in impact.KINDS:
        raise DomainError(_l("Choose a kind of operation."))
    record = ChangeOperation(project_id=cr.project_id, position=len(cr.operations),
                             kind=op.kind, target_id=op.target_id,
                             params=json.dumps(op.params, ensure_ascii=False, sort_keys=True,
                                               default=str))
    cr.operations.append(record)
    return record


def _store_impact(cr: ChangeRequest, result: impact.Impact) -> None:
    cr.impact_json = json.dumps(result.as_dict(), ensure_ascii=False, sort_keys=True)
    cr.impact_fingerprint = result.fingerprint
    cr.impact_at = utcnow()
    cr.finish_shift = result.finish_shift
    cr.cost_delta = result.cost_delta


def _submit(project: Project, cr: ChangeRequest) -> None:
    if not cr.operations and cr.category != "other":
        raise DomainError(_l("Add at least one proposed change, or file the request under "
                             "\"other\" as free text (it cannot then be applied automatically)."))
    _store_impact(cr, _analysed(project, operations_of(cr)))
    cr.status, cr.submitted_at = "submitted", utcnow()


@transactional
def create_request(actor: User | None, project: Project, data: RequestData,
                   operations: list[OperationData] = (), submit: bool = False,
                   requester: User | None = None) -> ChangeRequest:
    """Log a request (a draft, or submitted at once); its operations are checked against the
    plan now, so a bad one is refused before anything is written."""
    _require(actor, project, "changes.request")
    _check_data(data)
    who = requester or actor
    cr = ChangeRequest(project_id=project.id, number=next_number(project.id, "change_request"),
                       title=data.title.strip(), rationale=(data.rationale or "").strip(),
                       category=data.category, urgency=data.urgency, status="draft",
                       requester_id=who.id if who else None,
                       requester_label=who.name if who else "system")
    with db.session.no_autoflush:
        for op in operations:
            _add_operation(cr, op)
        _analysed(project, operations_of(cr))
        db.session.add(cr)
        if submit:
            _submit(project, cr)
    db.session.flush()
    return cr


def _own_draft(actor: User | None, project: Project, cr: ChangeRequest, version) -> None:
    _require(actor, project, "changes.request")
    check_version(cr, version)
    if cr.status != "draft":
        raise DomainError(_l("Only a draft can be changed; this request is %(status)s.",
                             status=cr.status))


@transactional
def add_operation(actor: User | None, project: Project, cr: ChangeRequest, version,
                  op: OperationData) -> ChangeOperation:
    _own_draft(actor, project, cr, version)
    with db.session.no_autoflush:
        record = _add_operation(cr, op)
        _analysed(project, operations_of(cr))
    cr.updated_at = utcnow()  # bumps the request's version: the draft changed
    db.session.flush()
    return record


@transactional
def remove_operation(actor: User | None, project: Project, cr: ChangeRequest, version,
                     operation_id: int) -> None:
    _own_draft(actor, project, cr, version)
    found = next((op for op in cr.operations if op.id == operation_id), None)
    if found is None:
        raise DomainError(_l("This operation is not part of the request."))
    cr.operations.remove(found)
    db.session.delete(found)  # explicit: an orphan removed at flush is not audited
    for position, op in enumerate(cr.operations):
        if op.position != position:
            op.position = position
    cr.updated_at = utcnow()


@transactional
def submit(actor: User | None, project: Project, cr: ChangeRequest, version) -> ChangeRequest:
    _own_draft(actor, project, cr, version)
    _submit(project, cr)
    return cr


def _locked(cr: ChangeRequest) -> ChangeRequest:
    """Reload holding the row lock (PostgreSQL; SQLite writers already hold the write lock),
    so two committee members deciding at once are serialised and the second sees the first."""
    return db.session.execute(
        sa.select(ChangeRequest).where(ChangeRequest.id == cr.id).with_for_update()
        .execution_options(populate_existing=True)).scalar_one()


def _refuse(cr: ChangeRequest, action: str) -> None:
    if not workflow.allowed(cr.status, action):
        from app.changes.labels import STATUS_LABELS

        raise DomainError(_l("%(code)s is %(status)s: this is not possible now.", code=cr.code,
                             status=STATUS_LABELS[cr.status]))


@transactional
def analyse(actor: User | None, project: Project, cr: ChangeRequest) -> ChangeRequest:
    """A fresh impact analysis on the current plan and budget. An approved request whose
    finish or cost impact changed goes back to the committee."""
    _require(actor, project, "changes.request")
    cr = _locked(cr)
    _refuse(cr, "analyse")
    result = _analysed(project, operations_of(cr))
    headline = (cr.finish_shift, cr.cost_delta)
    _store_impact(cr, result)
    if cr.status == "approved" and headline != (result.finish_shift, result.cost_delta):
        cr.status, cr.decided_at = "under_review", None
    return cr


@transactional
def withdraw(actor: User | None, project: Project, cr: ChangeRequest, version) -> ChangeRequest:
    _require(actor, project, "changes.request")
    check_version(cr, version)
    if actor is not None and cr.requester_id != actor.id:
        raise PermissionDenied(_l("Only the requester can withdraw a change request."))
    _refuse(cr, "withdraw")
    cr.status = "withdrawn"
    return cr


@transactional
def add_comment(actor: User | None, project: Project, cr: ChangeRequest,
                body: str) -> ChangeComment:
    _require(actor, project, "changes.comment")
    if not (body or "").strip():
        raise DomainError(_l("Write a comment first."))
    comment = ChangeComment(project_id=project.id, author_id=actor.id if actor else None,
                            author_label=actor.name if actor else "system", body=body.strip())
    cr.comments.append(comment)
    db.session.flush()
    return comment


# The committee's part and the last step live in their own modules; callers use service.*.
from app.changes.applying import apply_request  # noqa: E402,F401
from app.changes.decisions import decide, vote  # noqa: E402,F401
