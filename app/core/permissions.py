"""Roles per project and the one table that says which role may do what.

Views declare the permission they need with a decorator; services check it again; tests
enumerate this table against every route.
"""

import enum
import functools
from collections.abc import Callable

from flask import abort, g
from flask_babel import lazy_gettext as _l
from flask_login import current_user


class Role(enum.StrEnum):
    SPONSOR = "sponsor"
    STEERING = "steering"
    PM = "pm"
    MEMBER = "member"
    STAFF = "staff"


ROLE_LABELS = {
    Role.SPONSOR: _l("Executive sponsor"),
    Role.STEERING: _l("Steering committee member"),
    Role.PM: _l("Project manager"),
    Role.MEMBER: _l("Project member"),
    Role.STAFF: _l("Staff reader"),
}

ROLE_HELP = {
    Role.SPONSOR: _l("Chairs the steering committee: approves, decides, passes gates; manages "
                     "members and settings."),
    Role.STEERING: _l("Sits on the steering committee: reads everything, takes part in decisions."),
    Role.PM: _l("Runs the project day to day: keeps the records, manages members and settings."),
    Role.MEMBER: _l("Works on the project: reads the governance records."),
    Role.STAFF: _l("Reads the published CRM Perspective bulletins."),
}

ALL_ROLES = frozenset(Role)
COMMITTEE = frozenset({Role.SPONSOR, Role.STEERING})
TEAM = frozenset({Role.SPONSOR, Role.STEERING, Role.PM, Role.MEMBER})

# Staff read the project's name and the published bulletins, nothing of the governance records.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "project.view": ALL_ROLES,
    "project.edit": frozenset({Role.SPONSOR, Role.PM}),
    "members.view": TEAM,
    "members.manage": frozenset({Role.SPONSOR, Role.PM}),
    "audit.view": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    # strategy: the whole team reads the vision, objectives, KPIs and readiness results (staff
    # do not: they follow the published bulletins); the committee and the PM shape the strategy;
    # only the sponsor signs the vision off; members record KPI measurements (data collection is
    # usually delegated) and, like everyone on the team, answer readiness assessments.
    "strategy.view": TEAM,
    "strategy.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "vision.approve": frozenset({Role.SPONSOR}),
    "kpi.measure": TEAM,
    "readiness.respond": TEAM,
    # budget: the whole team reads the budget (members keep the records it summarises and need
    # to see what they spend against); the sponsor, who answers for the money, and the PM, who
    # keeps the lines, actuals and forecasts, change it. Staff do not see it.
    "budget.view": TEAM,
    "budget.edit": frozenset({Role.SPONSOR, Role.PM}),
    # bulletins: everyone reads the published editions (staff read nothing else); the committee
    # and the PM write them; the committee approves (the service narrows this to the sponsor,
    # or to the steering member the project names); the sponsor and the PM set cadence/approver.
    "bulletins.read": ALL_ROLES,
    "bulletins.write": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "bulletins.approve": COMMITTEE,
    "bulletins.settings": frozenset({Role.SPONSOR, Role.PM}),
    # planning: the whole team reads the plan, schedule, Gantt, baselines and earned value
    # (members work the tasks); the PM, who keeps the plan, and the sponsor, who answers for
    # it, edit phases, tasks, links, progress and settings and save baselines. Staff do not.
    "plan.view": TEAM,
    "plan.edit": frozenset({Role.SPONSOR, Role.PM}),
    # vendors: the whole team reads evaluations, the funnel, visits, bids and claims (staff do
    # not); the sponsor and the PM run the evaluation (criteria, weights, vendors, funnel steps,
    # visits, bids, claims, evaluators); anyone on the team may score, but the service narrows
    # that to the evaluators named on the evaluation; only the sponsor may select a vendor when
    # the selection rule is not met (an override with a rationale).
    "vendors.view": TEAM,
    "vendors.manage": frozenset({Role.SPONSOR, Role.PM}),
    "vendors.score": TEAM,
    "vendors.override": frozenset({Role.SPONSOR}),
    # requirements: the whole team reads the register, versions, sign-offs, baselines and the
    # traceability matrix (staff do not); the committee and the PM write and change
    # requirements; anyone on the team may sign, and the service narrows signing to the people
    # the project names as required signers (e.g. the sponsor, each department's business
    # owner, the PM); the sponsor and the PM freeze baselines and name the required signers.
    "requirements.view": TEAM,
    "requirements.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "requirements.sign": TEAM,
    "requirements.baseline": frozenset({Role.SPONSOR, Role.PM}),
    "requirements.settings": frozenset({Role.SPONSOR, Role.PM}),
    # governance health: the scorecard on the steering dashboard is the committee's and the
    # PM's working view; members read it too (they keep the records it judges and see what to
    # fix). Staff do not: it judges governance records they cannot see. Nobody edits it: the
    # daily snapshots are computed, so there is no edit permission.
    "health.view": TEAM,
    # risks: the whole team reads the register and the heat map (members work the tasks the
    # risks threaten and often see a risk first, so they raise it with the PM); the committee,
    # which answers for the project's exposure, and the PM, who keeps the register, add,
    # assess, assign and link risks. Staff do not see the register.
    "risks.view": TEAM,
    "risks.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    # training: the whole team reads programmes, sessions, the trainee roster and coverage;
    # the committee and the PM plan programmes, sessions and the roster and choose the go-live
    # milestone; anyone on the team may record attendance, because sessions are usually run
    # by members (super-users and key users) who take the register in the room.
    "training.view": TEAM,
    "training.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "training.attendance": TEAM,
    # quality: the whole team reads the quality plan, QA reviews, checkpoints and gates (staff
    # do not); the committee and the PM keep the plan, reviews and checkpoints and open gate
    # reviews; the committee (sponsor and steering members) decides a gate; only the sponsor
    # may waive a checkpoint that did not pass, with a rationale.
    "quality.view": TEAM,
    "quality.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "quality.decide": COMMITTEE,
    "quality.waive": frozenset({Role.SPONSOR}),
    # change control: the whole team reads the change register and comments on requests
    # (members often raise the need); the committee and the PM log requests; only the sponsor
    # and steering members vote and decide (the service also bars deciding one's own request);
    # the sponsor and the PM, who keep the plan and the budget, apply approved requests.
    "changes.view": TEAM,
    "changes.comment": TEAM,
    "changes.request": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "changes.decide": COMMITTEE,
    "changes.apply": frozenset({Role.SPONSOR, Role.PM}),
    # organisation: the whole team reads the groups, meetings, minutes, decisions, actions and
    # governing documents (staff do not); the committee and the PM keep them (members, meetings,
    # attendance, minutes, decisions, actions, document drafts); the committee may approve
    # minutes, and the service narrows that to the sponsor or the chair of the meeting's group;
    # only the sponsor approves a governing document, as the rollout then runs by it.
    "organisation.view": TEAM,
    "organisation.edit": frozenset({Role.SPONSOR, Role.STEERING, Role.PM}),
    "minutes.approve": COMMITTEE,
    "documents.approve": frozenset({Role.SPONSOR}),
}

# A site administrator runs the installation: projects and who belongs to them, and the trail
# that shows what happened, but decides nothing in a project unless also given a role in it.
ADMIN_PERMISSIONS = frozenset({"project.view", "project.edit", "members.view", "members.manage",
                               "audit.view"})


def role_allows(role: Role | None, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    return role is not None and role in PERMISSIONS[permission]


def allows(user, role: Role | None, permission: str) -> bool:
    """Whether `user` holding `role` in a project (None: no role) may do `permission` there."""
    if role_allows(role, permission):
        return True
    return bool(getattr(user, "is_admin", False)) and permission in ADMIN_PERMISSIONS


def can(permission: str) -> bool:
    """Template helper: may the current user do `permission` in the current project?"""
    project = g.get("project")
    if project is None or not current_user.is_authenticated:
        return False
    return allows(current_user, g.get("role"), permission)


def _declare(view: Callable, kind: str, permission: str | None = None) -> Callable:
    view.access = (kind, permission)
    return view


def public(view: Callable) -> Callable:
    """Open to anyone, logged in or not."""
    return _declare(view, "public")


def login_required(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from app.extensions import login_manager

            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return _declare(wrapped, "login")


def admin_required(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            from app.extensions import login_manager

            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return _declare(wrapped, "admin")


def project_permission(permission: str) -> Callable[[Callable], Callable]:
    """Load the project named by the `code` URL argument and require `permission` in it.

    A user with no role in the project (and not an admin) gets 404, so its existence is not
    revealed; a member whose role lacks the permission gets 403.
    """
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args, code: str, **kwargs):
            from app.extensions import login_manager
            from app.projects.service import project_for_user

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            project, role = project_for_user(code, current_user)
            if project is None:
                abort(404)
            g.project, g.role = project, role
            if not allows(current_user, role, permission):
                abort(403)
            return view(*args, project=project, **kwargs)

        return _declare(wrapped, "project", permission)

    return decorator


def require(user, project, permission: str) -> None:
    """Service-side check: raise PermissionDenied unless `user` may do `permission` in `project`."""
    from app.core.errors import PermissionDenied
    from app.projects.service import role_of

    if not allows(user, role_of(project, user), permission):
        raise PermissionDenied()


def require_admin(user) -> None:
    from app.core.errors import PermissionDenied

    if not getattr(user, "is_admin", False):
        raise PermissionDenied()
