"""`flask health snapshot [--project CODE]`: keep today's scorecard for the trend."""

from datetime import date

import click
import sqlalchemy as sa

from app.cli import cli_actor
from app.core.audit import acting_as
from app.extensions import db
from app.governance import service
from app.governance.views import bp
from app.projects.models import Project
from app.projects.service import get_by_code


@bp.cli.command("snapshot")
@click.option("--project", "code", help="Project code, e.g. QUEST-ASIA; every project if left out.")
def snapshot_command(code: str | None) -> None:
    """Compute today's governance health and keep it (once a day; a second run keeps the first)."""
    if code is not None:
        project = get_by_code(code.strip().upper())
        if project is None:
            raise click.ClickException(f"No project with code {code!r}.")
        projects = [project]
    else:
        projects = list(db.session.execute(sa.select(Project).order_by(Project.code)).scalars())
    today = date.today()
    with acting_as(cli_actor()):
        for project in projects:
            recorded = service.record_snapshot(project, today)
            shown = "—" if recorded.snapshot.score is None else recorded.snapshot.score
            state = "recorded" if recorded.created else "already recorded today"
            click.echo(f"{project.code} {today.isoformat()}: score {shown} "
                       f"({recorded.snapshot.status}), {state}.")
