"""The coverage chart: per department, concept and operational shares against the targets."""

from markupsafe import Markup, escape

from app.training.coverage import DepartmentCoverage, Targets

BAR, GAP, LEFT, WIDTH = 14, 14, 170, 360
COLOURS = {"concept": "#0072B2", "operational": "#E69F00"}


def coverage_bars(rows: list[DepartmentCoverage], targets: Targets, labels: dict,
                  kind_labels: dict, title: str) -> Markup:
    """Horizontal bars, two per department; a dashed tick marks each kind's target."""
    shown = [r for r in rows if r.end_users]
    height = 40 + len(shown) * (2 * BAR + GAP) + 20
    parts = [f'<svg class="coverage" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{LEFT + WIDTH + 60}" height="{height}" '
             f'viewBox="0 0 {LEFT + WIDTH + 60} {height}"><title>{escape(title)}</title>']
    for n, kind in enumerate(("concept", "operational")):
        x = LEFT + n * 180
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS[kind]}"/>'
                     f'<text x="{x + 18}" y="16" font-size="12">{escape(kind_labels[kind])}'
                     f'</text>')
    y = 36
    for row in shown:
        parts.append(f'<text x="{LEFT - 8}" y="{y + BAR + 4}" font-size="12" '
                     f'text-anchor="end">{escape(labels[row.department])} ({row.end_users})'
                     f'</text>')
        for kind in ("concept", "operational"):
            share = row.share(kind) or 0.0
            target = getattr(targets, kind)
            parts.append(
                f'<rect x="{LEFT}" y="{y}" width="{WIDTH}" height="{BAR - 2}" fill="#EEEEEE"/>'
                f'<rect class="bar-{kind}" data-department="{row.department}" '
                f'data-share="{share:.3f}" x="{LEFT}" y="{y}" width="{share * WIDTH:.1f}" '
                f'height="{BAR - 2}" fill="{COLOURS[kind]}"><title>'
                f'{escape(kind_labels[kind])}: {share:.0%}</title></rect>'
                f'<line x1="{LEFT + target * WIDTH:.1f}" x2="{LEFT + target * WIDTH:.1f}" '
                f'y1="{y - 2}" y2="{y + BAR}" stroke="#8E2418" stroke-dasharray="3,2"/>'
                f'<text x="{LEFT + WIDTH + 6}" y="{y + BAR - 3}" font-size="11">'
                f'{share:.0%}</text>')
            y += BAR
        y += GAP
    parts.append("</svg>")
    return Markup("".join(parts))
