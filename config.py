"""Configuration classes, read from the environment.

`STEERCO_ENV` picks the class (development, testing, production); `DATABASE_URL` picks the
database (default: a SQLite file in the instance folder); `SECRET_KEY` is required in production.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    # Cookies: never readable from scripts, not sent on cross-site subrequests.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "steerco_session"
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    REMEMBER_COOKIE_HTTPONLY = True

    # Request size limits, answered with 413.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 512 * 1024
    MAX_FORM_PARTS = 2000

    WTF_CSRF_TIME_LIMIT = 8 * 3600

    LANGUAGES = {"en": "English", "zh_Hans_CN": "简体中文"}
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"

    # Account protection: after this many failed logins the account is locked for a while.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    PASSWORD_HASH_METHOD = "scrypt"

    # Bounded retries of a transaction that PostgreSQL aborted as a serialization failure.
    DB_RETRY_ATTEMPTS = 4
    # Seconds a SQLite writer waits for the write lock before giving up.
    SQLITE_BUSY_TIMEOUT = 30

    AUDIT_PAGE_SIZE = 50


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production"
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # cheap hashing keeps the suite fast
    LOGIN_LOCK_MINUTES = 15


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """The configuration class named by STEERCO_ENV (development by default)."""
    name = os.environ.get("STEERCO_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"STEERCO_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None
