"""What users read about the budget: category names, warning texts and input problems."""

from collections.abc import Callable
from decimal import Decimal

from flask_babel import format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.budget.analysis import BudgetWarning, Category, WarningCode
from app.budget.kpi_value import Gap

CATEGORY_LABELS = {
    Category.SOFTWARE_LICENCES: _l("Software and licences"),
    Category.TRAINING: _l("Training"),
    Category.DATA_MAINTENANCE: _l("Data maintenance"),
    Category.INTEGRATION: _l("Software integration"),
    Category.PROJECT_MANAGEMENT: _l("Project management"),
    Category.CONTINGENCY: _l("Contingency reserve"),
    Category.OTHER: _l("Other"),
}

CATEGORY_HELP = {
    Category.SOFTWARE_LICENCES: _l("Licences, subscriptions, hosting."),
    Category.TRAINING: _l("Courses, trainers, time of the people trained, materials."),
    Category.DATA_MAINTENANCE: _l("Cleansing, migration and the ongoing upkeep of customer data."),
    Category.INTEGRATION: _l("Connecting the CRM to ERP, order, e-mail and other systems."),
    Category.PROJECT_MANAGEMENT: _l("Running the project itself: project manager, PMO, "
                                    "steering committee time."),
    Category.CONTINGENCY: _l("The reserve that absorbs the ups and downs of a long plan."),
    Category.OTHER: _l("Anything that fits no other category."),
}

SERIES_LABELS = {"total": _l("The whole budget")}
BASIS_LABELS = {"planned": _l("planned"), "actual": _l("actual")}
NAMED_BY_LABELS = {"end": _l("the calendar year they end in"),
                   "start": _l("the calendar year they start in")}

KPI_GAP_LABELS = {
    Gap.NOT_YET: _l("month not started"),
    Gap.NO_BASELINE: _l("the KPI has no baseline"),
    Gap.NO_MEASUREMENT: _l("nothing measured since the baseline"),
}

PROBLEMS = {
    "amount_missing": _l("Enter an amount."),
    "amount_malformed": _l("Write the amount with digits and a decimal point, e.g. 1234.50, "
                           "without a currency sign."),
    "amount_too_precise": _l("Use at most %(digits)d decimal places in this currency."),
    "amount_negative": _l("The amount cannot be negative."),
    "amount_too_large": _l("The amount is too large."),
    "amount_zero": _l("The amount cannot be zero."),
    "file_empty": _l("The file holds no cost entries."),
    "file_unreadable": _l("The file is not readable as CSV."),
    "file_too_long": _l("Import at most %(limit)d rows at a time."),
    "header_bad": _l("The first row must name the columns. Expected: %(expected)s. "
                     "Missing: %(missing)s. Unknown: %(unknown)s."),
    "row_columns": _l("The row has %(found)d values where the header has %(expected)d."),
    "date_malformed": _l("Write the date as YYYY-MM-DD."),
    "date_out_of_range": _l("The date must lie between %(earliest)s and %(latest)s."),
    "line_missing": _l("Name the budget line, e.g. BL-001."),
    "line_unknown": _l("There is no budget line %(line)s in this project."),
    "text_bad": _l("%(column)s is longer than %(limit)d characters or holds < or >."),
    "currency_other": _l("The amount is in %(found)s; this project keeps its budget in "
                         "%(expected)s."),
    "duplicate": _l("This cost is already recorded (same line, date, amount, supplier and "
                    "reference)."),
}


def problem_text(code: str, params=None) -> str:
    params = dict(params or {})
    for key, value in params.items():
        if value == "":
            params[key] = _("none")
    return str(PROBLEMS[code]) % params if params else str(PROBLEMS[code])


def category_label(value: str) -> str:
    try:
        return str(CATEGORY_LABELS[Category(value)])
    except ValueError:
        return value


def _series(name: str) -> str:
    return str(SERIES_LABELS[name]) if name in SERIES_LABELS else category_label(name)


def warning_text(warning: BudgetWarning, money: Callable[[Decimal], str]) -> str:
    """The warning in the reader's language, with amounts in the project's currency."""
    p, e = warning.params, warning.evidence
    pct = format_percent
    code = warning.code
    if code == WarningCode.HIDDEN_COST_MISSING:
        return _("Nothing is planned for %(category)s, one of the costs CRM budgets forget. "
                 "Software and licences are planned at %(software)s.",
                 category=category_label(p["category"]), software=money(e["software_licences"]))
    if code == WarningCode.HIDDEN_COST_LOW:
        return _("%(category)s is planned at %(planned)s, %(share)s of the software cost; at "
                 "least %(required)s (%(amount)s) is expected.",
                 category=category_label(p["category"]), planned=money(e["planned"]),
                 share=pct(e["share"], "#,##0.#%"), required=pct(e["required_share"]),
                 amount=money(e["required_amount"]))
    if code == WarningCode.CONTINGENCY_MISSING:
        return _("The budget holds no contingency reserve to absorb the ups and downs of a "
                 "long plan.")
    if code == WarningCode.CONTINGENCY_LOW:
        return _("The contingency reserve is %(planned)s, %(share)s of the total; at least "
                 "%(required)s (%(amount)s) is expected.",
                 planned=money(e["planned"]), share=pct(e["share"], "#,##0.#%"),
                 required=pct(e["required_share"]), amount=money(e["required_amount"]))
    if code == WarningCode.CONTINGENCY_OVERDRAWN:
        return _("%(drawn)s of the contingency reserve is drawn (%(amount)s) while the schedule "
                 "is only %(done)s complete.",
                 drawn=pct(e["drawn_share"], "#,##0.#%"), amount=money(e["drawn"]),
                 done=pct(e["schedule_complete"], "#,##0.#%"))
    if code == WarningCode.UNPLANNED_SPENDING:
        return _("%(actual)s was spent on %(category)s, which has no plan.",
                 actual=money(e["actual"]), category=category_label(p["category"]))
    return _("CRM sawtooth in %(series)s (%(basis)s): %(peak)s in FY%(year)s, then %(following)s "
             "the next year. Overspending one year and slashing the next wastes the investment "
             "and confuses staff.",
             series=_series(p["series"]), basis=BASIS_LABELS[p["basis"]], peak=money(e["peak"]),
             year=p["fiscal_year"], following=money(e["following"]))
