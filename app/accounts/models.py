"""User accounts, their server-side login sessions, and their roles in projects."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Audited, Base, TimestampMixin, UTCDateTime, VersionedMixin, utcnow
from app.core.permissions import ROLE_LABELS, Role


class User(UserMixin, Audited, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(20))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.CheckConstraint("email = lower(email)", name="email_lowercase"),)

    audit_exclude = frozenset(
        {"password_hash", "failed_logins", "locked_until", "last_login_at", "created_at",
         "updated_at"}
    )
    audit_type_label = _l("User account")
    audit_field_labels = {
        "email": _l("Email"), "name": lazy_pgettext("person", "Name"),
        "password_changed_at": _l("Password changed"), "is_admin": _l("Site administrator"),
        "active": _l("Active"), "locale": _l("Language"),
    }
    # Set when the user is loaded from a login session; Flask-Login stores it in the cookie.
    session_token = None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str | None:
        return self.session_token

    def audit_project_id(self) -> None:
        return None

    def audit_label(self) -> str:
        return self.email


class UserSession(Base):
    """A server-side login session: logout or deactivation deletes it, so old cookies die."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<UserSession {self.id} user={self.user_id}>"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


ROLE_VALUES = ", ".join(f"'{r.value}'" for r in Role)


class Membership(Audited, TimestampMixin, VersionedMixin, Base):
    """A user's one role in one project."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        sa.ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(sa.String(20))

    user: Mapped[User] = relationship(back_populates="memberships")
    project: Mapped["Project"] = relationship(back_populates="memberships")  # noqa: F821

    __table_args__ = (
        sa.UniqueConstraint("project_id", "user_id", name="uq_membership_project_user"),
        sa.CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_known"),
    )

    audit_type_label = _l("Membership")
    audit_field_labels = {"user_id": _l("User"), "role": _l("Role")}
    audit_value_labels = {"role": ROLE_LABELS}

    def __repr__(self) -> str:
        return f"<Membership project={self.project_id} user={self.user_id} {self.role}>"

    def audit_label(self) -> str:
        return f"{self.project_id}:{self.user_id}"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)
