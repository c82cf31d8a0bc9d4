"""Forms for training: programmes, sessions, the roster, attendance and settings."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.training.labels import DEPARTMENT_LABELS, KIND_LABELS

DEPARTMENTS = choices(DEPARTMENT_LABELS.items())


def _in_range(form, field):
    if field.data and not date(2000, 1, 1) <= field.data <= date(2100, 12, 31):
        raise ValidationError(_l("Give a date between 2000 and 2100."))


def _names(form, field):
    names = [n.strip() for n in (field.data or "").splitlines() if n.strip()]
    if not names:
        raise ValidationError(_l("Give at least one name."))
    if len(names) > 500:
        raise ValidationError(_l("At most 500 names at a time."))
    if any(len(n) > 200 or "<" in n or ">" in n for n in names):
        raise ValidationError(_l("One name per line, at most 200 characters, without < and >."))


class ProgrammeForm(BaseForm):
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS.items()),
                       validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000),
                                                                MultilineText()])


class ProgrammeEditForm(ProgrammeForm, VersionedForm):
    pass


class SessionForm(BaseForm):
    programme_id = SelectField(_l("Programme"), coerce=int, validators=[InputRequired()])
    held_on = DateField(_l("Date"), validators=[InputRequired(), _in_range])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200), PlainText()])
    trainer = StringField(_l("Trainer"), validators=[Optional(), Length(max=200), PlainText()])
    audience = SelectMultipleField(_l("Audience departments"), choices=DEPARTMENTS,
                                   widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput(),
                                   validators=[DataRequired(_l("Choose at least one department."))])
    capacity = IntegerField(_l("Capacity (places)"), default=20,
                            validators=[InputRequired(), NumberRange(1, 1000)])


class SessionEditForm(SessionForm, VersionedForm):
    pass


class AttendanceForm(VersionedForm):
    attended = SelectMultipleField(_l("Attended"), coerce=int,
                                   widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())


class TraineesForm(BaseForm):
    department = SelectField(_l("Department"), choices=DEPARTMENTS, validators=[InputRequired()])
    names = TextAreaField(_l("Names"), validators=[_names],
                          description=_l("One end user per line."))


class TraineeEditForm(VersionedForm):
    name = StringField(lazy_pgettext("person", "Name"),
                       validators=[DataRequired(), Length(max=200), PlainText()])
    department = SelectField(_l("Department"), choices=DEPARTMENTS, validators=[InputRequired()])
    active = BooleanField(_l("On the roster (counts as an end user)"))


class SettingsForm(VersionedForm):
    go_live_task_id = SelectField(_l("Go-live milestone"),
                                  coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                                  validate_choice=False)

    def validate_go_live_task_id(self, field):
        allowed = {str(value) for value, *_ in self.go_live_task_id.iter_choices()}
        if field.data is not None and str(field.data) not in allowed:
            raise ValidationError(_l("Choose a milestone of the plan."))


class CoverageForm(BaseForm):
    class Meta:
        csrf = False  # a GET choice of date changes nothing

    by = DateField(_l("Coverage by"), validators=[Optional(), _in_range])
