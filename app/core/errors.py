"""Domain errors raised by services, and the one place that renders error responses."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """A rule of the domain refused the operation; `message` is safe to show to the user."""

    status = 400

    def __init__(self, message: str | None = None):
        super().__init__(message)
        self.message = message or str(self.default_message)

    default_message = _l("The operation was refused.")


class StaleEdit(DomainError):
    status = 409
    default_message = _l(
        "This record was changed by someone else after you opened it. "
        "Nothing was saved: reload it, look at the changes and apply yours again."
    )


class PermissionDenied(DomainError):
    status = 403
    default_message = _l("Your role in this project does not allow this.")


class NotFound(DomainError):
    status = 404
    default_message = _l("Not found.")


def check_version(record, submitted_version) -> None:
    """Refuse an edit prepared against an older version of `record` (optimistic locking)."""
    try:
        submitted = int(submitted_version)
    except (TypeError, ValueError):
        raise StaleEdit() from None
    if submitted != record.version:
        raise StaleEdit()


TITLES = {
    400: _l("Bad request"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Changed by someone else"),
    413: _l("Too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
}

MESSAGES = {
    400: _l("The request could not be understood. Go back, check the form and try again."),
    403: _l("Your role does not allow this page or action."),
    404: _l("There is nothing here, or you have no access to it."),
    405: _l("This address does not accept that kind of request."),
    409: StaleEdit.default_message,
    413: _l("What you sent is larger than Steerco accepts."),
    429: _l("Too many attempts. Wait a while and try again."),
    500: _l("Steerco could not finish this request. Nothing was saved. Try again later."),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def json_error(status: int, message: str, **extra):
    """The single builder of JSON error bodies."""
    body = {"error": {"status": status, "message": message, **extra}}
    return jsonify(body), status


def render_error(status: int, message: str | None = None):
    """The single renderer of error pages and error bodies."""
    text = str(message or MESSAGES.get(status, TITLES.get(500)))
    if wants_json():
        return json_error(status, text)
    title = TITLES.get(status, _("Error"))
    return render_template("errors/error.html", status=status, title=title, message=text), status


def register_error_handlers(app: Flask) -> None:
    from app.extensions import db

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        description = None
        if exc.code in (400, 403) and getattr(exc, "description", None) and "CSRF" in str(
            exc.description
        ):
            description = _(
                "Your form expired or was sent from elsewhere. Reload the page and try again."
            )
        return render_error(exc.code or 500, description)

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return render_error(exc.status, exc.message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)
