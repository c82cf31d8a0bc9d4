"""Budget pages for the business case (benefits, ROI, payback) and the budget settings."""

from datetime import date

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.budget import charts, reports, service
from app.budget.forms import BenefitEditForm, BenefitForm, SettingsForm
from app.budget.labels import KPI_GAP_LABELS
from app.budget.views import _attempt, _form_page, _go, bp
from app.core.errors import DomainError
from app.core.forms import ConfirmForm
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project


@bp.route("/benefits")
@project_permission("budget.view")
def benefits(project: Project):
    today = date.today()
    rows = reports.benefit_rows(project, today)
    cases = reports.investment(project, today, rows)
    settings = service.settings_of(project)
    return render_template(
        "budget/benefits.html", project=project, rows=rows, cases=cases,
        derived_months=sum(row.derived_counts for row in rows), settings=settings, today=today,
        confirm=ConfirmForm(), gap_labels=KPI_GAP_LABELS,
        chart_cash=charts.cash_flow(cases.expected, cases.realised, project.currency))


def _benefit_data(form: BenefitForm) -> service.BenefitData:
    return service.BenefitData(month=form.month.data, description=form.description.data,
                               expected=form.expected.amount, realised=form.realised.amount,
                               kpi_id=int(form.kpi_id.data) if form.kpi_id.data else None,
                               value_per_point=form.value_per_point.amount)


@bp.route("/benefits/new", methods=["GET", "POST"])
@project_permission("budget.edit")
def benefit_new(project: Project):
    form = BenefitForm(digits=service.minor_digits(project))
    form.set_kpis(service.valuing_kpis(project))
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.create_benefit(current_user, project,
                                                               _benefit_data(form)))
        if status is None:
            flash(_("Benefit added."), "success")
            return _go("budget.benefits", project)
    return _form_page(project, form, title=_("New benefit"),
                      cancel=url_for("budget.benefits", code=project.code), status=status)


def _benefit_or_404(project: Project, benefit_id: int):
    benefit = service.benefit_in(project, benefit_id)
    if benefit is None:
        abort(404)
    return benefit


@bp.route("/benefits/<int:benefit_id>/edit", methods=["GET", "POST"])
@project_permission("budget.edit")
def benefit_edit(project: Project, benefit_id: int):
    benefit = _benefit_or_404(project, benefit_id)
    digits = service.minor_digits(project)
    if request.method == "GET":
        form = BenefitEditForm(obj=benefit, digits=digits)
        form.expected.data = f"{benefit.expected:.{digits}f}"
        if benefit.realised is not None:
            form.realised.data = f"{benefit.realised:.{digits}f}"
        form.kpi_id.data = str(benefit.kpi_id or "")
        if benefit.value_per_point is not None:
            form.value_per_point.data = f"{benefit.value_per_point:.{digits}f}"
    else:
        form = BenefitEditForm(digits=digits)
    form.set_kpis(service.valuing_kpis(project))
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.update_benefit(
            current_user, project, benefit, form.version.data, _benefit_data(form)))
        if status is None:
            flash(_("Benefit saved."), "success")
            return _go("budget.benefits", project)
    return _form_page(project, form, title=_("Edit a benefit"),
                      cancel=url_for("budget.benefits", code=project.code), status=status,
                      delete_url=url_for("budget.benefit_delete", code=project.code,
                                         benefit_id=benefit.id), version=benefit.version)


@bp.route("/benefits/<int:benefit_id>/delete", methods=["POST"])
@project_permission("budget.edit")
def benefit_delete(project: Project, benefit_id: int):
    benefit = _benefit_or_404(project, benefit_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.delete_benefit(current_user, project, benefit, form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Benefit deleted."), "success")
    else:
        flash(_("Nothing was deleted: reload the page and try again."), "error")
    return _go("budget.benefits", project)


@bp.route("/settings", methods=["GET", "POST"])
@project_permission("budget.edit")
def settings(project: Project):
    current = service.settings_of(project)
    if request.method == "GET":
        form = SettingsForm(obj=current)
        form.version.data = current.version or ""
        form.fiscal_year_start_month.data = str(current.fiscal_year_start_month)
        form.discount_rate.data = format((current.discount_rate * 100).normalize(), "f")
    else:
        form = SettingsForm()
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        data = service.SettingsData(
            fiscal_year_start_month=int(form.fiscal_year_start_month.data),
            fiscal_year_named_by=form.fiscal_year_named_by.data,
            discount_rate_bp=form.discount_rate_bp,
            schedule_percent_complete=form.schedule_percent_complete.data)
        status = _attempt(form, lambda: service.save_settings(current_user, project,
                                                              form.version.data, data))
        if status is None:
            flash(_("Budget settings saved."), "success")
            return _go("budget.overview", project)
    progress = reports.planned_progress(project)
    intro = _("The project's plan reports %(pct)s complete: it is used instead of the "
              "percentage below.", pct=f"{progress * 100:.0f}%") if progress is not None else ""
    return _form_page(project, form, title=_("Budget settings"), intro=intro,
                      cancel=url_for("budget.overview", code=project.code), status=status)
