"""Dependency-free SVG charts for pages and PDFs: no scripts, styles or external references."""

from __future__ import annotations

import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Number = Decimal | int | float

FONT = "'Noto Sans CJK SC', 'Noto Sans', sans-serif"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F")
REFERENCE_STYLES = (("#555555", "6 4"), ("#222222", "2 3"), ("#888888", "10 3 2 3"))
INK, MUTED, GRID = "#222222", "#555555", "#E3E3E3"
FONT_SIZE = 12
ROTATED_WIDTH = 130.0  # longest run of a category label turned 45 degrees


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[date, Number], ...]


@dataclass(frozen=True)
class ReferenceLine:
    """A dashed line: horizontal at `value`, or a path through dated `points`."""

    label: str
    value: Number | None = None
    points: tuple[tuple[date, Number], ...] = ()


@dataclass(frozen=True)
class BarSeries:
    name: str
    values: tuple[Number, ...]  # one per category, in the categories' order


@dataclass(frozen=True)
class Slice:
    label: str
    value: Number


# --- Text -------------------------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _esc(text: str) -> str:
    """Escape for XML text and attributes, dropping characters XML cannot carry."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    # Estimate only: CJK glyphs are one em wide, Latin ones about 0.6 em in Noto Sans.
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def _fit(text: str, max_width: float, size: float = FONT_SIZE) -> str:
    if _text_width(text, size) <= max_width:
        return text
    # Three full stops: CJK fonts centre the "…" glyph, which reads oddly after Latin text.
    while text and _text_width(text + "...", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "..."


def _label(
    x: float,
    y: float,
    text: str,
    max_width: float = 1e9,
    anchor: str = "start",
    size: float = FONT_SIZE,
    fill: str = INK,
    extra: str = "",
) -> str:
    """A text element, shortened to `max_width`; the full text stays in a tooltip."""
    shown = _fit(text, max_width, size)
    element = (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{_esc(shown)}</text>'
    )
    return f"<g><title>{_esc(text)}</title>{element}</g>" if shown != text else element


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK: a line may break between any two
_TOKENS = re.compile(f"[{_WIDE}]|[^\\s{_WIDE}]+|\\s+")


def _wrap(text: str, max_width: float, max_lines: int) -> list[str]:
    """Break text into at most `max_lines` lines: at spaces, or between CJK characters."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if line.strip() and _text_width(line + token.rstrip()) > max_width:
            lines.append(line.strip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.strip())
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [_fit(one, max_width) for one in lines]


def _lines(x: float, y: float, lines: list[str], full_text: str) -> str:
    """Centred text over several lines; the full text stays in a tooltip when shortened."""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + 14 * n:.1f}">{_esc(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    element = f'<text text-anchor="middle" font-size="{FONT_SIZE}" fill="{MUTED}">{spans}</text>'
    return (
        f"<g><title>{_esc(full_text)}</title>{element}</g>"
        if _shortened(lines, full_text)
        else element
    )


def _shortened(lines: list[str], text: str) -> bool:
    return "".join(lines).replace(" ", "") != text.replace(" ", "")


def _fmt(value: Number, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{float(value):,.{decimals}f}"
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def _finite(values: Sequence[Number]) -> list[float]:
    floats = [float(v) for v in values]
    if not all(math.isfinite(v) for v in floats):
        raise ValueError("chart values must be finite numbers")
    return floats


def _describe(description: str, summary: Sequence[str]) -> str:
    """The caller's description followed by a plain-text summary of the figures."""
    return " ".join(filter(None, [description.strip(), *summary]))


# --- Document ---------------------------------------------------------------------------------


def _document(width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    content = "".join(body)
    # Ids derived from the content: deterministic, and distinct for distinct charts on a page.
    ident = "chart-" + hashlib.sha256(f"{title}\n{desc}\n{content}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="{_esc(FONT)}" font-size="{FONT_SIZE}">'
        f'<title id="{ident}-t">{_esc(title)}</title><desc id="{ident}-d">{_esc(desc)}</desc>'
        f"{content}</svg>"
    )


def _no_data(title: str, desc: str, text: str, width: float, height: float) -> str:
    message = _label(width / 2, height / 2 + 5, text, width - 20, "middle", 16, MUTED)
    body = [
        f'<rect x="0.5" y="0.5" width="{width - 1:.0f}" height="{height - 1:.0f}" fill="#FAFAFA" '
        f'stroke="{GRID}"/>',
        f'<g class="no-data">{message}</g>',
    ]
    return _document(width, height, title, _describe(desc, [text]), body)


# --- Scales and axes --------------------------------------------------------------------------


def _nice_ticks(low: float, high: float, whole: bool = False) -> tuple[list[float], int]:
    """Round tick values covering low..high, and the decimals their labels need; `whole` keeps
    steps of at least 1 (for counts)."""
    if high - low < 1e-12:
        low, high = (low - 1, high + 1) if low == 0 else (low - abs(low) / 10, high + abs(low) / 10)
    raw = (high - low) / 5
    raw = max(raw, 1.0) if whole else raw
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = [round(i * step, 10) for i in range(first, last + 1)]
    decimals = max(0, -Decimal(repr(round(step, 10))).normalize().as_tuple().exponent)
    return ticks, decimals


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _date_ticks(first: date, last: date, most: int) -> list[tuple[date, str]]:
    span = (last - first).days
    if span == 0:
        return [(first, first.isoformat())]
    for step in (1, 2, 7, 14):
        if span // step + 1 <= most:
            days = (date.fromordinal(first.toordinal() + i * step) for i in range(span // step + 1))
            return [(day, day.isoformat()) for day in days]
    for months in (1, 2, 3, 6, 12, 24, 60, 120):
        starts = [
            _month_start(first.year, m)
            for m in range(first.month, first.month + (last.year - first.year + 1) * 12 + 1)
        ]
        ticks = [
            d for d in starts if first <= d <= last and (d.year * 12 + d.month - 1) % months == 0
        ]
        if len(ticks) <= most:
            label = (lambda d: str(d.year)) if months >= 12 else (lambda d: d.strftime("%Y-%m"))
            return [(d, label(d)) for d in ticks]
    return [(first, first.isoformat()), (last, last.isoformat())]


@dataclass(frozen=True)
class _Plot:
    left: float
    top: float
    width: float
    height: float
    y_low: float
    y_high: float

    def y(self, value: Number) -> float:
        share = (float(value) - self.y_low) / (self.y_high - self.y_low)
        return self.top + self.height * (1 - share)

    @property
    def bottom(self) -> float:
        return self.top + self.height


def _y_axis(plot: _Plot, ticks: list[float], decimals: int, y_label: str) -> list[str]:
    parts = []
    for tick in ticks:
        y = plot.y(tick)
        parts.append(
            f'<line x1="{plot.left:.1f}" y1="{y:.1f}" x2="{plot.left + plot.width:.1f}" '
            f'y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_label(plot.left - 6, y + 4, _fmt(tick, decimals), anchor="end", fill=MUTED))
    if y_label:
        parts.append(_label(plot.left - 6, plot.top - 10, y_label, plot.width, fill=MUTED))
    parts.append(
        f'<line x1="{plot.left:.1f}" y1="{plot.bottom:.1f}" '
        f'x2="{plot.left + plot.width:.1f}" y2="{plot.bottom:.1f}" stroke="{MUTED}"/>'
    )
    return [f'<g class="y-axis" aria-hidden="true">{"".join(parts)}</g>']


def _left_margin(ticks: list[float], decimals: int) -> float:
    return max(_text_width(_fmt(t, decimals)) for t in ticks) + 14


# --- Legend -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    label: str
    color: str
    shape: str = "line"  # line | box
    dash: str = ""


def _legend(keys: Sequence[_Key], left: float, top: float, width: float) -> tuple[str, float]:
    """Legend items flowing in rows; returns the markup and the height used."""
    parts, x, y = [], left, top + 12
    for key in keys:
        gap = 18 if key.shape == "box" else 28
        text = _fit(key.label, width - gap)
        item_width = gap + _text_width(text) + 20
        if x > left and x + item_width > left + width:
            x, y = left, y + 20
        if key.shape == "box":
            parts.append(
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{key.color}"/>'
            )
        else:
            dash = f' stroke-dasharray="{key.dash}"' if key.dash else ""
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 22:.1f}" y2="{y - 4:.1f}" '
                f'stroke="{key.color}" stroke-width="2"{dash}/>'
            )
        parts.append(_label(x + gap, y, key.label, width - gap))
        x += item_width
    markup = f'<g class="legend">{"".join(parts)}</g>' if keys else ""
    return markup, (y - top + 10 if keys else 0)


# --- Line charts ------------------------------------------------------------------------------


def line_chart(
    title: str,
    series: Sequence[Series],
    *,
    references: Sequence[ReferenceLine] = (),
    description: str = "",
    y_label: str = "",
    show_points: bool = True,
    empty_text: str = "No data",
    width: int = 640,
    height: int = 300,
) -> str:
    """Series of dated values as lines, with dashed reference lines such as baseline and target."""
    if any((r.value is None) == (not r.points) for r in references):
        raise ValueError("a reference line has either a value or dated points")
    drawn = [s for s in series if s.points]
    dated = [p for s in drawn for p in s.points] + [p for r in references for p in r.points]
    if not dated:
        return _no_data(title, description, empty_text, width, height)
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    values = _finite([v for _, v in dated] + [r.value for r in references if r.value is not None])
    whole = all(v.is_integer() for v in values)
    ticks, decimals = _nice_ticks(min(values), max(values), whole)
    # Room at both ends for half a centred date label such as 2025-03-01.
    left = max(_left_margin(ticks, decimals), 42.0)
    top = 30 if y_label else 12
    plot = _Plot(left, top, width - left - 40, height - top - 30, ticks[0], ticks[-1])
    span = max((last - first).days, 1)
    offset = 0 if last > first else plot.width / 2

    def xy(point: tuple[date, Number]) -> str:
        x = plot.left + offset + plot.width * (point[0] - first).days / span
        return f"{x:.1f},{plot.y(point[1]):.1f}"

    body = _y_axis(plot, ticks, decimals, y_label) + _date_axis(plot, first, last, span, offset)
    keys = []
    for index, reference in enumerate(references):
        color, dash = REFERENCE_STYLES[index % len(REFERENCE_STYLES)]
        body.append(_reference_markup(reference, plot, xy, color, dash))
        keys.append(_Key(reference.label, color, dash=dash))
    for index, one in enumerate(drawn):
        color = PALETTE[index % len(PALETTE)]
        body.append(_series_markup(one, color, xy, show_points))
        keys.append(_Key(one.name, color))
    legend, legend_height = _legend(keys, plot.left, height - 2, plot.width)
    body.append(legend)
    summary = [
        f"{s.name}: {len(s.points)} values, latest {_fmt(latest[1])} on {latest[0].isoformat()}."
        for s in drawn
        for latest in [max(s.points, key=lambda p: p[0])]
    ]
    summary += [
        f"{r.label}: {_fmt(r.value)}." if r.value is not None else f"{r.label}." for r in references
    ]
    return _document(width, height + legend_height, title, _describe(description, summary), body)


def _reference_markup(reference: ReferenceLine, plot: _Plot, xy, color: str, dash: str) -> str:
    if reference.value is not None:  # horizontal, across the whole plot
        y = plot.y(reference.value)
        coords = f"{plot.left:.1f},{y:.1f} {plot.left + plot.width:.1f},{y:.1f}"
    else:
        coords = " ".join(xy(p) for p in sorted(reference.points, key=lambda p: p[0]))
    return (
        f'<polyline class="reference" aria-label="{_esc(reference.label)}" '
        f'points="{coords}" fill="none" stroke="{color}" stroke-width="1.5" '
        f'stroke-dasharray="{dash}"/>'
    )


def _series_markup(series: Series, color: str, xy, show_points: bool) -> str:
    points = sorted(series.points, key=lambda p: p[0])
    parts = [
        f'<polyline points="{" ".join(xy(p) for p in points)}" fill="none" '
        f'stroke="{color}" stroke-width="2" stroke-linejoin="round"/>'
    ]
    if show_points or len(points) == 1:
        for point in points:
            x, y = xy(point).split(",")
            tip = f"{series.name}, {point[0].isoformat()}: {_fmt(point[1])}"
            parts.append(
                f'<circle class="point" cx="{x}" cy="{y}" r="3.5" fill="{color}" '
                f'stroke="#FFFFFF" stroke-width="1"><title>{_esc(tip)}</title></circle>'
            )
    return f'<g class="series" aria-label="{_esc(series.name)}">{"".join(parts)}</g>'


def _date_axis(plot: _Plot, first: date, last: date, span: int, offset: float) -> list[str]:
    parts = []
    most = max(2, int(plot.width // 90))
    for day, text in _date_ticks(first, last, most):
        x = plot.left + offset + plot.width * (day - first).days / span
        parts.append(
            f'<line x1="{x:.1f}" y1="{plot.bottom:.1f}" x2="{x:.1f}" '
            f'y2="{plot.bottom + 4:.1f}" stroke="{MUTED}"/>'
        )
        parts.append(_label(x, plot.bottom + 18, text, anchor="middle", fill=MUTED))
    return [f'<g class="x-axis" aria-hidden="true">{"".join(parts)}</g>']


def cumulative_line_chart(title: str, series: Sequence[Series], **options) -> str:
    """Running totals of each series in date order (e.g. planned and actual spend to date)."""
    totals = []
    for one in series:
        running: Number = 0
        accumulated = []
        for day, value in sorted(one.points, key=lambda p: p[0]):
            running += value
            accumulated.append((day, running))
        totals.append(Series(one.name, tuple(accumulated)))
    return line_chart(title, totals, **options)


# --- Bar charts -------------------------------------------------------------------------------


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    stacked: bool = False,
    description: str = "",
    y_label: str = "",
    empty_text: str = "No data",
    width: int = 640,
    height: int = 300,
) -> str:
    """Bars per category: side by side (e.g. plan vs actual) or stacked (e.g. a mix)."""
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"series {one.name!r} has {len(one.values)} values for {len(categories)} categories"
            )
        if stacked and any(v < 0 for v in one.values):
            raise ValueError("stacked bars need values of zero or more")
    if not categories or not series:
        return _no_data(title, description, empty_text, width, height)
    values = _finite([v for s in series for v in s.values])
    if stacked:
        values = [sum(values[i :: len(categories)]) for i in range(len(categories))]
    whole = all(float(v).is_integer() for v in values)
    ticks, decimals = _nice_ticks(min(0.0, *values), max(0.0, *values), whole)
    top = 30 if y_label else 12
    left = max(_left_margin(ticks, decimals), 40.0)
    slot = (width - left - 24) / len(categories)
    wrapped = [_wrap(c, slot - 8, 3) for c in categories]
    # In narrow slots, labels that do not fit on three lines are turned 45 degrees instead.
    turned = slot < 64 and any(
        _shortened(lines, c) for c, lines in zip(categories, wrapped, strict=True)
    )
    if turned:
        longest = max(_text_width(_fit(c, ROTATED_WIDTH)) for c in categories)
        left = max(left, longest * 0.71 - slot / 2 + 8)
        slot = (width - left - 24) / len(categories)
        axis_height = longest * 0.71 + 22
    else:
        axis_height = 16 + 14 * max(len(lines) for lines in wrapped)
    plot = _Plot(left, top, width - left - 24, height - top - axis_height, ticks[0], ticks[-1])
    body = _y_axis(plot, ticks, decimals, y_label)
    for i, category in enumerate(categories):
        body.append(_bar_group(plot, slot, i, category, series, stacked))
        x, y = plot.left + slot * (i + 0.5), plot.bottom + 18
        if turned:
            body.append(
                _label(
                    x + 4,
                    y - 4,
                    category,
                    ROTATED_WIDTH,
                    "end",
                    fill=MUTED,
                    extra=f' transform="rotate(-45 {x + 4:.1f} {y - 4:.1f})"',
                )
            )
        else:
            body.append(_lines(x, y, wrapped[i], category))
    keys = [_Key(s.name, PALETTE[i % len(PALETTE)], "box") for i, s in enumerate(series)]
    legend, legend_height = _legend(
        keys if len(series) > 1 else [], plot.left, height - 2, plot.width
    )
    body.append(legend)
    summary = [
        f"{category}: " + ", ".join(f"{s.name} {_fmt(s.values[i])}" for s in series) + "."
        for i, category in enumerate(categories)
    ]
    return _document(width, height + legend_height, title, _describe(description, summary), body)


def _bar_group(
    plot: _Plot, slot: float, index: int, category: str, series: Sequence[BarSeries], stacked: bool
) -> str:
    parts = []
    group = slot * (0.6 if stacked else 0.8)
    bar = group if stacked else group / len(series)
    x0, base = plot.left + slot * index + (slot - group) / 2, 0.0
    for number, one in enumerate(series):
        value = one.values[index]
        low, high = (base, base + float(value)) if stacked else sorted((0.0, float(value)))
        x = x0 if stacked else x0 + bar * number
        y_top, y_bottom = plot.y(high), plot.y(low)
        tip = f"{category}, {one.name}: {_fmt(value)}"
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y_top:.1f}" width="{max(bar - 1, 1):.1f}" '
            f'height="{y_bottom - y_top:.1f}" fill="{PALETTE[number % len(PALETTE)]}">'
            f"<title>{_esc(tip)}</title></rect>"
        )
        base = high if stacked else base
    return f'<g class="category" aria-label="{_esc(category)}">{"".join(parts)}</g>'


# --- Donut ------------------------------------------------------------------------------------


def donut_chart(
    title: str,
    slices: Sequence[Slice],
    *,
    center_label: str = "",
    description: str = "",
    empty_text: str = "No data",
    width: int = 640,
    height: int = 260,
) -> str:
    """A mix as a ring of slices, with a legend giving each value and share."""
    if any(s.value < 0 for s in slices):
        raise ValueError("a mix cannot hold negative values")
    shown = [s for s in slices if s.value > 0]
    total = sum(_finite([s.value for s in shown]))
    if not shown:
        return _no_data(title, description, empty_text, width, height)
    radius, hole = min(110.0, height / 2 - 12), min(110.0, height / 2 - 12) * 0.58
    cx, cy = 16 + radius, height / 2
    body, angle, keys = [], 0.0, []
    for index, one in enumerate(shown):
        color = PALETTE[index % len(PALETTE)]
        sweep = 2 * math.pi * float(one.value) / total
        share = f"{100 * float(one.value) / total:.1f}%"
        tip = f"{one.label}: {_fmt(one.value)} ({share})"
        stroke = ' stroke="#FFFFFF" stroke-width="1.5"' if len(shown) > 1 else ""
        body.append(
            f'<path class="slice" d="{_ring(cx, cy, radius, hole, angle, sweep)}" '
            f'fill="{color}"{stroke}>'
            f"<title>{_esc(tip)}</title></path>"
        )
        keys.append((color, one.label, f"{_fmt(one.value)} · {share}"))
        angle += sweep
    if center_label:
        body.append(_label(cx, cy + 6, center_label, hole * 1.8, "middle", 16))
    body.append(_mix_legend(keys, cx + radius + 28, width, height))
    summary = [f"{label}: {figure}." for _, label, figure in keys]
    return _document(width, height, title, _describe(description, summary), body)


def _ring(cx: float, cy: float, outer: float, inner: float, start: float, sweep: float) -> str:
    """Path of a ring segment, clockwise from 12 o'clock; a full ring is drawn as two halves."""
    if sweep >= 2 * math.pi - 1e-9:
        return (
            _ring(cx, cy, outer, inner, 0, math.pi)
            + " "
            + _ring(cx, cy, outer, inner, math.pi, math.pi)
        )

    def at(radius: float, angle: float) -> str:
        return f"{cx + radius * math.sin(angle):.2f} {cy - radius * math.cos(angle):.2f}"

    large = 1 if sweep > math.pi else 0
    end = start + sweep
    return (
        f"M {at(outer, start)} A {outer:.2f} {outer:.2f} 0 {large} 1 {at(outer, end)} "
        f"L {at(inner, end)} A {inner:.2f} {inner:.2f} 0 {large} 0 {at(inner, start)} Z"
    )


def _mix_legend(keys: list[tuple[str, str, str]], left: float, width: float, height: float) -> str:
    rows = min(len(keys), int((height - 16) // 22))
    top = height / 2 - rows * 22 / 2 + 14
    figures = max(_text_width(figure) for _, _, figure in keys) + 16
    labels = min(max(_text_width(label) for _, label, _ in keys), width - left - 28 - figures)
    parts = []
    for i, (color, label, figure) in enumerate(keys[:rows]):
        y = top + i * 22
        parts.append(
            f'<rect x="{left:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{color}"/>'
        )
        parts.append(_label(left + 20, y, label, labels))
        parts.append(_label(left + 20 + labels + figures, y, figure, anchor="end", fill=MUTED))
    if len(keys) > rows:
        parts.append(_label(left + 20, top + rows * 22 - 4, f"+{len(keys) - rows}", fill=MUTED))
    return f'<g class="legend">{"".join(parts)}</g>'


# --- Risk heat map ----------------------------------------------------------------------------

ZONES = ((4, "#CDE8C4"), (9, "#FBE3A1"), (25, "#F4B09A"))  # highest score in zone, colour


def heat_map(
    title: str,
    counts: Mapping[tuple[int, int], int],
    *,
    x_label: str = "Impact",
    y_label: str = "Probability",
    zone_labels: tuple[str, str, str] = ("High", "Medium", "Low"),
    description: str = "",
    empty_text: str = "No data",
    width: int = 640,
    height: int = 340,
) -> str:
    """5 x 5 probability-by-impact matrix with the count of risks in each cell.

    `counts` maps (probability, impact), each 1..5, to a count. Zones by probability x impact:
    up to 4 low, up to 9 medium, above high; `zone_labels` names them from high to low.
    """
    if any(not (1 <= p <= 5 and 1 <= i <= 5) or n < 0 for (p, i), n in counts.items()):
        raise ValueError("heat map cells are (probability, impact) in 1..5 with counts >= 0")
    if not any(counts.values()):
        return _no_data(title, description, empty_text, width, height)
    left, top = 40.0, 30.0
    cell = (height - top - 48) / 5
    body = [_label(left - 10, top - 12, y_label, width - 20, fill=MUTED)]
    for p in range(1, 6):
        y = top + (5 - p) * cell
        body.append(_label(left - 10, y + cell / 2 + 4, str(p), anchor="end", fill=MUTED))
        body.extend(
            _cell(left + (i - 1) * cell, y, cell, p, i, counts.get((p, i), 0), x_label, y_label)
            for i in range(1, 6)
        )
    for i in range(1, 6):
        body.append(
            _label(
                left + (i - 0.5) * cell, top + 5 * cell + 16, str(i), anchor="middle", fill=MUTED
            )
        )
    body.append(
        _label(left + 2.5 * cell, top + 5 * cell + 36, x_label, 5 * cell, "middle", fill=MUTED)
    )
    body.append(_zone_legend(zone_labels, left + 5 * cell + 28, top, width))
    summary = [
        f"{y_label} {p}, {x_label} {i}: {n}."
        for (p, i), n in sorted(counts.items(), reverse=True)
        if n
    ]
    return _document(width, height, title, _describe(description, summary), body)


def _zone_legend(labels: tuple[str, str, str], left: float, top: float, width: float) -> str:
    parts = []
    for n, (label, (_, color)) in enumerate(zip(labels, reversed(ZONES), strict=True)):
        y = top + 12 + n * 24
        parts.append(
            f'<rect x="{left:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{color}"/>'
        )
        parts.append(_label(left + 20, y, label, width - left - 28))
    return f'<g class="legend">{"".join(parts)}</g>'


def _cell(
    x: float, y: float, size: float, p: int, i: int, count: int, x_label: str, y_label: str
) -> str:
    color = next(c for limit, c in ZONES if p * i <= limit)
    tip = f"{y_label} {p}, {x_label} {i}: {count}"
    parts = [
        f'<rect class="cell" x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" '
        f'height="{size:.1f}" fill="{color}" stroke="#FFFFFF" stroke-width="2">'
        f"<title>{_esc(tip)}</title></rect>"
    ]
    if count:
        parts.append(
            f'<text class="count" x="{x + size / 2:.1f}" y="{y + size / 2 + 6:.1f}" '
            f'text-anchor="middle" font-size="18" font-weight="bold" '
            f'fill="{INK}">{count}</text>'
        )
    return "".join(parts)
