"""`flask plan import-mspdi|export-mspdi|schedule`: MS Project interchange and the schedule."""

import json
from pathlib import Path

import click

from app.cli import cli_actor
from app.core.audit import acting_as
from app.core.errors import DomainError
from app.planning import interchange, service
from app.planning.views import bp
from app.projects.service import get_by_code


def _project(code: str):
    project = get_by_code(code)
    if project is None:
        raise click.ClickException(f"No project with code {code}.")
    return project


@bp.cli.command("import-mspdi")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--project", "code", required=True, help="Code of the project to create.")
def import_mspdi(path: Path, code: str) -> None:
    """Create project CODE from a Microsoft Project XML file (error if CODE exists)."""
    try:
        with acting_as(cli_actor()):
            report = interchange.create_project_from(code, path.read_bytes())
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Created {report.project.code}: {report.phases} phases, {report.tasks} tasks, "
               f"{report.links} links.")
    for note in report.notes:
        click.echo(f"  not supported: {note}")
    for uid, reason in sorted(report.exempt.items()):
        click.echo(f"  dates may differ from the file: task {uid} {reason}")


@bp.cli.command("export-mspdi")
@click.option("--project", "code", required=True, help="Code of the project to export.")
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_mspdi(code: str, output: Path) -> None:
    """Write the project's plan as Microsoft Project XML."""
    project = _project(code)
    output.write_bytes(interchange.export_project(project))
    click.echo(f"Wrote {output}.")


@bp.cli.command("schedule")
@click.option("--project", "code", required=True, help="Code of the project to schedule.")
@click.option("--json", "as_json", is_flag=True, help="Print the schedule as JSON.")
def schedule_command(code: str, as_json: bool) -> None:
    """Print the project's schedule: finish date and every task's dates and float."""
    plan = service.scheduled(_project(code))
    tasks = []
    for task in plan.tasks:
        s = plan.result[task.id]
        tasks.append({"name": task.name, "source_uid": task.source_uid,
                      "early_start": s.early_start.isoformat(),
                      "early_finish": s.early_finish.isoformat(),
                      "total_float_days": s.total_float, "critical": s.critical})
    finish = plan.result.project_finish.isoformat()
    if as_json:
        click.echo(json.dumps({"project_finish": finish, "tasks": tasks}, ensure_ascii=False))
        return
    click.echo(f"Project finish {finish}")
    for t in tasks:
        mark = "*" if t["critical"] else " "
        click.echo(f"{mark} {t['early_start']} {t['early_finish']} {t['total_float_days']:>4} "
                   f"{t['name']}")
