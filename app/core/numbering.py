"""Human ids per project (REQ-001, CR-0001, RISK-01): unique and gapless under concurrency.

A counter row is bumped in the same transaction as the insert that uses the number, so a
rolled-back insert gives its number back (a sequence would leave a gap).
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Base
from app.extensions import db


class Counter(Base):
    __tablename__ = "counter"

    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Counter {self.project_id}:{self.kind}={self.value}>"


def next_number(project_id: int, kind: str) -> int:
    """Reserve the next number of `kind` in the project; call inside the inserting transaction."""
    table = Counter.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(table).values(project_id=project_id, kind=kind, value=0).on_conflict_do_nothing()
    )
    # The UPDATE takes the row lock on PostgreSQL; SQLite writers already hold the write lock.
    return db.session.execute(
        sa.update(table)
        .where(table.c.project_id == project_id, table.c.kind == kind)
        .values(value=table.c.value + 1)
        .returning(table.c.value)
    ).scalar_one()


def format_number(prefix: str, number: int, width: int) -> str:
    return f"{prefix}-{number:0{width}d}"
