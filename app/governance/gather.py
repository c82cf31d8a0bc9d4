"""Build the scorecard's HealthInputs from the database, one small gatherer per source.

Sources of the governance packages (quality, risks, training, organisation, change control) are
read through the summary function each exposes, mapped field by field onto health's dataclasses.
"""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.governance import health
from app.projects.models import Project


def gather(project: Project, as_of: date, plan_rules) -> health.HealthInputs:
    """Every source's facts as they stand on `as_of` (`plan_rules`: the [plan] thresholds)."""
    from app.governance.gather_plan import evm_facts, plan_facts

    return health.HealthInputs(
        as_of=as_of,
        project_start=project.start_date,
        vision=vision_facts(project),
        objectives=objective_facts(project),
        attendance=attendance_facts(project),
        requirements=requirement_facts(project),
        plan=plan_facts(project, plan_rules),
        budget=budget_facts(project, as_of),
        vendors=vendor_facts(project),
        gates=gate_facts(project),
        training=training_facts(project),
        evm=evm_facts(project, as_of),
        change_requests=change_request_facts(project),
        risks=risk_facts(project),
        bulletins=bulletin_facts(project),
        documents=document_facts(project),
    )


# --- Sources in this application ----------------------------------------------------------------


def vision_facts(project: Project) -> health.VisionFacts | None:
    from app.strategy.service import vision_of

    vision = vision_of(project)
    return None if vision is None else health.VisionFacts(vision.latest_number,
                                                          vision.approved_number)


def objective_facts(project: Project) -> tuple[health.ObjectiveFacts, ...]:
    from app.strategy.service import objectives

    return tuple(
        health.ObjectiveFacts(o.code, len(o.kpis), sum(
            k.baseline_value is not None and k.baseline_on is not None for k in o.kpis))
        for o in objectives(project))


def requirement_facts(project: Project) -> tuple[health.RequirementFacts, ...]:
    """Each requirement with the day its version in force was fully signed (last signature)."""
    from app.requirements.models import Requirement, RequirementSignature, RequirementVersion

    signed = (sa.select(RequirementVersion.requirement_id,
                        sa.func.max(RequirementSignature.signed_at).label("signed_at"))
              .join(RequirementSignature, RequirementSignature.version_id == RequirementVersion.id)
              .join(Requirement, Requirement.id == RequirementVersion.requirement_id)
              .where(Requirement.project_id == project.id,
                     RequirementVersion.number == Requirement.signed_number)
              .group_by(RequirementVersion.requirement_id)).subquery()
    rows = db.session.execute(
        sa.select(Requirement, signed.c.signed_at)
        .outerjoin(signed, signed.c.requirement_id == Requirement.id)
        .where(Requirement.project_id == project.id).order_by(Requirement.number)).all()
    return tuple(health.RequirementFacts(r.code, r.status, _day(at) if r.signed_number else None)
                 for r, at in rows)


def budget_facts(project: Project, as_of: date) -> health.BudgetFacts:
    from app.budget import reports

    picture = reports.picture(project, as_of)
    return health.BudgetFacts(picture.overview.total.planned, picture.warnings)


def vendor_facts(project: Project) -> health.VendorFacts:
    from app.vendors.funnel import IN_CONTENTION, Stage
    from app.vendors.models import Evaluation, StageChange, Vendor

    evaluations = db.session.scalar(sa.select(sa.func.count(Evaluation.id))
                                    .where(Evaluation.project_id == project.id))
    vendors = db.session.execute(sa.select(Vendor).where(Vendor.project_id == project.id)
                                 .order_by(Vendor.id)).scalars().all()
    reached = {vendor_id for vendor_id, in db.session.execute(
        sa.select(StageChange.vendor_id).where(StageChange.project_id == project.id,
                                               StageChange.to_stage == Stage.SHORTLISTED.value))}
    shortlisted = sum(v.id in reached or v.stage in IN_CONTENTION for v in vendors)
    selected = next((v for v in vendors if v.stage == Stage.SELECTED.value), None)
    override = selected is not None and bool(db.session.scalar(
        sa.select(StageChange.override).where(StageChange.vendor_id == selected.id,
                                              StageChange.to_stage == Stage.SELECTED.value)
        .order_by(StageChange.id.desc()).limit(1)))
    return health.VendorFacts(evaluations, selected.name if selected else None, override,
                              shortlisted)


def bulletin_facts(project: Project) -> health.BulletinFacts:
    from app.bulletins.models import PublishedEdition
    from app.bulletins.service import settings_for

    last = db.session.scalar(sa.select(sa.func.max(PublishedEdition.published_at))
                             .where(PublishedEdition.project_id == project.id))
    return health.BulletinFacts(settings_for(project).cadence, _day(last))


def _day(moment) -> date | None:
    return None if moment is None else moment.date()


# --- Sources kept by the governance packages (organisation, quality, training, changes, risks) --


def attendance_facts(project: Project) -> health.AttendanceFacts | None:
    """The sponsor's and each steering member's record; None while no steering meeting was held."""
    from app.organisation.service import attendance_summary

    found = attendance_summary(project)
    if not found.meetings_held:
        return None
    sponsor = found.sponsor
    return health.AttendanceFacts(
        sponsor.held if sponsor else found.meetings_held, sponsor.attended if sponsor else 0,
        tuple(health.MemberAttendance(m.name, m.held, m.attended) for m in found.members))


def gate_facts(project: Project) -> tuple[health.GateFacts, ...]:
    from app.quality.service import gate_summary

    return tuple(health.GateFacts(g.phase_position, g.phase_name, g.gate_name, g.gate_date,
                                  g.decision, g.decided_on, g.total, g.passed, g.waived,
                                  g.failed, g.pending)
                 for g in gate_summary(project))


def training_facts(project: Project) -> tuple[health.TrainingFacts, ...]:
    from app.training.service import coverage_summary

    return tuple(health.TrainingFacts(d.department, d.end_users, d.trained_concept,
                                      d.trained_operational, d.go_live)
                 for d in coverage_summary(project))


def change_request_facts(project: Project) -> tuple[health.ChangeRequestFacts, ...]:
    from app.changes.service import open_requests

    return tuple(health.ChangeRequestFacts(r["code"], r["status"], r["submitted"])
                 for r in open_requests(project) if r["submitted"] is not None)


def risk_facts(project: Project) -> tuple[health.RiskFacts, ...]:
    from app.risks.service import risk_summary

    return tuple(health.RiskFacts(r.number, r.title, r.score, r.level, r.has_owner,
                                  r.has_response, r.status) for r in risk_summary(project))


def document_facts(project: Project) -> tuple[health.DocumentFacts, ...]:
    from app.organisation.service import document_summary

    return tuple(health.DocumentFacts(d.kind, d.title, d.approved_current, d.review_on,
                                      d.review_overdue) for d in document_summary(project))
