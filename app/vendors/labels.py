"""What users read for the vendor module's coded values, warnings and selection blockers."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

STAGE_LABELS = {
    "longlist": _l("Longlist"),
    "invited": _l("Invited (briefing and proposal)"),
    "shortlisted": _l("Shortlisted"),
    "visited": _l("Site visits done"),
    "bid_received": _l("Bid received"),
    "selected": _l("Selected"),
    "rejected": _l("Rejected"),
}

COST_KIND_LABELS = {
    "licences": _l("Licences"),
    "implementation": _l("Implementation"),
    "training": _l("Training"),
    "data_migration": _l("Data migration"),
    "integration": _l("Integration"),
    "support": _l("Support and maintenance"),
}

CLAIM_STATUS_LABELS = {
    "unverified": _l("Unverified"),
    "verified": _l("Verified"),
    "false": _l("False"),
}

MUST_HAVE_LABEL = _l("must-have")

LICENCE_MODEL_LABELS = {
    "subscription": _l("Subscription (per user, per year)"),
    "perpetual": _l("Perpetual licence plus maintenance"),
    "term": _l("Term licence"),
    "other": _l("Other"),
}


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))


def blocker_text(blocker) -> str:
    texts = {
        "already_selected": _("%(vendor)s is already selected; reject it first.",
                              vendor=blocker.vendor),
        "few_shortlisted": _("Fewer than two vendors were shortlisted."),
        "no_visit": _("%(vendor)s has no completed site visit.", vendor=blocker.vendor),
        "no_bid": _("%(vendor)s has no bid.", vendor=blocker.vendor),
    }
    return texts[blocker.code]


def weight_warning_text(warning, criterion_names: dict[str, str]) -> str:
    if warning.code == "features_first":
        return _("Functional fit weighs more than %(criterion)s: software features are not the "
                 "first criterion; the vendor's financial viability and the return on investment "
                 "are.", criterion=criterion_names.get(warning.detail, warning.detail))
    return _("No criterion for the vendor's financial viability: add it and weigh it first.")


def vendor_warning_text(warning) -> str:
    if warning.code in ("unverified_must", "false_claims"):
        message = {
            "unverified_must": _("%(vendor)s: %(count)s claim(s) on must-have requirements are "
                                 "not verified (a risk).", vendor=warning.vendor,
                                 count=warning.detail),
            "false_claims": _("%(vendor)s: %(count)s claim(s) turned out false.",
                              vendor=warning.vendor, count=warning.detail),
        }
        return message[warning.code]
    texts = {
        "bundle": _("%(vendor)s offers a best-of-breed bundle of several vendors' products: ask "
                    "who supports the whole, or applications will be left unsupported.",
                    vendor=warning.vendor),
        "not_vertical": _("%(vendor)s is not an industry-ready (vertical) solution: expect "
                          "more building and configuration.", vendor=warning.vendor),
        "weak_finances": _("%(vendor)s scores low on financial viability.", vendor=warning.vendor),
        "features_weak_finances": _("%(vendor)s has strong features but weak finances: "
                                    "features do not make up for a vendor that may not last.",
                                    vendor=warning.vendor),
    }
    return texts[warning.code]
