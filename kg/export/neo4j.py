"""Neo4j loading: the knowledge graph into Neo4j 5 (or the local ``kg server``) over Bolt.

Follows neo4j-graphrag-python's writer: rows are built by pure functions from the
:class:`~kg.graph.KnowledgeGraph` (``node_rows``, ``relationship_rows``); each label and each
relationship type has one static ``UNWIND $rows AS row MERGE ... SET ... += row.props`` statement,
built from the closed vocabulary of :mod:`kg.graph` (never from text, so a name like
``x}) DETACH DELETE n //`` is only ever a parameter value); uniqueness constraints on every
label's ``id`` (``schemas/neo4j.cypher``) run before the first MERGE, so MERGE finds nodes through
an index and loading twice changes nothing. Nodes go before relationships, in batches, each batch
one managed write transaction: the driver retries it on transient errors and lost connections
(a server restart mid-load), and since every batch is an idempotent MERGE, a load interrupted
at any point and run again yields exactly the graph of an uninterrupted load. No APOC.

Loading an article that the server already holds *replaces* its facts, unless it is unchanged
since this folder's last load to that database (its rows' fingerprint, :mod:`kg.export.loaded`;
an unchanged article is neither deleted nor sent). One transaction per batch of such articles
(:func:`_replace`) deletes their statements (Quote, Finding, with their edges), their
HOLDS_ROLE, WORKS_FOR, MEMBER_OF and MENTIONED_IN edges, and any entity or role left with no edge
at all (:func:`_forget`; entities other articles mention stay), then writes all their rows and
recounts the mentions of the entities they touch; a failure anywhere in it rolls it back whole,
so a reader or a crash sees an article's old facts or its new ones, never neither. So a
corrected, re-extracted article loaded again leaves no stale fact behind. Articles the server
does not hold yet go in the batched MERGEs with everything else.

Named read queries live in ``schemas/queries.cypher`` (:func:`named_queries`).
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.graph import EDGE_TYPES, ENTITY_LABELS, NODE_LABELS, KnowledgeGraph, article_id, edge_id
from kg.model import stable_hash
from kg.schemas_dir import schema_file

DEFAULT_BATCH_SIZE = 5000
FORGET_BATCH = 200  # articles whose old facts one transaction deletes
RETRY_SECONDS = 60.0  # how long the driver keeps retrying one batch (covers a server restart)
_NAME = re.compile(r"^//\s*name:\s*(\w+)\s*$")


class LoadError(Exception):
    """The graph could not be loaded or queried; the message names the server, never the password."""


# entity-to-entity edges that belong to the article that states them (their ``doc``)
ARTICLE_EDGES = ("HOLDS_ROLE", "WORKS_FOR", "MEMBER_OF")

def _statements(text: str) -> list[str]:
    """Cypher statements of a file: comment lines dropped, split on ``;``."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [st.strip() for st in body.split(";") if st.strip()]


def constraint_statements() -> list[str]:
    """The ``CREATE CONSTRAINT ... IF NOT EXISTS`` statements of ``schemas/neo4j.cypher``."""
    return _statements(schema_file("neo4j.cypher").read_text(encoding="utf-8"))


def named_queries() -> dict[str, str]:
    """``schemas/queries.cypher`` as {name: Cypher}; a query is the text under its ``// name:`` line."""
    queries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in schema_file("queries.cypher").read_text(encoding="utf-8").splitlines():
        match = _NAME.match(line.strip())
        if match:
            current = queries.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    out = {}
    for name, lines in queries.items():
        statements = _statements("\n".join(lines))
        if len(statements) != 1:
            raise ValueError(f"schemas/queries.cypher: {name} must hold exactly one statement")
        out[name] = statements[0]
    return out


# -- Cypher from the closed vocabulary -------------------------------------------------
def _check_label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"{label!r} is not a node label of the kg vocabulary {NODE_LABELS}")
    return label


def _check_type(rel: str) -> str:
    if rel not in EDGE_TYPES:
        raise ValueError(f"{rel!r} is not a relationship type of the kg vocabulary {EDGE_TYPES}")
    return rel


def node_query(label: str) -> str:
    """The one MERGE statement for ``label`` (a member of NODE_LABELS, checked).

    Entities met again in a later load keep what earlier loads knew, as KnowledgeGraph.add does:
    aliases are united, the longer name wins (mentions are recounted by :func:`mentions_query`).
    """
    if label in ENTITY_LABELS:
        return (f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
                "WITH n, row, coalesce(n.aliases, []) AS old, coalesce(n.name, '') AS oldname "
                "SET n += row.props, n.aliases = old + [a IN coalesce(row.props.aliases, []) WHERE NOT a IN old], "
                "n.name = CASE WHEN size(oldname) > size(row.props.name) THEN oldname ELSE row.props.name END")
    return f"UNWIND $rows AS row MERGE (n:{_check_label(label)} {{id: row.id}}) SET n += row.props"


def mentions_query(label: str) -> str:
    """Recount an entity's mentions over every article loaded so far (the sum of its MENTIONED_IN counts)."""
    if label not in ENTITY_LABELS:
        raise ValueError(f"{label!r} has no mentions")
    return (f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) OPTIONAL MATCH (n)-[m:MENTIONED_IN]->() "
            "WITH n, sum(m.count) AS c SET n.mentions = CASE WHEN c > 0 THEN c ELSE 1 END")


# Relationship types whose MERGE pattern is written from the target end. A MERGE looks for the
# relationship among the edges of the node it starts from; ArcadeDB starts from the first node
# of the pattern, so the pattern starts at the end with few such edges: a Quote is SAID once,
# whereas a speaker may have said hundreds (measured: 5-10x faster loads of hub speakers).
MERGE_FROM_TARGET = frozenset({"SAID", "FOUND", "MENTIONED_IN"})


def relationship_query(rel: str, source: str, target: str) -> str:
    """The one MERGE statement for ``rel`` between two labels; both ends matched on their indexed id."""
    head = (f"UNWIND $rows AS row MATCH (a:{_check_label(source)} {{id: row.src}}) "
            f"MATCH (b:{_check_label(target)} {{id: row.dst}}) ")
    if rel in MERGE_FROM_TARGET:
        return head + f"MERGE (b)<-[r:{_check_type(rel)} {{id: row.id}}]-(a) SET r += row.props"
    return head + f"MERGE (a)-[r:{_check_type(rel)} {{id: row.id}}]->(b) SET r += row.props"


# -- rows: pure functions of the graph --------------------------------------------------
def _property(value: Any) -> Any:
    """A value Neo4j can store: scalars as they are, lists of strings or of integers (a MENTIONS edge's
    offsets) as they are, other lists as lists of strings, anything else as text."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        items = [v for v in value if v is not None]
        if items and all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            return list(items)
        if all(isinstance(v, str) for v in items):
            return sorted(items) if isinstance(value, set) else list(items)
        if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            return list(items)  # a statement's part offsets
        return [str(v) for v in items]
    return str(value)


def _props(data: dict[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    return {k: _property(v) for k, v in sorted(data.items()) if k not in skip and v is not None}


def node_rows(graph: KnowledgeGraph) -> dict[str, list[dict[str, Any]]]:
    """{label: [{id, props}]} sorted by id; a node whose label is outside the vocabulary is an error."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in graph.graph.nodes(data=True):
        label = _check_label(str(data.get("label")))
        rows[label].append({"id": str(node), "props": _props(data, ("label", "id"))})
    return {label: sorted(rows[label], key=lambda r: r["id"]) for label in NODE_LABELS if rows.get(label)}


def relationship_id(rel: str, source: str, target: str, key: Any, data: dict[str, Any]) -> str:
    """A triple's id where there is one, else one derived from both ends and the edge key (stable)."""
    return edge_id(source, target, key, {**data, "type": rel})


def relationship_rows(graph: KnowledgeGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """{(type, source label, target label): [{src, dst, id, props}]} sorted by id."""
    rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    g = graph.graph
    for source, target, key, data in g.edges(keys=True, data=True):
        rel = _check_type(str(data.get("type")))
        group = (rel, _check_label(str(g.nodes[source].get("label"))), _check_label(str(g.nodes[target].get("label"))))
        rows[group].append({"src": str(source), "dst": str(target),
                            "id": relationship_id(rel, source, target, key, data),
                            "props": _props(data, ("type", "id"))})
    return {group: sorted(rows[group], key=lambda r: r["id"]) for group in sorted(rows)}


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i: i + size]


# -- connection ------------------------------------------------------------------------
@dataclass(frozen=True)
class Connection:
    """Where to load: a Bolt URI, user, database; the password is kept out of repr and messages."""

    uri: str
    user: str | None
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"
    local: bool = False  # the local kg server (kg server start)

    def describe(self) -> str:
        where = "local kg server" if self.local else "server"
        return f"{where} {self.uri} (database {self.database}, user {self.user or '-'})"

    def driver(self, *, retry_seconds: float = RETRY_SECONDS):  # noqa: ANN201 - neo4j.Driver
        from neo4j import GraphDatabase

        auth = (self.user or "neo4j", self.password) if self.password is not None else None
        return GraphDatabase.driver(self.uri, auth=auth, max_transaction_retry_time=retry_seconds,
                                    connection_timeout=10.0)


def connection(*, uri: str | None = None, user: str | None = None, password: str | None = None,
               database: str | None = None, data_dir: str | Path | None = None,
               env: dict[str, str] | None = None) -> Connection:
    """The target from flags, else ``NEO4J_URI``/``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``,
    else the local kg server of ``data_dir`` (which must be running)."""
    from kg import server

    env = dict(os.environ) if env is None else env
    uri = uri or env.get("NEO4J_URI") or None
    database = database or env.get("NEO4J_DATABASE") or None
    if uri and password is None and not env.get("NEO4J_PASSWORD"):
        # --uri naming the running local server (bolt://localhost:7687): use its credentials
        info = server.status(data_dir=data_dir)
        parts = urlsplit(uri)
        if info is not None and parts.port == info.port and parts.hostname in ("localhost", "127.0.0.1", "::1"):
            return Connection(uri=uri, user=info.user, password=info.password(),
                              database=database or info.database, local=True)
    if uri:
        return Connection(uri=uri, user=user or env.get("NEO4J_USERNAME") or "neo4j",
                          password=password if password is not None else env.get("NEO4J_PASSWORD"),
                          database=database or "neo4j")
    info = server.status(data_dir=data_dir)
    if info is None:
        where = server.default_data_dir() if data_dir is None else data_dir
        raise LoadError(f"NEO4J_URI is not set and no local kg server runs from {where}: "
                        "start one with `kg server start`, or set NEO4J_URI (or --uri)")
    return Connection(uri=info.uri, user=info.user, password=info.password(), database=database or info.database,
                      local=True)


# -- loading ---------------------------------------------------------------------------
@dataclass
class LoadReport:
    """What a load wrote: rows sent per label and type, transactions, and seconds taken."""

    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)
    transactions: int = 0
    seconds: float = 0.0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    wiped: int = 0
    unchanged: int = 0  # rows not sent: the server had them from an earlier load (``skip``)
    fingerprints: set[str] = field(default_factory=set)  # every row of the graph, sent or not
    articles: dict[str, str] = field(default_factory=dict)  # article id -> fingerprint of all its rows
    replaced: int = 0  # articles the server held before, whose old facts were replaced

    def rate(self) -> float:
        """Rows written per second while writing nodes and relationships (wipe and constraints aside)."""
        rows = sum(self.nodes.values()) + sum(self.relationships.values())
        busy = self.node_seconds + self.relationship_seconds
        return rows / busy if busy else 0.0


Progress = Callable[[str, int], None]


def _write(session: Any, query: str, *, retry_seconds: float = RETRY_SECONDS, **params: Any) -> None:
    """One statement in one managed write transaction (:func:`_transaction`)."""
    def work(tx: Any) -> None:
        tx.run(query, params).consume()

    _transaction(session, work, retry_seconds=retry_seconds)


def _transaction(session: Any, work: Callable[[Any], Any], *, retry_seconds: float = RETRY_SECONDS) -> Any:
    """``work(tx)`` as one managed write transaction: the driver retries it on transient errors and
    lost connections; any other error rolls it back whole and is raised.

    The driver will not retry a commit whose answer was lost (``IncompleteCommit``: it may or may
    not have landed). Every transaction we send is idempotent (MERGEs, or an article's delete
    and rewrite), so sending it again is safe and is what makes a load interrupted by a server
    restart end with the uninterrupted graph. The same holds for a MERGE that lost a race with
    another load creating the same node (``ConstraintError``: ArcadeDB reports the duplicate key
    instead of waiting): sent again, it finds the node. Both are retried until
    ``retry_seconds`` have passed.
    """
    from neo4j.exceptions import ConstraintError, IncompleteCommit

    deadline = time.monotonic() + retry_seconds
    pause = 0.5
    while True:
        try:
            return session.execute_write(work)
        except (IncompleteCommit, ConstraintError):
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def ensure_constraints(driver: Any, *, database: str, attempts: int = 5) -> None:
    """Create the uniqueness constraints (IF NOT EXISTS: harmless when they are there).

    Two first loads at once into a fresh server race to create the same constraint, and the
    loser may be told it exists already (or hit a schema lock) despite IF NOT EXISTS: such a
    statement is tried again, a few times, after a short pause.
    """
    from neo4j.exceptions import Neo4jError

    with driver.session(database=database) as session:
        for statement in constraint_statements():
            for attempt in range(attempts):
                try:
                    session.execute_write(lambda tx, st=statement: tx.run(st).consume())
                    break
                except Neo4jError:
                    if attempt == attempts - 1:
                        raise
                    time.sleep(0.2 * (attempt + 1))


def wipe(driver: Any, *, database: str, chunk: int = 10_000) -> int:
    """Delete every node (and its relationships) of the kg labels, ``chunk`` per transaction.

    Only kg's own labels: a Neo4j database shared with other data keeps that data.
    """
    deleted = 0
    with driver.session(database=database) as session:
        for label in NODE_LABELS:
            query = f"MATCH (n:{_check_label(label)}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
            while True:
                count = session.execute_write(lambda tx, q=query: tx.run(q, limit=chunk).single()["deleted"])
                deleted += int(count or 0)
                if not count:
                    break
    return deleted


def row_fingerprint(group: object, row: dict[str, Any]) -> str:
    """A row's id and every property, hashed: equal exactly when MERGE-ing the row again would change nothing."""
    import json

    return stable_hash(repr(group), json.dumps(row, sort_keys=True, ensure_ascii=False, default=str), length=24)


def _article_ids(graph: KnowledgeGraph) -> list[tuple[str, str]]:
    """(article node id, doc id) of every article in ``graph``, sorted."""
    return sorted((str(node), str(data.get("doc", ""))) for node, data in graph.graph.nodes(data=True)
                  if data.get("label") == "Article")


def held_articles(driver: Any, articles: Collection[str], *, database: str, chunk: int = 1000) -> set[str]:
    """The article node ids among ``articles`` that the server holds (so loading them replaces them)."""
    held: set[str] = set()
    ordered = sorted(articles)
    with driver.session(database=database) as session:
        for i in range(0, len(ordered), chunk):
            rows = session.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id",
                               ids=ordered[i: i + chunk])
            held.update(row["id"] for row in rows)
    return held


def _forget(tx: Any, batch: list[tuple[str, str]]) -> int:
    """One transaction: the old statements, roles and mentions of the articles of ``batch`` that exist."""
    ids = [row["id"] for row in tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id",
                                       ids=[a for a, _ in batch])]
    if not ids:
        return 0
    docs = [doc for article, doc in batch if article in ids]
    touched: dict[str, set[str]] = defaultdict(set)

    def note(rows: Any) -> None:
        for row in rows:
            if row["label"] in NODE_LABELS and row["label"] not in ("Quote", "Finding", "Article"):
                touched[row["label"]].add(row["id"])

    # statements: every Quote and Finding in the articles, with all their edges
    note(tx.run("UNWIND $ids AS id MATCH (a:Article {id: id})<-[:IN_ARTICLE]-(s)-[]-(e) "
                "RETURN DISTINCT labels(e)[0] AS label, e.id AS id", ids=ids))
    tx.run("UNWIND $ids AS id MATCH (a:Article {id: id})<-[:IN_ARTICLE]-(s) DETACH DELETE s", ids=ids).consume()
    # roles: HOLDS_ROLE (and a role's WORKS_FOR) and groups' MEMBER_OF edges carry their article
    for rel in ARTICLE_EDGES:
        note(tx.run(f"MATCH (p)-[r:{_check_type(rel)}]->(o) WHERE r.doc IN $docs "
                    "RETURN labels(p)[0] AS label, p.id AS id UNION "
                    f"MATCH (p)-[r:{_check_type(rel)}]->(o) WHERE r.doc IN $docs "
                    "RETURN labels(o)[0] AS label, o.id AS id", docs=docs))
        tx.run(f"MATCH ()-[r:{_check_type(rel)}]->() WHERE r.doc IN $docs DELETE r", docs=docs).consume()
    # mentions
    note(tx.run("UNWIND $ids AS id MATCH (a:Article {id: id})<-[:MENTIONED_IN]-(e) "
                "RETURN DISTINCT labels(e)[0] AS label, e.id AS id", ids=ids))
    tx.run("UNWIND $ids AS id MATCH (a:Article {id: id})<-[m:MENTIONED_IN]-() DELETE m", ids=ids).consume()
    for label in sorted(touched):
        checked = _check_label(label)
        tx.run(f"UNWIND $ids AS id MATCH (n:{checked} {{id: id}}) OPTIONAL MATCH (n)-[x]-() "
               "WITH n, count(x) AS edges WHERE edges = 0 DELETE n", ids=sorted(touched[label])).consume()
        if label in ENTITY_LABELS:
            tx.run(mentions_query(label), ids=sorted(touched[label])).consume()
    return len(ids)


def load(graph: KnowledgeGraph, driver: Any, *, database: str, batch_size: int = DEFAULT_BATCH_SIZE,
         wipe_first: bool = False, progress: Progress | None = None, skip: Collection[str] = (),
         sent_articles: Mapping[str, str] | None = None) -> LoadReport:
    """Write ``graph`` with batched MERGEs: constraints, then nodes by label, then relationships by type.

    ``batch_size=1`` is one transaction per row (the slow baseline of scripts/bench_load.py).
    Re-running after any interruption completes the load without duplicates.

    An article the server holds is replaced unless it is unchanged since this folder's last
    load to this database: ``sent_articles`` maps each article then sent to the fingerprint of
    all its rows (:attr:`LoadReport.articles`) and ``skip`` holds every row then sent
    (:func:`row_fingerprint`). An unchanged article is neither deleted nor sent again, and
    other rows in ``skip`` are not sent again: after ``kg extract --append``, only what is new
    or changed. Without ``sent_articles`` every article is replaced. Replacing is one
    transaction per batch of articles (:func:`_replace`): a reader, a failure or a crash sees
    each article's old facts or its new ones, never neither.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    report = LoadReport()
    started = time.perf_counter()
    ensure_constraints(driver, database=database)
    nodes, relationships = node_rows(graph), relationship_rows(graph)
    owner_of_node, owner_of_edge = row_articles(graph)
    report.articles = _article_fingerprints(nodes, relationships, owner_of_node, owner_of_edge, report)
    held: set[str] = set()
    if wipe_first:
        report.wiped = wipe(driver, database=database)
        skip, changed = (), set(report.articles)
    else:
        changed = {a for a, fp in report.articles.items() if sent_articles is None or sent_articles.get(a) != fp}
        held = held_articles(driver, changed, database=database)
        report.replaced = len(held)
    # a changed article's rows all go again, with every node they touch (its delete may have taken them)
    resend = {node for group, rows in relationships.items() for row in rows
              if owner_of_edge.get(row["id"]) in changed for node in (row["src"], row["dst"])}
    resend |= {node for node, article in owner_of_node.items() if article in changed}
    nodes = {label: _unsent(label, rows, skip, report, lambda row: row["id"] in resend)
             for label, rows in nodes.items()}
    relationships = {group: _unsent(group, rows, skip, report, lambda row: owner_of_edge.get(row["id"]) in changed)
                     for group, rows in relationships.items()}
    # the rows of an article the server holds go in the transaction that deletes its old ones
    replacing = _by_article(nodes, relationships, owner_of_node, owner_of_edge, held)
    written: set[str] = set()  # nodes a replacing transaction wrote
    recount: dict[str, set[str]] = defaultdict(set)  # entities whose mentions to recount at the end

    def write_all(query: str, rows: list[dict[str, Any]], counter: Counter[str], name: str) -> None:
        for batch in batches(rows, batch_size):
            _write(session, query, rows=batch)
            counter[name] += len(batch)
            report.transactions += 1
            if progress:
                progress(name, len(batch))

    docs = dict(_article_ids(graph))
    with driver.session(database=database) as session:
        for articles in _article_batches(replacing, batch_size):
            _replace(session, [(article, docs[article]) for article in articles], replacing, batch_size, report,
                     progress)
            for article in articles:
                for label, rows in replacing[article][0].items():
                    written.update(row["id"] for row in rows)
                    if label in ENTITY_LABELS:
                        recount[label].update(row["id"] for row in rows)
        phase = time.perf_counter()
        for label, rows in nodes.items():
            rows = [row for row in rows if row["id"] not in written and owner_of_node.get(row["id"]) not in held]
            recount[label].update(row["id"] for row in rows)
            write_all(node_query(label), rows, report.nodes, label)
        report.node_seconds = time.perf_counter() - phase
        phase = time.perf_counter()
        for (rel, source, target), rows in relationships.items():
            rows = [row for row in rows if owner_of_edge.get(row["id"]) not in held]
            write_all(relationship_query(rel, source, target), rows, report.relationships, rel)
        report.relationship_seconds = time.perf_counter() - phase
        for label in ENTITY_LABELS:
            for batch in batches(sorted(recount.get(label, ())), batch_size):
                _write(session, mentions_query(label), ids=batch)
                report.transactions += 1
    report.seconds = time.perf_counter() - started
    return report


Rows = tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, str, str], list[dict[str, Any]]]]


def _by_article(nodes: dict[str, list[dict[str, Any]]], relationships: dict[tuple[str, str, str], list[dict[str, Any]]],
                owner_of_node: dict[str, str], owner_of_edge: dict[str, str], articles: Collection[str]
                ) -> dict[str, Rows]:
    """{article: (its nodes by label, its relationships by group)} for ``articles``: the rows
    :func:`row_articles` gives it, and every node its relationships touch."""
    out: dict[str, Rows] = {a: (defaultdict(list), defaultdict(list)) for a in sorted(articles)}
    if not out:
        return out
    touching: dict[str, set[str]] = defaultdict(set)  # node id -> the articles whose rows touch it
    for group, rows in relationships.items():
        for row in rows:
            article = owner_of_edge.get(row["id"])
            if article in out:
                out[article][1][group].append(row)
                touching[row["src"]].add(article)
                touching[row["dst"]].add(article)
    for label, rows in nodes.items():
        for row in rows:
            owner = owner_of_node.get(row["id"])
            for article in touching.get(row["id"], set()) | ({owner} if owner in out else set()):
                out[article][0][label].append(row)
    return out


def _article_batches(replacing: dict[str, Rows], batch_size: int) -> Iterator[list[str]]:
    """Articles in batches of at most :data:`FORGET_BATCH`, and of about ``batch_size`` rows
    (an article larger than that is a batch of its own)."""
    batch: list[str] = []
    size = 0
    for article, (nodes, relationships) in replacing.items():
        rows = sum(map(len, nodes.values())) + sum(map(len, relationships.values()))
        if batch and (size + rows > batch_size or len(batch) >= FORGET_BATCH):
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += rows
    if batch:
        yield batch


def _replace(session: Any, articles: list[tuple[str, str]], replacing: dict[str, Rows], batch_size: int,
             report: LoadReport, progress: Progress | None) -> None:
    """One transaction: delete what the server holds of ``articles`` (article node id, doc id;
    :func:`_forget`), write all their rows, recount the mentions of the entities they touch.
    It commits whole or not at all."""
    nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for article, _ in articles:
        for label, rows in replacing[article][0].items():
            nodes[label].update((row["id"], row) for row in rows)  # a shared entity once
        for group, rows in replacing[article][1].items():
            relationships[group].extend(rows)

    def work(tx: Any) -> None:
        _forget(tx, articles)
        for label in sorted(nodes):
            for batch in batches(sorted(nodes[label].values(), key=lambda r: r["id"]), batch_size):
                tx.run(node_query(label), rows=batch).consume()
        for (rel, source, target) in sorted(relationships):
            for batch in batches(relationships[rel, source, target], batch_size):
                tx.run(relationship_query(rel, source, target), rows=batch).consume()
        for label in ENTITY_LABELS:
            if nodes.get(label):
                tx.run(mentions_query(label), ids=sorted(nodes[label])).consume()

    _transaction(session, work)
    report.transactions += 1
    for label, rows in nodes.items():
        report.nodes[label] += len(rows)
        if progress:
            progress(label, len(rows))
    for (rel, _, _), rows in relationships.items():
        report.relationships[rel] += len(rows)
        if progress:
            progress(rel, len(rows))


def row_articles(graph: KnowledgeGraph) -> tuple[dict[str, str], dict[str, str]]:
    """Which article owns which rows: those :func:`_forget` deletes when it replaces it.

    Returns ({node id: article id}, {relationship row id: article id}): the article node and its
    statements; the edges of those statements, its MENTIONED_IN and IN_ARTICLE edges, and the
    HOLDS_ROLE, WORKS_FOR and MEMBER_OF edges it is the source of. Entities belong to no article.
    """
    g = graph.graph
    nodes: dict[str, str] = {}
    for node, data in g.nodes(data=True):
        if data.get("label") in ("Article", "Quote", "Finding") and data.get("doc") is not None:
            nodes[str(node)] = article_id(str(data["doc"]))
    edges: dict[str, str] = {}
    for source, target, key, data in g.edges(keys=True, data=True):
        rel = str(data.get("type"))
        owner = nodes.get(str(source)) or nodes.get(str(target))
        if owner is None and rel in ARTICLE_EDGES and data.get("doc") is not None:
            owner = article_id(str(data["doc"]))
        if owner is not None:
            edges[relationship_id(rel, source, target, key, data)] = owner
    return nodes, edges


def _article_fingerprints(nodes: dict[str, list[dict[str, Any]]], relationships: dict[Any, list[dict[str, Any]]],
                          owner_of_node: dict[str, str], owner_of_edge: dict[str, str], report: LoadReport
                          ) -> dict[str, str]:
    """{article id: hash of the fingerprints of all its rows}; every row's fingerprint goes into the report."""
    owned: dict[str, list[str]] = defaultdict(list)
    for group, rows, owners in [*((label, rows, owner_of_node) for label, rows in nodes.items()),
                                *((group, rows, owner_of_edge) for group, rows in relationships.items())]:
        for row in rows:
            fingerprint = row_fingerprint(group, row)
            row["_fp"] = fingerprint
            report.fingerprints.add(fingerprint)
            owner = owners.get(row["id"])
            if owner is not None:
                owned[owner].append(fingerprint)
    return {article: stable_hash(*sorted(fps), length=24) for article, fps in sorted(owned.items())
            if article in owner_of_node}


def _unsent(group: object, rows: list[dict[str, Any]], skip: Collection[str], report: LoadReport,
            again: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """The rows not in ``skip``, and those ``again`` says must be sent whatever ``skip`` holds."""
    out = []
    for row in rows:
        fingerprint = row.pop("_fp")
        if fingerprint in skip and not again(row):
            report.unchanged += 1
        else:
            out.append(row)
    return out


def node_count(driver: Any, *, database: str) -> int:
    """How many nodes the database holds (tells whether it changed since kg last loaded it)."""
    rows = run_query(driver, "MATCH (n) RETURN count(n) AS n", database=database)
    return int(rows[0]["n"]) if rows else 0


# -- reading ---------------------------------------------------------------------------
def run_query(driver: Any, cypher: str, params: dict[str, Any] | None = None, *, database: str) -> list[dict]:
    """Run one Cypher statement (parameterised) and return its rows as dicts."""
    with driver.session(database=database) as session:
        result = session.run(cypher, params or {})
        return [record.data() for record in result]


def run_named(driver: Any, name: str, params: dict[str, Any] | None = None, *, database: str) -> list[dict]:
    """Run a query of ``schemas/queries.cypher`` by name."""
    queries = named_queries()
    if name not in queries:
        raise LoadError(f"no query named {name!r} in schemas/queries.cypher (have: {', '.join(sorted(queries))})")
    return run_query(driver, queries[name], params, database=database)


def counts(driver: Any, *, database: str) -> dict[str, Counter[str]]:
    """Nodes per label and relationships per type, as :meth:`KnowledgeGraph.counts` gives them."""
    nodes = run_query(driver, "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n", database=database)
    rels = run_query(driver, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n", database=database)
    return {"nodes": Counter({r["label"]: r["n"] for r in nodes}),
            "edges": Counter({r["type"]: r["n"] for r in rels})}


def snapshot(driver: Any, *, database: str) -> tuple[list, list]:
    """Every node (labels, properties) and relationship (type, ends, properties), sorted: two loads
    gave the same graph exactly when their snapshots are equal."""
    nodes = run_query(driver, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database=database)
    rels = run_query(driver, "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS src, b.id AS dst, "
                             "properties(r) AS props", database=database)

    def key(row: dict) -> str:
        return repr(sorted((k, repr(v)) for k, v in row.items()))

    return sorted((r for r in nodes), key=key), sorted((r for r in rels), key=key)
