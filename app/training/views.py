"""Training pages: coverage before go-live, programmes, sessions with attendance, the roster
of end users, and the choice of the go-live milestone."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.forms import choices
from app.core.permissions import project_permission
from app.core.views import run
from app.extensions import db
from app.projects.models import Project
from app.training import charts, labels, service
from app.training.forms import (
    AttendanceForm,
    CoverageForm,
    ProgrammeEditForm,
    ProgrammeForm,
    SessionEditForm,
    SessionForm,
    SettingsForm,
    TraineeEditForm,
    TraineesForm,
)
from app.training.targets import targets

bp = Blueprint("training", __name__, url_prefix="/projects/<code>/training")
LABELS = {"kind_labels": labels.KIND_LABELS, "kind_help": labels.KIND_HELP,
          "department_labels": labels.DEPARTMENT_LABELS}




def _or_404(record):
    if record is None:
        abort(404)
    return record


@bp.route("")
@project_permission("training.view")
def index(project: Project):
    """Coverage by department at a date: by default the go-live milestone's."""
    form = CoverageForm(request.args)
    go_live = service.go_live(project)
    by = form.by.data if form.validate() and form.by.data else go_live.on
    rows = service.coverage_rows(project, by)
    chart = charts.coverage_bars(rows, targets(), labels.DEPARTMENT_LABELS, labels.KIND_LABELS,
                                 _("Share of end users trained, by department"))
    return render_template("training/index.html", project=project, form=form, rows=rows,
                           by=by, go_live=go_live, shortfalls=service.shortfalls(rows),
                           targets=targets(), chart=chart, sessions=service.sessions(project),
                           **LABELS)


# --- Programmes --------------------------------------------------------------------------------


@bp.route("/programmes")
@project_permission("training.view")
def programmes(project: Project):
    return render_template("training/programmes.html", project=project,
                           programmes=service.programmes(project), **LABELS)


@bp.route("/programmes/new", methods=["GET", "POST"])
@project_permission("training.edit")
def programme_new(project: Project):
    form = ProgrammeForm()
    _result, status = run(form, lambda: service.create_programme(
        current_user, project, form.kind.data, form.name.data, form.description.data or ""),
        _("Programme added."))
    if status == 302:
        return redirect(url_for("training.programmes", code=project.code))
    return render_template("training/programme_form.html", project=project, form=form,
                           programme=None), status


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@project_permission("training.edit")
def programme_edit(project: Project, programme_id: int):
    programme = _or_404(service.programme_in(project, programme_id))
    form = ProgrammeEditForm(obj=programme) if request.method == "GET" else ProgrammeEditForm()
    _result, status = run(form, lambda: service.update_programme(
        current_user, project, programme, form.version.data, form.kind.data, form.name.data,
        form.description.data or ""), _("Programme saved."))
    if status == 302:
        return redirect(url_for("training.programmes", code=project.code))
    return render_template("training/programme_form.html", project=project, form=form,
                           programme=programme), status


# --- Sessions ----------------------------------------------------------------------------------


def _session_data(form) -> service.SessionData:
    return service.SessionData(
        programme_id=form.programme_id.data, held_on=form.held_on.data,
        place=form.place.data or "", trainer=form.trainer.data or "",
        audience=tuple(form.audience.data or ()), capacity=form.capacity.data)


def _programme_choices(form, project: Project) -> None:
    form.programme_id.choices = choices(
        (p.id, f"{p.name} ({labels.KIND_LABELS[p.kind]})") for p in service.programmes(project))


@bp.route("/sessions/new", methods=["GET", "POST"])
@project_permission("training.edit")
def session_new(project: Project):
    form = SessionForm()
    _programme_choices(form, project)
    if request.method == "GET" and request.args.get("programme", type=int):
        form.programme_id.data = request.args.get("programme", type=int)
    result, status = run(form, lambda: service.create_session(
        current_user, project, _session_data(form)), _("Session planned."))
    if status == 302:
        return redirect(url_for("training.session", code=project.code,
                                training_session_id=result.id))
    return render_template("training/session_form.html", project=project, form=form,
                           session=None), status


def _session_page(project: Project, session, form=None, status: int = 200):
    roster = service.trainees(project)
    audience = set(session.departments)
    attended = {a.trainee_id for a in session.attendance}
    # The audience's departments first; anyone else on the roster may attend too.
    shown = sorted((t for t in roster if t.active or t.id in attended),
                   key=lambda t: (t.department not in audience, t.department, t.name))
    form = form or AttendanceForm(version=session.version, attended=sorted(attended))
    form.attended.choices = choices(
        (t.id, f"{t.name} · {labels.DEPARTMENT_LABELS[t.department]}") for t in shown)
    return render_template("training/session.html", project=project, session=session,
                           form=form, attended=attended, **LABELS), status


@bp.route("/sessions/<int:training_session_id>")
@project_permission("training.view")
def session(project: Project, training_session_id: int):
    return _session_page(project, _or_404(service.session_in(project, training_session_id)))


@bp.route("/sessions/<int:training_session_id>/edit", methods=["GET", "POST"])
@project_permission("training.edit")
def session_edit(project: Project, training_session_id: int):
    record = _or_404(service.session_in(project, training_session_id))
    form = SessionEditForm(obj=record) if request.method == "GET" else SessionEditForm()
    _programme_choices(form, project)
    if request.method == "GET":
        form.audience.data = record.departments
    _result, status = run(form, lambda: service.update_session(
        current_user, project, record, form.version.data, _session_data(form)),
        _("Session saved."))
    if status == 302:
        return redirect(url_for("training.session", code=project.code,
                                training_session_id=record.id))
    return render_template("training/session_form.html", project=project, form=form,
                           session=record), status


@bp.route("/sessions/<int:training_session_id>/attendance", methods=["POST"])
@project_permission("training.attendance")
def attendance(project: Project, training_session_id: int):
    record = _or_404(service.session_in(project, training_session_id))
    form = AttendanceForm()
    form.attended.choices = choices((t.id, t.name) for t in service.trainees(project))
    _result, status = run(form, lambda: service.record_attendance(
        current_user, project, record, form.version.data, set(form.attended.data or ())),
        _("Attendance recorded."))
    if status == 302:
        return redirect(url_for("training.session", code=project.code,
                                training_session_id=record.id))
    db.session.expire_all()
    return _session_page(project, service.session_in(project, training_session_id), form,
                         status)


# --- The roster --------------------------------------------------------------------------------


@bp.route("/trainees")
@project_permission("training.view")
def trainees(project: Project):
    return _roster(project, TraineesForm())


def _roster(project: Project, form, status: int = 200):
    return render_template("training/trainees.html", project=project, form=form,
                           trainees=service.trainees(project), **LABELS), status


@bp.route("/trainees/add", methods=["POST"])
@project_permission("training.edit")
def trainees_add(project: Project):
    form = TraineesForm()
    _result, status = run(form, lambda: service.add_trainees(
        current_user, project, form.department.data, (form.names.data or "").splitlines()),
        _("Added to the roster."))
    if status == 302:
        return redirect(url_for("training.trainees", code=project.code))
    return _roster(project, form, status)


@bp.route("/trainees/<int:trainee_id>/edit", methods=["GET", "POST"])
@project_permission("training.edit")
def trainee_edit(project: Project, trainee_id: int):
    trainee = _or_404(service.trainee_in(project, trainee_id))
    form = TraineeEditForm(obj=trainee) if request.method == "GET" else TraineeEditForm()
    _result, status = run(form, lambda: service.update_trainee(
        current_user, project, trainee, form.version.data, form.name.data,
        form.department.data, bool(form.active.data)), _("Trainee saved."))
    if status == 302:
        return redirect(url_for("training.trainees", code=project.code))
    return render_template("training/trainee_form.html", project=project, form=form,
                           trainee=trainee), status


# --- Settings ----------------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
@project_permission("training.edit")
def settings(project: Project):
    current = service.settings_for(project)
    form = SettingsForm() if request.method == "POST" else SettingsForm(
        version=current.version or 0, go_live_task_id=current.go_live_task_id)
    form.go_live_task_id.choices = choices([("", _("Guess from the milestones' names")), *(
        (t.id, t.name) for t in service.milestones(project))])
    _result, status = run(form, lambda: service.update_settings(
        current_user, project, form.version.data, form.go_live_task_id.data),
        _("Training settings saved."))
    if status == 302:
        return redirect(url_for("training.index", code=project.code))
    return render_template("training/settings.html", project=project, form=form,
                           go_live=service.go_live(project)), status
