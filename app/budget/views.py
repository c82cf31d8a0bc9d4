"""Budget pages: overview and report, lines and forecasts, cost entries and import, benefits."""

from datetime import date
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_login import current_user

from app.budget import charts, exports, reports, service
from app.budget.analysis import Category, Severity
from app.budget.forms import (
    ForecastForm,
    LineEditForm,
    LineForm,
)
from app.budget.labels import CATEGORY_HELP, CATEGORY_LABELS, category_label, warning_text
from app.changes.guard import ChangeRequestRequired
from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project

bp = Blueprint("budget", __name__, url_prefix="/projects/<code>/budget")


@bp.context_processor
def budget_helpers():
    from flask import g

    project = g.get("project")

    def money(amount):
        if amount is None or project is None:
            return ""
        return format_currency(amount, project.currency)

    return {"money": money, "category_label": category_label, "categories": list(Category),
            "category_labels": CATEGORY_LABELS, "category_help": CATEGORY_HELP}


def _money_text(project: Project):
    return lambda amount: format_currency(amount, project.currency)


def _go(endpoint: str, project: Project):
    return redirect(url_for(endpoint, code=project.code))


def _attempt(form, action) -> int | None:
    """Run a service call for a valid form: None on success, else the status to answer with."""
    try:
        action()
    except ChangeRequestRequired:
        raise  # sent on to a pre-filled change request (app/changes/views.py)
    except StaleEdit as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return 409
    except DomainError as exc:
        form.form_errors.append(exc.message)
        return 400
    return None


def _form_page(project, form, *, title, cancel, status=200, delete_url=None, version=None,
               intro=""):
    return render_template("budget/form.html", project=project, form=form, title=title,
                           cancel=cancel, delete_url=delete_url, version=version,
                           intro=intro, confirm=ConfirmForm()), status


# --- Overview and report ----------------------------------------------------------------------


def _overview_context(project: Project) -> dict:
    today = date.today()
    pic = reports.picture(project, today)
    money = _money_text(project)
    warnings = [(w, warning_text(w, money)) for w in pic.warnings]
    warnings.sort(key=lambda pair: pair[0].severity != Severity.CRITICAL)
    return {
        "project": project, "pic": pic, "today": today, "warnings": warnings,
        "chart_time": charts.plan_vs_actual(pic, project.currency),
        "chart_periods": charts.by_period(pic, project.currency),
        "chart_mix": charts.category_mix(pic),
    }


@bp.route("")
@project_permission("budget.view")
def overview(project: Project):
    return render_template("budget/overview.html", **_overview_context(project))


@bp.route("/report")
@project_permission("budget.view")
def report(project: Project):
    context = _overview_context(project)
    benefits = reports.benefit_rows(project, context["today"])
    cases = reports.investment(project, context["today"], benefits)
    return render_template("budget/report.html", cases=cases, rows=_line_rows(context["pic"]),
                           derived_months=sum(row.derived_counts for row in benefits),
                           chart_cash=charts.cash_flow(cases.expected, cases.realised,
                                                       project.currency), **context)


@bp.route("/overview.csv")
@project_permission("budget.view")
def overview_csv(project: Project):
    return exports.overview_csv(project, reports.picture(project, date.today()))


# --- Lines and forecasts ----------------------------------------------------------------------


def _line_rows(pic: reports.BudgetPicture) -> list[dict]:
    zero = Decimal(0)
    rows = []
    for line in pic.lines:
        actual = pic.spent.get(line.id, zero)
        etc = line.estimate_to_complete
        if etc is None:
            etc = max(line.planned - actual, zero)
        rows.append({"line": line, "actual": actual, "etc": etc, "eac": actual + etc,
                     "variance": line.planned - actual - etc})
    return rows


@bp.route("/lines")
@project_permission("budget.view")
def lines(project: Project):
    pic = reports.picture(project, date.today())
    from app.budget.baselines import baselines  # the baseline pages import this module

    saved = baselines(project)
    return render_template("budget/lines.html", project=project, rows=_line_rows(pic), pic=pic,
                           baseline=saved[0] if saved else None)


@bp.route("/lines.csv")
@project_permission("budget.view")
def lines_csv(project: Project):
    return exports.lines_csv(project, _line_rows(reports.picture(project, date.today())))


def _line_data(form: LineForm) -> service.LineData:
    return service.LineData(
        category=form.category.data, fiscal_year=form.fiscal_year.data,
        quarter=int(form.quarter.data), name=form.name.data, planned=form.planned.amount,
        owner_id=int(form.owner_id.data) if form.owner_id.data else None,
        notes=form.notes.data or "")


@bp.route("/lines/new", methods=["GET", "POST"])
@project_permission("budget.edit")
def line_new(project: Project):
    form = LineForm(digits=service.minor_digits(project))
    form.set_owners(service.owner_choices(project))
    if request.method == "GET":
        form.fiscal_year.data = date.today().year
        form.category.data = request.args.get("category", "")
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.create_line(current_user, project,
                                                            _line_data(form)))
        if status is None:
            flash(_("Budget line added."), "success")
            return _go("budget.lines", project)
    return _form_page(project, form, title=_("New budget line"),
                      cancel=url_for("budget.lines", code=project.code), status=status)


def _line_or_404(project: Project, line_id: int):
    line = service.line_in(project, line_id)
    if line is None:
        abort(404)
    return line


@bp.route("/lines/<int:line_id>/edit", methods=["GET", "POST"])
@project_permission("budget.edit")
def line_edit(project: Project, line_id: int):
    line = _line_or_404(project, line_id)
    digits = service.minor_digits(project)
    if request.method == "GET":
        form = LineEditForm(obj=line, digits=digits)
        form.planned.data = f"{line.planned:.{digits}f}"
        form.quarter.data = str(line.quarter)
        form.owner_id.data = str(line.owner_id or "")
    else:
        form = LineEditForm(digits=digits)
    form.set_owners(service.owner_choices(project))
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.update_line(
            current_user, project, line, form.version.data, _line_data(form)))
        if status is None:
            flash(_("%(line)s saved.", line=line.code), "success")
            return _go("budget.lines", project)
    return _form_page(project, form, title=_("Edit %(line)s", line=line.code),
                      cancel=url_for("budget.lines", code=project.code), status=status,
                      delete_url=url_for("budget.line_delete", code=project.code,
                                         line_id=line.id), version=line.version)


@bp.route("/lines/<int:line_id>/delete", methods=["POST"])
@project_permission("budget.edit")
def line_delete(project: Project, line_id: int):
    line = _line_or_404(project, line_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        code = line.code
        try:
            service.delete_line(current_user, project, line, form.version.data)
        except ChangeRequestRequired:
            raise  # sent on to a pre-filled change request (app/changes/views.py)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("%(line)s deleted.", line=code), "success")
    else:
        flash(_("Nothing was deleted: reload the page and try again."), "error")
    return _go("budget.lines", project)


@bp.route("/lines/<int:line_id>/forecast", methods=["GET", "POST"])
@project_permission("budget.edit")
def line_forecast(project: Project, line_id: int):
    line = _line_or_404(project, line_id)
    digits = service.minor_digits(project)
    if request.method == "GET":
        form = ForecastForm(obj=line, digits=digits)
        if line.estimate_to_complete is not None:
            form.estimate_to_complete.data = f"{line.estimate_to_complete:.{digits}f}"
    else:
        form = ForecastForm(digits=digits)
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.set_forecast(
            current_user, project, line, form.version.data, form.estimate_to_complete.amount,
            form.forecast_note.data or "", date.today()))
        if status is None:
            flash(_("Forecast for %(line)s saved.", line=line.code), "success")
            return _go("budget.lines", project)
    intro = _("%(line)s · %(name)s: planned %(planned)s.", line=line.code, name=line.name,
              planned=format_currency(line.planned, project.currency))
    return _form_page(project, form, title=_("Forecast for %(line)s", line=line.code),
                      cancel=url_for("budget.lines", code=project.code), status=status,
                      intro=intro)


# The cost-entry, benefit and settings pages register on the same blueprint.
from app.budget import entry_views, benefit_views, baseline_views  # noqa: E402, F401, I001
