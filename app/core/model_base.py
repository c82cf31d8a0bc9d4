"""Declarative base with named constraints, and the mixins every model shares."""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Alembic needs every constraint named to alter it on SQLite (batch mode).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored as naive UTC and always returned timezone-aware (SQLite keeps no zone)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic locking: the ORM refuses an UPDATE whose row changed since it was loaded.

    The ORM check only covers one request; a form posted later carries the version it was
    loaded with, and services compare it first (`core.errors.check_version`).
    """

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}


class Audited:
    """Marker: inserts, updates and deletes of this model are written to the audit trail.

    `audit_exclude` names columns kept out of the trail (secrets, counters); a change touching
    only those columns leaves no audit row. `audit_project_id` tells which project a row belongs to.
    """

    audit_exclude = frozenset({"created_at", "updated_at"})
    # What users call this kind of record, its columns and coded values ({column: {value:
    # label}}) on the audit trail page (lazy translations); without them the page shows the
    # class and column names and the stored values.
    audit_type_label = None
    audit_field_labels = {}
    audit_value_labels = {}

    def audit_project_id(self) -> int | None:
        return getattr(self, "project_id", None)

    def audit_label(self) -> str:
        return str(getattr(self, "id", ""))
