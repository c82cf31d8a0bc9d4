"""Demo change requests for Quest International's Asia pilot (seeds/demo/changes.toml)."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from app.accounts.service import find_user
from app.budget import service as budget
from app.changes import service
from app.core.db import transactional
from app.extensions import db
from app.planning import service as planning
from app.projects.service import get_by_code
from app.requirements.models import Requirement, RequirementVersion


def seed_changes(summary) -> None:
    from app.demo import read_seed

    project = get_by_code(summary.project_code or "QUEST-ASIA")
    if project is None or not planning.phases(project) or service.requests(project):
        return
    specs = read_seed("changes.toml")["requests"]
    for spec in specs:
        _seed_request(project, spec)
    summary.created.append(f"{len(specs)} change requests")


def _names(project) -> dict:
    found = {("task", t.name): t.id for t in planning.tasks(project)}
    found.update({("phase", p.name): p.id for p in planning.phases(project)})
    found.update({("line", f"{x.name}@{x.fiscal_year}Q{x.quarter}"): x.id
                  for x in budget.lines(project)})
    for requirement_id, title in db.session.execute(
            sa.select(Requirement.id, RequirementVersion.title).join(RequirementVersion)
            .where(Requirement.project_id == project.id, RequirementVersion.number == 1)):
        found[("requirement", title)] = requirement_id
    return found


def _operation(project, spec: dict) -> service.OperationData:
    """A seed operation names tasks, lines and requirements; the service wants their ids."""
    ids, kind = _names(project), spec["kind"]
    if kind in ("task_change", "milestone_move", "task_remove"):
        params = {k: spec[k] for k in ("duration", "constraint_type", "constraint_date", "date")
                  if k in spec}
        return service.OperationData(kind, ids[("task", spec["task"])], params)
    if kind in ("lag_change", "link_add", "link_remove"):
        params = {"predecessor_id": ids[("task", spec["predecessor"])],
                  "successor_id": ids[("task", spec["successor"])]}
        params.update({k: spec[k] for k in ("lag", "type") if k in spec})
        return service.OperationData(kind, None, params)
    if kind == "task_add":
        params = {"name": spec["name"], "phase_id": ids[("phase", spec["phase"])],
                  "duration": spec["duration"]}
        for key, end in (("after", "predecessor_id"), ("before", "successor_id")):
            if key in spec:
                params[end] = ids[("task", spec[key])]
        return service.OperationData(kind, None, params)
    if kind == "requirement_change":
        requirement = db.session.get(Requirement, ids[("requirement", spec["requirement"])])
        return service.OperationData(kind, requirement.id, {
            "title": spec["title"],
            "description": spec.get("description", requirement.description),
            "acceptance_criteria": spec.get("acceptance", requirement.acceptance_criteria)})
    if kind == "line_add":
        return service.OperationData(kind, None, {
            k: spec[k] for k in ("name", "category", "fiscal_year", "quarter", "amount")})
    if kind == "line_remove":
        return service.OperationData(kind, ids[("line", spec["line"])], {})
    params = {"amount": spec["amount"]}
    if kind == "contingency_draw":
        params["to_line_id"] = ids[("line", spec["to"])]
    return service.OperationData(kind, ids[("line", spec["line"])], params)


@transactional
def _backdate(cr, day: str) -> None:
    """The demo's history: when the request was submitted (ages in the register)."""
    cr.submitted_at = datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)


def _seed_request(project, spec: dict) -> None:
    requester = find_user(spec["requester"])
    cr = service.create_request(
        requester, project,
        service.RequestData(spec["title"], spec["rationale"], spec["category"], spec["urgency"]),
        [_operation(project, op) for op in spec.get("ops", [])],
        submit=spec["state"] != "draft")
    if "submitted" in spec:
        _backdate(cr, spec["submitted"])
    for email, body in spec.get("comments", []):
        service.add_comment(find_user(email), project, cr, body)
    for email, choice, comment in spec.get("votes", []):
        service.vote(find_user(email), project, cr, choice, comment)
    decision = spec.get("decision")
    if decision:
        service.decide(find_user(decision["by"]), project, cr, cr.version, decision["outcome"],
                       decision["rationale"], date.fromisoformat(decision["meeting"]))
    if spec["state"] == "implemented":
        service.apply_request(find_user("daniel.tan@quest.example"), project, cr, cr.version)
    elif spec["state"] == "withdrawn":
        service.withdraw(requester, project, cr, cr.version)
    if cr.status != spec["state"]:
        raise RuntimeError(f"demo change request {cr.code} ended {cr.status}, "
                           f"not {spec['state']}")
