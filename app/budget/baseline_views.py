"""Budget pages for baselines: the list, saving one, and the budget compared with one."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.budget import baselines
from app.budget.forms import BaselineForm
from app.budget.views import bp
from app.core.errors import DomainError
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project


def _list_page(project: Project, form: BaselineForm, status: int = 200):
    return render_template("budget/baselines.html", project=project, form=form,
                           rows=baselines.baselines(project)), status


@bp.route("/baselines")
@project_permission("budget.view")
def baseline_list(project: Project):
    return _list_page(project, BaselineForm())


@bp.route("/baselines", methods=["POST"])
@project_permission("budget.edit")
def baseline_save(project: Project):
    form = BaselineForm()
    if not form.validate_on_submit():
        return _list_page(project, form, 400)
    try:
        saved = baselines.save_baseline(current_user, project, form.name.data,
                                        form.note.data or "")
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return _list_page(project, form, exc.status)
    flash(_("Budget baseline %(name)s saved: planned amounts now change through change "
            "requests.", name=saved.name), "success")
    return redirect(url_for("budget.baseline", code=project.code, budget_baseline_id=saved.id))


@bp.route("/baselines/<int:budget_baseline_id>")
@project_permission("budget.view")
def baseline(project: Project, budget_baseline_id: int):
    chosen = baselines.baseline_in(project, budget_baseline_id)
    if chosen is None:
        abort(404)
    return render_template("budget/baseline.html", project=project, baseline=chosen,
                           cmp=baselines.comparison(project, chosen))
