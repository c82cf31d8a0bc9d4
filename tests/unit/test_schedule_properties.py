"""Properties of the CPM engine on random plans (hypothesis)."""

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.planning.calendar import WorkingCalendar
from app.planning.schedule import Dependency, LinkType, PlanInput, Task, compute

CAL = WorkingCalendar(holidays=frozenset({date(2026, 1, 1), date(2026, 2, 17), date(2026, 5, 1)}))
START = date(2026, 1, 5)


@st.composite
def plans(draw):
    n = draw(st.integers(1, 14))
    tasks = [Task(f"T{i}", draw(st.integers(0, 8))) for i in range(n)]
    deps = {}
    for _ in range(draw(st.integers(0, 2 * n))):
        if n < 2:
            break
        s = draw(st.integers(1, n - 1))
        p = draw(st.integers(0, s - 1))  # links only go forward in the list: no cycles
        kind = draw(st.sampled_from(list(LinkType)))
        deps[(p, s)] = Dependency(f"T{p}", f"T{s}", kind, draw(st.integers(-3, 4)))
    return PlanInput(tuple(tasks), tuple(deps.values()), CAL, START)


def positions(result, task_id):
    """The schedule back in boundaries between working days: (start, finish) positions."""
    t = result[task_id]
    if t.is_milestone:
        at = CAL.index_on_or_after(t.early_start) + (1 if t.at_day_end else 0)
        return at, at
    return CAL.index_on_or_after(t.early_start), CAL.index_on_or_after(t.early_finish) + 1


@settings(max_examples=150, deadline=None)
@given(plans())
def test_every_dependency_is_respected(plan):
    r = compute(plan)
    first = CAL.index_on_or_after(START)
    for task in plan.tasks:
        start, finish = positions(r, task.id)
        assert start >= first and finish - start == task.duration
    for dep in plan.dependencies:
        ps, pf = positions(r, dep.predecessor)
        ss, sf = positions(r, dep.successor)
        source = pf if dep.type in (LinkType.FS, LinkType.FF) else ps
        target = ss if dep.type in (LinkType.FS, LinkType.SS) else sf
        assert target >= source + dep.lag, dep


@settings(max_examples=150, deadline=None)
@given(plans())
def test_float_is_never_negative_and_critical_means_zero_float(plan):
    r = compute(plan)
    for t in r.tasks.values():
        assert t.total_float >= 0 and 0 <= t.free_float <= t.total_float
        assert t.critical == (t.total_float == 0)
        assert t.late_start >= t.early_start
    assert r.violations == ()
    assert max(t.early_finish for t in r.tasks.values()) == r.project_finish
    on_paths = {task_id for path in r.critical_paths for task_id in path}
    assert on_paths <= set(r.critical_tasks)


@settings(max_examples=100, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(plan, rnd: random.Random):
    tasks, deps = list(plan.tasks), list(plan.dependencies)
    rnd.shuffle(tasks)
    rnd.shuffle(deps)
    shuffled = PlanInput(tuple(tasks), tuple(deps), CAL, START)
    a, b = compute(plan), compute(shuffled)
    assert dict(a.tasks) == dict(b.tasks)
    assert a.critical_tasks == b.critical_tasks
    assert a.critical_paths == b.critical_paths
