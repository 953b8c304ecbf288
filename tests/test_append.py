"""A growing corpus (``--append``) and an output folder that is never destroyed by mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED, main
from kg.graph import load_graph

pytestmark = pytest.mark.model

PEOPLE = ["Jane Doe", "Tom Smith", "Ann Lee", "Carlos Ruiz"]
OUTPUTS = ("triples.jsonl", "graph.json", "graph.graphml", "graph.ttl")


def write_articles(folder: Path, numbers: range) -> Path:
    """Small articles; the later ones name people by surname only, so the corpus-wide
    short-name merge ("Lee" is Ann Lee) must see old and new articles together."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        who = PEOPLE[i % len(PEOPLE)]
        name = who if i < 6 else who.split()[-1]
        (folder / f"art{i:02d}.txt").write_text(
            f'{name} said "the bridge number {i} will open in May" on Monday. '
            f"{who}, the mayor, told reporters that the budget would rise by {i} percent.", encoding="utf-8")
    return folder


def files(out: Path) -> dict[str, bytes]:
    """Every file under ``out``, hidden state included."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def extract(*args: object) -> int:
    return main(["extract", *map(str, args), "-q", "--no-view"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp) -> tuple[Path, Path, Path]:
    """Folders A (articles 0-5) and B (6-11), and one run over both."""
    root = tmp_path_factory.mktemp("append")
    a, b = write_articles(root / "a", range(6)), write_articles(root / "b", range(6, 12))
    assert extract(a, b, "-o", root / "both") == EXIT_OK
    return a, b, root / "both"


def test_extract_then_append_equals_one_run_over_both(corpus, tmp_path, capfd):
    a, b, both = corpus
    out = tmp_path / "out"
    assert extract(a, "-o", out) == EXIT_OK
    assert extract(b, "-o", out, "--append") == EXIT_OK
    assert "appended to 6 documents already in the folder" in capfd.readouterr().err
    for name in OUTPUTS:  # same entities, triples and ids, byte for byte
        assert (out / name).read_bytes() == (both / name).read_bytes(), name
    graph = load_graph(out).graph
    assert "person:lee" not in graph and graph.nodes["person:ann-lee"]["mentions"] >= 6  # merged across runs
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["kept"], report["extracted"], report["already_present"]) == (6, 6, 0)


def test_appending_documents_already_there_changes_nothing(corpus, tmp_path):
    a, _b, _both = corpus
    out = tmp_path / "out"
    assert extract(a, "-o", out) == EXIT_OK
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    renamed = tmp_path / "renamed"  # the same texts under other names: left out by content hash
    renamed.mkdir()
    for path in a.iterdir():
        (renamed / f"copy-{path.name}").write_bytes(path.read_bytes())
    assert extract(a, renamed, "-o", out, "--append") == EXIT_OK
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["kept"], report["extracted"], report["already_present"]) == (6, 0, 12)


def test_an_id_already_there_with_another_text_is_a_recorded_skip(corpus, tmp_path):
    a, _b, _both = corpus
    out = tmp_path / "out"
    assert extract(a, "-o", out) == EXIT_OK
    before = (out / "triples.jsonl").read_bytes()
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "art00.txt").write_text('Bo Park said "no bridge this year" on Friday.', encoding="utf-8")
    assert extract(changed, "-o", out, "--append") == EXIT_SKIPPED
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [s["doc"] for s in report["skipped"]] == ["art00"]
    assert "already in the output folder with a different text" in report["skipped"][0]["reason"]
    assert (out / "triples.jsonl").read_bytes() == before


def test_append_needs_a_kg_output_and_its_settings(corpus, tmp_path, capfd):
    a, b, _both = corpus
    assert extract(b, "-o", tmp_path / "new", "--append") == EXIT_ERROR
    assert "--append adds to a folder written by kg extract" in capfd.readouterr().err
    out = tmp_path / "out"
    assert extract(a, "-o", out) == EXIT_OK
    assert extract(b, "-o", out, "--append", "--max-chars", "5000") == EXIT_ERROR
    assert "cannot append: max_chars differ" in capfd.readouterr().err


def test_missing_input_exits_1_and_leaves_the_output_folder_byte_identical(corpus, tmp_path, capfd):
    a, _b, _both = corpus
    out = tmp_path / "out"
    assert main(["extract", str(a), "-o", str(out), "-q"]) == EXIT_OK  # with the view: every file
    before = files(out)
    capfd.readouterr()
    assert main(["extract", str(tmp_path / "missing.txt"), "-o", str(out), "-q"]) == EXIT_ERROR
    err = capfd.readouterr().err
    assert f"no such file or folder: {tmp_path / 'missing.txt'}" in err and "nothing written" in err
    assert "E-1" not in err and "W-1" not in err  # no bokeh validation noise
    assert files(out) == before
    assert extract(tmp_path / "missing", "-o", tmp_path / "fresh") == EXIT_ERROR
    assert not (tmp_path / "fresh").exists()


def test_a_folder_holding_something_else_needs_force(corpus, tmp_path, capfd):
    a, b, _both = corpus
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    assert extract(a, "-o", mine) == EXIT_ERROR
    assert "pass --force" in capfd.readouterr().err and sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    out = tmp_path / "out"
    assert extract(a, "-o", out) == EXIT_OK
    assert extract(a, "-o", out, "--max-chars", "500000") == EXIT_OK  # the same inputs again: its own output
    before = files(out)
    assert extract(b, "-o", out) == EXIT_ERROR  # another corpus over a kg output: refused...
    assert "holds another kg run's output" in capfd.readouterr().err and files(out) == before
    assert extract(b, "-o", out, "--force") == EXIT_OK  # ...unless asked
    assert {r["doc"] for r in map(json.loads, (out / "triples.jsonl").read_text().splitlines())} == {
        f"art{i:02d}" for i in range(6, 12)}


def unordered(snapshot: tuple[list, list]) -> tuple[list, list]:
    """A server snapshot with list properties as sets: a MERGE adds new aliases after the ones the
    server has, so the order of aliases depends on the order of loads, not on what is known."""
    def norm(row: dict) -> str:
        props = {k: sorted(v) if isinstance(v, list) else v for k, v in row["props"].items()}
        return json.dumps({**row, "props": props}, sort_keys=True, default=str)

    return sorted(map(norm, snapshot[0])), sorted(map(norm, snapshot[1]))


@pytest.mark.server
def test_load_after_append_sends_only_what_changed_and_ends_as_a_full_load(corpus, graph_server, tmp_path, capfd,
                                                                           monkeypatch):
    from kg.export import neo4j as n4

    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    a, b, both = corpus
    where = ["--data-dir", str(graph_server.data_dir)]
    db = graph_server.database
    conn = n4.Connection(uri=graph_server.uri, user=graph_server.user, password=graph_server.password(),
                         database=db, local=True)
    with conn.driver() as driver:
        n4.wipe(driver, database=db)
        assert main(["load", str(both), *where]) == EXIT_OK  # the reference: one load of one run over A+B
        reference = unordered(n4.snapshot(driver, database=db))
        n4.wipe(driver, database=db)
        out = tmp_path / "out"
        assert extract(a, "-o", out) == EXIT_OK
        assert main(["load", str(out), *where]) == EXIT_OK
        assert extract(b, "-o", out, "--append") == EXIT_OK
        capfd.readouterr()
        assert main(["load", str(out), *where]) == EXIT_OK
        err = capfd.readouterr().err
        assert "rows unchanged since this folder's last load, not sent" in err
        assert unordered(n4.snapshot(driver, database=db)) == reference  # what changed was sent: the same graph
        assert main(["load", str(out), *where]) == EXIT_OK  # a third load: nothing left to send
        assert "loaded into" in (err := capfd.readouterr().err) and " 0 nodes, 0 relationships" in err
        n4.wipe(driver, database=db)  # the database changed behind the folder's back: everything is sent
        assert main(["load", str(out), *where]) == EXIT_OK
        assert unordered(n4.snapshot(driver, database=db)) == reference


@pytest.mark.server
def test_a_corrected_article_reloaded_replaces_only_itself_and_ends_as_a_fresh_load(graph_server, tmp_path, capfd,
                                                                                   monkeypatch, nlp):
    """Incremental load and article replacement together: the unchanged articles are neither
    deleted nor sent again, the corrected one loses its old facts and gets all its new ones."""
    from kg.export import neo4j as n4

    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    inputs, out = write_articles(tmp_path / "in", range(3)), tmp_path / "out"
    where = ["--data-dir", str(graph_server.data_dir)]
    db = graph_server.database
    conn = n4.Connection(uri=graph_server.uri, user=graph_server.user, password=graph_server.password(),
                         database=db, local=True)
    with conn.driver() as driver:
        n4.wipe(driver, database=db)
        assert extract(inputs, "-o", out) == EXIT_OK
        assert main(["load", str(out), *where]) == EXIT_OK
        (inputs / "art02.txt").write_text('Ann Lee said "the ferry will stop in June" on Friday.', encoding="utf-8")
        assert extract(inputs, "-o", out) == EXIT_OK  # the same inputs again: its own output, rewritten
        capfd.readouterr()
        assert main(["load", str(out), *where]) == EXIT_OK
        assert "rows unchanged since this folder's last load, not sent" in capfd.readouterr().err
        incremental = unordered(n4.snapshot(driver, database=db))
        said = " | ".join(r["statement"] for r in n4.run_named(driver, "who_said", {"name": None, "kind": None},
                                                                 database=db))
        n4.wipe(driver, database=db)
        assert main(["load", str(out), *where]) == EXIT_OK
        fresh = unordered(n4.snapshot(driver, database=db))
        n4.wipe(driver, database=db)
    assert incremental == fresh
    assert "the ferry will stop in June" in said and "the bridge number 2 will open in May" not in said
    assert "the bridge number 0 will open in May" in said  # an unchanged article kept its facts
