"""The SVG Gantt chart and dependency graph: geometry, escaping, links, status line."""

import re
from datetime import date

from app.planning import gantt, network

ROWS = [
    gantt.GanttRow("p1", "阶段 <Phase>", date(2026, 1, 5), date(2026, 1, 9), is_phase=True),
    gantt.GanttRow(1, "Design & build", date(2026, 1, 5), date(2026, 1, 7), critical=True,
                   percent_complete=50, baseline_start=date(2026, 1, 5),
                   baseline_finish=date(2026, 1, 6), href="/t/1?a=1&b=2"),
    gantt.GanttRow(2, "Go-live", date(2026, 1, 7), date(2026, 1, 7), milestone=True,
                   critical=True),
    gantt.GanttRow(3, "Training", date(2026, 1, 8), date(2026, 1, 9), near_critical=True),
]
LINKS = [gantt.GanttLink(1, 2, "FS", critical=True), gantt.GanttLink(1, 3, "SS"),
         gantt.GanttLink(1, 99, "FS")]


def test_bars_sit_on_their_days_and_names_are_escaped():
    svg = str(gantt.render(ROWS, LINKS, zoom="week", status_date=date(2026, 1, 7)))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "阶段 &lt;Phase&gt;" in svg and "Design &amp; build" in svg and "<Phase>" not in svg
    assert 'href="/t/1?a=1&amp;b=2"' in svg
    # Week zoom is 18 px a day from 3 days before the first start: Jan 5 is x = 280 + 54.
    bar = re.search(r'<rect class="bar critical" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert (float(bar[1]), float(bar[2])) == (334.0, 54.0)  # three days
    assert 'class="baseline" x="334.0"' in svg and 'width="36.0" height="4"' in svg
    assert 'class="done" x="334.0" y="35.0" width="27.0"' not in svg  # rows move the y
    assert re.search(r'class="done" x="334.0" y="[\d.]+" width="27.0"', svg)
    assert svg.count('class="link critical"') == 1 and svg.count('class="link"') == 1
    assert 'class="milestone critical"' in svg and 'class="bar near"' in svg
    status = re.search(r'class="status-line" x1="([\d.]+)"', svg)
    assert float(status[1]) == 334.0 + 3 * 18  # the end of the status date


def test_zoom_levels_label_the_axis():
    def label(day, zoom):
        return f"{zoom}:{day.isoformat()}"

    for zoom, first_tick in (("week", "week:2026-01-05"), ("month", "month:2026-01-01"),
                             ("quarter", "quarter:2026-01-01")):
        svg = str(gantt.render(ROWS, [], zoom=zoom, tick_label=label))
        assert first_tick in svg


def test_weekends_are_shaded_in_week_zoom_only():
    def worked(d):
        return d.weekday() < 5

    week = str(gantt.render(ROWS, [], zoom="week", is_working_day=worked))
    month = str(gantt.render(ROWS, [], zoom="month", is_working_day=worked))
    assert week.count('class="day-off"') >= 4 and 'class="day-off"' not in month


def test_empty_chart_is_empty():
    assert str(gantt.render([], [])) == ""
    assert str(network.render([], [], set())) == ""


def test_dependency_graph_puts_tasks_in_columns_by_depth():
    nodes = [network.Node(1, "Design"), network.Node(2, "Build <x>", critical=True),
             network.Node(3, "Test"), network.Node(4, "Docs")]
    svg = str(network.render(nodes, [(1, 2, "FS +0"), (2, 3, "SS +1"), (1, 4, "FS +0")],
                             {(1, 2)}))
    xs = {name: float(x) for x, name in re.findall(
        r'<rect x="([\d.]+)" y="[\d.]+" width="170" height="30" rx="4"/><text x="[\d.]+" '
        r'y="[\d.]+">([^<]+)</text>', svg)}
    assert xs["Design"] < xs["Build &lt;x&gt;"] == xs["Docs"] < xs["Test"]
    assert svg.count('class="edge critical"') == 1 and svg.count('class="node critical"') == 1
