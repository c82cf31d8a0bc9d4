"""Account operations: login and logout, user administration, password changes."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from app.accounts.models import User, UserSession
from app.accounts.passwords import dummy_hash, hash_password, password_problem, verify_password
from app.core.db import transactional
from app.core.errors import DomainError, check_version
from app.core.model_base import utcnow
from app.core.permissions import require_admin
from app.extensions import db

LOGIN_FAILED = _l(
    "Email or password is wrong, or the account is locked for a while after repeated failures."
)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        sa.select(User).where(User.email == normalize_email(email))
    ).scalar_one_or_none()


@transactional
def authenticate(email: str, password: str) -> tuple[User, str]:
    """Check credentials and open a server-side session; returns the user and session token.

    Failures are counted per account; past the limit the account is locked for a while, and
    the message never tells whether the email exists.
    """
    user = find_user(email)
    now = utcnow()
    if user is None:
        verify_password(dummy_hash(), password)
        raise DomainError(LOGIN_FAILED)
    locked = user.locked_until is not None and user.locked_until > now
    if locked or not verify_password(user.password_hash, password) or not user.active:
        if not locked:
            _count_failure(user, now)
        db.session.commit()  # the failure count must survive the refusal
        raise DomainError(LOGIN_FAILED)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    db.session.add(
        UserSession(token_hash=UserSession.hash_token(token), user=user, expires_at=now + lifetime)
    )
    return user, token


def _count_failure(user: User, now) -> None:
    user.failed_logins += 1
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0


def load_session_user(token: str) -> User | None:
    """The user behind a live session token, or None if it ended, expired or was deactivated."""
    if not token:
        return None
    row = db.session.execute(
        sa.select(UserSession)
        .where(UserSession.token_hash == UserSession.hash_token(token))
        .options(sa.orm.joinedload(UserSession.user))
    ).scalar_one_or_none()
    if row is None or row.expires_at <= utcnow() or not row.user.active:
        return None
    row.user.session_token = token
    return row.user


@transactional
def end_session(token: str | None) -> None:
    if token:
        db.session.execute(
            sa.delete(UserSession).where(UserSession.token_hash == UserSession.hash_token(token))
        )


def _end_all_sessions(user: User) -> None:
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))


def _check_password(password: str, email: str, name: str) -> None:
    problem = password_problem(password, email, name)
    if problem:
        raise DomainError(problem)


@transactional
def create_user(actor: User | None, email: str, name: str, password: str,
                is_admin: bool = False) -> User:
    """Create an account. `actor` None means the command line, which runs as the system."""
    if actor is not None:
        require_admin(actor)
    email = normalize_email(email)
    if find_user(email) is not None:
        raise DomainError(_l("An account with this email already exists."))
    _check_password(password, email, name)
    user = User(email=email, name=name.strip(), password_hash=hash_password(password),
                is_admin=is_admin)
    db.session.add(user)
    db.session.flush()
    return user


@transactional
def update_user(actor: User, user: User, version, *, name: str, is_admin: bool) -> User:
    require_admin(actor)
    check_version(user, version)
    if user.id == actor.id and not is_admin:
        raise DomainError(_l("You cannot remove your own administrator right."))
    user.name = name.strip()
    user.is_admin = is_admin
    return user


@transactional
def set_active(actor: User, user: User, version, active: bool) -> User:
    """Deactivate (ending every session at once) or reactivate an account."""
    require_admin(actor)
    check_version(user, version)
    if user.id == actor.id and not active:
        raise DomainError(_l("You cannot deactivate your own account."))
    user.active = active
    if not active:
        _end_all_sessions(user)
    return user


@transactional
def reset_password(actor: User, user: User, version, password: str) -> User:
    """An administrator sets a new password; the user's open sessions end."""
    require_admin(actor)
    check_version(user, version)
    _check_password(password, user.email, user.name)
    _set_password(user, password)
    _end_all_sessions(user)
    return user


@transactional
def change_own_password(user: User, current: str, new: str) -> User:
    if not verify_password(user.password_hash, current):
        raise DomainError(_l("Your current password is not right."))
    _check_password(new, user.email, user.name)
    keep = user.session_token
    _set_password(user, new)
    # Other sessions (another browser, a stolen cookie) end; this one stays.
    db.session.execute(
        sa.delete(UserSession).where(
            UserSession.user_id == user.id,
            UserSession.token_hash != UserSession.hash_token(keep or ""),
        )
    )
    return user


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.failed_logins = 0
    user.locked_until = None


@transactional
def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def list_users() -> list[User]:
    return list(db.session.execute(sa.select(User).order_by(User.name)).scalars())
