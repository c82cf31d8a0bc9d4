"""The budget against a baseline (app/budget/baseline_compare.py), without an app."""

from decimal import Decimal

from app.budget.baseline_compare import LineFigure, compare

D = Decimal


def fig(line_id, number, planned, category="training", year=2026, quarter=2, name=None):
    return LineFigure(line_id, number, name or f"Line {number}", category, year, quarter,
                      D(planned))


def test_nothing_changed_means_no_differences():
    lines = [fig(1, 1, "100"), fig(2, 2, "50", "contingency")]
    cmp = compare(lines, lines, ["training", "contingency"])
    assert [r.status for r in cmp.lines] == ["unchanged", "unchanged"]
    assert cmp.changed == () and cmp.difference == 0
    assert [(c.category, c.baseline, c.current) for c in cmp.categories] == [
        ("training", D(100), D(100)), ("contingency", D(50), D(50))]


def test_changed_added_and_removed_lines_and_their_totals():
    then = [fig(1, 1, "100"), fig(2, 2, "50", "contingency"), fig(3, 3, "30", "other"),
            fig(None, 4, "20", "other", name="Deleted long ago")]
    now = [fig(1, 1, "120"), fig(2, 2, "30", "contingency"), fig(5, 5, "0", "integration")]
    cmp = compare(then, now, ["training", "integration", "contingency", "other"])
    status = {r.number: (r.status, r.baseline, r.current, r.difference) for r in cmp.lines}
    assert status == {
        1: ("changed", D(100), D(120), D(20)),
        2: ("changed", D(50), D(30), D(-20)),
        3: ("removed", D(30), None, D(-30)),
        4: ("removed", D(20), None, D(-20)),
        5: ("added", None, D(0), D(0)),
    }
    assert [r.line_id for r in cmp.lines if r.status == "removed"] == [None, None]
    assert [(c.category, c.difference) for c in cmp.categories] == [
        ("training", D(20)), ("integration", D(0)), ("contingency", D(-20)), ("other", D(-50))]
    assert (cmp.baseline_total, cmp.current_total, cmp.difference) == (D(200), D(150), D(-50))
    assert (cmp.count("changed"), cmp.count("added"), cmp.count("removed")) == (2, 1, 2)


def test_rows_follow_period_then_category_and_unknown_categories_come_last():
    then = [fig(1, 1, "1", "training", 2027, 1), fig(2, 2, "1", "custom", 2026, 4)]
    now = [fig(1, 1, "1", "training", 2027, 1), fig(2, 2, "1", "custom", 2026, 4),
           fig(3, 3, "2", "contingency", 2026, 4)]
    cmp = compare(then, now, ["training", "contingency"])
    assert [r.number for r in cmp.lines] == [3, 2, 1]
    assert [c.category for c in cmp.categories] == ["training", "contingency", "custom"]


def test_an_empty_baseline_counts_every_line_as_added():
    cmp = compare([], [fig(1, 1, "10")])
    assert [r.status for r in cmp.lines] == ["added"] and cmp.difference == D(10)
    assert compare([], []).lines == () and compare([], []).baseline_total == 0


def test_a_line_moved_to_another_category_counts_where_it_was_and_is():
    cmp = compare([fig(1, 1, "10", "training")], [fig(1, 1, "10", "other")],
                  ["training", "other"])
    [row] = cmp.lines
    assert (row.category, row.baseline_category, row.status) == ("other", "training",
                                                                 "changed")
    assert {c.category: (c.baseline, c.current) for c in cmp.categories} == {
        "training": (D(10), D(0)), "other": (D(0), D(10))}
