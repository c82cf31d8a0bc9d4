"""Project pages: list, create, home, settings and calendar, members, audit trail."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.audit import type_label
from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm, choices
from app.core.permissions import (
    ROLE_HELP,
    ROLE_LABELS,
    Role,
    admin_required,
    login_required,
    project_permission,
)
from app.extensions import db
from app.projects import service
from app.projects.forms import (
    AuditFilterForm,
    MemberAddForm,
    MemberRoleForm,
    ProjectEditForm,
    ProjectForm,
    format_holidays,
)
from app.projects.models import Project

bp = Blueprint("projects", __name__)
MAX_AUDIT_PAGE = 1_000_000


def _data(form: ProjectForm) -> service.ProjectData:
    return service.ProjectData(
        name=form.name.data,
        description=form.description.data or "",
        start_date=form.start_date.data,
        currency=form.currency.data,
        working_days=form.working_days_flags(),
        holidays=form.parsed_holidays,
    )


@bp.route("/")
@login_required
def root():
    return redirect(url_for("projects.index"))


@bp.route("/projects")
@login_required
def index():
    return render_template("projects/index.html", rows=service.visible_projects(current_user),
                           role_labels=ROLE_LABELS)


@bp.route("/projects/new", methods=["GET", "POST"])
@admin_required
def new():
    form = ProjectForm()
    if request.method == "GET":
        form.working_days.data = ["0", "1", "2", "3", "4"]
        form.currency.data = "USD"
    status = 200
    if form.validate_on_submit():
        try:
            project = service.create_project(current_user, form.code.data, _data(form))
        except DomainError as exc:
            form.code.errors.append(exc.message)
            status = 400
        else:
            flash(_("Project %(code)s created. Add its members next.", code=project.code),
                  "success")
            return redirect(url_for("projects.members", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("projects/form.html", form=form, project=None), status


@bp.route("/projects/<code>")
@project_permission("project.view")
def home(project: Project):
    return render_template("projects/home.html", project=project)


@bp.route("/projects/<code>/settings", methods=["GET", "POST"])
@project_permission("project.edit")
def settings(project: Project):
    # Only a fresh form reads the record: a POST must never fall back to stored values.
    form = ProjectEditForm(obj=project) if request.method == "GET" else ProjectEditForm()
    if request.method == "GET":
        form.working_days.data = [str(d) for d in project.working_weekdays]
        form.holidays.data = format_holidays(project.holidays)
    status = 200
    if form.validate_on_submit():
        try:
            service.update_project(current_user, project, form.version.data, _data(form))
        except StaleEdit as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = 409
        except DomainError as exc:
            form.form_errors.append(exc.message)
            status = 400
        else:
            flash(_("Project settings saved."), "success")
            return redirect(url_for("projects.home", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("projects/form.html", form=form, project=project), status


@bp.route("/projects/<code>/members")
@project_permission("members.view")
def members(project: Project):
    rows = service.members(project)
    return render_template(
        "projects/members.html", project=project, rows=rows, add_form=MemberAddForm(),
        role_forms={m.id: MemberRoleForm(version=m.version, role=m.role) for m in rows},
        remove_form=ConfirmForm(), role_labels=ROLE_LABELS, role_help=ROLE_HELP,
    )


@bp.route("/projects/<code>/members", methods=["POST"])
@project_permission("members.manage")
def member_add(project: Project):
    form = MemberAddForm()
    if form.validate_on_submit():
        try:
            membership = service.add_member(current_user, project, form.email.data,
                                            Role(form.role.data))
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("%(name)s joined as %(role)s.", name=membership.user.name,
                    role=ROLE_LABELS[membership.role_enum]), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("projects.members", code=project.code))


def _membership_or_404(project: Project, membership_id: int):
    membership = service.membership_in(project, membership_id)
    if membership is None:
        abort(404)
    return membership


@bp.route("/projects/<code>/members/<int:membership_id>", methods=["POST"])
@project_permission("members.manage")
def member_role(project: Project, membership_id: int):
    membership = _membership_or_404(project, membership_id)
    form = MemberRoleForm()
    if form.validate_on_submit():
        try:
            service.change_role(current_user, project, membership, form.version.data,
                                Role(form.role.data))
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Role changed."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("projects.members", code=project.code))


@bp.route("/projects/<code>/members/<int:membership_id>/remove", methods=["POST"])
@project_permission("members.manage")
def member_remove(project: Project, membership_id: int):
    membership = _membership_or_404(project, membership_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.remove_member(current_user, project, membership, form.version.data)
        except DomainError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Member removed from the project."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("projects.members", code=project.code))


@bp.route("/projects/<code>/audit")
@project_permission("audit.view")
def audit(project: Project):
    types, actors = service.audit_facets(project)
    form = AuditFilterForm(request.args)
    form.entity_type.choices = choices([("", _("All record types")),
                                        *[(t, type_label(t)) for t in types]])
    form.actor.choices = choices([("", _("Everyone")),
                                  *[(str(a), label) for a, label in actors]])
    valid = form.validate()
    actor_id = int(form.actor.data) if valid and (form.actor.data or "").isdigit() else None
    filters = service.AuditFilter(
        entity_type=form.entity_type.data if valid and form.entity_type.data in types else None,
        actor_id=actor_id,
        date_from=form.date_from.data if valid else None,
        date_to=form.date_to.data if valid else None,
    )
    # Clamped: a huge page number would overflow the database's OFFSET (a 500).
    page = min(max(request.args.get("page", 1, type=int), 1), MAX_AUDIT_PAGE)
    rows = db.paginate(service.audit_query(project, filters), page=page,
                       per_page=current_app.config["AUDIT_PAGE_SIZE"], error_out=False)
    filter_args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("projects/audit.html", project=project, form=form, rows=rows,
                           filter_args=filter_args)


def _flash_errors(form) -> None:
    for field, errors in form.errors.items():
        label = getattr(form, field).label.text if hasattr(form, field) else ""
        for error in errors:
            flash(_("%(field)s: %(error)s", field=label, error=error) if label else error,
                  "error")
