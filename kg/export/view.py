"""Views of the graph (first version; the interactive page comes with issue 8)."""

from __future__ import annotations

import html
from pathlib import Path

from kg.graph import KnowledgeGraph


def write_html(graph: KnowledgeGraph, path: Path) -> None:
    rows = "".join(
        f"<tr><td>{html.escape(r['speaker'] or '')}</td><td>{html.escape(r['cue'] or '')}</td>"
        f"<td>{html.escape(r['statement'])}</td></tr>" for r in graph.who_said())
    path.write_text(f"<!doctype html><meta charset=utf-8><title>kg</title><table>{rows}</table>", encoding="utf-8")


def write_png(graph: KnowledgeGraph, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    fig, ax = plt.subplots(figsize=(12, 9))
    g = graph.graph
    nx.draw_networkx(g, ax=ax, node_size=50, font_size=6, with_labels=False)
    fig.savefig(path, dpi=100)
    plt.close(fig)
