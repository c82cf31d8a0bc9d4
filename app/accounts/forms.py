"""Forms for login, language, own password and user administration."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from app.core.forms import BaseForm, PlainText, VersionedForm


class LoginForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             filters=[])


class LanguageForm(BaseForm):
    language = SelectField(_l("Language"), validators=[InputRequired()])


def _password_fields():
    return (
        PasswordField(_l("New password"), validators=[DataRequired(), Length(max=128)]),
        PasswordField(
            _l("Repeat the new password"),
            validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        ),
    )


class UserCreateForm(BaseForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=254),
                    Email(message=_l("Enter a valid email address."))],
    )
    name = StringField(lazy_pgettext("person", "Name"),
                       validators=[DataRequired(), Length(max=120), PlainText()])
    password, confirm = _password_fields()
    is_admin = BooleanField(_l("Site administrator"))


class UserEditForm(VersionedForm):
    name = StringField(lazy_pgettext("person", "Name"),
                       validators=[DataRequired(), Length(max=120), PlainText()])
    is_admin = BooleanField(_l("Site administrator"))


class PasswordResetForm(VersionedForm):
    password, confirm = _password_fields()


class OwnPasswordForm(BaseForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password, confirm = _password_fields()
