"""What every sign-off record shares: who signed, in which role, and the hash of what they read."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, declared_attr, joinedload, mapped_column

from app.core.model_base import UTCDateTime, utcnow
from app.extensions import db

# Audit trail labels every sign-off model uses alike; each model merges in its own for the
# columns it names differently (version, person, when). Every sign-off has a `meaning`, but its
# length differs between models, so that column stays in each model.
SIGNOFF_FIELD_LABELS = {"role": _l("Role"), "meaning": _l("Meaning"), "comment": _l("Comment"),
                        "content_sha256": _l("SHA-256 signed")}


def signoff_constraints(unique_name: str) -> tuple:
    """One signature per person per version, and a hash of the right length."""
    return (sa.UniqueConstraint("version_id", "user_id", name=unique_name),
            sa.CheckConstraint("length(content_sha256) = 64", name="sha256_length"))


class SignoffMixin:
    """The columns of a sign-off of one version. The model adds `version_id`, `meaning` and a
    `version` relationship whose `sha256` hashes the content as it is stored now."""

    # Foreign keys on a mixin are declared per model, so each table gets its own.
    @declared_attr
    def project_id(cls) -> Mapped[int]:
        return mapped_column(sa.ForeignKey("project.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def user_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    signer_label: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    content_sha256: Mapped[str] = mapped_column(sa.String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} v{self.version_id} by {self.signer_label}>"

    @classmethod
    def of(cls, version, project, actor, role, meaning: str, comment: str, **extra):
        """A sign-off of `version` by `actor` (None: the command line, signing as "system"),
        recording the hash of the content as stored."""
        return cls(version=version, project_id=project.id,
                   user_id=actor.id if actor is not None else None,
                   signer_label=actor.name if actor is not None else "system",
                   role=role.value if role else "", meaning=meaning,
                   comment=(comment or "").strip(), content_sha256=version.sha256, **extra)

    @property
    def valid(self) -> bool:
        """Whether the stored content still hashes to what was signed."""
        return self.content_sha256 == self.version.sha256


def refuse_unless_read(version, seen_sha256: str, error: Exception) -> None:
    """Refuse to sign content other than what the signer read: the hash their form carried must
    be the stored content's."""
    if seen_sha256 != version.sha256:
        raise error


def find_invalid(model, project=None) -> list:
    """Sign-offs of `model` (in `project`, else all) whose stored content no longer hashes to
    what was signed (tampering)."""
    query = sa.select(model).options(joinedload(model.version)).order_by(model.id)
    if project is not None:
        query = query.where(model.project_id == project.id)
    return [s for s in db.session.execute(query).scalars() if not s.valid]
