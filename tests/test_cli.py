"""End-to-end: `kg extract` on the seed writes every output, each valid; `kg who-said` reads it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
import rdflib

from kg.cli import build_parser, main
from kg.graph import load_graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "schemas" / "triple.schema.json").read_text())
OUTPUTS = ("triples.jsonl", "graph.json", "graph.graphml", "graph.ttl", "graph.html", "graph.png")

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    assert main(["extract", str(SEEDS), "-o", str(out), "-q"]) == 0
    return out


def test_extract_writes_all_six_outputs(seed_out):
    for name in OUTPUTS:
        assert (seed_out / name).stat().st_size > 0, name


def test_every_triple_line_validates_and_offsets_are_true(seed_out):
    text = (SEEDS / "000_11ef9304a4508b62.txt").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in (seed_out / "triples.jsonl").read_text().splitlines()]
    assert {r["relation"] for r in rows} == {"SAID", "HOLDS_ROLE", "FOUND", "MEMBER_OF"}  # "ACLU lawyers"
    for row in rows:
        jsonschema.validate(row, SCHEMA)
        assert row["doc"] == "000_11ef9304a4508b62"
        spans = [row["subject"]["mention"], row["cue"]] + ([row["object"]] if "start" in row["object"] else [])
        for span in filter(None, spans):
            assert text[span["start"]:span["end"]] == span["text"]


def test_schema_rejects_a_broken_line():
    bad = {"doc": "d", "relation": "SAID", "subject": {"id": "p", "name": "P", "type": "Person"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_turtle_parses_and_graphml_reads(seed_out):
    g = rdflib.Graph().parse(seed_out / "graph.ttl", format="turtle")
    assert len(g) > 50
    graphml = nx.read_graphml(seed_out / "graph.graphml")
    assert graphml.number_of_nodes() == load_graph(seed_out).graph.number_of_nodes()


def test_png_is_a_png(seed_out):
    assert (seed_out / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rerun_gives_identical_triples(seed_out, tmp_path):
    assert main(["extract", str(SEEDS), "-o", str(tmp_path), "-q", "--no-view"]) == 0
    assert (tmp_path / "triples.jsonl").read_text() == (seed_out / "triples.jsonl").read_text()


def test_who_said_prints_the_table(seed_out, capsys):
    assert main(["who-said", "Sessions", "--graph", str(seed_out / "graph.json")]) == 0
    out = capsys.readouterr().out
    assert "SPEAKER" in out and "Jeff Sessions" in out and "take away children" in out
    assert "Rosenstein" not in out


def test_who_said_shows_and_filters_the_kind(seed_out, capsys):
    assert main(["who-said", "--graph", str(seed_out)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert "KIND" in header and any(" speech " in r for r in rows) and any(" thought " in r for r in rows)
    assert main(["who-said", "--kind", "thought", "--graph", str(seed_out)]) == 0
    _header, *thoughts = capsys.readouterr().out.splitlines()
    assert thoughts and len(thoughts) < len(rows) and all(" speech " not in r for r in thoughts)


def test_roles_and_findings_print_their_tables(seed_out, capsys):
    assert main(["roles", "Sessions", "--graph", str(seed_out)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PERSON") and "Attorney General" in out and "former" in out
    assert main(["findings", "--graph", str(seed_out)]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split()[:3] == ["REPORT", "AUTHORS", "CUE"]
    assert len(rows) == 4 and all(row.startswith("Justice Department Inspector") for row in rows), rows
    assert any(row.split("  ")[-1].strip() == "000_11ef9304a4508b62" and " found " in row for row in rows), rows


def test_table_piped_into_head_ends_quietly(seed_out):
    """`kg who-said | head -1` closes the pipe early: no traceback, exit 0."""
    proc = subprocess.run(f"{sys.executable} -m kg.cli who-said --graph {seed_out} | head -1", shell=True,
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.startswith("SPEAKER") and proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr, proc.stderr


def test_triples_name_the_entities_the_graph_merged(tmp_path):
    """"Trump" of one article is the corpus's Donald Trump in triples.jsonl as in graph.json."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text("Donald Trump said the wall would be built.", encoding="utf-8")
    (corpus / "c.txt").write_text("Trump said taxes would fall next year.", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-view"]) == 0
    rows = [json.loads(line) for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()]
    assert {(r["doc"], r["subject"]["id"], r["subject"]["name"]) for r in rows} == {
        (doc, "person:donald-trump", "Donald Trump") for doc in "abc"}
    assert rows[-1]["subject"]["mention"]["text"] == "Trump"
    graph = load_graph(tmp_path / "out")
    assert {r["subject"]["id"] for r in rows} <= set(graph.graph.nodes)
    assert {r["id"] for r in rows} == {d["id"] for _, _, d in graph.edges("SAID")}
    for row in rows:
        jsonschema.validate(row, SCHEMA)


def test_summary_and_progress_go_to_stderr(tmp_path, capfd):
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SEEDS / "000_11ef9304a4508b62.txt", corpus / "a.txt")
    (corpus / "b.txt").write_text("Jane Doe, the mayor, said the bridge would open in May.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    code = main(["extract", str(corpus), "-o", str(tmp_path / "out"), "--no-view"])
    err = capfd.readouterr().err
    assert "documents read: 3, extracted: 2, skipped: 1" in err
    assert "skipped empty: empty document" in err
    assert "triples:" in err and "files written:" in err
    assert code == 3
    docs = {json.loads(line)["doc"] for line in (tmp_path / "out" / "triples.jsonl").read_text().splitlines()}
    assert docs == {"a", "b"}


def test_stdin_and_jsonl_inputs(tmp_path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"id": "n1", "text": "Tom Smith said the plan would fail."}) + "\n", encoding="utf-8")
    assert main(["extract", str(jsonl), "-o", str(tmp_path / "o1"), "-q", "--no-view"]) == 0
    row = json.loads((tmp_path / "o1" / "triples.jsonl").read_text().splitlines()[0])
    assert row["doc"] == "n1" and row["subject"]["name"] == "Tom Smith"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "extract", "-", "-o", str(tmp_path / "o2"), "-q",
                           "--no-view"], input="Tom Smith said the plan would fail.", text=True,
                          capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "o2" / "triples.jsonl").read_text().splitlines()[0])["doc"] == "stdin"


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert {"extract", "who-said"} <= set(sub.choices)
    for name, command in sub.choices.items():
        assert command.description or command.format_help(), name
        assert sub._choices_actions and any(c.dest == name and c.help for c in sub._choices_actions), name
