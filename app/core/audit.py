"""Append-only audit trail, written by session events in the same transaction as the change.

Every row carries the hash of the previous row, so changing or deleting a row breaks the chain
and `flask audit verify` names the first bad row.
"""

import enum
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.model_base import Audited, Base, UTCDateTime, utcnow

GENESIS_HASH = "0" * 64
# Any constant works: it names the one lock that serialises appends to the chain on PostgreSQL.
AUDIT_LOCK_KEY = 0x5354_4545_5243


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_label: Mapped[str] = mapped_column(sa.String(200))
    project_id: Mapped[int | None] = mapped_column(index=True)
    entity_type: Mapped[str] = mapped_column(sa.String(80), index=True)
    entity_id: Mapped[str] = mapped_column(sa.String(80))
    action: Mapped[str] = mapped_column(sa.String(10))
    changes: Mapped[str] = mapped_column(sa.Text)
    context: Mapped[str | None] = mapped_column(sa.String(200))
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64), unique=True)

    __table_args__ = (
        sa.CheckConstraint("action IN ('insert', 'update', 'delete')", name="action_known"),
    )

    def __repr__(self) -> str:
        return f"<AuditLog {self.id} {self.action} {self.entity_type}:{self.entity_id}>"

    def change_dict(self) -> dict:
        return json.loads(self.changes)


@dataclass(frozen=True)
class Actor:
    id: int | None
    label: str


SYSTEM = Actor(None, "system")
_actor: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)
_context: ContextVar[str | None] = ContextVar("audit_context", default=None)


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def set_actor(actor: Actor):
    return _actor.set(actor)


def reset_actor(token) -> None:
    _actor.reset(token)


@contextmanager
def audit_context(reference: str) -> Iterator[None]:
    """Tag every audit row written inside the block, e.g. with the change request applied."""
    token = _context.set(reference)
    try:
        yield
    finally:
        _context.reset(token)


def _plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _audited_columns(obj: Audited):
    mapper = sa.inspect(obj).mapper
    for column_attr in mapper.column_attrs:
        key = column_attr.key
        if key == "version" or key in obj.audit_exclude:
            continue
        yield key


def _insert_changes(obj) -> dict:
    return {k: [None, _plain(getattr(obj, k))] for k in _audited_columns(obj)}


def _delete_changes(obj) -> dict:
    state = sa.inspect(obj)
    return {k: [_plain(state.dict.get(k)), None] for k in _audited_columns(obj)}


def _update_changes(obj) -> dict:
    state = sa.inspect(obj)
    changes = {}
    for key in _audited_columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if before != after:
            changes[key] = [_plain(before), _plain(after)]
    return changes


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(row: dict) -> str:
    """The hash that links a row to the chain: every stored field but the id and the hash."""
    fields = [
        row["prev_hash"],
        row["at"].isoformat(),
        row["actor_id"],
        row["actor_label"],
        row["project_id"],
        row["entity_type"],
        row["entity_id"],
        row["action"],
        row["changes"],
        row["context"],
    ]
    return hashlib.sha256(canonical(fields).encode()).hexdigest()


def _pending_entries(session: Session) -> list[tuple[str, Audited, dict]]:
    entries = []
    for obj in session.new:
        if isinstance(obj, Audited):
            entries.append(("insert", obj, _insert_changes(obj)))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            changes = _update_changes(obj)
            if changes:
                entries.append(("update", obj, changes))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            entries.append(("delete", obj, _delete_changes(obj)))
    entries.sort(key=lambda e: (type(e[1]).__name__, str(e[1].audit_label())))
    return entries


@event.listens_for(Session, "after_flush")
def _write_audit_rows(session: Session, _flush_context) -> None:
    entries = _pending_entries(session)
    if not entries:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    table = AuditLog.__table__
    prev = connection.execute(
        sa.select(table.c.hash).order_by(table.c.id.desc()).limit(1)
    ).scalar()
    prev = prev or GENESIS_HASH
    actor, context, at = _actor.get(), _context.get(), utcnow()
    rows = []
    for action, obj, changes in entries:
        row = {
            "at": at,
            "actor_id": actor.id,
            "actor_label": actor.label,
            "project_id": obj.audit_project_id(),
            "entity_type": type(obj).__name__,
            "entity_id": str(obj.audit_label()),
            "action": action,
            "changes": canonical(changes),
            "context": context,
            "prev_hash": prev,
        }
        row["hash"] = prev = row_hash(row)
        rows.append(row)
    connection.execute(sa.insert(table), rows)


def audited_model(entity_type: str) -> type[Audited] | None:
    for mapper in Base.registry.mappers:
        if mapper.class_.__name__ == entity_type and issubclass(mapper.class_, Audited):
            return mapper.class_
    return None


def type_label(entity_type: str) -> str:
    """What users call a record type named on the trail: its model's label, else the name."""
    label = getattr(audited_model(entity_type), "audit_type_label", None)
    return str(label) if label else entity_type


# Columns most governed records share, named once for all of them.
COMMON_FIELD_LABELS = {"id": _l("ID"), "project_id": _l("Project")}


def field_label(entity_type: str, key: str) -> str:
    """What users call a column named in a trail row's changes: its label, else the name."""
    labels = getattr(audited_model(entity_type), "audit_field_labels", {})
    return str(labels.get(key) or COMMON_FIELD_LABELS.get(key, key))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows_checked: int
    bad_row_id: int | None = None
    reason: str | None = None


def verify_chain(session: Session) -> VerifyResult:
    """Walk the chain in id order; report the first row whose link or content was altered."""
    table = AuditLog.__table__
    prev = GENESIS_HASH
    checked = 0
    rows = session.execute(sa.select(table).order_by(table.c.id)).mappings()
    for row in rows:
        checked += 1
        if row["prev_hash"] != prev:
            return VerifyResult(
                False, checked, row["id"],
                "its link to the previous row is broken (a row before it was deleted or altered)",
            )
        if row_hash(dict(row)) != row["hash"]:
            return VerifyResult(False, checked, row["id"], "its content does not match its hash")
        prev = row["hash"]
    return VerifyResult(True, checked)
