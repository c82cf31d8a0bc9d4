"""Demo quality data for the Asia pilot: standards, checkpoints in every state, gate reviews
and QA reviews, from seeds/demo/quality.toml.

Every record is looked up before it is created (a standard by phase and title, a checkpoint by
title, a QA review by date, a gate by having any review), so loading twice changes nothing.
"""

from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from app.accounts.service import find_user
from app.extensions import db
from app.planning import service as planning
from app.projects.service import get_by_code
from app.quality import gate_reviews, qa_reviews, service
from app.quality.models import Checkpoint, QaReview


def _user_id(email: str | None) -> int | None:
    user = find_user(email) if email else None
    return user.id if user else None


def seed_quality(summary) -> None:
    from app.demo import read_seed

    data = read_seed("quality.toml")
    project = get_by_code(summary.project_code or "QUEST-ASIA")
    phases = planning.phases(project) if project else []
    if not phases:
        return
    tasks = {t.name: t for t in planning.tasks(project)}
    sponsor = next(u for u in gate_reviews.committee(project)
                   if u.email == "catherine.wong@quest.example")
    added = [_standards(project, phases, data["standard"]),
             _checkpoints(project, phases, tasks, sponsor, data["checkpoint"]),
             _gates(project, phases, sponsor, data["gate"]),
             _qa_reviews(project, data["qa_review"])]
    names = ("quality standards", "QC checkpoints", "gate reviews", "QA reviews")
    summary.created.extend(f"{n} {name}" for n, name in zip(added, names, strict=True) if n)


def _standards(project, phases, specs) -> int:
    have = {(s.phase_id, s.title) for s in service.standards(project)}
    added = 0
    for spec in specs:
        phase = phases[spec["phase"]]
        if (phase.id, spec["title"]) in have:
            continue
        service.create_standard(None, project, service.StandardData(
            phase.id, spec.get("deliverable", ""), spec["title"], spec["criterion"],
            spec["method"], _user_id(spec.get("owner"))))
        added += 1
    return added


def _checkpoints(project, phases, tasks, sponsor, specs) -> int:
    have = set(db.session.execute(sa.select(Checkpoint.title)
                                  .where(Checkpoint.project_id == project.id)).scalars())
    added = 0
    for spec in specs:
        if spec["title"] in have:
            continue
        task = tasks[spec["task"]] if "task" in spec else None
        checkpoint = service.create_checkpoint(None, project, service.CheckpointData(
            spec["title"], spec["target"], phases[spec["phase"]].id if "phase" in spec else None,
            task.id if task else None, spec.get("deliverable", ""), spec["criteria"],
            _user_id(spec.get("reviewer")), spec.get("evidence", ""), spec["status"]))
        if "waive" in spec:
            # Given at the gate meeting (`waived_on`), 9:00 in Singapore, not at load time.
            waived = datetime.combine(date.fromisoformat(spec["waived_on"]), time(1), UTC)
            service.waive_checkpoint(None, project, checkpoint, checkpoint.version,
                                     spec["waive"], by=sponsor, at=waived)
        added += 1
    return added


def _gates(project, phases, sponsor, specs) -> int:
    added = 0
    for spec in specs:
        phase = phases[spec["phase"]]
        if gate_reviews.reviews_of(project, phase):
            continue
        review = gate_reviews.open_review(None, project, phase, "\n".join(spec["exit_criteria"]))
        if "decision" in spec:
            gate_reviews.decide(None, project, review, review.version, gate_reviews.Decision(
                spec["decision"], spec.get("conditions", ""),
                date.fromisoformat(spec["meeting_date"]),
                tuple(_user_id(e) for e in spec["present"])), by=sponsor)
        added += 1
    return added


def _qa_reviews(project, specs) -> int:
    have = set(db.session.execute(sa.select(QaReview.review_date)
                                  .where(QaReview.project_id == project.id)).scalars())
    added = 0
    for spec in specs:
        day = date.fromisoformat(spec["date"])
        if day in have:
            continue
        review = qa_reviews.create_qa_review(None, project, qa_reviews.QaReviewData(
            day, _user_id(spec["reviewer"]), spec["judgement"], spec["findings"].strip()))
        for item in spec["actions"]:
            action = qa_reviews.add_qa_action(
                None, project, review, review.version, item["description"],
                _user_id(item["owner"]), date.fromisoformat(item["due"]))
            if item["status"] != "open":
                qa_reviews.set_qa_action_status(None, project, action, action.version,
                                             item["status"])
        added += 1
    return added
