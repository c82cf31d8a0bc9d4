"""Checkpoint pages: the list with its filters, one checkpoint, edits and the sponsor's waiver."""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.forms import choices
from app.core.permissions import project_permission
from app.planning import service as planning
from app.projects.models import Project
from app.quality import gates, service
from app.quality.forms import CheckpointFilterForm, CheckpointForm, WaiveForm
from app.quality.views import LABELS, _or_404, _people, _phases, bp, creating, run


@bp.route("/checkpoints")
@project_permission("quality.view")
def checkpoints(project: Project):
    form = CheckpointFilterForm(request.args)
    _phases(form.phase, project, _("Any phase"))
    status, phase_id = None, None
    if form.validate():
        status, phase_id = form.status.data or None, int(form.phase.data or 0) or None
    rows = service.checkpoints(project, status, phase_id)
    return render_template("quality/checkpoints.html", project=project, form=form, rows=rows,
                           counts=gates.count(c.status for c in rows), **LABELS)


def _checkpoint_form(project: Project, checkpoint=None) -> CheckpointForm:
    form = CheckpointForm(obj=checkpoint) if checkpoint else creating(CheckpointForm())
    _phases(form.phase_id, project, _("The task's phase"))
    form.task_id.choices = choices([("", _("No task")), *[
        (t.id, f"{t.phase.name} · {t.name}") for t in planning.tasks(project)]])
    _people(form.reviewer_id, project, _("Nobody yet"))
    if checkpoint is None and request.method == "GET" and request.args.get("phase", "").isdigit():
        form.phase_id.data, form.target.data = int(request.args["phase"]), "gate"
    return form


def _checkpoint_data(form) -> service.CheckpointData:
    return service.CheckpointData(
        form.title.data, form.target.data, form.phase_id.data, form.task_id.data,
        form.deliverable.data or "", form.criteria.data, form.reviewer_id.data,
        form.evidence.data or "", form.status.data)


@bp.route("/checkpoints/new", methods=["GET", "POST"])
@project_permission("quality.edit")
def checkpoint_new(project: Project):
    form = _checkpoint_form(project)
    result, status = run(form, lambda: service.create_checkpoint(
        current_user, project, _checkpoint_data(form)), _("Checkpoint added."))
    if status == 302:
        return redirect(url_for("quality.checkpoint", code=project.code,
                                checkpoint_id=result.id))
    return render_template("quality/checkpoint_form.html", project=project, form=form,
                           checkpoint=None), status


@bp.route("/checkpoints/<int:checkpoint_id>")
@project_permission("quality.view")
def checkpoint(project: Project, checkpoint_id: int, waive_form=None, status=200):
    record = _or_404(service.checkpoint_in(project, checkpoint_id))
    return render_template("quality/checkpoint.html", project=project, checkpoint=record,
                           waive_form=waive_form or WaiveForm(version=record.version),
                           **LABELS), status


@bp.route("/checkpoints/<int:checkpoint_id>/edit", methods=["GET", "POST"])
@project_permission("quality.edit")
def checkpoint_edit(project: Project, checkpoint_id: int):
    record = _or_404(service.checkpoint_in(project, checkpoint_id))
    form = _checkpoint_form(project, record)
    _result, status = run(form, lambda: service.update_checkpoint(
        current_user, project, record, form.version.data, _checkpoint_data(form)),
        _("Checkpoint saved."))
    if status == 302:
        return redirect(url_for("quality.checkpoint", code=project.code,
                                checkpoint_id=record.id))
    return render_template("quality/checkpoint_form.html", project=project, form=form,
                           checkpoint=record), status


@bp.route("/checkpoints/<int:checkpoint_id>/waive", methods=["POST"])
@project_permission("quality.waive")
def checkpoint_waive(project: Project, checkpoint_id: int):
    record = _or_404(service.checkpoint_in(project, checkpoint_id))
    form = WaiveForm()
    _result, status = run(form, lambda: service.waive_checkpoint(
        current_user, project, record, form.version.data, form.rationale.data),
        _("Checkpoint waived; your rationale is recorded."))
    if status == 302:
        return redirect(url_for("quality.checkpoint", code=project.code,
                                checkpoint_id=record.id))
    return checkpoint(code=project.code, checkpoint_id=record.id, waive_form=form,
                      status=status)
