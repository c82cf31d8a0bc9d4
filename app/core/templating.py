"""Template globals and filters shared by every page."""

from babel.dates import get_day_names
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale, pgettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.core.audit import audited_model, field_label, type_label
from app.core.forms import BaseForm
from app.core.i18n import html_lang
from app.core.markdown import render_markdown
from app.core.permissions import ROLE_LABELS, can

ACTION_LABELS = {"insert": _l("created"), "update": _l("changed"), "delete": _l("deleted")}


class _CsrfOnlyForm(BaseForm):
    """Carries the CSRF token for bare POST buttons (logout, language)."""


def weekday_names(days: list[int]) -> str:
    names = get_day_names("wide", locale=get_locale() or "en")
    # Chinese lists take the enumeration comma (、), not ", ".
    return pgettext("list separator", ", ").join(names[d] for d in days)


def audit_value(entity_type: str, key: str, value) -> str:
    """A value from an audit row as users read it: a coded value's label, yes/no, ∅ for none."""
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    labels = getattr(audited_model(entity_type), "audit_value_labels", {}).get(key, {})
    return str(labels.get(value, value) if isinstance(value, str | int) else value)


def _escape_lazy(value):
    return str(value) if isinstance(value, LazyString) else value


def register_templating(app: Flask) -> None:
    @app.context_processor
    def globals_():
        return {
            "can": can,
            "current_project": g.get("project"),
            "current_role": g.get("role"),
            "role_labels": ROLE_LABELS,
            "action_labels": ACTION_LABELS,
            "languages": current_app.config["LANGUAGES"],
            "current_locale": str(get_locale()),
            "html_lang": html_lang(get_locale()),
            # formdata=None: drawing the layout never parses the request body, so the 413
            # page for an oversized body can render. Outside a request (a bulletin rendered
            # by a command) there is no session to hold a token, and no form to post.
            "csrf_form": _CsrfOnlyForm(formdata=None) if has_request_context() else None,
            "request_path": request.full_path.rstrip("?") if request else "/",
            "weekday_names": weekday_names,
            "record_type_label": type_label,
            "field_label": field_label,
            "audit_value": audit_value,
        }

    # Flask-Babel's lazy strings claim to be safe HTML (__html__), so a message carrying user
    # input (a form error, a DomainError) would skip escaping: make them plain text first.
    app.jinja_env.finalize = _escape_lazy
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = lambda d, fmt="medium": format_date(d, fmt) if d else ""
    app.jinja_env.filters["datetime"] = (
        lambda d, fmt="medium": format_datetime(d, fmt) if d else ""
    )
