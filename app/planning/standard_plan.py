"""The standard CRM rollout plan in seeds/: nine phases with typical tasks and links."""

import re
import tomllib
from decimal import Decimal
from pathlib import Path

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.core.db import transactional
from app.core.errors import DomainError
from app.core.permissions import require
from app.planning import service
from app.planning.models import PlanTask
from app.projects.models import Project

PATH = Path(__file__).resolve().parents[2] / "seeds" / "crm_rollout_plan.toml"
_LINK = re.compile(r"^(?P<name>.+?)(?::(?P<type>FS|SS|FF|SF)(?P<lag>[+-]\d+)?)?$")


def parse_link(text: str) -> tuple[str, str, int]:
    """"Name" is finish-to-start; "Name:SS+3" names the link type and a lag in working days."""
    match = _LINK.match(text)
    return match["name"], match["type"] or "FS", int(match["lag"] or 0)


def read() -> dict:
    with PATH.open("rb") as fh:
        return tomllib.load(fh)


@transactional
def start_from_standard_plan(actor: User | None, project: Project) -> dict[str, PlanTask]:
    """Fill an empty plan with the standard one; returns its tasks by name."""
    if actor is not None:
        require(actor, project, "plan.edit")
    if service.phases(project) or service.tasks(project):
        raise DomainError(_l("The plan already has phases or tasks; the standard plan only "
                             "starts an empty one. Nothing was changed."))
    data = read()
    rate = Decimal(data["day_rate"])
    tasks: dict[str, PlanTask] = {}
    after: dict[str, list[str]] = {}
    for phase_spec in data["phase"]:
        phase = service.create_phase(None, project, phase_spec["name"], phase_spec["gate"])
        for spec in phase_spec["tasks"]:
            cost = Decimal(spec.get("cost", spec["days"] * rate))
            tasks[spec["name"]] = service.create_task(None, project, service.TaskData(
                spec["name"], phase.id, spec["days"], planned_cost=cost))
            after[spec["name"]] = spec.get("after", [])
    for name, predecessors in after.items():
        for text in predecessors:
            before, kind, lag = parse_link(text)
            service.add_dependency(None, project, tasks[before].id, tasks[name].id, kind, lag)
    return tasks
