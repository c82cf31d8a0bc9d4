"""Demo data for training: the roster, programmes, sessions with attendance, the go-live.

Each record is looked up before it is created (a trainee by name and department, a programme
by name, a session by programme and date; attendance only on a session that has none), so
loading the demo twice changes nothing.
"""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.planning.models import PlanTask
from app.projects import service as projects
from app.training import service
from app.training.models import TrainingProgramme


def seed_training(summary) -> None:
    from app.demo import read_seed

    data = read_seed("training.toml")
    project = projects.get_by_code(summary.project_code)
    roster = _seed_roster(project, data["roster"], summary)
    for spec in data["programmes"]:
        _seed_programme(project, spec, roster, summary)
    settings = service.settings_for(project)
    if settings.go_live_task_id is None:
        task_id = db.session.execute(sa.select(PlanTask.id).where(
            PlanTask.project_id == project.id, PlanTask.name == data["go_live"])).scalar_one()
        service.update_settings(None, project, settings.version, task_id)
        summary.created.append("training go-live milestone")


def _seed_roster(project, roster: dict, summary) -> dict[str, list[int]]:
    """Put the roster's people on the project; return their ids per department, in order."""
    have = {(t.department, t.name): t.id for t in service.trainees(project)}
    added = 0
    for department, names in roster.items():
        missing = [n for n in names if (department, n) not in have]
        if missing:
            for trainee in service.add_trainees(None, project, department, missing):
                have[(department, trainee.name)] = trainee.id
            added += len(missing)
    if added:
        summary.created.append(f"{added} trainees")
    return {department: [have[(department, n)] for n in names]
            for department, names in roster.items()}


def _attendees(ranges: list[str], roster: dict[str, list[int]]) -> set[int]:
    found = set()
    for item in ranges:
        department, span = item.split(":")
        first, last = (int(n) for n in span.split("-"))
        found.update(roster[department][first - 1:last])
    return found


def _seed_programme(project, spec: dict, roster, summary) -> None:
    programme = db.session.execute(sa.select(TrainingProgramme).where(
        TrainingProgramme.project_id == project.id, TrainingProgramme.name == spec["name"])
    ).scalar_one_or_none()
    if programme is None:
        programme = service.create_programme(None, project, spec["kind"], spec["name"],
                                             spec.get("description", ""))
        summary.created.append(f"training programme {spec['name'][:30]}")
    held = {s.held_on: s for s in programme.sessions}
    for item in spec["sessions"]:
        day = date.fromisoformat(item["held_on"])
        session = held.get(day)
        if session is None:
            session = service.create_session(None, project, service.SessionData(
                programme_id=programme.id, held_on=day, place=item["place"],
                trainer=item["trainer"], audience=tuple(item["audience"]),
                capacity=item["capacity"]))
            summary.created.append(f"training session {day.isoformat()}")
        wanted = _attendees(item["attended"], roster)
        if wanted and not session.attendance:
            service.record_attendance(None, project, session, session.version, wanted)
