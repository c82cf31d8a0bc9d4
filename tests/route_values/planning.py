"""Plan records for the access test: a phase, two linked tasks and a baseline."""

from app.planning import baselines, service


def values(cast, db_session) -> dict:
    project = cast.project
    phase = service.create_phase(None, project, "Pilot design", "Design review")
    first = service.create_task(None, project, service.TaskData("Workshops", phase.id, 3))
    second = service.create_task(None, project, service.TaskData("Sign-off", phase.id, 0))
    link = service.add_dependency(None, project, first.id, second.id, "FS", 0)
    baseline = baselines.save_baseline(None, project, "Approved plan")
    return {"phase_id": phase.id, "task_id": first.id, "dependency_id": link.id,
            "baseline_id": baseline.id}
