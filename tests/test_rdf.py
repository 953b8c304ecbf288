"""RDF export: vocabulary, stable IRIs, every format round-trips, SHACL, SPARQL, hostile names.

A hand-built graph pins the export exactly (no model needed); the seed and 20 PolNeAR dev
articles check the same properties on real extractor output.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from kg.cli import main
from kg.export import rdf
from kg.graph import KnowledgeGraph, load_graph, to_node_link
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject
from kg.vocab import KG, KG_NS, OA

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
SHARED = Path(__file__).resolve().parents[2] / "shared"
RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}
WHO_SAID = (SCHEMAS / "queries.rq").read_text(encoding="utf-8")
SHAPES = Graph().parse(SCHEMAS / "shapes.ttl", format="turtle")
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')


# -- a small graph built by hand --------------------------------------------------------------
TEXT = ('Former Attorney General Jeff Sessions told prosecutors: "We need to take away children." '
        "The inspector general's report found that Sessions was a driving force.")


def _span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span.of(text, start, start + len(words))


def tiny_result(doc_id: str = "tiny", text: str = TEXT, *, person: str = "Jeff Sessions",
                person_id: str = "person:jeff-sessions", role: str = "Attorney General") -> DocResult:
    """One quotation (with addressee), one role assignment (with qualifier), one finding (with author)."""
    cut = text.index(" The inspector")
    first, second = Span.of(text, 0, cut), Span.of(text, cut + 1, len(text))
    sessions = EntityRef(person_id, person, "Person", _span(text, "Jeff Sessions"))
    prosecutors = EntityRef("group:prosecutors", "prosecutors", "Group", _span(text, "prosecutors"))
    report = EntityRef("report:inspector-general-report", "inspector general's report", "Report",
                       _span(text, "inspector general's report"))
    author = EntityRef("organization:inspector-general", "inspector general", "Organization",
                       _span(text, "inspector general"))
    triples = [
        Triple("HOLDS_ROLE", sessions,
               TripleObject(id=f"role:{role.lower().replace(' ', '-')}", name=role, type="Role",
                            span=_span(text, "Attorney General")),
               Evidence(doc_id, first, "roles.rules/1", 0.8), qualifiers=(("qualifier", "former"),)),
        Triple("SAID", sessions, TripleObject(span=_span(text, "We need to take away children.")),
               Evidence(doc_id, first, "quotes.rules/1", 0.9), cue=_span(text, "told"),
               qualifiers=(("mode", "direct"), ("addressee", prosecutors))),
        Triple("FOUND", report, TripleObject(span=_span(text, "Sessions was a driving force")),
               Evidence(doc_id, second, "findings.rules/1", 0.7), cue=_span(text, "found"),
               qualifiers=(("author", author),)),
    ]
    entities = [
        Entity(person_id, "Person", person, (person, "Sessions"), (sessions.mention,)),
        Entity("group:prosecutors", "Group", "prosecutors", ("prosecutors",), (prosecutors.mention,)),
        Entity(report.id, "Report", report.name, (report.name,), (report.mention,)),
        Entity(author.id, "Organization", author.name, (author.name,), (author.mention,)),
    ]
    return DocResult(Document(doc_id, text, title=f"Title of {doc_id}", url="https://news.example/a?b=1&c=<2>",
                              date="2018-05-11"), entities, triples)


def tiny_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add(tiny_result())
    return kg


def hostile_graph() -> KnowledgeGraph:
    """Ids and names with every character that breaks naive IRI or literal writing."""
    kg = KnowledgeGraph()
    nasty = 'Zoë <script>alert("x")</script> "} \n\t> % ../\\ 日本 \U0001F600'
    kg.add(tiny_result(doc_id='doc <b>"}\n> ../../etc/passwd %2F 日本', person=nasty,
                       person_id=f"person:{nasty}", role='Attorney "General"'))
    kg.add(tiny_result(doc_id="..", person="Jeff Sessions"))
    return kg


# -- helpers ------------------------------------------------------------------------------------
def parse_union(path: Path, fmt: str) -> Graph:
    """Any export read back by rdflib as one graph (named graphs merged)."""
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(path, format=RDFLIB_FORMAT[fmt])
        union = Graph()
        for s, p, o, _g in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(path, format=RDFLIB_FORMAT[fmt])


def quad_set(ds: Dataset) -> set[tuple]:
    """Quads with the graph name normalised (None for the default graph)."""
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        out.add((s, p, o, None if name is None or str(name).startswith("urn:x-rdflib:") else name))
    return out


def assert_isomorphic(got: Graph, want: Graph, what: str) -> None:
    if not isomorphic(got, want):
        _both, only_got, only_want = graph_diff(got, want)
        pytest.fail(f"{what}: not isomorphic; only written {sorted(only_got)[:5]}, "
                    f"only expected {sorted(only_want)[:5]}")


def assert_conforms(data: Graph, what: str) -> None:
    conforms, _report, text = validate(data, shacl_graph=SHAPES)
    assert conforms, f"{what} does not conform to schemas/shapes.ttl:\n{text[:3000]}"


def check_every_format(kg: KnowledgeGraph, tmp_path: Path, *, shacl_each: bool = True) -> Graph:
    """Write every format; each parses back isomorphic to the quads and conforms to the shapes."""
    quads = rdf.to_quads(kg)
    expected = rdf.quads_to_rdflib_graph(quads)
    assert len(set(quads)) == len(quads), "a quad was emitted twice"
    # a fact lives in one graph only, but for the words each article named an entity with ("Trump" in many)
    per_article = str(KG.mentionedAs)
    assert len(expected) == len({(q.subject, q.predicate, q.object) for q in quads
                                 if q.predicate.value != per_article}) + \
        len({(q.subject, q.object) for q in quads if q.predicate.value == per_article}), "a triple in two graphs"
    assert not any(isinstance(t, BNode) for triple in expected for t in triple), "no blank nodes"
    assert_conforms(expected, "the export")
    for fmt in rdf.FORMATS:
        path = tmp_path / f"export{rdf.SUFFIXES[fmt]}"
        rdf.write_rdf(kg, path, format=fmt)
        back = parse_union(path, fmt)
        assert_isomorphic(back, expected, fmt)
        if shacl_each:
            assert_conforms(back, fmt)
    check_trig_nquads_round_trip(quads, tmp_path)
    return expected


def check_trig_nquads_round_trip(quads: list, tmp_path: Path) -> None:
    """TriG -> N-Quads -> TriG keeps every quad in its named graph, one graph per article."""
    want = quad_set(rdf.quads_to_rdflib_dataset(quads))
    trig = tmp_path / "rt.trig"
    rdf.write_quads(quads, trig, format="trig")
    ds = Dataset()
    ds.parse(trig, format="trig")
    assert quad_set(ds) == want
    nq = tmp_path / "rt.nq"
    nq.write_text(ds.serialize(format="nquads"), encoding="utf-8")
    ds2 = Dataset()
    ds2.parse(nq, format="nquads")
    assert quad_set(ds2) == want
    trig2 = tmp_path / "rt2.trig"
    trig2.write_text(ds2.serialize(format="trig"), encoding="utf-8")
    ds3 = Dataset()
    ds3.parse(trig2, format="trig")
    assert quad_set(ds3) == want
    graphs = {g for *_t, g in want if g is not None}
    docs = {str(o) for s, p, o, _g in want if p == KG.identifier and (s, RDF.type, KG.Article, _g) in want}
    assert len(graphs) == len(docs), "one named graph per article"


# -- vocabulary ---------------------------------------------------------------------------------
def test_vocab_py_and_kg_ttl_name_the_same_terms():
    schema = Graph().parse(SCHEMAS / "kg.ttl", format="turtle")
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
    in_ttl = {str(s)[len(KG_NS):] for kind in kinds for s in schema.subjects(RDF.type, kind)
              if str(s).startswith(KG_NS)}
    in_py = {name for name in KG.__annotations__ if not name.startswith("_")}
    assert in_ttl == in_py, f"only in kg.ttl: {in_ttl - in_py}; only in vocab.py: {in_py - in_ttl}"
    for name in in_ttl:
        term = KG[name]
        assert schema.value(term, RDFS.label), f"{name} has no rdfs:label"
        assert schema.value(term, RDFS.comment), f"{name} has no rdfs:comment"
    aligned = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in schema.objects(None, p)}
    for outside in ("https://schema.org/Quotation", "https://schema.org/Role", "https://schema.org/Claim",
                    "https://schema.org/Person", "https://schema.org/Organization", "https://schema.org/Report",
                    "https://schema.org/roleName", "http://www.w3.org/ns/prov#wasAttributedTo",
                    "http://www.w3.org/ns/prov#wasDerivedFrom", "http://www.w3.org/ns/prov#wasQuotedFrom",
                    "http://www.w3.org/ns/oa#SpecificResource"):
        assert outside in aligned, f"kg.ttl does not align with {outside}"


def test_closed_namespace_rejects_typos():
    with pytest.raises(AttributeError):
        KG.speakr  # noqa: B018


def test_context_shapes_and_query_use_only_defined_terms():
    defined = {str(KG[n]) for n in KG.__annotations__ if not n.startswith("_")}
    context = json.loads((SCHEMAS / "context.jsonld").read_text())["@context"]
    used = set()
    for value in context.values():
        iri = value["@id"] if isinstance(value, dict) else value
        if isinstance(iri, str) and iri.startswith("kg:"):
            used.add(KG_NS + iri[3:])
    for text in ((SCHEMAS / "shapes.ttl").read_text(), WHO_SAID):
        used |= {KG_NS + m for m in re.findall(r"\bkg:(\w+)", text)}
    assert used <= defined, f"undefined terms: {used - defined}"


def test_export_uses_only_vocabulary_terms():
    g = rdf.to_rdflib(tiny_graph())
    allowed = {str(KG[n]) for n in KG.__annotations__} | {str(OA[n]) for n in OA.__annotations__} | {
        str(RDF.type), str(RDFS.label)}
    used = {str(p) for p in g.predicates()} | {str(o) for o in g.objects(None, RDF.type)}
    assert used <= allowed, used - allowed


# -- the hand-built graph -----------------------------------------------------------------------
def test_tiny_graph_every_format_round_trips_and_conforms(tmp_path):
    check_every_format(tiny_graph(), tmp_path)


def test_statements_have_stable_iris_and_character_provenance():
    result = tiny_result()
    g = rdf.to_rdflib(tiny_graph(), base_iri="https://data.example.com/kg/")
    said = next(t for t in result.triples if t.relation == "SAID")
    st = URIRef("https://data.example.com/kg/statement/" + said.id.removeprefix("t:"))
    assert (st, RDF.type, KG.Quotation) in g
    assert g.value(st, KG.speaker) == URIRef("https://data.example.com/kg/person/jeff-sessions")
    assert g.value(st, KG.addressee) == URIRef("https://data.example.com/kg/group/prosecutors")
    assert str(g.value(st, KG.addresseeName)) == "prosecutors"
    assert str(g.value(st, KG.mode)) == "direct"
    assert str(g.value(st, KG.cue)) == "told"
    assert str(g.value(st, KG.extractor)) == "quotes.rules/1"
    assert float(g.value(st, KG.confidence)) == 0.9
    assert g.value(st, KG.inArticle) == URIRef("https://data.example.com/kg/article/tiny")
    span = g.value(st, KG.textSpan)
    assert span == URIRef(f"{st}/text")
    assert g.value(span, OA.hasSource) == g.value(st, KG.inArticle)
    selectors = {g.value(sel, RDF.type): sel for sel in g.objects(span, OA.hasSelector)}
    start = int(g.value(selectors[OA.TextPositionSelector], OA.start))
    end = int(g.value(selectors[OA.TextPositionSelector], OA.end))
    exact = str(g.value(selectors[OA.TextQuoteSelector], OA.exact))
    assert TEXT[start:end] == exact == "We need to take away children."
    cue = g.value(st, KG.cueSpan)
    cue_pos = next(s for s in g.objects(cue, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g)
    assert TEXT[int(g.value(cue_pos, OA.start)):int(g.value(cue_pos, OA.end))] == "told"

    role = next(g.subjects(RDF.type, KG.RoleAssignment))
    assert str(g.value(role, KG.qualifier)) == "former"
    assert str(g.value(role, KG.roleName)) == "Attorney General"
    assert g.value(role, KG.role) == URIRef("https://data.example.com/kg/role/attorney-general")
    finding = next(g.subjects(RDF.type, KG.Finding))
    report = g.value(finding, KG.foundBy)
    assert g.value(report, KG.author) == URIRef("https://data.example.com/kg/organization/inspector-general")
    # the same input again gives exactly the same graph (no blank nodes, nothing random)
    assert set(rdf.to_rdflib(tiny_graph(), base_iri="https://data.example.com/kg/")) == set(g)


def test_who_said_query_on_the_hand_built_graph():
    rows = list(rdf.to_rdflib(tiny_graph()).query(WHO_SAID))
    assert len(rows) == 1
    row = rows[0]
    assert str(row.speakerName) == "Jeff Sessions"
    assert (str(row.cue), str(row.mode), str(row.text)) == ("told", "direct", "We need to take away children.")
    assert TEXT[int(row.start):int(row.end)] == str(row.text)
    assert str(row.title) == "Title of tiny"


def test_named_graph_per_article(tmp_path):
    kg = tiny_graph()
    kg.add(tiny_result(doc_id="second"))
    ds = rdf.quads_to_rdflib_dataset(rdf.to_quads(kg))
    names = {str(getattr(g, "identifier", g)) for *_t, g in ds.quads((None, None, None, None))}
    assert {"https://kg.example.org/id/graph/tiny", "https://kg.example.org/id/graph/second"} <= names
    # the shared person lives once in the default graph; each article's statements in its own graph
    person = URIRef("https://kg.example.org/id/person/jeff-sessions")
    homes = {str(getattr(g, "identifier", g)) for _s, _p, _o, g in ds.quads((person, RDF.type, None, None))}
    assert len(homes) == 1 and not any("graph/" in h for h in homes)
    check_every_format(kg, tmp_path)


def test_how_an_article_named_an_entity_is_stated_in_its_graph(tmp_path):
    """kg:mentionedAs: each article's words for the entity, in that article's named graph, and the shapes hold."""
    kg = tiny_graph()
    kg.add(tiny_result(doc_id="second"))
    ds = rdf.quads_to_rdflib_dataset(rdf.to_quads(kg))
    person = URIRef("https://kg.example.org/id/person/jeff-sessions")
    said = {(str(getattr(g, "identifier", g)).rsplit("/", 1)[-1], str(o))
            for _s, _p, o, g in ds.quads((person, KG.mentionedAs, None, None))}
    assert said == {("tiny", "Jeff Sessions"), ("second", "Jeff Sessions")}
    check_every_format(kg, tmp_path)


def test_base_iri_is_validated():
    for bad in ("kg.example.org/id/", "https://kg.example.org/id", "https://kg example.org/"):
        with pytest.raises(ValueError):
            rdf.to_quads(tiny_graph(), base_iri=bad)
    hash_base = rdf.to_rdflib(tiny_graph(), base_iri="urn:example:kg#")
    assert URIRef("urn:example:kg#person/jeff-sessions") in set(hash_base.subjects())


def test_hostile_names_give_valid_iris_and_exact_literals(tmp_path):
    kg = hostile_graph()
    expected = check_every_format(kg, tmp_path)
    for triple in expected:
        for term in triple:
            if isinstance(term, URIRef):
                assert not IRI_FORBIDDEN.search(str(term)), f"invalid IRI character in {term!r}"
                assert "/../" not in str(term) and not str(term).endswith("/..")
    labels = {str(o) for o in expected.objects(None, RDFS.label)}
    assert 'Zoë <script>alert("x")</script> "} \n\t> % ../\\ 日本 \U0001F600' in labels
    assert 'doc <b>"}\n> ../../etc/passwd %2F 日本' in {str(o) for o in expected.objects(None, KG.identifier)}
    # two different hostile ids never collide on one IRI
    ids = {str(o): s for s, o in expected.subject_objects(KG.identifier)}
    assert len(set(ids.values())) == len(ids)


def test_sorted_ntriples_identical_across_runs(tmp_path):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    rdf.write_rdf(hostile_graph(), a, format="nt")
    rdf.write_rdf(hostile_graph(), b, format="nt")
    assert sorted(a.read_bytes().splitlines()) == sorted(b.read_bytes().splitlines())
    assert a.read_bytes() == b.read_bytes()  # the writer's order is deterministic too


def test_jsonld_carries_the_published_context(tmp_path):
    path = tmp_path / "g.jsonld"
    rdf.write_rdf(tiny_graph(), path, format="jsonld")
    doc = json.loads(path.read_text())
    assert doc["@context"] == json.loads((SCHEMAS / "context.jsonld").read_text())["@context"]
    assert "speaker" in path.read_text()


def test_jsonld_offsets_and_counts_are_numbers_that_read_back_as_integers(tmp_path):
    path = tmp_path / "g.jsonld"
    rdf.write_rdf(tiny_graph(), path, format="jsonld")
    nodes = json.loads(path.read_text())["@graph"]
    offsets = [(n["start"], n["end"]) for n in nodes if "start" in n]
    assert offsets and all(type(s) is int and type(e) is int and 0 <= s <= e for s, e in offsets)
    assert all(type(n["mentionCount"]) is int for n in nodes if "mentionCount" in n)
    back = Graph().parse(path, format="json-ld")
    starts = list(back.objects(None, OA.start))
    assert starts and all(s.datatype == XSD_INTEGER for s in starts)
    assert isomorphic(back, rdf.to_rdflib(tiny_graph()))


def test_statement_literals_keep_datatypes():
    g = rdf.to_rdflib(tiny_graph())
    starts = list(g.objects(None, OA.start))
    assert starts and all(isinstance(s, Literal) and s.datatype == XSD_INTEGER for s in starts)
    assert all(c.datatype.endswith("decimal") for c in g.objects(None, KG.confidence))


# -- the command --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "jsonld"])
def test_kg_export_command(tmp_path, fmt):
    saved = tmp_path / "out"
    saved.mkdir()
    (saved / "graph.json").write_text(json.dumps(to_node_link(tiny_graph())), encoding="utf-8")
    target = tmp_path / f"g{rdf.SUFFIXES[fmt]}"
    assert main(["export", str(saved), "--format", fmt, "-o", str(target), "--base-iri", "https://x.example/"]) == 0
    back = parse_union(target, fmt)
    assert_isomorphic(back, rdf.to_rdflib(load_graph(saved), base_iri="https://x.example/"), fmt)
    assert main(["export", str(saved / "graph.json"), "-o", str(tmp_path / "default.ttl")]) == 0
    assert len(Graph().parse(tmp_path / "default.ttl", format="turtle")) == len(back)


def test_kg_export_reports_bad_input(tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing"), "-o", str(tmp_path / "x.ttl")]) == 1
    saved = tmp_path / "graph.json"
    saved.write_text(json.dumps(to_node_link(tiny_graph())), encoding="utf-8")
    assert main(["export", str(saved), "-o", str(tmp_path / "x.ttl"), "--base-iri", "nope"]) == 1
    assert "base IRI" in capsys.readouterr().err


# -- real extractor output ----------------------------------------------------------------------
@pytest.mark.model
def test_seed_every_format_and_the_sessions_quotation(seed_result, tmp_path):
    kg = KnowledgeGraph()
    kg.add(seed_result)
    g = check_every_format(kg, tmp_path)
    rows = list(g.query(WHO_SAID))
    assert rows, "no quotations in the seed export"
    sessions = [r for r in rows if "Sessions" in str(r.speakerName)]
    assert sessions, f"no quotation by Sessions among {[str(r.speakerName) for r in rows]}"
    gold = ("zero-tolerance approach", "very intense, very focused", "We need to take away children")
    assert any(any(words in str(r.text) for words in gold) for r in sessions)


@pytest.mark.model
@pytest.mark.slow
def test_two_extract_runs_give_identical_sorted_ntriples(tmp_path):
    """Two separate `kg extract` processes, as a user would run them, then `kg export --format nt`."""
    lines = []
    for run in ("one", "two"):
        out = tmp_path / run
        kg_cli = [sys.executable, "-m", "kg.cli"]
        subprocess.run(kg_cli + ["extract", str(ROOT / "seeds"), "-o", str(out), "-q", "--no-view"], check=True,
                       capture_output=True, timeout=300)
        subprocess.run(kg_cli + ["export", str(out), "--format", "nt", "-o", str(out / "graph.nt")], check=True,
                       capture_output=True, timeout=300)
        lines.append(sorted((out / "graph.nt").read_bytes().splitlines()))
        # graph.ttl written by extract is the same graph as the export from graph.json
        assert_isomorphic(Graph().parse(out / "graph.ttl", format="turtle"),
                          Graph().parse(out / "graph.nt", format="nt"), "graph.ttl vs export")
    assert lines[0] == lines[1], "sorted N-Triples differ between two runs"


@pytest.fixture(scope="module")
def dev20_graph(nlp) -> KnowledgeGraph:
    """The first 20 PolNeAR dev articles (sorted by name) through the pipeline, as one graph."""
    texts = sorted((SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:20]
    if len(texts) < 20:
        pytest.skip(f"PolNeAR dev texts not found under {SHARED} (clone-only checkout)")
    from kg.pipeline import extract_document

    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in texts]
    kg = KnowledgeGraph()
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        kg.add(extract_document(doc, parsed))
    return kg


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
def test_polnear_dev20_every_format_round_trips_and_conforms(dev20_graph, tmp_path):
    g = check_every_format(dev20_graph, tmp_path, shacl_each=False)
    assert len(list(g.subjects(RDF.type, KG.Article))) == 20
    assert list(g.query(WHO_SAID))


@pytest.mark.shared
@pytest.mark.model
def test_polnear_dev20_sorted_ntriples_identical(dev20_graph, tmp_path):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    rdf.write_rdf(dev20_graph, a, format="nt")
    # a second, independent build: through graph.json, as `kg export` reads it
    reloaded = tmp_path / "graph.json"
    reloaded.write_text(json.dumps(to_node_link(dev20_graph)), encoding="utf-8")
    rdf.write_rdf(load_graph(reloaded), b, format="nt")
    assert sorted(a.read_bytes().splitlines()) == sorted(b.read_bytes().splitlines())


def test_kg_export_help_lists_formats():
    out = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for fmt in ("turtle", "trig", "nt", "jsonld"):
        assert fmt in out


def test_kind_and_parts_reach_rdf_and_conform():
    text = '"We tried," Ellen Park said at noon. "We ran out of money."'
    first, second = _span(text, '"We tried,"'), _span(text, '"We ran out of money."')
    park = EntityRef("person:ellen-park", "Ellen Park", "Person", _span(text, "Ellen Park"))
    said = Triple("SAID", park, TripleObject(span=Span.of(text, 0, len(text)), parts=(first, second)),
                  Evidence("pieces", Span.of(text, 0, len(text)), "quotes.rules/2", 0.8), cue=_span(text, "said"),
                  qualifiers=(("mode", "direct"), ("kind", "speech")))
    kg = KnowledgeGraph()
    kg.add(DocResult(Document("pieces", text), [Entity(park.id, "Person", "Ellen Park", ("Ellen Park",))], [said]))
    g = rdf.to_rdflib(kg)
    assert_conforms(g, "a statement in pieces")
    (st,) = g.subjects(KG.kind, Literal("speech"))
    assert str(g.value(st, KG.text)) == '"We tried," … "We ran out of money."'
    exact = {str(g.value(sel, OA.exact)) for part in g.objects(st, KG.partSpan)
             for sel in g.objects(part, OA.hasSelector) if g.value(sel, OA.exact) is not None}
    assert exact == {'"We tried,"', '"We ran out of money."'}


def test_who_said_over_trig_needs_the_default_union_as_docs_say(tmp_path):
    """docs/rdf.md: SPARQL over a TriG file sees the articles' facts only with the default-union setting."""
    import pyoxigraph as ox
    from rdflib import Dataset

    path = tmp_path / "g.trig"
    rdf.write_rdf(tiny_graph(), path, format="trig")
    plain = Dataset()
    plain.parse(path, format="trig")
    union = Dataset(default_union=True)
    union.parse(path, format="trig")
    assert list(plain.query(WHO_SAID)) == [] and len(list(union.query(WHO_SAID))) >= 1
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    assert list(store.query(WHO_SAID)) == []
    assert len(list(store.query(WHO_SAID, use_default_graph_as_union=True))) == len(list(union.query(WHO_SAID)))


def test_two_mentions_edges_to_one_entity_are_written_not_a_crash():
    """After a cross-article merge a statement can hold two MENTIONS edges to one entity; sorting
    them compared their attribute dicts and failed the whole export (graph.ttl: TypeError)."""
    kg = tiny_graph()
    said = next(t for _s, t, d in kg.graph.edges(data=True) if d.get("type") == "SAID")
    for key, start in (("MENTIONS:a", 40), ("MENTIONS:b", 10)):
        kg.graph.add_edge(said, "person:jeff-sessions", key=key, type="MENTIONS", doc="tiny", text="Sessions",
                          starts=[start], ends=[start + 8])
    quads = list(rdf.iter_quads(kg))
    spans = {q.subject.value.rsplit("/", 1)[-1] for q in quads if q.predicate.value == str(KG.refersTo)}
    assert {"10-18", "40-48"} <= spans


def _pyoxigraph_turtle(kg: KnowledgeGraph, base_iri: str | None = None) -> bytes:
    import io

    import pyoxigraph as ox

    out = io.BytesIO()
    ox.serialize(rdf.to_triples(rdf.iter_quads(kg, base_iri=base_iri)), out, ox.RdfFormat.TURTLE,
                 prefixes=rdf._prefixes())
    return out.getvalue()


@pytest.mark.parametrize("base_iri", [None, "https://例え.jp/id/", "https://kg.example.org/ns#"])
def test_graph_ttl_text_is_pyoxigraphs_turtle_byte_for_byte(tmp_path, base_iri):
    """graph.ttl is written as text (kg.export.rdf._TurtleTerms); every escape, number and grouping
    must be what pyoxigraph's serialiser writes for the same quads, on hostile text too."""
    from kg.store import GraphStore

    kg = hostile_graph()
    kg.add(tiny_result(doc_id="controls", person="Ann \x00\x1f Lee", person_id="person:ann-lee"))
    for _node, data in kg.graph.nodes(data=True):
        if data.get("label") in ("Quote", "Article"):
            data["text" if data["label"] == "Quote" else "name"] = "child\x01\x7f\r\b\f\\ren\u2028 “x”"
    said = next(t for _s, t, d in kg.graph.edges(data=True) if d.get("type") == "SAID")
    kg.graph.add_edge(said, "person:ann-lee", key="MENTIONS:x", type="MENTIONS", doc="tiny", text="Ann",
                      starts=[1, 30], ends=[4, 33])
    for _u, _v, data in kg.graph.edges(data=True):
        if data.get("type") == "FOUND":
            data["confidence"] = float("nan")  # not a decimal Turtle can write bare
    store = GraphStore(tmp_path / "store.sqlite")
    store.add(tiny_result(doc_id='a "b"\n', person='Zoë "\\" \t'))
    store.add(tiny_result(doc_id="b"))
    for graph, name in ((kg, "memory"), (store, "store"), (KnowledgeGraph(), "empty")):
        path = tmp_path / f"{name}.ttl"
        written = rdf.write_turtle(graph, path, base_iri=base_iri)
        assert path.read_bytes() == _pyoxigraph_turtle(graph, base_iri), name
        assert written == len(rdf.to_quads(graph, base_iri=base_iri))
    store.close()
