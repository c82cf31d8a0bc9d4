"""KPI pages: create and edit, status and trend chart, measurements, CSV import and exports."""

from datetime import date

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.core.forms import ConfirmForm, choices
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project
from app.strategy import exports, measurements, overview, service
from app.strategy.forms import (
    DIRECTION_LABELS,
    KIND_LABELS,
    ImportForm,
    KpiEditForm,
    KpiForm,
    MeasurementForm,
)
from app.strategy.imports import COLUMNS
from app.strategy.views import LABELS, bp, post_button, run

IMPORT_MESSAGES = {
    "encoding": lambda p: _("The file is neither UTF-8 nor GB18030 text."),
    "not_csv": lambda p: _("The file is not a CSV file."),
    "header": lambda p: _("The first line must name the columns %(columns)s.", **p),
    "too_many": lambda p: _("The file has more than %(max)s rows; split it.", **p),
    "empty": lambda p: _("The file has no rows to import."),
    "malformed": lambda p: _("The CSV is malformed here (%(detail)s).", **p),
    "columns": lambda p: _("Expected 3 or 4 columns, found %(count)s.", **p),
    "unknown_kpi": lambda p: _("No KPI %(kpi)s in this project.", **p),
    "bad_date": lambda p: _("\"%(text)s\" is not a date written YYYY-MM-DD.", **p),
    "date_out_of_range": lambda p: _("%(date)s is in the future or before 1990.", **p),
    "value_not_a_number": lambda p: _("\"%(text)s\" is not a number.", **p),
    "value_too_precise": lambda p: _("\"%(text)s\" has more than four decimal places.", **p),
    "value_too_large": lambda p: _("\"%(text)s\" is too large.", **p),
    "bad_note": lambda p: _("The note is longer than %(max)s characters or has < or >.", **p),
    "duplicate": lambda p: _("%(kpi)s already has a measurement on %(date)s.", **p),
}


def _kpi_form_choices(form, project: Project) -> None:
    form.objective.choices = choices((o.id, f"{o.code} {o.title}")
                                     for o in service.objectives(project))


def _kpi_data(form) -> service.KpiData:
    return service.KpiData(
        objective_id=form.objective.data, name=form.name.data,
        definition=form.definition.data or "", unit=form.unit.data,
        direction=form.direction.data, kind=form.kind.data,
        baseline_value=form.baseline_value.value, baseline_on=form.baseline_on.data,
        short_target_value=form.short_target_value.value,
        short_target_on=form.short_target_on.data,
        long_target_value=form.long_target_value.value, long_target_on=form.long_target_on.data)


def _plain(value) -> str:
    return "" if value is None else f"{value:f}"


@bp.route("/kpis/new", methods=["GET", "POST"])
@project_permission("strategy.edit")
def kpi_new(project: Project):
    form = KpiForm()
    _kpi_form_choices(form, project)
    if request.method == "GET" and request.args.get("objective", type=int):
        form.objective.data = request.args.get("objective", type=int)
    result, status = run(form, lambda: service.create_kpi(current_user, project,
                                                          _kpi_data(form)), _("KPI added."))
    if status == 302:
        return redirect(url_for("strategy.kpi_show", code=project.code, kpi_id=result.id))
    return render_template("strategy/kpi_form.html", project=project, form=form,
                           kpi=None), status


def _kpi_or_404(project: Project, kpi_id: int):
    kpi = service.kpi_in(project, kpi_id)
    if kpi is None:
        abort(404)
    return kpi


@bp.route("/kpis/<int:kpi_id>")
@project_permission("strategy.view")
def kpi_show(project: Project, kpi_id: int):
    return _kpi_page(project, _kpi_or_404(project, kpi_id), MeasurementForm(), 200)


def _kpi_page(project: Project, kpi, form, status: int):
    return render_template(
        "strategy/kpi_show.html", project=project, kpi=kpi, status=overview.status_of(kpi),
        chart=overview.trend_chart(kpi), form=form,
        delete_form=ConfirmForm(version=kpi.version), remove_form=ConfirmForm(),
        valued=_benefits_valued_by(kpi), direction_labels=DIRECTION_LABELS,
        kind_labels=KIND_LABELS, **LABELS), status


def _benefits_valued_by(kpi) -> list[tuple[str, int, date, date]]:
    """The budget's benefits valued by this KPI: description, months, first and last month."""
    from app.budget.models import Benefit

    return [tuple(row) for row in db.session.execute(
        sa.select(Benefit.description, sa.func.count(Benefit.id), sa.func.min(Benefit.month),
                  sa.func.max(Benefit.month))
        .where(Benefit.kpi_id == kpi.id).group_by(Benefit.description)
        .order_by(sa.func.min(Benefit.month), Benefit.description))]


@bp.route("/kpis/<int:kpi_id>/edit", methods=["GET", "POST"])
@project_permission("strategy.edit")
def kpi_edit(project: Project, kpi_id: int):
    kpi = _kpi_or_404(project, kpi_id)
    form = KpiEditForm(obj=kpi) if request.method == "GET" else KpiEditForm()
    _kpi_form_choices(form, project)
    if request.method == "GET":
        form.objective.data = kpi.objective_id
        for name in ("baseline_value", "short_target_value", "long_target_value"):
            getattr(form, name).data = _plain(getattr(kpi, name))
    _result, status = run(form, lambda: service.update_kpi(
        current_user, project, kpi, form.version.data, _kpi_data(form)), _("KPI saved."))
    if status == 302:
        return redirect(url_for("strategy.kpi_show", code=project.code, kpi_id=kpi.id))
    return render_template("strategy/kpi_form.html", project=project, form=form,
                           kpi=kpi), status


@bp.route("/kpis/<int:kpi_id>/delete", methods=["POST"])
@project_permission("strategy.edit")
def kpi_delete(project: Project, kpi_id: int):
    kpi = _kpi_or_404(project, kpi_id)
    objective_id = kpi.objective_id
    form = ConfirmForm()
    post_button(form, lambda: service.delete_kpi(current_user, project, kpi, form.version.data),
                _("KPI and its measurements deleted."))
    if service.kpi_in(project, kpi_id) is not None:
        return redirect(url_for("strategy.kpi_show", code=project.code, kpi_id=kpi_id))
    return redirect(url_for("strategy.objective_show", code=project.code,
                            objective_id=objective_id))


@bp.route("/kpis/<int:kpi_id>/measurements", methods=["POST"])
@project_permission("kpi.measure")
def measurement_add(project: Project, kpi_id: int):
    kpi = _kpi_or_404(project, kpi_id)
    form = MeasurementForm()
    _result, status = run(form, lambda: measurements.add_measurement(
        current_user, project, kpi, form.measured_on.data, form.value.value,
        form.note.data or ""), _("Measurement recorded."))
    if status == 302:
        return redirect(url_for("strategy.kpi_show", code=project.code, kpi_id=kpi.id))
    return _kpi_page(project, kpi, form, status)


@bp.route("/measurements/<int:measurement_id>/delete", methods=["POST"])
@project_permission("kpi.measure")
def measurement_delete(project: Project, measurement_id: int):
    measurement = service.measurement_in(project, measurement_id)
    if measurement is None:
        abort(404)
    kpi_id = measurement.kpi_id
    form = ConfirmForm()
    post_button(form, lambda: measurements.delete_measurement(
        current_user, project, measurement, form.version.data), _("Measurement deleted."))
    return redirect(url_for("strategy.kpi_show", code=project.code, kpi_id=kpi_id))


@bp.route("/measurements/import", methods=["GET", "POST"])
@project_permission("kpi.measure")
def measurement_import(project: Project):
    form = ImportForm()
    outcome, status = None, 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            try:
                outcome = measurements.import_measurements(
                    current_user, project, form.file.data.read(), form.skip_bad_rows.data)
            except DomainError as exc:
                db.session.rollback()
                form.form_errors.append(exc.message)
            else:
                status = 200 if outcome.imported else 400
                if outcome.imported:
                    flash(_("%(n)d measurements imported.", n=outcome.imported), "success")
    errors = [(e.line, IMPORT_MESSAGES[e.code](dict(e.params)))
              for e in (outcome.parsed.errors if outcome else ())]
    return render_template("strategy/import.html", project=project, form=form,
                           outcome=outcome, errors=errors, columns=",".join(COLUMNS),
                           kpis=service.kpis(project)), status


def _download(data: bytes, name: str, project: Project) -> Response:
    return Response(data, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{project.code.lower()}-{name}.csv"',
        "Cache-Control": "no-store"})


@bp.route("/export/objectives.csv")
@project_permission("strategy.view")
def export_objectives(project: Project):
    return _download(exports.objectives_csv(project), "objectives", project)


@bp.route("/export/kpis.csv")
@project_permission("strategy.view")
def export_kpis(project: Project):
    return _download(exports.kpis_csv(project), "kpis", project)


@bp.route("/export/measurements.csv")
@project_permission("strategy.view")
def export_measurements(project: Project):
    return _download(exports.measurements_csv(project), "measurements", project)
