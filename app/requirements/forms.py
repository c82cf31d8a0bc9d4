"""Forms for requirements, their lifecycle and sign-off, signers, baselines and the filters."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.requirements.labels import (
    DEFAULT_MEANING,
    DEPARTMENT_LABELS,
    KIND_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
)

KINDS = choices(KIND_LABELS.items())
PRIORITIES = choices(PRIORITY_LABELS.items())
DEPARTMENTS = choices(DEPARTMENT_LABELS.items())


class RequirementForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=20000), MultilineText()],
        description=_l("Markdown. What the business needs and why, in the users' words."))
    kind = SelectField(_l("Type"), choices=KINDS, validators=[InputRequired()])
    priority = SelectField(_l("Priority"), choices=PRIORITIES, validators=[InputRequired()],
                           description=_l("MoSCoW: must, should, could, won't have this time."))
    department = SelectField(_l("Raised by"), choices=DEPARTMENTS, validators=[InputRequired()])
    acceptance_criteria = TextAreaField(
        _l("Acceptance criteria"),
        validators=[DataRequired(), Length(max=10000), MultilineText()],
        description=_l("Markdown. How the committee will know the requirement is met, one "
                       "testable criterion per line."))
    objectives = SelectMultipleField(
        _l("CRM objectives it serves"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("A requirement that serves no objective is flagged as scope creep."))


class RequirementEditForm(RequirementForm, VersionedForm):
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=300), PlainText()],
                       description=_l("A short note for the version history."))


class SignForm(BaseForm):
    number = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9]{1,9}$")])
    content_sha256 = HiddenField(validators=[InputRequired(), Length(min=64, max=64)])
    comment = TextAreaField(_l("Comment (optional)"),
                            validators=[Optional(), Length(max=2000), MultilineText()])


class SupersedeForm(VersionedForm):
    successor = SelectField(_l("Replaced by"), coerce=int, validators=[InputRequired()])


class SignerForm(BaseForm):
    user = SelectField(_l("Person"), coerce=int, validators=[InputRequired()])
    capacity = StringField(_l("Signs as"), validators=[DataRequired(), Length(max=120),
                                                      PlainText()],
                           description=_l("e.g. Executive sponsor, Business owner (Sales), "
                                          "Project manager."))
    department = SelectField(_l("For requirements raised by"),
                             choices=choices([("", _l("Every department")),
                                              *DEPARTMENT_LABELS.items()]), default="")
    meaning = StringField(_l("Meaning"), default=lambda: str(DEFAULT_MEANING),
                          validators=[DataRequired(), Length(max=300), PlainText()],
                          description=_l("What the signature means, shown to the signer."))


class BaselineForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120), PlainText()],
                       description=_l("e.g. Pilot scope v1."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000), MultilineText()])


class FilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), default="",
                         choices=choices([("", _l("Any status")), *STATUS_LABELS.items()]))
    kind = SelectField(_l("Type"), default="",
                       choices=choices([("", _l("Any type")), *KIND_LABELS.items()]))
    priority = SelectField(_l("Priority"), default="",
                           choices=choices([("", _l("Any priority")), *PRIORITY_LABELS.items()]))
    department = SelectField(_l("Raised by"), default="", choices=choices(
        [("", _l("Any department")), *DEPARTMENT_LABELS.items()]))
    objective = SelectField(_l("Objective"), default="")
    unlinked = BooleanField(_l("Serving no objective"))

