"""Pure rules of the selection procedure: funnel moves, the selection rule, and warnings.

The procedure follows the seed principles: invite well-known vendors to brief and propose,
shortlist two or three, visit their reference customers, take bids, then choose one. Software
features are not the first criterion: financial viability and return on investment are.
"""

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


class Stage(enum.StrEnum):
    LONGLIST = "longlist"
    INVITED = "invited"
    SHORTLISTED = "shortlisted"
    VISITED = "visited"
    BID_RECEIVED = "bid_received"
    SELECTED = "selected"
    REJECTED = "rejected"


ORDER = (Stage.LONGLIST, Stage.INVITED, Stage.SHORTLISTED, Stage.VISITED, Stage.BID_RECEIVED,
         Stage.SELECTED)
# A vendor moves one step forward, may be selected once shortlisted (the selection rule then
# decides), may be rejected at any step, and a rejected vendor can be taken back onto the longlist.
MOVES: dict[Stage, frozenset[Stage]] = {
    Stage.LONGLIST: frozenset({Stage.INVITED, Stage.REJECTED}),
    Stage.INVITED: frozenset({Stage.SHORTLISTED, Stage.REJECTED}),
    Stage.SHORTLISTED: frozenset({Stage.VISITED, Stage.SELECTED, Stage.REJECTED}),
    Stage.VISITED: frozenset({Stage.BID_RECEIVED, Stage.SELECTED, Stage.REJECTED}),
    Stage.BID_RECEIVED: frozenset({Stage.SELECTED, Stage.REJECTED}),
    Stage.SELECTED: frozenset({Stage.REJECTED}),
    Stage.REJECTED: frozenset({Stage.LONGLIST}),
}
# Vendors on the shortlist or past it, still in the running: they are scored and compared.
IN_CONTENTION = frozenset({Stage.SHORTLISTED, Stage.VISITED, Stage.BID_RECEIVED, Stage.SELECTED})


def can_move(current: Stage, target: Stage) -> bool:
    return target in MOVES[Stage(current)]


@dataclass(frozen=True)
class VendorFacts:
    name: str
    stage: Stage
    was_shortlisted: bool  # reached the shortlist at some point
    completed_visit: bool
    has_bid: bool


@dataclass(frozen=True)
class Blocker:
    code: str  # few_shortlisted, no_visit, no_bid, already_selected
    vendor: str = ""


def selection_blockers(candidate: str, vendors: Sequence[VendorFacts]) -> list[Blocker]:
    """Why `candidate` may not be selected yet; empty when the selection rule is met.

    At least two vendors were shortlisted, and every vendor still in contention (the candidate
    included) has a completed site visit and a bid. Another vendor already selected is not
    something an override can set aside.
    """
    blockers = []
    if any(v.stage == Stage.SELECTED and v.name != candidate for v in vendors):
        blockers.append(Blocker("already_selected",
                                next(v.name for v in vendors if v.stage == Stage.SELECTED)))
    if sum(v.was_shortlisted for v in vendors) < 2:
        blockers.append(Blocker("few_shortlisted"))
    for v in vendors:
        if v.stage in IN_CONTENTION or v.name == candidate:
            if not v.completed_visit:
                blockers.append(Blocker("no_visit", v.name))
            if not v.has_bid:
                blockers.append(Blocker("no_bid", v.name))
    return blockers


def overridable(blockers: Iterable[Blocker]) -> bool:
    return all(b.code != "already_selected" for b in blockers)


# --- Warnings drawn from the seed principles ---------------------------------------------------

FINANCIAL, ROI, FUNCTIONAL, VERTICAL = "financial", "roi_tco", "functional", "vertical"


@dataclass(frozen=True)
class Warning:
    code: str
    vendor: str = ""
    detail: str = ""


def weight_warnings(weights: Mapping[str, int]) -> list[Warning]:
    """Features must not outweigh financial viability or return on investment."""
    found = []
    functional = weights.get(FUNCTIONAL)
    if functional is not None:
        for key in (FINANCIAL, ROI):
            if key in weights and weights[key] < functional:
                found.append(Warning("features_first", detail=key))
    if FINANCIAL not in weights:
        found.append(Warning("no_financial"))
    return found


@dataclass(frozen=True)
class VendorProfile:
    name: str
    stage: Stage
    vertical: bool  # an industry-ready (vertical) solution
    bundle: bool  # a best-of-breed bundle of several vendors' products
    means: Mapping[str, Fraction]  # mean score per criterion key (submitted scores)
    open_must_claims: int  # claims on must-have requirements not verified
    false_claims: int


def vendor_warnings(profiles: Sequence[VendorProfile]) -> list[Warning]:
    """Risks the committee should see next to the ranking."""
    found = []
    for p in profiles:
        if p.stage == Stage.REJECTED:
            continue
        if p.bundle:
            found.append(Warning("bundle", p.name))
        if not p.vertical and p.stage in IN_CONTENTION:
            found.append(Warning("not_vertical", p.name))
        financial, functional = p.means.get(FINANCIAL), p.means.get(FUNCTIONAL)
        if financial is not None and financial < 3:
            code = "features_weak_finances" if functional is not None and functional >= 4 \
                else "weak_finances"
            found.append(Warning(code, p.name))
        if p.open_must_claims:
            found.append(Warning("unverified_must", p.name, str(p.open_must_claims)))
        if p.false_claims:
            found.append(Warning("false_claims", p.name, str(p.false_claims)))
    return found
