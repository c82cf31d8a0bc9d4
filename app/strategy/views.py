"""Strategy pages: overview, vision (versions, differences, sign-off), business goals, objectives.

KPI, measurement and readiness pages register on the same blueprint from their own modules.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm, choices
from app.core.permissions import can, project_permission
from app.extensions import db
from app.projects.models import Project
from app.strategy import diff, overview, readiness, service
from app.strategy.forms import (
    AIM_LABELS,
    HORIZON_LABELS,
    PRIORITY_LABELS,
    ApproveForm,
    GoalEditForm,
    GoalForm,
    ObjectiveEditForm,
    ObjectiveForm,
    VisionForm,
)

bp = Blueprint("strategy", __name__, url_prefix="/projects/<code>/strategy")


@bp.record_once
def _register_integrity_check(state) -> None:
    """`flask audit verify` also checks that the signed-off vision text is unaltered."""
    state.app.extensions.setdefault("integrity_checks", []).append(
        service.integrity_problems)
LABELS = {"aim_labels": AIM_LABELS, "horizon_labels": HORIZON_LABELS,
          "priority_labels": PRIORITY_LABELS, "state_labels": overview.STATE_LABELS}


@bp.app_context_processor
def strategy_helpers():
    """The project home shows the approved vision to those who may read the strategy."""

    def home_vision(project: Project):
        return service.approved_vision(project) if can("strategy.view") else None

    return {"strategy_home_vision": home_vision}


@bp.app_template_filter("strategy_num")
def strategy_num(value, places: int | None = None) -> str:
    """A stored decimal as people write it: thousands commas, no trailing zeros."""
    if value is None:
        return "—"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return overview.plain_number(value)


def run(form, action, success: str, status_ok: int = 200):
    """Validate `form`, call `action()`; return (result, status). Errors land on the form."""
    if request.method != "POST":
        return None, status_ok
    if not form.validate_on_submit():
        return None, 400
    try:
        result = action()
    except StaleEdit as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, 409
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, 400
    flash(success, "success")
    return result if result is not None else True, 302


def post_button(form, action, success: str) -> None:
    """A bare POST button: flash the outcome; the caller redirects."""
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete. Reload the page and try again."), "error")
        return
    try:
        action()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        flash(success, "success")


@bp.route("")
@project_permission("strategy.view")
def index(project: Project):
    objectives = service.objectives(project)
    statuses = {k.id: overview.status_of(k) for o in objectives for k in o.kpis}
    assessments = readiness.assessments(project)
    latest = next((a for a in reversed(assessments) if a.closed), None)
    return render_template(
        "strategy/index.html", project=project, vision=service.vision_of(project),
        approved=service.approved_vision(project), goals=service.goals(project),
        objectives=objectives, statuses=statuses,
        warnings=overview.balance_warnings(project, objectives),
        latest_assessment=latest, latest_result=readiness.result_of(latest) if latest else None,
        **LABELS)


# --- Vision -----------------------------------------------------------------------------------


@bp.route("/vision")
@project_permission("strategy.view")
def vision(project: Project):
    current = service.vision_of(project)
    versions = list(reversed(current.versions)) if current else []
    return render_template("strategy/vision.html", project=project, vision=current,
                           versions=versions)


@bp.route("/vision/edit", methods=["GET", "POST"])
@project_permission("strategy.edit")
def vision_edit(project: Project):
    current = service.vision_of(project)
    latest = service.vision_version(current, current.latest_number) if current else None
    form = VisionForm()
    if request.method == "GET":
        form.version.data = str(current.version) if current else "0"
        form.text.data = latest.text if latest else ""
    result, status = run(form, lambda: service.draft_vision(
        current_user, project, form.version.data, form.text.data, form.note.data or ""),
        _("Vision saved as a new version. The sponsor can now approve it."))
    if status == 302:
        return redirect(url_for("strategy.vision_show", code=project.code, number=result.number))
    return render_template("strategy/vision_edit.html", project=project, form=form,
                           latest=latest), status


def _version_or_404(project: Project, number: int):
    current = service.vision_of(project)
    version = service.vision_version(current, number)
    if version is None:
        abort(404)
    return current, version


@bp.route("/vision/<int:number>")
@project_permission("strategy.view")
def vision_show(project: Project, number: int):
    current, version = _version_or_404(project, number)
    form = ApproveForm(version=current.version, content_sha256=version.sha256)
    return render_template("strategy/vision_show.html", project=project, vision=current,
                           version=version, form=form)


@bp.route("/vision/<int:number>/approve", methods=["POST"])
@project_permission("vision.approve")
def vision_approve(project: Project, number: int):
    current, version = _version_or_404(project, number)
    form = ApproveForm()
    _result, status = run(form, lambda: service.approve_vision(
        current_user, project, number, form.version.data, form.content_sha256.data,
        form.comment.data or ""), _("Vision version %(n)d approved and signed off.", n=number))
    if status == 302:
        return redirect(url_for("strategy.vision_show", code=project.code, number=number))
    return render_template("strategy/vision_show.html", project=project, vision=current,
                           version=version, form=form), status


@bp.route("/vision/diff")
@project_permission("strategy.view")
def vision_diff(project: Project):
    current = service.vision_of(project)
    if current is None or current.latest_number < 1:
        abort(404)
    new_no = request.args.get("to", current.latest_number, type=int)
    old_no = request.args.get("from", max(new_no - 1, 1), type=int)
    old, new = service.vision_version(current, old_no), service.vision_version(current, new_no)
    if old is None or new is None:
        abort(404)
    rows = diff.side_by_side(old.text, new.text)
    numbers = choices((str(v.number), f"v{v.number}") for v in current.versions)
    return render_template("strategy/vision_diff.html", project=project, old=old, new=new,
                           rows=rows, stats=diff.stats(rows), numbers=numbers)


# --- Business goals ---------------------------------------------------------------------------


@bp.route("/goals/new", methods=["GET", "POST"])
@project_permission("strategy.edit")
def goal_new(project: Project):
    form = GoalForm()
    _result, status = run(form, lambda: service.create_goal(
        current_user, project, form.title.data, form.description.data),
        _("Business goal added."))
    if status == 302:
        return redirect(url_for("strategy.index", code=project.code) + "#goals")
    return render_template("strategy/goal_form.html", project=project, form=form,
                           goal=None), status


def _goal_or_404(project: Project, goal_id: int):
    goal = service.goal_in(project, goal_id)
    if goal is None:
        abort(404)
    return goal


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@project_permission("strategy.edit")
def goal_edit(project: Project, goal_id: int):
    goal = _goal_or_404(project, goal_id)
    form = GoalEditForm(obj=goal) if request.method == "GET" else GoalEditForm()
    _result, status = run(form, lambda: service.update_goal(
        current_user, project, goal, form.version.data, form.title.data, form.description.data),
        _("Business goal saved."))
    if status == 302:
        return redirect(url_for("strategy.index", code=project.code) + "#goals")
    return render_template("strategy/goal_form.html", project=project, form=form, goal=goal,
                           delete_form=ConfirmForm(version=goal.version)), status


@bp.route("/goals/<int:goal_id>/delete", methods=["POST"])
@project_permission("strategy.edit")
def goal_delete(project: Project, goal_id: int):
    goal = _goal_or_404(project, goal_id)
    form = ConfirmForm()
    post_button(form, lambda: service.delete_goal(current_user, project, goal,
                                                  form.version.data), _("Business goal deleted."))
    return redirect(url_for("strategy.index", code=project.code) + "#goals")


# --- Objectives -------------------------------------------------------------------------------


def _objective_choices(form, project: Project) -> None:
    form.goals.choices = choices((g.id, g.title) for g in service.goals(project))
    form.owner.choices = choices([("", _("Nobody yet")),
                                  *[(str(u.id), u.name) for u in service.possible_owners(project)]])


def _objective_data(form) -> service.ObjectiveData:
    return service.ObjectiveData(
        title=form.title.data, description=form.description.data or "", aim=form.aim.data,
        aim_other=form.aim_other.data or "", horizon=form.horizon.data,
        priority=form.priority.data,
        owner_id=int(form.owner.data) if form.owner.data else None,
        goal_ids=tuple(form.goals.data or ()))


@bp.route("/objectives/new", methods=["GET", "POST"])
@project_permission("strategy.edit")
def objective_new(project: Project):
    form = ObjectiveForm()
    _objective_choices(form, project)
    if request.method == "GET":
        form.priority.data, form.horizon.data = "medium", "short"
    result, status = run(form, lambda: service.create_objective(
        current_user, project, _objective_data(form)), _("Objective added."))
    if status == 302:
        return redirect(url_for("strategy.objective_show", code=project.code,
                                objective_id=result.id))
    return render_template("strategy/objective_form.html", project=project, form=form,
                           objective=None), status


def _objective_or_404(project: Project, objective_id: int):
    objective = service.objective_in(project, objective_id)
    if objective is None:
        abort(404)
    return objective


@bp.route("/objectives/<int:objective_id>")
@project_permission("strategy.view")
def objective_show(project: Project, objective_id: int):
    objective = _objective_or_404(project, objective_id)
    statuses = {k.id: overview.status_of(k) for k in objective.kpis}
    charts = {k.id: overview.trend_chart(k, height=220) for k in objective.kpis}
    return render_template("strategy/objective_show.html", project=project,
                           objective=objective, statuses=statuses, charts=charts,
                           delete_form=ConfirmForm(version=objective.version), **LABELS)


@bp.route("/objectives/<int:objective_id>/edit", methods=["GET", "POST"])
@project_permission("strategy.edit")
def objective_edit(project: Project, objective_id: int):
    objective = _objective_or_404(project, objective_id)
    form = ObjectiveEditForm(obj=objective) if request.method == "GET" else ObjectiveEditForm()
    _objective_choices(form, project)
    if request.method == "GET":
        form.goals.data = [link.goal_id for link in objective.goal_links]
        form.owner.data = str(objective.owner_id) if objective.owner_id else ""
    _result, status = run(form, lambda: service.update_objective(
        current_user, project, objective, form.version.data, _objective_data(form)),
        _("Objective saved."))
    if status == 302:
        return redirect(url_for("strategy.objective_show", code=project.code,
                                objective_id=objective.id))
    return render_template("strategy/objective_form.html", project=project, form=form,
                           objective=objective), status


@bp.route("/objectives/<int:objective_id>/delete", methods=["POST"])
@project_permission("strategy.edit")
def objective_delete(project: Project, objective_id: int):
    objective = _objective_or_404(project, objective_id)
    form = ConfirmForm()
    post_button(form, lambda: service.delete_objective(current_user, project, objective,
                                                       form.version.data),
                _("Objective deleted."))
    if service.objective_in(project, objective_id) is not None:
        return redirect(url_for("strategy.objective_show", code=project.code,
                                objective_id=objective_id))
    return redirect(url_for("strategy.index", code=project.code))


from app.strategy import kpi_views, readiness_views  # noqa: E402, F401  (routes on `bp`)
