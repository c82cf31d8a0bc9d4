"""Forms for creating and editing projects, their calendar and their members."""

import re
from datetime import date

from babel.numbers import get_currency_name, list_currencies
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.core.permissions import ROLE_LABELS, Role

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
WEEKDAYS = choices([
    ("0", _l("Monday")), ("1", _l("Tuesday")), ("2", _l("Wednesday")), ("3", _l("Thursday")),
    ("4", _l("Friday")), ("5", _l("Saturday")), ("6", _l("Sunday")),
])
MAX_HOLIDAYS = 400
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def currency_choices() -> list[tuple[str, str]]:
    locale = get_locale() or "en"
    codes = sorted(c for c in list_currencies() if len(c) == 3)
    return choices((c, f"{c} — {get_currency_name(c, locale=locale)}") for c in codes)


def parse_holidays(text: str) -> list[tuple[date, str]]:
    """Lines of `YYYY-MM-DD name`; raises ValueError naming the first bad line."""
    result: dict[date, str] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        day_text, _sep, name = line.partition(" ")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            raise ValueError(str(_l("Line %(n)d: start with a date written YYYY-MM-DD.",
                                    n=number))) from None
        if not EARLIEST <= day <= LATEST:
            raise ValueError(str(_l("Line %(n)d: the date is out of range.", n=number)))
        if day in result:
            raise ValueError(str(_l("Line %(n)d: %(day)s is listed twice.", n=number,
                                    day=day.isoformat())))
        name = name.strip()
        if len(name) > 120 or re.search(r"[<>\x00-\x1f\x7f]", name):
            raise ValueError(str(_l("Line %(n)d: the name is too long or has < or >.",
                                    n=number)))
        result[day] = name
    if len(result) > MAX_HOLIDAYS:
        raise ValueError(str(_l("List at most %(n)d holidays.", n=MAX_HOLIDAYS)))
    return sorted(result.items())


def format_holidays(holidays) -> str:
    return "\n".join(f"{h.day.isoformat()} {h.name}".rstrip() for h in holidays)


class ProjectForm(BaseForm):
    code = StringField(
        _l("Code"),
        description=_l("Short and unique, capital letters, digits and hyphens, e.g. QUEST-ASIA."),
        validators=[DataRequired(), Length(min=2, max=20)],
        filters=[lambda v: v.upper() if isinstance(v, str) else v],
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()])
    description = TextAreaField(_l("Description"),
                                validators=[Length(max=20000), MultilineText()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    currency = SelectField(_l("Currency"), validators=[InputRequired()])
    working_days = SelectMultipleField(
        _l("Working weekdays"), choices=WEEKDAYS,
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )
    holidays = TextAreaField(
        _l("Holidays"),
        description=_l("One per line: the date as YYYY-MM-DD, a space, then the name."),
        validators=[Length(max=40000)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency.choices = currency_choices()
        self.parsed_holidays: list[tuple[date, str]] = []

    def validate_code(self, field):
        if not CODE_PATTERN.match(field.data or ""):
            raise ValidationError(_l("Use capital letters, digits and single hyphens, "
                                     "starting with a letter."))

    def validate_start_date(self, field):
        if field.data and not EARLIEST <= field.data <= LATEST:
            raise ValidationError(_l("The date is out of range."))

    def validate_working_days(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one working weekday."))

    def validate_holidays(self, field):
        try:
            self.parsed_holidays = parse_holidays(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def working_days_flags(self) -> str:
        chosen = set(self.working_days.data or [])
        return "".join("1" if str(i) in chosen else "0" for i in range(7))


class ProjectEditForm(ProjectForm, VersionedForm):
    """Editing keeps the code: other records and people refer to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.code


ROLE_CHOICES = choices((r.value, ROLE_LABELS[r]) for r in Role)


class MemberAddForm(BaseForm):
    email = EmailField(_l("User's email"), validators=[
        DataRequired(), Length(max=254), Email(message=_l("Enter a valid email address."))])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])


class MemberRoleForm(VersionedForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[InputRequired()])


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    # Choices are set from the trail before validation: an unknown value gets a message.
    entity_type = SelectField(_l("Record type"), default="")
    actor = SelectField(_l("Who"), default="")
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
