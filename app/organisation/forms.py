"""Forms for group members, meetings, attendance, decisions, actions and governing documents."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices
from app.organisation import labels

GROUPS = choices(labels.GROUP_LABELS.items())


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class MemberForm(VersionedForm):
    group = SelectField(_l("Group"), choices=GROUPS, validators=[InputRequired()])
    user_id = SelectField(_l("Project user"), coerce=_optional_int, validators=[Optional()],
                          description=_l("Leave empty for someone who does not use Steerco."))
    name = StringField(_l("Name (if not a project user)"),
                       validators=[Optional(), Length(max=200), PlainText()])
    department = SelectField(_l("Department"), choices=choices(labels.DEPARTMENT_LABELS.items()),
                             validators=[InputRequired()])
    role = SelectField(_l("Role in the group"), choices=choices(labels.GROUP_ROLE_LABELS.items()),
                       validators=[InputRequired()])
    title = StringField(_l("Job title"), validators=[Optional(), Length(max=200), PlainText()])


class MeetingForm(VersionedForm):
    group = SelectField(_l("Group"), choices=GROUPS, validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    held_on = DateField(_l("Date"), validators=[InputRequired()])
    location = StringField(_l("Location"), validators=[Optional(), Length(max=200), PlainText()])
    agenda = TextAreaField(_l("Agenda"), validators=[Optional(), Length(max=5000), MultilineText()],
                           description=_l("One agenda item per line."))
    minutes = TextAreaField(_l("Minutes"),
                            validators=[Optional(), Length(max=50000), MultilineText()],
                            description=_l("Markdown. What was discussed; decisions and actions "
                                           "are recorded below the minutes."))


class DecisionForm(VersionedForm):
    text = TextAreaField(_l("Decision"),
                         validators=[DataRequired(), Length(max=2000), MultilineText()])
    rationale = TextAreaField(_l("Rationale"),
                              validators=[Optional(), Length(max=4000), MultilineText()])


class ActionForm(VersionedForm):
    text = StringField(_l("Action"), validators=[DataRequired(), Length(max=500), PlainText()])
    owner_id = SelectField(_l("Owner"), coerce=int, validators=[InputRequired()])
    due_on = DateField(_l("Due"), validators=[Optional()])


class InviteForm(VersionedForm):
    member_id = SelectField(_l("Invite"), coerce=int, validators=[InputRequired()])


class ApproveMinutesForm(VersionedForm):
    content_sha256 = HiddenField(validators=[InputRequired(), Length(min=64, max=64)])


class ActionStatusForm(VersionedForm):
    status = SelectField(_l("Status"), choices=choices(labels.ACTION_STATUS_LABELS.items()),
                         validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300), PlainText()])


class ActionFilterForm(BaseForm):
    class Meta:
        csrf = False

    state = SelectField(_l("Show"), choices=choices([
        ("", _l("All")), ("open", _l("Open")), ("overdue", _l("Overdue")),
        ("done", _l("Done")), ("dropped", _l("Dropped"))]), validators=[Optional()])
    owner = SelectField(_l("Owner"), coerce=_optional_int, validators=[Optional()])


class DocumentForm(VersionedForm):
    kind = SelectField(_l("Kind"), choices=choices(labels.DOCUMENT_KIND_LABELS.items()),
                       validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    body = TextAreaField(_l("Text"), validators=[Optional(), Length(max=100000),
                                                 MultilineText()],
                         description=_l("Markdown. Each saved change becomes a new version."))
    file = FileField(_l("Attached file"),
                     description=_l("Optional: PDF, Word, Excel or PowerPoint, up to 10 MB. "
                                    "Its SHA-256 is part of what the sponsor signs."))
    remove_file = BooleanField(_l("Remove the attached file from the new version"))
    owner_id = SelectField(_l("Owner"), coerce=_optional_int, validators=[Optional()])
    review_on = DateField(_l("Next review"), validators=[Optional()])
    note = StringField(_l("What changed"), validators=[Optional(), Length(max=300), PlainText()])


class ApproveDocumentForm(BaseForm):
    number = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9]{1,9}$")])
    content_sha256 = HiddenField(validators=[InputRequired(), Length(min=64, max=64)])
    review_on = DateField(_l("Next review"), validators=[Optional()])
    comment = TextAreaField(_l("Comment (optional)"),
                            validators=[Optional(), Length(max=2000), MultilineText()])
