"""What users call the coded values of training (lazy, so each page speaks its language)."""

from flask_babel import lazy_gettext as _l

from app.requirements.labels import DEPARTMENT_LABELS

KIND_LABELS = {
    "concept": _l("Concept training"),
    "operational": _l("Operational training"),
}
KIND_HELP = {
    "concept": _l("Why the company adopts CRM and what changes: customer-centred working, "
                  "shared customer information."),
    "operational": _l("How to use the system in daily work: screens, processes, reports."),
}
__all__ = ["DEPARTMENT_LABELS", "KIND_HELP", "KIND_LABELS"]
