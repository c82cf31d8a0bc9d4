"""The change request lifecycle and the committee's vote rule (pure)."""

from collections import Counter
from collections.abc import Iterable

# status -> actions allowed in it
ACTIONS = {
    "draft": {"edit", "submit", "withdraw"},
    "submitted": {"vote", "decide", "analyse", "withdraw"},
    "under_review": {"vote", "decide", "analyse", "withdraw"},
    "deferred": {"vote", "decide", "analyse", "withdraw"},
    "approved": {"apply", "analyse"},
    "rejected": set(),
    "implemented": set(),
    "withdrawn": set(),
}
OUTCOMES = {"approve": "approved", "reject": "rejected", "defer": "deferred"}


def allowed(status: str, action: str) -> bool:
    return action in ACTIONS.get(status, set())


def tally(votes: Iterable[str]) -> dict[str, int]:
    counts = Counter(votes)
    return {v: counts.get(v, 0) for v in ("approve", "reject", "defer", "abstain")}


def outcome_supported(outcome: str, votes: Iterable[str]) -> bool:
    """An approval needs more approvals than other (non-abstaining) votes; a rejection more
    rejections than approvals; deferring is always open to the committee."""
    counts = tally(votes)
    others = counts["reject"] + counts["defer"]
    if outcome == "approve":
        return counts["approve"] > others
    if outcome == "reject":
        return counts["reject"] > counts["approve"]
    return outcome == "defer"
