"""Views of the graph, the data part: what the page and the picture show, and where.

The picture is entities and how they connect, not every statement: Quote and Finding nodes
are folded into the links they create, and their text becomes the evidence shown on hover
and click. A speaker links to the addressee of a quotation ("said to"), to the report it
cites ("said, citing") and to the entities the quotation names ("said about": its MENTIONS
edges when the graph has them, otherwise whole-word aliases of entities mentioned in the same
article); a report links to the entities its findings name ("found about"). Article nodes
become the article filter, since one article joined to every entity it mentions would pull the
whole layout into a star. Each piece of evidence carries what the statement panel shows: the
article's title and link, the sentence around the statement, its kind and confidence, and the
whom it is about (its MENTIONS).

Everything here is pure and cheap to import (no layout maths or drawing at import):
``to_view(graph) -> GraphView`` folds, :func:`prepare_view` ranks, trims and lays out once, and
the drawing modules take that one layout: :mod:`kg.export.view_page` (our canvas page, offline)
and :mod:`kg.export.view_picture` (Pillow). ``write_html``/``write_png``/``write_svg`` and
:func:`write_view` are the entry points. The graph is read through :mod:`kg.export.view_read`
(networkx, or a run's SQLite store); a store's graph is folded in two passes (:func:`top_view`),
so the fold's memory follows the page (2,000 entities, the evidence it shows), not the archive.
"""

from __future__ import annotations

import gc
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

from kg.export.view_read import GraphReader, StoreReader, as_dict, reader_of
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
PAGE_ITEMS = 20_000      # evidence items in the whole page at most (about 0.6 KB each): on a large corpus
                         # every node and link keeps fewer, so the page stays tens of MB at most
PICTURE_MAX = 150        # entities in the static picture: more is a hairball at report size
SUMMARY_CHARS = 180
SENTENCE_CHARS = 600     # the sentence around a statement, as the panel shows it
QUOTE_MARKS = "\"“”‘’'"  # a quotation's own marks, so it is not shown in two pairs


@dataclass
class ViewNode:
    """One entity as the view draws it; ``evidence`` keeps the first :data:`EVIDENCE_MAX` items,
    ``statements`` counts every statement it made."""

    id: str
    label: str
    name: str
    aliases: list[str]
    mentions: int
    docs: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    statements: int = 0
    score: int = 0
    rank: int = 0


@dataclass
class ViewLink:
    """All statements or facts joining two entities in one way, drawn as one line; ``count`` of
    them in all, the first :data:`EVIDENCE_MAX` kept as ``evidence``."""

    source: str
    target: str
    relation: str
    how: str
    docs: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0

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
    """Fold statements into links between entities and rank entities by how connected they are.

    One pass over the entities' edges (:mod:`kg.export.view_read`: networkx's adjacency, or the
    run's store one entity at a time), reading each statement's own edges when it is reached.
    Every statement is counted, but an evidence item is built only while the node or link it goes
    to holds fewer than :data:`EVIDENCE_MAX` (what the page keeps).
    """
    fold = _Fold(reader_of(graph))
    view = fold.view(None)
    _rank(view)
    return view


def top_view(graph: KnowledgeGraph, most: int = PAGE_MAX, *, recount: bool | None = None) -> tuple[GraphView, int]:
    """``to_view(graph).top(most)`` and the number of entities in all, in memory that follows ``most``.

    The whole fold holds evidence for every link of the graph (on an archive, nearly every
    statement, read from the store: a gigabyte at 150,000 short items). So a store's graph of
    more than ``most`` entities is read twice (``recount``): first only counted (each entity's
    statements, and the links it would get, as two ints per entity), which ranks every entity;
    then folded again for the ``most`` kept, building evidence only for them and the links among
    them, and noting the articles of statements that reach them from others. A networkx graph is
    in memory already (its fold adds a fraction to it), so it is folded once unless ``recount``.
    """
    reader = reader_of(graph)
    fold = _Fold(reader)
    total = len(fold.nodes)
    if recount is None:
        recount = isinstance(reader, StoreReader)
    if total <= most or not recount:
        view = fold.view(None)
        _rank(view)
        return (view.top(most) if total > most else view), total
    fold.count()
    ranked = sorted(fold.nodes.values(), key=lambda n: (-n.score, -n.mentions, n.name.lower(), n.id))
    for rank, node in enumerate(ranked):
        node.rank = rank
    kept = {n.id for n in ranked[:most]}
    for node_id in kept:
        fold.nodes[node_id].statements = 0  # counted again with the evidence
    return fold.view(kept), total


_STATEMENTS = ("SAID", "FOUND")


class _Fold:
    """Statements and facts folded into nodes and links; :meth:`count` ranks, :meth:`view` builds."""

    def __init__(self, reader: GraphReader | StoreReader) -> None:
        self.reader = reader
        self.articles: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.nodes: dict[str, ViewNode] = {}
        for node_id, data in reader.labelled(ENTITY_LABELS):
            self.nodes[node_id] = ViewNode(
                id=node_id, label=data["label"], name=str(data.get("name") or node_id),
                aliases=[str(a) for a in data.get("aliases", [])], mentions=int(data.get("mentions") or 0))
        for node_id, data in reader.labelled(("Article",)):
            doc = data.get("doc", node_id)
            if isinstance(doc, str):
                doc = intern(doc)  # the one string every set of articles holds (see view_read)
            self.articles[doc] = data.get("name") or doc
            self.urls[doc] = str(data.get("url") or "")
        # with MENTIONS edges in the graph, they say whom a statement is about; otherwise aliases do,
        # among the entities named in the statement's article (all of them, before any statement)
        self.finder: _AliasFinder | None = None
        if not reader.has_mentions(self.nodes):
            docs: dict[str, set[str]] = {}
            for source in self.nodes:
                docs[source] = {doc for _t, rel, doc, *_rest in reader.facts(source)
                                if rel == "MENTIONED_IN" and doc}
            self.finder = _AliasFinder(self.nodes, docs)

    def _about(self, source: str, rel: str, doc: str, tdata: Any, outs: Any
               ) -> tuple[list[tuple[str, str]], list[str], list[str]]:
        """A statement's addressee ("to") and report ("citing"), whom it MENTIONS, and whom it is about."""
        reached: list[tuple[str, str]] = []
        about: list[str] = []
        for other, orel in outs:
            if orel == "MENTIONS":
                if other not in about:
                    about.append(other)
            elif rel == "SAID" and orel in ("ADDRESSED_TO", "IN_REPORT"):
                reached.append((other, "to" if orel == "ADDRESSED_TO" else "citing"))
        finder = self.finder
        named_in = about if finder is None else finder.named_in(str(as_dict(tdata).get("text", "")), doc)
        return reached, about, named_in

    def count(self) -> None:
        """Each entity's score (the statements on its links, its own statements) and statement count."""
        nodes = self.nodes
        for source, speaker in nodes.items():
            seen: set[tuple[Any, ...]] = set()  # a fact named twice in one article counts once
            links = 0
            for target, rel, doc, data, tdata, outs in self.reader.facts(source, mentioned_in=False,
                                                                         evidence=self.finder is not None):
                if rel in _STATEMENTS:
                    speaker.statements += 1
                    reached, _about, named_in = self._about(source, rel, doc, tdata, outs)
                    reached_ids = set()
                    for other, _how in reached:
                        if other != source and other in nodes:
                            links += 1
                            nodes[other].score += 1
                        reached_ids.add(other)
                    for named in named_in:
                        if named not in reached_ids and named != source and named in nodes:
                            links += 1
                            nodes[named].score += 1
                elif target in nodes:
                    key = _fact_key(rel, as_dict(data), tdata)
                    if key in seen:
                        continue
                    seen.add(key)
                    if target != source:
                        links += 1
                        nodes[target].score += 1
            speaker.score += links + speaker.statements

    def view(self, kept: set[str] | None) -> GraphView:
        """The nodes in ``kept`` (None: all) with their evidence, and the links among them.

        Statements of entities left out are still read: their articles join the kept entities they reach.
        """
        nodes, reader = self.nodes, self.reader
        names = (self.articles, self.urls)
        links: dict[tuple[str, str, str, str], ViewLink] = {}
        # evidence items kept per node or link: all the whole fold keeps, or (for a page) no more than
        # the page will show, which only falls as links are found (see page_keep and trim_to_page)
        cap = [EVIDENCE_MAX if kept is None else page_keep(len(kept), 0)]

        def link(source: str, target: str, relation: str, how: str, item: _Item) -> None:
            if source == target or target not in nodes or (kept is not None and target not in kept):
                return
            key = (source, target, relation, how)
            lk = links.get(key)
            if lk is None:
                lk = links[key] = ViewLink(source, target, relation, how)
                if kept is not None:
                    cap[0] = page_keep(len(kept), len(links))
            lk.count += 1
            if len(lk.evidence) < cap[0]:
                lk.evidence.append(item.get())
            if item.doc:
                lk.docs.add(item.doc)
                nodes[target].docs.add(item.doc)

        def reaches(source: str, target: str, doc: str) -> None:  # a statement of an entity left out
            if doc and source != target and target in kept:  # type: ignore[operator]
                nodes[target].docs.add(doc)

        for source, speaker in nodes.items():
            mine = kept is None or source in kept
            facts_seen: set[tuple[Any, ...]] = set()
            items = 0  # what the whole fold's evidence list would hold by now (it stops at EVIDENCE_MAX)
            said = False  # its first statement among them is kept, for the tooltip, past the cap if need be
            for target, rel, doc, data, tdata, outs in reader.facts(source, mentioned_in=mine,
                                                                    evidence=mine or self.finder is not None):
                if rel == "MENTIONED_IN":
                    if doc:
                        speaker.docs.add(doc)
                elif rel in _STATEMENTS:
                    reached, about, named_in = self._about(source, rel, doc, tdata, outs)
                    reached_ids = {other for other, _how in reached}
                    if not mine:
                        for other in (*reached_ids, *(n for n in named_in if n not in reached_ids)):
                            reaches(source, other, doc)
                        continue
                    item = _Item(rel, speaker.name, data, tdata, doc, names)
                    # the statement panel lists who it talks about (its MENTIONS, as KnowledgeGraph.mentioned),
                    # named only if the item is built
                    item.about = (about, reader.node)
                    speaker.statements += 1
                    if items < EVIDENCE_MAX:
                        if len(speaker.evidence) < cap[0] or not said:
                            speaker.evidence.append(item.get())
                        items += 1
                        said = True
                    if doc:
                        speaker.docs.add(doc)
                    for other, how in reached:
                        link(source, other, rel, how, item)
                    for named in named_in:
                        if named not in reached_ids:
                            link(source, named, rel, "about", item)
                elif target in nodes:
                    # HOLDS_ROLE, AUTHORED_BY, and any entity-to-entity relation added later; a fact
                    # named twice in one article is listed once
                    if not mine:
                        reaches(source, target, doc)
                        continue
                    data = as_dict(data)
                    seen = _fact_key(rel, data, tdata)
                    if seen in facts_seen:
                        continue
                    facts_seen.add(seen)
                    item = _Item(rel, speaker.name, data, tdata, doc, names)
                    if items < EVIDENCE_MAX:
                        if len(speaker.evidence) < cap[0]:
                            speaker.evidence.append(item.get())
                        items += 1
                    link(source, target, rel, "", item)
        shown = nodes if kept is None else {k: v for k, v in nodes.items() if k in kept}
        return GraphView(nodes=shown, links=[lk for lk in links.values() if kept is None or lk.source in kept],
                         articles=self.articles)

class _Item:
    """One statement's evidence, built the first time a node or link keeps it (most never do on large graphs)."""

    __slots__ = ("about", "args", "doc", "item")

    def __init__(self, rel: str | None, who: str, edge: dict[str, Any] | str, target: dict[str, Any] | str, doc: str,
                 articles: tuple[dict[str, str], dict[str, str]]) -> None:
        self.args = (rel, who, edge, target, articles)
        self.doc = doc  # the edge's, else the statement's
        self.item: dict[str, Any] | None = None
        self.about: tuple[Iterable[str], Callable[[str], dict[str, Any]]] | None = None  # (entity ids, node data)

    def get(self) -> dict[str, Any]:
        if self.item is None:
            rel, who, edge, target, (titles, urls) = self.args  # the store's JSON text decoded only now
            self.item = _evidence(rel, who, as_dict(edge), as_dict(target), titles.get(self.doc, self.doc),
                                  urls.get(self.doc, ""))
            if self.about is not None:
                ids, node = self.about
                self.item["about"] = sorted({str(node(e).get("name", "")) for e in ids})
        return self.item


_EDGE_FIELDS = ("cue", "mode", "kind", "qualifier", "addressee", "in_report", "date", "sentence")


def _fact_key(rel: str | None, edge: dict[str, Any], target: dict[str, Any]) -> tuple[Any, ...]:
    """What :func:`_evidence` keeps of a fact besides who, title and link (which follow from the
    entity and the article), as a tuple: facts with one key show the same, so one is listed."""
    text = str(target.get("name", "")) if rel == "HOLDS_ROLE" else str(target.get("name", target.get("text", "")))
    fields = tuple(str(edge[key]) if edge.get(key) else None for key in _EDGE_FIELDS)
    sentence = fields[-1]
    if sentence is not None and len(sentence) > SENTENCE_CHARS:
        fields = (*fields[:-1], sentence[: SENTENCE_CHARS - 1])
    confidence = float(edge["confidence"]) if edge.get("confidence") is not None else None
    return rel or "", edge.get("doc") or target.get("doc") or "", text, fields, confidence


def _evidence(rel: str | None, who: str, edge: dict[str, Any], target: dict[str, Any], title: str,
              url: str = "") -> dict[str, Any]:
    """One statement or fact as plain fields; the page escapes every one of them when it shows them."""
    item: dict[str, Any] = {"rel": rel or "", "who": who, "doc": edge.get("doc") or target.get("doc") or "",
                            "title": title}
    if url:
        item["url"] = url
    if rel in ("SAID", "FOUND"):
        item["text"] = str(target.get("text", ""))
    elif rel == "HOLDS_ROLE":
        item["text"] = str(target.get("name", ""))
    else:
        item["text"] = str(target.get("name", target.get("text", "")))
    for key in _EDGE_FIELDS:  # _fact_key reads the same fields
        if edge.get(key):
            item[key] = str(edge[key])
    if len(item.get("sentence", "")) > SENTENCE_CHARS:
        item["sentence"] = item["sentence"][: SENTENCE_CHARS - 1] + "…"
    if edge.get("confidence") is not None:
        item["confidence"] = float(edge["confidence"])
    return item


class _AliasFinder:
    """Which entities a statement names: whole-word aliases of entities mentioned in its article."""

    def __init__(self, nodes: dict[str, ViewNode], docs: dict[str, set[str]]) -> None:
        self._by_doc: dict[str, list[str]] = defaultdict(list)
        for node_id, found in docs.items():  # the articles each entity is named in
            for doc in found:
                self._by_doc[doc].append(node_id)
        self._nodes = nodes
        self._patterns: dict[str, tuple[re.Pattern[str] | None, dict[str, str]]] = {}
        self._escaped: dict[str, str] = {}

    def _pattern(self, doc: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        found = self._patterns.get(doc)
        if found is None:
            owner: dict[str, str] = {}
            nodes = self._nodes
            # an alias two entities share goes to the more mentioned one (Person before Group on ties)
            order = sorted(self._by_doc.get(doc, []), key=lambda i: (-nodes[i].mentions,
                                                                      ENTITY_LABELS.index(nodes[i].label)))
            for node_id in order:
                node = nodes[node_id]
                if node.label == "Role":
                    continue
                for alias in (node.name, *node.aliases):
                    if len(alias) >= 2 and alias not in owner:
                        owner[alias] = node_id
            escaped = self._escaped
            words = []
            for word in sorted(owner, key=len, reverse=True):
                if word not in escaped:
                    escaped[word] = re.escape(word)  # entities recur across articles: escaped once
                words.append(escaped[word])
            pattern = re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)") if words else None
            found = self._patterns[doc] = (pattern, owner)
        return found

    def named_in(self, text: str, doc: str) -> list[str]:
        pattern, owner = self._pattern(doc)
        if pattern is None:
            return []
        return list(dict.fromkeys(owner[m.group(1)] for m in pattern.finditer(text)))


def _rank(view: GraphView) -> None:
    """Most connected first: evidence on its links and its own statements, then mentions, then name."""
    for link in view.links:
        for end in (link.source, link.target):
            view.nodes[end].score += link.count
    for node in view.nodes.values():
        node.score += node.statements
    order = sorted(view.nodes.values(), key=lambda n: (-n.score, -n.mentions, n.name.lower(), n.id))
    for rank, node in enumerate(order):
        node.rank = rank


# -- columns for the page (pure) -------------------------------------------------------
def page_keep(nodes: int, links: int) -> int:
    """Evidence items the page shows per node or link: fewer as the page holds more, so that it
    stays tens of MB (:data:`PAGE_ITEMS` in all), at least 3."""
    return max(3, min(EVIDENCE_MAX, PAGE_ITEMS // max(1, nodes + links)))


def trim_to_page(view: GraphView) -> None:
    """Drop the evidence the page will not show: each link keeps its first :func:`page_keep` items,
    each node those and its first statement (the tooltip's summary), wherever it is in the list."""
    keep = page_keep(len(view.nodes), len(view.links))
    for node in view.nodes.values():
        first = next((e for e in node.evidence if e["rel"] in ("SAID", "FOUND")), None)
        del node.evidence[keep:]
        if first is not None and not any(e is first for e in node.evidence):
            node.evidence.append(first)
    for link in view.links:
        del link.evidence[keep:]


def node_size(node: ViewNode) -> float:
    """Screen size in pixels: grows with the square root of mentions (roles: of their holders)."""
    weight = node.mentions if node.label != "Role" else max(node.score, 1)
    return round(min(10 + 5 * math.sqrt(max(weight, 1)), 44), 1)


def _summary(items: list[dict[str, Any]], total: int) -> str:
    """First piece of evidence (of ``total``) as one line of plain text, for the tooltip."""
    if not items:
        return ""
    e = items[0]
    text = " ".join(str(e.get("text", "")).split()).strip(QUOTE_MARKS)
    if len(text) > SUMMARY_CHARS:
        text = text[: SUMMARY_CHARS - 1] + "…"
    cue = f"{e['cue']}: " if e.get("cue") else ""
    more = f" (+{total - 1} more)" if total > 1 else ""
    return f"{cue}“{text}”{more}"


def article_numbers(view: GraphView) -> dict[str, int]:
    """Articles by number: the page lists an entity's articles as numbers, not ids (a person
    named in thousands of articles would otherwise carry thousands of ids)."""
    return {doc: i for i, doc in enumerate(sorted(view.articles))}


def view_columns(view: GraphView, pos: dict[str, tuple[float, float]]
                 ) -> tuple[dict[str, list], dict[str, list], dict[str, list]]:
    """Columns for the page: what the canvas and the tooltips need (nodes, links), and the details
    the panel, the search and the article filter read.

    Nodes are in rank order, links by their ends' ranks (``s``/``t`` are node indices); ``details``
    lists follow the same orders. Every value is plain data (JSON), never HTML; positions are
    rounded to 4 decimals (a page is about 50 units across).
    """
    ranked = view.ranked()
    index = {n.id: i for i, n in enumerate(ranked)}
    article = article_numbers(view)
    number_of, known = article.__getitem__, article.keys()  # C-level lookups: an entity may be in thousands
    nodes: dict[str, list] = defaultdict(list)
    details: dict[str, list] = defaultdict(list)
    numbered: dict[int, int] = {}  # an item on a node and on its links is written once, by number
    keep = page_keep(len(ranked), len(view.links))

    def refs(items: list[dict[str, Any]]) -> list[int]:
        out = []
        for item in items[:keep]:
            number = numbered.get(id(item))
            if number is None:
                number = numbered[id(item)] = len(details["items"])
                details["items"].append(item)
            out.append(number)
        return out

    pos = {n.id: (round(pos[n.id][0], 4), round(pos[n.id][1], 4)) for n in ranked}
    for n in ranked:
        x, y = pos[n.id]
        statements = [e for e in n.evidence if e["rel"] in ("SAID", "FOUND")]
        nodes["x"].append(x)
        nodes["y"].append(y)
        nodes["name"].append(n.name)
        nodes["label"].append(n.label)
        nodes["color"].append(NODE_COLORS.get(n.label, OTHER_RELATION_COLOR))
        nodes["size"].append(node_size(n))
        nodes["mentions"].append(n.mentions)
        nodes["rank"].append(n.rank)
        nodes["n_statements"].append(n.statements)
        nodes["summary"].append(_summary(statements, n.statements))
        details["node_docs"].append(sorted(map(number_of, n.docs & known)))
        details["node_find"].append("\n".join(sorted({n.name.lower(), *(a.lower() for a in n.aliases)})))
        details["node_aliases"].append(", ".join(a for a in n.aliases if a != n.name))
        details["node_evidence"].append(refs(n.evidence))
    links: dict[str, list] = defaultdict(list)
    for link in sorted(view.links, key=lambda k: (index[k.source], index[k.target], k.relation, k.how)):
        (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
        links["x0"].append(x0)
        links["y0"].append(y0)
        links["x1"].append(x1)
        links["y1"].append(y1)
        links["xm"].append(round((x0 + x1) / 2, 4))
        links["ym"].append(round((y0 + y1) / 2, 4))
        links["xa"].append(round(x0 + 0.72 * (x1 - x0), 4))
        links["ya"].append(round(y0 + 0.72 * (y1 - y0), 4))
        links["s"].append(index[link.source])
        links["t"].append(index[link.target])
        links["relation"].append(link.relation)
        links["rel_label"].append(link.label)
        links["color"].append(RELATION_COLORS.get(link.relation, OTHER_RELATION_COLOR))
        links["width"].append(round(1.2 + math.log2(link.count), 2))
        links["n"].append(link.count)
        links["summary"].append(_summary(link.evidence, link.count))
        titles = {view.articles.get(d, d) for d in link.docs} - {""}
        first = min(titles) if titles else ""
        links["article"].append(first + (f" (+{len(titles) - 1})" if len(titles) > 1 else ""))
        details["link_docs"].append(sorted(map(number_of, link.docs & known)))
        details["link_evidence"].append(refs(link.evidence))
    return dict(nodes), dict(links), dict(details)


# -- one preparation for the page and the picture -------------------------------------------
def layout(view: GraphView, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions of the view's entities (see :mod:`kg.export.view_layout` for the rules)."""
    from kg.export.view_layout import layout as place

    return place([n.id for n in view.ranked()], ((lk.source, lk.target, lk.count) for lk in view.links),
                 seed=seed)


@dataclass
class PreparedView:
    """The page's entities laid out once; the picture shows the most connected of them in the same places."""

    page: GraphView
    pos: dict[str, tuple[float, float]]
    total: int  # entities in the whole graph

    def picture(self, count: int = PICTURE_MAX) -> GraphView:
        return self.page.top(count)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: the view builds hundreds of thousands of small acyclic
    records beside a graph of millions of objects, and each full collection would walk them all
    (1.5 s at 10,000 articles) to free nothing. Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def prepare_view(graph: KnowledgeGraph, *, most: int = PAGE_MAX) -> PreparedView:
    """Fold the graph, keep the ``most`` most connected entities and lay them out."""
    with gc_paused():
        page, total = top_view(graph, most)
        trim_to_page(page)
        return PreparedView(page=page, pos=layout(page), total=total)


def write_view(graph: KnowledgeGraph, *, html: Path | None = None, png: Path | None = None,
               svg: Path | None = None) -> None:
    """Write any of the page, the picture and the SVG from one fold and one layout."""
    prepared = prepare_view(graph)
    if html is not None:
        from kg.export.view_page import write_page

        write_page(prepared, html)
    for path, as_svg in ((png, False), (svg, True)):
        if path is not None:
            from kg.export.view_picture import write_picture

            write_picture(prepared, path, svg=as_svg)


def write_html(graph: KnowledgeGraph, path: Path, *, shown: int = DEFAULT_SHOWN, most: int = PAGE_MAX) -> None:
    """Write the interactive page: one self-contained file that opens offline, with the ``most``
    most connected entities (the header says how many there are in all)."""
    from kg.export.view_page import write_page

    write_page(prepare_view(graph, most=most), path, shown=shown)


def write_png(graph: KnowledgeGraph, path: Path, *, svg: bool = False) -> None:
    """Draw the most connected entities for a report (PNG, or SVG with ``svg=True``)."""
    from kg.export.view_picture import write_picture

    write_picture(prepare_view(graph), path, svg=svg)


def write_svg(graph: KnowledgeGraph, path: Path) -> None:
    """The static picture as SVG (scalable, for documents)."""
    write_png(graph, path, svg=True)


def build_page(view: GraphView, **options: Any) -> str:
    """The page for ``view`` as one HTML string (see :func:`kg.export.view_page.build_page`)."""
    from kg.export.view_page import build_page as build

    return build(view, **options)


def write_views(out_dir: Path | str, *, svg: bool = False) -> list[Path]:
    """Redraw graph.html and graph.png (and graph.svg) from OUTDIR/graph.json; returns the files written."""
    from kg.export.view_page import write_page
    from kg.export.view_picture import write_picture
    from kg.files import write_atomic
    from kg.graph import load_graph

    out = Path(out_dir)
    prepared = prepare_view(load_graph(out))
    writers: list[tuple[str, Any]] = [("graph.html", lambda p: write_page(prepared, p)),
                                      ("graph.png", lambda p: write_picture(prepared, p))]
    if svg:
        writers.append(("graph.svg", lambda p: write_picture(prepared, p, svg=True)))
    written = []
    for name, writer in writers:
        write_atomic(out / name, writer)
        written.append(out / name)
    return written
