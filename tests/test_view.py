"""The graph view: statements folded into evidence links, the offline page, the picture, `kg view`.

Browser tests open the page in real headless Chromium (Debian's package, see scripts/setup-browser)
with the network cut off, and read what the page reports about itself: ``data-kg-ready`` once
drawn, ``data-kg-errors`` for any script error, console error or CSP violation.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from chromium import DEEP_QUERY

from kg.cli import main
from kg.export.view import (
    NODE_COLORS,
    build_page,
    layout,
    node_size,
    to_view,
    view_columns,
    write_html,
    write_png,
    write_svg,
)
from kg.graph import KnowledgeGraph, to_node_link

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_QUOTE = "</script><script>document.title='pwned';document.documentElement.dataset.pwned='quote'</script>"
HOSTILE_NAME = "<img src=x onerror=\"document.title='pwned';document.documentElement.dataset.pwned='name'\">"


# -- graphs built by hand, in the shape kg.graph writes ---------------------------------------
def _entity(g: nx.MultiDiGraph, node_id: str, label: str, name: str, mentions: int = 1,
            aliases: tuple[str, ...] = (), doc: str = "a1") -> None:
    g.add_node(node_id, label=label, name=name, aliases=sorted({name, *aliases}), mentions=mentions)
    g.add_edge(node_id, f"article:{doc}", key=f"MENTIONED_IN:{doc}", type="MENTIONED_IN", count=mentions, doc=doc)


def _statement(g: nx.MultiDiGraph, rel: str, who: str, text: str, *, doc: str = "a1", start: int = 0,
               cue: str = "said", to: str | None = None, in_report: str | None = None) -> str:
    label = "Quote" if rel == "SAID" else "Finding"
    node = f"{label.lower()}:{doc}:{start}"
    g.add_node(node, label=label, text=text, doc=doc, start=start, end=start + len(text))
    g.add_edge(who, node, key=f"t:{node}", type=rel, doc=doc, cue=cue, mode="indirect")
    g.add_edge(node, f"article:{doc}", key="IN_ARTICLE", type="IN_ARTICLE")
    if to:
        g.add_edge(node, to, key="ADDRESSED_TO", type="ADDRESSED_TO")
    if in_report:
        g.add_edge(node, in_report, key="IN_REPORT", type="IN_REPORT")
    return node


def small_graph() -> KnowledgeGraph:
    """Two articles: a quotation to someone, one citing a report, a finding, a role, an author."""
    g = nx.MultiDiGraph()
    for doc, title in (("a1", "Border policy report"), ("a2", "Second story")):
        g.add_node(f"article:{doc}", label="Article", name=title, doc=doc, url="", date="")
    _entity(g, "person:jeff-sessions", "Person", "Jeff Sessions", 3, ("Sessions",))
    _entity(g, "person:donald-trump", "Person", "Donald Trump", 5, ("Trump",))
    _entity(g, "group:prosecutors", "Group", "prosecutors", 2)
    _entity(g, "report:ig-report", "Report", "inspector general report", 2)
    _entity(g, "organization:doj", "Organization", "Justice Department", 2)
    _entity(g, "person:michael-horowitz", "Person", "Michael Horowitz", 1, doc="a2")
    g.add_node("role:attorney-general", label="Role", name="Attorney General")
    g.add_edge("person:jeff-sessions", "role:attorney-general", key="t:r1", type="HOLDS_ROLE", doc="a1",
               qualifier="former", text="Attorney General")
    _statement(g, "SAID", "person:jeff-sessions", "Trump wanted the children taken away", start=10,
               cue="told", to="group:prosecutors")
    _statement(g, "SAID", "person:jeff-sessions", "the policy came from the top", start=90,
               in_report="report:ig-report")
    _statement(g, "FOUND", "report:ig-report", "Sessions pushed the policy hard", start=200, cue="found")
    g.add_edge("report:ig-report", "organization:doj", key="AUTHORED_BY", type="AUTHORED_BY")
    return KnowledgeGraph(g)


def hostile_graph() -> KnowledgeGraph:
    """Names, a quotation and an article title that would run script if any of them reached HTML raw."""
    g = nx.MultiDiGraph()
    g.add_node("article:x", label="Article", name="<script>document.title='pwned'</script>", doc="x", url="", date="")
    _entity(g, "person:evil", "Person", HOSTILE_NAME, 9, doc="x")
    _entity(g, "person:target", "Person", "<b onmouseover=alert(1)>Target</b>", 2, doc="x")
    _statement(g, "SAID", "person:evil", HOSTILE_QUOTE + " <b onmouseover=alert(1)>Target</b>", doc="x",
               to="person:target")
    _statement(g, "SAID", "person:evil", "$$x^2$$ and {{ jinja }} and @{name}{safe}", doc="x", start=300)
    return KnowledgeGraph(g)


# -- graph -> view ----------------------------------------------------------------------------
def test_statements_become_evidence_on_links_between_entities():
    view = to_view(small_graph())
    assert {n.label for n in view.nodes.values()} <= set(NODE_COLORS)  # no Quote, Finding or Article nodes
    links = {(lk.source, lk.label, lk.target): lk for lk in view.links}
    told = links[("person:jeff-sessions", "said to", "group:prosecutors")]
    assert told.evidence[0]["text"] == "Trump wanted the children taken away"
    assert told.evidence[0]["cue"] == "told" and told.evidence[0]["title"] == "Border policy report"
    assert ("person:jeff-sessions", "said about", "person:donald-trump") in links  # "Trump" is an alias
    assert ("person:jeff-sessions", "said, citing", "report:ig-report") in links
    assert ("report:ig-report", "found about", "person:jeff-sessions") in links
    assert ("person:jeff-sessions", "holds role", "role:attorney-general") in links
    assert ("report:ig-report", "authored by", "organization:doj") in links
    assert links[("person:jeff-sessions", "holds role", "role:attorney-general")].evidence[0]["qualifier"] == "former"


def test_speaker_keeps_every_statement_and_the_articles_it_is_in():
    view = to_view(small_graph())
    sessions = view.nodes["person:jeff-sessions"]
    said = [e["text"] for e in sessions.evidence if e["rel"] == "SAID"]
    assert said == ["Trump wanted the children taken away", "the policy came from the top"]
    assert view.nodes["person:michael-horowitz"].docs == {"a2"}
    assert view.articles == {"a1": "Border policy report", "a2": "Second story"}


def test_rank_puts_the_most_connected_first_and_isolated_last():
    ranked = to_view(small_graph()).ranked()
    assert ranked[0].id == "person:jeff-sessions"
    assert ranked[-1].id == "person:michael-horowitz"
    assert [n.rank for n in ranked] == list(range(len(ranked)))


def test_alias_match_is_whole_word_only():
    kg = small_graph()
    _entity(kg.graph, "place:us", "Place", "US", 1)
    _statement(kg.graph, "SAID", "person:donald-trump", "Business is USUAL, trumpets sound", start=400)
    targets = {lk.target for lk in to_view(kg).links if lk.source == "person:donald-trump"}
    assert "place:us" not in targets and "person:donald-trump" not in targets


def test_layout_places_every_node_apart_and_columns_line_up():
    view = to_view(small_graph())
    pos = layout(view)
    assert set(pos) == set(view.nodes)
    assert len({(round(x, 3), round(y, 3)) for x, y in pos.values()}) == len(pos)
    nodes, links, details = view_columns(view, pos)
    assert len({len(v) for v in nodes.values()}) == 1 and len(nodes["name"]) == len(view.nodes)
    assert len({len(v) for v in links.values()}) == 1 and len(links["relation"]) == len(view.links)
    ends = {(view.nodes[lk.source].name, view.nodes[lk.target].name, lk.label) for lk in view.links}
    assert {(nodes["name"][s], nodes["name"][t], label)
            for s, t, label in zip(links["s"], links["t"], links["rel_label"], strict=True)} == ends
    assert [len(details[k]) for k in ("node_docs", "node_find", "node_evidence")] == [len(view.nodes)] * 3
    assert [len(details[k]) for k in ("link_docs", "link_evidence")] == [len(view.links)] * 2
    for i, name in enumerate(nodes["name"]):  # the panel's details follow the nodes' order
        assert name.lower() in details["node_find"][i]
        said = [details["items"][k] for k in details["node_evidence"][i]]
        assert all(e["who"] == name for e in said if e["rel"] == "SAID")
    assert len(details["items"]) == len({id(e) for n in view.nodes.values() for e in n.evidence}
                                         | {id(e) for lk in view.links for e in lk.evidence})  # each once
    json.dumps(details)  # one JSON document in the page


def test_node_size_grows_with_mentions_and_is_capped():
    view = to_view(small_graph())
    one, five = view.nodes["person:michael-horowitz"], view.nodes["person:donald-trump"]
    assert node_size(one) < node_size(five) <= 44


def test_empty_graph_still_makes_a_page_and_a_picture(tmp_path):
    write_html(KnowledgeGraph(), tmp_path / "g.html")
    write_png(KnowledgeGraph(), tmp_path / "g.png")
    assert (tmp_path / "g.html").stat().st_size > 0 and (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


# -- the page as text ---------------------------------------------------------------------------
class _Tags(HTMLParser):
    """Every tag's attributes; script bodies are raw text to this parser, so code strings don't count."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_page_needs_no_network():
    page = build_page(to_view(small_graph()))
    tags = _parse(page).tags
    for tag, attrs in tags:
        for key in ("src", "href", "data", "action", "srcset"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, key, value)
    assert not [t for t, _ in tags if t in ("link", "iframe", "img", "object", "embed")]
    assert sum(1 for t, a in tags if t == "script" and "src" not in a) >= 2  # the page's script, and the data
    assert "connect-src 'none'" in page


def test_hostile_text_never_reaches_the_page_as_markup():
    page = build_page(to_view(hostile_graph()))
    parsed = _parse(page)
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert all("src" not in a for a in scripts)
    assert not [t for t, _ in parsed.tags if t in ("img", "b")]  # the names did not become elements
    assert "</script><script>document.title" not in page
    assert parsed.title == "kg: knowledge graph"


# -- the picture and the command ---------------------------------------------------------------
def test_page_of_a_large_graph_holds_the_most_connected_entities(tmp_path):
    graph = synthetic_graph(entities=300, articles=40)
    write_html(graph, tmp_path / "g.html", most=50)
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "the <strong>50</strong> most connected of 300 entities" in page
    top = to_view(graph).ranked()
    assert top[0].name in page and top[-1].id not in page


def reached_from_afar() -> KnowledgeGraph:
    """The panel graph (MENTIONS edges) plus minor speakers in a third article who address and
    mention the most connected entities; and a role fact said twice."""
    kg = panel_graph()
    g = kg.graph
    g.add_node("article:a3", label="Article", name="Third story", doc="a3", url="", date="")
    _entity(g, "person:ann-minor", "Person", "Ann Minor", 1, doc="a3")
    _entity(g, "person:bo-minor", "Person", "Bo Minor", 1, doc="a3")
    _statement(g, "SAID", "person:ann-minor", "the Attorney General is wrong", doc="a3", start=5,
               to="person:jeff-sessions")
    quote = _statement(g, "SAID", "person:bo-minor", "Trump knew", doc="a3", start=60)
    g.add_edge(quote, "person:donald-trump", key="MENTIONS:person:donald-trump", type="MENTIONS")
    for key in ("t:r2", "t:r3"):  # one fact named twice in one article is listed (and counted) once
        g.add_edge("person:michael-horowitz", "role:attorney-general", key=key, type="HOLDS_ROLE", doc="a2",
                   text="AG")
    return kg


def roles_before_words() -> KnowledgeGraph:
    """The small graph plus a person whose first facts are roles and whose one statement comes after them."""
    kg = small_graph()
    g = kg.graph
    _entity(g, "person:rita-roles", "Person", "Rita Roles", 2, doc="a2")
    for n, role in enumerate(("Mayor", "Treasurer", "Chair", "Dean")):
        g.add_node(f"role:r{n}", label="Role", name=role)
        g.add_edge("person:rita-roles", f"role:r{n}", key=f"t:rr{n}", type="HOLDS_ROLE", doc="a2", text=role)
    _statement(g, "SAID", "person:rita-roles", "the budget is late", doc="a2", start=500)
    return kg


@pytest.mark.parametrize("page_items", [20_000, 12])
@pytest.mark.parametrize("make", ["small_graph", "panel_graph", "reached_from_afar", "hostile_graph",
                                  "roles_before_words", "synthetic_graph"])
def test_the_page_of_the_most_connected_is_the_whole_fold_trimmed(make, page_items, monkeypatch):
    """A store's graph is counted, then folded for the entities kept, building no more evidence
    than the page shows: the page is exactly the one of the whole fold, trimmed."""
    from kg.export.view import top_view, trim_to_page
    from kg.export.view_page import page_data

    monkeypatch.setattr("kg.export.view.PAGE_ITEMS", page_items)  # 12: 3 items per node or link
    graph = synthetic_graph(entities=120, articles=15) if make == "synthetic_graph" else globals()[make]()
    total = len(to_view(graph).nodes)
    for most in range(1, total + 2):
        page, entities = top_view(graph, most, recount=True)
        whole = to_view(graph).top(most)
        pos = layout(whole)
        assert entities == total
        assert page_data(page, pos) == page_data(whole, pos)
        trim_to_page(page)
        assert page_data(page, pos) == page_data(whole, pos)
        trim_to_page(whole)
        assert page == whole


def test_an_entity_kept_gets_the_articles_of_statements_that_reach_it_from_entities_left_out():
    from kg.export.view import top_view

    page, _total = top_view(reached_from_afar(), 3, recount=True)
    assert {"person:jeff-sessions", "person:donald-trump"} <= set(page.nodes)
    assert "person:ann-minor" not in page.nodes and "person:bo-minor" not in page.nodes
    assert "a3" in page.nodes["person:jeff-sessions"].docs  # Ann Minor spoke to him there
    assert "a3" in page.nodes["person:donald-trump"].docs  # Bo Minor's quotation names him
    assert page.nodes["person:donald-trump"].docs == to_view(reached_from_afar()).nodes["person:donald-trump"].docs


def test_png_and_svg(tmp_path):
    kg = small_graph()
    write_png(kg, tmp_path / "g.png")
    write_svg(kg, tmp_path / "g.svg")
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Jeff Sessions" in svg  # names are text in the SVG, placed beside their node


def test_picture_of_hostile_names_is_plain_text(tmp_path):
    kg = hostile_graph()
    _entity(kg.graph, "organization:money", "Organization", "From $5 to $10 --> Fund", 4, doc="x")
    write_png(kg, tmp_path / "g.png")  # mathtext would choke on "$5 to $10"
    write_svg(kg, tmp_path / "g.svg")
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "<img" not in svg
    assert "From $5 to $10" in svg


def test_png_labels_do_not_overlap_each_other_or_other_nodes():
    from kg.export.view import prepare_view
    from kg.export.view_picture import picture_scene

    scene = picture_scene(prepare_view(small_graph()))
    boxes = [label.box for label in scene.labels]
    assert len(boxes) >= 5
    assert any("Jeff Sessions" in label.lines for label in scene.labels)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        assert 0 <= a[0] < a[2] <= scene.width and 0 <= a[1] < a[3] <= scene.height
    discs = [(x - r, y - r, x + r, y + r) for x, y, r, _ in scene.discs]
    for label in scene.labels:
        if not label.over_discs:  # only the main entities may be named over another disc
            hits = [d for d in discs if label.box[0] < d[2] and d[0] < label.box[2] and label.box[1] < d[3]
                    and d[1] < label.box[3]]
            assert len(hits) <= 1, label  # at most its own node's disc edge


def test_png_is_drawn_where_the_scene_puts_nodes(tmp_path):
    from PIL import Image

    from kg.export.view import prepare_view
    from kg.export.view_picture import picture_scene

    write_png(small_graph(), tmp_path / "g.png")
    image = Image.open(tmp_path / "g.png").convert("RGB")
    scene = picture_scene(prepare_view(small_graph()))
    assert image.size == (scene.width, scene.height)
    for x, y, _r, colour in scene.discs:
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert sum(abs(a - b) for a, b in zip(image.getpixel((round(x), round(y))), rgb, strict=True)) < 30


def test_kg_view_redraws_from_graph_json(tmp_path, capsys):
    (tmp_path / "graph.json").write_text(json.dumps(to_node_link(small_graph())), encoding="utf-8")
    assert main(["view", str(tmp_path), "--svg"]) == 0
    for name in ("graph.html", "graph.png", "graph.svg"):
        assert (tmp_path / name).stat().st_size > 0, name
    assert "files written" in capsys.readouterr().err


def test_kg_view_without_graph_is_an_error(tmp_path, capsys):
    assert main(["view", str(tmp_path)]) == 1
    assert "no graph.json" in capsys.readouterr().err


# -- real headless Chromium ---------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.skip("headless Chromium not installed (/usr/bin/chromium): run scripts/setup-browser")
    return CHROMIUM


def run_browser(chromium: str, page: Path, tmp: Path, *, screenshot: Path | None = None) -> tuple[str, str]:
    """Load a file with the network cut off; return the DOM after scripts ran (or write a screenshot)."""
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>", "--enable-logging=stderr", "--v=0", "--window-size=1500,950",
            "--virtual-time-budget=30000"]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    done = subprocess.run([*args, page.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    return done.stdout, done.stderr


def _html_attrs(dom: str) -> dict[str, str | None]:
    return next(a for t, a in _parse(dom).tags if t == "html")


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def _check_page_in_browser(chromium: str, page: Path, tmp: Path) -> dict[str, str | None]:
    dom, stderr = run_browser(chromium, page, tmp)
    attrs = _html_attrs(dom)
    assert attrs.get("data-kg-ready") == "1", stderr[-2000:]
    assert attrs.get("data-kg-errors") is None, attrs.get("data-kg-errors")
    assert _console_errors(stderr) == []
    return attrs


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, seed_result) -> Path:
    kg = KnowledgeGraph()
    kg.add(seed_result)
    out = tmp_path_factory.mktemp("seed-view")
    write_html(kg, out / "graph.html")
    write_png(kg, out / "graph.png")
    return out / "graph.html"


@pytest.mark.browser
@pytest.mark.model
def test_seed_page_renders_nodes_offline_without_errors(chromium, seed_page, tmp_path):
    from PIL import Image

    attrs = _check_page_in_browser(chromium, seed_page, tmp_path)
    assert int(attrs["data-kg-nodes"] or 0) >= 10 and int(attrs["data-kg-links"] or 0) >= 10
    shot = seed_page.with_name("graph-screenshot.png")
    run_browser(chromium, seed_page, tmp_path, screenshot=shot)
    import numpy as np

    image = np.asarray(Image.open(shot).convert("RGB"), dtype=np.int16)
    plot = image[40:, 330:-120]  # right of the controls, left of the legend
    counts = {}
    for name, colour in NODE_COLORS.items():
        rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
        counts[name] = int((np.abs(plot - rgb).sum(-1) < 30).sum())
    assert sum(counts.values()) > 2000, counts  # filled node discs, not a blank canvas
    assert sum(1 for v in counts.values() if v > 50) >= 4, counts  # several node types drawn


@pytest.mark.browser
def test_script_in_a_quotation_or_name_does_not_run(chromium, tmp_path):
    page = tmp_path / "hostile.html"
    write_html(hostile_graph(), page)
    dom, stderr = run_browser(chromium, page, tmp_path)
    attrs = _html_attrs(dom)
    assert attrs.get("data-kg-ready") == "1", stderr[-2000:]
    assert attrs.get("data-pwned") is None
    assert _parse(dom).title == "kg: knowledge graph"
    assert attrs.get("data-kg-errors") is None, attrs.get("data-kg-errors")


# -- driving the page: hover, click, type, filter (DevTools protocol) -------------------------
def _biggest_disc(png: bytes, colour: str, *, left: int = 330, right: int = 160) -> tuple[int, int]:
    """Page pixel at the centre of the largest disc of one node colour, found in a screenshot."""
    import io

    import numpy as np
    from PIL import Image

    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    mask = (np.abs(image - rgb).sum(-1) < 30).astype(np.int32)
    mask[:, :left] = 0
    mask[:, image.shape[1] - right:] = 0
    assert mask.sum() > 0, "no node of that colour on screen"
    w = 7  # count of matching pixels in a (2w+1)² window, from an integral image
    s = np.pad(mask, ((w + 1, w), (w + 1, w))).cumsum(0).cumsum(1)
    a, b = 2 * w + 1, -2 * w - 1
    win = s[a:, a:] - s[:b, a:] - s[a:, :b] + s[:b, :b]
    y, x = np.unravel_index(int(np.argmax(win)), win.shape)
    return int(x), int(y)


_TEXT_OF = DEEP_QUERY + """
(() => deep("%s").map((e) => ({text: e.textContent, tags: [...e.querySelectorAll("script, img, b[onmouseover]")]
  .map((t) => t.tagName)})))()
"""


@pytest.fixture
def browser(chromium, tmp_path):
    from chromium import Browser

    with Browser(tmp_path / "profile", chromium=chromium) as b:
        yield b


@pytest.mark.browser
def test_hover_and_click_show_hostile_text_as_text(browser, tmp_path):
    page = tmp_path / "hostile.html"
    write_html(hostile_graph(), page)
    browser.open(page)
    x, y = _biggest_disc(browser.screenshot(), NODE_COLORS["Person"])
    browser.mouse("move", x, y)
    browser.wait(0.4)
    tips = browser.eval(_TEXT_OF % ".kg-tip")
    assert tips and HOSTILE_NAME in tips[0]["text"] and HOSTILE_QUOTE in tips[0]["text"], tips
    assert tips[0]["tags"] == []
    browser.mouse("click", x, y)
    browser.wait(0.4)
    panels = browser.eval(_TEXT_OF % ".kg-ev")
    assert panels and HOSTILE_QUOTE in panels[0]["text"] and "$$x^2$$" in panels[0]["text"], panels
    assert panels[0]["tags"] == []
    assert browser.eval("document.title") == "kg: knowledge graph"
    assert browser.eval("document.documentElement.dataset.pwned") is None
    assert browser.errors() == [] and browser.requests() == []


@pytest.mark.browser
def test_search_show_all_and_filters_in_the_page(browser, tmp_path):
    page = tmp_path / "small.html"
    write_html(small_graph(), page, shown=3)  # only the three most connected at first
    browser.open(page)
    state = "(() => { const d = document.documentElement.dataset; return [+d.kgNodes, +d.kgLinks, +d.kgMatches]; })()"

    def act(script: str) -> list[int]:
        browser.eval(DEEP_QUERY + "(() => {" + script + "})()")
        browser.frames()
        return browser.eval(state)

    nodes, links, _ = browser.eval(state)
    assert nodes == 3
    assert act('const i = deep("input[type=text]")[0]; i.value = "horowitz";'
               'i.dispatchEvent(new Event("input", {bubbles: true}));') == [4, links, 1]  # a match is always shown
    act('const i = deep("input[type=text]")[0]; i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true}));')
    all_nodes, all_links, _ = act('deep("button").find((b) => b.textContent.includes("Show all")).click();')
    assert all_nodes == len(to_view(small_graph()).nodes) and all_links == len(to_view(small_graph()).links)
    no_roles = act('deep("input[type=checkbox]")[2].click();')  # HOLDS_ROLE off
    assert no_roles[:2] == [all_nodes, all_links - 1]
    act('deep("input[type=checkbox]")[2].click();')
    one_article = act('const s = deep("select")[0]; s.value = "Second story"; s.dispatchEvent(new Event("change"));')
    assert one_article[:2] == [1, 0]
    assert browser.errors() == [] and browser.requests() == []


def panel_graph() -> KnowledgeGraph:
    """The small graph with what the statement panel shows: links, sentences, kinds, confidences, MENTIONS."""
    kg = small_graph()
    g = kg.graph
    g.nodes["article:a1"]["url"] = "https://example.org/border-policy"
    g.nodes["article:a2"]["url"] = "javascript:document.documentElement.dataset.pwned='url'"
    quote = _statement(g, "SAID", "person:jeff-sessions", "we will win this", doc="a2", start=40)
    for _u, node, data in g.out_edges("person:jeff-sessions", data=True):
        if data.get("type") == "SAID":
            text = g.nodes[node]["text"]
            data.update(sentence=f"In March, he said {text} at the border.", kind="direct_quote", confidence=0.85)
    g.add_edge(quote, "person:donald-trump", key="MENTIONS:person:donald-trump", type="MENTIONS")
    return kg


def test_evidence_carries_what_the_panel_shows():
    view = to_view(panel_graph())
    said = {e["text"]: e for e in view.nodes["person:jeff-sessions"].evidence if e["rel"] == "SAID"}
    win = said["we will win this"]
    assert win["sentence"] == "In March, he said we will win this at the border."
    assert win["kind"] == "direct_quote" and win["confidence"] == 0.85
    assert win["about"] == ["Donald Trump"]  # from the MENTIONS edge
    assert said["Trump wanted the children taken away"]["url"] == "https://example.org/border-policy"
    # with MENTIONS edges in the graph they, not alias matching, say whom a statement is about
    links = {(lk.source, lk.label, lk.target) for lk in view.links}
    assert ("person:jeff-sessions", "said about", "person:donald-trump") in links
    assert said["Trump wanted the children taken away"]["about"] == []


@pytest.mark.browser
def test_statement_panel_shows_article_link_sentence_kind_confidence_and_mentions(browser, tmp_path):
    page = tmp_path / "panel.html"
    write_html(panel_graph(), page)
    browser.open(page)  # the most connected entity, Jeff Sessions, is in the panel when the page opens
    panel = browser.eval(DEEP_QUERY + """(() => deep(".kg-ev").map((e) => ({text: e.textContent,
      links: [...e.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")])})))()""")
    assert panel, "no panel"
    text = panel[0]["text"]
    assert "Jeff Sessions" in text and "In March, he said we will win this at the border." in text
    assert "direct quote" in text and "confidence 0.85" in text and "about Donald Trump" in text
    assert "Second story" in text and "Border policy report" in text
    assert panel[0]["links"] and all(link == ["Border policy report", "https://example.org/border-policy"]
                                     for link in panel[0]["links"])  # the javascript: url stayed text
    assert browser.eval("document.documentElement.dataset.pwned") is None
    assert browser.errors() == [] and browser.requests() == []


@pytest.mark.browser
@pytest.mark.model
def test_seed_page_hover_shows_evidence(browser, seed_page):
    browser.open(seed_page)
    x, y = _biggest_disc(browser.screenshot(), NODE_COLORS["Person"])  # the biggest person: Donald Trump
    browser.mouse("move", x, y)
    browser.wait(0.4)
    tips = browser.eval(_TEXT_OF % ".kg-tip")
    assert tips and "Donald Trump" in tips[0]["text"] and "statements" in tips[0]["text"], tips
    assert browser.errors() == [] and browser.requests() == []


# -- a large graph: the page stays usable at 2,000 entities -------------------------------------
def synthetic_graph(entities: int = 2000, *, articles: int = 200, seed: int = 1) -> KnowledgeGraph:
    """A news-shaped graph: a few entities in many articles and statements, most in one or two."""
    import random

    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for a in range(articles):
        g.add_node(f"article:a{a}", label="Article", name=f"Article {a}", doc=f"a{a}", url="", date="")
    kinds = ["Person"] * 50 + ["Organization"] * 18 + ["Group"] * 12 + ["Place"] * 8 + ["Report"] * 4 + ["Role"] * 8
    weights = [1 / (i + 1) ** 0.9 for i in range(entities)]  # Zipf-like: who is in the news
    ids, names = [], []
    for i in range(entities):
        label = rng.choice(kinds)
        ids.append(f"{label.lower()}:e{i}")
        names.append(f"{label} {i} {rng.choice(['Smith', 'Lee', 'Garcia', 'Khan', 'Novak'])}")
        if label == "Role":
            g.add_node(ids[i], label="Role", name=names[i])
        else:
            for doc in rng.sample(range(articles), k=min(articles, 1 + int(weights[i] * 40))):
                _entity(g, ids[i], label, names[i], 1 + int(weights[i] * 30), doc=f"a{doc}")
    speakers = [i for i in range(entities) if ids[i].startswith(("person", "organization", "group"))]
    persons = [i for i in speakers if ids[i].startswith("person")]
    roles = [i for i in range(entities) if ids[i].startswith("role")]
    reports = [i for i in range(entities) if ids[i].startswith("report")]
    for n in range(3000):
        who = rng.choices(speakers, weights=[weights[i] for i in speakers])[0]
        doc = f"a{rng.randrange(articles)}"
        if not any(True for _, t, d in g.out_edges(ids[who], data=True) if d.get("doc") == doc):
            _entity(g, ids[who], ids[who].split(":")[0].capitalize(), names[who], 1, doc=doc)
        other = rng.choices(range(entities), weights=weights)[0]
        if not ids[other].startswith("role"):
            _entity(g, ids[other], g.nodes[ids[other]]["label"], names[other], 1, doc=doc)
        text = f"statement {n} about {names[other]} with <b>markup</b> & quotes \" ' that stays text"
        to = ids[rng.choice(speakers)] if rng.random() < 0.2 else None
        if to is not None and g.nodes[to].get("label") is None:
            to = None
        _statement(g, "SAID", ids[who], text, doc=doc, start=n * 100, to=to)
    for n, i in enumerate(persons[:600]):
        role = rng.choices(roles, weights=[weights[r] for r in roles])[0]
        g.add_edge(ids[i], ids[role], key=f"t:role{n}", type="HOLDS_ROLE", doc="a0", text=names[role])
    for n in range(200):
        report = rng.choice(reports)
        about = rng.choices(range(entities), weights=weights)[0]
        _statement(g, "FOUND", ids[report], f"finding {n} on {names[about]}", doc="a1", start=10**7 + n * 100,
                   cue="found")
    return KnowledgeGraph(g)


@pytest.mark.browser
@pytest.mark.slow
def test_page_of_2000_entities_loads_and_shows_all(browser, tmp_path):
    kg = synthetic_graph(2000)
    page = tmp_path / "big.html"
    write_html(kg, page)
    seconds = browser.open(page, timeout=120)
    assert seconds < 30
    shown = browser.eval("+document.documentElement.dataset.kgNodes")
    assert shown == 300  # the most connected first
    browser.eval(DEEP_QUERY + '(() => deep("button").find((b) => b.textContent.includes("Show all")).click())()')
    browser.frames()
    assert browser.eval("+document.documentElement.dataset.kgNodes") == len(to_view(kg).nodes)
    assert browser.errors() == [] and browser.requests() == []
