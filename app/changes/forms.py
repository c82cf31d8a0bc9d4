"""Forms for change requests: the request with a proposed operation, votes, decisions, comments."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.budget.labels import CATEGORY_LABELS as BUDGET_CATEGORY_LABELS
from app.changes.labels import (
    CATEGORY_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    VOTE_LABELS,
)
from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.planning.models import CONSTRAINT_LABELS, LINK_LABELS

OPTIONAL_INT = {"coerce": lambda v: int(v) if v not in (None, "") else None,
                "validate_choice": False}


class OperationForm(BaseForm):
    """One proposed change; which fields matter depends on the kind (checked in `operation`)."""

    kind = SelectField(_l("Proposed change"), validators=[Optional()],
                       choices=choices([("", _l("None (free text only)")), *KIND_LABELS.items()]))
    task_id = SelectField(_l("Task"), **OPTIONAL_INT)
    duration = IntegerField(_l("New duration (working days)"), validators=[Optional()])
    constraint_type = SelectField(_l("New constraint"), validators=[Optional()], choices=choices(
        [("", _l("Keep as it is")), ("none", _l("Remove: as soon as possible")),
         *CONSTRAINT_LABELS.items()]))
    constraint_date = DateField(_l("Constraint date"), validators=[Optional()])
    milestone_date = DateField(_l("New milestone date"), validators=[Optional()])
    predecessor_id = SelectField(_l("Predecessor"), **OPTIONAL_INT)
    successor_id = SelectField(_l("Successor"), **OPTIONAL_INT)
    link_type = SelectField(_l("Link"), choices=choices(LINK_LABELS.items()), default="FS")
    lag = IntegerField(_l("Lag (working days)"), validators=[Optional(),
                                                            NumberRange(-1000, 1000)])
    name = StringField(_l("New task name"), validators=[Length(max=200), PlainText()])
    phase_id = SelectField(_l("Phase of the new task"), **OPTIONAL_INT)
    requirement_id = SelectField(_l("Requirement"), **OPTIONAL_INT)
    req_title = StringField(_l("New title"), validators=[Length(max=200), PlainText()])
    req_description = TextAreaField(_l("New description"), validators=[MultilineText()])
    req_acceptance = TextAreaField(_l("New acceptance criteria"), validators=[MultilineText()])
    line_id = SelectField(_l("Budget line"), **OPTIONAL_INT)
    to_line_id = SelectField(_l("Line that receives the draw"), **OPTIONAL_INT)
    amount = DecimalField(_l("Amount"), places=2, validators=[Optional(),
                                                             NumberRange(0, 10**11)])
    line_name = StringField(_l("New budget line name"), validators=[Length(max=200),
                                                                   PlainText()])
    line_category = SelectField(_l("New line's category"), validators=[Optional()],
                                choices=choices([("", "—"), *BUDGET_CATEGORY_LABELS.items()]))
    line_year = IntegerField(_l("New line's fiscal year"),
                             validators=[Optional(), NumberRange(1990, 2100)])
    line_quarter = SelectField(_l("New line's quarter"), validators=[Optional()],
                               choices=choices([("", "—"), *((str(q), f"Q{q}")
                                                            for q in range(1, 5))]))

    def set_choices(self, tasks, phases, requirements, lines) -> None:
        none = [("", "—")]
        task_choices = choices([*none, *((t.id, t.name) for t in tasks)])
        self.task_id.choices = task_choices
        self.predecessor_id.choices = task_choices
        self.successor_id.choices = task_choices
        self.phase_id.choices = choices([*none, *((p.id, p.name) for p in phases)])
        self.requirement_id.choices = choices(
            [*none, *((r.id, f"{r.code} {r.title}") for r in requirements)])
        line_choices = choices([*none, *((x.id, f"{x.code} {x.name}") for x in lines)])
        self.line_id.choices = line_choices
        self.to_line_id.choices = line_choices


class RequestForm(OperationForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    rationale = TextAreaField(_l("Rationale"), validators=[DataRequired(), MultilineText()],
                              description=_l("Why the change is needed and what happens "
                                             "without it."))
    category = SelectField(_l("Category"), choices=choices(CATEGORY_LABELS.items()))
    urgency = SelectField(_l("Urgency"), choices=choices(URGENCY_LABELS.items()),
                          default="normal")


class AddOperationForm(OperationForm, VersionedForm):
    pass


class VoteForm(BaseForm):
    vote = SelectField(_l("Your vote"), choices=choices(VOTE_LABELS.items()))
    comment = StringField(_l("Comment"), validators=[Length(max=500), PlainText()])


class DecisionForm(VersionedForm):
    outcome = SelectField(_l("Decision"), choices=choices(
        [(k, VOTE_LABELS[k]) for k in ("approve", "reject", "defer")]))
    rationale = TextAreaField(_l("Rationale of the decision"),
                              validators=[DataRequired(), MultilineText()])
    meeting_date = DateField(_l("Meeting date"), validators=[InputRequired()])


class CommentForm(BaseForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=5000),
                                                    MultilineText()])


class FilterForm(BaseForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()],
                         choices=choices([("", _l("Any")), *STATUS_LABELS.items()]))
    category = SelectField(_l("Category"), validators=[Optional()],
                           choices=choices([("", _l("Any")), *CATEGORY_LABELS.items()]))
    requester = SelectField(_l("Requester"), **OPTIONAL_INT)
