"""What users call the coded values of requirements (lazy, so each page speaks its language)."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "signed_off": _l("Signed off"),
    "superseded": _l("Superseded"),
    "withdrawn": _l("Withdrawn"),
}
KIND_LABELS = {
    "functional": _l("Functional"),
    "data": _l("Data"),
    "integration": _l("Integration"),
    "reporting": _l("Reporting"),
    "non_functional": _l("Non-functional"),
}
PRIORITY_LABELS = {
    "must": _l("Must have"),
    "should": _l("Should have"),
    "could": _l("Could have"),
    "wont": _l("Won't have (this time)"),
}
DEPARTMENT_LABELS = {
    "sales": _l("Sales"),
    "marketing": _l("Marketing"),
    "customer_service": _l("Customer service"),
    "it": _l("IT"),
    "finance": _l("Finance"),
    "other": _l("Other"),
}
DEFAULT_MEANING = _l("Approved for build")
