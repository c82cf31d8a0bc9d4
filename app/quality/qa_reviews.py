"""QA review operations: periodic judgements of the whole project against the quality plan,
and the actions they ask for (owner, due date, status)."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.extensions import db
from app.projects.models import Project
from app.quality import gates
from app.quality.models import QaAction, QaReview
from app.quality.service import _check_person, _in, _require


@dataclass(frozen=True)
class QaReviewData:
    review_date: date
    reviewer_id: int | None
    judgement: str
    findings: str


def reviews(project: Project) -> list[QaReview]:
    return list(db.session.execute(
        sa.select(QaReview).where(QaReview.project_id == project.id)
        .options(sa.orm.selectinload(QaReview.reviewer), sa.orm.selectinload(QaReview.actions))
        .order_by(QaReview.review_date.desc(), QaReview.id.desc())).scalars())


def qa_review_in(project: Project, review_id) -> QaReview | None:
    return _in(QaReview, project, review_id)


def _apply_review(project: Project, review: QaReview, data: QaReviewData) -> None:
    if data.judgement not in gates.JUDGEMENTS:
        raise DomainError(_l("Choose an overall judgement from the list."))
    _check_person(project, data.reviewer_id, _l("reviewer"))
    for key, value in data.__dict__.items():
        if getattr(review, key) != value:
            setattr(review, key, value)


@transactional
def create_qa_review(actor: User | None, project: Project, data: QaReviewData) -> QaReview:
    _require(actor, project, "quality.edit")
    review = QaReview(project_id=project.id)
    _apply_review(project, review, data)
    db.session.add(review)
    db.session.flush()
    return review


@transactional
def update_qa_review(actor: User | None, project: Project, review: QaReview, version,
                     data: QaReviewData) -> QaReview:
    _require(actor, project, "quality.edit")
    check_version(review, version)
    _apply_review(project, review, data)
    return review


def qa_action_in(project: Project, action_id) -> QaAction | None:
    return _in(QaAction, project, action_id)


@transactional
def add_qa_action(actor: User | None, project: Project, review: QaReview, version,
                  description: str, owner_id: int | None, due_date: date | None) -> QaAction:
    """Add an action to a review; the review's version guards against a stale page."""
    _require(actor, project, "quality.edit")
    check_version(review, version)
    _check_person(project, owner_id, _l("owner"))
    if not description.strip():
        raise DomainError(_l("Say what the action is."))
    action = QaAction(project_id=project.id, review=review, description=description.strip(),
                      owner_id=owner_id, due_date=due_date, status="open")
    db.session.add(action)
    db.session.flush()
    return action


@transactional
def set_qa_action_status(actor: User | None, project: Project, action: QaAction, version,
                         status: str) -> QaAction:
    _require(actor, project, "quality.edit")
    check_version(action, version)
    if status not in gates.ACTION_STATUSES:
        raise DomainError(_l("Choose a status from the list."))
    action.status = status
    return action
