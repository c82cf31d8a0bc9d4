"""Database behaviour: SQLite pragmas and write locks, and the service transaction wrapper."""

import functools
import random
import time
from contextvars import ContextVar

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.routing import IntegerConverter

from app.core.errors import StaleEdit
from app.extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock

_write_intent: ContextVar[bool | None] = ContextVar("write_intent", default=None)
_in_transaction: ContextVar[bool] = ContextVar("in_service_transaction", default=False)


# The largest id an INTEGER primary key holds on PostgreSQL (and well inside SQLite's range).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in URLs: a number past MAX_ID does not match (404) instead of overflowing
    the database driver (500)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def wants_write_lock() -> bool:
    """Whether a new transaction should take SQLite's write lock up front.

    A deferred transaction that reads and then writes fails with "database is locked" when
    another worker wrote in between, so every request that may write (any non-safe method,
    any CLI command) begins IMMEDIATE; page views begin deferred so readers never queue.
    """
    explicit = _write_intent.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        return request.method not in SAFE_METHODS
    return True


def configure_sqlite(engine: Engine, busy_timeout_s: int) -> None:
    """WAL, foreign keys, busy timeout and explicit BEGIN [IMMEDIATE] on every connection."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let us issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write_lock() else "BEGIN")


def is_retryable(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def transactional(fn):
    """Run a service function as one transaction: commit on success, roll back on any error.

    PostgreSQL serialization failures and deadlocks are retried a bounded number of times;
    a concurrent update caught by the version counter becomes StaleEdit. Nested service calls
    join the outer transaction.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if _in_transaction.get():
            return fn(*args, **kwargs)
        attempts = current_app.config["DB_RETRY_ATTEMPTS"] if has_app_context() else 4
        for attempt in range(1, attempts + 1):
            token = _in_transaction.set(True)
            try:
                result = fn(*args, **kwargs)
                db.session.commit()
                return result
            except StaleDataError:
                db.session.rollback()
                raise StaleEdit() from None
            except DBAPIError as exc:
                db.session.rollback()
                if is_retryable(exc) and attempt < attempts:
                    time.sleep(random.uniform(0.01, 0.05) * attempt)
                    continue
                raise
            except BaseException:
                db.session.rollback()
                raise
            finally:
                _in_transaction.reset(token)
        raise AssertionError("unreachable")

    return wrapper
