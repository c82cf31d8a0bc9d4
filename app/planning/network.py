"""Dependency graph as SVG: tasks in columns by dependency depth (networkx layering)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup, escape

BOX_W, BOX_H, COL_W, ROW_H, PAD = 170, 30, 220, 42, 20


@dataclass(frozen=True, slots=True)
class Node:
    key: int
    name: str
    critical: bool = False
    href: str | None = None


def render(nodes: list[Node], edges: list[tuple[int, int, str]], critical_edges: set,
           title: str = "") -> Markup:
    """Each task in the column of its topological generation; critical links highlighted."""
    if not nodes:
        return Markup("")
    graph = nx.DiGraph()
    graph.add_nodes_from(n.key for n in nodes)
    graph.add_edges_from((p, s) for p, s, _ in edges)
    # networkx layers the graph; its drawing layouts need numpy, which Steerco does not ship,
    # so rows are placed here: each task near the mean row of its predecessors (one sweep of
    # the barycentre heuristic keeps crossings down).
    order = {n.key: i for i, n in enumerate(nodes)}
    place: dict[int, tuple[int, int]] = {}
    rows: dict[int, float] = {}
    columns = list(nx.topological_generations(graph))
    for col, generation in enumerate(columns):
        def centre(key, graph=graph):
            preds = [rows[p] for p in graph.predecessors(key)]
            return (sum(preds) / len(preds) if preds else order[key], order[key])

        for row, key in enumerate(sorted(generation, key=centre)):
            rows[key] = row
            place[key] = (PAD + col * COL_W, PAD + row * ROW_H)
    width = PAD * 2 + (len(columns) - 1) * COL_W + BOX_W
    height = PAD * 2 + max(len(g) for g in columns) * ROW_H
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network-chart" role="img" '
           f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
           f"<title>{escape(title)}</title>"]
    for p, s, kind in edges:
        (px, py), (sx, sy) = place[p], place[s]
        x1, y1, x2, y2 = px + BOX_W, py + BOX_H / 2, sx, sy + BOX_H / 2
        mid = (x1 + x2) / 2
        cls = "edge critical" if (p, s) in critical_edges else "edge"
        out.append(f'<path class="{cls}" d="M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}">'
                   f"<title>{escape(kind)}</title></path>")
    for node in nodes:
        x, y = place[node.key]
        name = node.name if len(node.name) <= 22 else node.name[:21] + "…"
        box = (f'<g class="node{" critical" if node.critical else ""}">'
               f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
               f'<text x="{x + 8}" y="{y + 19}">{escape(name)}</text>'
               f"<title>{escape(node.name)}</title></g>")
        if node.href:
            box = f'<a href="{escape(node.href)}">{box}</a>'
        out.append(box)
    out.append("</svg>")
    return Markup("".join(out))
