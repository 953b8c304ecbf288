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
    assert extract(a, "-o", out) == EXIT_OK  # the same command again rewrites its own output
    before = files(out)
    assert extract(b, "-o", out) == EXIT_ERROR  # another corpus over a kg output: refused...
    assert "holds another kg run's output" in capfd.readouterr().err and files(out) == before
    assert extract(b, "-o", out, "--force") == EXIT_OK  # ...unless asked
    assert {r["doc"] for r in map(json.loads, (out / "triples.jsonl").read_text().splitlines())} == {
        f"art{i:02d}" for i in range(6, 12)}
