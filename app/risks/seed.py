"""Demo data for risks: the Quest Asia pilot's register with reassessments and links.

A risk is looked up by its title before it is created, so loading the demo twice changes
nothing.
"""

from datetime import date

import sqlalchemy as sa

from app.accounts.service import find_user
from app.changes.models import ChangeRequest
from app.extensions import db
from app.planning.models import PlanTask
from app.projects import service as projects
from app.risks import service
from app.risks.models import Risk
from app.vendors.models import Claim, Vendor


def seed_risks(summary) -> None:
    from app.demo import read_seed

    data = read_seed("risks.toml")
    project = projects.get_by_code(summary.project_code)
    author = find_user(data["author"])
    added = sum(_seed_risk(project, author, spec) for spec in data["risks"])
    if added:
        summary.created.append(f"{added} risks")


def _seed_risk(project, author, spec: dict) -> bool:
    existing = db.session.execute(sa.select(Risk).where(
        Risk.project_id == project.id, Risk.title == spec["title"])).scalar()
    if existing is not None:
        _link_changes(project, author, existing, spec)
        return False
    owner = find_user(spec["owner"]) if spec.get("owner") else None
    first, *later = spec["assessments"]
    risk = service.create_risk(author, project, service.RiskData(
        title=spec["title"], description=spec.get("description", ""),
        category=spec["category"], owner_id=owner.id if owner else None,
        strategy=spec.get("strategy"), response_plan=spec.get("response", ""),
        trigger=spec.get("trigger", ""), status=spec["status"]),
        first[1], first[2], date.fromisoformat(first[0]), first[3])
    for day, probability, impact, note in later:
        service.reassess(author, project, risk, risk.version, probability, impact,
                         date.fromisoformat(day), note)
    for name in spec.get("tasks", []):
        task_id = db.session.execute(sa.select(PlanTask.id).where(
            PlanTask.project_id == project.id, PlanTask.name == name)).scalar_one()
        service.add_link(author, project, risk, risk.version, "task", task_id)
    for vendor, text in spec.get("claims", []):
        claim_id = db.session.execute(sa.select(Claim.id).join(Vendor).where(
            Claim.project_id == project.id, Vendor.name == vendor, Claim.text == text)
        ).scalar_one()
        service.add_link(author, project, risk, risk.version, "claim", claim_id)
    _link_changes(project, author, risk, spec)
    return True


def _link_changes(project, author, risk: Risk, spec: dict) -> None:
    # Checked link by link, so a demo loaded before change links existed gets them too.
    for title in spec.get("changes", []):
        cr_id = db.session.execute(sa.select(ChangeRequest.id).where(
            ChangeRequest.project_id == project.id, ChangeRequest.title == title)).scalar_one()
        if all(link.change_request_id != cr_id for link in risk.change_links):
            service.add_link(author, project, risk, risk.version, "change", cr_id)
