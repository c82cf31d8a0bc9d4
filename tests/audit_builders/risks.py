"""Audit builders for the risk models (see tests/audit_builders/__init__.py)."""

from datetime import date

from app.changes.models import ChangeRequest
from app.planning.models import Phase, PlanTask
from app.risks.models import Risk, RiskAssessment, RiskChangeRequest, RiskClaim, RiskTask
from app.vendors.models import Claim, Evaluation, Vendor


def _risk(s, ctx, number=1):
    risk = Risk(project_id=ctx["project"].id, number=number, title="ERP interface late",
                category="integration", probability=3, impact=4, status="open",
                identified_on=date(2026, 3, 2))
    s.add(risk)
    return risk


def _assessment(s, ctx):
    risk = _risk(s, ctx, 2)
    s.flush()
    return RiskAssessment(project_id=ctx["project"].id, risk_id=risk.id,
                          assessed_on=date(2026, 3, 2), probability=3, impact=4,
                          assessed_by_label="test")


# Fixed ids, so the link can be moved to a known second task.
TASK_IDS = (980_001, 980_002)
CLAIM_IDS = (980_101, 980_102)
CHANGE_IDS = (980_201, 980_202)


def _task_link(s, ctx):
    risk = _risk(s, ctx, 3)
    phase = Phase(project_id=ctx["project"].id, position=1, name="Build")
    s.add(phase)
    s.flush()
    s.add_all(PlanTask(id=task_id, project_id=ctx["project"].id, phase_id=phase.id,
                       name=f"Task {task_id}", duration=5) for task_id in TASK_IDS)
    s.flush()
    return RiskTask(project_id=ctx["project"].id, risk_id=risk.id, task_id=TASK_IDS[0])


def _claim_link(s, ctx):
    risk = _risk(s, ctx, 4)
    evaluation = Evaluation(project_id=ctx["project"].id, title="CRM vendor")
    s.add(evaluation)
    s.flush()
    vendor = Vendor(project_id=ctx["project"].id, evaluation_id=evaluation.id, name="Nova",
                    stage_on=date(2026, 2, 2))
    s.add(vendor)
    s.flush()
    s.add_all(Claim(id=claim_id, project_id=ctx["project"].id, vendor_id=vendor.id,
                    text=f"Claim {claim_id}") for claim_id in CLAIM_IDS)
    s.flush()
    return RiskClaim(project_id=ctx["project"].id, risk_id=risk.id, claim_id=CLAIM_IDS[0])


def _change_link(s, ctx):
    risk = _risk(s, ctx, 5)
    s.add_all(ChangeRequest(id=cr_id, project_id=ctx["project"].id, number=90 + i,
                            title=f"Change {cr_id} 变更", requester_label="test",
                            category="schedule", urgency="normal", status="draft")
              for i, cr_id in enumerate(CHANGE_IDS))
    s.flush()
    return RiskChangeRequest(project_id=ctx["project"].id, risk_id=risk.id,
                             change_request_id=CHANGE_IDS[0])


BUILDERS = {
    Risk: (_risk, "title", "ERP interface very late 接口严重延迟"),
    RiskAssessment: (_assessment, "note", "reviewed"),
    RiskTask: (_task_link, "task_id", TASK_IDS[1]),
    RiskClaim: (_claim_link, "claim_id", CLAIM_IDS[1]),
    RiskChangeRequest: (_change_link, "change_request_id", CHANGE_IDS[1]),
}
