"""Risk records for the access test: a risk linked to a plan task and to a change request.

The route argument `risk_link_kind` takes one value ("task"); the access test does not
enumerate kinds. The change link makes the change request's page list a risk for every role
(the changes module runs first, in name order, so its request is reused when there is one).
"""

from datetime import date

import sqlalchemy as sa

from app.changes import service as changes
from app.changes.models import ChangeRequest
from app.planning import service as planning
from app.risks import service


def values(cast, db_session) -> dict:
    project = cast.project
    phase = planning.create_phase(None, project, "Build 构建")
    task = planning.create_task(None, project, planning.TaskData(
        name="ERP order interface", phase_id=phase.id, duration=10))
    risk = service.create_risk(None, project, service.RiskData(
        title="ERP interface late 接口延迟", description="", category="integration",
        owner_id=cast["pm"].id, strategy="reduce", response_plan="Prototype first.",
        trigger="", status="open"), 4, 4, date(2026, 5, 4))
    link = service.add_link(None, project, risk, risk.version, "task", task.id)
    cr = db_session.execute(sa.select(ChangeRequest).where(ChangeRequest.project_id == project.id)
                            .order_by(ChangeRequest.number)).scalars().first()
    if cr is None:
        cr = changes.create_request(cast["pm"], project, changes.RequestData(
            "Longer interface tests", "The ERP interface needs more testing.", "schedule"))
    service.add_link(None, project, risk, risk.version, "change", cr.id)
    return {"risk_id": risk.id, "risk_link_kind": "task", "risk_link_id": link.id}
