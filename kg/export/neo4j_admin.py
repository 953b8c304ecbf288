"""CSV files for ``neo4j-admin database import full``: the fast first load of a large graph.

``kg load`` MERGEs through Bolt (a few thousand rows a second, idempotent); for millions of
entities into an empty Neo4j, the offline importer is far faster. It reads one CSV per node
label (header ``id:ID(Person),:LABEL,name,aliases:string[],...``) and one per relationship type
and pair of end labels (``:START_ID(Person),:END_ID(Quote),:TYPE,...``); the ID group is the
label, so every relationship file says which group its ends come from. ``neo4j-admin-import.sh``
beside the CSVs runs the exact command (``--overwrite`` replaces a database that holds data,
through neo4j-admin's ``--overwrite-destination``), then creates kg's uniqueness constraints
(``constraints.cypher``, the ones ``kg load`` relies on) with ``cypher-shell`` once the started
database answers: the importer itself creates none. The rows are those of :mod:`kg.export.neo4j`
(same ids, same properties), so a graph imported here and one loaded with ``kg load`` are equal.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

from kg.export.neo4j import constraint_statements, node_rows, relationship_rows
from kg.graph import KnowledgeGraph

ARRAY_DELIMITER = ";"  # neo4j-admin's default; a ';' inside a list item is written as ','

Table = tuple[list[str], list[list[Any]]]


def _type_of(values: list[Any]) -> str:
    """The neo4j-admin type suffix a column needs ('' for string)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list) for v in present):
        return ":string[]"
    if present and all(isinstance(v, bool) for v in present):
        return ":boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ":long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return ":double"
    return ""


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == ":string[]":
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, ",") for v in value)
    if kind == ":boolean":
        return "true" if value else "false"
    return str(value)


def _columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    names = sorted({k for row in rows for k in row["props"]})
    return [(name, _type_of([row["props"].get(name) for row in rows])) for name in names]


def to_tables(graph: KnowledgeGraph) -> dict[str, Table]:
    """{file name: (header, rows)} for every node label and relationship group of ``graph`` (pure)."""
    tables: dict[str, Table] = {}
    for label, rows in node_rows(graph).items():
        columns = _columns(rows)
        header = [f"id:ID({label})", ":LABEL"] + [f"{name}{kind}" for name, kind in columns]
        body = [[row["id"], label] + [_cell(row["props"].get(name), kind) for name, kind in columns] for row in rows]
        tables[f"nodes_{label}.csv"] = (header, body)
    for (rel, source, target), rows in relationship_rows(graph).items():
        columns = _columns(rows)
        header = [f":START_ID({source})", f":END_ID({target})", ":TYPE", "id"] + [
            f"{name}{kind}" for name, kind in columns]
        body = [[row["src"], row["dst"], rel, row["id"]] + [_cell(row["props"].get(name), kind)
                                                            for name, kind in columns] for row in rows]
        tables[f"rels_{rel}_{source}_{target}.csv"] = (header, body)
    return tables


def import_command(files: list[str], *, database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command line for the written files (run from their folder)."""
    parts = ["neo4j-admin", "database", "import", "full", database, "--multiline-fields=true",
             f"--array-delimiter={ARRAY_DELIMITER}"]
    parts += [f"--nodes={name}" for name in files if name.startswith("nodes_")]
    parts += [f"--relationships={name}" for name in files if name.startswith("rels_")]
    return " ".join(shlex.quote(p) for p in parts)


def write_csv(graph: KnowledgeGraph, out_dir: str | Path, *, database: str = "neo4j") -> list[Path]:
    """Write the CSVs and ``neo4j-admin-import.sh`` into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    tables = to_tables(graph)
    for name, (header, body) in tables.items():
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(body)
        written.append(path)
    constraints = out / "constraints.cypher"
    constraints.write_text("".join(f"{st};\n" for st in constraint_statements()), encoding="utf-8")
    written.append(constraints)
    script = out / "neo4j-admin-import.sh"
    script.write_text(import_script(import_command(list(tables), database=database), database=database),
                      encoding="utf-8")
    script.chmod(0o755)
    written.append(script)
    return written


def import_script(command: str, *, database: str) -> str:
    """``neo4j-admin-import.sh``: the import, then the constraints once the database answers."""
    db = shlex.quote(database)
    return f"""#!/bin/sh
# Offline first load of kg's graph into Neo4j, then kg's uniqueness constraints.
#   sh neo4j-admin-import.sh               import into an empty database (Neo4j stopped, or a new
#                                          database of a running Enterprise server)
#   sh neo4j-admin-import.sh --overwrite   replace what the database holds (--overwrite-destination)
# After the import, start Neo4j (Enterprise: CREATE DATABASE {db}); this script then waits up to
# KG_WAIT seconds (default 300) for it to answer and runs constraints.cypher with cypher-shell
# (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD as for kg load). Without cypher-shell, run
# constraints.cypher yourself or `kg load` once: it creates the same constraints.
set -eu
cd "$(dirname "$0")"
overwrite=""
if [ "${{1:-}}" = "--overwrite" ]; then overwrite="--overwrite-destination=true"; fi
{command} $overwrite
echo "imported; waiting for database {db} to answer, to create the constraints (constraints.cypher)" >&2
if ! command -v cypher-shell >/dev/null 2>&1; then
  echo "cypher-shell not found: run constraints.cypher on database {db} yourself (or kg load once)" >&2
  exit 3
fi
shell() {{ cypher-shell -a "${{NEO4J_URI:-neo4j://localhost:7687}}" -d {db} "$@"; }}
waited=0
until shell "RETURN 1" >/dev/null 2>&1; do
  if [ "$waited" -ge "${{KG_WAIT:-300}}" ]; then
    echo "database {db} did not answer: start Neo4j, then run: cypher-shell -d {db} -f constraints.cypher" >&2
    exit 3
  fi
  sleep 2
  waited=$((waited + 2))
done
shell -f constraints.cypher
echo "constraints created" >&2
"""
