"""Audit builders for the training models (see tests/audit_builders/__init__.py)."""

from datetime import date

from app.planning.models import Phase, PlanTask
from app.training.models import (
    Attendance,
    Trainee,
    TrainingProgramme,
    TrainingSession,
    TrainingSettings,
)


def _programme(s, ctx, name="Why CRM"):
    programme = TrainingProgramme(project_id=ctx["project"].id, kind="concept", name=name)
    s.add(programme)
    return programme


def _session(s, ctx):
    programme = _programme(s, ctx, "Using the sales module")
    s.flush()
    session = TrainingSession(project_id=ctx["project"].id, programme_id=programme.id,
                              held_on=date(2026, 9, 7), audience="sales", capacity=20)
    s.add(session)
    return session


def _trainee(s, ctx, name="陈静 Chen Jing"):
    trainee = Trainee(project_id=ctx["project"].id, name=name, department="sales")
    s.add(trainee)
    return trainee


# Fixed ids, so the attendance can be moved to a known second trainee.
TRAINEE_IDS = (970_001, 970_002)


def _attendance(s, ctx):
    session = _session(s, ctx)
    s.add_all(Trainee(id=i, project_id=ctx["project"].id, name=f"Trainee {i}",
                      department="sales") for i in TRAINEE_IDS)
    s.flush()
    return Attendance(project_id=ctx["project"].id, session_id=session.id,
                      trainee_id=TRAINEE_IDS[0])


def _settings(s, ctx):
    phase = Phase(project_id=ctx["project"].id, position=1, name="Pilot")
    s.add(phase)
    s.flush()
    task = PlanTask(project_id=ctx["project"].id, phase_id=phase.id, name="Pilot go-live",
                    duration=0)
    s.add(task)
    s.flush()
    return TrainingSettings(project_id=ctx["project"].id, go_live_task_id=task.id)


BUILDERS = {
    TrainingSettings: (_settings, "go_live_task_id", None),
    TrainingProgramme: (_programme, "description", "为什么要用 CRM"),
    TrainingSession: (_session, "place", "Shanghai 上海"),
    Trainee: (_trainee, "department", "customer_service"),
    Attendance: (_attendance, "trainee_id", TRAINEE_IDS[1]),
}
