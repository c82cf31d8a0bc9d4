"""Server-rendered SVG Gantt chart: phases, bars, milestones, links, baseline and status line.

Built as one string (no template loop per bar) so a 2,000-task chart renders in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

ZOOMS = {"week": 18.0, "month": 5.0, "quarter": 1.8}  # pixels per calendar day
ROW, BAR, LABEL_WIDTH, AXIS = 22, 12, 280, 34


@dataclass(frozen=True, slots=True)
class GanttRow:
    key: int | str
    name: str
    start: date
    finish: date  # inclusive
    is_phase: bool = False
    milestone: bool = False
    critical: bool = False
    near_critical: bool = False
    percent_complete: int = 0
    baseline_start: date | None = None
    baseline_finish: date | None = None
    href: str | None = None
    at_day_end: bool = True  # a milestone reached when its day's work ends


@dataclass(frozen=True, slots=True)
class GanttLink:
    predecessor: int | str
    successor: int | str
    type: str  # FS, SS, FF, SF
    critical: bool = False


def render(rows: list[GanttRow], links: list[GanttLink], *, zoom: str = "week",
           status_date: date | None = None, title: str = "",
           tick_label: Callable[[date, str], str] = lambda d, z: d.isoformat(),
           is_working_day: Callable[[date], bool] | None = None) -> Markup:
    """The chart as an inline <svg> element (title names it for screen readers)."""
    if not rows:
        return Markup("")
    scale = ZOOMS.get(zoom, ZOOMS["week"])
    first = min(min(r.start, r.baseline_start or r.start) for r in rows) - timedelta(days=3)
    last = max(max(r.finish, r.baseline_finish or r.finish) for r in rows) + timedelta(days=7)
    if status_date:
        first, last = min(first, status_date), max(last, status_date + timedelta(days=1))

    def x(day: date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    width = x(last) + 60  # room for the last tick's label
    height = AXIS + ROW * len(rows) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt-chart" role="img" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
           f"<title>{escape(title)}</title>"]
    if is_working_day is not None and zoom == "week":
        out.extend(_days_off(first, last, x, height, is_working_day, scale))
    out.extend(_axis(first, last, x, height, zoom, tick_label))
    place = {}
    for i, row in enumerate(rows):
        top = AXIS + i * ROW
        place[row.key] = (row, top + ROW / 2)
        out.append(_row(row, i, top, x, width))
    for link in links:
        if link.predecessor in place and link.successor in place:
            out.append(_arrow(place[link.predecessor], place[link.successor], link, x))
    if status_date:
        sx = x(status_date + timedelta(days=1))
        out.append(f'<line class="status-line" x1="{sx}" y1="{AXIS - 6}" x2="{sx}" '
                   f'y2="{height}"><title>{status_date.isoformat()}</title></line>')
    out.append("</svg>")
    return Markup("".join(out))


def _axis(first: date, last: date, x, height: int, zoom: str, tick_label) -> list[str]:
    parts = [f'<rect class="axis-bg" x="0" y="0" width="{x(last) + 10}" height="{AXIS - 4}"/>']
    day = first
    if zoom == "week":
        day += timedelta(days=(7 - day.weekday()) % 7)  # Mondays
        step = lambda d: d + timedelta(days=7)  # noqa: E731
    else:
        day = date(day.year, day.month, 1)
        months = 1 if zoom == "month" else 3
        if months == 3:
            day = date(day.year, 1 + 3 * ((day.month - 1) // 3), 1)
        step = lambda d: _add_months(d, months)  # noqa: E731
    while day <= last:
        gx = x(max(day, first))  # a period that began before the chart is labelled at its edge
        if day >= first:
            parts.append(f'<line class="grid" x1="{gx}" y1="{AXIS - 4}" x2="{gx}" y2="{height}"/>')
        if step(day) > first + timedelta(days=2) or day >= first:
            parts.append(f'<text class="tick" x="{gx + 3}" y="{AXIS - 12}">'
                         f"{escape(tick_label(day, zoom))}</text>")
        day = step(day)
    return parts


def _days_off(first: date, last: date, x, height: int, is_working_day, scale: float) -> list:
    """Shade weekends and holidays (week zoom only: further out they would be hairlines)."""
    parts, day = [], first
    while day <= last:
        if not is_working_day(day):
            parts.append(f'<rect class="day-off" x="{x(day)}" y="{AXIS - 4}" width="{scale}" '
                         f'height="{height - AXIS + 4}"/>')
        day += timedelta(days=1)
    return parts


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    return date(day.year + total // 12, total % 12 + 1, 1)


def _row(row: GanttRow, i: int, top: int, x, width: float) -> str:
    kind = "phase" if row.is_phase else "critical" if row.critical else (
        "near" if row.near_critical else "task")
    mid = top + ROW / 2
    name = escape(row.name)
    label = f'<text class="label {kind}-label" x="6" y="{mid + 4}">{name}</text>'
    if row.href:
        label = f'<a href="{escape(row.href)}">{label}</a>'
    parts = [f'<g class="row row-{kind}">']
    if i % 2:
        parts.append(f'<rect class="stripe" x="0" y="{top}" width="{width}" height="{ROW}"/>')
    parts.append(label)
    if row.baseline_start and row.baseline_finish:
        bx, bw = x(row.baseline_start), _span(row.baseline_start, row.baseline_finish, x)
        parts.append(f'<rect class="baseline" x="{bx}" y="{mid + BAR / 2 - 1}" '
                     f'width="{bw}" height="4"/>')
    start, tip = x(row.start), f"{row.start.isoformat()} \u2013 {row.finish.isoformat()}"
    if row.milestone:
        cx = _milestone_x(row, x)
        size = BAR / 2 + 1
        parts.append(f'<path class="milestone {kind}" d="M{cx} {mid - size} L{cx + size} {mid} '
                     f'L{cx} {mid + size} L{cx - size} {mid} Z"><title>{name}: '
                     f"{row.finish.isoformat()}</title></path>")
    else:
        bar_w = _span(row.start, row.finish, x)
        height = BAR if not row.is_phase else BAR / 2
        y = mid - BAR / 2 if not row.is_phase else mid - BAR / 4
        parts.append(f'<rect class="bar {kind}" x="{start}" y="{y}" width="{bar_w}" '
                     f'height="{height}" rx="2"><title>{name}: {tip}</title></rect>')
        if row.percent_complete and not row.is_phase:
            done = round(bar_w * row.percent_complete / 100, 1)
            parts.append(f'<rect class="done" x="{start}" y="{mid - 2}" width="{done}" '
                         f'height="4"/>')
    parts.append("</g>")
    return "".join(parts)


def _milestone_x(row: GanttRow, x) -> float:
    return x(row.finish + timedelta(days=1)) if row.at_day_end else x(row.start)


def _span(start: date, finish: date, x) -> float:
    return max(2.0, round(x(finish + timedelta(days=1)) - x(start), 1))


def _arrow(source, target, link: GanttLink, x) -> str:
    (p, py), (s, sy) = source, target
    from_end = link.type in ("FS", "FF")
    to_start = link.type in ("FS", "SS")
    px = x(p.finish + timedelta(days=1)) if from_end else x(p.start)
    sx = x(s.start) if to_start else x(s.finish + timedelta(days=1))
    if p.milestone:
        px = _milestone_x(p, x)
    if s.milestone:
        sx = _milestone_x(s, x)
    bend = px + 6 if from_end else px - 6
    end = sx - 3 if to_start else sx + 3
    kind = "link critical" if link.critical else "link"
    head = "link-head critical" if link.critical else "link-head"
    return (f'<path class="{kind}" d="M{px} {py} H{bend} V{sy} H{end}"/>'
            f'<path class="{head}" d="M{end} {sy - 3} L{end + (3 if to_start else -3)} {sy} '
            f'L{end} {sy + 3} Z"/>')
