"""Forms for composing bulletins, approving them, uploading images and the project settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from app.bulletins.models import CADENCE_LABELS, CADENCES, LANGUAGE_NAMES
from app.core.forms import BaseForm, MultilineText, PlainText, VersionedForm, choices

LANGUAGE_CHOICES = choices(LANGUAGE_NAMES.items())
MAX_BODY = 100_000
MAX_NOTE = 4_000


class BulletinForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200), PlainText()])
    period = StringField(_l("Period covered"),
                         description=_l("For example: March 2027, or Q1 2027."),
                         validators=[DataRequired(), Length(max=120), PlainText()])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES,
                           description=_l("Sets the fixed texts, dates and the Chinese glyph "
                                          "forms (Simplified or Traditional) of the edition."),
                           validators=[InputRequired()])
    body = TextAreaField(
        _l("Text (Markdown)"),
        description=_l("Headings, lists, tables and links. Images: upload them below and paste "
                       "the line shown."),
        validators=[Length(max=MAX_BODY), MultilineText()])
    correction_note = TextAreaField(_l("What this edition corrects"),
                                    validators=[Length(max=MAX_NOTE), MultilineText()])
    sections = SelectMultipleField(_l("Live sections"), widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = list(offered)
        self.sections.choices = choices((s.key, s.label) for s in self.offered)

    def notes(self, formdata) -> dict[str, str]:
        """Editor's notes, one text area per offered section (named note-<key>)."""
        source = formdata if formdata is not None else {}
        return {s.key: (source.get(f"note-{s.key}") or "").strip() for s in self.offered}


class BulletinEditForm(BulletinForm, VersionedForm):
    pass


class ApproveForm(VersionedForm):
    confirm = BooleanField(
        _l("I approve this bulletin, as shown in the preview, for publication to staff."),
        validators=[DataRequired(message=_l("Tick the box to approve."))])


class CorrectionForm(BaseForm):
    note = TextAreaField(_l("What does the correction correct?"),
                         validators=[DataRequired(), Length(max=MAX_NOTE), MultilineText()])


class ImageForm(BaseForm):
    image = FileField(_l("Image (PNG, JPEG, GIF or WebP, at most 5 MB)"),
                      validators=[FileRequired(message=_l("Choose an image file."))])


class SettingsForm(VersionedForm):
    cadence = SelectField(_l("A bulletin is due"),
                          choices=choices((c, CADENCE_LABELS[c]) for c in CADENCES),
                          validators=[InputRequired()])
    approver = SelectField(_l("Approver"), validate_choice=False,
                           description=_l("Who approves drafts before they are published."))


def note_too_long(notes: dict[str, str]) -> bool:
    return any(len(n) > MAX_NOTE for n in notes.values())
