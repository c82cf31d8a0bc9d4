"""Run edits against one save at the same moment, each in a thread with its own session."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from app.changes.guard import ChangeRequestRequired
from app.core.audit import Actor, acting_as


def edits_racing_a_save(app, actor_id: int, edits: int, edit: Callable[[int], None],
                        save: Callable[[], None]) -> list[str]:
    """Start edit(0..edits-1) and save() together; returns "saved" or "refused" per edit (a
    refusal being a ChangeRequestRequired), then "baseline" for the save."""
    barrier = threading.Barrier(edits + 1)

    def run_edit(n):
        barrier.wait()
        with app.app_context(), acting_as(Actor(actor_id, "pm")):
            try:
                edit(n)
            except ChangeRequestRequired:
                return "refused"
            return "saved"

    def run_save():
        barrier.wait()
        with app.app_context(), acting_as(Actor(actor_id, "pm")):
            save()
            return "baseline"

    with ThreadPoolExecutor(edits + 1) as pool:
        futures = [pool.submit(run_edit, n) for n in range(edits)] + [pool.submit(run_save)]
        return [f.result() for f in futures]
