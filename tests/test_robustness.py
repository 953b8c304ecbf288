"""Robustness end to end: a corpus of bad input never stops a run, interrupted runs resume to
the same result, outputs are never torn, and hostile text travels as data through every output."""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import kg.run
from kg.cli import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, main
from kg.graph import KnowledgeGraph, load_graph, to_node_link
from kg.model import DocResult, Document, EntityRef, Evidence, Span, Triple, TripleObject, entity_id
from kg.output_set import OutputSet
from kg.run import RunOptions, run_extract, write_atomic
from kg.sources import iter_documents
from kg.state import ResumeError, result_from_json, result_to_json

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SEED = ROOT / "seeds" / "000_11ef9304a4508b62.txt"

pytestmark = pytest.mark.model

# What the bad corpus must produce: (doc id, start of the reason) for every skip.
EXPECTED_SKIPS = {
    ("binary", "binary file (PNG image), not text"),
    ("control-soup", "binary file ("),
    ("empty", "empty document"),
    ("whitespace", "empty document (whitespace only)"),
    ("german", "not English"),
    ("russian", "not English"),
    ("html-no-text", "empty document"),
    ("no-words", "no words"),
    ("photo", "unsupported file type '.png'"),
    ("lines:2", "line 2 is not JSON"),
    ("j-notext", "JSON line has no 'text' field"),
    ("j-null", "JSON line has no 'text' field"),
    ("j-number", "JSON 'text' must be a string"),
    ("j-empty", "empty document"),
    ("lines:6", "line 6 is a JSON list, not an object"),
    ("j-good", "duplicate document id"),
    ("bom", "duplicate document id"),
    ("huge", "document too large"),
    ("dangling", "cannot read file: broken symbolic link"),
}
# Kept despite their faults: each must give at least one triple with true offsets.
KEPT = {"bom", "cp1252", "crlf", "nul-bytes", "page", "utf16", "j-good", "j-surrogate"}
WARNED = {"cp1252": "invalid UTF-8", "nul-bytes": "NUL character", "j-surrogate": "unpaired surrogate"}


def triples_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()]


def spans_of(row: dict) -> list[dict]:
    spans = [row["subject"]["mention"], row["cue"]]
    if "start" in row["object"]:
        spans.append(row["object"])
    spans += [q["mention"] for q in row["qualifiers"].values() if isinstance(q, dict) and "mention" in q]
    return [s for s in spans if s]


def canonical_graph(path: Path) -> tuple:
    """A graph.json as sorted nodes and edges, so two runs compare whatever the insertion order."""
    g = load_graph(path).graph
    nodes = sorted((n, json.dumps(d, sort_keys=True)) for n, d in g.nodes(data=True))
    edges = sorted((s, t, str(k), json.dumps(d, sort_keys=True)) for s, t, k, d in g.edges(keys=True, data=True))
    return nodes, edges


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, nlp):
    """The bad corpus plus the seed, a 20 MB article, a broken link and a missing path, run once."""
    root = tmp_path_factory.mktemp("bad-run")
    extra = root / "extra"
    extra.mkdir()
    with (extra / "huge.txt").open("w", encoding="utf-8") as stream:
        line = ("Tom Brown said the bridge would open in May. " * 23)[:1023] + "\n"
        for _ in range(20 * 1024):
            stream.write(line)
    os.symlink(root / "gone.txt", extra / "dangling.txt")
    shutil.copy(SEED, extra / SEED.name)
    out = root / "out"
    argv = ["extract", str(BAD), str(extra), "-o", str(out), "-q", "--no-view"]
    return out, argv


def test_bad_corpus_exit_code_messages_and_report(bad_run, capfd):
    out, argv = bad_run
    code = main(argv)
    err = capfd.readouterr().err
    assert code == EXIT_SKIPPED
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    got = {(s["doc"], s["reason"]) for s in report["skipped"]}
    for doc, reason in EXPECTED_SKIPS:
        assert any(d == doc and r.startswith(reason) for d, r in got), (doc, reason, sorted(got))
        assert f"skipped {doc}: {reason}" in err
    assert len(report["skipped"]) == len(EXPECTED_SKIPS)
    assert report["extracted"] == len(KEPT) + 1 and report["read"] == len(KEPT) + 1 + len(EXPECTED_SKIPS)
    assert all(s["source"] for s in report["skipped"])
    for doc, words in WARNED.items():
        assert any(w.startswith(f"{doc}: ") and words in w for w in report["warnings"]), doc
        assert f"warning: {doc}: " in err
    assert f"documents read: {report['read']}, extracted: {report['extracted']}, skipped: 19" in err


def test_bad_corpus_every_good_document_has_its_triples(bad_run, tmp_path):
    out, _argv = bad_run
    rows = triples_of(out)
    assert {r["doc"] for r in rows} == KEPT | {SEED.stem}
    # the seed's triples are exactly those of a run on the seed alone
    assert main(["extract", str(SEED), "-o", str(tmp_path), "-q", "--no-view"]) == EXIT_OK
    alone = {json.dumps(r, sort_keys=True) for r in triples_of(tmp_path)}
    assert alone and alone == {json.dumps(r, sort_keys=True) for r in rows if r["doc"] == SEED.stem}
    # offsets are into the text as kept (BOM dropped, \r\n kept, NUL as space, HTML as text)
    texts = {d.id: d.text for d in iter_documents([str(BAD), str(SEED)]) if isinstance(d, Document)}
    for row in rows:
        for span in spans_of(row):
            assert texts[row["doc"]][span["start"]:span["end"]] == span["text"], (row["doc"], span)


def test_crlf_gives_the_same_triples_as_lf(nlp):
    from kg.pipeline import extract_document

    def analyse(nlp, text: str) -> DocResult:  # noqa: ANN001
        return extract_document(Document(id="crlf", text=text), nlp(text))

    lf = (BAD / "crlf.txt").read_bytes().decode().replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")

    def facts(text: str) -> set:
        result = analyse(nlp, text)
        for t in result.triples:
            for span in (t.subject.mention, t.object.span, t.cue, t.evidence.sentence):
                assert span is None or text[span.start:span.end] == span.text
        return {(t.relation, t.subject.name, " ".join((t.object.span.text if t.object.span else t.object.name).split()))
                for t in result.triples}

    assert facts(lf) and facts(lf) == facts(crlf)


def test_strict_stops_at_the_first_skip_and_writes_what_came_before(tmp_path, capfd):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Jane Doe, the mayor, said the bridge would open in May.", encoding="utf-8")
    (corpus / "b.txt").write_text("", encoding="utf-8")
    (corpus / "c.txt").write_text("Tom Smith, the governor, said taxes would fall.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--strict"]) == EXIT_ERROR
    err = capfd.readouterr().err
    assert "--strict: stopped at b (empty document)" in err
    assert {r["doc"] for r in triples_of(out)} == {"a"}
    report = json.loads((out / "report.json").read_text())
    assert report["stopped_by"]["doc"] == "b" and report["extracted"] == 1
    assert load_graph(out).graph.has_node("article:a")
    # without --strict the same corpus runs through
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view"]) == EXIT_SKIPPED
    assert {r["doc"] for r in triples_of(out)} == {"a", "c"}


def test_an_extraction_crash_is_a_skip(tmp_path, monkeypatch, nlp):
    import kg.engine
    import kg.pipeline

    real = kg.pipeline.extract_document

    def flaky(document, sdoc):  # noqa: ANN001, ANN202
        if document.id == "bad":
            raise IndexError("boom")
        return real(document, sdoc)

    monkeypatch.setattr(kg.engine, "extract_document", flaky, raising=False)
    monkeypatch.setattr(kg.pipeline, "extract_document", flaky)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("bad", "good"):
        (corpus / f"{name}.txt").write_text("Jane Doe, the mayor, said the bridge would open.", encoding="utf-8")
    summary = run_extract([str(corpus)], RunOptions(out_dir=tmp_path / "out", view=False, progress=False,
                                                    processes=1))
    assert [(s.doc, s.reason) for s in summary.skipped] == [("bad", "extraction failed: IndexError: boom")]
    assert {r["doc"] for r in triples_of(tmp_path / "out")} == {"good"}


# -- atomic outputs and --resume ---------------------------------------------------------------
def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    people = ["Jane Doe", "Tom Smith", "Ann Lee", "Carlos Ruiz", "Maria Lopez", "Ken Wu", "Lisa Park", "Omar Ali"]
    roles = ["mayor", "governor", "police chief", "treasurer", "senator", "judge", "coach", "minister"]
    for i in range(count):
        who, role = people[i % len(people)], roles[(i // len(people)) % len(roles)]
        (folder / f"doc{i:03d}.txt").write_text(
            f'{who}, the {role}, said "the plan number {i} will work" on Monday. '
            f"The audit report found that costs rose by {i} percent.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_write_atomic_keeps_the_old_file_when_the_writer_fails(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old, complete", encoding="utf-8")

    def torn(p: Path) -> None:
        p.write_text("half a", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, torn)
    assert path.read_text(encoding="utf-8") == "old, complete"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    write_atomic(path, lambda p: p.write_text("new", encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == "new" and path.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_state_round_trips_a_document_result(seed_result):
    back = result_from_json(json.loads(json.dumps(result_to_json(seed_result))))
    assert back.triples == seed_result.triples and back.entities == seed_result.entities
    assert back.document.id == seed_result.document.id


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory, nlp) -> tuple[Path, Path]:
    """An uninterrupted run over 24 small documents (and one empty one)."""
    root = tmp_path_factory.mktemp("reference")
    corpus = make_corpus(root / "in", 24)
    out = root / "out"
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view"]) == EXIT_SKIPPED
    return corpus, out


def test_interrupted_run_resumes_to_the_same_outputs(reference_run, tmp_path, monkeypatch):
    corpus, reference = reference_run
    out = tmp_path / "out"
    real = kg.run.run_documents
    seen: list[str] = []

    def interrupted(docs, **kwargs):  # noqa: ANN001, ANN202 - the engine, dying after 9 documents
        for item in real(docs, **kwargs):
            if len(seen) == 9:
                raise KeyboardInterrupt
            if isinstance(item, DocResult):
                seen.append(item.document.id)
            yield item

    monkeypatch.setattr(kg.run, "run_documents", interrupted)
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view"]) == 130  # as after Ctrl-C
    assert not (out / "triples.jsonl").exists() and not (out / "graph.json").exists()
    saved = (out / ".kg-state" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(saved) == 9

    again: list[str] = []

    def counting(docs, **kwargs):  # noqa: ANN001, ANN202
        for item in real(docs, **kwargs):
            again.append(item.document.id if isinstance(item, DocResult) else item.doc)
            yield item

    monkeypatch.setattr(kg.run, "run_documents", counting)
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert len([d for d in again if d != "empty"]) == 24 - 9  # finished documents were not redone
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()
    assert canonical_graph(out / "graph.json") == canonical_graph(reference / "graph.json")
    report = json.loads((out / "report.json").read_text())
    assert report["resumed"] == 9 and report["extracted"] == 24 and [s["doc"] for s in report["skipped"]] == ["empty"]
    # resuming a finished run redoes nothing and changes nothing
    again.clear()
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert again == ["empty"]
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()


def test_resume_survives_a_torn_last_state_line(reference_run, tmp_path):
    corpus, reference = reference_run
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    state = out / ".kg-state" / "results.jsonl"
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    state.write_text("".join(lines[:5]) + lines[5][: len(lines[5]) // 2], encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()
    assert len(state.read_text(encoding="utf-8").splitlines()) == 24


def test_resume_without_state_starts_afresh(reference_run, tmp_path):
    corpus, reference = reference_run
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()
    (out / ".kg-state" / "results.jsonl").unlink()  # killed right after run.json was written
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()


def test_resume_with_other_inputs_is_refused(reference_run, tmp_path, capfd):
    corpus, reference = reference_run
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with pytest.raises(ResumeError):
        run_extract([str(SEED)], RunOptions(out_dir=out, resume=True, view=False, progress=False))
    assert main(["extract", str(SEED), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_ERROR
    assert "cannot resume: inputs differ" in capfd.readouterr().err
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()


@pytest.mark.slow
def test_killed_process_leaves_complete_files_and_resumes(tmp_path, nlp):
    """SIGKILL a real ``kg extract`` mid-corpus: old outputs stay whole; --resume finishes the job."""
    corpus = make_corpus(tmp_path / "in", 24)
    seed_text = SEED.read_text(encoding="utf-8")
    for i in range(60):  # over one batch (nlp.BATCH_CHARS): the kill lands after the first is saved
        (corpus / f"seed{i:03d}.txt").write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    # a previous, complete run in the same folder
    assert main(["extract", str(SEED), "-o", str(out), "-q", "--no-view"]) == EXIT_OK
    before = {name: (out / name).read_bytes() for name in ("triples.jsonl", "graph.json", "graph.ttl")}
    cmd = [sys.executable, "-m", "kg.cli", "extract", str(corpus), "-o", str(out), "-q", "--no-view",
           "--processes", "1", "--force"]  # other inputs than the run that made the folder
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = out / ".kg-state" / "results.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and state.stat().st_size and len(state.read_bytes().splitlines()) >= 30:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(state.read_bytes().splitlines())
    assert 30 <= done < 84
    for name, data in before.items():  # the previous complete files, untouched
        assert (out / name).read_bytes() == data, name
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    resumed = subprocess.run(cmd + ["--resume"], cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == EXIT_SKIPPED, resumed.stderr
    assert f"({done} from the interrupted run)" in resumed.stderr or f"({done - 1} from" in resumed.stderr
    reference = tmp_path / "reference"
    assert main(["extract", str(corpus), "-o", str(reference), "-q", "--no-view", "--processes", "1"]) == EXIT_SKIPPED
    assert (out / "triples.jsonl").read_bytes() == (reference / "triples.jsonl").read_bytes()
    assert canonical_graph(out / "graph.json") == canonical_graph(reference / "graph.json")
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".kg-lock", ".kg-state"]


def test_temporaries_of_a_killed_run_are_cleared(reference_run, tmp_path):
    corpus, reference = reference_run
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    for torn in (".graph.k3j2x.ttl", ".triples.jsonl.partial", ".report.abc.json", ".graph.q1.graphml"):
        (out / torn).write_text("half a", encoding="utf-8")
    (out / ".kg-staging-1-dead").mkdir()  # a killed run's unfinished output set
    (out / ".kg-staging-1-dead" / "graph.ttl").write_text("half a", encoding="utf-8")
    (out / ".notes.txt").write_text("mine", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--resume"]) == EXIT_SKIPPED
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".kg-lock", ".kg-state", ".notes.txt"]


# -- hostile text ------------------------------------------------------------------------------
HOSTILE = [
    "Robert'); DROP TABLE people;--",
    '"}) MATCH (n) DETACH DELETE n //',
    "`rm -rf ~` $(reboot) ${IFS}; | & > /etc/passwd",
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    '""" ; <http://evil/> a <x:y> . @prefix ex: <e:> . \\u0022 \\',
    "Zoë \u202eO'Brien\u200b \U0001F600 \\N{NUL} %s %n {0} ]]> <!--",
]


def hostile_result() -> DocResult:
    """A document whose every name, cue and quotation is hostile text, offsets true."""
    parts: list[str] = []
    triples: list[Triple] = []
    pos = 0
    for i, evil in enumerate(HOSTILE):
        name = f"{evil} Person{i}"
        sentence = f"{name} said “{evil}”.\n"
        start = pos
        parts.append(sentence)
        pos += len(sentence)
        text_so_far = "".join(parts)
        mention = Span.of(text_so_far, start, start + len(name))
        cue = Span.of(text_so_far, start + len(name) + 1, start + len(name) + 5)
        quote_start = start + len(name) + 7
        quote = Span.of(text_so_far, quote_start, quote_start + len(evil))
        ref = EntityRef(entity_id("Person", name), name, "Person", mention)
        addressee = EntityRef(entity_id("Group", evil + " group"), evil + " group", "Group", mention)
        ev = Evidence("evil-doc", Span.of(text_so_far, start, pos - 1), "test", 0.9)
        triples.append(Triple("SAID", ref, TripleObject(span=quote), ev, cue=cue,
                              qualifiers=(("mode", "direct"), ("addressee", addressee))))
        role = TripleObject(id=entity_id("Role", evil), name=evil, type="Role", span=quote)
        triples.append(Triple("HOLDS_ROLE", ref, role, ev, qualifiers=(("qualifier", evil),)))
    text = "".join(parts)
    return DocResult(Document("evil-doc", text, title=HOSTILE[3], url="http://x/?a=<b>&c='d'"), triples=triples)


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> tuple[Path, DocResult]:
    out = tmp_path_factory.mktemp("hostile")
    result = hostile_result()
    graph = KnowledgeGraph()
    graph.add(result)
    with OutputSet(out) as outputs:
        kg.run._write_graph_files(graph, outputs, RunOptions(out_dir=out, view=False))
        outputs.commit()
    from kg.export.jsonl import write_triples

    with (out / "triples.jsonl").open("w", encoding="utf-8") as stream:
        write_triples(result.triples, stream)
    return out, result


def test_hostile_text_round_trips_through_jsonl(hostile_out):
    out, result = hostile_out
    rows = triples_of(out)
    assert [r["object"].get("text") for r in rows if r["relation"] == "SAID"] == HOSTILE
    for row in rows:
        for span in spans_of(row):
            assert result.document.text[span["start"]:span["end"]] == span["text"]


def test_hostile_text_round_trips_through_graph_json_and_graphml(hostile_out):
    out, _ = hostile_out
    graph = load_graph(out)
    names = {d.get("name") for _, d in graph.nodes("Person")}
    assert {f"{evil} Person{i}" for i, evil in enumerate(HOSTILE)} <= names
    quotes = {d["text"] for _, d in graph.nodes("Quote")}
    assert set(HOSTILE) <= quotes
    graphml = nx.read_graphml(out / "graph.graphml")
    people = {f"{evil} Person{i}" for i, evil in enumerate(HOSTILE)}
    assert people <= {d.get("name") for _, d in graphml.nodes(data=True)}
    assert set(HOSTILE) <= {d.get("text") for _, d in graphml.nodes(data=True)}
    assert json.loads(json.dumps(to_node_link(graph), ensure_ascii=False)) == to_node_link(graph)


def test_hostile_text_is_literal_data_in_turtle(hostile_out):
    out, _ = hostile_out
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    assert set(HOSTILE) <= literals
    assert {f"{evil} Person{i}" for i, evil in enumerate(HOSTILE)} <= literals
    # nothing hostile became a term of its own: every IRI is under the base or a known vocabulary
    iris = {str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef)}
    assert all(i.startswith(("https://kg.example.org/", "http://www.w3.org/", "https://w3id.org/", "http://",
                             "https://")) for i in iris)
    assert not any("<" in i or " " in i or '"' in i for i in iris)


def test_hostile_text_is_escaped_in_html(hostile_out):
    from kg.export.view import write_html

    out, result = hostile_out
    graph = KnowledgeGraph()
    graph.add(result)
    write_html(graph, out / "graph.html")
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' not in page
    assert "<img src=x onerror" not in page
    assert "]]> <!--" not in page.replace(html.escape("]]> <!--"), "")


def test_hostile_quotation_through_the_real_pipeline(tmp_path, nlp):
    """Whatever part of a hostile quotation the extractor takes, it reaches every output intact."""
    evil = "the plan is <b>done</b> and $(rm -rf /) will `id` run; DROP TABLE x; @prefix : <e:> ."
    jsonl = tmp_path / "evil.jsonl"
    jsonl.write_text(json.dumps({"id": "e<v>'il\"doc", "title": "</title><script>alert(1)</script>",
                                 "text": f'Jane Doe, the mayor, said "{evil}" on Monday.'}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(jsonl), "-o", str(out), "-q"]) == EXIT_OK
    said = [r for r in triples_of(out) if r["relation"] == "SAID"]
    assert said and said[0]["doc"] == "e<v>'il\"doc"
    words = said[0]["object"]["text"]
    assert words in evil and "<b>done</b>" in words
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    assert words in literals and "e<v>'il\"doc" in literals
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>done</b>" not in page
    assert words in {d.get("text") for _, d in nx.read_graphml(out / "graph.graphml").nodes(data=True)}
    assert words in {d.get("text") for _, d in load_graph(out).nodes("Quote")}


def test_hostile_file_names_cannot_drive_the_terminal(tmp_path, capfd):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a\x1b[2J\nskipped fake: forged.txt").write_text("", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-view"]) == EXIT_SKIPPED
    err = capfd.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J\\nskipped fake: forged: empty document" in err
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["skipped"][0]["doc"] == "a\x1b[2J\nskipped fake: forged"


def test_max_chars_option(tmp_path, capfd):
    doc = tmp_path / "a.txt"
    doc.write_text("Jane Doe, the mayor, said the bridge would open in May.", encoding="utf-8")
    assert main(["extract", str(doc), "-o", str(tmp_path / "o"), "-q", "--no-view", "--max-chars", "2_0"]) == 3
    assert "document too large" in json.loads((tmp_path / "o" / "report.json").read_text())["skipped"][0]["reason"]
    assert main(["extract", str(doc), "-o", str(tmp_path / "o"), "-q", "--no-view", "--max-chars", "1,000"]) == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(doc), "-o", str(tmp_path / "o"), "--max-chars", "0"])
    assert exit_info.value.code == 2 and "must be a positive number" in capfd.readouterr().err
