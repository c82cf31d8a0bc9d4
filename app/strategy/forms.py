"""Forms for the vision, business goals, objectives, KPIs, measurements and readiness."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.strategy.imports import EARLIEST, ValueProblem, parse_value
from app.strategy.labels import (
    AIM_LABELS,
    DIRECTION_LABELS,
    HORIZON_LABELS,
    KIND_LABELS,
    PRIORITY_LABELS,
)

AIMS = choices(AIM_LABELS.items())
HORIZONS = choices(HORIZON_LABELS.items())
PRIORITIES = choices(PRIORITY_LABELS.items())
DIRECTIONS = choices(DIRECTION_LABELS.items())
KINDS = choices(KIND_LABELS.items())
VALUE_MESSAGES = {
    "not_a_number": _l("Enter a number, e.g. 1250 or 12.5."),
    "too_precise": _l("Use at most four decimal places."),
    "too_large": _l("The number is too large."),
}
LATEST = date(2100, 12, 31)


class DecimalText(StringField):
    """A number typed as text and parsed exactly (no float), with the import's rules."""

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required
        self.value = None

    def post_validate(self, form, validation_stopped):
        self.value = None
        if validation_stopped or self.errors:
            return
        if not self.data:
            if self.required:
                self.errors.append(_l("Enter a number."))
            return
        try:
            self.value = parse_value(self.data)
        except ValueProblem as problem:
            self.errors.append(VALUE_MESSAGES[problem.code])


def _date_in_range(form, field):
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("The date is out of range."))


class VisionForm(VersionedForm):
    text = TextAreaField(_l("Vision statement"), validators=[
        DataRequired(), Length(max=20000), MultilineText()],
        description=_l("Markdown. Say what will be different for customers and for the "
                       "business, and by when."))
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=300), PlainText()],
                       description=_l("A short note for the version history."))


class ApproveForm(VersionedForm):
    content_sha256 = HiddenField(validators=[InputRequired(), Length(min=64, max=64)])
    comment = TextAreaField(_l("Comment (optional)"),
                            validators=[Optional(), Length(max=2000), MultilineText()])


class GoalForm(BaseForm):
    title = StringField(_l("Business goal"), validators=[
        DataRequired(), Length(max=200), PlainText()],
        description=_l("A goal of the company's strategy, e.g. grow share with the top-20 "
                       "Asian accounts."))
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), Length(max=5000), MultilineText()])


class GoalEditForm(GoalForm, VersionedForm):
    pass


class ObjectiveForm(BaseForm):
    title = StringField(_l("Objective"), validators=[DataRequired(), Length(max=200), PlainText()])
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), Length(max=5000), MultilineText()])
    goals = SelectMultipleField(_l("Business goals it serves"), coerce=int,
                                widget=ListWidget(prefix_label=False),
                                option_widget=CheckboxInput(),
                                description=_l("An objective serving no business goal is "
                                               "flagged as misaligned."))
    aim = SelectField(_l("CRM aim"), choices=AIMS, validators=[InputRequired()])
    aim_other = StringField(_l("Other aim"), validators=[Length(max=200), PlainText()])
    horizon = SelectField(_l("Horizon"), choices=HORIZONS, validators=[InputRequired()])
    priority = SelectField(_l("Priority"), choices=PRIORITIES, validators=[InputRequired()])
    owner = SelectField(_l("Owner"))

    def validate_aim_other(self, field):
        if self.aim.data == "other" and not field.data:
            raise ValidationError(_l("Say what the aim is when you choose \"other\"."))


class ObjectiveEditForm(ObjectiveForm, VersionedForm):
    pass


class KpiForm(BaseForm):
    objective = SelectField(_l("Objective"), coerce=int, validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()])
    definition = TextAreaField(_l("How it is measured"),
                               validators=[Optional(), Length(max=5000), MultilineText()])
    unit = StringField(_l("Unit"), validators=[DataRequired(), Length(max=40), PlainText()],
                       description=_l("e.g. %, USD thousand, points, days."))
    direction = SelectField(_l("Direction"), choices=DIRECTIONS, validators=[InputRequired()])
    kind = SelectField(_l("Kind of measure"), choices=KINDS, validators=[InputRequired()])
    baseline_value = DecimalText(_l("Baseline value"))
    baseline_on = DateField(_l("Baseline measured on"),
                            validators=[Optional(), _date_in_range],
                            description=_l("Measured before the rollout starts."))
    short_target_value = DecimalText(_l("Short-term target"))
    short_target_on = DateField(_l("Short-term target date"),
                                validators=[Optional(), _date_in_range])
    long_target_value = DecimalText(_l("Long-term target"))
    long_target_on = DateField(_l("Long-term target date"),
                               validators=[Optional(), _date_in_range])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for value, on in ((self.baseline_value, self.baseline_on),
                          (self.short_target_value, self.short_target_on),
                          (self.long_target_value, self.long_target_on)):
            if value.errors or on.errors:
                continue
            if bool(value.data) != bool(on.data):
                (on if value.data else value).errors.append(
                    _l("Give the value and the date together."))
                valid = False
        return valid


class KpiEditForm(KpiForm, VersionedForm):
    pass


class MeasurementForm(BaseForm):
    measured_on = DateField(_l("Date"), validators=[InputRequired(), _date_in_range])
    value = DecimalText(_l("Value"), required=True)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300), PlainText()])

    def validate_measured_on(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("A measurement cannot be in the future."))


class ImportForm(BaseForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))],
                     description=_l("Columns kpi,date,value,note; dates as YYYY-MM-DD; UTF-8 "
                                    "or GB18030."))
    skip_bad_rows = BooleanField(_l("Import the good rows even if some rows have errors"))


class AssessmentForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    held_on = DateField(_l("Date"), validators=[InputRequired(), _date_in_range])
