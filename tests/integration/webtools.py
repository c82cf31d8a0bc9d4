"""Helpers for tests that drive the foundation through its pages: page text as a reader sees
it, and fresh reads of rows."""

import html

import sqlalchemy as sa

from app.extensions import db


def text(response) -> str:
    """The page as a reader sees it: entities decoded, so messages compare as written."""
    return html.unescape(response.get_data(as_text=True))


def table_row(model, record_id) -> dict:
    """A fresh read of one row, past every ORM cache."""
    return dict(db.session.execute(
        sa.select(model.__table__).where(model.__table__.c.id == record_id)).mappings().one())


def count(model) -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()
