"""Critical path scheduling of a plan: early/late dates, float, critical paths.

The engine is split by stage: `schedule_model` (plain data in and out), `schedule_network`
(the plan as integer arrays), `schedule_passes` (forward and backward passes, whose loops over
links are compiled in `schedule_kernels`) and `schedule_results` (dates, critical paths,
violations). This module is the entry point.
"""

from __future__ import annotations

import gc

from app.planning.schedule_model import (
    INTO_START,
    START_KINDS,
    Constraint,
    ConstraintType,
    ConstraintViolation,
    Dependency,
    DependencyCycleError,
    LinkType,
    PlanInput,
    Progress,
    ScheduleResult,
    Task,
    TaskId,
    TaskSchedule,
)
from app.planning.schedule_network import Network
from app.planning.schedule_passes import forward
from app.planning.schedule_results import MAX_CRITICAL_PATHS, result

__all__ = [
    "INTO_START",
    "MAX_CRITICAL_PATHS",
    "START_KINDS",
    "Constraint",
    "ConstraintType",
    "ConstraintViolation",
    "Dependency",
    "DependencyCycleError",
    "LinkType",
    "Network",
    "PlanInput",
    "Progress",
    "ScheduleResult",
    "Task",
    "TaskId",
    "TaskSchedule",
    "compute",
]


def compute(plan: PlanInput, *, near_critical_float: int = 5) -> ScheduleResult:
    """Schedule the plan: forward and backward passes over working-day indices.

    Raises DependencyCycleError naming the tasks of a cycle, ValueError for bad input.
    """
    # The results allocate thousands of tuples and free none of them until the end; pausing
    # the cyclic garbage collector meanwhile saves it from walking them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        net = Network(plan)
        forward(net)
        return result(net, near_critical_float)
    finally:
        if collecting:
            gc.enable()
