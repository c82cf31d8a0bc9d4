"""Training records for the route-by-role access test: a programme, a session, a trainee."""

from datetime import date

from app.training import service


def values(cast, db_session) -> dict:
    project = cast.project
    programme = service.create_programme(None, project, "concept", "Why CRM 为什么要用 CRM")
    session = service.create_session(None, project, service.SessionData(
        programme_id=programme.id, held_on=date(2026, 9, 7), place="Singapore",
        trainer="Priya Nair", audience=("sales",), capacity=20))
    [trainee] = service.add_trainees(None, project, "sales", ["陈静 Chen Jing"])
    return {"programme_id": programme.id, "training_session_id": session.id,
            "trainee_id": trainee.id}
