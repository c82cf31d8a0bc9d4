"""Forms for the plan: settings, phases, tasks, dependencies, baselines and MSPDI upload."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.core.forms import BaseForm, PlainText, VersionedForm, choices
from app.planning.models import CONSTRAINT_LABELS, LINK_LABELS
from app.projects.forms import EARLIEST, LATEST

LINK_CHOICES = choices(LINK_LABELS.items())
CONSTRAINT_CHOICES = choices([("", _l("As soon as possible")), *CONSTRAINT_LABELS.items()])


def _in_range(form, field):
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("The date is out of range."))


class SettingsForm(VersionedForm):
    status_date = DateField(
        _l("Status date"), validators=[Optional(), _in_range],
        description=_l("Progress is measured at this date; remaining work is scheduled from "
                       "it. Leave empty to schedule from the project start."))
    near_critical_days = IntegerField(
        _l("Near-critical band (working days of float)"),
        validators=[InputRequired(), NumberRange(0, 100)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version.validators = [Optional()]  # the settings row may not exist yet


class PhaseForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()])
    gate = StringField(_l("Gate"), description=_l("The review that closes the phase."),
                       validators=[Length(max=200), PlainText()])


class PhaseEditForm(PhaseForm, VersionedForm):
    position = IntegerField(_l("Order"), validators=[InputRequired(), NumberRange(0, 1000)])


class TaskForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()])
    phase_id = SelectField(_l("Phase"), coerce=int, validators=[InputRequired()])
    duration = IntegerField(_l("Duration (working days, 0 = milestone)"),
                            validators=[InputRequired(), NumberRange(0, 10000)])
    owner_id = SelectField(_l("Owner"), coerce=lambda v: int(v) if v not in (None, "") else None,
                           validate_choice=False)
    constraint_type = SelectField(_l("Constraint"), choices=CONSTRAINT_CHOICES,
                                  validators=[Optional()])
    constraint_date = DateField(_l("Constraint date"), validators=[Optional(), _in_range])
    percent_complete = IntegerField(_l("Percent complete"), default=0,
                                    validators=[InputRequired(), NumberRange(0, 100)])
    actual_start = DateField(_l("Actual start"), validators=[Optional(), _in_range])
    actual_finish = DateField(_l("Actual finish"), validators=[Optional(), _in_range])
    planned_cost = DecimalField(_l("Planned cost"), places=2, default=0,
                                validators=[InputRequired(), NumberRange(0, 10**11)])
    actual_cost = DecimalField(_l("Actual cost"), places=2, default=0,
                               validators=[InputRequired(), NumberRange(0, 10**11)])
    # Choices come from planning.requirement_links (the project's open requirements).
    requirement_ids = SelectMultipleField(
        _l("Requirements it delivers"), coerce=int,
        description=_l("Hold Ctrl (⌘ on a Mac) to choose several."))

    def set_choices(self, phases, members) -> None:
        self.phase_id.choices = choices((p.id, p.name) for p in phases)
        self.owner_id.choices = choices([("", _l("Nobody yet")),
                                         *((m.user.id, m.user.name) for m in members)])

    def validate_owner_id(self, field):
        allowed = {value for value, *_ in self.owner_id.iter_choices()}
        if field.data is not None and str(field.data) not in {str(v) for v in allowed}:
            raise ValidationError(_l("Choose a member of the project."))

    def validate_constraint_type(self, field):
        if field.data and not self.constraint_date.data:
            raise ValidationError(_l("Give the constraint's date."))

    def validate_constraint_date(self, field):
        if field.data and not self.constraint_type.data:
            raise ValidationError(_l("Choose the kind of constraint, or clear the date."))


class TaskEditForm(TaskForm, VersionedForm):
    pass


class DependencyForm(BaseForm):
    predecessor_id = SelectField(_l("Predecessor"), coerce=int, validators=[InputRequired()])
    successor_id = SelectField(_l("Successor"), coerce=int, validators=[InputRequired()])
    type = SelectField(_l("Link"), choices=LINK_CHOICES, default="FS",
                       validators=[InputRequired()])
    lag = IntegerField(_l("Lag (working days, negative for a lead)"), default=0,
                       validators=[InputRequired(), NumberRange(-1000, 1000)])

    def set_choices(self, tasks) -> None:
        options = choices((t.id, t.name) for t in tasks)
        self.predecessor_id.choices = options
        self.successor_id.choices = list(options)

    def validate_successor_id(self, field):
        if field.data == self.predecessor_id.data:
            raise ValidationError(_l("A task cannot depend on itself."))


class BaselineForm(BaseForm):
    name = StringField(_l("Baseline name"), validators=[DataRequired(), Length(max=120),
                                                        PlainText()])


class ImportForm(BaseForm):
    file = FileField(_l("Microsoft Project XML file (.xml)"),
                     validators=[FileRequired(_l("Choose a file to import."))])
