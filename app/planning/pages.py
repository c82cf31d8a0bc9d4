"""Schedule pages: Gantt, baselines and variance, earned value, MS Project import and export."""

from datetime import date
from itertools import pairwise

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.core.permissions import project_permission
from app.planning import baselines, gantt, interchange, network, service, standard_plan
from app.planning.forms import BaselineForm, ImportForm
from app.planning.views import bp
from app.projects.models import Project


def _tick(day: date, zoom: str) -> str:
    if zoom == "week":
        return format_date(day, "MMM d")
    if zoom == "month":
        return format_date(day, "MMM yyyy")
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def _chosen_baseline(project: Project):
    choices = baselines.baselines(project)
    wanted = request.args.get("baseline", type=int)
    chosen = next((b for b in choices if b.id == wanted), choices[0] if choices else None)
    return choices, chosen


def gantt_rows(code: str, plan, baseline=None) -> tuple[list, list]:
    """Phase summary rows and task rows in plan order, and the links between them."""
    then = {b.task_id: b for b in baseline.tasks} if baseline else {}
    rows = []
    for phase in plan.phases:
        members = [t for t in plan.tasks if t.phase_id == phase.id]
        if not members:
            continue
        scheds = [plan.result[t.id] for t in members]
        rows.append(gantt.GanttRow(f"p{phase.id}", phase.name,
                                   min(s.early_start for s in scheds),
                                   max(s.early_finish for s in scheds), is_phase=True))
        for task in members:
            s, b = plan.result[task.id], then.get(task.id)
            rows.append(gantt.GanttRow(
                task.id, task.name, s.early_start, s.early_finish, milestone=task.duration == 0,
                critical=s.critical, near_critical=s.near_critical,
                percent_complete=task.percent_complete,
                baseline_start=b.start if b else None, baseline_finish=b.finish if b else None,
                href=url_for("planning.task", code=code, task_id=task.id),
                at_day_end=s.at_day_end or task.duration > 0))
    critical = set(plan.result.critical_tasks)
    links = [gantt.GanttLink(d.predecessor_id, d.successor_id, d.type,
                             d.predecessor_id in critical and d.successor_id in critical)
             for d in plan.dependencies]
    return rows, links


@bp.route("/projects/<code>/plan/gantt")
@project_permission("plan.view")
def gantt_chart(project: Project):
    plan = service.scheduled(project)
    zoom = request.args.get("zoom", "week")
    zoom = zoom if zoom in gantt.ZOOMS else "week"
    choices, chosen = _chosen_baseline(project)
    if request.args.get("baseline") == "none":
        chosen = None
    rows, links = gantt_rows(project.code, plan, chosen)
    svg = gantt.render(rows, links, zoom=zoom, status_date=plan.settings.status_date,
                       title=_("Gantt chart of %(name)s", name=project.name), tick_label=_tick,
                       is_working_day=plan.result.plan.calendar.is_working_day)
    return render_template("planning/gantt.html", project=project, plan=plan, svg=svg,
                           zoom=zoom, baselines=choices, chosen=chosen)


@bp.route("/projects/<code>/plan/baselines")
@project_permission("plan.view")
def baseline_list(project: Project):
    return render_template("planning/baselines.html", project=project, form=BaselineForm(),
                           rows=baselines.baselines(project))


@bp.route("/projects/<code>/plan/baselines", methods=["POST"])
@project_permission("plan.edit")
def baseline_save(project: Project):
    form = BaselineForm()
    status = 400
    if form.validate_on_submit():
        try:
            saved = baselines.save_baseline(current_user, project, form.name.data)
        except DomainError as exc:
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(_("Baseline %(name)s saved.", name=saved.name), "success")
            return redirect(url_for("planning.baseline", code=project.code,
                                    baseline_id=saved.id))
    return render_template("planning/baselines.html", project=project, form=form,
                           rows=baselines.baselines(project)), status


@bp.route("/projects/<code>/plan/baselines/<int:baseline_id>")
@project_permission("plan.view")
def baseline(project: Project, baseline_id: int):
    chosen = baselines.baseline_in(project, baseline_id)
    if chosen is None:
        abort(404)
    rows, shift = baselines.variance(project, chosen)
    return render_template("planning/variance.html", project=project, baseline=chosen,
                           rows=rows, shift=shift, plan=service.scheduled(project))


@bp.route("/projects/<code>/plan/earned-value")
@project_permission("plan.view")
def earned_value(project: Project):
    choices, chosen = _chosen_baseline(project)
    settings = service.settings_for(project)
    when = _date_arg("date") or settings.status_date or date.today()
    view = baselines.earned_value(project, chosen, when) if chosen else None
    return render_template("planning/earned_value.html", project=project, view=view,
                           baselines=choices, chosen=chosen, when=when)


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@bp.route("/projects/<code>/plan/export.xml")
@project_permission("plan.view")
def export(project: Project):
    _, chosen = _chosen_baseline(project)
    data = interchange.export_project(project, chosen)
    return Response(data, mimetype="application/xml", headers={
        "Content-Disposition": f'attachment; filename="{project.code}-plan.xml"'})


@bp.route("/projects/<code>/plan/import", methods=["GET", "POST"])
@project_permission("plan.edit")
def import_file(project: Project):
    form, status, report = ImportForm(), 200, None
    if form.validate_on_submit():
        try:
            report = interchange.import_into(current_user, project, form.file.data.read())
        except DomainError as exc:
            form.form_errors.append(exc.message)
            status = 400
        else:
            flash(_("Imported %(tasks)d tasks in %(phases)d phases with %(links)d links.",
                  tasks=report.tasks, phases=report.phases, links=report.links), "success")
    elif request.method == "POST":
        status = 400
    return render_template("planning/import.html", project=project, form=form,
                           report=report), status


@bp.route("/projects/<code>/plan/network")
@project_permission("plan.view")
def network_graph(project: Project):
    plan = service.scheduled(project)
    critical = set(plan.result.critical_tasks)
    nodes = [network.Node(t.id, t.name, t.id in critical,
                          url_for("planning.task", code=project.code, task_id=t.id))
             for t in plan.tasks]
    edges = [(d.predecessor_id, d.successor_id, f"{d.type} {d.lag:+d}")
             for d in plan.dependencies]
    driving = {pair for path in plan.result.critical_paths for pair in pairwise(path)}
    svg = network.render(nodes, edges, driving,
                         title=_("Dependency graph of %(name)s", name=project.name))
    return render_template("planning/network.html", project=project, plan=plan, svg=svg)


@bp.route("/projects/<code>/plan/standard", methods=["POST"])
@project_permission("plan.edit")
def standard(project: Project):
    """Start an empty plan from the standard CRM rollout plan in seeds/ (CSRF is checked by
    the app for every POST)."""
    try:
        tasks = standard_plan.start_from_standard_plan(current_user, project)
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("The standard CRM rollout plan was added: %(n)d tasks.", n=len(tasks)),
              "success")
    return redirect(url_for("planning.index", code=project.code))
