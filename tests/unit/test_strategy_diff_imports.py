"""Unit tests for the vision diff and the measurement CSV reader (pure modules)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.strategy.diff import Segment, side_by_side, stats
from app.strategy.imports import ValueProblem, parse_measurements, parse_value

TODAY = date(2026, 11, 23)


def test_unchanged_lines_are_equal_rows():
    rows = side_by_side("a\nb", "a\nb")
    assert [r.kind for r in rows] == ["equal", "equal"]
    assert stats(rows).changed == 0


def test_changed_line_marks_words_and_chinese_characters():
    rows = side_by_side("Know every customer 客户", "Know each customer 亚洲客户")
    assert [r.kind for r in rows] == ["change"]
    assert Segment("del", "every") in rows[0].left and Segment("ins", "each") in rows[0].right
    assert Segment("ins", "亚洲") in rows[0].right


def test_added_and_removed_lines_have_one_side_only():
    rows = side_by_side("keep\ndrop", "keep\nnew one\nand another")
    kinds = [r.kind for r in rows]
    assert kinds[0] == "equal" and "insert" in kinds
    counted = stats(rows)
    assert counted.added + counted.changed == 2
    assert all(r.left == () for r in rows if r.kind == "insert")


@given(st.text(max_size=200), st.text(max_size=200))
def test_both_sides_rebuild_their_texts(old, new):
    rows = side_by_side(old, new)
    left = [("".join(s.text for s in r.left), r.left_no) for r in rows if r.left_no]
    right = [("".join(s.text for s in r.right), r.right_no) for r in rows if r.right_no]
    assert [t for t, _ in left] == old.splitlines()
    assert [t for t, _ in right] == new.splitlines()
    assert [n for _, n in left] == list(range(1, len(old.splitlines()) + 1))


@pytest.mark.parametrize("text,value", [
    ("12", Decimal("12")), ("-3.25", Decimal("-3.25")), ("1,064.5", Decimal("1064.5")),
    (" 7 ", Decimal("7")), ("+0.0001", Decimal("0.0001")),
])
def test_parse_value_accepts_plain_numbers(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("text,code", [
    ("", "not_a_number"), ("1e5", "not_a_number"), ("NaN", "not_a_number"),
    ("Infinity", "not_a_number"), ("1,2", "not_a_number"), ("1.23456", "too_precise"),
    ("100000000000000", "too_large"), ("12%", "not_a_number"),
])
def test_parse_value_refuses_with_a_reason(text, code):
    with pytest.raises(ValueProblem) as caught:
        parse_value(text)
    assert caught.value.code == code


def test_rows_are_checked_one_by_one():
    data = (b"kpi,date,value,note\n"
            b"KPI-01,2026-01-31,5,ok\n"
            b"KPI-01,2026-12-01,5,\n"
            b"KPI-01,2026-01-31,6,\n"
            b"KPI-02,2026-02-28,7,\n"
            b"\n"
            b"KPI-01,2026-02-28,<b>,\n")
    result = parse_measurements(data, ["KPI-01", "KPI-02"], {("KPI-02", date(2026, 2, 28))},
                                TODAY)
    assert [(r.line, r.kpi, r.value) for r in result.rows] == [(2, "KPI-01", Decimal("5"))]
    assert [(e.line, e.code) for e in result.errors] == [
        (3, "date_out_of_range"), (4, "duplicate"), (5, "duplicate"),
        (7, "value_not_a_number")]


def test_header_without_note_column_is_accepted():
    result = parse_measurements(b"KPI,Date,Value\nKPI-01,2026-01-31,5\n", ["KPI-01"], (), TODAY)
    assert len(result.rows) == 1 and result.errors == ()


def test_quoted_field_running_to_the_end_is_reported_not_raised():
    result = parse_measurements(b'kpi,date,value,note\nKPI-01,2026-01-31,5,"open\n',
                                ["KPI-01"], (), TODAY)
    assert result.rows or result.errors


@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_errors_never_an_exception(data):
    result = parse_measurements(data, ["KPI-01"], (), TODAY)
    assert result.rows or result.errors
