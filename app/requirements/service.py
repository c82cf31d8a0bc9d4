"""Requirement operations: the register, versions, the lifecycle and formal sign-off.

Each public function that changes something is one transaction that checks the actor's
permission and the version the form was loaded with; `actor` None means the command line.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import Membership, User
from app.changes import guard
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, StaleEdit, check_version
from app.core.model_base import utcnow
from app.core.numbering import next_number
from app.core.permissions import TEAM, require
from app.core.signoff import find_invalid, refuse_unless_read
from app.extensions import db
from app.projects.models import Project
from app.projects.service import role_of
from app.requirements import logic
from app.requirements.models import (
    Requirement,
    RequirementObjective,
    RequirementSignature,
    RequirementSigner,
    RequirementVersion,
)
from app.strategy.models import Objective


def _changed_under_signer(latest: int) -> StaleEdit:
    return StaleEdit(_l("This requirement changed after you opened it: version %(n)d is now "
                        "the latest. Nothing was signed: read it and sign that one.", n=latest))


def _require(actor: User | None, project: Project, permission: str) -> None:
    if actor is not None:
        require(actor, project, permission)


def _label(actor: User | None) -> str:
    return actor.name if actor is not None else "system"


def when(at: datetime | None) -> datetime:
    """The moment a step happened: now, or an earlier moment that the demo seed or an import
    gives (forms never pass one). A future moment is not taken: nothing is signed in advance.
    The audit trail still stamps its rows when they are written."""
    now = utcnow()
    return now if at is None or at > now else at


def requirement_in(project: Project, requirement_id: int) -> Requirement | None:
    record = db.session.get(Requirement, requirement_id)
    return record if record is not None and record.project_id == project.id else None


def version_of(requirement: Requirement, number: int) -> RequirementVersion | None:
    return db.session.execute(
        sa.select(RequirementVersion).where(RequirementVersion.requirement_id == requirement.id,
                                            RequirementVersion.number == number)
    ).scalar_one_or_none()


def objectives(project: Project) -> list[Objective]:
    return list(db.session.execute(
        sa.select(Objective).where(Objective.project_id == project.id).order_by(Objective.number)
    ).scalars())


# --- The register -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementData:
    title: str
    description: str
    kind: str
    priority: str
    department: str
    acceptance_criteria: str
    objective_ids: tuple[int, ...]
    note: str = ""


def _chosen_objectives(project: Project, data: RequirementData) -> list[Objective]:
    known = {o.id: o for o in objectives(project)}
    if any(i not in known for i in data.objective_ids):
        raise DomainError(_l("Choose objectives of this project."))
    if data.kind not in logic.KINDS or data.priority not in logic.PRIORITIES \
            or data.department not in logic.DEPARTMENTS:
        raise DomainError(_l("Choose a type, a priority and a department from the lists."))
    if not data.title.strip():
        raise DomainError(_l("Give the requirement a title."))
    return sorted((known[i] for i in set(data.objective_ids)), key=lambda o: o.number)


def _snapshot(requirement: Requirement, number: int, data: RequirementData,
              chosen: list[Objective], actor: User | None,
              at: datetime | None) -> RequirementVersion:
    return RequirementVersion(
        requirement=requirement, project_id=requirement.project_id, number=number,
        code=requirement.code, title=data.title.strip(), description=data.description or "",
        kind=data.kind, priority=data.priority, department=data.department,
        acceptance_criteria=data.acceptance_criteria or "",
        objective_codes=" ".join(o.code for o in chosen), note=(data.note or "").strip(),
        author_id=actor.id if actor else None, author_label=_label(actor), created_at=when(at))


def _assign(requirement: Requirement, version: RequirementVersion,
            chosen: list[Objective]) -> None:
    for field in ("title", "description", "kind", "priority", "department",
                  "acceptance_criteria"):
        setattr(requirement, field, getattr(version, field))
    wanted = {o.id for o in chosen}
    for link in list(requirement.objective_links):
        if link.objective_id not in wanted:
            # Delete explicitly: an orphan removed only at flush escapes the audit trail.
            requirement.objective_links.remove(link)
            db.session.delete(link)
    have = {link.objective_id for link in requirement.objective_links}
    for objective_id in sorted(wanted - have):
        requirement.objective_links.append(RequirementObjective(
            project_id=requirement.project_id, objective_id=objective_id))


@transactional
def create_requirement(actor: User | None, project: Project, data: RequirementData, *,
                       at: datetime | None = None) -> Requirement:
    _require(actor, project, "requirements.edit")
    chosen = _chosen_objectives(project, data)
    requirement = Requirement(project_id=project.id, status="draft", current_number=1,
                              number=next_number(project.id, "requirement"))
    with db.session.no_autoflush:
        first = _snapshot(requirement, 1, data, chosen, actor, at)
        _assign(requirement, first, chosen)
    db.session.add(requirement)
    db.session.flush()
    return requirement


@transactional
def update_requirement(actor: User | None, project: Project, requirement: Requirement, version,
                       data: RequirementData, *, at: datetime | None = None
                       ) -> RequirementVersion:
    """A content edit writes the next version; signatures stay with the versions they signed,
    so a signed-off requirement returns to draft and needs signing again."""
    _require(actor, project, "requirements.edit")
    check_version(requirement, version)
    if requirement.closed:
        raise DomainError(_l("A withdrawn or superseded requirement cannot be changed."))
    chosen = _chosen_objectives(project, data)
    guard.refuse_requirement_edit(actor, requirement, {
        "kind": "requirement_change", "target_id": requirement.id, "title": data.title,
        "description": data.description or "",
        "acceptance_criteria": data.acceptance_criteria or ""})
    latest = version_of(requirement, requirement.current_number)
    same = (data.title.strip(), data.description or "", data.kind, data.priority,
            data.department, data.acceptance_criteria or "", " ".join(o.code for o in chosen))
    if same == (latest.title, latest.description, latest.kind, latest.priority,
                latest.department, latest.acceptance_criteria, latest.objective_codes):
        raise DomainError(_l("Nothing changed: the content is the same as version %(n)d.",
                             n=latest.number))
    with db.session.no_autoflush:
        draft = _snapshot(requirement, requirement.current_number + 1, data, chosen, actor,
                          at)
        db.session.add(draft)
        _assign(requirement, draft, chosen)
        requirement.current_number = draft.number
        requirement.status = "draft"
    db.session.flush()
    return draft


@transactional
def submit_for_review(actor: User | None, project: Project, requirement: Requirement,
                      version) -> Requirement:
    _require(actor, project, "requirements.edit")
    check_version(requirement, version)
    if requirement.status != "draft":
        raise DomainError(_l("Only a draft can be sent for review."))
    if not required_signers(project, requirement):
        raise DomainError(_l("Nobody is named to sign requirements raised by this department. "
                             "Name the required signers first."))
    requirement.status = "in_review"
    return requirement


@transactional
def withdraw(actor: User | None, project: Project, requirement: Requirement,
             version) -> Requirement:
    _require(actor, project, "requirements.edit")
    check_version(requirement, version)
    if requirement.closed:
        raise DomainError(_l("This requirement is already withdrawn or superseded."))
    requirement.status = "withdrawn"
    return requirement


@transactional
def supersede(actor: User | None, project: Project, requirement: Requirement, version,
              successor_id: int) -> Requirement:
    _require(actor, project, "requirements.edit")
    check_version(requirement, version)
    if requirement.closed:
        raise DomainError(_l("This requirement is already withdrawn or superseded."))
    successor = requirement_in(project, successor_id)
    if successor is None or successor.id == requirement.id or successor.closed:
        raise DomainError(_l("Choose another open requirement of this project as the "
                             "replacement."))
    requirement.status, requirement.superseded_by_id = "superseded", successor.id
    return requirement


# --- Sign-off ---------------------------------------------------------------------------------


def signers(project: Project) -> list[RequirementSigner]:
    return list(db.session.execute(
        sa.select(RequirementSigner).where(RequirementSigner.project_id == project.id)
        .options(sa.orm.selectinload(RequirementSigner.user))
        .order_by(RequirementSigner.department.is_not(None), RequirementSigner.department,
                  RequirementSigner.id)
    ).scalars())


def required_signers(project: Project, requirement: Requirement) -> list[RequirementSigner]:
    return [s for s in signers(project) if s.department in (None, requirement.department)]


def signoff_state(project: Project, requirement: Requirement,
                  version: RequirementVersion) -> logic.Signoff:
    return logic.signoff_state([s.slot() for s in signers(project)], requirement.department,
                               [s.user_id for s in version.signatures if s.user_id])


def _locked(requirement: Requirement) -> Requirement:
    """Reload the requirement holding its row lock, so signers one after another each see the
    signatures before theirs (PostgreSQL; SQLite writers already hold the write lock)."""
    return db.session.execute(
        sa.select(Requirement).where(Requirement.id == requirement.id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


@transactional
def sign(actor: User, project: Project, requirement: Requirement, number: int,
         content_sha256: str, comment: str = "", *,
         at: datetime | None = None) -> RequirementSignature:
    """Sign version `number` as read: refused if a newer version exists or the content's hash
    differs; the requirement is signed off when the last required signer signs. `at`: see
    `when` (the demo's sign-offs happened in spring 2026)."""
    require(actor, project, "requirements.sign")
    requirement = _locked(requirement)
    if number != requirement.current_number:
        raise _changed_under_signer(requirement.current_number)
    version = version_of(requirement, number)
    refuse_unless_read(version, content_sha256, _changed_under_signer(requirement.current_number))
    if requirement.status != "in_review":
        raise DomainError(_l("Only a requirement in review can be signed."))
    mine = [s for s in required_signers(project, requirement) if s.user_id == actor.id]
    if not mine:
        raise PermissionDenied(_l("You are not one of the required signers of this "
                                  "requirement."))
    if any(s.user_id == actor.id for s in version.signatures):
        raise DomainError(_l("You have already signed version %(n)d.", n=number))
    signature = RequirementSignature.of(
        version, project, actor, role_of(project, actor),
        meaning="; ".join(dict.fromkeys(s.meaning for s in mine)), comment=comment,
        capacity="; ".join(s.capacity for s in mine), signed_at=when(at))
    db.session.add(signature)
    db.session.flush()
    if signoff_state(project, requirement, version).complete:
        requirement.status, requirement.signed_number = "signed_off", number
    return signature


def team_members(project: Project) -> list[User]:
    """People who may be named as signers: active members of the project team."""
    return list(db.session.execute(
        sa.select(User).join(Membership).where(
            Membership.project_id == project.id, User.active,
            Membership.role.in_([r.value for r in TEAM]))
        .order_by(User.name)
    ).scalars())


@transactional
def add_signer(actor: User | None, project: Project, user_id: int, capacity: str,
               department: str | None, meaning: str) -> RequirementSigner:
    _require(actor, project, "requirements.settings")
    if user_id not in {u.id for u in team_members(project)}:
        raise DomainError(_l("A signer must be an active member of the project team."))
    if department is not None and department not in logic.DEPARTMENTS:
        raise DomainError(_l("Choose a department from the list."))
    if any(s.user_id == user_id and s.department == department for s in signers(project)):
        raise DomainError(_l("This person already signs these requirements."))
    signer = RequirementSigner(project_id=project.id, user_id=user_id, capacity=capacity.strip(),
                               department=department, meaning=meaning.strip())
    db.session.add(signer)
    db.session.flush()
    return signer


@transactional
def remove_signer(actor: User | None, project: Project, signer: RequirementSigner,
                  version) -> None:
    """Later sign-offs stop asking this person; signatures already given stay."""
    _require(actor, project, "requirements.settings")
    check_version(signer, version)
    db.session.delete(signer)


def signer_in(project: Project, req_signer_id: int) -> RequirementSigner | None:
    record = db.session.get(RequirementSigner, req_signer_id)
    return record if record is not None and record.project_id == project.id else None


def invalid_signatures(project: Project | None = None) -> list[RequirementSignature]:
    """Signatures whose stored content no longer hashes to what was signed (tampering)."""
    return find_invalid(RequirementSignature, project)


def integrity_problems() -> list[str]:
    """For `flask audit verify`: every signature whose signed content was altered."""
    return [f"requirement {s.version.code} v{s.version.number}: the signature of "
            f"{s.signer_label} does not match the stored content"
            for s in invalid_signatures()]
