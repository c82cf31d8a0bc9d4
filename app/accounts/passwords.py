"""Password policy: long enough, not common or guessable, hashed with werkzeug."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
# zxcvbn scores 0 (top of the common-password lists) to 4; below 2 is guessable in minutes.
MIN_STRENGTH = 2


def password_problem(password: str, *user_inputs: str) -> str | None:
    """Why `password` is not acceptable, or None. zxcvbn knows the common-password lists."""
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    if zxcvbn(password, user_inputs=[u for u in user_inputs if u])["score"] < MIN_STRENGTH:
        return str(_l("This password is too common or too easy to guess. Choose another."))
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


# Compared against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASHES: dict[str, str] = {}


def dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash("not-a-real-password", method=method)
    return _DUMMY_HASHES[method]
