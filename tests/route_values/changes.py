"""Change request records for the access test: a draft with one operation on a task of its own,
logged by the PM (modules run in name order, before the plan's own records)."""

from app.changes import service
from app.planning import service as planning


def values(cast, db_session) -> dict:
    project = cast.project
    phase = planning.create_phase(None, project, "Change control 变更控制", "Gate")
    task = planning.create_task(None, project, planning.TaskData("Workshops 2", phase.id, 3))
    cr = service.create_request(cast["pm"], project, service.RequestData(
        "Longer workshops 延长研讨会", "More departments.", "schedule"),
        [service.OperationData("task_change", task.id, {"duration": 4})])
    return {"cr_id": cr.id, "cr_op_id": cr.operations[0].id}
