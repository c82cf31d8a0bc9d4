"""Budget pages for actual costs: the list, one entry at a time, and the CSV import."""

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.budget import exports, service
from app.budget.forms import EntryEditForm, EntryForm, ImportForm
from app.budget.importing import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from app.budget.labels import problem_text
from app.budget.views import _attempt, _form_page, _go, bp
from app.core.errors import DomainError
from app.core.forms import ConfirmForm
from app.core.permissions import project_permission
from app.extensions import db
from app.projects.models import Project

MAX_UPLOAD = 1_000_000


def _entry_data(form: EntryForm) -> service.EntryData:
    return service.EntryData(
        line_id=int(form.line_id.data), spent_on=form.spent_on.data, amount=form.amount.amount,
        supplier=form.supplier.data or "", reference=form.reference.data or "",
        notes=form.notes.data or "")


@bp.route("/entries")
@project_permission("budget.view")
def entries(project: Project):
    rows = service.entries(project)
    line_id = request.args.get("line", type=int)
    if line_id:
        rows = [e for e in rows if e.line_id == line_id]
    total = sum((e.amount for e in rows), start=0)
    return render_template("budget/entries.html", project=project, rows=rows, total=total,
                           line=service.line_in(project, line_id) if line_id else None,
                           confirm=ConfirmForm())


@bp.route("/entries.csv")
@project_permission("budget.view")
def entries_csv(project: Project):
    return exports.entries_csv(project, service.entries(project))


@bp.route("/entries/new", methods=["GET", "POST"])
@project_permission("budget.edit")
def entry_new(project: Project):
    form = EntryForm(digits=service.minor_digits(project))
    form.set_lines(service.lines(project))
    if request.method == "GET":
        form.line_id.data = request.args.get("line", "")
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.create_entry(current_user, project,
                                                             _entry_data(form)))
        if status is None:
            flash(_("Cost recorded."), "success")
            return _go("budget.entries", project)
    return _form_page(project, form, title=_("Record a cost"),
                      cancel=url_for("budget.entries", code=project.code), status=status)


def _entry_or_404(project: Project, entry_id: int):
    entry = service.entry_in(project, entry_id)
    if entry is None:
        abort(404)
    return entry


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@project_permission("budget.edit")
def entry_edit(project: Project, entry_id: int):
    entry = _entry_or_404(project, entry_id)
    digits = service.minor_digits(project)
    if request.method == "GET":
        form = EntryEditForm(obj=entry, digits=digits)
        form.amount.data = f"{entry.amount:.{digits}f}"
        form.line_id.data = str(entry.line_id)
    else:
        form = EntryEditForm(digits=digits)
    form.set_lines(service.lines(project))
    status = 400 if request.method == "POST" else 200
    if form.validate_on_submit():
        status = _attempt(form, lambda: service.update_entry(
            current_user, project, entry, form.version.data, _entry_data(form)))
        if status is None:
            flash(_("Cost saved."), "success")
            return _go("budget.entries", project)
    return _form_page(project, form, title=_("Edit a cost"),
                      cancel=url_for("budget.entries", code=project.code), status=status,
                      delete_url=url_for("budget.entry_delete", code=project.code,
                                         entry_id=entry.id), version=entry.version)


@bp.route("/entries/<int:entry_id>/delete", methods=["POST"])
@project_permission("budget.edit")
def entry_delete(project: Project, entry_id: int):
    entry = _entry_or_404(project, entry_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            service.delete_entry(current_user, project, entry, form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("Cost deleted."), "success")
    else:
        flash(_("Nothing was deleted: reload the page and try again."), "error")
    return _go("budget.entries", project)


def _uploaded_text(form: ImportForm) -> str | None:
    """The CSV from the file or the text box; None (with a form error) when unreadable."""
    upload = form.file.data
    if upload and getattr(upload, "filename", ""):
        raw = upload.read(MAX_UPLOAD + 1)
        if len(raw) > MAX_UPLOAD:
            form.form_errors.append(_("The file is larger than 1 MB: import it in parts."))
            return None
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GB18030
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        form.form_errors.append(_("Save the file as UTF-8 CSV and try again."))
        return None
    if not (form.text.data or "").strip():
        form.form_errors.append(_("Choose a CSV file or paste its contents."))
        return None
    return form.text.data


@bp.route("/entries/import", methods=["GET", "POST"])
@project_permission("budget.edit")
def entries_import(project: Project):
    form = ImportForm()
    result, status = None, 200
    if request.method == "POST":
        status = 400
        text = _uploaded_text(form) if form.validate_on_submit() else None
        if text is not None:
            result = service.import_entries(current_user, project, text,
                                            skip_invalid=form.skip_invalid.data)
            if result.imported:
                flash(_("%(n)d costs imported.", n=result.imported), "success")
                if not result.skipped:
                    return _go("budget.entries", project)
                status = 200
            form.text.data = text  # kept on the page, so a bad row can be fixed right there
    return render_template(
        "budget/import.html", project=project, form=form, result=result,
        problem_text=problem_text, columns=REQUIRED_COLUMNS + OPTIONAL_COLUMNS,
        required=REQUIRED_COLUMNS, lines=service.lines(project)), status
