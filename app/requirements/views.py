"""Requirement pages: the register, one requirement, its versions compared, edits, lifecycle
and sign-off. Baselines, traceability, signers and exports register from their own module."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.changes.guard import ChangeRequestRequired
from app.core.errors import DomainError
from app.core.forms import ConfirmForm, choices
from app.core.permissions import project_permission
from app.core.views import run as core_run
from app.extensions import db
from app.planning import requirement_links
from app.projects.models import Project
from app.requirements import labels, register, service
from app.requirements.forms import (
    FilterForm,
    RequirementEditForm,
    RequirementForm,
    SignForm,
    SupersedeForm,
)
from app.requirements.models import CODED_VALUES, CONTENT_LABELS
from app.strategy import diff
from app.vendors import records as vendor_records
from app.vendors.labels import CLAIM_STATUS_LABELS

bp = Blueprint("requirements", __name__, url_prefix="/projects/<code>/requirements")
LABELS = {"status_labels": labels.STATUS_LABELS, "kind_labels": labels.KIND_LABELS,
          "priority_labels": labels.PRIORITY_LABELS,
          "department_labels": labels.DEPARTMENT_LABELS}


@bp.record_once
def _register_integrity_check(state) -> None:
    """`flask audit verify` also checks that signed requirement content is unaltered."""
    state.app.extensions.setdefault("integrity_checks", []).append(
        service.integrity_problems)


def run(form, action, success: str):
    """`app.core.views.run`; an edit of signed-off content goes on to a change request."""
    return core_run(form, action, success, passthrough=(ChangeRequestRequired,))


def filters_from(args, project: Project) -> tuple[FilterForm, register.RegisterFilter]:
    form = FilterForm(args)
    form.objective.choices = choices([("", _("Any objective")), *[
        (str(o.id), f"{o.code} {o.title}") for o in service.objectives(project)]])
    if not form.validate():
        return form, register.RegisterFilter()
    return form, register.RegisterFilter(
        text=form.q.data or "", status=form.status.data, kind=form.kind.data,
        priority=form.priority.data, department=form.department.data,
        objective_id=int(form.objective.data) if form.objective.data else None,
        unlinked=bool(form.unlinked.data))


@bp.route("")
@project_permission("requirements.view")
def index(project: Project):
    form, chosen = filters_from(request.args, project)
    rows = register.search(project, chosen)
    invalid = {s.version.requirement_id for s in service.invalid_signatures(project)}
    return render_template("requirements/index.html", project=project, form=form, rows=rows,
                           invalid=invalid, query=request.args.to_dict(), **LABELS)


def _data(form) -> service.RequirementData:
    return service.RequirementData(
        title=form.title.data, description=form.description.data or "", kind=form.kind.data,
        priority=form.priority.data, department=form.department.data,
        acceptance_criteria=form.acceptance_criteria.data or "",
        objective_ids=tuple(form.objectives.data or ()),
        note=form.note.data if hasattr(form, "note") else "")


def _objective_choices(form, project: Project) -> None:
    form.objectives.choices = choices((o.id, f"{o.code} {o.title}")
                                      for o in service.objectives(project))


@bp.route("/new", methods=["GET", "POST"])
@project_permission("requirements.edit")
def new(project: Project):
    form = RequirementForm()
    _objective_choices(form, project)
    if request.method == "GET":
        form.priority.data, form.kind.data = "should", "functional"
    result, status = run(form, lambda: service.create_requirement(
        current_user, project, _data(form)), _("Requirement added as a draft."))
    if status == 302:
        return redirect(url_for("requirements.show", code=project.code, req_id=result.id))
    return render_template("requirements/form.html", project=project, form=form,
                           requirement=None), status


def _requirement_or_404(project: Project, req_id: int):
    requirement = service.requirement_in(project, req_id)
    if requirement is None:
        abort(404)
    return requirement


def _version_page(project: Project, requirement, version, sign_form=None, status=200):
    signoff = service.signoff_state(project, requirement, version)
    names = {s.user_id: s for s in service.signers(project)}
    others = [r for r in register.search(project, register.RegisterFilter())
              if r.id != requirement.id and not r.closed]
    supersede_form = SupersedeForm(version=requirement.version)
    supersede_form.successor.choices = choices((r.id, f"{r.code} {r.title}") for r in others)
    return render_template(
        "requirements/show.html", project=project, requirement=requirement, version=version,
        signoff=signoff, required=service.required_signers(project, requirement),
        signer_names=names, sign_form=sign_form or SignForm(
            number=version.number, content_sha256=version.sha256),
        action_form=ConfirmForm(version=requirement.version), supersede_form=supersede_form,
        delivering=requirement_links.tasks_delivering(requirement),
        vendor_claims=vendor_records.claims_about(requirement),
        claim_labels=CLAIM_STATUS_LABELS, **LABELS), status


@bp.route("/<int:req_id>")
@project_permission("requirements.view")
def show(project: Project, req_id: int):
    requirement = _requirement_or_404(project, req_id)
    return _version_page(project, requirement,
                         service.version_of(requirement, requirement.current_number))


@bp.route("/<int:req_id>/versions/<int:req_version>")
@project_permission("requirements.view")
def version(project: Project, req_id: int, req_version: int):
    requirement = _requirement_or_404(project, req_id)
    found = service.version_of(requirement, req_version)
    if found is None:
        abort(404)
    return _version_page(project, requirement, found)


@bp.route("/<int:req_id>/edit", methods=["GET", "POST"])
@project_permission("requirements.edit")
def edit(project: Project, req_id: int):
    requirement = _requirement_or_404(project, req_id)
    form = RequirementEditForm(obj=requirement) if request.method == "GET" \
        else RequirementEditForm()
    _objective_choices(form, project)
    if request.method == "GET":
        form.objectives.data = [link.objective_id for link in requirement.objective_links]
    _result, status = run(form, lambda: service.update_requirement(
        current_user, project, requirement, form.version.data, _data(form)),
        _("Saved as a new version. It needs signing again."))
    if status == 302:
        return redirect(url_for("requirements.show", code=project.code, req_id=req_id))
    return render_template("requirements/form.html", project=project, form=form,
                           requirement=requirement), status


def _button(project: Project, req_id: int, action, success: str):
    """A lifecycle POST button: flash the outcome and go back to the requirement."""
    requirement = _requirement_or_404(project, req_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete. Reload the page and try again."), "error")
    else:
        try:
            action(requirement, form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(success, "success")
    return redirect(url_for("requirements.show", code=project.code, req_id=req_id))


@bp.route("/<int:req_id>/submit", methods=["POST"])
@project_permission("requirements.edit")
def submit(project: Project, req_id: int):
    return _button(project, req_id, lambda r, v: service.submit_for_review(
        current_user, project, r, v), _("Sent for review: the required signers can sign now."))


@bp.route("/<int:req_id>/withdraw", methods=["POST"])
@project_permission("requirements.edit")
def withdraw(project: Project, req_id: int):
    return _button(project, req_id, lambda r, v: service.withdraw(current_user, project, r, v),
                   _("Requirement withdrawn."))


@bp.route("/<int:req_id>/supersede", methods=["POST"])
@project_permission("requirements.edit")
def supersede(project: Project, req_id: int):
    requirement = _requirement_or_404(project, req_id)
    form = SupersedeForm()
    form.successor.choices = choices((r.id, r.code) for r in register.search(
        project, register.RegisterFilter()))
    if not form.validate_on_submit():
        flash(_("Choose the requirement that replaces this one."), "error")
    else:
        try:
            service.supersede(current_user, project, requirement, form.version.data,
                              form.successor.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Requirement marked as superseded."), "success")
    return redirect(url_for("requirements.show", code=project.code, req_id=req_id))


@bp.route("/<int:req_id>/sign", methods=["POST"])
@project_permission("requirements.sign")
def sign(project: Project, req_id: int):
    requirement = _requirement_or_404(project, req_id)
    form = SignForm()
    _result, status = run(form, lambda: service.sign(
        current_user, project, requirement, int(form.number.data), form.content_sha256.data,
        form.comment.data or ""), _("Signed. Your signature is recorded on this exact version."))
    if status == 302:
        return redirect(url_for("requirements.show", code=project.code, req_id=req_id))
    db.session.expire_all()
    return _version_page(project, requirement,
                         service.version_of(requirement, requirement.current_number),
                         sign_form=form, status=status)


@bp.route("/<int:req_id>/compare")
@project_permission("requirements.view")
def compare(project: Project, req_id: int):
    requirement = _requirement_or_404(project, req_id)
    new_no = request.args.get("to", requirement.current_number, type=int)
    old_no = request.args.get("from", max(new_no - 1, 1), type=int)
    old, new_ = service.version_of(requirement, old_no), service.version_of(requirement, new_no)
    if old is None or new_ is None:
        abort(404)
    fields = []
    for field, label in CONTENT_LABELS.items():
        coded = CODED_VALUES.get(field, {})
        before, after = getattr(old, field), getattr(new_, field)
        rows = diff.side_by_side(str(coded.get(before, before)), str(coded.get(after, after)))
        fields.append((label, rows, before != after))
    numbers = choices((str(v.number), f"v{v.number}") for v in requirement.versions)
    return render_template("requirements/compare.html", project=project,
                           requirement=requirement, old=old, new=new_, fields=fields,
                           numbers=numbers)


from app.requirements import baseline_views  # noqa: E402, F401  (routes on `bp`)
