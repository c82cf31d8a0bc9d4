"""What users read for the strategy's coded values: aims, horizons, priorities, KPI kinds."""

from flask_babel import lazy_gettext as _l

AIM_LABELS = {
    "acquire": _l("Acquire new customers"),
    "retain": _l("Retain key customers"),
    "customer_value": _l("Raise customer value and profitability"),
    "cost_to_serve": _l("Lower the cost to serve"),
    "satisfaction": _l("Improve satisfaction and the total customer experience"),
    "other": _l("Other"),
}
HORIZON_LABELS = {"short": _l("Short-term"), "long": _l("Long-term")}
PRIORITY_LABELS = {"high": _l("High"), "medium": _l("Medium"), "low": _l("Low")}
DIRECTION_LABELS = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}
KIND_LABELS = {
    "monetary": _l("Monetary (revenue, margin, cost)"),
    "satisfaction": _l("Customer satisfaction"),
    "loyalty": _l("Loyalty and retention"),
    "referral": _l("Referrals and recommendations"),
    "operational": _l("Operational"),
}
# Where a KPI measurement came from.
SOURCE_LABELS = {"form": _l("Typed in"), "import": _l("Imported from CSV"),
                 "seed": _l("Demo data")}
