"""Forms for budget lines, forecasts, cost entries, the CSV import, benefits and settings."""

from datetime import date

from babel.dates import get_month_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
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

from app.budget.analysis import Category
from app.budget.importing import AmountError, parse_amount
from app.budget.labels import CATEGORY_LABELS, NAMED_BY_LABELS, problem_text
from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
QUARTERS = choices([(str(q), f"Q{q}") for q in range(1, 5)])


class MoneyField(StringField):
    """An amount typed as text and parsed exactly for the project's currency (`form.digits`)."""

    def __init__(self, label=None, *, required=True, allow_negative=False, **kwargs):
        super().__init__(label, **kwargs)
        self.required, self.allow_negative, self.amount = required, allow_negative, None

    def pre_validate(self, form):
        self.amount = None
        if not (self.data or "").strip() and not self.required:
            return
        try:
            self.amount = parse_amount(self.data, form.digits, allow_negative=self.allow_negative)
        except AmountError as exc:
            raise ValidationError(problem_text(exc.code, exc.params)) from None
        if self.allow_negative and self.amount == 0:
            raise ValidationError(problem_text("amount_zero"))


class _MoneyForm(BaseForm):
    def __init__(self, *args, digits: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.digits = digits


def _in_range(form, field):
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("The date is out of range."))


class LineForm(_MoneyForm):
    category = SelectField(_l("Category"), validators=[InputRequired()], choices=choices(
        (c.value, label) for c, label in CATEGORY_LABELS.items()))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200), PlainText()],
                       description=_l("What the money is for, e.g. Sales Cloud licences, "
                                      "50 users."))
    fiscal_year = IntegerField(_l("Fiscal year"), validators=[
        InputRequired(), NumberRange(1990, 2100)])
    quarter = SelectField(_l("Quarter"), choices=QUARTERS, validators=[InputRequired()])
    planned = MoneyField(_l("Planned amount"))
    owner_id = SelectField(_l("Owner"), validate_choice=False)
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000), MultilineText()])

    def set_owners(self, owners: list[tuple[int, str]]) -> None:
        self.owner_id.choices = choices([("", _l("Nobody yet")),
                                         *[(str(i), n) for i, n in owners]])
        self._owner_ids = {str(i) for i, _ in owners}

    def validate_category(self, field):
        if field.data not in {c.value for c in Category}:
            raise ValidationError(_l("Choose one of the budget categories."))

    def validate_owner_id(self, field):
        if field.data and field.data not in getattr(self, "_owner_ids", set()):
            raise ValidationError(_l("The owner must have a role in this project."))


class LineEditForm(LineForm, VersionedForm):
    pass


class ForecastForm(_MoneyForm, VersionedForm):
    estimate_to_complete = MoneyField(
        _l("Estimate to complete"), required=False,
        description=_l("What is still to be spent on this line. Leave empty to expect the rest "
                       "of the plan."))
    forecast_note = StringField(_l("Why"), validators=[Length(max=500), PlainText()])


class EntryForm(_MoneyForm):
    line_id = SelectField(_l("Budget line"), validate_choice=False,
                          validators=[InputRequired()])
    spent_on = DateField(_l("Date"), validators=[InputRequired(), _in_range])
    amount = MoneyField(_l("Amount"), allow_negative=True,
                        description=_l("Negative for a credit note or refund."))
    supplier = StringField(_l("Supplier"), validators=[Length(max=200), PlainText()])
    reference = StringField(_l("Reference"), validators=[Length(max=100), PlainText()],
                            description=_l("Invoice or purchase order number."))
    notes = StringField(_l("Notes"), validators=[Length(max=500), PlainText()])

    def set_lines(self, lines) -> None:
        self.line_id.choices = choices([("", _l("Choose a line"))] + [
            (str(line.id), f"{line.code} · FY{line.fiscal_year} Q{line.quarter} · {line.name}")
            for line in lines])
        self._line_ids = {str(line.id) for line in lines}

    def validate_line_id(self, field):
        if field.data not in getattr(self, "_line_ids", set()):
            raise ValidationError(_l("Choose a budget line of this project."))


class EntryEditForm(EntryForm, VersionedForm):
    pass


class ImportForm(BaseForm):
    file = FileField(_l("CSV file"))
    text = TextAreaField(_l("Or paste the CSV here"), validators=[Length(max=1_000_000)],
                         filters=[lambda v: v])
    skip_invalid = BooleanField(_l("Import the good rows and skip the bad ones"))


class BenefitForm(_MoneyForm):
    month = DateField(_l("Month"), format="%Y-%m", validators=[InputRequired(), _in_range],
                      render_kw={"type": "month", "placeholder": "YYYY-MM"})
    description = StringField(_l("Benefit"), validators=[DataRequired(), Length(max=200),
                                                         PlainText()],
                              description=_l("e.g. Retention gain, 0.5 point at 40,000 a "
                                             "point; lower cost to serve small accounts."))
    expected = MoneyField(_l("Expected"))
    realised = MoneyField(_l("Realised"), required=False,
                          description=_l("Leave empty until it is measured. While it is empty, "
                                         "a benefit valued by a KPI counts what the KPI's "
                                         "measured gain implies."))
    kpi_id = SelectField(_l("Valued by KPI"), validate_choice=False,
                         description=_l("Optional: the KPI whose gain over its baseline this "
                                        "benefit comes from."))
    value_per_point = MoneyField(
        _l("Value per KPI point"), required=False,
        description=_l("What one point of the KPI's gain (one unit of the KPI, e.g. one "
                       "percentage point) is worth in this month."))

    def set_kpis(self, kpis) -> None:
        self.kpi_id.choices = choices([("", _l("Not valued by a KPI"))] + [
            (str(kpi.id), f"{kpi.code} · {kpi.name} ({kpi.unit})") for kpi in kpis])
        self._kpi_ids = {str(kpi.id) for kpi in kpis}

    def validate_kpi_id(self, field):
        if field.data and field.data not in getattr(self, "_kpi_ids", set()):
            raise ValidationError(_l("Choose a KPI of this project."))

    def validate_value_per_point(self, field):
        if self.kpi_id.data and field.amount is None:
            raise ValidationError(_l("Give the money one point of the KPI is worth."))
        if self.kpi_id.data and field.amount is not None and field.amount <= 0:
            raise ValidationError(_l("Use an amount above zero."))
        if not self.kpi_id.data and field.amount is not None:
            raise ValidationError(_l("Choose the KPI whose points this value is for, or leave "
                                     "it empty."))


class BenefitEditForm(BenefitForm, VersionedForm):
    pass


class SettingsForm(BaseForm):
    version = HiddenField(validators=[Optional()])  # empty until the settings are first saved
    fiscal_year_start_month = SelectField(_l("Fiscal year starts in month"),
                                          validators=[InputRequired()])
    fiscal_year_named_by = SelectField(_l("Fiscal years are named by"), choices=choices(
        NAMED_BY_LABELS.items()), validators=[InputRequired()])
    discount_rate = StringField(_l("Discount rate, % a year"), validators=[InputRequired()],
                                description=_l("For the net present value of the benefits."))
    schedule_percent_complete = IntegerField(
        _l("Schedule progress, %"), validators=[Optional(), NumberRange(0, 100)],
        description=_l("Used only while the project has no plan with progress: contingency "
                       "drawn faster than the schedule progresses is warned about."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = get_month_names("wide", locale=get_locale() or "en")
        self.fiscal_year_start_month.choices = choices((str(m), names[m]) for m in range(1, 13))

    def validate_discount_rate(self, field):
        try:
            self.discount_rate_bp = int(parse_amount(field.data, 2) * 100)
        except AmountError:
            raise ValidationError(_l("Write a percentage with at most two decimals, "
                                     "e.g. 8 or 7.5.")) from None
        if self.discount_rate_bp > 10000:
            raise ValidationError(_l("Use a rate from 0 to 100%."))


class BaselineForm(BaseForm):
    name = StringField(_l("Baseline name"), validators=[DataRequired(), Length(max=120),
                                                        PlainText()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000), MultilineText()],
                         description=_l("What the committee approved, e.g. the meeting."))
