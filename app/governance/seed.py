"""Demo history of the Asia pilot's governance health (seeds/demo/health.toml): month-end
snapshots, scored with today's weights; a day already recorded is left as it is."""

from datetime import date

from app.governance import health, service
from app.projects.service import get_by_code


def seed_health(summary) -> None:
    from app.demo import read_seed

    project = get_by_code(summary.project_code or "QUEST-ASIA")
    if project is None:
        return
    rules = service.thresholds()
    added = 0
    known = {r.id for r in health.RULES} | {"day"}
    for spec in read_seed("health.toml")["snapshot"]:
        if set(spec) - known:
            raise ValueError(f"unknown rules in the snapshot of {spec['day']}: "
                             f"{', '.join(sorted(set(spec) - known))}")
        statuses = {r.id: spec.get(r.id, health.Status.NOT_APPLICABLE.value)
                    for r in health.RULES}
        results = [health.RuleResult(r, health.Status(statuses[r.id]), ()) for r in health.RULES]
        score, status = health.overall(results, rules)
        added += service.add_history(project, date.fromisoformat(spec["day"]), score,
                                     status.value, statuses)
    if added:
        summary.created.append(f"{added} governance health snapshots")
