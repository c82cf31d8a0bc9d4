"""Requirement pages on the same blueprint: baselines and volatility, baseline comparison,
traceability, the required signers, the CSV export and the printable register."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from app.core.errors import DomainError
from app.core.forms import ConfirmForm, choices
from app.core.permissions import project_permission
from app.extensions import db
from app.planning import requirement_links
from app.projects.models import Project
from app.requirements import baselines, register, service
from app.requirements.forms import BaselineForm, SignerForm
from app.requirements.views import LABELS, bp, filters_from, run


@bp.route("/baselines")
@project_permission("requirements.view")
def baselines_index(project: Project):
    return _baselines_page(project, BaselineForm(), 200)


@bp.route("/baselines/new", methods=["POST"])
@project_permission("requirements.baseline")
def baseline_new(project: Project):
    form = BaselineForm()
    result, status = run(form, lambda: baselines.create_baseline(
        current_user, project, form.name.data, form.note.data or ""),
        _("Baseline taken: the signed-off requirements are frozen in it."))
    if status == 302:
        return redirect(url_for("requirements.baseline_show", code=project.code,
                                req_baseline_id=result.id))
    return _baselines_page(project, form, status)


def _baselines_page(project: Project, form, status: int):
    result = baselines.volatility_of(project, date.today())
    return render_template(
        "requirements/baselines.html", project=project, form=form,
        baselines=baselines.baselines(project), volatility=result,
        chart=Markup(baselines.volatility_chart(result)),
        signed=len(baselines.signed_requirements(project))), status


def _baseline_or_404(project: Project, req_baseline_id: int):
    found = baselines.baseline_in(project, req_baseline_id)
    if found is None:
        abort(404)
    return found


@bp.route("/baselines/<int:req_baseline_id>")
@project_permission("requirements.view")
def baseline_show(project: Project, req_baseline_id: int):
    return render_template("requirements/baseline_show.html", project=project,
                           baseline=_baseline_or_404(project, req_baseline_id),
                           all_baselines=baselines.baselines(project), **LABELS)


@bp.route("/baselines/compare")
@project_permission("requirements.view")
def baseline_compare(project: Project):
    found = baselines.baselines(project)
    if not found:
        return redirect(url_for("requirements.baselines_index", code=project.code))
    by_id = {b.id: b for b in found}
    new = by_id.get(request.args.get("to", found[-1].id, type=int))
    old = by_id.get(request.args.get("from", found[max(len(found) - 2, 0)].id, type=int))
    if old is None or new is None:
        abort(404)
    return render_template("requirements/baseline_compare.html", project=project, old=old,
                           new=new, result=baselines.compare(old, new), all_baselines=found,
                           **LABELS)


@bp.route("/traceability")
@project_permission("requirements.view")
def traceability(project: Project):
    requirements, objectives, result = baselines.traceability(project)
    return render_template("requirements/traceability.html", project=project,
                           requirements=requirements, objectives=objectives, trace=result,
                           delivery=requirement_links.tasks_by_requirement(project), **LABELS)


# --- Required signers -------------------------------------------------------------------------


def _signer_page(project: Project, form, status: int = 200):
    form.user.choices = choices((u.id, u.name) for u in service.team_members(project))
    found = service.signers(project)
    return render_template("requirements/signers.html", project=project, form=form,
                           signers=found,
                           remove_forms={s.id: ConfirmForm(version=s.version) for s in found},
                           **LABELS), status


@bp.route("/signers")
@project_permission("requirements.settings")
def signers(project: Project):
    return _signer_page(project, SignerForm())


@bp.route("/signers", methods=["POST"])
@project_permission("requirements.settings")
def signer_add(project: Project):
    form = SignerForm()
    form.user.choices = choices((u.id, u.name) for u in service.team_members(project))
    _result, status = run(form, lambda: service.add_signer(
        current_user, project, form.user.data, form.capacity.data,
        form.department.data or None, form.meaning.data), _("Required signer added."))
    if status == 302:
        return redirect(url_for("requirements.signers", code=project.code))
    return _signer_page(project, form, status)


@bp.route("/signers/<int:req_signer_id>/remove", methods=["POST"])
@project_permission("requirements.settings")
def signer_remove(project: Project, req_signer_id: int):
    signer = service.signer_in(project, req_signer_id)
    if signer is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("The form expired or was incomplete. Reload the page and try again."), "error")
    else:
        try:
            service.remove_signer(current_user, project, signer, form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Required signer removed. Signatures already given stay."), "success")
    return redirect(url_for("requirements.signers", code=project.code))


# --- Export and print -------------------------------------------------------------------------


@bp.route("/export.csv")
@project_permission("requirements.view")
def export(project: Project):
    _form, chosen = filters_from(request.args, project)
    data = register.register_csv(register.search(project, chosen))
    return Response(data, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{project.code.lower()}-requirements.csv"',
        "Cache-Control": "no-store"})


@bp.route("/print")
@project_permission("requirements.view")
def printable(project: Project):
    _form, chosen = filters_from(request.args, project)
    return render_template("requirements/print.html", project=project,
                           rows=register.search(project, chosen), today=date.today(), **LABELS)
