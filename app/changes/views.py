"""Change request pages: the register, logging a request, its page and its workflow buttons."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from app.budget import service as budget
from app.changes import operations, register, service, workflow
from app.changes.forms import (
    AddOperationForm,
    CommentForm,
    DecisionForm,
    FilterForm,
    RequestForm,
    VoteForm,
)
from app.changes.guard import ChangeRequestRequired
from app.changes.labels import (
    CATEGORY_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    VOTE_LABELS,
)
from app.changes.models import ChangeRequest
from app.core.audit import AuditLog
from app.core.errors import DomainError, StaleEdit, render_error
from app.core.forms import ConfirmForm, choices
from app.core.permissions import can, project_permission
from app.extensions import db
from app.planning import service as planning
from app.projects.models import Project
from app.requirements.models import Requirement
from app.risks import service as risks
from app.risks.labels import LEVEL_LABELS

bp = Blueprint("changes", __name__, url_prefix="/projects/<code>/changes")


@bp.app_errorhandler(ChangeRequestRequired)
def _to_change_request(exc: ChangeRequestRequired):
    """A refused edit of baselined or signed-off content: on to a pre-filled change request."""
    db.session.rollback()
    project = g.get("project")
    if project is None:  # not a project page: nowhere to prepare the request
        return render_error(exc.status, exc.message)
    flash(exc.message, "error")
    return redirect(url_for("changes.new", code=project.code, **exc.prefill))


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "category_labels": CATEGORY_LABELS,
            "urgency_labels": URGENCY_LABELS, "kind_labels": KIND_LABELS,
            "vote_labels": VOTE_LABELS, "money": money}


def money(value) -> str:
    """Amounts from the records (Decimal) and from a stored analysis (strings) alike."""
    return format_decimal(Decimal(str(value)), "#,##0.00") if value is not None else ""


def _or_404(project: Project, cr_id: int) -> ChangeRequest:
    found = service.request_in(project, cr_id)
    if found is None:
        abort(404)
    return found


def _requirements(project: Project) -> list[Requirement]:
    return list(db.session.execute(sa.select(Requirement).where(
        Requirement.project_id == project.id).order_by(Requirement.number)).scalars())


def _with_choices(form, project: Project):
    form.set_choices(planning.tasks(project), planning.phases(project), _requirements(project),
                     budget.lines(project))
    return form


def _filters(project: Project) -> tuple[FilterForm, register.RegisterFilter]:
    form = FilterForm(request.args)
    people = sorted({(r.requester_id, r.requester_label) for r in service.requests(project)
                     if r.requester_id}, key=lambda p: p[1])
    form.requester.choices = choices([("", _("Anyone")), *people])
    valid = form.validate()
    return form, register.RegisterFilter(
        form.status.data or "" if valid else "", form.category.data or "" if valid else "",
        form.requester.data if valid else None)


@bp.route("")
@project_permission("changes.view")
def index(project: Project):
    form, chosen = _filters(project)
    everything = service.requests(project)
    rows = register.filtered(everything, chosen)
    today = date.today()
    query = {k: v for k, v in request.args.items() if v and k in form}
    return render_template(
        "changes/index.html", project=project, form=form, rows=rows, today=today,
        ages={r.id: register.age_days(r, today) for r in rows}, query=query,
        totals=register.totals(everything),
        chart=Markup(register.impact_chart(everything)))


@bp.route("/export.csv")
@project_permission("changes.view")
def export(project: Project):
    _form, chosen = _filters(project)
    rows = register.filtered(service.requests(project), chosen)
    return Response(register.to_csv(rows, date.today()), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="{project.code}-change-requests.csv"'})


@bp.route("/new", methods=["GET", "POST"])
@project_permission("changes.request")
def new(project: Project):
    form = _with_choices(RequestForm(), project)
    if request.method == "GET":
        operations.prefill(form, request.args)
        if form.kind.data in ("task_change", "task_add", "task_remove", "link_add",
                              "link_remove"):
            form.category.data = "schedule"
        elif form.kind.data == "requirement_change":
            form.category.data = "requirement"
        elif form.kind.data in ("budget_change", "contingency_draw", "line_add", "line_remove"):
            form.category.data = "budget"
    status = 200
    if form.validate_on_submit():
        try:
            op = operations.from_form(form)
            cr = service.create_request(
                current_user, project, service.RequestData(
                    form.title.data, form.rationale.data, form.category.data,
                    form.urgency.data), [op] if op else [],
                submit=request.form.get("action") == "submit")
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
            status = exc.status
        else:
            flash(_("%(code)s submitted: its impact is below.", code=cr.code)
                  if cr.status == "submitted" else _("%(code)s saved as a draft.", code=cr.code),
                  "success")
            return redirect(url_for("changes.show", code=project.code, cr_id=cr.id))
    elif request.method == "POST":
        status = 400
    return render_template("changes/new.html", project=project, form=form), status


def _names(project: Project) -> dict:
    names = {("task", t.id): t.name for t in planning.tasks(project)}
    names.update({("phase", p.id): p.name for p in planning.phases(project)})
    names.update({("requirement", r.id): f"{r.code} {r.title}" for r in _requirements(project)})
    names.update({("line", x.id): f"{x.code} {x.name}" for x in budget.lines(project)})
    return names


def _timeline(project: Project, cr: ChangeRequest) -> list[AuditLog]:
    """The request's own trail and every row written while applying it."""
    own = sa.and_(
        AuditLog.entity_type.in_(("ChangeRequest", "ChangeOperation", "ChangeVote",
                                  "ChangeComment")),
        sa.or_(AuditLog.entity_id == cr.code, AuditLog.entity_id.like(f"{cr.code}#%"),
               AuditLog.entity_id.like(f"{cr.code} %")))
    return list(db.session.execute(sa.select(AuditLog).where(
        AuditLog.project_id == project.id, sa.or_(own, AuditLog.context == cr.code))
        .order_by(AuditLog.id)).scalars())


@bp.route("/<int:cr_id>")
@project_permission("changes.view")
def show(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    names = _names(project)
    described = [(op, operations.describe(op, names)) for op in cr.operations]
    op_form = _with_choices(AddOperationForm(version=cr.version), project)
    decision = DecisionForm(version=cr.version, meeting_date=date.today())
    # Risks are linked from the risk's page; here they are only listed, for those who see them.
    linked = ([(r, risks.level_of(r)) for r in risks.risks_for_change(project, cr)]
              if can("risks.view") else [])
    return render_template(
        "changes/show.html", project=project, cr=cr, described=described, op_form=op_form,
        vote_form=VoteForm(), decision_form=decision, comment_form=CommentForm(),
        confirm=ConfirmForm(version=cr.version), timeline=_timeline(project, cr),
        impact=cr.impact, tally=workflow.tally(v.vote for v in cr.votes),
        can_decide=can("changes.decide") and cr.requester_id != current_user.id,
        linked_risks=linked, level_labels=LEVEL_LABELS)


def _back(project: Project, cr: ChangeRequest):
    return redirect(url_for("changes.show", code=project.code, cr_id=cr.id))


def _act(project: Project, cr: ChangeRequest, form, action, success: str):
    """A workflow POST: validate, run the service, flash the outcome, back to the request."""
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return _back(project, cr)
    try:
        action()
    except StaleEdit as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _back(project, cr)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _back(project, cr)
    flash(success, "success")
    return _back(project, cr)


@bp.route("/<int:cr_id>/operations", methods=["POST"])
@project_permission("changes.request")
def operation_add(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = _with_choices(AddOperationForm(), project)

    def add():
        op = operations.from_form(form)
        if op is None:
            raise DomainError(_("Choose a kind of operation."))
        service.add_operation(current_user, project, cr, form.version.data, op)

    return _act(project, cr, form, add, _("Operation added."))


@bp.route("/<int:cr_id>/operations/<int:cr_op_id>/delete", methods=["POST"])
@project_permission("changes.request")
def operation_delete(project: Project, cr_id: int, cr_op_id: int):
    cr = _or_404(project, cr_id)
    form = ConfirmForm()
    return _act(project, cr, form, lambda: service.remove_operation(
        current_user, project, cr, form.version.data, cr_op_id), _("Operation removed."))


@bp.route("/<int:cr_id>/submit", methods=["POST"])
@project_permission("changes.request")
def submit(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = ConfirmForm()
    return _act(project, cr, form, lambda: service.submit(current_user, project, cr,
                                                          form.version.data),
                _("Submitted: the impact analysis is below."))


@bp.route("/<int:cr_id>/analyse", methods=["POST"])
@project_permission("changes.request")
def analyse(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    return _act(project, cr, ConfirmForm(), lambda: service.analyse(current_user, project, cr),
                _("Impact analysed again on the current plan and budget."))


@bp.route("/<int:cr_id>/vote", methods=["POST"])
@project_permission("changes.decide")
def vote(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = VoteForm()
    return _act(project, cr, form, lambda: service.vote(current_user, project, cr,
                                                        form.vote.data, form.comment.data),
                _("Your vote is recorded."))


@bp.route("/<int:cr_id>/decide", methods=["POST"])
@project_permission("changes.decide")
def decide(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = DecisionForm()
    return _act(project, cr, form, lambda: service.decide(
        current_user, project, cr, form.version.data, form.outcome.data, form.rationale.data,
        form.meeting_date.data), _("Decision recorded."))


@bp.route("/<int:cr_id>/apply", methods=["POST"])
@project_permission("changes.apply")
def apply(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = ConfirmForm()
    return _act(project, cr, form, lambda: service.apply_request(
        current_user, project, cr, form.version.data),
        _("Applied: the plan, requirements and budget now carry this change."))


@bp.route("/<int:cr_id>/withdraw", methods=["POST"])
@project_permission("changes.request")
def withdraw(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = ConfirmForm()
    return _act(project, cr, form, lambda: service.withdraw(current_user, project, cr,
                                                            form.version.data),
                _("Change request withdrawn."))


@bp.route("/<int:cr_id>/comments", methods=["POST"])
@project_permission("changes.comment")
def comment(project: Project, cr_id: int):
    cr = _or_404(project, cr_id)
    form = CommentForm()
    return _act(project, cr, form, lambda: service.add_comment(current_user, project, cr,
                                                               form.body.data),
                _("Comment added."))
