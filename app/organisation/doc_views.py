"""Governing document pages: the list, one document and its versions, edits, the sponsor's
approval, and two versions compared."""

from datetime import date

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.forms import choices
from app.core.permissions import project_permission
from app.organisation import doc_service, rules, service
from app.organisation.doc_models import CONTENT_LABELS
from app.organisation.forms import ApproveDocumentForm, DocumentForm
from app.organisation.views import LABELS, bp, found
from app.projects.models import Project
from app.requirements.views import run
from app.strategy import diff


@bp.route("/documents")
@project_permission("organisation.view")
def documents(project: Project):
    today = date.today()
    rows = [(d, rules.review_state(d.review_on, today)) for d in doc_service.documents(project)]
    return render_template("organisation/documents.html", project=project, rows=rows, **LABELS)


def _owner_choices(form, project: Project) -> None:
    form.owner_id.choices = choices([("", _("— nobody yet —")),
                                     *((u.id, u.name) for u in service.team_users(project))])


def _data(form) -> doc_service.DocumentData:
    upload = form.file.data
    attachment = (upload.filename or "", upload.read()) if upload and upload.filename else None
    return doc_service.DocumentData(kind=form.kind.data, title=form.title.data,
                                    body=form.body.data or "", owner_id=form.owner_id.data,
                                    review_on=form.review_on.data, note=form.note.data or "",
                                    attachment=attachment, remove_file=bool(form.remove_file.data))


@bp.route("/documents/new", methods=["GET", "POST"])
@project_permission("organisation.edit")
def document_new(project: Project):
    form = DocumentForm()
    _owner_choices(form, project)
    if request.method == "GET":
        form.version.data = "0"
    result, status = run(form, lambda: doc_service.create_document(current_user, project,
                                                                   _data(form)),
                         _("Document saved as version 1. It needs the sponsor's approval."))
    if status == 302:
        return redirect(url_for("organisation.document_show", code=project.code,
                                org_doc_id=result.id))
    return render_template("organisation/document_form.html", project=project, form=form,
                           document=None), status


@bp.route("/documents/<int:org_doc_id>/edit", methods=["GET", "POST"])
@project_permission("organisation.edit")
def document_edit(project: Project, org_doc_id: int):
    document = found(doc_service.document_in(project, org_doc_id))
    form = DocumentForm() if request.method == "POST" else DocumentForm(
        obj=document, body=doc_service.version_of(document, document.current_number).body)
    _owner_choices(form, project)
    _result, status = run(form, lambda: doc_service.update_document(
        current_user, project, document, form.version.data, _data(form)), _("Document saved."))
    if status == 302:
        return redirect(url_for("organisation.document_show", code=project.code,
                                org_doc_id=org_doc_id))
    return render_template("organisation/document_form.html", project=project, form=form,
                           document=document), status


def _document_page(project: Project, document, version, form=None, status: int = 200):
    today = date.today()
    return render_template(
        "organisation/document.html", project=project, document=document, version=version,
        review=rules.review_state(document.review_on, today),
        approve_form=form or ApproveDocumentForm(number=version.number,
                                                 content_sha256=version.sha256,
                                                 review_on=document.review_on),
        **LABELS), status


@bp.route("/documents/<int:org_doc_id>")
@project_permission("organisation.view")
def document_show(project: Project, org_doc_id: int):
    document = found(doc_service.document_in(project, org_doc_id))
    return _document_page(project, document,
                          doc_service.version_of(document, document.current_number))


@bp.route("/documents/<int:org_doc_id>/versions/<int:org_doc_version>")
@project_permission("organisation.view")
def document_version(project: Project, org_doc_id: int, org_doc_version: int):
    document = found(doc_service.document_in(project, org_doc_id))
    return _document_page(project, document,
                          found(doc_service.version_of(document, org_doc_version)))


@bp.route("/documents/<int:org_doc_id>/versions/<int:org_doc_version>/file")
@project_permission("organisation.view")
def document_file(project: Project, org_doc_id: int, org_doc_version: int):
    """The attached file, always as a download: never rendered inline by the browser."""
    document = found(doc_service.document_in(project, org_doc_id))
    version = found(doc_service.version_of(document, org_doc_version))
    if not version.file_sha256:
        abort(404)
    response = Response(version.file_data, mimetype=version.file_type)
    response.headers.set("Content-Disposition", "attachment", filename=version.file_name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["ETag"] = f'"{version.file_sha256}"'
    return response


@bp.route("/documents/<int:org_doc_id>/approve", methods=["POST"])
@project_permission("documents.approve")
def document_approve(project: Project, org_doc_id: int):
    document = found(doc_service.document_in(project, org_doc_id))
    form = ApproveDocumentForm()
    _result, status = run(form, lambda: doc_service.approve(
        current_user, project, document, int(form.number.data), form.content_sha256.data,
        form.review_on.data, form.comment.data or ""),
        _("Approved. Your sign-off is recorded on this exact version."))
    if status == 302:
        return redirect(url_for("organisation.document_show", code=project.code,
                                org_doc_id=org_doc_id))
    document = doc_service.document_in(project, org_doc_id)
    return _document_page(project, document,
                          doc_service.version_of(document, document.current_number), form,
                          status)


@bp.route("/documents/<int:org_doc_id>/compare")
@project_permission("organisation.view")
def document_compare(project: Project, org_doc_id: int):
    document = found(doc_service.document_in(project, org_doc_id))
    new_no = request.args.get("to", document.current_number, type=int)
    old_no = request.args.get("from", max(new_no - 1, 1), type=int)
    old = doc_service.version_of(document, old_no)
    new = doc_service.version_of(document, new_no)
    if old is None or new is None:
        abort(404)
    fields = []
    for field, label in CONTENT_LABELS.items():
        coded = LABELS["kind_labels"] if field == "kind" else {}
        before, after = getattr(old, field), getattr(new, field)
        rows = diff.side_by_side(str(coded.get(before, before)), str(coded.get(after, after)))
        fields.append((label, rows, before != after))
    numbers = choices((str(v.number), f"v{v.number}") for v in document.versions)
    return render_template("organisation/document_compare.html", project=project,
                           document=document, old=old, new=new, fields=fields, numbers=numbers)
