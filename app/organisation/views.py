"""Organisation pages: the three groups, meetings (attendance, minutes, decisions, actions,
approval) and the actions list. Governing documents register from doc_views."""

import re
from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.core.forms import ConfirmForm, choices
from app.core.permissions import ROLE_LABELS, project_permission
from app.organisation import attendance, labels, service
from app.organisation.forms import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    ApproveMinutesForm,
    DecisionForm,
    InviteForm,
    MeetingForm,
    MemberForm,
)
from app.projects.models import Project
from app.requirements.views import run

bp = Blueprint("organisation", __name__, url_prefix="/projects/<code>/organisation")
LABELS = {"group_labels": labels.GROUP_LABELS, "group_help": labels.GROUP_HELP,
          "role_labels": labels.GROUP_ROLE_LABELS, "department_labels": labels.DEPARTMENT_LABELS,
          "attendance_labels": labels.ATTENDANCE_LABELS,
          "meeting_status_labels": labels.MEETING_STATUS_LABELS,
          "action_status_labels": labels.ACTION_STATUS_LABELS,
          "kind_labels": labels.DOCUMENT_KIND_LABELS, "review_labels": labels.REVIEW_LABELS,
          "signer_role_labels": ROLE_LABELS}
_UNSAFE = re.compile(r"[<>\x00-\x1f\x7f]")


@bp.record_once
def _register_integrity_check(state) -> None:
    """`flask audit verify` also checks approved minutes and signed documents are unaltered."""
    from app.organisation.doc_service import invalid_signoffs

    def problems() -> list[str]:
        return ([f"meeting {m.code}: the approved minutes were altered"
                 for m in service.altered_meetings()]
                + [f"document {s.version.code} v{s.version.number}: the sign-off of "
                   f"{s.signer_label} does not match the stored content"
                   for s in invalid_signoffs()])

    state.app.extensions.setdefault("integrity_checks", []).append(problems)


@bp.context_processor
def _labels() -> dict:
    return LABELS


def found(record):
    if record is None:
        abort(404)
    return record


@bp.route("")
@project_permission("organisation.view")
def index(project: Project):
    groups = {g: service.members(project, g) for g in labels.GROUPS}
    rates = {g: attendance.rates(service.attendance_marks(project, g)) for g in labels.GROUPS}
    summary = service.attendance_summary(project)
    return render_template("organisation/index.html", project=project, groups=groups,
                           rates=rates, summary=summary, band=attendance.band,
                           recent=service.meetings(project)[:5],
                           overdue=service.actions(project, "overdue"), **LABELS)


def _member_choices(form, project: Project) -> None:
    form.user_id.choices = choices([("", _("— not a project user —")),
                                    *((u.id, u.name) for u in service.team_users(project))])


def _member_data(form) -> service.MemberData:
    return service.MemberData(group=form.group.data, user_id=form.user_id.data,
                              name=form.name.data or "", department=form.department.data,
                              role=form.role.data, title=form.title.data or "")


@bp.route("/members/new", methods=["GET", "POST"])
@project_permission("organisation.edit")
def member_new(project: Project):
    form = MemberForm()
    _member_choices(form, project)
    if request.method == "GET":
        form.version.data = "0"
        form.group.data = request.args.get("group", "steering")
        form.role.data = "member"
    _result, status = run(form, lambda: service.add_member(current_user, project,
                                                          _member_data(form)),
                         _("Member added to the group."))
    if status == 302:
        return redirect(url_for("organisation.index", code=project.code))
    return render_template("organisation/member_form.html", project=project, form=form,
                           member=None), status


@bp.route("/members/<int:org_member_id>/edit", methods=["GET", "POST"])
@project_permission("organisation.edit")
def member_edit(project: Project, org_member_id: int):
    member = found(service.member_in(project, org_member_id))
    form = MemberForm(obj=member) if request.method == "GET" else MemberForm()
    _member_choices(form, project)
    _result, status = run(form, lambda: service.update_member(
        current_user, project, member, form.version.data, _member_data(form)),
        _("Member saved."))
    if status == 302:
        return redirect(url_for("organisation.index", code=project.code))
    return render_template("organisation/member_form.html", project=project, form=form,
                           member=member, retire_form=ConfirmForm(version=member.version)), status


@bp.route("/members/<int:org_member_id>/retire", methods=["POST"])
@project_permission("organisation.edit")
def member_retire(project: Project, org_member_id: int):
    member = found(service.member_in(project, org_member_id))
    form = ConfirmForm()
    _result, status = run(form, lambda: service.retire_member(
        current_user, project, member, form.version.data), _("The member left the group."))
    if status == 302:
        return redirect(url_for("organisation.index", code=project.code))
    return render_template("organisation/member_form.html", project=project,
                           form=MemberForm(obj=member), member=member, retire_form=form), status


# --- Meetings ---------------------------------------------------------------------------------


@bp.route("/meetings")
@project_permission("organisation.view")
def meetings(project: Project):
    group = request.args.get("group", "")
    group = group if group in labels.GROUPS else ""
    return render_template("organisation/meetings.html", project=project, group=group,
                           meetings=service.meetings(project, group or None), **LABELS)


def _meeting_data(form) -> service.MeetingData:
    return service.MeetingData(group=form.group.data, title=form.title.data,
                               held_on=form.held_on.data, location=form.location.data or "",
                               agenda=form.agenda.data or "", minutes=form.minutes.data or "")


@bp.route("/meetings/new", methods=["GET", "POST"])
@project_permission("organisation.edit")
def meeting_new(project: Project):
    form = MeetingForm()
    if request.method == "GET":
        form.version.data, form.held_on.data = "0", date.today()
        form.group.data = request.args.get("group", "steering")
    result, status = run(form, lambda: service.create_meeting(current_user, project,
                                                              _meeting_data(form)),
                         _("Meeting planned; the group's members are invited."))
    if status == 302:
        return redirect(url_for("organisation.meeting_show", code=project.code,
                                org_meeting_id=result.id))
    return render_template("organisation/meeting_form.html", project=project, form=form,
                           meeting=None), status


@bp.route("/meetings/<int:org_meeting_id>/edit", methods=["GET", "POST"])
@project_permission("organisation.edit")
def meeting_edit(project: Project, org_meeting_id: int):
    meeting = found(service.meeting_in(project, org_meeting_id))
    form = MeetingForm(obj=meeting) if request.method == "GET" else MeetingForm()
    form.group.data = meeting.group
    _result, status = run(form, lambda: service.update_meeting(
        current_user, project, meeting, form.version.data, _meeting_data(form)),
        _("Meeting saved."))
    if status == 302:
        return redirect(url_for("organisation.meeting_show", code=project.code,
                                org_meeting_id=meeting.id))
    return render_template("organisation/meeting_form.html", project=project, form=form,
                           meeting=meeting), status


def _owner_choices(project: Project):
    return choices((m.id, f"{m.name} · {labels.GROUP_LABELS[m.group]}")
                   for m in service.members(project))


def _meeting_page(project: Project, meeting, status: int = 200, **forms):
    decision = forms.get("decision") or DecisionForm(version=meeting.version)
    action = forms.get("action") or ActionForm(version=meeting.version)
    action.owner_id.choices = _owner_choices(project)
    invited = {m.member_id for m in meeting.marks}
    invite = forms.get("invite") or InviteForm(version=meeting.version)
    invite.member_id.choices = choices(
        (m.id, f"{m.name} · {labels.GROUP_LABELS[m.group]}")
        for m in service.members(project) if m.id not in invited)
    return render_template(
        "organisation/meeting.html", project=project, meeting=meeting, today=date.today(),
        decision_form=decision, action_form=action, invite_form=invite,
        attendance_form=forms.get("attendance") or ConfirmForm(version=meeting.version),
        approve_form=forms.get("approve") or ApproveMinutesForm(
            version=meeting.version, content_sha256=meeting.sha256),
        may_approve=service.may_approve(project, meeting, current_user), **LABELS), status


@bp.route("/meetings/<int:org_meeting_id>")
@project_permission("organisation.view")
def meeting_show(project: Project, org_meeting_id: int):
    return _meeting_page(project, found(service.meeting_in(project, org_meeting_id)))


def _meeting_post(project: Project, org_meeting_id: int, key: str, form, action, success: str):
    """A form on the meeting page: back to the page on success, the page with errors if not."""
    meeting = found(service.meeting_in(project, org_meeting_id))
    _result, status = run(form, lambda: action(meeting), success)
    if status == 302:
        return redirect(url_for("organisation.meeting_show", code=project.code,
                                org_meeting_id=meeting.id))
    meeting = service.meeting_in(project, org_meeting_id)
    return _meeting_page(project, meeting, status, **{key: form})


def _marks_from(form_data, meeting) -> dict[int, tuple[str, str]]:
    marks = {}
    for mark in meeting.marks:
        status = form_data.get(f"mark-{mark.member_id}", mark.status)
        delegate = form_data.get(f"delegate-{mark.member_id}", "").strip()
        if len(delegate) > 200 or _UNSAFE.search(delegate):
            raise DomainError(_("A delegate's name is one line of at most 200 characters, "
                                "without < or >."))
        marks[mark.member_id] = (status, delegate)
    return marks


@bp.route("/meetings/<int:org_meeting_id>/attendance", methods=["POST"])
@project_permission("organisation.edit")
def meeting_attendance(project: Project, org_meeting_id: int):
    form = ConfirmForm()
    return _meeting_post(project, org_meeting_id, "attendance", form, lambda m: (
        service.record_attendance(current_user, project, m, form.version.data,
                                  _marks_from(request.form, m))),
        _("Attendance recorded."))


@bp.route("/meetings/<int:org_meeting_id>/invite", methods=["POST"])
@project_permission("organisation.edit")
def meeting_invite(project: Project, org_meeting_id: int):
    form = InviteForm()
    form.member_id.choices = choices((m.id, m.name) for m in service.members(project))
    return _meeting_post(project, org_meeting_id, "invite", form, lambda m: service.invite(
        current_user, project, m, form.version.data, form.member_id.data), _("Invited."))


@bp.route("/meetings/<int:org_meeting_id>/decisions", methods=["POST"])
@project_permission("organisation.edit")
def meeting_decision(project: Project, org_meeting_id: int):
    form = DecisionForm()
    return _meeting_post(project, org_meeting_id, "decision", form, lambda m: service.add_decision(
        current_user, project, m, form.version.data, form.text.data, form.rationale.data),
        _("Decision recorded."))


@bp.route("/meetings/<int:org_meeting_id>/actions", methods=["POST"])
@project_permission("organisation.edit")
def meeting_action(project: Project, org_meeting_id: int):
    form = ActionForm()
    form.owner_id.choices = _owner_choices(project)
    return _meeting_post(project, org_meeting_id, "action", form, lambda m: service.add_action(
        current_user, project, m, form.version.data, form.text.data, form.owner_id.data,
        form.due_on.data), _("Action recorded."))


@bp.route("/meetings/<int:org_meeting_id>/approve", methods=["POST"])
@project_permission("minutes.approve")
def meeting_approve(project: Project, org_meeting_id: int):
    form = ApproveMinutesForm()
    return _meeting_post(project, org_meeting_id, "approve", form, lambda m: (
        service.approve_minutes(current_user, project, m, form.version.data,
                                form.content_sha256.data)),
        _("Minutes approved. The meeting record is now frozen."))


# --- Decisions across meetings ----------------------------------------------------------------


@bp.route("/decisions")
@project_permission("organisation.view")
def decisions(project: Project):
    return render_template("organisation/decisions.html", project=project,
                           rows=service.decisions(project))


# --- Actions across meetings ------------------------------------------------------------------


@bp.route("/actions")
@project_permission("organisation.view")
def actions(project: Project):
    form = ActionFilterForm(request.args)
    form.owner.choices = choices([("", _("Anyone")),
                                  *((m.id, m.name) for m in service.members(project, None,
                                                                            False))])
    state, owner = ("", None) if not form.validate() else (form.state.data or "",
                                                           form.owner.data)
    rows = service.actions(project, state, owner)
    status_forms = {a.id: ActionStatusForm(version=a.version, status=a.status) for a in rows}
    return render_template("organisation/actions.html", project=project, form=form, rows=rows,
                           status_forms=status_forms, today=date.today(), **LABELS)


@bp.route("/actions/<int:org_action_id>/status", methods=["POST"])
@project_permission("organisation.edit")
def action_status(project: Project, org_action_id: int):
    action = found(service.action_in(project, org_action_id))
    form = ActionStatusForm()
    _result, status = run(form, lambda: service.set_action_status(
        current_user, project, action, form.version.data, form.status.data,
        form.note.data or ""), _("Action updated."))
    if status == 302:
        if request.args.get("back") == "meeting":
            return redirect(url_for("organisation.meeting_show", code=project.code,
                                    org_meeting_id=action.meeting_id))
        return redirect(url_for("organisation.actions", code=project.code))
    return render_template("organisation/action_status.html", project=project, action=action,
                           form=form, **LABELS), status


from app.organisation import doc_views  # noqa: E402, F401  (routes on `bp`)
