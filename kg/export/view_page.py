"""The interactive page: one self-contained HTML file (bokeh, all JavaScript inline) that works offline.

Drawing in bulk: one glyph renderer per kind of mark (links, arrowheads, relation names, nodes,
names, link hit areas), each fed by one data source whose numbers travel as binary arrays. What
only the panel, the search and the article filter read (evidence, aliases, article numbers)
travels as one JSON document, parsed once in the browser, instead of thousands of small values
bokeh would encode one by one. Everything shown as HTML goes through ``esc()``: names,
quotations, titles and links are never trusted.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

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
    layout,
    view_columns,
)

# Everything shown as HTML goes through esc(); names and quotations are never trusted.
_JS_HELPERS = r"""
const D = window.__kg_details || (window.__kg_details = JSON.parse(details.data.json[0]));
const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
  (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const bare = (s) => String(s == null ? "" : s).replace(/^["“”‘’']+|["“”‘’']+$/g, "");
const item_html = (e) => {
  const who = "<b>" + esc(e.who) + "</b>";
  const qual = e.qualifier ? " (" + esc(e.qualifier) + ")" : "";
  let body, more = "";
  if (e.rel === "SAID" || e.rel === "FOUND") {
    const cue = e.cue ? " <i>" + esc(e.cue) + "</i>" : (e.rel === "FOUND" ? " <i>found</i>" : " <i>said</i>");
    const to = e.addressee ? " to " + esc(e.addressee) : "";
    const via = e.in_report ? " (citing " + esc(e.in_report) + ")" : "";
    body = who + cue + to + via + ": “" + esc(bare(e.text)) + "”";
    if (e.sentence && bare(e.sentence).trim() !== bare(e.text).trim()) {
      more += "<div class='kg-sent'>" + esc(e.sentence) + "</div>";
    }
    if (e.about && e.about.length) more += "<div class='kg-about'>about " + e.about.map(esc).join(", ") + "</div>";
  } else if (e.rel === "HOLDS_ROLE") {
    body = who + " holds role <b>" + esc(e.text) + "</b>" + qual;
  } else {
    body = who + " " + esc(String(e.rel).toLowerCase().replace(/_/g, " ")) + " <b>" + esc(e.text) + "</b>";
  }
  const meta = [];
  if (e.kind) meta.push(esc(String(e.kind).replace(/_/g, " ")));
  if (e.mode && e.rel === "SAID") meta.push(esc(e.mode));
  if (typeof e.confidence === "number") meta.push("confidence " + esc(e.confidence.toFixed(2)));
  if (meta.length) more += "<div class='kg-meta'>" + meta.join(" · ") + "</div>";
  // only web links become links: a "javascript:" url from a hostile source stays text
  const title = esc(e.title || e.url || "");
  const link = /^https?:\/\//i.test(String(e.url || ""))
    ? "<a href='" + esc(e.url) + "' target='_blank' rel='noopener noreferrer'>" + title + "</a>" : title;
  const art = link ? "<div class='kg-art'>" + link + "</div>" : "";
  return "<li>" + body + more + art + "</li>";
};
const show_evidence = (heading, refs, total) => {
  const items = (Array.isArray(refs) ? refs : []).map((i) => D.items[i]);
  const list = items.length ? "<ul>" + items.map(item_html).join("") + "</ul>" : "<p>no statements</p>";
  const more = total > items.length ? "<p class='kg-art'>the first " + items.length + " of " + total + "</p>" : "";
  panel.text = "<div class='kg-ev'><h3>" + heading + "</h3>" + list + more + "</div>";
};
const node_evidence = (i) => {
  const d = nodes.data;
  const aka = D.node_aliases[i] ? "<div class='kg-art'>also: " + esc(D.node_aliases[i]) + "</div>" : "";
  show_evidence(esc(d.name[i]) + " <small>" + esc(d.label[i]) + "</small>" + aka, D.node_evidence[i],
                Number(d.n_statements[i]));
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
  const in_art = art === "" || D.node_docs[i].includes(art_n);
  const hit = q.length > 0 && D.node_find[i].includes(q);
  if (hit && in_art) hits.push(i);
  show[i] = in_art && (nd.rank[i] < k || hit);
  if (show[i]) shown++;
}
const eshow = new Array(m);
let links = 0;
for (let j = 0; j < m; j++) {
  eshow[j] = rels.has(ed.relation[j]) && show[ed.s[j]] && show[ed.t[j]]
    && (art === "" || D.link_docs[j].includes(art_n));
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
const drawn = () => {
  if (root.hasAttribute("data-kg-ready")) return;
  root.setAttribute("data-kg-ms", String(Math.round(performance.now())));  // navigation start to drawn
  root.setAttribute("data-kg-ready", "1");
};
requestAnimationFrame(() => requestAnimationFrame(drawn));
// a headless browser on virtual time (--dump-dom) may run no animation frame before it dumps
setTimeout(drawn, 2000);
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
                D.link_evidence[i], Number(d.n[i]));
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
.kg-sent { color: #444; font-size: 12px; margin-top: 2px; border-left: 2px solid #ddd; padding-left: 4px; }
.kg-meta { color: #777; font-size: 11px; }
.kg-about { color: #555; font-size: 11px; }
.kg-status { font: 12px sans-serif; color: #444; }
.kg-legend { font: 11px/1.6 sans-serif; color: #444; }
</style>
"""

_TIP = ("<div style='max-width:360px;white-space:normal;font:12px/1.35 sans-serif'>"
        "<div style='font-weight:600'>{head}</div><div>{body}</div></div>")

# bokeh puts "{% extends base %}" in front of a template given as a string
_TEMPLATE = """{% block preamble %}""" + _PREAMBLE + """{% endblock %}
"""


def _legend_html() -> str:
    """Colour keys for entity types and relations (constants of ours: no untrusted text)."""
    dot = "<span style='display:inline-block;width:10px;height:10px;border-radius:5px;background:{c}'></span> {k}"
    bar = "<span style='display:inline-block;width:14px;height:3px;vertical-align:middle;background:{c}'></span> {k}"
    keys = [dot.format(c=c, k=k) for k, c in NODE_COLORS.items()]
    keys += [bar.format(c=c, k=k.replace("_", " ").lower()) for k, c in RELATION_COLORS.items()]
    return "<div class='kg-legend'>" + " &nbsp;".join(keys) + "</div>"


NUMBERS = {"x", "y", "size", "mentions", "rank", "n_statements", "x0", "y0", "x1", "y1", "xm", "ym", "xa", "ya",
           "angle", "s", "t", "width", "n"}


def _binary(columns: dict[str, list]) -> dict[str, object]:
    """Numeric columns as numpy arrays: bokeh sends those as one binary buffer each, not value by value."""
    import numpy as np

    return {k: np.asarray(v, dtype=np.float64) if k in NUMBERS else v for k, v in columns.items()}


def build_page(view: GraphView, *, pos: dict[str, tuple[float, float]] | None = None,
               title: str = "kg: knowledge graph", shown: int = DEFAULT_SHOWN, total: int | None = None) -> str:
    """The whole page as one HTML string, bokeh's JavaScript and CSS inline; ``pos`` is the
    layout (computed when not given); ``total`` is the number of entities in the graph when
    ``view`` holds only the most connected of them."""
    import numpy as np
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
        Select,
        Slider,
        TapTool,
        TextInput,
    )
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    nodes_cols, links_cols, details_cols = view_columns(view, layout(view) if pos is None else pos)
    n, m = len(view.nodes), len(view.links)
    nodes = ColumnDataSource(_binary(nodes_cols) or {k: [] for k in ("x", "y", "name", "size", "color")})
    edges = ColumnDataSource(_binary(links_cols) or {k: [] for k in ("x0", "y0", "x1", "y1", "relation", "color")})
    # one string, referenced by every callback: bokeh encodes it once, the page parses it once
    details = ColumnDataSource({"json": [json.dumps(details_cols, ensure_ascii=False, separators=(",", ":"))]})
    shown = min(shown, n) if n else 0
    rank = np.asarray(nodes_cols.get("rank", []))
    node_filter = BooleanFilter(rank < shown)  # numpy booleans: one binary buffer each
    label_filter = BooleanFilter(rank < min(shown, LABELS_ALWAYS))
    edge_filter = BooleanFilter(np.ones(m, dtype=bool))
    edge_label_filter = BooleanFilter(np.full(m, m <= EDGE_LABELS_MAX))

    fig = figure(sizing_mode="stretch_both", min_height=500, match_aspect=True, x_axis_type=None, y_axis_type=None,
                 tools="pan,wheel_zoom,box_zoom,reset,save", active_scroll="wheel_zoom",
                 toolbar_location="above", output_backend="canvas")
    fig.x_range.range_padding = 0.25  # room for the names of the outermost nodes
    fig.y_range.range_padding = 0.1
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
                relations=relations, search=search, status=status, panel=panel, details=details)
    consts = f"const LABELS = {LABELS_ALWAYS}, EDGE_LABELS = {EDGE_LABELS_MAX};\n"
    apply = CustomJS(args=args, code=consts + _JS_HELPERS + _JS_APPLY)
    for widget, prop in ((search, "value_input"), (limit, "value"), (relations, "active"), (article, "value")):
        widget.js_on_change(prop, apply)
    show_all.js_on_click(CustomJS(args=dict(limit=limit, n=n), code="limit.value = n;"))
    nodes.selected.js_on_change("indices", CustomJS(args=args, code=_JS_HELPERS + _JS_TAP_NODE))
    edges.selected.js_on_change("indices", CustomJS(args=args, code=_JS_HELPERS + _JS_TAP_EDGE))

    legend = Div(text=_legend_html(), width=280)  # plain HTML: a bokeh Legend costs a renderer per entry
    controls = column(header, legend, search, limit, show_all, relations, article, status, panel, width=310)
    doc = Document()
    doc.add_root(row(controls, fig, sizing_mode="stretch_both"))
    doc.js_on_event(DocumentReady, CustomJS(args=args, code=consts + _JS_HELPERS + _JS_APPLY + _JS_READY))
    doc.title = title
    return file_html(doc, resources=INLINE, title=title, template=_TEMPLATE)


def write_page(prepared: PreparedView, path: Path, *, shown: int = DEFAULT_SHOWN) -> None:
    """Write the page of a prepared view (its layout shared with the picture)."""
    html = build_page(prepared.page, pos=prepared.pos, shown=shown, total=prepared.total)
    Path(path).write_text(html, encoding="utf-8")
