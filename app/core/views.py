"""Helpers shared by the domains' views."""

from flask import flash, request

from app.core.errors import DomainError, StaleEdit
from app.extensions import db


def run(form, action, success: str, *, passthrough: tuple[type[Exception], ...] = ()):
    """Validate `form` and call `action()`; return (result, status); errors land on the form.

    `passthrough`: domain errors the caller's error handler answers instead (e.g. an edit that
    needs a change request and is redirected to one).
    """
    if request.method != "POST":
        return None, 200
    if not form.validate_on_submit():
        return None, 400
    try:
        result = action()
    except passthrough:
        raise
    except StaleEdit as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, 409
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, exc.status
    flash(success, "success")
    return result, 302
