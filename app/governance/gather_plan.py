"""The scorecard's facts from the plan: when the build starts, when the vendor decision is
due (phases found by name, see [plan] in seeds/health_rules.toml), and earned value."""

from collections.abc import Sequence
from datetime import date

from app.governance import health
from app.projects.models import Project


def _phase_dates(project: Project, words: Sequence[str]) -> tuple[date, date] | None:
    """Earliest start and latest finish, as scheduled, of the first phase named by `words`."""
    from app.planning import service

    words = [w.casefold() for w in words]
    phase = next((p for p in service.phases(project)
                  if any(w in p.name.casefold() for w in words)), None)
    if phase is None or not phase.tasks:
        return None
    result = service.scheduled(project).result
    dates = [result[t.id] for t in phase.tasks]
    return min(d.early_start for d in dates), max(d.early_finish for d in dates)


def plan_facts(project: Project, words) -> health.PlanFacts:
    """`words`: the [plan] section, naming the build and the vendor selection phases."""
    build = _phase_dates(project, words["build_phase"])
    vendor = _phase_dates(project, words["vendor_phase"])
    return health.PlanFacts(build[0] if build else None, vendor[1] if vendor else None)


def evm_facts(project: Project, as_of: date) -> health.EvmFacts | None:
    """SPI and CPI against the latest plan baseline at the plan's status date (else `as_of`),
    as the earned value page shows them by default."""
    from app.planning import baselines, service

    saved = baselines.baselines(project)
    if not saved:
        return None
    status_date = service.settings_for(project).status_date or as_of
    project_value = baselines.earned_value(project, saved[0], status_date).report.project
    return health.EvmFacts(saved[0].name, status_date, project_value.spi, project_value.cpi)
