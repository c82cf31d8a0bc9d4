"""Audit builder for the link between plan tasks and the requirements they deliver."""

from app.planning.models import Phase, PlanTask
from app.planning.requirement_links import TaskRequirement
from app.requirements.models import Requirement

# Fixed ids, so the link can be moved to a known second requirement.
REQUIREMENT_IDS = (990_101, 990_102)


def _saved(session, record):
    session.add(record)
    session.flush()
    return record


def _link(s, ctx):
    phase = _saved(s, Phase(project_id=ctx["project"].id, position=1, name="数据 Data", gate=""))
    task = _saved(s, PlanTask(project_id=phase.project_id, phase=phase, position=1,
                              name="Migration mapping", duration=10))
    for number, requirement_id in enumerate(REQUIREMENT_IDS, start=11):
        _saved(s, Requirement(id=requirement_id, project_id=task.project_id, number=number,
                              status="draft", title=f"数据迁移 Data migration {number}",
                              kind="functional", priority="must", department="sales",
                              current_number=1))
    return TaskRequirement(project_id=task.project_id, task_id=task.id,
                           requirement_id=REQUIREMENT_IDS[0])


BUILDERS = {TaskRequirement: (_link, "requirement_id", REQUIREMENT_IDS[1])}
