"""Demo data for requirements: signers, the register, sign-offs, the baseline, later changes.

Every record is looked up before it is created (a requirement by the title of its first
version), so loading the demo twice changes nothing. Versions, sign-offs and the baseline carry
the story's dates (seeds/demo/requirements.toml), not the day the demo is loaded.
"""

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from app.accounts.service import find_user
from app.changes import guard
from app.extensions import db
from app.projects import service as projects
from app.requirements import baselines, service
from app.requirements.models import Requirement, RequirementVersion
from app.strategy.models import Objective


def seed_requirements(summary) -> None:
    from app.demo import read_seed

    data = read_seed("requirements.toml")
    project = projects.get_by_code(summary.project_code)
    _seed_signers(project, data["signers"], summary)
    author = find_user(data["author"])
    codes = {o.code: o.id for o in db.session.execute(
        sa.select(Objective).where(Objective.project_id == project.id)).scalars()}
    written = _moment(data["written_on"])
    added = sum(_seed_requirement(project, author, codes, spec, written)
                for spec in data["requirements"])
    if added:
        summary.created.append(f"{added} requirements")
    for spec in data["baselines"]:
        if not any(b.name == spec["name"] for b in baselines.baselines(project)):
            baselines.create_baseline(find_user(data["author"]), project, spec["name"],
                                      spec.get("note", ""), at=_moment(spec["taken_on"]))
            summary.created.append(f"requirements baseline {spec['name']}")
    for spec in data["changes"]:
        _seed_change(project, author, spec, summary)
    for spec in data["withdrawn"]:
        requirement = _find(project, spec["title"])
        if requirement is not None and requirement.status != "withdrawn":
            service.withdraw(author, project, requirement, requirement.version)
            summary.created.append(f"withdrawn {requirement.code}")


def _moment(day: str, hour: int = 0) -> datetime:
    """9:00 in Singapore (01:00 UTC) on `day`, plus `hour` hours: when the step happened."""
    return datetime.combine(date.fromisoformat(day), time(1), UTC) + timedelta(hours=hour)


def _seed_signers(project, specs: list[dict], summary) -> None:
    have = {(s.user_id, s.department) for s in service.signers(project)}
    for spec in specs:
        user = find_user(spec["email"])
        if (user.id, spec.get("department")) in have:
            continue
        service.add_signer(None, project, user.id, spec["capacity"], spec.get("department"),
                           spec["meaning"])
        summary.created.append(f"required signer {spec['capacity'][:30]}")


def _find(project, first_title: str) -> Requirement | None:
    return db.session.execute(
        sa.select(Requirement).join(RequirementVersion)
        .where(Requirement.project_id == project.id, RequirementVersion.number == 1,
               RequirementVersion.title == first_title)
    ).scalar_one_or_none()


def _data(requirement_or_spec: dict, codes: dict, **changes) -> service.RequirementData:
    spec = {**requirement_or_spec, **changes}
    return service.RequirementData(
        title=spec["title"], description=spec["description"], kind=spec["kind"],
        priority=spec["priority"], department=spec["department"],
        acceptance_criteria=spec["acceptance"],
        objective_ids=tuple(codes[c] for c in spec["objectives"]), note=spec.get("note", ""))


def _sign_all(project, requirement: Requirement, day: str) -> None:
    """Every required signer signs on `day`, an hour apart in the signers' order."""
    service.submit_for_review(None, project, requirement, requirement.version)
    version = service.version_of(requirement, requirement.current_number)
    for hour, signer in enumerate(service.required_signers(project, requirement)):
        if signer.user_id not in {s.user_id for s in version.signatures}:
            service.sign(signer.user, project, requirement, version.number, version.sha256,
                         at=_moment(day, hour))


def _seed_requirement(project, author, codes: dict, spec: dict, written: datetime) -> bool:
    if _find(project, spec["title"]) is not None:
        return False
    requirement = service.create_requirement(author, project, _data(spec, codes), at=written)
    if spec["state"] == "signed":
        _sign_all(project, requirement, spec["signed_on"])
    elif spec["state"] == "review":
        service.submit_for_review(None, project, requirement, requirement.version)
    return True


def _seed_change(project, author, spec: dict, summary) -> None:
    requirement = _find(project, spec["title"])
    if requirement is None or requirement.current_number > 1:
        return
    first = service.version_of(requirement, 1)
    codes = {o.code: o.id for o in requirement.objectives}
    current = {"title": first.title, "kind": first.kind, "priority": first.priority,
               "department": first.department, "objectives": list(codes)}
    with guard.lifted():  # the demo's history: this change predates change control
        service.update_requirement(author, project, requirement, requirement.version,
                                   _data(current, codes, description=spec["description"],
                                         acceptance=spec["acceptance"], note=spec["note"]),
                                   at=_moment(spec["written_on"]))
    if spec["resign"]:
        _sign_all(project, requirement, spec["signed_on"])
    else:
        service.submit_for_review(None, project, requirement, requirement.version)
    summary.created.append(f"change to {requirement.code}")
