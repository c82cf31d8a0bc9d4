"""Forms for risks: the risk itself, a reassessment, a link, and the register's filters."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.risks.labels import (
    IMPACT_LABELS,
    LEVEL_LABELS,
    PROBABILITY_LABELS,
    STATUS_LABELS,
    STRATEGY_LABELS,
)
from app.risks.register import SORTS


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


def _in_range(form, field):
    if field.data and not date(2000, 1, 1) <= field.data <= date(2100, 12, 31):
        raise ValidationError(_l("Give a date between 2000 and 2100."))


class RiskDetailsForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    category = SelectField(_l("Category"), validators=[InputRequired()])
    description = TextAreaField(_l("Description"), description=_l(
        "Cause and effect: what could happen, and what it would do to the project."),
        validators=[Optional(), Length(max=10000), MultilineText()])
    owner_id = SelectField(_l("Owner"), coerce=_optional_int, validate_choice=False)
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS.items()), default="open",
                         validators=[InputRequired()])
    strategy = SelectField(_l("Response strategy"), coerce=lambda v: v or None, choices=choices(
        [("", _l("Not decided yet")), *STRATEGY_LABELS.items()]), default="")
    response_plan = TextAreaField(_l("Response plan"), description=_l(
        "What will be done, by whom and by when."),
        validators=[Optional(), Length(max=10000), MultilineText()])
    trigger = TextAreaField(_l("Trigger"), description=_l(
        "The early warning sign that the risk is about to occur."),
        validators=[Optional(), Length(max=2000), MultilineText()])

    def set_choices(self, categories, owners) -> None:
        self.category.choices = choices(categories)
        self.owner_id.choices = choices([("", _l("Nobody yet")),
                                         *((u.id, u.name) for u in owners)])

    def validate_owner_id(self, field):
        allowed = {str(value) for value, *_ in self.owner_id.iter_choices()}
        if field.data is not None and str(field.data) not in allowed:
            raise ValidationError(_l("Choose someone on the project team."))


class RatingFields(BaseForm):
    probability = SelectField(_l("Probability"), coerce=int, default=3,
                              choices=choices(PROBABILITY_LABELS.items()),
                              validators=[InputRequired()])
    impact = SelectField(_l("Impact"), coerce=int, default=3,
                         choices=choices(IMPACT_LABELS.items()), validators=[InputRequired()])
    assessed_on = DateField(_l("Assessed on"), default=date.today,
                            validators=[InputRequired(), _in_range])
    note = StringField(_l("Assessment note"), validators=[Optional(), Length(max=500),
                                                          PlainText()])


class RiskForm(RiskDetailsForm, RatingFields):
    pass


class RiskEditForm(RiskDetailsForm, VersionedForm):
    pass


class ReassessForm(RatingFields, VersionedForm):
    pass


class LinkForm(VersionedForm):
    target_id = SelectField(_l("Record"), coerce=int, validators=[InputRequired()])


class FilterForm(BaseForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    category = SelectField(_l("Category"), default="")
    status = SelectField(_l("Status"), default="",
                         choices=choices([("", _l("Any status")),
                                          ("active", _l("Open or monitoring")),
                                          *STATUS_LABELS.items()]))
    owner = SelectField(_l("Owner"), default="")
    level = SelectField(_l("Level"), default="",
                        choices=choices([("", _l("Any level")), *LEVEL_LABELS.items()]))
    p = SelectField(_l("Probability"), default="",
                    choices=choices([("", "")] + [(str(n), str(n)) for n in range(1, 6)]))
    i = SelectField(_l("Impact"), default="",
                    choices=choices([("", "")] + [(str(n), str(n)) for n in range(1, 6)]))
    flagged = BooleanField(_l("Without owner or response"))
    sort = SelectField(_l("Sort by"), default="number", choices=choices(zip(SORTS, (
        _l("Risk number"), _l("Score, highest first"), _l("Category"), _l("Status"), _l("Owner")),
        strict=True)))
