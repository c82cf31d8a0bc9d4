"""Forms for the quality plan, QA reviews and actions, checkpoints, waivers and gate reviews."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.projects.forms import EARLIEST, LATEST
from app.quality.labels import (
    ACTION_STATUS_LABELS,
    CHECKPOINT_STATUS_LABELS,
    DECISION_LABELS,
    JUDGEMENT_LABELS,
    TARGET_LABELS,
)


def optional_int(value):
    """A select whose empty choice means "nobody" or "none"."""
    if value in (None, "", "None"):
        return None
    return int(value)


def _in_range(form, field):
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("The date is out of range."))


def _long_text(label, required=True, description=None):
    first = DataRequired() if required else Optional()
    return TextAreaField(label, validators=[first, Length(max=10000), MultilineText()],
                         description=description)


class StandardForm(VersionedForm):
    phase_id = SelectField(_l("Phase"), coerce=optional_int, validators=[InputRequired()])
    deliverable = StringField(
        _l("Deliverable"), validators=[Optional(), Length(max=200), PlainText()],
        description=_l("Leave empty for a standard of the whole phase."))
    title = StringField(_l("Standard"), validators=[DataRequired(), Length(max=200), PlainText()])
    criterion = _long_text(_l("What good means"))
    method = _long_text(_l("How it is checked"))
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])


class QaReviewForm(VersionedForm):
    review_date = DateField(_l("Review date"), validators=[InputRequired(), _in_range])
    reviewer_id = SelectField(_l("Reviewer"), coerce=optional_int, validators=[Optional()])
    judgement = SelectField(_l("Overall judgement"), choices=choices(JUDGEMENT_LABELS.items()),
                            validators=[InputRequired()])
    findings = _long_text(_l("Findings"), description=_l("Markdown. What the review found, "
                                                         "against which standards."))


class QaActionForm(VersionedForm):
    description = StringField(_l("Action"),
                              validators=[DataRequired(), Length(max=300), PlainText()])
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[Optional(), _in_range])


class QaActionStatusForm(VersionedForm):
    status = SelectField(_l("Status"), choices=choices(ACTION_STATUS_LABELS.items()),
                         validators=[InputRequired()])


RECORDABLE = [(k, v) for k, v in CHECKPOINT_STATUS_LABELS.items() if k != "waived"]


class CheckpointForm(VersionedForm):
    title = StringField(_l("Checkpoint"), validators=[DataRequired(), Length(max=200),
                                                      PlainText()])
    target = SelectField(_l("Checks"), choices=choices(TARGET_LABELS.items()),
                         validators=[InputRequired()])
    phase_id = SelectField(_l("Phase"), coerce=optional_int, validators=[Optional()],
                           description=_l("For a deliverable or a phase gate; a task's "
                                          "checkpoint belongs to the task's phase."))
    task_id = SelectField(_l("Task"), coerce=optional_int, validators=[Optional()])
    deliverable = StringField(_l("Deliverable"),
                              validators=[Optional(), Length(max=200), PlainText()])
    criteria = _long_text(_l("Criteria"))
    reviewer_id = SelectField(_l("Reviewer"), coerce=optional_int, validators=[Optional()])
    evidence = _long_text(_l("Evidence"), required=False,
                          description=_l("What shows the result: a note, a document link."))
    status = SelectField(_l("Status"), choices=choices(RECORDABLE), default="pending",
                         validators=[InputRequired()])


class WaiveForm(VersionedForm):
    rationale = _long_text(_l("Rationale"), description=_l(
        "Why the project may go on although this check did not pass. Your name and the time "
        "are recorded."))


class CheckpointFilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    status = SelectField(_l("Status"), default="", choices=choices(
        [("", _l("Any status")), *CHECKPOINT_STATUS_LABELS.items()]))
    phase = SelectField(_l("Phase"), default="")


class OpenGateReviewForm(BaseForm):
    exit_criteria = _long_text(_l("Exit criteria"), required=False, description=_l(
        "One per line. Empty: those of the last review of this gate."))


class ExitCriteriaForm(VersionedForm):
    exit_criteria = _long_text(_l("Exit criteria"), required=False,
                               description=_l("One per line."))


class DecisionForm(VersionedForm):
    decision = SelectField(_l("Decision"), choices=choices(DECISION_LABELS.items()),
                           validators=[InputRequired()])
    conditions = _long_text(_l("Conditions"), required=False,
                            description=_l("Required for a pass with conditions."))
    meeting_date = DateField(_l("Meeting date"), validators=[InputRequired(), _in_range])
    present = SelectMultipleField(
        _l("Steering members present"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(), validators=[DataRequired(
            message=_l("Record which steering committee members were present."))])
