"""The library's face: docs/api.md and kg/api.py examples run as written; the statement table
round-trips through pandas as CSV and Parquet; the table commands print whole texts."""

from __future__ import annotations

import csv
import doctest
import io
import json
import sys
from pathlib import Path

import pytest

import kg
import kg.api
from kg.cli import main
from kg.graph import STATEMENT_COLUMNS, KnowledgeGraph, save_graph
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id

ROOT = Path(__file__).resolve().parents[1]
LONG = ("We will build the bridge, and we will build it on time, and we will build it under budget, "
        "whatever the council says about it.")
TEXT = f'Ann Lee told reporters: "{LONG}"'


@pytest.mark.model
def test_api_page_examples_run(nlp):
    failures, tried = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 10 and failures == 0


@pytest.mark.model
def test_api_docstring_examples_run(nlp):
    failures, tried = doctest.testmod(kg.api, optionflags=doctest.ELLIPSIS)
    assert tried >= 8 and failures == 0


@pytest.mark.model
def test_extract_works_on_a_plain_string_before_and_after_the_extractors_are_imported(nlp):
    import kg.extractors.quotes  # noqa: F401 - the extractors loaded, as in any run

    triples = kg.extract('Tom Brown said "the plan works."')
    assert [(t.relation, t.subject.name) for t in triples] == [("SAID", "Tom Brown")]
    assert kg.extract(["", 'Ann Lee said "yes, we will."'])[0].evidence.doc == "doc2"
    with pytest.raises(TypeError, match="expected a string"):
        kg.extract([42])


def hand_graph() -> KnowledgeGraph:
    """One quotation with an addressee, in an article with a title, url and date."""
    pid = entity_id("Person", "Ann Lee")
    mention = Span.of(TEXT, 0, 7)
    start = TEXT.index(LONG)
    reporters = EntityRef(entity_id("Group", "reporters"), "reporters", "Group", Span.of(TEXT, 13, 22))
    triple = Triple("SAID", EntityRef(pid, "Ann Lee", "Person", mention),
                    TripleObject(span=Span.of(TEXT, start, start + len(LONG))),
                    Evidence("a1", Span.of(TEXT, 0, len(TEXT)), "quotes", 0.875), cue=Span.of(TEXT, 8, 12),
                    qualifiers=(("mode", "direct"), ("addressee", reporters)))
    g = KnowledgeGraph()
    g.add(DocResult(Document("a1", TEXT, title="Bridge, \"on time\"", url="https://example.org/a1",
                             date="2024-05-01"), [Entity(pid, "Person", "Ann Lee", ("Ann Lee",), (mention,))],
                    [triple]))
    return g


def test_statement_table_round_trips_through_pandas_as_csv_and_parquet(tmp_path):
    pd = pytest.importorskip("pandas", reason="pandas is the optional extra kg[pandas]")
    save_graph(hand_graph(), tmp_path / "graph.json")
    assert main(["export", str(tmp_path), "--format", "csv", "-o", str(tmp_path / "s.csv")]) == 0
    assert main(["export", str(tmp_path), "--format", "parquet", "-o", str(tmp_path / "s.parquet")]) == 0
    from_csv = pd.read_csv(tmp_path / "s.csv", keep_default_na=False)
    from_parquet = pd.read_parquet(tmp_path / "s.parquet")
    for frame in (from_csv, from_parquet):
        assert list(frame.columns) == list(STATEMENT_COLUMNS)
        row = frame.iloc[0]
        assert (row["speaker"], row["cue"], row["statement"], row["addressee"]) == ("Ann Lee", "told", LONG,
                                                                                    "reporters")
        assert (row["article"], row["title"], row["url"], row["date"]) == (
            "a1", 'Bridge, "on time"', "https://example.org/a1", "2024-05-01")
        assert row["sentence"] == TEXT and row["confidence"] == 0.875 and row["mode"] == "direct"
        assert TEXT[int(row["start"]):int(row["end"])] == row["statement"]
        assert row["kind"] == "" and row["mentions"] == ""  # not in this graph: empty, not missing
    assert from_parquet.equals(hand_graph().to_dataframe())


def test_mentions_and_kind_are_read_when_the_graph_has_them():
    g = hand_graph()
    quote = next(n for n, d in g.nodes("Quote"))
    g.graph.add_node("place:lake-city", label="Place", name="Lake City")
    g.graph.add_edge(quote, "place:lake-city", key="MENTIONS", type="MENTIONS")
    for _, _, data in g.edges("SAID"):
        data["kind"] = "claim"
    [row] = g.statements()
    assert (row["kind"], row["mentions"]) == ("claim", "Lake City")


def test_to_dataframe_without_pandas_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "kg\[pandas\]"'):
        hand_graph().to_dataframe()


def test_table_commands_print_whole_texts_as_json_and_csv(tmp_path, capsys):
    save_graph(hand_graph(), tmp_path / "graph.json")
    assert main(["who-said", "--graph", str(tmp_path), "--json"]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["statement"] == LONG and len(LONG) > 70
    assert main(["who-said", "Lee", "--graph", str(tmp_path), "--csv"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["speaker"], row["statement"]) == ("Ann Lee", LONG)
    assert main(["roles", "--graph", str(tmp_path), "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["person,role,qualifier,article"]
