"""Plan pages: task table, settings, phases, tasks and links; schedule pages are in pages.py."""

from functools import lru_cache

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.changes.guard import ChangeRequestRequired
from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm
from app.core.permissions import project_permission
from app.extensions import db
from app.planning import explain, requirement_links, service, task_filter, task_table
from app.planning.forms import (
    DependencyForm,
    PhaseEditForm,
    PhaseForm,
    SettingsForm,
    TaskEditForm,
    TaskForm,
)
from app.planning.models import CONSTRAINT_LABELS, LINK_LABELS
from app.projects import service as projects
from app.projects.models import Project

bp = Blueprint("planning", __name__, cli_group="plan")

IGNORED_FILTERS = {
    "phase": _l("The phase asked for is not a phase of this plan; all phases are shown."),
    "only": _l("Unknown choice for “Show”; all tasks are shown."),
    "req": _l("The requirement asked for is not one of this project's; the requirement "
              "filter is ignored."),
    "owner": _l("The owner asked for owns no task of this plan; the owner filter is ignored."),
    "status": _l("Unknown status; the status filter is ignored."),
    "baseline": _l("The baseline asked for is not one of this plan's; the latest baseline is "
                   "used."),
    "sort": _l("Unknown sort order; the tasks are in plan order."),
}
STATUS_LABELS = {
    task_filter.Status.NOT_STARTED: _l("Not started"),
    task_filter.Status.IN_PROGRESS: _l("In progress"),
    task_filter.Status.COMPLETE: _l("Completed"),
    task_filter.Status.BEHIND: _l("Behind baseline (finishes later)"),
    task_filter.Status.LATE: _l("Late (due by the status date, not complete)"),
}
DRIVER_LABELS = {
    explain.Driver.PREDECESSOR: _l("a predecessor"),
    explain.Driver.PROJECT_START: _l("the project start"),
    explain.Driver.STATUS_DATE: _l("the status date"),
    explain.Driver.CONSTRAINT: _l("its constraint"),
    explain.Driver.ACTUAL_DATES: _l("its actual dates"),
}


@lru_cache(maxsize=4096)
def _short_date(day, locale: str) -> str:
    return format_date(day, "short")


def short_date(day) -> str:
    """Dates repeat across thousands of rows: format each once per locale."""
    return _short_date(day, str(get_locale())) if day else ""


@bp.context_processor
def plan_labels():
    return {"constraint_labels": CONSTRAINT_LABELS, "link_labels": LINK_LABELS,
            "driver_labels": DRIVER_LABELS, "short_date": short_date}


def _or_404(record):
    if record is None:
        abort(404)
    return record


def _fail(form, exc: DomainError) -> int:
    if isinstance(exc, StaleEdit):
        db.session.rollback()
    form.form_errors.append(exc.message)
    return exc.status


@bp.route("/projects/<code>/plan")
@project_permission("plan.view")
def index(project: Project):
    plan = service.scheduled(project)
    table = task_table.build(project, plan, request.args)
    return render_template("planning/index.html", project=project, plan=plan, table=table,
                           c=table.criteria, ignored=[IGNORED_FILTERS[k] for k in table.ignored],
                           status_labels=STATUS_LABELS, no_owner=task_filter.NO_OWNER,
                           filtered=any(request.args.values()))


@bp.route("/projects/<code>/plan/settings", methods=["GET", "POST"])
@project_permission("plan.edit")
def settings(project: Project):
    current = service.settings_for(project)
    form = SettingsForm(obj=current) if request.method == "GET" else SettingsForm()
    status = 200
    if form.validate_on_submit():
        try:
            service.update_settings(current_user, project, form.version.data,
                                    form.status_date.data, form.near_critical_days.data)
        except DomainError as exc:
            status = _fail(form, exc)
        else:
            flash(_("Plan settings saved."), "success")
            return redirect(url_for("planning.index", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("planning/settings.html", project=project, form=form), status


@bp.route("/projects/<code>/plan/phases/new", methods=["GET", "POST"])
@project_permission("plan.edit")
def phase_new(project: Project):
    form, status = PhaseForm(), 200
    if form.validate_on_submit():
        try:
            service.create_phase(current_user, project, form.name.data, form.gate.data)
        except DomainError as exc:
            status = _fail(form, exc)
        else:
            flash(_("Phase added."), "success")
            return redirect(url_for("planning.index", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("planning/phase_form.html", project=project, form=form,
                           phase=None), status


@bp.route("/projects/<code>/plan/phases/<int:phase_id>", methods=["GET", "POST"])
@project_permission("plan.edit")
def phase_edit(project: Project, phase_id: int):
    phase = _or_404(service.phase_in(project, phase_id))
    form = PhaseEditForm(obj=phase) if request.method == "GET" else PhaseEditForm()
    status = 200
    if form.validate_on_submit():
        try:
            service.update_phase(current_user, project, phase, form.version.data,
                                 form.name.data, form.gate.data, form.position.data)
        except DomainError as exc:
            status = _fail(form, exc)
        else:
            flash(_("Phase saved."), "success")
            return redirect(url_for("planning.index", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("planning/phase_form.html", project=project, form=form, phase=phase,
                           delete_form=ConfirmForm(version=phase.version)), status


@bp.route("/projects/<code>/plan/phases/<int:phase_id>/delete", methods=["POST"])
@project_permission("plan.edit")
def phase_delete(project: Project, phase_id: int):
    phase = _or_404(service.phase_in(project, phase_id))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.delete_phase(current_user, project, phase, form.version.data)
        except DomainError as exc:
            flash(exc.message, "error")
            return redirect(url_for("planning.phase_edit", code=project.code,
                                    phase_id=phase_id))
        flash(_("Phase deleted."), "success")
    return redirect(url_for("planning.index", code=project.code))


def _task_form(form_class, project: Project, task=None, **kwargs):
    form = form_class(**kwargs)
    form.set_choices(service.phases(project), projects.members(project))
    form.requirement_ids.choices = requirement_links.choices(project, task)
    return form


def _task_data(form) -> service.TaskData:
    return service.TaskData(
        name=form.name.data, phase_id=form.phase_id.data, duration=form.duration.data,
        owner_id=form.owner_id.data, constraint_type=form.constraint_type.data or None,
        constraint_date=form.constraint_date.data if form.constraint_type.data else None,
        percent_complete=form.percent_complete.data, actual_start=form.actual_start.data,
        actual_finish=form.actual_finish.data, planned_cost=form.planned_cost.data,
        actual_cost=form.actual_cost.data)


@bp.route("/projects/<code>/plan/tasks/new", methods=["GET", "POST"])
@project_permission("plan.edit")
def task_new(project: Project):
    form, status = _task_form(TaskForm, project), 200
    if request.method == "GET" and request.args.get("phase", type=int):
        form.phase_id.data = request.args.get("phase", type=int)
    if not form.phase_id.choices:
        flash(_("Add a phase first: every task belongs to a phase."), "info")
        return redirect(url_for("planning.phase_new", code=project.code))
    if form.validate_on_submit():
        try:
            task = requirement_links.create_task(current_user, project, _task_data(form),
                                                 form.requirement_ids.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            status = _fail(form, exc)
        else:
            flash(_("Task added."), "success")
            return redirect(url_for("planning.task", code=project.code, task_id=task.id))
    elif request.method == "POST":
        status = 400
    return render_template("planning/task_form.html", project=project, form=form,
                           task=None), status


@bp.route("/projects/<code>/plan/tasks/<int:task_id>/edit", methods=["GET", "POST"])
@project_permission("plan.edit")
def task_edit(project: Project, task_id: int):
    task = _or_404(service.task_in(project, task_id))
    kwargs = {"obj": task} if request.method == "GET" else {}
    form, status = _task_form(TaskEditForm, project, task, **kwargs), 200
    if request.method == "GET":
        form.constraint_type.data = task.constraint_type or ""
        form.requirement_ids.data = requirement_links.linked_ids(task)
    if form.validate_on_submit():
        try:
            requirement_links.update_task(current_user, project, task, form.version.data,
                                          _task_data(form), form.requirement_ids.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            status = _fail(form, exc)
        else:
            flash(_("Task saved."), "success")
            return redirect(url_for("planning.task", code=project.code, task_id=task.id))
    elif request.method == "POST":
        status = 400
    return render_template("planning/task_form.html", project=project, form=form, task=task,
                           delete_form=ConfirmForm(version=task.version)), status


@bp.route("/projects/<code>/plan/tasks/<int:task_id>/delete", methods=["POST"])
@project_permission("plan.edit")
def task_delete(project: Project, task_id: int):
    task = _or_404(service.task_in(project, task_id))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.delete_task(current_user, project, task, form.version.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            flash(exc.message, "error")
            return redirect(url_for("planning.task", code=project.code, task_id=task_id))
        flash(_("Task deleted with its links."), "success")
    return redirect(url_for("planning.index", code=project.code))


@bp.route("/projects/<code>/plan/tasks/<int:task_id>")
@project_permission("plan.view")
def task(project: Project, task_id: int):
    """A task, its links and why it is (not) critical."""
    record = _or_404(service.task_in(project, task_id))
    plan = service.scheduled(project)
    names = {t.id: t for t in plan.tasks}
    why = explain.explain(plan.result, record.id)
    links = [d for d in plan.dependencies if record.id in (d.predecessor_id, d.successor_id)]
    form = DependencyForm(successor_id=record.id)
    form.set_choices(plan.tasks)
    return render_template("planning/task.html", project=project, task=record, plan=plan,
                           sched=plan.result[record.id], why=why, names=names, links=links,
                           form=form, delete_form=ConfirmForm())


@bp.route("/projects/<code>/plan/dependencies", methods=["POST"])
@project_permission("plan.edit")
def dependency_add(project: Project):
    form = DependencyForm()
    form.set_choices(service.tasks(project))
    back = request.form.get("back", type=int)
    if form.validate_on_submit():
        try:
            service.add_dependency(current_user, project, form.predecessor_id.data,
                                   form.successor_id.data, form.type.data, form.lag.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Link added."), "success")
    else:
        for field, errors in form.errors.items():
            label = getattr(form, field).label.text if hasattr(form, field) else ""
            for error in errors:
                flash(f"{label}: {error}" if label else error, "error")
    if back and service.task_in(project, back):
        return redirect(url_for("planning.task", code=project.code, task_id=back))
    return redirect(url_for("planning.index", code=project.code))


@bp.route("/projects/<code>/plan/dependencies/<int:dependency_id>/delete", methods=["POST"])
@project_permission("plan.edit")
def dependency_delete(project: Project, dependency_id: int):
    dep = _or_404(service.dependency_in(project, dependency_id))
    back = dep.successor_id
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.delete_dependency(current_user, project, dep, form.version.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Link removed."), "success")
    return redirect(url_for("planning.task", code=project.code, task_id=back))


# The schedule pages and the `flask plan ...` commands share this blueprint.
from app.planning import cli, pages  # noqa: E402,F401
