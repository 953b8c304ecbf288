"""Neo4j loading and the local graph server: rows, Cypher, real loads, restarts, the CLI.

The ``server`` tests run against the real local server of the ``graph_server`` session fixture
(ArcadeDB with its Bolt plugin, spoken to by the official neo4j driver); no mocks. Facts are
pinned twice: on a small graph built by hand from kg.model records (independent of extraction
quality) and on the seed article run through the real model.
"""

from __future__ import annotations

import csv
import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kg.export import neo4j as n4
from kg.export import neo4j_admin
from kg.graph import NODE_LABELS, KnowledgeGraph, to_node_link
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id

HOSTILE = "x}) DETACH DELETE n //"
TEXT = ('Jeff Sessions told prosecutors: "We need to take away children." '
        "Former Deputy Attorney General Rod Rosenstein agreed. "
        f'{HOSTILE} said "this is only a name" to the ACLU.')


def _span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span.of(text, at, at + len(needle))


def _ref(kind: str, name: str, mention: Span) -> EntityRef:
    return EntityRef(id=entity_id(kind, name), name=name, type=kind, mention=mention)


def hand_result(doc_id: str = "hand-1", text: str = TEXT) -> DocResult:
    """One article with the facts issue 7 checks, built from records (no model)."""
    sessions = _ref("Person", "Jeff Sessions", _span(text, "Jeff Sessions"))
    prosecutors = _ref("Group", "prosecutors", _span(text, "prosecutors"))
    rosenstein = _ref("Person", "Rod Rosenstein", _span(text, "Rod Rosenstein"))
    hostile = _ref("Person", HOSTILE, _span(text, HOSTILE))
    aclu = _ref("Organization", "ACLU", _span(text, "ACLU"))
    sentence = Span.of(text, 0, len(text))

    def ev(extractor: str) -> Evidence:
        return Evidence(doc=doc_id, sentence=sentence, extractor=extractor, confidence=0.9)

    role = _span(text, "Deputy Attorney General")
    triples = [
        Triple("SAID", sessions, TripleObject(span=_span(text, "We need to take away children.")), ev("hand"),
               cue=_span(text, "told"), qualifiers=(("mode", "direct"), ("addressee", prosecutors))),
        Triple("HOLDS_ROLE", rosenstein, TripleObject(id=entity_id("Role", "Deputy Attorney General"),
                                                      name="Deputy Attorney General", type="Role", span=role),
               ev("hand"), qualifiers=(("qualifier", "former"),)),
        Triple("SAID", hostile, TripleObject(span=_span(text, "this is only a name")), ev("hand"),
               cue=_span(text, "said", text.index(HOSTILE)), qualifiers=(("mode", "direct"), ("addressee", aclu))),
    ]
    entities = [Entity(r.id, r.type, r.name, aliases=(r.name,), mentions=(r.mention,))
                for r in (sessions, prosecutors, rosenstein, hostile, aclu)]
    return DocResult(document=Document(id=doc_id, text=text, title="Hand-made"), entities=entities, triples=triples)


def hand_graph() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.add(hand_result())
    return graph


def big_graph(articles: int = 50, per_article: int = 12) -> KnowledgeGraph:
    """Enough rows for a load of many transactions (speakers recur across articles, so they merge)."""
    graph = KnowledgeGraph()
    for a in range(articles):
        lines = [f'Speaker {(a + i) % 40} said "statement {i} of article {a}".' for i in range(per_article)]
        text = " ".join(lines)
        entities, triples, at = [], [], 0
        for i, line in enumerate(lines):
            name = f"Speaker {(a + i) % 40}"
            ref = _ref("Person", name, Span.of(text, at, at + len(name)))
            quote = _span(text, f"statement {i} of article {a}", at)
            entities.append(Entity(ref.id, "Person", name, aliases=(name,), mentions=(ref.mention,)))
            triples.append(Triple("SAID", ref, TripleObject(span=quote),
                                  Evidence(doc=f"big-{a}", sentence=Span.of(text, at, at + len(line)),
                                           extractor="hand", confidence=1.0),
                                  cue=_span(text, "said", at), qualifiers=(("mode", "direct"),)))
            at += len(line) + 1
        graph.add(DocResult(document=Document(id=f"big-{a}", text=text), entities=entities, triples=triples))
    return graph


# -- pure: rows and Cypher ---------------------------------------------------------------
def test_constraints_cover_every_label():
    statements = n4.constraint_statements()
    assert len(statements) == len(NODE_LABELS)
    for label in NODE_LABELS:
        assert f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" \
            in statements


def test_named_queries_are_there_and_parameterised():
    queries = n4.named_queries()
    assert {"who_said", "roles", "findings", "most_quoted", "addressed_to", "said_about", "named_as"} <= set(queries)
    assert "$name" in queries["who_said"] and "$limit" in queries["most_quoted"]


def test_cypher_comes_from_the_closed_vocabulary_only():
    assert n4.node_query("Quote") == "UNWIND $rows AS row MERGE (n:Quote {id: row.id}) SET n += row.props"
    assert "MERGE (n:Person {id: row.id})" in n4.node_query("Person")
    with pytest.raises(ValueError):
        n4.node_query("Person) DETACH DELETE n //")
    with pytest.raises(ValueError):
        n4.relationship_query("SAID]->() DELETE r //", "Person", "Quote")


def test_rows_keep_hostile_text_in_parameters():
    graph = hand_graph()
    nodes = n4.node_rows(graph)
    assert set(nodes) <= set(NODE_LABELS)
    hostile = [r for r in nodes["Person"] if r["props"]["name"] == HOSTILE]
    assert len(hostile) == 1 and hostile[0]["props"]["aliases"] == [HOSTILE]
    queries = [n4.node_query(label) for label in nodes]
    queries += [n4.relationship_query(*group) for group in n4.relationship_rows(graph)]
    assert not any(HOSTILE in q or "DETACH" in q for q in queries)


def test_rows_are_deterministic_and_complete():
    graph = hand_graph()
    rels = n4.relationship_rows(graph)
    assert n4.relationship_rows(hand_graph()) == rels and n4.node_rows(hand_graph()) == n4.node_rows(graph)
    assert sum(len(v) for v in n4.node_rows(graph).values()) == graph.graph.number_of_nodes()
    assert sum(len(v) for v in rels.values()) == graph.graph.number_of_edges()
    ids = [r["id"] for rows in rels.values() for r in rows]
    assert len(ids) == len(set(ids))


def test_connection_hides_the_password():
    conn = n4.connection(env={"NEO4J_URI": "neo4j://db.example:7687", "NEO4J_USERNAME": "alice",
                              "NEO4J_PASSWORD": "s3cret-pw", "NEO4J_DATABASE": "news"})
    assert (conn.uri, conn.user, conn.database, conn.password) == ("neo4j://db.example:7687", "alice", "news",
                                                                     "s3cret-pw")
    assert "s3cret-pw" not in repr(conn) and "s3cret-pw" not in conn.describe()


def test_no_server_is_a_clear_error(tmp_path):
    with pytest.raises(n4.LoadError, match="kg server start"):
        n4.connection(data_dir=tmp_path, env={})


def test_neo4j_admin_csv(tmp_path):
    graph = hand_graph()
    files = neo4j_admin.write_csv(graph, tmp_path)
    names = {p.name for p in files}
    assert {"nodes_Person.csv", "nodes_Quote.csv", "rels_SAID_Person_Quote.csv", "neo4j-admin-import.sh"} <= names
    with (tmp_path / "nodes_Person.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["id:ID(Person)", ":LABEL"] and "aliases:string[]" in rows[0]
    assert "mentions:long" in rows[0]
    assert any(HOSTILE in row for row in rows[1:])
    with (tmp_path / "rels_SAID_Person_Quote.csv").open(encoding="utf-8", newline="") as handle:
        rels = list(csv.reader(handle))
    assert rels[0][:4] == [":START_ID(Person)", ":END_ID(Quote)", ":TYPE", "id"]
    assert len(rels) - 1 == sum(1 for _ in graph.edges("SAID"))
    script = (tmp_path / "neo4j-admin-import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--nodes=nodes_Person.csv" in script


def _tool(folder, name: str, body: str) -> None:
    """A stand-in for a Neo4j command-line tool that is not installed here: it logs its arguments."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "$KG_TOOL_LOG"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)


def test_neo4j_admin_script_imports_then_creates_constraints_and_overwrites_when_asked(tmp_path):
    out, tools = tmp_path / "import", tmp_path / "bin"
    tools.mkdir()
    neo4j_admin.write_csv(hand_graph(), out)
    assert (out / "constraints.cypher").read_text().count("CREATE CONSTRAINT") == len(NODE_LABELS)
    _tool(tools, "neo4j-admin", "exit 0")
    _tool(tools, "cypher-shell", "exit 0")
    env = {"PATH": f"{tools}:/usr/bin:/bin", "KG_TOOL_LOG": str(tmp_path / "log")}
    subprocess.run(["sh", str(out / "neo4j-admin-import.sh")], env=env, check=True, capture_output=True)
    calls = (tmp_path / "log").read_text().splitlines()
    assert calls[0].startswith("neo4j-admin database import full neo4j ") and "overwrite" not in calls[0]
    assert calls[-1].endswith("-d neo4j -f constraints.cypher")
    (tmp_path / "log").unlink()
    subprocess.run(["sh", str(out / "neo4j-admin-import.sh"), "--overwrite"], env=env, check=True, capture_output=True)
    assert (tmp_path / "log").read_text().splitlines()[0].endswith("--overwrite-destination=true")
    # a database that never answers: the script says what to run, and fails
    _tool(tools, "cypher-shell", "exit 1")
    done = subprocess.run(["sh", str(out / "neo4j-admin-import.sh")], env={**env, "KG_WAIT": "0"},
                          capture_output=True, text=True)
    assert done.returncode == 3 and "cypher-shell -d neo4j -f constraints.cypher" in done.stderr


# -- against the real local server -----------------------------------------------------------
def _conn(info) -> n4.Connection:
    return n4.Connection(uri=info.uri, user=info.user, password=info.password(), database=info.database, local=True)


@pytest.fixture
def driver(graph_server):
    """A driver on the session server, its kg database emptied first."""
    with _conn(graph_server).driver() as drv:
        n4.wipe(drv, database=graph_server.database)
        yield drv


def _facts(drv, database: str) -> tuple[list, list]:
    addressed = n4.run_query(drv, "MATCH (s:Person)-[r:SAID]->(q:Quote)-[:ADDRESSED_TO]->(x) "
                                  "WHERE s.name CONTAINS 'Sessions' AND q.text CONTAINS $quote "
                                  "RETURN toLower(x.name) AS addressee, r.cue AS cue",
                             {"quote": "We need to take away children"}, database=database)
    roles = n4.run_query(drv, "MATCH (p:Person {name: 'Rod Rosenstein'})-[h:HOLDS_ROLE]->(r:Role) "
                              "RETURN r.name AS role, h.qualifier AS qualifier", database=database)
    return addressed, roles


@pytest.mark.server
def test_server_speaks_bolt_as_neo4j_5(graph_server, driver):
    assert driver.get_server_info().agent.startswith("Neo4j/5")
    assert n4.run_query(driver, "RETURN 1 + 1 AS two", database=graph_server.database) == [{"two": 2}]


@pytest.mark.server
def test_load_hand_graph_facts_and_idempotence(graph_server, driver):
    db, graph = graph_server.database, hand_graph()
    report = n4.load(graph, driver, database=db, batch_size=2)
    assert sum(report.nodes.values()) == graph.graph.number_of_nodes()
    addressed, roles = _facts(driver, db)
    assert {"addressee": "prosecutors", "cue": "told"} in addressed
    assert {"role": "Deputy Attorney General", "qualifier": "former"} in roles
    first = n4.counts(driver, database=db)
    assert first == graph.counts()
    before = n4.snapshot(driver, database=db)
    n4.load(graph, driver, database=db)
    assert n4.counts(driver, database=db) == first
    assert n4.snapshot(driver, database=db) == before


@pytest.mark.server
def test_hostile_name_loads_as_data(graph_server, driver):
    db = graph_server.database
    n4.load(hand_graph(), driver, database=db)
    rows = n4.run_query(driver, "MATCH (p:Person {name: $name})-[:SAID]->(q:Quote) RETURN p.aliases AS aliases, "
                                "q.text AS text", {"name": HOSTILE}, database=db)
    assert rows == [{"aliases": [HOSTILE], "text": "this is only a name"}]
    assert n4.counts(driver, database=db) == hand_graph().counts()  # nothing was deleted


@pytest.mark.server
def test_new_articles_merge_into_existing_entities(graph_server, driver):
    db = graph_server.database
    n4.load(hand_graph(), driver, database=db)
    later = KnowledgeGraph()
    later.add(hand_result("hand-2", "A week later: " + TEXT))
    n4.load(later, driver, database=db)
    both = hand_graph()
    both.add(hand_result("hand-2", "A week later: " + TEXT))
    assert n4.counts(driver, database=db) == both.counts()
    rows = n4.run_query(driver, "MATCH (p:Person {id: $id}) RETURN p.mentions AS mentions",
                        {"id": entity_id("Person", "Jeff Sessions")}, database=db)
    assert rows == [{"mentions": 2}]


@pytest.mark.server
@pytest.mark.model
def test_seed_loads_with_its_facts_and_twice_changes_nothing(graph_server, driver, seed_result):
    db, graph = graph_server.database, KnowledgeGraph()
    graph.add(seed_result)
    n4.load(graph, driver, database=db)
    counts = n4.counts(driver, database=db)
    assert counts == graph.counts()
    addressed, roles = _facts(driver, db)
    assert "prosecutors" in {row["addressee"] for row in addressed}
    assert {"role": "Deputy Attorney General", "qualifier": "former"} in roles
    named = {row["entity"]: row for row in
             n4.run_query(driver, n4.named_queries()["named_as"], {"name": "Trump"}, database=db)}
    trump = graph.graph.out_edges("person:donald-trump", data=True)
    [(count, forms)] = [(d["count"], d["forms"]) for _u, _v, d in trump if d.get("type") == "MENTIONED_IN"]
    assert (named["Donald Trump"]["mentions"], named["Donald Trump"]["forms"]) == (count, forms)
    assert {"Donald Trump", "Trump", "The president"} <= set(named["Donald Trump"]["forms"])  # how it named him
    n4.load(graph, driver, database=db)
    assert n4.counts(driver, database=db) == counts


def _kill_when(info, done: list[int], after: int) -> threading.Thread:
    """SIGKILL the server once ``after`` batches are committed: mostly in the middle of the next one."""
    from kg import server

    def watch() -> None:
        deadline = time.monotonic() + 120
        while len(done) < after and time.monotonic() < deadline:
            time.sleep(0.005)
        server.kill(data_dir=info.data_dir)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def _reference_then_wipe(graph_server, driver) -> tuple[str, KnowledgeGraph, object]:
    """Load the big graph once for the snapshot an interrupted load must end up equal to, then wipe it."""
    db, graph = graph_server.database, big_graph()
    n4.load(graph, driver, database=db, batch_size=150)
    reference = n4.snapshot(driver, database=db)
    n4.wipe(driver, database=db)
    return db, graph, reference


@pytest.mark.server
@pytest.mark.slow
def test_killed_mid_load_then_rerun_gives_the_same_graph(graph_server, driver):
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    from kg import server

    db, graph, reference = _reference_then_wipe(graph_server, driver)
    done: list[int] = []
    conn = _conn(graph_server)
    watcher = _kill_when(graph_server, done, after=5)
    with conn.driver(retry_seconds=2.0) as short, pytest.raises((ServiceUnavailable, SessionExpired, Neo4jError)):
        n4.load(graph, short, database=db, batch_size=150, progress=lambda what, n: done.append(n))
    watcher.join()
    assert len(done) >= 5
    server.start(port=graph_server.port, data_dir=graph_server.data_dir)
    with conn.driver() as fresh:
        partial = n4.counts(fresh, database=db)
        written = sum(partial["nodes"].values()) + sum(partial["edges"].values())
        assert written < graph.graph.number_of_nodes() + graph.graph.number_of_edges()  # the kill did interrupt it
        n4.load(graph, fresh, database=db, batch_size=150)
        assert n4.snapshot(fresh, database=db) == reference


@pytest.mark.server
@pytest.mark.slow
def test_load_rides_out_a_server_restart(graph_server, driver):
    """The driver retries the batch the restart broke; the finished load equals an uninterrupted one."""
    from kg import server

    db, graph, reference = _reference_then_wipe(graph_server, driver)
    done: list[int] = []
    restarted: list[object] = []

    def restart() -> None:
        _kill_when(graph_server, done, after=5).join()
        restarted.append(server.start(port=graph_server.port, data_dir=graph_server.data_dir))

    thread = threading.Thread(target=restart, daemon=True)
    thread.start()
    with _conn(graph_server).driver(retry_seconds=90.0) as patient:
        n4.load(graph, patient, database=db, batch_size=150, progress=lambda what, n: done.append(n))
        thread.join()
        assert restarted
        assert n4.snapshot(patient, database=db) == reference


@pytest.mark.server
def test_server_errors_are_clear(graph_server, tmp_path):
    from kg import server

    with pytest.raises(server.ServerError, match="already in use"):
        server.start(port=graph_server.port, data_dir=tmp_path / "other")
    assert server.start(data_dir=graph_server.data_dir).pid == server.status(data_dir=graph_server.data_dir).pid
    with pytest.raises(server.ServerError, match="did not come up in"):
        server.start(port=server.free_port(), data_dir=tmp_path / "slow", timeout=0.5)
    assert server.status(data_dir=tmp_path / "slow") is None


# -- the command line, end to end -------------------------------------------------------------
@pytest.fixture
def saved_graph(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text(json.dumps(to_node_link(hand_graph())), encoding="utf-8")
    return out


@pytest.mark.server
def test_cli_load_query_who_said_roles_findings(graph_server, driver, saved_graph, capsys, monkeypatch):
    from kg.cli import main

    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    where = ["--data-dir", str(graph_server.data_dir)]
    password = graph_server.password()

    assert main(["load", str(saved_graph), "--batch-size", "3", *where]) == 0
    assert main(["load", str(saved_graph), "--wipe", *where]) == 0
    assert n4.counts(driver, database=graph_server.database) == hand_graph().counts()
    capsys.readouterr()

    assert main(["who-said", "Sessions", *where]) == 0
    out = capsys.readouterr().out
    assert "Jeff Sessions" in out and "We need to take away children." in out and HOSTILE not in out

    # --uri naming the local server borrows its credentials (the demo passes bolt://localhost:PORT)
    assert main(["who-said", "Sessions", "--uri", f"bolt://localhost:{graph_server.port}", *where]) == 0
    assert "We need to take away children." in capsys.readouterr().out

    assert main(["roles", "rosenstein", *where]) == 0
    out = capsys.readouterr().out
    assert "Deputy Attorney General" in out and "former" in out

    assert main(["findings", *where]) == 0
    assert "(no rows)" in capsys.readouterr().out

    assert main(["query", "MATCH (p:Person {name: $name}) RETURN p.name AS name, p.mentions AS mentions",
                 "--param", f"name={HOSTILE}", "--json", *where]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [{"name": HOSTILE, "mentions": 1}]

    assert main(["server", "status", *where]) == 0
    captured = capsys.readouterr()
    assert "running" in captured.out and str(graph_server.port) in captured.out
    from kg import server

    http = server.status(data_dir=graph_server.data_dir).http_port  # a restart test may have moved it
    assert f"HTTP port {http}: http://127.0.0.1:{http}: ArcadeDB's HTTP API, ready" in captured.out
    assert password not in captured.out + captured.err

    assert main(["query", "MATCH (n", *where]) == 1
    assert "kg: error:" in capsys.readouterr().err

    # the saved graph answers the same questions without a server
    assert main(["roles", "rosenstein", "--graph", str(saved_graph)]) == 0
    assert "former" in capsys.readouterr().out


def test_cli_without_server_or_uri_says_what_to_do(tmp_path, capsys, monkeypatch):
    from kg.cli import main

    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["who-said", "--data-dir", str(tmp_path)]) == 1
    assert "kg server start" in capsys.readouterr().err
    assert main(["server", "status", "--data-dir", str(tmp_path)]) == 3


def test_rows_carry_kind_and_part_offsets():
    from kg.graph import KnowledgeGraph
    from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject

    text = '"We tried," Ellen Park said at noon. "We ran out of money."'
    park = EntityRef("person:ellen-park", "Ellen Park", "Person", Span.of(text, 12, 22))
    second = text.index('"We ran')
    t = Triple("SAID", park, TripleObject(span=Span.of(text, 0, len(text)),
                                          parts=(Span.of(text, 0, 11), Span.of(text, second, len(text)))),
               Evidence("d", Span.of(text, 0, len(text)), "quotes.rules/2", 0.8), cue=Span.of(text, 23, 27),
               qualifiers=(("mode", "direct"), ("kind", "speech")))
    g = KnowledgeGraph()
    g.add(DocResult(Document("d", text), [Entity(park.id, "Person", "Ellen Park", ("Ellen Park",))], [t]))
    (quote,) = n4.node_rows(g)["Quote"]
    assert quote["props"]["part_starts"] == [0, second] and quote["props"]["part_ends"] == [11, len(text)]
    (said,) = n4.relationship_rows(g)[("SAID", "Person", "Quote")]
    assert said["props"]["kind"] == "speech"


@pytest.mark.server
def test_refused_credentials_say_where_the_password_comes_from(graph_server, tmp_path, capsys, monkeypatch):
    """A data folder whose password is not the running server's (another --data-dir, a stale copy)."""
    import shutil

    from kg.cli import main

    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    stale = tmp_path / "stale"
    stale.mkdir()
    for name in ("server.json", "server.pid"):
        shutil.copy(graph_server.data_dir / name, stale / name)
    (stale / "credentials").write_text("not-the-password\n", encoding="utf-8")
    assert main(["who-said", "--data-dir", str(stale)]) == 1
    err = capsys.readouterr().err
    assert "refused the credentials" in err and "--data-dir" in err and "KG_SERVER_DIR" in err
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{graph_server.port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong")
    assert main(["who-said"]) == 1
    err = capsys.readouterr().err
    assert "NEO4J_PASSWORD" in err and "KG_SERVER_DIR" in err and "wrong" not in err
