"""Applying an approved change request: every operation in one transaction, through the
planning, requirements and budget services, with the audit rows tagged by the request."""

import dataclasses
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.budget import service as budget
from app.changes import guard, impact
from app.changes.models import ChangeOperation, ChangeRequest
from app.changes.service import _locked, _refuse, _require
from app.changes.state import state_of
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.extensions import db
from app.planning import service as planning
from app.planning.models import PlanDependency
from app.projects.models import Project
from app.requirements import service as requirements


def _task(project: Project, task_id) -> planning.PlanTask:
    task = planning.task_in(project, task_id)
    if task is None:
        raise DomainError(_l("A task this request changes no longer exists."))
    return task


def _task_data(task, **changes) -> planning.TaskData:
    fields = {f.name: getattr(task, f.name) for f in dataclasses.fields(planning.TaskData)}
    return planning.TaskData(**{**fields, **changes})


def _link(project: Project, params: dict) -> PlanDependency:
    found = db.session.execute(sa.select(PlanDependency).where(
        PlanDependency.project_id == project.id,
        PlanDependency.predecessor_id == int(params["predecessor_id"]),
        PlanDependency.successor_id == int(params["successor_id"]))).scalar_one_or_none()
    if found is None:
        raise DomainError(_l("A link this request changes no longer exists."))
    return found


def _plan_op(actor, project: Project, op: ChangeOperation) -> None:
    params = op.values
    if op.kind == "task_change":
        task, changes = _task(project, op.target_id), {}
        if params.get("duration") not in (None, ""):
            changes["duration"] = int(params["duration"])
        if "constraint_type" in params:
            kind = params["constraint_type"] or None
            changes["constraint_type"] = kind
            changes["constraint_date"] = date.fromisoformat(params["constraint_date"]) \
                if kind else None
        planning.update_task(actor, project, task, task.version, _task_data(task, **changes))
    elif op.kind == "milestone_move":
        task = _task(project, op.target_id)
        planning.update_task(actor, project, task, task.version, _task_data(
            task, constraint_type="MSO", constraint_date=date.fromisoformat(params["date"])))
    elif op.kind == "lag_change":
        link = _link(project, params)
        planning._lock_graph(project)  # a graph edit like any other: serialised
        link.lag = int(params.get("lag") or 0)
    elif op.kind == "link_add":
        planning.add_dependency(actor, project, int(params["predecessor_id"]),
                                int(params["successor_id"]), params.get("type") or "FS",
                                int(params.get("lag") or 0))
    elif op.kind == "link_remove":
        link = _link(project, params)
        planning.delete_dependency(actor, project, link, link.version)
    elif op.kind == "task_add":
        task = planning.create_task(actor, project, planning.TaskData(
            name=params["name"].strip(), phase_id=int(params["phase_id"]),
            duration=int(params["duration"])))
        for key, before in (("predecessor_id", True), ("successor_id", False)):
            if params.get(key) not in (None, ""):
                ends = (int(params[key]), task.id) if before else (task.id, int(params[key]))
                planning.add_dependency(actor, project, *ends, "FS", 0)
    elif op.kind == "task_remove":
        task = _task(project, op.target_id)
        planning.delete_task(actor, project, task, task.version)


def _requirement_op(actor, project: Project, op: ChangeOperation, reference: str) -> None:
    found = requirements.requirement_in(project, op.target_id)
    if found is None:
        raise DomainError(_l("A requirement this request changes no longer exists."))
    params = op.values
    data = requirements.RequirementData(
        title=params["title"].strip(), description=params.get("description", found.description),
        kind=found.kind, priority=found.priority, department=found.department,
        acceptance_criteria=params.get("acceptance_criteria", found.acceptance_criteria),
        objective_ids=tuple(link.objective_id for link in found.objective_links),
        note=str(_l("Approved change request %(code)s", code=reference)))
    requirements.update_requirement(actor, project, found, found.version, data)
    db.session.flush()
    # The approved change stands in for the edit; the new version still needs its signatures,
    # so it goes straight to review when the project names its signers.
    if requirements.required_signers(project, found):
        requirements.submit_for_review(actor, project, found, found.version)


def _line_data(project: Project, line, planned: Decimal) -> budget.LineData:
    # Stored amounts carry four places; the budget accepts the currency's minor unit.
    planned = planned.quantize(Decimal(1).scaleb(-budget.minor_digits(project)))
    return budget.LineData(category=line.category, fiscal_year=line.fiscal_year,
                           quarter=line.quarter, name=line.name, planned=planned,
                           owner_id=line.owner_id, notes=line.notes)


def _budget_op(actor, project: Project, op: ChangeOperation) -> None:
    if op.kind == "line_add":
        params = op.values
        planned = Decimal(str(params["amount"])).quantize(
            Decimal(1).scaleb(-budget.minor_digits(project)))
        budget.create_line(actor, project, budget.LineData(
            category=params["category"], fiscal_year=int(params["fiscal_year"]),
            quarter=int(params["quarter"]), name=str(params["name"]).strip(), planned=planned))
        return
    line = budget.line_in(project, op.target_id)
    if line is None:
        raise DomainError(_l("A budget line this request changes no longer exists."))
    if op.kind == "line_remove":
        budget.delete_line(actor, project, line, line.version)
        return
    amount = Decimal(str(op.values["amount"]))
    if op.kind == "budget_change":
        budget.update_line(actor, project, line, line.version, _line_data(project, line, amount))
        return
    to = budget.line_in(project, int(op.values["to_line_id"]))
    budget.update_line(actor, project, line, line.version,
                       _line_data(project, line, line.planned - amount))
    db.session.flush()
    budget.update_line(actor, project, to, to.version, _line_data(project, to, to.planned + amount))


@transactional
def apply_request(actor: User | None, project: Project, cr: ChangeRequest,
                  version) -> ChangeRequest:
    """Apply an approved request; refused when the plan, budget or requirements changed since
    its impact was analysed, so what lands is what the committee saw."""
    _require(actor, project, "changes.apply")
    cr = _locked(cr)
    check_version(cr, version)
    _refuse(cr, "apply")
    if impact.fingerprint(state_of(project)) != cr.impact_fingerprint:
        raise DomainError(_l("The plan, budget or requirements changed since the impact of "
                             "%(code)s was analysed. Nothing was applied: run a fresh analysis "
                             "and let the committee confirm it.", code=cr.code))
    with guard.applying(cr.code):
        for op in cr.operations:
            if op.kind in impact.PLAN_KINDS:
                _plan_op(actor, project, op)
            elif op.kind == "requirement_change":
                _requirement_op(actor, project, op, cr.code)
            else:
                _budget_op(actor, project, op)
            db.session.flush()  # versions move on, so a later operation on the record sees them
        cr.status, cr.implemented_at = "implemented", utcnow()
        db.session.flush()  # the audit rows are written now, inside the request's context
    return cr
