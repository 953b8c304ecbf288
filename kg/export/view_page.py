"""The interactive page: one self-contained HTML file of our own (a canvas and a little JavaScript) that works offline.

The page is a fixed template, ``view_page.html`` beside this module, plus the data as one JSON
document in a ``<script type="application/json">`` block: columns of nodes and links (what the
canvas draws and the tooltips show) and the details the panel, the search and the article
filter read (evidence, aliases, article numbers). Nothing is built per run but that JSON, and
nothing is imported but :mod:`json`. The browser parses the data once and draws every mark of
one kind in one pass over one canvas.

Safety: the JSON is made inert inside the HTML (``<``, ``>``, ``&`` written as ``\\u003c`` and so
on, so ``</script>`` in a quotation cannot close the block); the template's script passes every
name, quotation, title and link through ``esc()`` before it becomes HTML, and only ``http(s)``
links become links. A Content-Security-Policy forbids every fetch.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from kg.export.view import (
    DEFAULT_SHOWN,
    EDGE_LABELS_MAX,
    LABELS_ALWAYS,
    NODE_COLORS,
    RELATION_COLORS,
    RELATIONS,
    GraphView,
    PreparedView,
    article_numbers,
    gc_paused,
    layout,
    view_columns,
)

_TOKEN = re.compile(r"__KG_(TITLE|HEADER|LEGEND|DATA)__")
# inside <script>, JSON must not hold what HTML reads as markup; JSON.parse reads these escapes back
_INERT = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def inert_json(data: Any) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` block: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _INERT:
        text = text.replace(char, escape)
    return text


@cache
def _template() -> str:
    return Path(__file__).with_name("view_page.html").read_text(encoding="utf-8")


def _legend_html() -> str:
    """Colour keys for entity types and relations (constants of ours: no untrusted text)."""
    dot = "<span style='display:inline-block;width:10px;height:10px;border-radius:5px;background:{c}'></span> {k}"
    bar = "<span style='display:inline-block;width:14px;height:3px;vertical-align:middle;background:{c}'></span> {k}"
    keys = [dot.format(c=c, k=k) for k, c in NODE_COLORS.items()]
    keys += [bar.format(c=c, k=k.replace("_", " ").lower()) for k, c in RELATION_COLORS.items()]
    return "<div class='kg-legend'>" + " &nbsp;".join(keys) + "</div>"


def page_data(view: GraphView, pos: dict[str, tuple[float, float]], *, shown: int = DEFAULT_SHOWN
              ) -> dict[str, Any]:
    """Everything the page's script reads, as plain JSON-able data (never HTML)."""
    nodes, links, details = view_columns(view, pos)
    n = len(view.nodes)
    # the browser tells options apart by their label, so two articles with one title get their ids added
    seen = Counter(view.articles.values())
    labels = {doc: title if seen[title] == 1 else f"{title} ({doc})" for doc, title in view.articles.items()}
    number = article_numbers(view)
    articles = sorted(([str(number[doc]), label] for doc, label in labels.items()), key=lambda kv: kv[1].lower())
    empty_nodes = {k: [] for k in ("x", "y", "name", "label", "color", "size", "mentions", "rank", "n_statements",
                                   "summary")}
    empty_links = {k: [] for k in ("x0", "y0", "x1", "y1", "xm", "ym", "xa", "ya", "s", "t", "relation", "rel_label",
                                   "color", "width", "n", "summary", "article")}
    empty_details = {k: [] for k in ("items", "node_docs", "node_find", "node_aliases", "node_evidence", "link_docs",
                                     "link_evidence")}
    return {"nodes": nodes or empty_nodes, "links": links or empty_links, "details": {**empty_details, **details},
            "articles": articles, "relations": list(RELATIONS), "shown": min(shown, n) if n else 0,
            "labels": LABELS_ALWAYS, "edge_labels": EDGE_LABELS_MAX}


def build_page(view: GraphView, *, pos: dict[str, tuple[float, float]] | None = None,
               title: str = "kg: knowledge graph", shown: int = DEFAULT_SHOWN, total: int | None = None) -> str:
    """The whole page as one HTML string; ``pos`` is the layout (computed when not given);
    ``total`` is the number of entities in the graph when ``view`` holds only the most connected of them."""
    with gc_paused():
        data = page_data(view, layout(view) if pos is None else pos, shown=shown)
    n, m = len(view.nodes), len(view.links)
    entities = (f"the <strong>{n}</strong> most connected of {total} entities" if total and total > n
                else f"<strong>{n}</strong> entities")
    header = f"{entities}, <strong>{m}</strong> links, <strong>{len(view.articles)}</strong> articles."
    parts = {
        "TITLE": html.escape(title),
        "HEADER": header,
        "LEGEND": _legend_html(),
        "DATA": inert_json(data),
    }
    return _TOKEN.sub(lambda match: parts[match.group(1)], _template())


def write_page(prepared: PreparedView, path: Path, *, shown: int = DEFAULT_SHOWN) -> None:
    """Write the page of a prepared view (its layout shared with the picture)."""
    page = build_page(prepared.page, pos=prepared.pos, shown=shown, total=prepared.total)
    Path(path).write_text(page, encoding="utf-8")
