"""What users call the coded values of the organisation (lazy, so each page speaks its language)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from app.requirements.labels import DEPARTMENT_LABELS

GROUPS = ("steering", "working", "business")
GROUP_LABELS = {
    "steering": _l("Steering committee"),
    "working": _l("Working group"),
    "business": _l("Business group"),
}
GROUP_HELP = {
    "steering": _l("Top management, chaired by the sponsor: sets direction, decides, removes "
                   "obstacles."),
    "working": _l("Runs the rollout day to day: plan, vendors, data, integration, training."),
    "business": _l("Speaks for the departments: needs, acceptance, adoption."),
}
GROUP_ROLES = ("chair", "vice_chair", "secretary", "member", "adviser")
GROUP_ROLE_LABELS = {
    "chair": _l("Chair"),
    "vice_chair": _l("Vice-chair"),
    "secretary": _l("Secretary"),
    "member": lazy_pgettext("group role", "Member"),
    "adviser": _l("Adviser"),
}
ATTENDANCE_LABELS = {
    "invited": _l("Invited"),
    "present": _l("Present"),
    "absent": _l("Absent"),
    "apologies": _l("Apologies"),
    "delegate": _l("Sent a delegate"),
}
MEETING_STATUSES = ("planned", "held", "approved")
MEETING_STATUS_LABELS = {
    "planned": _l("Planned"),
    "held": _l("Held, minutes in draft"),
    "approved": _l("Minutes approved"),
}
ACTION_STATUS_LABELS = {
    "open": _l("Open"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}
DOCUMENT_KINDS = ("implementation_plan", "technical_requirements", "evaluation_indicators",
                  "usage_rules", "other")
DOCUMENT_KIND_LABELS = {
    "implementation_plan": _l("Implementation plan"),
    "technical_requirements": _l("CRM technical requirements"),
    "evaluation_indicators": _l("Evaluation indicators for the rollout's results"),
    "usage_rules": _l("Application rules for staff"),
    "other": _l("Other"),
}
REVIEW_LABELS = {
    "none": _l("No review date"),
    "ok": _l("Review scheduled"),
    "due": _l("Review due soon"),
    "overdue": _l("Review overdue"),
}
APPROVAL_MEANING = _l("Approved by the sponsor: the rollout runs by this version.")
__all__ = ["DEPARTMENT_LABELS"]
