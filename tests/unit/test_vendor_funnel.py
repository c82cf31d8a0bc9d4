"""The pure rules of the selection procedure: funnel moves, the selection rule, warnings."""

from fractions import Fraction

import pytest

from app.vendors import funnel
from app.vendors.funnel import Stage, VendorFacts, VendorProfile


@pytest.mark.parametrize(("source", "target", "allowed"), [
    (Stage.LONGLIST, Stage.INVITED, True),
    (Stage.LONGLIST, Stage.SHORTLISTED, False),
    (Stage.LONGLIST, Stage.SELECTED, False),
    (Stage.INVITED, Stage.BID_RECEIVED, False),
    (Stage.SHORTLISTED, Stage.VISITED, True),
    (Stage.SHORTLISTED, Stage.SELECTED, True),
    (Stage.VISITED, Stage.SHORTLISTED, False),
    (Stage.BID_RECEIVED, Stage.SELECTED, True),
    (Stage.SELECTED, Stage.LONGLIST, False),
    (Stage.REJECTED, Stage.LONGLIST, True),
    (Stage.REJECTED, Stage.SELECTED, False),
])
def test_funnel_moves(source, target, allowed):
    assert funnel.can_move(source, target) is allowed


def test_every_stage_but_rejected_can_be_rejected_and_no_stage_moves_to_itself():
    for stage in Stage:
        assert not funnel.can_move(stage, stage)
        assert funnel.can_move(stage, Stage.REJECTED) is (stage != Stage.REJECTED)


def facts(name, stage, shortlisted=True, visit=True, bid=True):
    return VendorFacts(name, stage, shortlisted, visit, bid)


def test_selection_rule_met():
    vendors = [facts("A", Stage.BID_RECEIVED), facts("B", Stage.BID_RECEIVED),
               facts("C", Stage.REJECTED, shortlisted=False, visit=False, bid=False)]
    assert funnel.selection_blockers("A", vendors) == []


def test_selection_rule_names_every_missing_visit_and_bid():
    vendors = [facts("A", Stage.BID_RECEIVED), facts("B", Stage.SHORTLISTED, visit=False,
                                                     bid=False)]
    assert [(b.code, b.vendor) for b in funnel.selection_blockers("A", vendors)] == [
        ("no_visit", "B"), ("no_bid", "B")]
    assert funnel.overridable(funnel.selection_blockers("A", vendors))


def test_one_shortlisted_vendor_is_not_enough_and_a_second_selection_cannot_be_overridden():
    alone = [facts("A", Stage.BID_RECEIVED), facts("B", Stage.INVITED, shortlisted=False)]
    assert [b.code for b in funnel.selection_blockers("A", alone)] == ["few_shortlisted"]
    taken = [facts("A", Stage.BID_RECEIVED), facts("B", Stage.SELECTED)]
    blockers = funnel.selection_blockers("A", taken)
    assert blockers[0].code == "already_selected" and not funnel.overridable(blockers)


def test_features_must_not_outweigh_finances():
    codes = [w.code for w in funnel.weight_warnings({"financial": 10, "roi_tco": 20,
                                                     "functional": 30})]
    assert codes == ["features_first", "features_first"]
    assert funnel.weight_warnings({"financial": 30, "roi_tco": 30, "functional": 10}) == []
    assert [w.code for w in funnel.weight_warnings({"functional": 100})] == ["no_financial"]


def profile(name, **changes):
    values = {"stage": Stage.SHORTLISTED, "vertical": True, "bundle": False, "means": {},
              "open_must_claims": 0, "false_claims": 0}
    values.update(changes)
    return VendorProfile(name, **values)


def test_vendor_warnings_from_the_seed_principles():
    found = funnel.vendor_warnings([
        profile("Nova", vertical=False, means={"financial": Fraction(5, 3),
                                               "functional": Fraction(14, 3)}, false_claims=1),
        profile("Bundle", bundle=True, open_must_claims=2),
        profile("Gone", stage=Stage.REJECTED, bundle=True),
        profile("Fine", means={"financial": Fraction(4), "functional": Fraction(3)}),
    ])
    assert [(w.code, w.vendor) for w in found] == [
        ("not_vertical", "Nova"), ("features_weak_finances", "Nova"), ("false_claims", "Nova"),
        ("bundle", "Bundle"), ("unverified_must", "Bundle")]
    assert found[-1].detail == "2"
