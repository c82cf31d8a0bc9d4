"""The schema comes only from the migrations, and they agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db


def test_models_and_migrations_agree(app, db_session):
    """No pending autogenerate diff: whoever changes a model must write the migration."""
    connection = db_session.connection()
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_database_is_at_the_single_head(app, db_session):
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    config = Config(f"{app.extensions['migrate'].directory}/alembic.ini")
    config.set_main_option("script_location", app.extensions["migrate"].directory)
    heads = ScriptDirectory.from_config(config).get_heads()
    current = MigrationContext.configure(db_session.connection()).get_current_heads()
    assert len(heads) == 1 and set(current) == set(heads)
