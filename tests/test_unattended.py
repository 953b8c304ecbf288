"""Unattended runs that never lie (issue 17): one run per output folder, output sets swapped in
whole, hostile text in bounded time, articles replaced on the server, workers that die with
their parent, a stalled server that ends in one line. Real processes, real signals, the real
local graph server; no mocks."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import EXIT_ERROR, EXIT_OK, main
from kg.export import neo4j as n4
from kg.graph import KnowledgeGraph
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_11ef9304a4508b62.txt"
KG = [sys.executable, "-m", "kg.cli"]


def kg(*args: str, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


# -- hand-built articles (no model): an article, its corrected version, another article -------
def _ref(kind: str, name: str, text: str, needle: str) -> EntityRef:
    at = text.index(needle)
    return EntityRef(entity_id(kind, name), name, kind, Span.of(text, at, at + len(needle)))


def _article(doc: str, text: str, *, said: str, roles: bool = False, extra: str | None = None) -> DocResult:
    sessions = _ref("Person", "Jeff Sessions", text, "Jeff Sessions")
    sentence = Span.of(text, 0, len(text))
    ev = Evidence(doc=doc, sentence=sentence, extractor="hand", confidence=0.9)
    at = text.index(said)
    triples = [Triple("SAID", sessions, TripleObject(span=Span.of(text, at, at + len(said))), ev,
                      qualifiers=(("mode", "direct"),))]
    entities = [Entity(sessions.id, "Person", "Jeff Sessions", ("Jeff Sessions",), (sessions.mention,))]
    if roles:
        rosen = _ref("Person", "Rod Rosenstein", text, "Rod Rosenstein")
        at = text.index("deputy attorney general")
        role = Span.of(text, at, at + len("deputy attorney general"))
        doj = _ref("Organization", "Justice Department", text, "Justice Department")
        triples.append(Triple("HOLDS_ROLE", rosen, TripleObject(id=entity_id("Role", "deputy attorney general"),
                                                                name="deputy attorney general", type="Role",
                                                                span=role), ev, qualifiers=(("org_entity", doj),)))
        entities.append(Entity(rosen.id, "Person", "Rod Rosenstein", ("Rod Rosenstein",), (rosen.mention,)))
    if extra:
        other = _ref("Person", extra, text, extra)
        entities.append(Entity(other.id, "Person", extra, (extra,), (other.mention,)))
    return DocResult(Document(id=doc, text=text, title=doc), entities, triples)


A1 = ("Jeff Sessions said \"the old words\". Rod Rosenstein, the deputy attorney general at the Justice "
      "Department, and Old Name met.")
A2 = "Jeff Sessions said \"the corrected words\" on Monday."
B = "Jeff Sessions said \"other words\" in another article."


@pytest.fixture
def articles() -> tuple[DocResult, DocResult, DocResult]:
    """Article "a" as first loaded (a quotation, a role, one extra person), its corrected text
    (one quotation only), and another article "b" that shares Jeff Sessions with it."""
    return (_article("a", A1, said="the old words", roles=True, extra="Old Name"),
            _article("a", A2, said="the corrected words"),
            _article("b", B, said="other words"))


def _graph(*results: DocResult) -> KnowledgeGraph:
    graph = KnowledgeGraph()
    for result in results:
        graph.add(result)
    return graph


@pytest.mark.server
def test_loading_an_article_again_replaces_its_facts(graph_server, articles):
    """Item 3: a corrected article loaded again leaves none of its old facts; shared entities stay."""
    db = graph_server.database
    conn = n4.connection(data_dir=graph_server.data_dir)
    a1, a2, b = articles
    with conn.driver() as driver:
        n4.wipe(driver, database=db)
        n4.load(KnowledgeGraph(), driver, database=db)  # constraints
        n4.load(_graph(a1, b), driver, database=db)
        report = n4.load(_graph(a2), driver, database=db)
        replaced = n4.snapshot(driver, database=db)
        said = n4.run_named(driver, "who_said", {"name": None, "kind": None}, database=db)
        n4.wipe(driver, database=db)
        n4.load(_graph(a2, b), driver, database=db)
        fresh = n4.snapshot(driver, database=db)
        n4.wipe(driver, database=db)
    assert report.replaced == 1
    assert sorted(r["statement"] for r in said) == ["other words", "the corrected words"]
    assert replaced == fresh  # roles, WORKS_FOR, the orphaned people, role and organisation gone; mentions recounted
    assert not [n for n in replaced[0] if n["props"].get("name") in ("Justice Department", "Rod Rosenstein")]
    sessions = [n for n in replaced[0] if n["props"].get("name") == "Jeff Sessions"]
    assert sessions and sessions[0]["props"]["mentions"] == 2


class _FailingDriver:
    """The real driver, except that a statement containing ``when`` fails inside its write
    transaction, as a dropped connection or a server error would: a fault at the driver boundary."""

    def __init__(self, driver, when: str) -> None:  # noqa: ANN001 - a neo4j.Driver
        self.driver, self.when, self.seen = driver, when, []

    def session(self, **kwargs):  # noqa: ANN003, ANN201
        return _FailingSession(self.driver.session(**kwargs), self)


class _FailingSession:
    def __init__(self, session, owner: _FailingDriver) -> None:  # noqa: ANN001
        self.session, self.owner = session, owner

    def __enter__(self):  # noqa: ANN204
        self.session.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.__exit__(*exc)

    def run(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return self.session.run(*args, **kwargs)

    def execute_write(self, work):  # noqa: ANN001, ANN201
        return self.session.execute_write(lambda tx: work(_FailingTx(tx, self.owner)))


class _FailingTx:
    def __init__(self, tx, owner: _FailingDriver) -> None:  # noqa: ANN001
        self.tx, self.owner = tx, owner

    def run(self, query: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        self.owner.seen.append(query)
        if self.owner.when in query:
            raise RuntimeError("injected: the connection broke mid-transaction")
        return self.tx.run(query, *args, **kwargs)


@pytest.mark.server
def test_a_replacement_that_fails_midway_leaves_the_old_facts(graph_server, articles):
    """Item 3, atomicity: the delete of an article's old facts and the writes of its new ones are
    one transaction; a write failing after the delete rolls the delete back too."""
    db = graph_server.database
    conn = n4.connection(data_dir=graph_server.data_dir)
    a1, a2, b = articles
    with conn.driver() as driver:
        n4.wipe(driver, database=db)
        n4.load(_graph(a1, b), driver, database=db)
        before = n4.snapshot(driver, database=db)
        failing = _FailingDriver(driver, "MERGE (b)<-[r:SAID")  # the new quotation's SAID edge
        with pytest.raises(RuntimeError, match="injected"):
            n4.load(_graph(a2), failing, database=db)
        after = n4.snapshot(driver, database=db)
        report = n4.load(_graph(a2), driver, database=db)  # the load run again completes the replacement
        said = n4.run_named(driver, "who_said", {"name": None, "kind": None}, database=db)
        n4.wipe(driver, database=db)
    deleted = [i for i, q in enumerate(failing.seen) if "DETACH DELETE s" in q]
    assert deleted and deleted[0] < len(failing.seen) - 1  # the old statements were deleted before the failure
    assert after == before  # ... and that delete was rolled back with it: quotation, roles, people all there
    assert report.replaced == 1
    assert sorted(r["statement"] for r in said) == ["other words", "the corrected words"]


def _seed_corpus(folder: Path, count: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"seed{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def finished_out(tmp_path_factory, nlp) -> Path:
    """An output folder holding a complete run over the seed article."""
    root = tmp_path_factory.mktemp("finished")
    out = root / "out"
    assert main(["extract", str(_seed_corpus(root / "in")), "-o", str(out), "-q", "--no-view"]) == EXIT_OK
    return out


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


# -- item 1: one run per output folder ---------------------------------------------------------
HOLD = ("import sys, time\nfrom pathlib import Path\nfrom kg.output_set import lock\n"
        "with lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(600)\n")


@pytest.mark.model
def test_a_second_run_on_a_locked_outdir_fails_at_once_and_a_dead_holder_does_not_block(
        finished_out, tmp_path, capfd):
    before = _outputs(finished_out)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(finished_out)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        code = main(["extract", str(_seed_corpus(tmp_path / "other")), "-o", str(finished_out), "-q", "--no-view",
                     "--force"])
        err = capfd.readouterr().err
        assert code == EXIT_ERROR and time.monotonic() - started < 5
        assert f"is in use by kg process {holder.pid}" in err and len(err.strip().splitlines()) == 1
        assert _outputs(finished_out) == before  # the holder's files untouched
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # the lock file of the killed holder is still there; the kernel released its lock
    assert (finished_out / ".kg-lock").exists()
    assert main(["extract", str(_seed_corpus(tmp_path / "again")), "-o", str(finished_out), "-q", "--no-view",
                 "--force"]) == 0
    assert not list(finished_out.glob(".kg-staging-*"))


# -- item 5: a full disk mid-write keeps the previous set whole ----------------------------------
def _file_limit(size: int):  # noqa: ANN202 - a preexec_fn
    def limit() -> None:  # write() past ``size`` bytes fails with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


@pytest.mark.model
@pytest.mark.slow
def test_disk_full_mid_run_keeps_the_previous_outputs_whole(finished_out, tmp_path):
    before = _outputs(finished_out)
    state = (finished_out / ".kg-state" / "results.jsonl").read_bytes()
    bigger = _seed_corpus(tmp_path / "more", 3)
    result = kg("extract", str(bigger), "-o", str(finished_out), "-q", "--no-view", "--processes", "1", "--force",
                preexec_fn=_file_limit(len(before["graph.ttl"]) + 1000), timeout=600)
    assert result.returncode == EXIT_ERROR, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kg: error: cannot write the outputs into {finished_out}")
    assert "previous outputs there are kept" in lines[0] and "Traceback" not in result.stderr
    assert _outputs(finished_out) == before  # every old file, byte for byte; no new one beside them
    assert not list(finished_out.glob(".kg-staging-*"))
    assert state  # (the resume state is the new run's: it holds what that run finished)


def test_export_of_a_folder_format_is_all_or_nothing(finished_out_graph, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", str(finished_out_graph), "-f", "neo4j-admin", "-o", str(out)]) == EXIT_OK
    before = _outputs(out)
    biggest = max(len(v) for v in before.values())
    result = kg("export", str(finished_out_graph), "-f", "neo4j-admin", "-o", str(out),
                preexec_fn=_file_limit(biggest // 2), timeout=120)
    assert result.returncode == EXIT_ERROR and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert _outputs(out) == before and not list(out.glob(".kg-staging-*"))


@pytest.fixture(scope="module")
def finished_out_graph(tmp_path_factory) -> Path:
    """A saved graph.json of hand-built articles (no model)."""
    from kg.graph import save_graph

    path = tmp_path_factory.mktemp("graph") / "graph.json"
    save_graph(_graph(_article("a", A1, said="the old words", roles=True, extra="Old Name"),
                      _article("b", B, said="other words")), path)
    return path


def test_export_into_a_missing_folder_or_onto_a_folder_is_one_line(finished_out_graph, tmp_path, capfd):
    assert main(["export", str(finished_out_graph), "-o", str(tmp_path / "nope" / "g.ttl")]) == EXIT_ERROR
    assert main(["export", str(finished_out_graph), "-o", str(tmp_path)]) == EXIT_ERROR
    (tmp_path / "file").write_text("x")
    assert main(["export", str(finished_out_graph), "-f", "neo4j-admin", "-o", str(tmp_path / "file")]) == EXIT_ERROR
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("kg: error: ") for line in err)
    assert "does not exist" in err[0] and "is a folder" in err[1] and "is a file" in err[2]


def test_a_staged_set_is_swapped_in_whole_or_not_at_all(tmp_path):
    """A kill during the renames leaves a complete staged set: the next run finishes the swap;
    an incomplete one (killed while writing) is dropped and the old files stay."""
    from kg.output_set import OutputSet, recover

    (tmp_path / "a.txt").write_text("old a")
    (tmp_path / "b.txt").write_text("old b")
    complete = OutputSet(tmp_path)
    other = OutputSet(tmp_path)
    assert complete.staging != other.staging  # temporaries are unique per run
    for name in ("a.txt", "b.txt"):
        complete.path(name).write_text(f"new {name[0]}")
    (complete.staging / ".complete").write_text("a.txt\nb.txt\n")
    os.replace(complete.staging / "a.txt", tmp_path / "a.txt")  # killed after the first rename
    other.path("a.txt").write_text("torn")  # another killed run, mid-write
    recover(tmp_path)
    assert (tmp_path / "a.txt").read_text() == "new a" and (tmp_path / "b.txt").read_text() == "new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


# -- item 2: hostile text in bounded time ------------------------------------------------------
def test_defuse_blanks_long_punctuation_runs_and_keeps_every_offset():
    from kg.text import KEEP, RUN, defuse

    text = 'John Smith said "' + '"' * 50_000 + " and " + ")" * 20_000 + " ---- fine."
    out = defuse(text)
    assert len(out) == len(text)
    assert out.startswith('John Smith said ' + '"' * KEEP + " ") and out.endswith(" ---- fine.")
    assert out.count(")") == KEEP and defuse(")" * (RUN - 1)) == ")" * (RUN - 1)  # short runs untouched
    assert all(a == b for a, b in zip(out, text, strict=True) if b.isalnum() or b.isspace())


@pytest.mark.model
def test_hostile_runs_are_extracted_with_spans_from_the_original_text(nlp):
    from kg.engine import extract_batch

    text = 'Jane Doe, the mayor, said "the budget is fine' + '"' * 5_000 + ' today.\n' + ")" * 3_000
    [result] = extract_batch([Document(id="runs", text=text)])
    assert isinstance(result, DocResult), result
    assert any(t.relation == "HOLDS_ROLE" for t in result.triples)
    for t in result.triples:
        for span in (t.subject.mention, t.object.span, t.cue, t.evidence.sentence):
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_an_over_long_sentence_is_cut_into_bounded_pieces_and_articles_are_not():
    from kg.text import LONG_SENTENCE, PIECE, pieces, quotations_only

    article = SEED.read_text(encoding="utf-8") * 3  # ~20,000 characters of ordinary sentences
    assert len(article) > LONG_SENTENCE and pieces(article) == [(0, len(article))]
    giant = "Jane Doe said " + ", ".join(f'"point {i} stands"' for i in range(2_000)) + " today."
    cut = pieces(giant)
    assert cut[0][0] == 0 and cut[-1][1] == len(giant) and all(a[1] == b[0] for a, b in zip(cut, cut[1:], strict=False))
    assert all(end - start <= PIECE for start, end in cut) and len(cut) >= len(giant) // PIECE
    assert all(giant[start] == '"' for start, _ in cut[1:])  # each cut before a quotation opens
    assert not quotations_only(giant[slice(*cut[0])]) and quotations_only(giant[slice(*cut[1])])
    assert not quotations_only(giant[slice(*cut[-1])])  # "today." is outside any quotation
    assert quotations_only('“a” — “b”, "c"') and not quotations_only('"a", "b') and not quotations_only('"a\nb"')
    no_space = "x" * (3 * LONG_SENTENCE)  # no place to cut well: cut anyway, every piece bounded
    assert max(end - start for start, end in pieces(no_space)) == PIECE


@pytest.mark.model
def test_a_giant_sentence_is_read_in_pieces_with_exact_offsets_and_its_speakers(nlp):
    from kg import nlp as kg_nlp
    from kg.engine import extract_batch

    topics = ["budget", "bridge", "school", "harbor", "tax", "road", "park", "library"]

    def quotations(n: int, first: int) -> str:
        return ", ".join(f'"the {topics[i % 8]} plan {first + i} is fine"' for i in range(n))

    text = (f"Jane Doe, the mayor of Springfield, said {quotations(150, 0)}, and John Smith, a senator, said "
            f"{quotations(150, 1000)}.")
    [doc] = kg_nlp.read(nlp, [text])
    assert doc.text == text
    assert len(list(doc.sents)) > 1 and max(len(s.text) for s in doc.sents) < len(text) * 0.6
    [result] = extract_batch([Document(id="giant", text=text)])
    said = sorted((t.subject.name, t.object.span.start, t.object.span.end) for t in result.triples
                  if t.relation == "SAID")
    smith = text.index("John Smith")
    assert said == [("Jane Doe", text.index('"the budget plan 0 '), text.rindex('"', 0, smith - 6) + 1),
                    ("John Smith", text.index('"the budget plan 1000 '), len(text) - 1)]
    assert {(t.subject.name, t.object.name) for t in result.triples if t.relation == "HOLDS_ROLE"} == {
        ("Jane Doe", "mayor"), ("John Smith", "senator")}
    for t in result.triples:
        for span in (t.subject.mention, t.object.span, t.cue, t.evidence.sentence):
            if span is not None:
                assert text[span.start:span.end] == span.text


@pytest.mark.model
def test_doc_timeout_turns_a_slow_document_into_a_recorded_skip(tmp_path, nlp, capfd):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    # a sentence parses in milliseconds, ~600,000 characters take many seconds on any machine
    (corpus / "a-small.txt").write_text("Jane Doe, the mayor of Springfield, said the plan works.", encoding="utf-8")
    (corpus / "b-slow.txt").write_text("\n\n".join([seed] * 120), encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    code = main(["extract", str(corpus), "-o", str(out), "-q", "--no-view", "--processes", "1",
                 "--doc-timeout", "2"])
    assert code == 3 and time.monotonic() - started < 60
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["extracted"] == 1
    [skip] = report["skipped"]
    assert skip["doc"] == "b-slow" and skip["reason"].startswith("time limit: parsing took longer than 2 s")
    assert "--doc-timeout" in capfd.readouterr().err
    docs = {json.loads(line)["doc"] for line in (out / "triples.jsonl").read_text().splitlines()}
    assert docs == {"a-small"}


# -- item 4: a stalled server ------------------------------------------------------------------
@pytest.mark.server
def test_a_stalled_server_ends_load_in_one_line_within_bounded_time(graph_server, finished_out_graph):
    from kg import server

    pid = server.status(data_dir=graph_server.data_dir).pid  # (other tests restart the server)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        result = kg("load", str(finished_out_graph), "--data-dir", str(graph_server.data_dir), "--timeout", "3",
                    timeout=120)
        took = time.monotonic() - started
    finally:
        os.kill(pid, signal.SIGCONT)
    assert result.returncode == EXIT_ERROR and took < 60, (took, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did not answer for 3 s" in lines[0], result.stderr
    # the server, resumed, serves the next load
    assert kg("load", str(finished_out_graph), "--data-dir", str(graph_server.data_dir), timeout=300).returncode == 0


# -- item 6: workers die with their parent -----------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(proc.name))
    return out


def _alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.model
@pytest.mark.slow
def test_workers_die_when_the_main_process_is_killed(tmp_path):
    corpus = _seed_corpus(tmp_path / "in", 40)  # over PARALLEL_MIN_CHARS: a real worker pool
    proc = subprocess.Popen([*KG, "extract", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-view",
                             "--processes", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [c for c in _children(proc.pid)
                       if b"multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes()
                       and b"resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes()]
            time.sleep(0.2)
        assert len(workers) >= 2, "no worker pool started"
        time.sleep(3)  # let them get to work
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


# -- item 7: no terminal escapes from the data -------------------------------------------------
def test_tables_show_control_characters_escaped(tmp_path, capsys):
    from kg.graph import save_graph

    text = 'Jeff Sessions said "\x1b]0;pwned\x07 and \x1b[2J gone". Fine.'
    result = _article("esc", text, said="\x1b]0;pwned\x07 and \x1b[2J gone")
    save_graph(_graph(result), tmp_path / "graph.json")
    assert main(["who-said", "--graph", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\x1b[2J" in out


def test_json_lines_are_strict_json_without_raw_controls():
    from kg.cli import _json_line

    line = _json_line({"x": float("nan"), "y": [float("inf")], "t": "a\x9b2Jb\x1b"})
    assert json.loads(line) == {"x": None, "y": [None], "t": "a\x9b2Jb\x1b"}
    assert all(c.isprintable() for c in line)


# -- item 8: the small ones --------------------------------------------------------------------
def test_small_misuses_are_one_line_errors(tmp_path, capfd):
    afile = tmp_path / "afile"
    afile.write_text("x")
    seed = str(SEED)
    assert main(["extract", seed, "-o", str(afile), "-q"]) == EXIT_ERROR
    assert main(["extract", seed, "-o", str(tmp_path / "o"), "-q", "--base-iri", "not an iri"]) == EXIT_ERROR
    assert not (tmp_path / "o" / "triples.jsonl").exists()  # refused before any extraction
    state = tmp_path / "r" / ".kg-state"
    state.mkdir(parents=True)
    (state / "run.json").write_bytes(b"\xff{not json")
    assert main(["extract", seed, "-o", str(tmp_path / "r"), "-q", "--resume"]) == EXIT_ERROR
    assert main(["query", "RETURN $x", "--param", "x=1e400"]) == EXIT_ERROR
    assert main(["query", "RETURN $x", "--param", "x=100000000000000000000000000000"]) == EXIT_ERROR
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 5 and all(line.startswith("kg: error: ") for line in err), err
    assert "is a file" in err[0] and "base IRI" in err[1] and "cannot resume" in err[2]
    with pytest.raises(SystemExit) as usage:
        main(["extract", seed, "-o", str(tmp_path / "p"), "--processes", "0"])
    assert usage.value.code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_outdir_is_one_line(tmp_path, capfd):
    ro = tmp_path / "ro"
    ro.mkdir(mode=0o555)
    assert main(["extract", str(SEED), "-o", str(ro), "-q"]) == EXIT_ERROR
    assert "not writable" in capfd.readouterr().err


def test_symlinked_folders_are_read_once_and_output_folders_never(tmp_path):
    from kg.sources import iter_documents

    corpus = tmp_path / "corpus"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "inside.txt").write_text("Jane Doe said the plan works well for everyone.")
    (corpus / "link").symlink_to(corpus / "real")  # a second way to the same folder
    (corpus / "real" / "loop").symlink_to(corpus)  # a loop back up the tree
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "far.txt").write_text("John Roe said the plan fails for most people.")
    (corpus / "far").symlink_to(elsewhere)
    old_out = corpus / "old-out"  # an earlier run's output folder inside the corpus
    (old_out / ".kg-state").mkdir(parents=True)
    (old_out / "triples.jsonl").write_text('{"id": "t1", "text": "Jane Doe said it."}\n')
    ids = sorted(d.id for d in iter_documents([str(corpus)]))
    assert ids == ["far", "inside"]


# -- item 9 ------------------------------------------------------------------------------------
def test_ids_differing_only_in_a_control_character_stay_distinct_graphml_nodes(tmp_path):
    import networkx as nx

    from kg.export.graphml import write_graphml

    graph = _graph(_article("a\x01", B, said="other words"), _article("a\x02", B, said="other words"))
    write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == graph.graph.number_of_nodes()
    assert back.number_of_edges() == graph.graph.number_of_edges()
    assert {"article:a\\u0001", "article:a\\u0002"} <= set(back.nodes)


READ_STDIN = ("import json, re\nfrom kg.sources import iter_documents\n"
              "items = [[getattr(d, 'id', getattr(d, 'doc', '')), getattr(d, 'reason', '')]\n"
              "         for d in iter_documents(['-'])]\n"
              "peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
              "print(json.dumps({'items': items, 'mb': int(peak) // 1024}))\n")


@pytest.mark.slow
def test_a_300_mb_stdin_line_is_skipped_in_bounded_memory():
    proc = subprocess.Popen([sys.executable, "-c", READ_STDIN], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=False)
    block = b"a" * (1 << 20)
    proc.stdin.write(b'{"id": "big", "text": "')
    for _ in range(300):
        proc.stdin.write(block)
    proc.stdin.write(b'"}\n{"id": "small", "text": "Jane Doe said the plan works well for everyone."}\n')
    proc.stdin.close()
    result = json.loads(proc.stdout.read())
    assert proc.wait() == 0
    [[big, reason], [small, _]] = result["items"]
    assert big == "stdin:1" and reason.startswith("document too large: 314,572,") and small == "small"
    assert result["mb"] < 200  # the line is never held whole (it was: 725 MB)


# -- item 8: the server's small ones -----------------------------------------------------------
@pytest.mark.server
def test_stop_on_a_copied_data_folder_leaves_the_other_server_alone(graph_server, tmp_path):
    from kg import server

    pid = server.status(data_dir=graph_server.data_dir).pid
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("server.pid", "server.json", "credentials"):
        (copy / name).write_bytes((graph_server.data_dir / name).read_bytes())
    result = kg("server", "stop", "--data-dir", str(copy))
    assert result.returncode == EXIT_OK and "was not running" in result.stderr
    assert server.status(data_dir=graph_server.data_dir).pid == pid


@pytest.mark.server
@pytest.mark.slow
def test_two_starts_make_one_server_and_two_first_loads_both_land(tmp_path, finished_out_graph):
    from kg import server

    data = tmp_path / "fresh"
    env = {**os.environ, "KG_SERVER_HEAP": "512m"}
    port = str(server.free_port())
    starts = [subprocess.Popen([*KG, "server", "start", "--data-dir", str(data), "--port", port], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        said = sorted(p.communicate(timeout=300)[1] for p in starts)
        assert [p.returncode for p in starts] == [0, 0], said
        assert "already running" in said[0] and "started" in said[1]
        pid = server.status(data_dir=data).pid
        assert all(f"pid {pid}" in line for line in said)
        loads = [subprocess.Popen([*KG, "load", str(finished_out_graph), "--data-dir", str(data)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in loads]
        assert [code for code, _ in outcomes] == [0, 0], outcomes
    finally:
        server.stop(data_dir=data)
