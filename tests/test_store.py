"""The merge on disk (kg/store.py): the same graph, file for file, as the in-memory merge, with
only entities in memory."""

from __future__ import annotations

import json

import pytest

from kg.export.graphml import write_graphml
from kg.export.rdf import write_turtle
from kg.export.view import prepare_view
from kg.graph import KnowledgeGraph, save_graph
from kg.model import (
    DocResult,
    Document,
    Entity,
    EntityRef,
    Evidence,
    OpenDescription,
    Span,
    Triple,
    TripleObject,
    entity_id,
)
from kg.store import GraphStore


def _ref(text: str, kind: str, name: str, at: int) -> EntityRef:
    return EntityRef(entity_id(kind, name), name, kind, Span.of(text, at, at + len(name)))


def _entity(text: str, kind: str, name: str) -> Entity:
    at = text.index(name)
    return Entity(entity_id(kind, name), kind, name, (name,), (Span.of(text, at, at + len(name)),))


def _said(doc: str, text: str, speaker: tuple[str, str], quote: str, *, mentions: tuple[tuple[str, str], ...] = (),
          addressee: tuple[str, str] | None = None) -> Triple:
    start = text.index(quote)
    quals: list = [("mode", "direct"), ("kind", "speech")]
    if addressee:
        quals.append(("addressee", _ref(text, *addressee, text.index(addressee[1]))))
    if mentions:
        quals.append(("mentions", tuple(_ref(text, k, n, text.index(n)) for k, n in mentions)))
    return Triple("SAID", _ref(text, *speaker, text.index(speaker[1])),
                  TripleObject(span=Span.of(text, start, start + len(quote))),
                  Evidence(doc, Span.of(text, 0, len(text)), "test", 0.87654),
                  cue=Span.of(text, text.index("said"), text.index("said") + 4), qualifiers=tuple(quals))


def _role(doc: str, text: str, person: str, role: str, org: str) -> Triple:
    at = text.index(role)
    return Triple("HOLDS_ROLE", _ref(text, "Person", person, text.index(person)),
                  TripleObject(id=entity_id("Role", role), name=role, span=Span.of(text, at, at + len(role))),
                  Evidence(doc, Span.of(text, 0, len(text)), "test", 0.9),
                  qualifiers=(("org", org), ("org_entity", _ref(text, "Organization", org, text.index(org)))))


def _found(doc: str, text: str, report: str, author: str, finding: str) -> Triple:
    at = text.index(finding)
    return Triple("FOUND", _ref(text, "Report", report, text.index(report)),
                  TripleObject(span=Span.of(text, at, at + len(finding))),
                  Evidence(doc, Span.of(text, 0, len(text)), "test", 0.8),
                  qualifiers=(("author", _ref(text, "Organization", author, text.index(author))),))


def corpus() -> list[DocResult]:
    """Short names to merge ("Trump" in articles that never say "Donald Trump"; both in one
    article), statements that mention both forms, roles with organisations, a report found
    again by later articles, and a document added twice."""
    results = []
    for i in range(4):
        doc = f"full-{i}"
        text = (f"Donald Trump said \"we will win {i}\" to Democrats about Hillary Clinton. Jeff Sessions, attorney "
                f"general at Justice Department, said nothing. The Mueller report by the FBI found collusion {i}.")
        results.append(DocResult(Document(doc, text, title=f"Story {i}"), [
            _entity(text, "Person", "Donald Trump"), _entity(text, "Group", "Democrats"),
            _entity(text, "Person", "Hillary Clinton"), _entity(text, "Person", "Jeff Sessions"),
            _entity(text, "Organization", "Justice Department"), _entity(text, "Report", "Mueller report"),
            _entity(text, "Organization", "FBI")], [
            _said(doc, text, ("Person", "Donald Trump"), f"we will win {i}", addressee=("Group", "Democrats"),
                  mentions=(("Person", "Hillary Clinton"),)),
            _role(doc, text, "Jeff Sessions", "attorney general", "Justice Department"),
            _found(doc, text, "Mueller report", "FBI", f"collusion {i}")]))
    text = "Trump said \"Clinton lies\" and Donald Trump agreed. Sessions said \"Trump is right\"."
    results.append(DocResult(Document("short", text), [
        _entity(text, "Person", "Trump"), _entity(text, "Person", "Donald Trump"),
        _entity(text, "Person", "Clinton"), _entity(text, "Person", "Sessions")], [
        _said("short", text, ("Person", "Trump"), "Clinton lies", mentions=(("Person", "Clinton"),)),
        _said("short", text, ("Person", "Sessions"), "Trump is right",
              mentions=(("Person", "Trump"), ("Person", "Donald Trump")))]))
    text = "Clinton said \"Trump and Sessions\" matter. The Mueller report by the FBI found more."
    results.append(DocResult(Document("shorter", text, url="https://example.org/x"), [
        _entity(text, "Person", "Clinton"), _entity(text, "Organization", "Mueller report")], [
        _said("shorter", text, ("Person", "Clinton"), "Trump and Sessions",
              mentions=(("Person", "Trump"), ("Person", "Sessions"))),
        _found("shorter", text, "Mueller report", "FBI", "more")]))
    results.append(results[0])
    return results


def _files(graph: KnowledgeGraph, folder) -> dict[str, bytes]:
    folder.mkdir()
    save_graph(graph, folder / "graph.json")
    write_graphml(graph, folder / "graph.graphml")
    write_turtle(graph, folder / "graph.ttl")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _both(results, tmp_path) -> tuple[KnowledgeGraph, GraphStore]:
    memory, store = KnowledgeGraph(), GraphStore(tmp_path / "store.sqlite")
    for result in results:
        memory.add(result)
        store.add(result)
    assert store.merge_short_names() == memory.merge_short_names()
    return memory, store


def test_the_store_writes_the_same_files_as_the_in_memory_graph(tmp_path):
    memory, store = _both(corpus(), tmp_path)
    assert memory.graph.number_of_nodes() > 20  # the corpus exercises the merge:
    assert "person:trump" not in memory.graph and "person:clinton" not in memory.graph
    assert _files(store, tmp_path / "store") == _files(memory, tmp_path / "memory")
    assert list(store.edge_items()) == list(memory.graph.edges(keys=True, data=True))
    assert store.to_knowledge_graph().counts() == memory.counts() == store.counts()
    assert store.who_said("Trump") == memory.who_said("Trump")


def test_the_view_reads_the_store_without_loading_it(tmp_path):
    memory, store = _both(corpus(), tmp_path)
    assert prepare_view(store.reader()) == prepare_view(memory)
    # a page smaller than the graph: the store is counted, then folded for the entities kept
    # (kg.export.view.top_view); the networkx graph is folded once and trimmed
    entities = len(prepare_view(memory).page.nodes)
    assert entities > 8
    for most in (1, 3, 8, entities - 1):
        assert prepare_view(store.reader(), most=most) == prepare_view(memory, most=most)


@pytest.mark.parametrize("edges", [-1, 10**9])
def test_the_run_writes_the_same_files_whether_the_store_is_loaded_or_read(tmp_path, monkeypatch, edges):
    """kg extract loads a small store into memory for GraphML, Turtle and the view, and reads a
    big one from its file (kg.run.IN_MEMORY_EDGES): both ways give the bytes of the in-memory graph."""
    import kg.run
    from kg.output_set import OutputSet

    memory, store = _both(corpus(), tmp_path)
    monkeypatch.setattr(kg.run, "IN_MEMORY_EDGES", edges)
    written = {}
    for name, graph in (("memory", memory), ("store", store)):
        out = tmp_path / name
        out.mkdir()
        with OutputSet(out) as outputs:
            kg.run._write_graph_files(graph, outputs, kg.run.RunOptions(out_dir=out))
            outputs.commit()
        written[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name.startswith("graph.")}
    assert set(written["store"]) == {"graph.json", "graph.graphml", "graph.ttl", "graph.html", "graph.png"}
    assert written["store"] == written["memory"]


def test_only_entities_and_roles_stay_in_memory(tmp_path):
    _memory, store = _both(corpus(), tmp_path)
    kept = {data["label"] for data in store.entity_nodes().values()}
    assert kept == {"Person", "Group", "Organization", "Report", "Role"}
    stored = {label for (label,) in store.db.execute("SELECT DISTINCT json_extract(data, '$.label') FROM nodes")}
    assert stored == {"Article", "Quote", "Finding"}
    assert store.graph.number_of_edges() == 0  # every edge is a row


def test_adding_a_document_again_and_merging_again_change_nothing(tmp_path):
    _memory, store = _both(corpus(), tmp_path)
    before = (list(store.node_items()), list(store.edge_items()))
    store.add(corpus()[0])
    assert store.merge_short_names() == {}
    assert (list(store.node_items()), list(store.edge_items())) == before


def test_one_articles_part_is_a_graph_of_its_own(tmp_path):
    _memory, store = _both(corpus(), tmp_path)
    part = store.doc_part("short").graph
    assert part.nodes["article:short"]["label"] == "Article"
    speakers = {part.nodes[u]["name"] for u, _v, d in part.edges(data=True) if d["type"] == "SAID"}
    assert speakers == {"Donald Trump", "Jeff Sessions"}  # the short names, merged
    mentioned = json.loads(store.db.execute("SELECT data FROM edges WHERE key = 'MENTIONED_IN:short' "
                                            "AND src = 'person:donald-trump'").fetchone()[0])
    assert mentioned["count"] == 2  # "Trump" and "Donald Trump" in one article: one edge, counts summed


@pytest.mark.shared
@pytest.mark.slow
def test_dev_corpus_files_are_byte_identical_from_the_store(dev_results, tmp_path):
    memory, store = _both(dev_results, tmp_path)
    assert _files(store, tmp_path / "store") == _files(memory, tmp_path / "memory")
    assert prepare_view(store.reader()) == prepare_view(memory)


@pytest.mark.shared
@pytest.mark.slow
def test_a_thousand_documents_are_byte_identical_from_the_store(dev_results, tmp_path):
    """An archive's shape (issue 18's acceptance): 1,000 documents, the same people again and again,
    every statement new; the graph files and the page (more entities than it holds: counted, then
    folded for those kept) the same from the store as from the in-memory graph."""
    from kg.export.view_page import write_page
    from kg.state import result_from_json, result_to_json

    small = sorted(dev_results, key=lambda r: len(r.triples))[:25]  # the shortest articles, 40 times each
    lines = [(r.document.id, json.dumps(result_to_json(r), ensure_ascii=False)) for r in small]
    results = [result_from_json(json.loads(line.replace(json.dumps(doc), json.dumps(f"{doc}--{n}"))))
               for n in range(40) for doc, line in lines]
    assert len(results) == 1000
    memory, store = _both(results, tmp_path)
    assert _files(store, tmp_path / "store") == _files(memory, tmp_path / "memory")
    pages = []
    for graph, name in ((store.reader(), "store.html"), (memory, "memory.html")):
        prepared = prepare_view(graph, most=120)
        assert prepared.total > 120
        write_page(prepared, tmp_path / name)
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    assert prepare_view(store.reader(), most=120) == prepare_view(memory, most=120)


def test_a_full_disk_is_an_os_error(tmp_path):
    """SQLite's "database or disk is full" is reported as every other failed output is."""
    import resource

    store = GraphStore(tmp_path / "store.sqlite")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, hard))  # writes past 20 KB fail with EFBIG
    try:
        with pytest.raises(OSError, match="graph store"):
            for n in range(200):
                for result in corpus():
                    store.add(DocResult(Document(f"{result.document.id}-{n}", result.document.text),
                                        result.entities, result.triples))
                store._commit()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_the_corpus_steps_see_the_same_roles_and_give_the_same_aliases(tmp_path):
    """kg.corpus.settle reads roles through roles_graph(): from SQLite in the store, as in memory."""
    memory = KnowledgeGraph()
    memory.add_all(corpus())
    store = GraphStore(tmp_path / "store.sqlite")
    store.add_all(corpus())
    role_edges = sorted((u, v, k) for u, v, k, d in memory.graph.edges(keys=True, data=True)
                        if d.get("type") == "HOLDS_ROLE")
    assert role_edges and sorted(store.roles_graph().edges(keys=True)) == role_edges
    person = next(iter(u for u, _v, _k in role_edges))
    memory.add_aliases({person: {"the harbour master"}})
    store.add_aliases({person: {"the harbour master"}})
    assert dict(store.node_items())[person]["aliases"] == memory.graph.nodes[person]["aliases"]


def test_words_the_corpus_finds_join_the_article_forms_on_disk_as_in_memory(tmp_path):
    """kg.corpus.settle adds the words it tied ("the harbour master" there is this person) to the
    forms of the person's MENTIONED_IN edge for that article: in the file as in memory, and only
    where the person is named in that article."""
    memory = KnowledgeGraph()
    memory.add_all(corpus())
    store = GraphStore(tmp_path / "store.sqlite")
    store.add_all(corpus())
    u, v, key = next((u, v, k) for u, v, k, d in memory.graph.edges(keys=True, data=True)
                     if d.get("type") == "MENTIONED_IN")
    doc = key.partition(":")[2]
    forms = {(u, doc): {"the harbour master"}, (u, "no-such-article"): {"the pilot"}}
    memory.add_forms(forms)
    store.add_forms(forms)
    kept = dict(((a, b, k), d) for a, b, k, d in store.edge_items())[(u, v, key)]
    assert "the harbour master" in kept["forms"]
    assert kept["forms"] == memory.graph.edges[u, v, key]["forms"]
    assert not any("the pilot" in d.get("forms", []) for *_e, d in store.edge_items())


def test_the_descriptions_articles_leave_open_wait_on_disk_not_in_memory(tmp_path):
    """What the corpus settles at the end ("the former harbour master" of each article) is read back
    from the file, the same and in the same order as the in-memory graph keeps it; the store
    keeps none of it in memory, so it does not grow with the archive."""
    from dataclasses import replace

    def left(doc: str, n: int) -> list[OpenDescription]:
        return [OpenDescription(Span(10 * k, 10 * k + 24, "the former harbour master"), "master", ("port",),
                                (), (f"person:{doc}-{k}",), past=True, near=None if k else ("person:x",))
                for k in range(n)]

    once = list({r.document.id: r for r in corpus()}.values())
    results = [replace(r, descriptions=left(r.document.id, i + 1)) for i, r in enumerate(reversed(once))]
    memory = KnowledgeGraph()
    memory.add_all(results)
    store = GraphStore(tmp_path / "store.sqlite")
    store.add_all(results)
    store.add(results[0])  # a document added again changes nothing
    assert store.open_descriptions() == memory.open_descriptions()
    assert len(store.open_descriptions()) == sum(range(1, len(results) + 1))
    assert not store._open
