"""The governance health scorecard for a project, and its daily snapshots for the trend."""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from app.core.db import transactional
from app.extensions import db
from app.governance import gather, health
from app.governance.models import HealthSnapshot
from app.projects.models import Project

RULES_FILE = Path(__file__).resolve().parents[2] / "seeds" / "health_rules.toml"


@functools.cache
def thresholds() -> health.Thresholds:
    return health.load_thresholds(RULES_FILE.read_text(encoding="utf-8"))


def scorecard(project: Project, as_of: date) -> health.Scorecard:
    """Judge the project as its records stand, on `as_of` (read only)."""
    rules = thresholds()
    return health.evaluate(gather.gather(project, as_of, rules.sections["plan"]), rules)


def snapshots(project: Project) -> list[HealthSnapshot]:
    return list(db.session.execute(
        sa.select(HealthSnapshot).where(HealthSnapshot.project_id == project.id)
        .order_by(HealthSnapshot.taken_on)).scalars())


def latest_snapshot(project: Project) -> HealthSnapshot | None:
    return db.session.execute(
        sa.select(HealthSnapshot).where(HealthSnapshot.project_id == project.id)
        .order_by(HealthSnapshot.taken_on.desc()).limit(1)).scalar_one_or_none()


def snapshot_on(project: Project, day: date) -> HealthSnapshot | None:
    return db.session.execute(sa.select(HealthSnapshot).where(
        HealthSnapshot.project_id == project.id, HealthSnapshot.taken_on == day)
    ).scalar_one_or_none()


def _new_snapshot(project: Project, card: health.Scorecard) -> HealthSnapshot:
    return HealthSnapshot(project_id=project.id, taken_on=card.as_of, score=card.score,
                          status=card.status.value, statuses=card.statuses())


def note_snapshot(project: Project, card: health.Scorecard) -> bool:
    """Keep the day's first scorecard, from a page view: best effort, never an error.

    Two views at once may both try; the unique (project, day) keeps one, the other gives way.
    """
    if snapshot_on(project, card.as_of) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(_new_snapshot(project, card))
        db.session.commit()
        return True
    except (IntegrityError, OperationalError):  # taken at the same moment, or database busy
        db.session.rollback()
        return False


@dataclass(frozen=True)
class Recorded:
    snapshot: HealthSnapshot
    created: bool  # False: the day already had one, kept as it was


@transactional
def record_snapshot(project: Project, as_of: date) -> Recorded:
    """Compute and keep the day's scorecard unless the day already has one (CLI, demo)."""
    existing = snapshot_on(project, as_of)
    if existing is not None:
        return Recorded(existing, False)
    snapshot = _new_snapshot(project, scorecard(project, as_of))
    db.session.add(snapshot)
    db.session.flush()
    return Recorded(snapshot, True)


@transactional
def add_history(project: Project, day: date, score: int | None, status: str,
                statuses: dict[str, str]) -> bool:
    """Keep a snapshot of a past day given as data (the demo's history); False if present."""
    known = {r.id for r in health.RULES}
    values = {s.value for s in health.Status}
    if set(statuses) - known or set(statuses.values()) - values or status not in values:
        raise ValueError(f"unknown rule or status in the snapshot of {day}")
    if score is not None and not 0 <= score <= 100:
        raise ValueError(f"score {score} of {day} is not within 0-100")
    if snapshot_on(project, day) is not None:
        return False
    db.session.add(HealthSnapshot(project_id=project.id, taken_on=day, score=score,
                                  status=status, statuses=statuses))
    return True
