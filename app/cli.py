"""Command-line interface: `flask --app wsgi users|audit|seed ...`, reusing the services."""

import getpass
import os
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.core.audit import Actor, acting_as
from app.core.errors import DomainError

users_cli = AppGroup("users", help="Manage user accounts.")
audit_cli = AppGroup("audit", help="Inspect the audit trail.")
seed_cli = AppGroup("seed", help="Load data sets.")


def cli_actor() -> Actor:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Actor(None, f"cli:{who}")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name shown in the app.")
@click.option("--admin", is_flag=True, help="Make the account a site administrator.")
def users_create(email: str, name: str, admin: bool) -> None:
    """Create an account; the password comes from STEERCO_PASSWORD or a prompt, never argv."""
    from app.accounts.service import create_user

    password = os.environ.get("STEERCO_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise click.ClickException("Set STEERCO_PASSWORD or run in a terminal to be asked.")
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with acting_as(cli_actor()):
            user = create_user(None, email, name, password, is_admin=admin)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Created {user.email}{' (administrator)' if user.is_admin else ''}.")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Check the audit trail's hash chain; exit 1 naming the first bad row."""
    from app.core.audit import verify_chain
    from app.extensions import db

    result = verify_chain(db.session)
    # Domains register checks of their own signed content (app.extensions["integrity_checks"]):
    # altering a signed record in the database leaves the chain intact but breaks its hash.
    problems = [p for check in current_app.extensions.get("integrity_checks", ()) for p in check()]
    for problem in problems:
        click.echo(f"Signed content altered: {problem}.", err=True)
    if result.ok and not problems:
        click.echo(f"Audit trail intact: {result.rows_checked} rows checked.")
        return
    if not result.ok:
        click.echo(f"Audit trail broken at row {result.bad_row_id}: {result.reason}.", err=True)
    sys.exit(1)


@seed_cli.command("demo")
def seed_demo() -> None:
    """Load the Quest International demo project (running it again changes nothing)."""
    from app.demo import load_demo

    with acting_as(cli_actor()):
        summary = load_demo()
    click.echo(summary.report())


def register_cli(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(seed_cli)
