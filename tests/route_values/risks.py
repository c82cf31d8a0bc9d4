"""Risk records for the route-by-role access test: a risk linked to a plan task."""

from datetime import date

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
    return {"risk_id": risk.id, "risk_link_kind": "task", "risk_link_id": link.id}
