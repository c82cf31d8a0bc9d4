"""Unit tests for exact amount parsing and the cost-entry CSV reader."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.budget.importing import AmountError, normalise_line_key, parse_amount, parse_cost_csv

RANGE = {"earliest": date(1990, 1, 1), "latest": date(2100, 12, 31)}


@pytest.mark.parametrize(("text", "digits", "expected"), [
    ("1234.5", 2, Decimal("1234.50")), ("1,234.56", 2, Decimal("1234.56")),
    (" 7 ", 0, Decimal("7")), ("0.125", 3, Decimal("0.125")), ("-3.10", 2, Decimal("-3.10")),
])
def test_amounts_parse_exactly(text, digits, expected):
    amount = parse_amount(text, digits, allow_negative=True)
    assert amount == expected and amount.as_tuple().exponent == -digits


@pytest.mark.parametrize(("text", "digits", "code"), [
    ("", 2, "amount_missing"), ("1.234", 2, "amount_too_precise"), ("1.5", 0,
                                                                   "amount_too_precise"),
    ("1e3", 2, "amount_malformed"), ("$5", 2, "amount_malformed"), ("1,23.00", 2,
                                                                     "amount_malformed"),
    ("-1", 2, "amount_negative"), ("NaN", 2, "amount_malformed"),
    ("100000000000", 2, "amount_too_large"),
])
def test_bad_amounts_say_why(text, digits, code):
    with pytest.raises(AmountError) as caught:
        parse_amount(text, digits)
    assert caught.value.code == code


@given(st.integers(-10**12, 10**12))
def test_cents_round_trip_without_loss(cents):
    text = f"{Decimal(cents) / 100:.2f}"
    assert parse_amount(text, 2, allow_negative=True) * 100 == cents


def test_line_keys():
    assert {normalise_line_key(k) for k in ("BL-007", "bl-7", " 7 ", "007")} == {"7"}
    assert normalise_line_key("") == ""


def test_rows_are_reported_one_by_one():
    text = ("date,line,amount,supplier\n"
            "2026-01-05,BL-001,10.00,A\n"
            "\n"
            "2026-13-01,,0,B\n"
            "2026-01-05,1,5.00,<script>\n")
    parsed = parse_cost_csv(text, 2, **RANGE)
    assert not parsed.ok and parsed.problems == []
    good, bad, markup = parsed.rows
    assert good.ok and good.amount == Decimal("10.00") and good.line_key == "1"
    assert (bad.number, [p.code for p in bad.problems]) == (
        4, ["date_malformed", "line_missing", "amount_zero"])
    assert [p.code for p in markup.problems] == ["text_bad"]


def test_header_and_delimiter():
    assert parse_cost_csv("date;line;amount\n2026-01-01;1;1,5\n", 2, **RANGE).rows[0].problems
    parsed = parse_cost_csv("\ufeffDate;Line;Amount\n2026-01-01;1;1234.50\n", 2, **RANGE)
    assert parsed.ok and parsed.rows[0].amount == Decimal("1234.50")
    [problem] = parse_cost_csv("date,amount,colour\n", 2, **RANGE).problems
    assert problem.code == "header_bad" and problem.params["missing"] == "line"
    assert parse_cost_csv("", 2, **RANGE).problems[0].code == "file_empty"


def test_currency_column_must_match_and_dates_stay_in_range():
    text = "date,line,amount,currency\n2026-01-01,1,1.00,usd\n1980-01-01,1,1.00,EUR\n"
    first, second = parse_cost_csv(text, 2, currency="USD", **RANGE).rows
    assert first.ok
    assert [p.code for p in second.problems] == ["date_out_of_range", "currency_other"]
