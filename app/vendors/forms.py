"""Forms for evaluations, criteria and weights, vendors and funnel steps, visits, bids, claims,
and an evaluator's scorecard for one vendor."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
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

from app.budget.forms import MoneyField
from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.requirements.logic import is_must_have
from app.vendors.labels import (
    CLAIM_STATUS_LABELS,
    COST_KIND_LABELS,
    LICENCE_MODEL_LABELS,
    MUST_HAVE_LABEL,
    STAGE_LABELS,
)
from app.vendors.service import SAATY_VALUES

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
SCORE_CHOICES = choices([("", "—"), *[(str(v), str(v)) for v in range(1, 6)]])


def in_range(form, field):
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("Give a date between 1990 and 2100."))


class EvaluationForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=20000), MultilineText()],
                            description=_l("What is being chosen, and what the choice must "
                                           "achieve."))
    tco_years = IntegerField(_l("Years of total cost of ownership"), default=5,
                             validators=[InputRequired(), NumberRange(min=1, max=15)],
                             description=_l("Bids are compared on their cost over this many "
                                            "years."))


class EvaluationEditForm(EvaluationForm, VersionedForm):
    pass


class CriterionForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120), PlainText()])
    guide = TextAreaField(_l("Scoring guide"), validators=[Length(max=5000), MultilineText()],
                          description=_l("What a 1, a 3 and a 5 mean, so scores from different "
                                         "people compare."))


def weights_form(criteria, data=None):
    """One whole-percentage field per criterion (named w<id>), totalling 100."""

    class WeightsForm(VersionedForm):
        pass

    for criterion in criteria:
        setattr(WeightsForm, f"w{criterion.id}", IntegerField(
            criterion.name, default=criterion.weight,
            validators=[InputRequired(message=_l("Give a weight (0 to 100).")),
                        NumberRange(min=0, max=100)]))
    return WeightsForm(data=data) if data is not None else WeightsForm()


def pairwise_form(criteria, stored: dict):
    """One Saaty-scale choice per pair of criteria (named p<a>_<b>)."""

    class PairwiseForm(VersionedForm):
        pass

    scale = choices([(v, v) for v in SAATY_VALUES])
    for i, a in enumerate(criteria):
        for b in criteria[i + 1:]:
            setattr(PairwiseForm, f"p{a.id}_{b.id}", SelectField(
                f"{a.name} / {b.name}", choices=scale, default=stored.get((a.id, b.id), "1"),
                validators=[InputRequired()]))
    return PairwiseForm()


class EvaluatorForm(BaseForm):
    user_id = SelectField(_l("Team member"), coerce=int, validators=[InputRequired()])


class VendorForm(VersionedForm):
    name = StringField(_l("Vendor"), validators=[DataRequired(), Length(max=200), PlainText()])
    product = StringField(_l("Product"), validators=[Length(max=200), PlainText()])
    vertical = BooleanField(_l("Industry-ready (vertical) solution for our industry"))
    bundle = BooleanField(_l("Best-of-breed bundle of several vendors' products"))
    notes = TextAreaField(_l("Notes"), validators=[Length(max=20000), MultilineText()])


class VendorNewForm(VendorForm):
    on = DateField(_l("Date"), validators=[InputRequired(), in_range])
    reason = StringField(_l("Why on the longlist"),
                         validators=[DataRequired(), Length(max=1000), PlainText()])


class MoveForm(VersionedForm):
    target = SelectField(_l("Move to"), validators=[InputRequired()],
                         choices=choices([(k, v) for k, v in STAGE_LABELS.items()]))
    on = DateField(_l("Date"), validators=[InputRequired(), in_range])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000),
                                                     MultilineText()])
    override = BooleanField(_l("Sponsor override of the selection rule (the reason is the "
                               "rationale)"))


class VisitForm(VersionedForm):
    customer = StringField(_l("Reference customer"),
                           validators=[DataRequired(), Length(max=200), PlainText()])
    visited_on = DateField(_l("Date"), validators=[InputRequired(), in_range])
    attendees = StringField(_l("Who went"), validators=[Length(max=500), PlainText()])
    findings = TextAreaField(_l("Findings"), validators=[Length(max=20000), MultilineText()])
    rating = SelectField(_l("Rating"), choices=SCORE_CHOICES, validators=[Optional()])
    completed = BooleanField(_l("The visit took place (findings and rating recorded)"))


class BidForm(VersionedForm):
    received_on = DateField(_l("Received"), validators=[InputRequired(), in_range])
    price = MoneyField(_l("Quoted price"))
    licence_model = SelectField(_l("Licence model"), validators=[InputRequired()],
                                choices=choices(list(LICENCE_MODEL_LABELS.items())))
    notes = TextAreaField(_l("Notes"), validators=[Length(max=20000), MultilineText()])

    def __init__(self, *args, digits: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.digits = digits


def bid_form(digits: int, **kwargs) -> BidForm:
    """The bid form with a one-off and a per-year amount for every kind of cost."""

    class Form(BidForm):
        pass

    for kind, label in COST_KIND_LABELS.items():
        setattr(Form, f"{kind}_once", MoneyField(label, default="0"))
        setattr(Form, f"{kind}_yearly", MoneyField(label, default="0"))
    return Form(digits=digits, **kwargs)


class ClaimForm(VersionedForm):
    text = StringField(_l("Claim"), validators=[DataRequired(), Length(max=300), PlainText()],
                       description=_l("What the vendor says, e.g. supports the WeChat channel."))
    requirement_id = SelectField(
        _l("Requirement"), validate_choice=False,
        description=_l("The requirement of the register it answers; a claim on a must-have "
                       "requirement that is not verified is shown as a risk."))
    reference_note = StringField(
        _l("Other reference"), validators=[Length(max=120), PlainText()],
        description=_l("Optional: a reference outside the register, e.g. a section of the "
                       "tender."))
    status = SelectField(_l("Status"), validators=[InputRequired()],
                         choices=choices(list(CLAIM_STATUS_LABELS.items())))
    checked_on = DateField(_l("Checked on"), validators=[Optional(), in_range])
    evidence = TextAreaField(_l("Evidence"), validators=[Length(max=20000), MultilineText()],
                             description=_l("The demo, visit or document that settled it."))

    def set_requirements(self, requirements) -> None:
        self.requirement_id.choices = choices([("", _l("None: a general claim"))] + [
            (str(r.id), f"{r.code} {r.title}" + (f" ({MUST_HAVE_LABEL})"
                                                 if is_must_have(r.priority) else ""))
            for r in requirements])
        self._requirement_ids = {str(r.id) for r in requirements}

    def validate_requirement_id(self, field):
        if field.data and field.data not in getattr(self, "_requirement_ids", set()):
            raise ValidationError(_l("Choose a requirement of this project's register."))


def scorecard_form(criteria, scores: dict):
    """An evaluator's scores of one vendor: a 1..5 choice and evidence per criterion."""

    class ScorecardForm(VersionedForm):
        pass

    for criterion in criteria:
        row = scores.get(criterion.id)
        setattr(ScorecardForm, f"s{criterion.id}", SelectField(
            criterion.name, choices=SCORE_CHOICES, default=str(row.value) if row else "",
            validators=[Optional()]))
        setattr(ScorecardForm, f"e{criterion.id}", TextAreaField(
            _l("Evidence"), default=row.evidence if row else "",
            validators=[Length(max=5000), MultilineText()]))
    return ScorecardForm()
