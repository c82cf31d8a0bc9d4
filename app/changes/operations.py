"""Operations between the web and the service: read from the form, pre-fill from a refused
edit, and describe one in words for the request's page."""

import contextlib
from datetime import date
from decimal import Decimal

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from app.budget.labels import CATEGORY_LABELS as BUDGET_CATEGORY_LABELS
from app.changes.labels import KIND_LABELS
from app.changes.service import OperationData
from app.core.errors import DomainError
from app.planning.models import CONSTRAINT_LABELS

# Form fields each kind needs, and the message when one is missing.
NEEDS = {
    "task_change": ("task_id",), "milestone_move": ("task_id", "milestone_date"),
    "lag_change": ("predecessor_id", "successor_id", "lag"),
    "link_add": ("predecessor_id", "successor_id"),
    "link_remove": ("predecessor_id", "successor_id"),
    "task_add": ("name", "phase_id", "duration"), "task_remove": ("task_id",),
    "requirement_change": ("requirement_id", "req_title"),
    "budget_change": ("line_id", "amount"), "contingency_draw": ("line_id", "to_line_id",
                                                                 "amount"),
    "line_add": ("line_name", "line_category", "line_year", "line_quarter", "amount"),
    "line_remove": ("line_id",),
}


def from_form(form) -> OperationData | None:
    """The operation the form describes, None when no kind is chosen; DomainError names the
    missing field."""
    kind = form.kind.data
    if not kind:
        return None
    for name in NEEDS[kind]:
        if getattr(form, name).data in (None, ""):
            raise DomainError(_l("%(kind)s: fill in “%(field)s”.", kind=KIND_LABELS[kind],
                                 field=getattr(form, name).label.text))
    f = form
    if kind == "task_change":
        params = {}
        if f.duration.data is not None:
            params["duration"] = f.duration.data
        if f.constraint_type.data == "none":
            params["constraint_type"], params["constraint_date"] = "", ""
        elif f.constraint_type.data:
            if not f.constraint_date.data:
                raise DomainError(_l("A constraint needs both its kind and its date."))
            params["constraint_type"] = f.constraint_type.data
            params["constraint_date"] = f.constraint_date.data.isoformat()
        return OperationData(kind, f.task_id.data, params)
    if kind == "milestone_move":
        return OperationData(kind, f.task_id.data, {"date": f.milestone_date.data.isoformat()})
    if kind in ("lag_change", "link_add", "link_remove"):
        params = {"predecessor_id": f.predecessor_id.data, "successor_id": f.successor_id.data}
        if kind != "link_remove":
            params["lag"] = f.lag.data or 0
        if kind == "link_add":
            params["type"] = f.link_type.data or "FS"
        return OperationData(kind, None, params)
    if kind == "task_add":
        params = {"name": f.name.data, "phase_id": f.phase_id.data, "duration": f.duration.data}
        for key in ("predecessor_id", "successor_id"):
            if getattr(f, key).data:
                params[key] = getattr(f, key).data
        return OperationData(kind, None, params)
    if kind == "task_remove":
        return OperationData(kind, f.task_id.data, {})
    if kind == "requirement_change":
        return OperationData(kind, f.requirement_id.data, {
            "title": f.req_title.data, "description": f.req_description.data or "",
            "acceptance_criteria": f.req_acceptance.data or ""})
    if kind == "line_add":
        return OperationData(kind, None, {
            "name": f.line_name.data, "category": f.line_category.data,
            "fiscal_year": f.line_year.data, "quarter": int(f.line_quarter.data),
            "amount": str(f.amount.data)})
    if kind == "line_remove":
        return OperationData(kind, f.line_id.data, {})
    params = {"amount": str(f.amount.data)}
    if kind == "contingency_draw":
        params["to_line_id"] = f.to_line_id.data
    return OperationData(kind, f.line_id.data, params)


def prefill(form, args) -> None:
    """Fill the operation fields from a refused edit's query string (see changes.guard)."""
    kind = args.get("kind", "")
    if kind not in NEEDS:
        return
    form.kind.data = kind
    target = args.get("target_id", type=int)
    simple = {"duration": int, "lag": int, "predecessor_id": int, "successor_id": int,
              "phase_id": int}
    for key, cast in simple.items():
        if args.get(key) not in (None, ""):
            with contextlib.suppress(ValueError):
                getattr(form, key).data = cast(args[key])
    if kind in ("task_change", "task_remove"):
        form.task_id.data = target
    if kind == "task_change" and args.get("constraint_type") is not None:
        form.constraint_type.data = args.get("constraint_type") or "none"
        try:
            form.constraint_date.data = date.fromisoformat(args.get("constraint_date", ""))
        except ValueError:
            form.constraint_date.data = None
    if kind == "link_add":
        form.link_type.data = args.get("type") or "FS"
    if kind == "task_add":
        form.name.data = args.get("name", "")
    if kind == "line_add":
        form.line_name.data = args.get("name", "")
        form.line_category.data = args.get("category", "")
        form.line_year.data = args.get("fiscal_year", type=int)
        form.line_quarter.data = args.get("quarter", "")
    if kind in ("budget_change", "contingency_draw", "line_add", "line_remove"):
        form.line_id.data = target
        with contextlib.suppress(ArithmeticError, ValueError):
            amount = Decimal(args.get("amount", ""))
            form.amount.data = amount if amount.is_finite() else None
        if kind == "contingency_draw":
            form.to_line_id.data = args.get("to_line_id", type=int)
    if kind == "requirement_change":
        form.requirement_id.data = target
        form.req_title.data = args.get("title", "")
        form.req_description.data = args.get("description", "")
        form.req_acceptance.data = args.get("acceptance_criteria", "")


def describe(op, names: dict) -> str:
    """One line saying what the operation does, with the records' names."""
    v, task = op.values, names.get(("task", op.target_id), f"#{op.target_id}")

    def t(key):
        return names.get(("task", v.get(key)), f"#{v.get(key)}")

    if op.kind == "task_change":
        parts = []
        if "duration" in v:
            parts.append(str(_l("duration %(n)s working days", n=v["duration"])))
        if "constraint_type" in v:
            parts.append(str(_l("constraint %(c)s %(d)s",
                                c=CONSTRAINT_LABELS.get(v["constraint_type"], _l("none")),
                                d=v.get("constraint_date") or "")))
        return str(_l("%(task)s: %(changes)s", task=task, changes="; ".join(parts)))
    if op.kind == "milestone_move":
        return str(_l("Move %(task)s to %(day)s", task=task,
                      day=format_date(date.fromisoformat(v["date"]))))
    if op.kind == "lag_change":
        return str(_l("Lag of %(a)s → %(b)s: %(n)s working days", a=t("predecessor_id"),
                      b=t("successor_id"), n=v.get("lag")))
    if op.kind == "link_add":
        return str(_l("%(a)s → %(b)s (%(type)s, lag %(n)s)", a=t("predecessor_id"),
                      b=t("successor_id"), type=v.get("type"), n=v.get("lag")))
    if op.kind == "link_remove":
        return str(_l("Remove %(a)s → %(b)s", a=t("predecessor_id"), b=t("successor_id")))
    if op.kind == "task_add":
        return str(_l("New task %(name)s, %(n)s working days, in %(phase)s", name=v.get("name"),
                      n=v.get("duration"), phase=names.get(("phase", v.get("phase_id")), "")))
    if op.kind == "task_remove":
        return str(_l("Remove %(task)s", task=task))
    if op.kind == "requirement_change":
        return str(_l("%(req)s: new version titled %(title)s",
                      req=names.get(("requirement", op.target_id), f"#{op.target_id}"),
                      title=v.get("title")))
    if op.kind == "line_add":
        return str(_l("New budget line %(name)s, %(category)s FY%(year)s Q%(quarter)s: planned "
                      "%(amount)s", name=v.get("name"),
                      category=BUDGET_CATEGORY_LABELS.get(v.get("category"), v.get("category")),
                      year=v.get("fiscal_year"), quarter=v.get("quarter"),
                      amount=Decimal(str(v.get("amount", 0)))))
    line = names.get(("line", op.target_id), f"#{op.target_id}")
    if op.kind == "line_remove":
        return str(_l("Remove %(line)s", line=line))
    if op.kind == "budget_change":
        return str(_l("%(line)s: planned amount %(amount)s", line=line,
                      amount=Decimal(v["amount"])))
    return str(_l("Draw %(amount)s from %(line)s to %(to)s", amount=Decimal(v["amount"]),
                  line=line, to=names.get(("line", v.get("to_line_id")), "")))
