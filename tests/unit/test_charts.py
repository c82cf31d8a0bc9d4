"""Unit tests for the SVG chart builders: well-formed, escaped, accessible, deterministic."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from app.core.charts import (
    BarSeries,
    ReferenceLine,
    Series,
    Slice,
    bar_chart,
    cumulative_line_chart,
    donut_chart,
    heat_map,
    line_chart,
)

NS = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert(1)</script>"onload="alert(2)'
D = Decimal


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def texts(root: ET.Element) -> str:
    return " ".join("".join(e.itertext()) for e in root.iter(f"{NS}text"))


def monthly(name: str, *values) -> Series:
    return Series(name, tuple((date(2025, m + 1, 1), D(v)) for m, v in enumerate(values)))


def line() -> str:
    return line_chart(
        "Retention",
        [monthly("Measured", "60", "62", "65"), monthly("Pilot", "58", "63")],
        references=[
            ReferenceLine("Baseline", value=D("60")),
            ReferenceLine(
                "Target", points=((date(2025, 1, 1), D("60")), (date(2025, 12, 1), D("80")))
            ),
        ],
        y_label="%",
    )


def bars(stacked: bool = False) -> str:
    return bar_chart(
        "Spend",
        ["Q1", "Q2", "Q3"],
        [
            BarSeries("Plan", (D("100"), D("200"), D("150"))),
            BarSeries("Actual", (D("120"), D("180"), 0)),
        ],
        stacked=stacked,
    )


def donut() -> str:
    return donut_chart(
        "Mix",
        [Slice("Licences", D("400")), Slice("Training", D("100")), Slice("Unused", 0)],
        center_label="500",
    )


def heat() -> str:
    return heat_map("Risks", {(5, 5): 2, (1, 3): 1, (3, 3): 4})


ALL = {"line": line, "bars": bars, "stacked": lambda: bars(True), "donut": donut, "heat": heat}


@pytest.mark.parametrize("build", ALL.values(), ids=ALL.keys())
def test_chart_is_self_contained_accessible_svg(build):
    svg = build()
    root = parse(svg)
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    assert "Noto Sans CJK SC" in root.get("font-family")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert desc.text
    assert not re.search(r"<script|<style|style=|href|url\(|javascript:|<foreignObject", svg)
    assert build() == svg  # deterministic


def test_line_chart_draws_every_point_reference_and_legend_entry():
    root = parse(line())
    assert len(with_class(root, "point")) == 5
    assert len(with_class(root, "series")) == 2
    assert len(with_class(root, "reference")) == 2
    legend = "".join(with_class(root, "legend")[0].itertext())
    for name in ("Measured", "Pilot", "Baseline", "Target"):
        assert name in legend
    assert "Measured: 3 values, latest 65 on 2025-03-01." in root.find(f"{NS}desc").text


def test_horizontal_reference_spans_the_plot_at_its_value():
    root = parse(
        line_chart("T", [monthly("A", "0", "10")], references=[ReferenceLine("Half", value=5)])
    )
    (reference,) = with_class(root, "reference")
    (start, end) = [tuple(map(float, p.split(","))) for p in reference.get("points").split()]
    assert start[1] == end[1]
    ys = sorted(float(c.get("cy")) for c in with_class(root, "point"))
    assert ys[0] < start[1] < ys[1]


def test_line_chart_can_hide_points_and_rejects_ambiguous_references():
    assert (
        with_class(parse(line_chart("T", [monthly("A", 1, 2)], show_points=False)), "point") == []
    )
    with pytest.raises(ValueError, match="reference"):
        line_chart(
            "T", [], references=[ReferenceLine("Both", value=1, points=((date(2025, 1, 1), 1),))]
        )


def test_cumulative_line_accumulates_in_date_order():
    svg = cumulative_line_chart(
        "Spend",
        [Series("Actual", ((date(2025, 3, 1), 5), (date(2025, 1, 1), 10), (date(2025, 2, 1), 20)))],
    )
    tips = [c.find(f"{NS}title").text for c in with_class(parse(svg), "point")]
    assert tips == ["Actual, 2025-01-01: 10", "Actual, 2025-02-01: 30", "Actual, 2025-03-01: 35"]


@pytest.mark.parametrize("stacked", [False, True])
def test_bar_chart_draws_one_bar_per_category_and_series(stacked):
    root = parse(bars(stacked))
    assert len(with_class(root, "bar")) == 6
    assert len(with_class(root, "category")) == 3
    assert "Q2: Plan 200, Actual 180." in root.find(f"{NS}desc").text


def test_stacked_bars_sit_on_each_other():
    root = parse(bars(stacked=True))
    plan, actual = (e for e in with_class(root, "bar")[:2])
    assert float(actual.get("y")) + float(actual.get("height")) == pytest.approx(
        float(plan.get("y")), abs=0.11
    )


def test_grouped_bars_handle_negative_values_below_zero():
    root = parse(bar_chart("Variance", ["A", "B"], [BarSeries("Var", (D("-50"), D("30")))]))
    low, high = with_class(root, "bar")
    assert float(low.get("y")) == pytest.approx(
        float(high.get("y")) + float(high.get("height")), abs=0.11
    )
    axis = [t.text for t in with_class(root, "y-axis")[0].iter(f"{NS}text")]
    assert axis[0].startswith("-") and "0" in axis


def test_bar_chart_rejects_mismatched_or_negative_stacked_values():
    with pytest.raises(ValueError, match="categories"):
        bar_chart("T", ["A", "B"], [BarSeries("S", (1,))])
    with pytest.raises(ValueError, match="stacked"):
        bar_chart("T", ["A"], [BarSeries("S", (-1,))], stacked=True)
    with pytest.raises(ValueError, match="finite"):
        bar_chart("T", ["A"], [BarSeries("S", (float("nan"),))])


def test_long_and_many_category_labels_stay_in_the_picture():
    names = ["Build and configuration", "数据迁移与清洗工作和培训", "C", "D", "E"]
    wrapped = parse(bar_chart("T", names, [BarSeries("S", (1, 2, 3, 4, 5))]))
    lines = [
        [span.text for span in t.iter(f"{NS}tspan")]
        for t in wrapped.iter(f"{NS}text")
        if t.find(f"{NS}tspan") is not None
    ]
    assert lines == [
        ["Build and", "configuration"],
        ["数据迁移与清洗工", "作和培训"],
        ["C"],
        ["D"],
        ["E"],
    ]
    many = parse(
        bar_chart(
            "T",
            [f"2025-{m:02d}" for m in range(1, 13)],
            [BarSeries("A", tuple(range(12))), BarSeries("B", tuple(range(12)))],
        )
    )
    turned = [t for t in many.iter(f"{NS}text") if "rotate(-45" in (t.get("transform") or "")]
    assert len(turned) == 12
    assert "2025-12" in texts(many)


def test_whole_number_data_gets_whole_number_ticks():
    root = parse(bar_chart("Counts", ["A", "B"], [BarSeries("S", (1, 2))]))
    axis = "".join(with_class(root, "y-axis")[0].itertext())
    assert "." not in axis


def test_donut_draws_positive_slices_with_shares():
    root = parse(donut())
    slices = with_class(root, "slice")
    assert len(slices) == 2
    assert [s.find(f"{NS}title").text for s in slices] == [
        "Licences: 400 (80.0%)",
        "Training: 100 (20.0%)",
    ]
    assert "500" in texts(root)


def test_single_slice_donut_is_a_full_ring():
    (ring,) = with_class(parse(donut_chart("Mix", [Slice("All", 3)])), "slice")
    assert ring.get("d").count("A ") == 4  # two half rings, outer and inner arcs each
    with pytest.raises(ValueError, match="negative"):
        donut_chart("Mix", [Slice("Debt", -1)])


def test_heat_map_has_25_cells_with_counts_and_zones():
    root = parse(heat())
    cells = with_class(root, "cell")
    assert len(cells) == 25
    counts = sorted(int(t.text) for t in with_class(root, "count"))
    assert counts == [1, 2, 4]
    tips = [c.find(f"{NS}title").text for c in cells]
    assert "Probability 5, Impact 5: 2" in tips
    assert "Probability 1, Impact 1: 0" in tips
    colours = {c.find(f"{NS}title").text: c.get("fill") for c in cells}
    assert (
        len(
            {
                colours["Probability 1, Impact 1: 0"],
                colours["Probability 3, Impact 2: 0"],
                colours["Probability 5, Impact 5: 2"],
            }
        )
        == 3
    )


def test_heat_map_rejects_cells_outside_the_matrix():
    with pytest.raises(ValueError, match=r"1\.\.5"):
        heat_map("Risks", {(0, 3): 1})
    with pytest.raises(ValueError, match=r"1\.\.5"):
        heat_map("Risks", {(2, 6): 1})


EMPTY = {
    "line": lambda t: line_chart("Empty", [Series("A", ())], empty_text=t),
    "cumulative": lambda t: cumulative_line_chart("Empty", [], empty_text=t),
    "bars": lambda t: bar_chart("Empty", [], [], empty_text=t),
    "donut": lambda t: donut_chart("Empty", [Slice("Nothing", 0)], empty_text=t),
    "heat": lambda t: heat_map("Empty", {(3, 3): 0}, empty_text=t),
}


@pytest.mark.parametrize("build", EMPTY.values(), ids=EMPTY.keys())
def test_empty_data_renders_a_clear_no_data_message(build):
    root = parse(build("暂无数据 No data"))
    assert "".join(with_class(root, "no-data")[0].itertext()) == "暂无数据 No data"
    assert "暂无数据" in root.find(f"{NS}desc").text
    assert not with_class(root, "point") and not with_class(root, "bar")


MALICIOUS = {
    "line": lambda: line_chart(
        EVIL,
        [monthly(EVIL, 1, 2)],
        description=EVIL,
        y_label=EVIL,
        references=[ReferenceLine(EVIL, value=1)],
    ),
    "bars": lambda: bar_chart(EVIL, [EVIL, "ok"], [BarSeries(EVIL, (1, 2))], y_label=EVIL),
    "donut": lambda: donut_chart(EVIL, [Slice(EVIL, 1), Slice("b", 2)], center_label=EVIL),
    "heat": lambda: heat_map(
        EVIL, {(1, 1): 1}, x_label=EVIL, y_label=EVIL, zone_labels=(EVIL, EVIL, EVIL)
    ),
    "empty": lambda: line_chart(EVIL, [], empty_text=EVIL, description=EVIL),
}


@pytest.mark.parametrize("build", MALICIOUS.values(), ids=MALICIOUS.keys())
def test_labels_are_escaped(build):
    svg = build()
    root = parse(svg)
    assert "<script" not in svg
    assert '"onload=' not in svg
    assert all(not name.startswith("on") for e in root.iter() for name in e.attrib)
    assert not list(root.iter(f"{NS}script"))
    assert EVIL in root.find(f"{NS}title").text


def test_characters_xml_cannot_carry_are_dropped():
    root = parse(bar_chart("Bad\x00\x0b title", ["a\x1fb"], [BarSeries("s", (1,))]))
    assert root.find(f"{NS}title").text == "Bad title"
    assert "ab" in texts(root)


def test_chinese_labels_are_preserved():
    svg = line_chart(
        "客户保留率",
        [monthly("实测值", 1, 2)],
        references=[ReferenceLine("基线", value=1)],
        y_label="百分比",
    )
    root = parse(svg)
    assert root.find(f"{NS}title").text == "客户保留率"
    for label in ("实测值", "基线", "百分比"):
        assert label in texts(root)
    pie = parse(donut_chart("预算构成", [Slice("培训", 1), Slice("集成", 2)]))
    assert "培训" in texts(pie) and "集成" in texts(pie)


def test_distinct_charts_get_distinct_ids():
    one, two = parse(bars()), parse(donut())
    assert one.find(f"{NS}title").get("id") != two.find(f"{NS}title").get("id")


def test_overlong_legend_labels_are_shortened_with_a_tooltip():
    name = "A very long series name " * 10
    root = parse(line_chart("T", [monthly(name, 1, 2)]))
    legend = with_class(root, "legend")[0]
    shown = "".join(legend.find(f".//{NS}text").itertext())
    assert shown.endswith("...") and len(shown) < len(name)
    assert legend.find(f".//{NS}title").text == name
