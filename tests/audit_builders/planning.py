"""Audit builders for the planning domain: settings, phases, tasks, dependencies, baselines."""

from datetime import date
from decimal import Decimal

from app.planning.models import Phase, PlanBaseline, PlanDependency, PlanSettings, PlanTask


def _saved(session, record):
    session.add(record)
    session.flush()
    return record


def _settings(s, ctx):
    return PlanSettings(project_id=ctx["project"].id, status_date=date(2026, 3, 31),
                        near_critical_days=5)


def _phase(s, ctx, name="Design"):
    return Phase(project_id=ctx["project"].id, position=1, name=name, gate="设计评审")


def _task(s, ctx, name="Map the sales process"):
    phase = _saved(s, _phase(s, ctx, f"Phase of {name}"))
    return PlanTask(project_id=phase.project_id, phase=phase, position=1, name=name,
                    duration=10, owner_id=ctx["user"].id, constraint_type="SNET",
                    constraint_date=date(2026, 2, 2), planned_cost=Decimal("12000.00"))


def _dependency(s, ctx):
    predecessor = _saved(s, _task(s, ctx, "Map the sales process"))
    successor = _saved(s, _task(s, ctx, "Configure the pipeline stages"))
    return PlanDependency(project_id=predecessor.project_id, predecessor=predecessor,
                          successor=successor, type="FS", lag=2)


def _baseline(s, ctx):
    return PlanBaseline(project_id=ctx["project"].id, name="Kick-off baseline 启动基线",
                        project_finish=date(2026, 12, 18), content_hash="a" * 64)


# Fields are chosen so the change keeps the record's audit label (the test finds its rows by
# it); a baseline is named by its name, so its change reseals the hash.
BUILDERS = {
    PlanSettings: (_settings, "near_critical_days", 8),
    Phase: (_phase, "gate", "Design sign-off by the steering committee"),
    PlanTask: (_task, "percent_complete", 40),
    PlanDependency: (_dependency, "lag", -1),
    PlanBaseline: (_baseline, "content_hash", "b" * 64),
}
