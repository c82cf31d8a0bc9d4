"""Demo data for the strategy: Quest International's vision, goals, objectives, KPIs, readiness.

Every record is looked up before it is created, so loading the demo twice changes nothing.
"""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from app.accounts.service import find_user
from app.extensions import db
from app.projects import service as projects
from app.strategy import analysis, measurements, readiness, service
from app.strategy.models import BusinessGoal, Kpi, Measurement, Objective
from app.strategy.readiness_models import Assessment


def _month_end(start: date, offset: int) -> date:
    year, month = divmod(start.month - 1 + offset + 1, 12)
    first_of_next = date(start.year + year, month + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def _point(pair):
    return (Decimal(pair[1]), date.fromisoformat(pair[0])) if pair else (None, None)


def seed_strategy(summary) -> None:
    from app.demo import read_seed

    data = read_seed("strategy.toml")
    project = projects.get_by_code(summary.project_code)
    _seed_vision(project, data["vision"], summary)
    goals = _seed_goals(project, data["goals"], summary)
    for spec in data["objectives"]:
        objective = _seed_objective(project, spec, goals, summary)
        for kpi_spec in spec.get("kpis", []):
            _seed_kpi(project, objective, kpi_spec, summary)
    for spec in data["assessments"]:
        _seed_assessment(project, spec, summary)


def _seed_vision(project, spec: dict, summary) -> None:
    if service.vision_of(project) is not None:
        return
    first = service.draft_vision(find_user(spec["drafted_by"]), project, 0,
                                 spec["draft"], spec["draft_note"])
    second = service.draft_vision(find_user(spec["revised_by"]), project,
                                  first.vision.version, spec["revision"], spec["revision_note"])
    service.approve_vision(find_user(spec["approved_by"]), project, second.number,
                           second.vision.version, second.sha256, spec["approval_comment"])
    summary.created.append("vision (2 versions, approved)")


def _seed_goals(project, specs: list[dict], summary) -> dict[str, BusinessGoal]:
    existing = {g.title: g for g in service.goals(project)}
    for spec in specs:
        if spec["title"] not in existing:
            existing[spec["title"]] = service.create_goal(None, project, spec["title"],
                                                          spec.get("description", ""))
            summary.created.append(f"business goal {spec['title'][:30]}")
    return existing


def _seed_objective(project, spec: dict, goals: dict, summary) -> Objective:
    found = db.session.execute(sa.select(Objective).where(
        Objective.project_id == project.id, Objective.title == spec["title"])).scalar_one_or_none()
    if found is not None:
        return found
    owner = find_user(spec["owner"])
    objective = service.create_objective(None, project, service.ObjectiveData(
        title=spec["title"], description=spec.get("description", ""), aim=spec["aim"],
        aim_other=spec.get("aim_other", ""), horizon=spec["horizon"], priority=spec["priority"],
        owner_id=owner.id if owner else None,
        goal_ids=tuple(goals[title].id for title in spec["goals"])))
    summary.created.append(f"objective {objective.code}")
    return objective


def _seed_kpi(project, objective: Objective, spec: dict, summary) -> None:
    kpi = db.session.execute(sa.select(Kpi).where(
        Kpi.project_id == project.id, Kpi.name == spec["name"])).scalar_one_or_none()
    if kpi is None:
        baseline, short, long_ = (_point(spec.get(k)) for k in
                                  ("baseline", "short_target", "long_target"))
        kpi = service.create_kpi(None, project, service.KpiData(
            objective_id=objective.id, name=spec["name"], definition=spec.get("definition", ""),
            unit=spec["unit"], direction=spec["direction"], kind=spec["kind"],
            baseline_value=baseline[0], baseline_on=baseline[1], short_target_value=short[0],
            short_target_on=short[1], long_target_value=long_[0], long_target_on=long_[1]))
        summary.created.append(f"KPI {kpi.code}")
    have = set(db.session.execute(sa.select(Measurement.measured_on)
                                  .where(Measurement.kpi_id == kpi.id)).scalars())
    added = 0
    for offset, value in enumerate(spec.get("monthly", [])):
        on = _month_end(date(2025, 11, 1), offset)
        if on in have or on > date.today():
            continue
        measurements.add_measurement(None, project, kpi, on, Decimal(value), source="seed")
        added += 1
    if added:
        summary.created.append(f"{added} measurements of {kpi.code}")


def _seed_assessment(project, spec: dict, summary) -> None:
    found = db.session.execute(sa.select(Assessment).where(
        Assessment.project_id == project.id, Assessment.title == spec["title"])
    ).scalar_one_or_none()
    if found is not None:
        return
    assessment = readiness.open_assessment(None, project, spec["title"],
                                           date.fromisoformat(spec["held_on"]))
    questionnaire = readiness.questionnaire()
    for response in spec["responses"]:
        user = find_user(response["email"])
        known = {q.key for q in questionnaire.questions}
        if unknown := set(response.get("comments", {})) - known:
            raise ValueError(f"strategy.toml comments name unknown questions: {unknown}")
        answers = []
        for dimension in questionnaire.dimensions:
            base = response["scores"][dimension.key]
            for n, question in enumerate(dimension.questions):
                score = max(1, base - 1) if n % 3 == 2 else base
                answers.append(analysis.Answer(question.key, score,
                                               response.get("comments", {}).get(question.key, "")))
        readiness.submit_response(user, project, assessment, 0, answers)
    readiness.close_assessment(None, project, assessment, assessment.version)
    summary.created.append(f"readiness assessment #{assessment.number}")
