"""The steering committee's part: each member's vote and the decision, one at a time."""

from datetime import date

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.changes import workflow
from app.changes.models import ChangeRequest, ChangeVote
from app.changes.service import _locked, _refuse
from app.core.db import transactional
from app.core.errors import DomainError, PermissionDenied, check_version
from app.core.model_base import utcnow
from app.core.permissions import COMMITTEE, require
from app.extensions import db
from app.projects.models import Project
from app.projects.service import role_of


def _committee_member(actor: User, project: Project, cr: ChangeRequest):
    require(actor, project, "changes.decide")
    role = role_of(project, actor)
    if role not in COMMITTEE:
        raise PermissionDenied(_l("Only the sponsor and steering committee members decide."))
    if cr.requester_id == actor.id:
        raise PermissionDenied(_l("You requested this change: someone else on the committee "
                                  "must decide it."))
    return role


def _record_vote(actor: User, project: Project, cr: ChangeRequest, role, vote: str,
                 comment: str) -> ChangeVote:
    mine = next((v for v in cr.votes if v.user_id == actor.id), None)
    if mine is None:
        mine = ChangeVote(project_id=project.id, user_id=actor.id, voter_label=actor.name,
                          role=role.value, vote=vote, comment=comment)
        cr.votes.append(mine)
    elif (mine.vote, mine.comment) != (vote, comment):
        mine.vote, mine.comment, mine.cast_at = vote, comment, utcnow()
    return mine


@transactional
def vote(actor: User, project: Project, cr: ChangeRequest, choice: str,
         comment: str = "") -> ChangeVote:
    """Record (or change) a committee member's vote; the request is then under review."""
    role = _committee_member(actor, project, cr)
    cr = _locked(cr)
    _refuse(cr, "vote")
    if choice not in workflow.tally([]):
        raise DomainError(_l("Choose approve, reject, defer or abstain."))
    ballot = _record_vote(actor, project, cr, role, choice, (comment or "").strip())
    if cr.status == "submitted":
        cr.status = "under_review"
    db.session.flush()
    return ballot


@transactional
def decide(actor: User, project: Project, cr: ChangeRequest, version, outcome: str,
           rationale: str, meeting_date: date) -> ChangeRequest:
    """The committee's decision, with each member's vote (the decider's own counts as cast for
    the outcome unless they voted already), the rationale and the meeting date."""
    role = _committee_member(actor, project, cr)
    cr = _locked(cr)
    check_version(cr, version)
    _refuse(cr, "decide")
    if outcome not in workflow.OUTCOMES:
        raise DomainError(_l("Choose approve, reject or defer."))
    if not (rationale or "").strip() or meeting_date is None:
        raise DomainError(_l("Give the rationale and the date of the meeting that decided."))
    if not any(v.user_id == actor.id for v in cr.votes):
        _record_vote(actor, project, cr, role, outcome, "")
    if not workflow.outcome_supported(outcome, [v.vote for v in cr.votes]):
        raise DomainError(_l("The votes recorded do not support this outcome."))
    cr.status = workflow.OUTCOMES[outcome]
    cr.decision_rationale, cr.meeting_date = rationale.strip(), meeting_date
    cr.decided_by_label, cr.decided_at = actor.name, utcnow()
    db.session.flush()
    return cr
