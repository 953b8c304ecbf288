"""Views of the graph: an interactive page that works offline, and a static picture for reports.

The picture is entities and how they connect, not every statement: Quote and Finding nodes
are folded into the links they create, and their text becomes the evidence shown on hover
and click. A speaker links to the addressee of a quotation ("said to"), to the report it
cites ("said, citing") and to the entities the quotation names ("said about", matched on the
aliases of entities mentioned in the same article); a report links to the entities its
findings name ("found about"). Article nodes become the article filter, since one article
joined to every entity it mentions would pull the whole layout into a star.

``to_view(graph) -> GraphView`` is the pure part the tests hit; ``write_html`` (bokeh, all
JavaScript inline, so the page needs no network) and ``write_png`` (matplotlib, Agg) draw it.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import KnowledgeGraph

ENTITY_LABELS = ("Person", "Organization", "Group", "Place", "Report", "Role")
NODE_COLORS = {
    "Person": "#1f77b4", "Organization": "#ff7f0e", "Group": "#2ca02c",
    "Place": "#8c564b", "Report": "#d62728", "Role": "#9467bd",
}
RELATIONS = ("SAID", "FOUND", "HOLDS_ROLE", "AUTHORED_BY")
RELATION_COLORS = {"SAID": "#3b7dd8", "FOUND": "#e0533d", "HOLDS_ROLE": "#8e6cc0", "AUTHORED_BY": "#8a8a8a"}
OTHER_RELATION_COLOR = "#b0b0b0"
# view link kinds: (relation in the graph, how the statement reaches the target) -> label
LINK_LABELS = {
    ("SAID", "to"): "said to", ("SAID", "citing"): "said, citing", ("SAID", "about"): "said about",
    ("FOUND", "about"): "found about", ("HOLDS_ROLE", ""): "holds role", ("AUTHORED_BY", ""): "authored by",
}
DEFAULT_SHOWN = 300      # entities drawn when the page opens: the most connected first
PAGE_MAX = 2000          # entities the page holds at most (a corpus of thousands of articles has tens of
                         # thousands; the page would take gigabytes to build and minutes to open)
LABELS_ALWAYS = 40       # names written next to the most connected entities
EDGE_LABELS_MAX = 120    # relation names on links only while this few links are visible
EVIDENCE_MAX = 60        # evidence items kept per node or link in the page
SUMMARY_CHARS = 180
QUOTE_MARKS = "\"“”‘’'"  # a quotation's own marks, so it is not shown in two pairs


@dataclass
class ViewNode:
    """One entity as the view draws it."""

    id: str
    label: str
    name: str
    aliases: list[str]
    mentions: int
    docs: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    score: int = 0
    rank: int = 0


@dataclass
class ViewLink:
    """All statements or facts joining two entities in one way, drawn as one line."""

    source: str
    target: str
    relation: str
    how: str
    docs: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LINK_LABELS.get((self.relation, self.how), self.relation.lower().replace("_", " "))


@dataclass
class GraphView:
    """Entities (ranked, most connected first), links between them, and the articles they come from."""

    nodes: dict[str, ViewNode]
    links: list[ViewLink]
    articles: dict[str, str]  # doc id -> title

    def ranked(self) -> list[ViewNode]:
        return sorted(self.nodes.values(), key=lambda n: n.rank)

    def top(self, count: int) -> GraphView:
        """The ``count`` most connected entities and the links among them."""
        keep = {n.id for n in self.ranked()[:count]}
        return GraphView(nodes={k: v for k, v in self.nodes.items() if k in keep},
                         links=[lk for lk in self.links if lk.source in keep and lk.target in keep],
                         articles=self.articles)


# -- graph -> view (pure) --------------------------------------------------------------
def to_view(graph: KnowledgeGraph) -> GraphView:
    """Fold statements into links between entities and rank entities by how connected they are."""
    g = graph.graph
    articles = {d.get("doc", n): d.get("name") or d.get("doc", n) for n, d in graph.nodes("Article")}
    nodes: dict[str, ViewNode] = {}
    for node_id, data in g.nodes(data=True):
        if data.get("label") in ENTITY_LABELS:
            nodes[node_id] = ViewNode(
                id=node_id, label=data["label"], name=str(data.get("name") or node_id),
                aliases=[str(a) for a in data.get("aliases", [])], mentions=int(data.get("mentions") or 0))
    for source, _target, data in graph.edges("MENTIONED_IN"):
        if source in nodes and data.get("doc"):
            nodes[source].docs.add(data["doc"])
    links: dict[tuple[str, str, str, str], ViewLink] = {}
    finder = _AliasFinder(nodes, g)

    def link(source: str, target: str, relation: str, how: str, item: dict[str, Any]) -> None:
        if source == target or source not in nodes or target not in nodes:
            return
        key = (source, target, relation, how)
        if key not in links:
            links[key] = ViewLink(source, target, relation, how)
        links[key].evidence.append(item)
        if item.get("doc"):
            links[key].docs.add(item["doc"])
            nodes[target].docs.add(item["doc"])

    for source, target, data in g.edges(data=True):
        rel = data.get("type")
        if source not in nodes:
            continue
        doc = data.get("doc") or g.nodes[target].get("doc") or ""
        item = _evidence(rel, nodes[source].name, data, g.nodes[target], articles.get(doc, doc))
        if rel in ("SAID", "FOUND"):
            item["about"] = graph.mentioned(target)  # the statement panel lists who it talks about
            nodes[source].evidence.append(item)
            if doc:
                nodes[source].docs.add(doc)
            reached: set[str] = set()
            for _, other, odata in g.out_edges(target, data=True):
                how = {"ADDRESSED_TO": "to", "IN_REPORT": "citing"}.get(odata.get("type", ""))
                if how and rel == "SAID":
                    link(source, other, rel, how, item)
                    reached.add(other)
            for named in finder.named_in(str(g.nodes[target].get("text", "")), doc):
                if named not in reached:
                    link(source, named, rel, "about", item)
        elif rel in ("MENTIONED_IN", "IN_ARTICLE"):
            continue
        elif target in nodes and item not in nodes[source].evidence:
            # HOLDS_ROLE, AUTHORED_BY, and any entity-to-entity relation added later; a fact named
            # twice in one article is listed once
            nodes[source].evidence.append(item)
            link(source, target, rel, "", item)
    view = GraphView(nodes=nodes, links=list(links.values()), articles=articles)
    _rank(view)
    return view


def _evidence(rel: str | None, who: str, edge: dict[str, Any], target: dict[str, Any], title: str) -> dict[str, Any]:
    """One statement or fact as plain fields; the page escapes every one of them when it shows them."""
    item: dict[str, Any] = {"rel": rel or "", "who": who, "doc": edge.get("doc") or target.get("doc") or "",
                            "title": title}
    if rel in ("SAID", "FOUND"):
        item["text"] = str(target.get("text", ""))
    elif rel == "HOLDS_ROLE":
        item["text"] = str(target.get("name", ""))
    else:
        item["text"] = str(target.get("name", target.get("text", "")))
    for key in ("cue", "mode", "qualifier", "addressee", "in_report", "date"):
        if edge.get(key):
            item[key] = str(edge[key])
    return item


class _AliasFinder:
    """Which entities a statement names: whole-word aliases of entities mentioned in its article."""

    def __init__(self, nodes: dict[str, ViewNode], g: nx.MultiDiGraph) -> None:
        self._by_doc: dict[str, list[str]] = defaultdict(list)
        for node in nodes.values():
            for doc in node.docs:
                self._by_doc[doc].append(node.id)
        self._nodes = nodes
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, str]]] = {}

    def _pattern(self, doc: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        if doc not in self._patterns:
            owner: dict[str, str] = {}
            # an alias two entities share goes to the more mentioned one (Person before Group on ties)
            order = sorted(self._by_doc.get(doc, []), key=lambda i: (-self._nodes[i].mentions,
                                                                      ENTITY_LABELS.index(self._nodes[i].label)))
            for node_id in order:
                if self._nodes[node_id].label == "Role":
                    continue
                for alias in [self._nodes[node_id].name, *self._nodes[node_id].aliases]:
                    if len(alias) >= 2 and alias not in owner:
                        owner[alias] = node_id
            words = sorted(owner, key=len, reverse=True)
            pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else None
            self._patterns[doc] = (pattern, owner)
        return self._patterns[doc]

    def named_in(self, text: str, doc: str) -> list[str]:
        pattern, owner = self._pattern(doc)
        if pattern is None:
            return []
        return list(dict.fromkeys(owner[m.group(1)] for m in pattern.finditer(text)))


def _rank(view: GraphView) -> None:
    """Most connected first: evidence on its links and its own statements, then mentions, then name."""
    for link in view.links:
        for end in (link.source, link.target):
            view.nodes[end].score += len(link.evidence)
    for node in view.nodes.values():
        node.score += sum(1 for e in node.evidence if e["rel"] in ("SAID", "FOUND"))
    order = sorted(view.nodes.values(), key=lambda n: (-n.score, -n.mentions, n.name.lower(), n.id))
    for rank, node in enumerate(order):
        node.rank = rank


# -- layout ----------------------------------------------------------------------------
def layout(view: GraphView, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions: each connected group laid out on its own, groups packed in rows, largest first.

    Laying out components separately keeps isolated entities from being flung to the rim and
    keeps small groups (a person and a role) readable next to the big one.
    """
    g = nx.Graph()
    g.add_nodes_from(n.id for n in view.ranked())
    for link in view.links:
        if g.has_edge(link.source, link.target):
            g[link.source][link.target]["weight"] += len(link.evidence)
        else:
            g.add_edge(link.source, link.target, weight=len(link.evidence))
    rank = {n.id: n.rank for n in view.nodes.values()}
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(rank[n] for n in c)))
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for comp in comps:
        sub = g.subgraph(comp)
        pos = {next(iter(comp)): (0.0, 0.0)} if len(comp) == 1 else force_layout(sub, seed=seed)
        side = 1.15 * math.sqrt(len(comp))
        boxes.append((side, _fit(pos, side)))
    if not boxes:
        return {}
    out: dict[str, tuple[float, float]] = {}
    first_side, first = boxes[0]
    rest = boxes[1:]
    rest_area = sum(side * side for side, _ in rest)
    width = max(max((side for side, _ in rest), default=0.0), rest_area / first_side)
    if width <= 2 * first_side:
        # the largest group on the left, the small ones in a block of the same height beside it
        _shelves(rest, width, first_side, out)
        for node, (px, py) in first.items():
            out[node] = (px, py - first_side)
    else:
        _shelves(boxes, 1.3 * math.sqrt(rest_area + first_side**2), 0.0, out)
    return out


def _shelves(boxes: list[tuple[float, dict[str, tuple[float, float]]]], width: float, left: float,
             out: dict[str, tuple[float, float]]) -> None:
    """Place square boxes left to right in rows of the given width, rows going down from y = 0."""
    x = y = row_height = 0.0
    for side, pos in boxes:
        if x > 0 and x + side > width + 1e-9:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in pos.items():
            out[node] = (left + x + px, y - side + py)
        x += side
        row_height = max(row_height, side)


def force_layout(g: nx.Graph, *, seed: int = 7, core: int = 250) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold on numpy arrays (networkx's own needs scipy and takes 30 s at 2,000 nodes).

    A large component is laid out coarse to fine: the ``core`` best-connected nodes first, then
    every other node starts beside a placed neighbour and a few full passes settle them.
    """
    import numpy as np

    names = sorted(g.nodes, key=lambda v: (-g.degree(v, weight="weight"), str(v)))
    n = len(names)
    index = {name: i for i, name in enumerate(names)}
    edges = np.array([(index[a], index[b]) for a, b in g.edges], dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(n)
    if n <= core:
        pos = rng.random((n, 2)).astype(np.float32)
        return _named(names, _fr(pos, edges, k, iterations=300, temperature=0.1))
    inner = edges[(edges[:, 0] < core) & (edges[:, 1] < core)]
    pos = np.zeros((n, 2), dtype=np.float32)
    pos[:core] = _fr(rng.random((core, 2)).astype(np.float32), inner, k, iterations=200, temperature=0.1)
    placed = np.zeros(n, dtype=bool)
    placed[:core] = True
    for start in range(core):  # breadth first from the core: each node beside its first placed neighbour
        queue = [names[start]]
        while queue:
            node = queue.pop()
            for other in g.neighbors(node):
                j = index[other]
                if not placed[j]:
                    pos[j] = pos[index[node]] + rng.normal(0, k, 2)
                    placed[j] = True
                    queue.append(other)
    pos[~placed] = rng.random((int((~placed).sum()), 2))
    return _named(names, _fr(pos, edges, k, iterations=25, temperature=0.02))


def _fr(pos: Any, edges: Any, k: float, *, iterations: int, temperature: float, gravity: float = 1.0) -> Any:
    """Fruchterman-Reingold steps: every pair repels (k²/d), every edge attracts (d²/k), moves capped and cooling."""
    import numpy as np

    cool = temperature / (iterations + 1)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    kk = np.float32(k * k)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, np.float32(1e-6), out=d2)
        np.divide(kk, d2, out=d2)
        mx, my = (dx * d2).sum(1), (dy * d2).sum(1)
        if len(edges):
            ex = x[edges[:, 0]] - x[edges[:, 1]]
            ey = y[edges[:, 0]] - y[edges[:, 1]]
            pull = np.sqrt(ex * ex + ey * ey) / np.float32(k)
            np.add.at(mx, edges[:, 0], -ex * pull)
            np.add.at(mx, edges[:, 1], ex * pull)
            np.add.at(my, edges[:, 0], -ey * pull)
            np.add.at(my, edges[:, 1], ey * pull)
        # gravity towards the centre: without it, loosely tied nodes drift far out and the
        # scaled picture becomes a dot in the middle with a few satellites
        mx -= np.float32(gravity) * (x - x.mean())
        my -= np.float32(gravity) * (y - y.mean())
        length = np.maximum(np.sqrt(mx * mx + my * my), np.float32(1e-9))
        step = np.minimum(length, np.float32(temperature)) / length
        x += mx * step
        y += my * step
        temperature -= cool
    return np.column_stack([x, y])


def _named(names: list[str], pos: Any) -> dict[str, tuple[float, float]]:
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for i, name in enumerate(names)}


def _fit(pos: dict[str, Any], side: float) -> dict[str, tuple[float, float]]:
    """Scale positions into a square box of the given side, with a margin."""
    if len(pos) == 1:
        return {n: (side / 2, side / 2) for n in pos}
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    margin = 0.5
    scale = (side - 2 * margin) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (side / 2 + (float(p[0]) - cx) * scale, side / 2 + (float(p[1]) - cy) * scale)
            for n, p in pos.items()}


# -- columns for the page (pure) -------------------------------------------------------
def node_size(node: ViewNode) -> float:
    """Screen size in pixels: grows with the square root of mentions (roles: of their holders)."""
    weight = node.mentions if node.label != "Role" else max(node.score, 1)
    return round(min(10 + 5 * math.sqrt(max(weight, 1)), 44), 1)


def _summary(items: list[dict[str, Any]]) -> str:
    """First piece of evidence as one line of plain text, for the tooltip."""
    if not items:
        return ""
    e = items[0]
    text = " ".join(str(e.get("text", "")).split()).strip(QUOTE_MARKS)
    if len(text) > SUMMARY_CHARS:
        text = text[: SUMMARY_CHARS - 1] + "…"
    cue = f"{e['cue']}: " if e.get("cue") else ""
    more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
    return f"{cue}“{text}”{more}"


def article_numbers(view: GraphView) -> dict[str, int]:
    """Articles by number: the page lists an entity's articles as numbers, not ids (a person
    named in thousands of articles would otherwise carry thousands of ids)."""
    return {doc: i for i, doc in enumerate(sorted(view.articles))}


def view_columns(view: GraphView, pos: dict[str, tuple[float, float]]) -> tuple[dict[str, list], dict[str, list]]:
    """Node and link columns for the bokeh data sources; every value is plain data (JSON), never HTML."""
    ranked = view.ranked()
    index = {n.id: i for i, n in enumerate(ranked)}
    article = article_numbers(view)
    nodes: dict[str, list] = defaultdict(list)
    for n in ranked:
        x, y = pos[n.id]
        nodes["x"].append(x)
        nodes["y"].append(y)
        nodes["id"].append(n.id)
        nodes["name"].append(n.name)
        nodes["label"].append(n.label)
        nodes["color"].append(NODE_COLORS.get(n.label, OTHER_RELATION_COLOR))
        nodes["size"].append(node_size(n))
        nodes["mentions"].append(n.mentions)
        nodes["rank"].append(n.rank)
        nodes["docs"].append(sorted(article[d] for d in n.docs if d in article))
        nodes["find"].append("\n".join(sorted({n.name.lower(), *(a.lower() for a in n.aliases)})))
        nodes["aliases"].append(", ".join(a for a in n.aliases if a != n.name))
        nodes["n_statements"].append(sum(1 for e in n.evidence if e["rel"] in ("SAID", "FOUND")))
        nodes["summary"].append(_summary([e for e in n.evidence if e["rel"] in ("SAID", "FOUND")]))
        nodes["evidence"].append(json.dumps(n.evidence[:EVIDENCE_MAX], ensure_ascii=False))
    links: dict[str, list] = defaultdict(list)
    for link in sorted(view.links, key=lambda k: (index[k.source], index[k.target], k.relation, k.how)):
        (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
        angle = math.atan2(y1 - y0, x1 - x0) - math.pi / 2
        links["x0"].append(x0)
        links["y0"].append(y0)
        links["x1"].append(x1)
        links["y1"].append(y1)
        links["xm"].append((x0 + x1) / 2)
        links["ym"].append((y0 + y1) / 2)
        links["xa"].append(x0 + 0.72 * (x1 - x0))
        links["ya"].append(y0 + 0.72 * (y1 - y0))
        links["angle"].append(angle)
        links["s"].append(index[link.source])
        links["t"].append(index[link.target])
        links["relation"].append(link.relation)
        links["rel_label"].append(link.label)
        links["color"].append(RELATION_COLORS.get(link.relation, OTHER_RELATION_COLOR))
        links["width"].append(round(1.2 + math.log2(len(link.evidence)), 2))
        links["source_name"].append(view.nodes[link.source].name)
        links["target_name"].append(view.nodes[link.target].name)
        links["n"].append(len(link.evidence))
        links["summary"].append(_summary(link.evidence))
        titles = sorted({e.get("title", "") for e in link.evidence if e.get("title")})
        links["article"].append(titles[0] + (f" (+{len(titles) - 1})" if len(titles) > 1 else "") if titles else "")
        links["docs"].append(sorted(article[d] for d in link.docs if d in article))
        links["evidence"].append(json.dumps(link.evidence[:EVIDENCE_MAX], ensure_ascii=False))
    return dict(nodes), dict(links)


# -- the interactive page ----------------------------------------------------------------
# Everything shown as HTML goes through esc(); names and quotations are never trusted.
_JS_HELPERS = r"""
const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
  (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const item_html = (e) => {
  const who = "<b>" + esc(e.who) + "</b>";
  const qual = e.qualifier ? " (" + esc(e.qualifier) + ")" : "";
  let body;
  if (e.rel === "SAID" || e.rel === "FOUND") {
    const cue = e.cue ? " <i>" + esc(e.cue) + "</i>" : (e.rel === "FOUND" ? " <i>found</i>" : " <i>said</i>");
    const to = e.addressee ? " to " + esc(e.addressee) : "";
    const via = e.in_report ? " (citing " + esc(e.in_report) + ")" : "";
    const text = String(e.text == null ? "" : e.text).replace(/^["“”‘’']+|["“”‘’']+$/g, "");
    body = who + cue + to + via + ": “" + esc(text) + "”";
    if (e.about && e.about.length) body += " <span class='kg-about'>about " + e.about.map(esc).join(", ") + "</span>";
  } else if (e.rel === "HOLDS_ROLE") {
    body = who + " holds role <b>" + esc(e.text) + "</b>" + qual;
  } else {
    body = who + " " + esc(String(e.rel).toLowerCase().replace(/_/g, " ")) + " <b>" + esc(e.text) + "</b>";
  }
  const art = e.title ? "<div class='kg-art'>" + esc(e.title) + "</div>" : "";
  return "<li>" + body + art + "</li>";
};
const show_evidence = (heading, json) => {
  let items = [];
  try { items = JSON.parse(json); } catch (err) { items = []; }
  const list = items.length ? "<ul>" + items.map(item_html).join("") + "</ul>" : "<p>no statements</p>";
  panel.text = "<div class='kg-ev'><h3>" + heading + "</h3>" + list + "</div>";
};
const node_evidence = (i) => {
  const d = nodes.data;
  const aka = d.aliases[i] ? "<div class='kg-art'>also: " + esc(d.aliases[i]) + "</div>" : "";
  show_evidence(esc(d.name[i]) + " <small>" + esc(d.label[i]) + "</small>" + aka, d.evidence[i]);
};
"""

_JS_APPLY = r"""
const nd = nodes.data, ed = edges.data;
const n = nd.name.length, m = ed.relation.length;
const k = Math.round(limit.value);
const art = article.value, art_n = Number(art);
const rels = new Set(relations.active.map((i) => relations.labels[i]));
const q = search.value_input.trim().toLowerCase();
const show = new Array(n), hits = [];
let shown = 0;
for (let i = 0; i < n; i++) {
  const in_art = art === "" || nd.docs[i].includes(art_n);
  const hit = q.length > 0 && nd.find[i].includes(q);
  if (hit && in_art) hits.push(i);
  show[i] = in_art && (nd.rank[i] < k || hit);
  if (show[i]) shown++;
}
const eshow = new Array(m);
let links = 0;
for (let j = 0; j < m; j++) {
  eshow[j] = rels.has(ed.relation[j]) && show[ed.s[j]] && show[ed.t[j]] && (art === "" || ed.docs[j].includes(art_n));
  if (eshow[j]) links++;
}
const hitset = new Set(hits);
node_filter.booleans = show;
edge_filter.booleans = eshow;
label_filter.booleans = show.map((s, i) => s && (shown <= LABELS || nd.rank[i] < LABELS || hitset.has(i)));
edge_label_filter.booleans = eshow.map((e) => e && links <= EDGE_LABELS);
const root = document.documentElement;  // the state as attributes, for scripts and tests driving the page
root.setAttribute("data-kg-nodes", String(shown));
root.setAttribute("data-kg-links", String(links));
root.setAttribute("data-kg-matches", String(hits.length));
status.text = "<span class='kg-status'>" + shown + " of " + n + " entities, " + links + " links"
  + (q ? ", " + hits.length + " match" + (hits.length === 1 ? "" : "es") : "") + "</span>";
if (q) {
  nodes.selected.indices = hits;
  if (hits.length) node_evidence(hits[0]);
} else if (cb_obj === search) {
  nodes.selected.indices = [];
}
"""

_JS_READY = r"""
if (nodes.data.name.length) node_evidence(0);
requestAnimationFrame(() => requestAnimationFrame(() => {
  root.setAttribute("data-kg-ms", String(Math.round(performance.now())));  // navigation start to drawn
  root.setAttribute("data-kg-ready", "1");
}));
"""

_JS_TAP_NODE = r"""
const i = nodes.selected.indices;
if (i.length === 1) node_evidence(i[0]);
"""

_JS_TAP_EDGE = r"""
const j = edges.selected.indices;
if (j.length && nodes.selected.indices.length === 0) {  // a click on a node where links start is about the node
  const d = edges.data, i = j[0];
  show_evidence(esc(d.source_name[i]) + " <small>" + esc(d.rel_label[i]) + "</small> " + esc(d.target_name[i]),
                d.evidence[i]);
}
"""

# Before bokeh runs: report script errors and CSP violations into an attribute a test can read,
# and forbid every network fetch (the page is meant to work from a file, offline).
_PREAMBLE = """
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval';
 style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; connect-src 'none'">
<script>
(function () {
  var errors = [];
  var note = function (msg) {
    errors.push(String(msg).slice(0, 300));
    document.documentElement.setAttribute("data-kg-errors", JSON.stringify(errors));
  };
  window.addEventListener("error", function (e) { note("error: " + (e.message || e.type)); });
  window.addEventListener("unhandledrejection", function (e) { note("rejection: " + e.reason); });
  document.addEventListener("securitypolicyviolation", function (e) { note("csp: " + e.violatedDirective
    + " " + e.blockedURI); });
  var original = console.error;
  console.error = function () { note("console: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments); };
})();
</script>
<style>
.kg-ev h3 { margin: 4px 0; font: 600 14px sans-serif; }
.kg-ev ul { margin: 0; padding-left: 16px; font: 13px/1.35 sans-serif; }
.kg-ev li { margin-bottom: 6px; }
.kg-art { color: #777; font-size: 11px; }
.kg-status { font: 12px sans-serif; color: #444; }
</style>
"""

_TIP = ("<div style='max-width:360px;white-space:normal;font:12px/1.35 sans-serif'>"
        "<div style='font-weight:600'>{head}</div><div>{body}</div></div>")

# bokeh puts "{% extends base %}" in front of a template given as a string
_TEMPLATE = """{% block preamble %}""" + _PREAMBLE + """{% endblock %}
"""


def build_page(view: GraphView, *, title: str = "kg: knowledge graph", shown: int = DEFAULT_SHOWN,
               total: int | None = None) -> str:
    """The whole page as one HTML string, bokeh's JavaScript and CSS inline; ``total`` is the
    number of entities in the graph when ``view`` holds only the most connected of them."""
    from bokeh.document import Document
    from bokeh.embed import file_html
    from bokeh.events import DocumentReady
    from bokeh.layouts import column, row
    from bokeh.models import (
        BooleanFilter,
        Button,
        CDSView,
        CheckboxGroup,
        ColumnDataSource,
        CustomJS,
        Div,
        HoverTool,
        Legend,
        LegendItem,
        Select,
        Slider,
        TapTool,
        TextInput,
    )
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    nodes_cols, links_cols = view_columns(view, layout(view))
    n, m = len(view.nodes), len(view.links)
    nodes = ColumnDataSource(nodes_cols or {k: [] for k in ("x", "y", "name", "size", "color")})
    edges = ColumnDataSource(links_cols or {k: [] for k in ("x0", "y0", "x1", "y1", "relation", "color")})
    shown = min(shown, n) if n else 0
    node_filter = BooleanFilter([r < shown for r in nodes_cols.get("rank", [])])
    label_filter = BooleanFilter([r < min(shown, LABELS_ALWAYS) for r in nodes_cols.get("rank", [])])
    edge_filter = BooleanFilter([True] * m)
    edge_label_filter = BooleanFilter([m <= EDGE_LABELS_MAX] * m)

    fig = figure(sizing_mode="stretch_both", min_height=500, match_aspect=True,
                 tools="pan,wheel_zoom,box_zoom,reset,save", active_scroll="wheel_zoom",
                 toolbar_location="above", output_backend="canvas")
    fig.x_range.range_padding = 0.25  # room for the names of the outermost nodes
    fig.y_range.range_padding = 0.1
    fig.axis.visible = False
    fig.grid.visible = False
    fig.outline_line_color = None
    fig.segment("x0", "y0", "x1", "y1", source=edges, view=CDSView(filter=edge_filter), line_color="color",
                line_width="width", line_alpha=0.55, selection_line_alpha=1.0, nonselection_line_alpha=0.35)
    fig.scatter("xa", "ya", source=edges, view=CDSView(filter=edge_filter), marker="triangle", size=8,
                angle="angle", fill_color="color", line_color=None, fill_alpha=0.8)
    fig.text("xm", "ym", text="rel_label", source=edges, view=CDSView(filter=edge_label_filter),
             text_font_size="9px", text_color="#666", text_align="center", text_baseline="middle")
    node_r = fig.scatter("x", "y", source=nodes, view=CDSView(filter=node_filter), size="size",
                         fill_color="color", line_color="white", line_width=1.5, fill_alpha=0.95,
                         hover_line_color="black", selection_line_color="black", selection_line_width=2.5,
                         nonselection_fill_alpha=0.25, nonselection_line_alpha=0.25)
    fig.text("x", "y", text="name", source=nodes, view=CDSView(filter=label_filter), y_offset=-9,
             text_font_size="11px", text_font_style="bold", text_color="#222", text_align="center",
             text_baseline="bottom", background_fill_color="white", background_fill_alpha=0.6)
    # links are hovered and clicked at their middle (where the relation is written), so the
    # links that start at a node never crowd that node's own tooltip
    edge_hit = fig.scatter("xm", "ym", source=edges, view=CDSView(filter=edge_filter), size=14,
                           fill_color="color", fill_alpha=0.0, line_alpha=0.0, hover_fill_alpha=0.35,
                           selection_fill_alpha=0.5, nonselection_fill_alpha=0.0)
    # tooltip templates: bokeh escapes every @{field} (none is marked {safe}), so names stay text
    fig.add_tools(HoverTool(renderers=[node_r], tooltips=_TIP.format(
        head="@{name} <span style='color:#666'>@{label}</span>",
        body="mentions @{mentions}, statements @{n_statements}<br>@{summary}")))
    fig.add_tools(HoverTool(renderers=[edge_hit], tooltips=_TIP.format(
        head="@{source_name} <span style='color:#666'>@{rel_label}</span> @{target_name}",
        body="@{summary}<br><span style='color:#666'>@{article}</span>")))
    tap = TapTool(renderers=[node_r, edge_hit])
    fig.add_tools(tap)

    legend_items = []
    for label, color in NODE_COLORS.items():
        r = fig.scatter([math.nan], [math.nan], size=10, fill_color=color, line_color="white")
        legend_items.append(LegendItem(label=label, renderers=[r]))
    for rel, color in RELATION_COLORS.items():
        r = fig.segment([math.nan], [math.nan], [math.nan], [math.nan], line_color=color, line_width=3)
        legend_items.append(LegendItem(label=rel.replace("_", " ").lower(), renderers=[r]))
    fig.add_layout(Legend(items=legend_items, label_text_font_size="11px", spacing=1), "right")

    search = TextInput(title="Find a name", placeholder="e.g. Sessions", width=280)
    limit = Slider(title="Entities shown (most connected first)", start=min(1, max(n, 1)), end=max(n, 1),
                   step=1, value=max(shown, 1), width=280, disabled=n <= 1)
    show_all = Button(label=f"Show all {n}", width=280)
    relations = CheckboxGroup(labels=list(RELATIONS), active=list(range(len(RELATIONS))))
    # the browser tells options apart by their label, so two articles with one title get their ids added
    seen = Counter(view.articles.values())
    labels = {doc: title if seen[title] == 1 else f"{title} ({doc})" for doc, title in view.articles.items()}
    number = article_numbers(view)
    options = [("", "All articles")] + sorted(((str(number[doc]), label) for doc, label in labels.items()),
                                              key=lambda kv: kv[1].lower())
    article = Select(title="Article", value="", options=options, width=280)
    status = Div(text="", width=280)
    panel = Div(text="", width=300, height=420, disable_math=True,
                styles={"overflow-y": "auto", "border-top": "1px solid #ddd", "padding-top": "4px"})
    entities = f"the <b>{n}</b> most connected of {total} entities" if total and total > n else f"<b>{n}</b> entities"
    header = Div(text=f"{entities}, <b>{m}</b> links, <b>{len(view.articles)}</b> articles. "
                      "Hover for evidence, click a node or link to list it.", width=280)
    args = dict(nodes=nodes, edges=edges, node_filter=node_filter, edge_filter=edge_filter,
                label_filter=label_filter, edge_label_filter=edge_label_filter, limit=limit, article=article,
                relations=relations, search=search, status=status, panel=panel)
    consts = f"const LABELS = {LABELS_ALWAYS}, EDGE_LABELS = {EDGE_LABELS_MAX};\n"
    apply = CustomJS(args=args, code=consts + _JS_HELPERS + _JS_APPLY)
    for widget, prop in ((search, "value_input"), (limit, "value"), (relations, "active"), (article, "value")):
        widget.js_on_change(prop, apply)
    show_all.js_on_click(CustomJS(args=dict(limit=limit, n=n), code="limit.value = n;"))
    nodes.selected.js_on_change("indices", CustomJS(args=args, code=_JS_HELPERS + _JS_TAP_NODE))
    edges.selected.js_on_change("indices", CustomJS(args=args, code=_JS_HELPERS + _JS_TAP_EDGE))

    controls = column(header, search, limit, show_all, relations, article, status, panel, width=310)
    doc = Document()
    doc.add_root(row(controls, fig, sizing_mode="stretch_both"))
    doc.js_on_event(DocumentReady, CustomJS(args=args, code=consts + _JS_HELPERS + _JS_APPLY + _JS_READY))
    doc.title = title
    return file_html(doc, resources=INLINE, title=title, template=_TEMPLATE)


def write_html(graph: KnowledgeGraph, path: Path, *, shown: int = DEFAULT_SHOWN, most: int = PAGE_MAX) -> None:
    """Write the interactive page: one self-contained file that opens offline, with the ``most``
    most connected entities (the header says how many there are in all)."""
    view = to_view(graph)
    Path(path).write_text(build_page(view.top(most), shown=shown, total=len(view.nodes)), encoding="utf-8")


# -- the static picture ------------------------------------------------------------------
def write_png(graph: KnowledgeGraph, path: Path, *, svg: bool = False, labels: int = LABELS_ALWAYS,
              max_nodes: int = 150) -> None:
    """Draw the most connected entities for a report (PNG, or SVG with ``svg=True``).

    A picture of more than about 150 entities is a hairball at report size, so the rest are left
    out (the title says how many); the interactive page holds up to :data:`PAGE_MAX`.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    view = to_view(graph)
    total = len(view.nodes)
    view = view.top(max_nodes)
    pos = layout(view)
    small = len(view.nodes) <= 80
    fig, ax = plt.subplots(figsize=(10, 7) if small else (14, 10), dpi=150)
    ax.set_axis_off()
    for link in view.links:
        (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color=RELATION_COLORS.get(link.relation, OTHER_RELATION_COLOR),
                                    lw=0.8 + 0.6 * math.log2(len(link.evidence)), alpha=0.6, mutation_scale=9,
                                    shrinkA=6, shrinkB=8))
    ranked = view.ranked()
    xs = [pos[n.id][0] for n in ranked]
    ys = [pos[n.id][1] for n in ranked]
    shrink = min(1.0, math.sqrt(60 / max(len(ranked), 1)))  # crowded pictures get smaller discs
    sizes = [(node_size(n) * 0.75 * shrink) ** 2 for n in ranked]  # bokeh pixels -> points², about
    ax.scatter(xs, ys, s=sizes, c=[NODE_COLORS.get(n.label, OTHER_RELATION_COLOR) for n in ranked],
               edgecolors="white", linewidths=1.0, zorder=2)
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.06)
    handles = [Line2D([], [], marker="o", ls="", color=c, label=k, markersize=8) for k, c in NODE_COLORS.items()]
    handles += [Line2D([], [], color=c, lw=2, label=k.replace("_", " ").lower()) for k, c in RELATION_COLORS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    shown = f"the {len(view.nodes)} most connected of {total} entities" if total > len(view.nodes) \
        else f"{total} entities"
    ax.set_title(f"{shown}, {len(view.links)} links", fontsize=11, loc="left")
    fig.tight_layout()
    _place_labels(fig, ax, ranked[:labels], xs, ys, sizes)
    fig.savefig(path, format="svg" if svg else "png")
    plt.close(fig)


def write_svg(graph: KnowledgeGraph, path: Path) -> None:
    """The static picture as SVG (scalable, for documents)."""
    write_png(graph, path, svg=True)


def _place_labels(fig: Any, ax: Any, nodes: list[ViewNode], all_x: list[float], all_y: list[float],
                  all_sizes: list[float], *, must_label: int = 12) -> None:
    """Write names beside nodes where they overlap neither another name nor a node; skip the rest.

    Tries eight spots around each node, then eight farther out, most connected nodes first, in display pixels.
    The ``must_label`` most connected may cover other discs (on a white box) rather than go unnamed.
    """
    import numpy as np

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    centres = to_px(np.column_stack([all_x, all_y])) if all_x else np.zeros((0, 2))
    radii = np.sqrt(np.asarray(all_sizes)) / 2 * fig.dpi / 72
    node_boxes = np.column_stack([centres[:, 0] - radii, centres[:, 1] - radii,
                                  centres[:, 0] + radii, centres[:, 1] + radii]) if len(radii) else np.zeros((0, 4))
    frame = ax.get_window_extent(renderer)
    placed: list[tuple[float, float, float, float]] = []
    ring = [(0, 1, "center", "bottom"), (0, -1, "center", "top"), (1, 0, "left", "center"),
            (-1, 0, "right", "center"), (1, 1, "left", "bottom"), (-1, 1, "right", "bottom"),
            (1, -1, "left", "top"), (-1, -1, "right", "top")]
    spots = ring + [(1.8 * dx, 1.8 * dy, ha, va) for dx, dy, ha, va in ring]
    for i, node in enumerate(nodes):
        cx, cy = centres[i]
        r = radii[i] + 2
        lines = textwrap.wrap(node.name, 24) or [""]  # two short lines fit beside a node more often than one long
        name = "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")
        text = ax.text(0, 0, name, fontsize=8, zorder=3, color="#222", parse_math=False,  # "$5 to $10" is text
                       multialignment="center", linespacing=1.1,
                       bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.7))
        fallback = None
        for dx, dy, ha, va in spots:
            px, py = cx + dx * r, cy + dy * r
            text.set_position(ax.transData.inverted().transform((px, py)))
            text.set_ha(ha)
            text.set_va(va)
            b = text.get_window_extent(renderer)
            box = (b.x0, b.y0, b.x1, b.y1)
            if b.x0 < frame.x0 or b.x1 > frame.x1 or b.y0 < frame.y0 or b.y1 > frame.y1:
                continue
            if any(p[0] < box[2] and p[2] > box[0] and p[1] < box[3] and p[3] > box[1] for p in placed):
                continue
            hit_nodes = ((node_boxes[:, 0] < box[2]) & (node_boxes[:, 2] > box[0]) &
                         (node_boxes[:, 1] < box[3]) & (node_boxes[:, 3] > box[1]))
            hit_nodes[i] = False
            if hit_nodes.any():
                fallback = fallback or (px, py, ha, va, box)
                continue
            placed.append(box)
            break
        else:
            if fallback is not None and i < must_label:  # the main entities are named even over other discs
                px, py, ha, va, box = fallback
                text.set_position(ax.transData.inverted().transform((px, py)))
                text.set_ha(ha)
                text.set_va(va)
                text.set_zorder(4)
                placed.append(box)
                continue
            text.remove()


def write_views(out_dir: Path | str, *, svg: bool = False) -> list[Path]:
    """Redraw graph.html and graph.png (and graph.svg) from OUTDIR/graph.json; returns the files written."""
    from kg.files import write_atomic
    from kg.graph import load_graph

    out = Path(out_dir)
    graph = load_graph(out)
    writers = [("graph.html", write_html), ("graph.png", write_png)] + ([("graph.svg", write_svg)] if svg else [])
    written = []
    for name, writer in writers:
        write_atomic(out / name, lambda p, w=writer: w(graph, p))
        written.append(out / name)
    return written
