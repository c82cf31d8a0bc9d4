"""Steerco: governance for a company's CRM implementation project."""

import logging
import secrets
from pathlib import Path

from flask import Flask

from config import Config, config_from_env

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_class: type[Config] | None = None, **overrides) -> Flask:
    """Build the application: a table of contents of what Steerco is made of."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    configure(app, config_class or config_from_env(), overrides)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def configure(app: Flask, config_class: type[Config], overrides: dict) -> None:
    app.config.from_object(config_class)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path)}/steerco.db"
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("SECRET_KEY must be set in production (environment variable).")
        app.config["SECRET_KEY"] = _development_secret(Path(app.instance_path))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql://"):
        # psycopg 3 is the driver we ship.
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["SQLALCHEMY_DATABASE_URI"].replace(
            "postgresql://", "postgresql+psycopg://", 1)
    # One catalogue for the shared pages and one per domain package that keeps its own.
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        ["translations", *sorted(str(p.relative_to(app.root_path))
                                 for p in Path(app.root_path).glob("*/translations"))])
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from app.core.db import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any blueprint adds its routes


def _development_secret(instance: Path) -> str:
    """A random key kept in the instance folder, so development sessions survive restarts."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (the whole schema, for the ORM and Alembic)
    from app.accounts.service import load_session_user
    from app.core.db import configure_sqlite
    from app.core.i18n import select_locale
    from app.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)
    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Log in to see this page.")
    login_manager.login_message_category = "info"
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT"])


def register_blueprints(app: Flask) -> None:
    from app.accounts.views import bp as accounts_bp
    from app.budget.views import bp as budget_bp
    from app.bulletins.views import bp as bulletins_bp
    from app.changes.views import bp as changes_bp
    from app.governance.views import bp as governance_bp
    from app.organisation.views import bp as organisation_bp
    from app.planning.views import bp as planning_bp
    from app.projects.views import bp as projects_bp
    from app.quality.views import bp as quality_bp
    from app.requirements.views import bp as requirements_bp
    from app.risks.views import bp as risks_bp
    from app.strategy.views import bp as strategy_bp
    from app.training.views import bp as training_bp
    from app.vendors.views import bp as vendors_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(budget_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(bulletins_bp)
    app.register_blueprint(strategy_bp)
    app.register_blueprint(planning_bp)
    app.register_blueprint(vendors_bp)
    app.register_blueprint(requirements_bp)
    app.register_blueprint(governance_bp)
    app.register_blueprint(risks_bp)
    app.register_blueprint(training_bp)
    app.register_blueprint(quality_bp)
    app.register_blueprint(changes_bp)
    app.register_blueprint(organisation_bp)


def register_error_handlers(app: Flask) -> None:
    from app.core.errors import register_error_handlers as register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from app.core.security import register_security

    register_security(app)


def register_template_helpers(app: Flask) -> None:
    from app.core.templating import register_templating

    register_templating(app)


def register_commands(app: Flask) -> None:
    from app.cli import register_cli

    register_cli(app)
