"""Unit tests for the pure requirement rules: content hash, sign-off completeness, baseline
comparison, volatility and traceability flags."""

from datetime import date

import pytest

from app.requirements.logic import (
    BaselineEntry,
    SignerSlot,
    TraceItem,
    VersionEvent,
    compare_baselines,
    content_sha256,
    signoff_state,
    trace,
    volatility,
)

CONTENT = {"code": "REQ-001", "number": 1, "title": "共享客户视图", "description": "x",
           "kind": "functional", "priority": "must", "department": "sales",
           "acceptance_criteria": "- one", "objectives": "OBJ-01"}


def test_hash_is_stable_and_covers_every_signed_field():
    digest = content_sha256(CONTENT)
    assert digest == content_sha256(dict(reversed(list(CONTENT.items()))))
    assert len(digest) == 64
    for field in CONTENT:
        changed = {**CONTENT, field: CONTENT[field] * 2 if field != "number" else 2}
        assert content_sha256(changed) != digest, field


def test_hash_refuses_incomplete_content():
    with pytest.raises(ValueError, match="objectives"):
        content_sha256({k: v for k, v in CONTENT.items() if k != "objectives"})


SLOTS = [SignerSlot(1, "Executive sponsor"), SignerSlot(2, "Project manager"),
         SignerSlot(3, "Business owner, Sales", "sales"),
         SignerSlot(4, "Business owner, Finance", "finance"),
         SignerSlot(1, "Business owner, IT", "it")]


def test_required_signers_follow_the_raising_department():
    assert signoff_state(SLOTS, "sales", []).required == (1, 2, 3)
    assert signoff_state(SLOTS, "finance", []).required == (1, 2, 4)
    assert signoff_state(SLOTS, "marketing", []).required == (1, 2)


def test_one_signature_covers_every_slot_a_person_holds():
    state = signoff_state(SLOTS, "it", [1, 2])
    assert state.required == (1, 2) and state.complete


def test_signed_off_only_when_every_required_signer_signed():
    partial = signoff_state(SLOTS, "sales", [1, 3, 99])
    assert not partial.complete and partial.missing == (2,) and partial.signed == (1, 3)
    assert signoff_state(SLOTS, "sales", [3, 2, 1]).complete


def test_nobody_required_is_never_complete():
    assert not signoff_state([], "sales", [1]).complete
    assert not signoff_state([SignerSlot(3, "Owner", "sales")], "it", []).complete


def _entry(rid: int, version: int = 1, digest: str = "a") -> BaselineEntry:
    return BaselineEntry(rid, f"REQ-{rid:03d}", version, digest * 64)


def test_baseline_comparison_finds_added_removed_changed():
    old = [_entry(1), _entry(2), _entry(3), _entry(5)]
    new = [_entry(1), _entry(2, 2, "b"), _entry(4), _entry(5, 1, "c")]
    result = compare_baselines(old, new)
    assert [e.code for e in result.added] == ["REQ-004"]
    assert [e.code for e in result.removed] == ["REQ-003"]
    assert [(a.code, a.version_number, b.version_number) for a, b in result.changed] == [
        ("REQ-002", 1, 2), ("REQ-005", 1, 1)]
    assert [e.code for e in result.unchanged] == ["REQ-001"]
    assert not result.identical


def test_identical_baselines():
    entries = [_entry(1), _entry(2)]
    result = compare_baselines(entries, list(reversed(entries)))
    assert result.identical and len(result.unchanged) == 2


def test_volatility_counts_changes_after_the_first_baseline_per_month():
    events = [VersionEvent(date(2026, 3, 1), 2),    # before the baseline: not counted
              VersionEvent(date(2026, 3, 20), 2),   # the baseline's day counts
              VersionEvent(date(2026, 4, 2), 1), VersionEvent(date(2026, 4, 9), 3),
              VersionEvent(date(2026, 6, 30), 2)]
    result = volatility(events, date(2026, 3, 20), 10, today=date(2026, 6, 30))
    assert [(m.month, m.added, m.changed) for m in result.months] == [
        (date(2026, 3, 1), 0, 1), (date(2026, 4, 1), 1, 1), (date(2026, 5, 1), 0, 0),
        (date(2026, 6, 1), 0, 1)]
    assert result.total == 4 and result.per_month == 1.0
    assert result.percent_of_baseline == 40.0


def test_volatility_months_cross_the_year_end():
    result = volatility([VersionEvent(date(2027, 1, 5), 2)], date(2026, 11, 30), 0,
                        today=date(2027, 1, 31))
    assert [m.month for m in result.months] == [date(2026, 11, 1), date(2026, 12, 1),
                                                date(2027, 1, 1)]
    assert result.total == 1 and result.percent_of_baseline is None


def test_no_baseline_no_volatility():
    result = volatility([VersionEvent(date(2026, 1, 1), 2)], None, 0, today=date(2026, 2, 1))
    assert result.since is None and result.months == () and result.total == 0
    assert result.per_month == 0.0


def test_trace_flags_scope_creep_and_unserved_objectives():
    requirements = [TraceItem(1, "REQ-001"), TraceItem(2, "REQ-002"),
                    TraceItem(3, "REQ-003", active=False), TraceItem(4, "REQ-004")]
    objectives = [TraceItem(10, "OBJ-01"), TraceItem(11, "OBJ-02"), TraceItem(12, "OBJ-03")]
    # REQ-003 is withdrawn: its link no longer serves OBJ-03.
    result = trace(requirements, objectives, [(1, 10), (2, 10), (2, 11), (3, 12), (4, 99)])
    assert [r.code for r in result.requirements_serving_nothing] == ["REQ-004"]
    assert [o.code for o in result.objectives_unserved] == ["OBJ-03"]
    assert result.serves(2, 11) and not result.serves(3, 12)
