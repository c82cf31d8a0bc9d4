"""Reader pages of bulletins: archive, HTML edition, PDF, images, the private Atom feed."""

from datetime import UTC, datetime

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.bulletins import feed, reading, service
from app.bulletins.cadence import next_due
from app.bulletins.forms import CorrectionForm
from app.bulletins.models import STATUS_LABELS
from app.core.forms import BaseForm
from app.core.permissions import allows, project_permission, public

bp = Blueprint("bulletins", __name__, cli_group="bulletin")


def _may(permission: str) -> bool:
    """Whether the current user's role in the current project allows `permission`."""
    return allows(current_user, g.get("role"), permission)


@bp.route("/projects/<code>/bulletins")
@project_permission("bulletins.read")
def index(project):
    query = request.args.get("q", "")[: reading.MAX_QUERY]
    editions = reading.archive(project, query)
    context = {"project": project, "editions": editions, "query": query,
               "status_labels": STATUS_LABELS}
    if _may("bulletins.write"):
        settings = service.settings_for(project)
        last = max((e.published_at.date() for e in reading.archive(project)), default=None)
        context.update(
            drafts=reading.drafts(project),
            readership=reading.readership(project, [e.id for e in editions]),
            due=next_due(settings.cadence, project.start_date, last, datetime.now(UTC).date()),
        )
    return render_template("bulletins/index.html", **context)


def _edition_or_404(project, number: int):
    edition = reading.edition(project, number)
    if edition is None:
        abort(404)  # drafts are not editions: readers cannot tell one exists
    return edition


@bp.route("/projects/<code>/bulletins/<int:bulletin_number>")
@project_permission("bulletins.read")
def read(project, bulletin_number: int):
    edition = _edition_or_404(project, bulletin_number)
    reading.record_read(current_user, edition)
    return render_template("bulletins/read.html", project=project, edition=edition,
                           correction_form=CorrectionForm(),
                           may_write=_may("bulletins.write"))


@bp.route("/projects/<code>/bulletins/<int:bulletin_number>.pdf")
@project_permission("bulletins.read")
def pdf(project, bulletin_number: int):
    edition = _edition_or_404(project, bulletin_number)
    reading.record_read(current_user, edition)
    # The stored bytes, as published: serving a PDF never renders anything.
    response = Response(edition.pdf, mimetype="application/pdf")
    filename = f"{project.code}-bulletin-{edition.number}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.set_etag(edition.pdf_sha256)
    return response.make_conditional(request)


@bp.route("/projects/<code>/bulletins/images/<sha256>")
@project_permission("bulletins.read")
def image(project, sha256: str):
    found = service.image_by_sha(project, sha256) if len(sha256) == 64 else None
    if found is None:
        abort(404)
    if not _may("bulletins.write") and not service.image_is_published(project, sha256):
        abort(404)  # an image only a draft shows stays with the authors
    response = Response(found.data, mimetype=found.media_type)
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


@bp.route("/projects/<code>/bulletins/feed")
@project_permission("bulletins.read")
def feed_page(project):
    token = reading.active_token(current_user, project)
    return render_template("bulletins/feed.html", project=project, token=token,
                           form=BaseForm(), new_url=None)


@bp.route("/projects/<code>/bulletins/feed", methods=["POST"])
@project_permission("bulletins.read")
def feed_issue(project):
    form = BaseForm()
    if not form.validate_on_submit():
        abort(400)
    token = reading.issue_feed_token(current_user, project)
    new_url = url_for("bulletins.atom", code=project.code, token=token, _external=True)
    flash(_("Your new feed address is shown below. Copy it now: it is not shown again."),
          "success")
    return render_template("bulletins/feed.html", project=project,
                           token=reading.active_token(current_user, project), form=BaseForm(),
                           new_url=new_url)


@bp.route("/projects/<code>/bulletins/feed/revoke", methods=["POST"])
@project_permission("bulletins.read")
def feed_revoke(project):
    form = BaseForm()
    if form.validate_on_submit() and reading.revoke_feed_token(current_user, project):
        flash(_("Your feed address no longer works."), "success")
    return redirect(url_for("bulletins.feed_page", code=project.code))


@bp.route("/projects/<code>/bulletins/feed/<token>.atom")
@public
def atom(code: str, token: str):
    """For feed readers that cannot log in: the secret token in the address stands for a user."""
    project, _reader = reading.feed_reader(code, token)
    if project is None:
        abort(404)
    editions = reading.archive(project, with_html=True)
    entries = [feed.FeedEntry(
        id=f"tag:steerco,{e.published_at.date().isoformat()}:{project.code}/bulletins/{e.number}",
        title=_("No. %(n)d: %(title)s", n=e.number, title=e.title),
        published=e.published_at,
        html_url=url_for("bulletins.read", code=project.code, bulletin_number=e.number,
                         _external=True),
        pdf_url=url_for("bulletins.pdf", code=project.code, bulletin_number=e.number,
                        _external=True),
        pdf_size=e.pdf_size, summary=e.period, content_html=e.html,
        language=e.language) for e in editions]
    updated = max((e.published_at for e in editions), default=project.created_at)
    body = feed.atom(
        feed_id=f"tag:steerco,{project.start_date.isoformat()}:{project.code}/bulletins",
        title=_("CRM Perspective: %(name)s", name=project.name),
        self_url=request.base_url,
        site_url=url_for("bulletins.index", code=project.code, _external=True),
        author=project.name, entries=entries, updated=updated)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# Authoring routes and the `flask bulletin` commands live on this blueprint too.
from app.bulletins import cli, views_compose  # noqa: E402,F401
