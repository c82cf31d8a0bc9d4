"""Shared set-up for the quality tests: a two-phase plan whose second phase starts early."""

from dataclasses import dataclass

from app.planning import service as planning
from app.quality import service


@dataclass
class QualityPlan:
    project: object
    design: object
    build: object
    workshops: object
    prototype: object
    configure: object


def build_plan(cast) -> QualityPlan:
    """Design (10 days from 2026-01-05) then Build; the prototype starts 3 days into design."""
    project = cast.project
    design = planning.create_phase(None, project, "设计 Design", "设计评审 Design review")
    build = planning.create_phase(None, project, "Build", "Build accepted")
    workshops = planning.create_task(None, project, planning.TaskData("Workshops 研讨会",
                                                                      design.id, 10))
    prototype = planning.create_task(None, project, planning.TaskData("Prototype", build.id, 5))
    configure = planning.create_task(None, project, planning.TaskData("Configure", build.id, 5))
    planning.add_dependency(None, project, workshops.id, prototype.id, "SS", 3)
    planning.add_dependency(None, project, workshops.id, configure.id, "FS", 0)
    return QualityPlan(project, design, build, workshops, prototype, configure)


def checkpoint(project, phase, title="Design reviewed", status="pending", evidence="",
               target="gate", task=None, reviewer=None):
    return service.create_checkpoint(None, project, service.CheckpointData(
        title, target, phase.id if phase else None, task.id if task else None, "",
        "The committee walked through it", reviewer.id if reviewer else None, evidence, status))
