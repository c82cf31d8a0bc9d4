"""Frozen baselines of signed-off requirements: the baseline and its snapshot rows."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Audited, Base, UTCDateTime, utcnow
from app.requirements import logic
from app.requirements.models import CODED_VALUES, CONTENT_LABELS


class RequirementBaseline(Audited, Base):
    """A named, frozen set of signed-off requirements; its items never change."""

    __tablename__ = "requirement_baseline"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(120))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    created_by_label: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    items: Mapped[list["BaselineItem"]] = relationship(
        back_populates="baseline", cascade="all, delete-orphan", order_by="BaselineItem.code")

    __table_args__ = (
        sa.UniqueConstraint("project_id", "number", name="uq_requirement_baseline_number"),
        sa.UniqueConstraint("project_id", "name", name="uq_requirement_baseline_name"),
    )

    audit_type_label = _l("Requirements baseline")
    audit_field_labels = {"number": _l("Sequence number"), "name": _l("Name"), "note": _l("Note"),
                          "created_by_label": _l("Taken by")}

    def __repr__(self) -> str:
        return f"<RequirementBaseline {self.number} {self.name!r}>"

    def audit_label(self) -> str:
        return f"BL-{self.number}"


class BaselineItem(Audited, Base):
    """A snapshot row: the signed version of one requirement as the baseline froze it."""

    __tablename__ = "requirement_baseline_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement_baseline.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    requirement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("requirement.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(20))
    version_number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20))
    priority: Mapped[str] = mapped_column(sa.String(10))
    department: Mapped[str] = mapped_column(sa.String(20))
    objective_codes: Mapped[str] = mapped_column(sa.String(400), default="")
    content_sha256: Mapped[str] = mapped_column(sa.String(64))

    baseline: Mapped[RequirementBaseline] = relationship(back_populates="items")

    __table_args__ = (
        sa.UniqueConstraint("baseline_id", "requirement_id",
                            name="uq_requirement_baseline_item_pair"),
    )

    audit_type_label = _l("Baseline entry")
    audit_field_labels = {**CONTENT_LABELS, "baseline_id": _l("Baseline"), "code": _l("Code"),
                          "requirement_id": _l("Requirement"), "version_number": _l("Version"),
                          "content_sha256": _l("SHA-256")}
    audit_value_labels = CODED_VALUES

    def __repr__(self) -> str:
        return f"<BaselineItem {self.baseline_id}:{self.code} v{self.version_number}>"

    def audit_label(self) -> str:
        return f"{self.baseline_id}:{self.code}"

    def entry(self) -> logic.BaselineEntry:
        return logic.BaselineEntry(self.requirement_id, self.code, self.version_number,
                                   self.content_sha256, self.title)
