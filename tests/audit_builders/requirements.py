"""Audit builders for the requirement models (see tests/audit_builders/__init__.py)."""

from app.requirements.baseline_models import BaselineItem, RequirementBaseline
from app.requirements.models import (
    Requirement,
    RequirementObjective,
    RequirementSignature,
    RequirementSigner,
    RequirementVersion,
)
from app.strategy.models import Objective


def _requirement(s, ctx, number=1):
    requirement = Requirement(project_id=ctx["project"].id, number=number, status="draft",
                              title="Shared account view", kind="functional", priority="must",
                              department="sales", current_number=1)
    s.add(requirement)
    return requirement


def _version(s, ctx):
    requirement = _requirement(s, ctx, 2)
    s.flush()
    return RequirementVersion(requirement=requirement, project_id=ctx["project"].id, number=1,
                              code=requirement.code, title="Shared account view",
                              kind="functional", priority="must", department="sales",
                              author_label="test")


# Fixed ids, so the link can be moved to a known second objective.
OBJECTIVE_IDS = (990_001, 990_002)


def _link(s, ctx):
    requirement = _requirement(s, ctx, 3)
    for number, objective_id in enumerate(OBJECTIVE_IDS, start=1):
        s.add(Objective(id=objective_id, project_id=ctx["project"].id, number=number,
                        title=f"Objective {number}", aim="retain", horizon="short",
                        priority="high"))
    s.flush()
    return RequirementObjective(project_id=ctx["project"].id, requirement_id=requirement.id,
                                objective_id=OBJECTIVE_IDS[0])


def _signer(s, ctx):
    return RequirementSigner(project_id=ctx["project"].id, user_id=ctx["user"].id,
                             capacity="Executive sponsor", meaning="Approved for build")


def _signature(s, ctx):
    version = _version(s, ctx)
    s.add(version)
    s.flush()
    return RequirementSignature(version=version, project_id=ctx["project"].id,
                                user_id=ctx["user"].id, signer_label="Signer", role="sponsor",
                                capacity="Executive sponsor", meaning="Approved for build",
                                content_sha256=version.sha256)


def _baseline(s, ctx):
    return RequirementBaseline(project_id=ctx["project"].id, number=1, name="Scope v1",
                               created_by_label="test")


def _item(s, ctx):
    requirement = _requirement(s, ctx, 4)
    baseline = _baseline(s, ctx)
    s.add(baseline)
    s.flush()
    return BaselineItem(baseline_id=baseline.id, project_id=ctx["project"].id,
                        requirement_id=requirement.id, code=requirement.code, version_number=1,
                        title="Shared account view", kind="functional", priority="must",
                        department="sales", content_sha256="0" * 64)


BUILDERS = {
    Requirement: (_requirement, "title", "Shared customer view"),
    RequirementVersion: (_version, "note", "typo fixed"),
    RequirementObjective: (_link, "objective_id", OBJECTIVE_IDS[1]),
    RequirementSigner: (_signer, "capacity", "Business owner (Sales)"),
    RequirementSignature: (_signature, "comment", "同意"),
    RequirementBaseline: (_baseline, "note", "Frozen for the pilot"),
    BaselineItem: (_item, "title", "Shared customer view"),
}
