"""Requirement records for the route-by-role access test: an objective, a signer, a requirement
signed off and frozen in a baseline, in the cast's project."""

from app.requirements import baselines, service
from app.strategy import service as strategy


def values(cast, db_session) -> dict:
    project = cast.project
    objective = strategy.create_objective(None, project, strategy.ObjectiveData(
        title="One customer view", description="", aim="retain", aim_other="",
        horizon="short", priority="high", owner_id=None, goal_ids=()))
    signer = service.add_signer(None, project, cast["sponsor"].id, "Executive sponsor", None,
                                "Approved for build")
    requirement = service.create_requirement(None, project, service.RequirementData(
        title="Shared account view 共享客户视图", description="All contacts in one place.",
        kind="functional", priority="must", department="sales",
        acceptance_criteria="Sales, labs and service see the same account.",
        objective_ids=(objective.id,)))
    service.submit_for_review(None, project, requirement, requirement.version)
    version = service.version_of(requirement, 1)
    service.sign(cast["sponsor"], project, requirement, 1, version.sha256)
    baseline = baselines.create_baseline(None, project, "Scope v1")
    return {"req_id": requirement.id, "req_version": 1, "req_baseline_id": baseline.id,
            "req_signer_id": signer.id}
