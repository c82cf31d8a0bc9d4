"""Authoring pages of bulletins: compose, edit, preview, approve, publish, correct, settings."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.bulletins import reading, service
from app.bulletins import sections as registry
from app.bulletins.forms import (
    ApproveForm,
    BulletinEditForm,
    BulletinForm,
    CorrectionForm,
    ImageForm,
    SettingsForm,
    note_too_long,
)
from app.bulletins.models import LANGUAGE_NAMES, STATUS_LABELS
from app.bulletins.views import bp
from app.core.errors import DomainError, StaleEdit
from app.core.forms import ConfirmForm, choices
from app.core.permissions import project_permission
from app.extensions import db


def _draft_or_404(project, number: int):
    bulletin = reading.draft(project, number)
    if bulletin is None:
        abort(404)
    return bulletin


def _data(form: BulletinForm) -> service.BulletinData:
    notes = form.notes(request.form)
    chosen = set(form.sections.data or [])
    return service.BulletinData(
        title=form.title.data, period=form.period.data, language=form.language.data,
        body=form.body.data or "", correction_note=form.correction_note.data or "",
        sections=[(s.key, notes[s.key]) for s in form.offered if s.key in chosen])


def _compose_page(project, form, bulletin, status: int = 200, notes=None):
    return render_template(
        "bulletins/form.html", project=project, form=form, bulletin=bulletin,
        notes=notes or {}, image_form=ImageForm(), images_shown=_images(project, bulletin),
    ), status


def _images(project, bulletin):
    if bulletin is None:
        return []
    shas = service.compose.image_shas(bulletin.body, project.code)
    return [service.image_by_sha(project, sha) for sha in sorted(shas)]


def _save(project, form, bulletin):
    """Validate and save; returns a response on success, else (form page, status)."""
    notes = form.notes(request.form)
    if not form.validate_on_submit():
        return None, 400 if request.method == "POST" else 200, notes
    if note_too_long(notes):
        form.form_errors.append(_("An editor's note is longer than 4000 characters."))
        return None, 400, notes
    try:
        if bulletin is None:
            bulletin = service.create_bulletin(current_user, project, _data(form))
        else:
            service.update_bulletin(current_user, project, bulletin, form.version.data,
                                    _data(form))
    except StaleEdit as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, 409, notes
    except DomainError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        return None, 400, notes
    flash(_("Bulletin No. %(n)d saved.", n=bulletin.number), "success")
    return redirect(url_for("bulletins.draft", code=project.code, draft=bulletin.number)), 0, {}


@bp.route("/projects/<code>/bulletins/new", methods=["GET", "POST"])
@project_permission("bulletins.write")
def new(project):
    form = BulletinForm(offered=registry.available())
    if request.method == "GET":
        form.language.data = "en"
    done, status, notes = _save(project, form, None) if request.method == "POST" else (None, 200,
                                                                                       {})
    return done if done is not None else _compose_page(project, form, None, status, notes)


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/edit", methods=["GET", "POST"])
@project_permission("bulletins.write")
def edit(project, draft: int):
    bulletin = _draft_or_404(project, draft)
    if bulletin.is_published:
        flash(service.EditionFrozen.default_message, "error")
        return redirect(url_for("bulletins.draft", code=project.code, draft=draft))
    offered = registry.available()
    if request.method == "GET":
        form = BulletinEditForm(obj=bulletin, offered=offered)
        form.sections.data = [s.key for s in bulletin.sections]
        notes = {s.key: s.note for s in bulletin.sections}
        return _compose_page(project, form, bulletin, 200, notes)
    form = BulletinEditForm(offered=offered)
    done, status, notes = _save(project, form, bulletin)
    return done if done is not None else _compose_page(project, form, bulletin, status, notes)


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>")
@project_permission("bulletins.write")
def draft(project, draft: int):
    return _draft_page(project, _draft_or_404(project, draft))


def _draft_page(project, bulletin, status: int = 200):
    edition = bulletin.edition
    return render_template(
        "bulletins/draft.html", project=project, bulletin=bulletin, edition=edition,
        approval=service.latest_approval(bulletin), form=ConfirmForm(version=bulletin.version),
        approve_form=ApproveForm(version=bulletin.version),
        may_approve=service.may_approve(current_user, project),
        labels={s.key: s.label for s in registry.available()},
        readership=reading.readership(project, [edition.id]).get(edition.id) if edition else None,
        settings=service.settings_for(project), status_labels=STATUS_LABELS,
        languages_shown=LANGUAGE_NAMES), status


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/preview")
@project_permission("bulletins.write")
def preview(project, draft: int):
    bulletin = _draft_or_404(project, draft)
    edition = service.preview(project, bulletin)
    return render_template("bulletins/preview.html", project=project, bulletin=bulletin,
                           fragment=edition.fragment)


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/preview.pdf")
@project_permission("bulletins.write")
def preview_pdf(project, draft: int):
    bulletin = _draft_or_404(project, draft)
    try:
        data = service.preview_pdf(project, bulletin)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("bulletins.draft", code=project.code, draft=draft))
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="{project.code}-bulletin-{draft}-preview.pdf"')
    return response


def _act(project, draft: int, action, form_class=ConfirmForm, done_message=""):
    bulletin = _draft_or_404(project, draft)
    back = redirect(url_for("bulletins.draft", code=project.code, draft=draft))
    form = form_class()
    if not form.validate_on_submit():
        _flash_errors(form)
        return back
    try:
        result = action(bulletin, form)
    except StaleEdit as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _draft_page(project, _draft_or_404(project, draft), 409)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return back
    flash(done_message, "success")
    if isinstance(result, Response):
        return result
    return redirect(url_for("bulletins.draft", code=project.code, draft=draft))


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/submit", methods=["POST"])
@project_permission("bulletins.write")
def submit(project, draft: int):
    return _act(project, draft, lambda b, f: service.submit(
        current_user, project, b, f.version.data),
        done_message=_("Sent for approval."))


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/approve", methods=["POST"])
@project_permission("bulletins.approve")
def approve(project, draft: int):
    meaning = _("Approved for publication to staff, exactly as previewed.")
    return _act(project, draft, lambda b, f: service.approve(
        current_user, project, b, f.version.data, meaning), ApproveForm,
        _("Approved: the bulletin can now be published."))


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/send-back", methods=["POST"])
@project_permission("bulletins.approve")
def send_back(project, draft: int):
    return _act(project, draft, lambda b, f: service.send_back(
        current_user, project, b, f.version.data),
        done_message=_("Sent back to the authors as a draft."))


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/publish", methods=["POST"])
@project_permission("bulletins.write")
def publish(project, draft: int):
    def act(bulletin, form):
        edition = service.publish(current_user, project, bulletin, form.version.data)
        return redirect(url_for("bulletins.read", code=project.code,
                                bulletin_number=edition.number))

    return _act(project, draft, act, done_message=_("Published. Staff can read it now."))


@bp.route("/projects/<code>/bulletins/<int:bulletin_number>/correct", methods=["POST"])
@project_permission("bulletins.write")
def correct(project, bulletin_number: int):
    edition = reading.edition(project, bulletin_number)
    if edition is None:
        abort(404)
    form = CorrectionForm()
    if not form.validate_on_submit():
        flash(_("Say what the correction corrects."), "error")
        return redirect(url_for("bulletins.read", code=project.code,
                                bulletin_number=bulletin_number))
    bulletin = service.start_correction(current_user, project, edition, form.note.data)
    flash(_("Correction started as bulletin No. %(n)d: edit it, then send it for approval.",
            n=bulletin.number), "success")
    return redirect(url_for("bulletins.edit", code=project.code, draft=bulletin.number))


@bp.route("/projects/<code>/bulletins/drafts/<int:draft>/images", methods=["POST"])
@project_permission("bulletins.write")
def upload(project, draft: int):
    bulletin = _draft_or_404(project, draft)
    back = redirect(url_for("bulletins.edit", code=project.code, draft=bulletin.number))
    form = ImageForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return back
    upload_ = form.image.data
    try:
        image = service.upload_image(current_user, project, upload_.filename or "",
                                     upload_.read(service.images.MAX_BYTES + 1))
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return back
    path = url_for("bulletins.image", code=project.code, sha256=image.sha256)
    flash(_("Image uploaded. Paste this line into the text where it belongs: %(md)s",
            md=f"![{_('image')}]({path})"), "success")
    return back


@bp.route("/projects/<code>/bulletins/settings", methods=["GET", "POST"])
@project_permission("bulletins.settings")
def settings(project):
    current = service.settings_for(project)
    form = SettingsForm(obj=current) if request.method == "GET" else SettingsForm()
    form.approver.choices = choices(
        [("", _("The executive sponsor")),
         *[(str(u.id), u.name) for u in service.approver_candidates(project)]])
    if request.method == "GET":
        form.approver.data = str(current.approver_id or "")
    status = 200
    if form.validate_on_submit():
        approver = int(form.approver.data) if (form.approver.data or "").isdigit() else None
        try:
            service.save_settings(current_user, project, form.version.data, form.cadence.data,
                                  approver)
        except StaleEdit as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = 409
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = 400
        else:
            flash(_("Bulletin settings saved."), "success")
            return redirect(url_for("bulletins.index", code=project.code))
    elif request.method == "POST":
        status = 400
    return render_template("bulletins/settings.html", project=project, form=form), status


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")
