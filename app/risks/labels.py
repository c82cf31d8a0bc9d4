"""What users call the coded values of risks (lazy, so each page speaks its language)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

STATUS_LABELS = {
    "open": lazy_pgettext("risk status", "Open"),
    "monitoring": _l("Monitoring"),
    "occurred": _l("Occurred"),
    "closed": _l("Closed"),
}
STRATEGY_LABELS = {
    "avoid": _l("Avoid"),
    "reduce": _l("Reduce"),
    "transfer": _l("Transfer"),
    "accept": _l("Accept"),
}
LEVEL_LABELS = {
    "low": lazy_pgettext("risk level", "Low"),
    "medium": lazy_pgettext("risk level", "Medium"),
    "high": lazy_pgettext("risk level", "High"),
    "critical": lazy_pgettext("risk level", "Critical"),
}
TREND_LABELS = {
    "new": lazy_pgettext("risk trend", "New"),
    "rising": lazy_pgettext("risk trend", "Rising"),
    "steady": lazy_pgettext("risk trend", "Steady"),
    "falling": lazy_pgettext("risk trend", "Falling"),
}
PROBABILITY_LABELS = {1: _l("1 Rare"), 2: _l("2 Unlikely"), 3: _l("3 Possible"),
                      4: _l("4 Likely"), 5: _l("5 Almost certain")}
IMPACT_LABELS = {1: _l("1 Negligible"), 2: _l("2 Minor"), 3: _l("3 Moderate"),
                 4: _l("4 Major"), 5: _l("5 Severe")}
