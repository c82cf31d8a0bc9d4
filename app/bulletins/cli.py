"""`flask bulletin publish|pdf`: publish an approved draft, write a published edition's PDF."""

from pathlib import Path

import click

from app.bulletins import reading, service
from app.bulletins.views import bp
from app.cli import cli_actor
from app.core.audit import acting_as
from app.core.errors import DomainError
from app.projects.service import get_by_code


def _project(code: str):
    project = get_by_code(code)
    if project is None:
        raise click.ClickException(f"No project with code {code}.")
    return project


@bp.cli.command("publish")
@click.option("--project", "code", required=True, help="Project code, e.g. QUEST-ASIA.")
@click.option("--number", type=int, required=True, help="Number of the approved bulletin.")
def publish_command(code: str, number: int) -> None:
    """Publish an approved bulletin: render its PDF once and freeze the edition."""
    project = _project(code)
    bulletin = reading.draft(project, number)
    if bulletin is None:
        raise click.ClickException(f"{project.code} has no bulletin No. {number}.")
    try:
        with acting_as(cli_actor()):
            edition = service.publish(None, project, bulletin, bulletin.version)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Published {project.code} bulletin No. {edition.number}: {edition.pages} pages, "
               f"SHA-256 {edition.pdf_sha256}.")


@bp.cli.command("pdf")
@click.option("--project", "code", required=True, help="Project code, e.g. QUEST-ASIA.")
@click.option("--number", type=int, required=True, help="Number of the published bulletin.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the PDF.")
def pdf_command(code: str, number: int, output: Path) -> None:
    """Write a published edition's PDF, exactly the bytes stored at publication."""
    project = _project(code)
    edition = reading.edition(project, number)
    if edition is None:
        raise click.ClickException(f"{project.code} has no published bulletin No. {number}.")
    output.write_bytes(edition.pdf)
    click.echo(f"Wrote {output} ({edition.pdf_size} bytes, SHA-256 {edition.pdf_sha256}).")
