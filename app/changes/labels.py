"""What users call the coded values of change requests (lazy translations)."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "draft": _l("Draft"), "submitted": _l("Submitted"), "under_review": _l("Under review"),
    "approved": _l("Approved"), "rejected": _l("Rejected"), "deferred": _l("Deferred"),
    "implemented": _l("Implemented"), "withdrawn": _l("Withdrawn"),
}
CATEGORY_LABELS = {
    "scope": _l("Scope"), "schedule": _l("Schedule"), "budget": _l("Budget"),
    "requirement": _l("Requirement"), "vendor": _l("Vendor"), "other": _l("Other"),
}
URGENCY_LABELS = {"low": _l("Low"), "normal": _l("Normal"), "high": _l("High"),
                  "critical": _l("Critical")}
VOTE_LABELS = {"approve": _l("Approve"), "reject": _l("Reject"), "defer": _l("Defer"),
               "abstain": _l("Abstain")}
KIND_LABELS = {
    "task_change": _l("Change a task's duration or constraint"),
    "milestone_move": _l("Move a milestone"),
    "lag_change": _l("Change a dependency's lag"),
    "link_add": _l("Add a dependency"),
    "link_remove": _l("Remove a dependency"),
    "task_add": _l("Add a task"),
    "task_remove": _l("Remove a task"),
    "requirement_change": _l("Change a requirement (new version)"),
    "budget_change": _l("Change a budget line amount"),
    "contingency_draw": _l("Draw from the contingency reserve"),
    "line_add": _l("Add a budget line"),
    "line_remove": _l("Remove a budget line"),
}
# Messages for operations the analysis refuses (impact.InvalidOperation codes).
PROBLEMS = {
    "unknown_task": _l("Task %(task)s is not in this plan."),
    "bad_duration": _l("Give %(task)s a whole number of working days."),
    "negative_duration": _l("The duration of %(task)s cannot be negative."),
    "duration_too_long": _l("The duration of %(task)s cannot exceed %(most)s working days."),
    "bad_constraint": _l("The constraint of %(task)s needs a known kind and a date."),
    "nothing_changed": _l("The change to %(task)s changes nothing."),
    "not_milestone": _l("%(task)s is not a milestone (its duration is not 0)."),
    "self_link": _l("%(task)s cannot depend on itself."),
    "link_missing": _l("%(predecessor)s and %(successor)s are not linked."),
    "link_exists": _l("%(predecessor)s and %(successor)s are already linked."),
    "bad_link_type": _l("Choose a kind of link."),
    "bad_lag": _l("A lag is a whole number of working days from -1000 to 1000."),
    "task_needs_name": _l("Give the new task a name."),
    "unknown_phase": _l("Choose a phase of this project for the new task."),
    "unknown_line": _l("Budget line %(line)s is not in this budget."),
    "bad_amount": _l("An amount is a number of at least 0."),
    "not_contingency": _l("%(line)s is not a contingency reserve line."),
    "draw_exceeds": _l("Draw more than 0 and at most the %(available)s left on %(line)s."),
    "line_needs_name": _l("Give the new budget line a name."),
    "unknown_category": _l("Choose one of the budget categories for the new line."),
    "bad_period": _l("Choose a fiscal year from 1990 to 2100 and a quarter from 1 to 4."),
    "line_has_costs": _l("%(line)s has costs recorded against it: it cannot be removed."),
    "unknown_requirement": _l("Requirement %(requirement)s is not in this project."),
    "requirement_needs_title": _l("Give %(requirement)s a title."),
    "cycle": _l("These changes would close a dependency loop: %(loop)s."),
    "unknown_kind": _l("Unknown operation %(kind)s."),
}
