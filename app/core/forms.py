"""Form building blocks shared by every domain: text hygiene and the hidden version field."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from app.core.errors import StaleEdit

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"[<>]")
_VERSION = re.compile(r"[0-9]{1,9}")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs, in the form WTForms 3.3 expects."""
    return [SelectChoice(value, label) for value, label in pairs]


class PlainText:
    """A single-line name or title: no markup characters, no control characters, no newlines."""

    def __call__(self, form, field):
        value = field.data or ""
        if _CONTROL.search(value) or "\n" in value or "\r" in value:
            raise ValidationError(_l("Remove control characters and line breaks."))
        if _MARKUP.search(value):
            raise ValidationError(_l("Do not use the characters < and > here."))


class MultilineText:
    """Free text (Markdown is sanitized when shown): only control characters are refused."""

    def __call__(self, form, field):
        if _CONTROL.search(field.data or ""):
            raise ValidationError(_l("Remove control characters."))


def refuse_nul(form, field):
    """No NUL byte in any submitted value: PostgreSQL cannot store or even compare one."""
    if not field.errors and any(isinstance(v, str) and "\x00" in v for v in field.raw_data or ()):
        raise ValidationError(_l("Remove control characters."))


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            # Passwords are taken exactly as typed.
            if unbound_field.field_class is not PasswordField and strip not in filters:
                unbound_field.kwargs["filters"] = [strip, *filters]
            return unbound_field.bind(form=form, **options)

    def validate(self, extra_validators=None):
        # Every field but passwords (hashed, never stored or compared as text) refuses NUL,
        # so a form without PlainText (a login email) cannot send one to the database.
        extra = {name: list(v) for name, v in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if not isinstance(field, PasswordField):
                extra.setdefault(name, []).append(refuse_nul)
        return super().validate(extra)


def whole_version(form, field):
    # str(): a JSON body may carry the version as a number.
    if not _VERSION.fullmatch(str(field.data)):
        raise ValidationError(StaleEdit.default_message)


class VersionedForm(BaseForm):
    """An edit form: carries the version of the record it was loaded with."""

    # Only a broken or tampered form lacks a whole-number version; reloading is the remedy,
    # so it gets the stale-edit message (shown by the form_errors macro: the field is hidden).
    version = HiddenField(_l("Version"), validators=[
        InputRequired(message=StaleEdit.default_message), whole_version])


class ConfirmForm(VersionedForm):
    """A bare POST button that acts on one record (deactivate, remove)."""
