"""Daily snapshots of a project's governance health, kept for the trend: append-only."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column

from app.core.model_base import Base, UTCDateTime, utcnow


class SnapshotImmutable(Exception):
    """A health snapshot is a record of a past day: it is never changed or deleted."""


class HealthSnapshot(Base):
    """The scorecard as computed on one day: computed by the system, not audited (nobody edits
    it; the records it judges are audited), one per project and day."""

    __tablename__ = "health_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    taken_on: Mapped[date]
    score: Mapped[int | None]  # None when no rule applied
    status: Mapped[str] = mapped_column(sa.String(16))
    statuses: Mapped[dict] = mapped_column(sa.JSON)  # rule id -> red/amber/green/not_applicable
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("project_id", "taken_on", name="uq_health_snapshot_project_day"),
        sa.CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
        sa.CheckConstraint("status IN ('red', 'amber', 'green', 'not_applicable')",
                           name="status_known"),
    )

    def __repr__(self) -> str:
        return f"<HealthSnapshot {self.project_id} {self.taken_on} {self.score}>"


@event.listens_for(HealthSnapshot, "before_update")
def _refuse_update(_mapper, _connection, target) -> None:
    raise SnapshotImmutable(f"health snapshot {target.id} cannot change")


@event.listens_for(HealthSnapshot, "before_delete")
def _refuse_delete(_mapper, _connection, target) -> None:
    raise SnapshotImmutable(f"health snapshot {target.id} cannot be deleted")
