"""What ``kg load`` sent from an output folder to each database, so the next load sends only what changed.

After ``kg extract --append``, most of the graph is what the server already holds. The
folder's ``.kg-state/loaded.json`` keeps, per database (URI and name), the fingerprint of
every row sent (:func:`kg.export.neo4j.row_fingerprint`: id and properties) and the number
of nodes the database held after that load. The next load sends only rows with a new
fingerprint, unless the database's node count is not the one recorded: then something else
changed it (a wipe, another folder's load) and everything is sent, as MERGE makes safe. It
also keeps one fingerprint per article (all its rows): an article whose fingerprint changed is
replaced on the server (its old facts deleted, all its rows sent); an unchanged one is left
alone (:func:`kg.export.neo4j.load`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.files import write_atomic
from kg.model import stable_hash
from kg.state import STATE_DIR

if TYPE_CHECKING:
    from kg.export.neo4j import LoadReport

MEMO_NAME = "loaded.json"


def memo_folder(graph_path: str | Path) -> Path | None:
    """The output folder's state folder for a ``kg load`` argument (folder or graph.json), if it has one."""
    path = Path(graph_path)
    folder = (path if path.is_dir() else path.parent) / STATE_DIR
    return folder if folder.is_dir() else None


def target_key(uri: str, database: str) -> str:
    return stable_hash(uri, database)


def _read(state: Path) -> dict:
    try:
        data = json.loads((state / MEMO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class Sent:
    """What an earlier load of this folder sent to a database: every row, and each article's rows as one hash."""

    rows: set[str]
    articles: dict[str, str] | None  # None: recorded before articles were (each is then replaced)


def sent_before(state: Path, key: str, node_count: int) -> Sent | None:
    """What an earlier load sent to this database, if the database still holds exactly what it left."""
    entry = _read(state).get(key)
    if not isinstance(entry, dict) or entry.get("nodes") != node_count:
        return None
    articles = entry.get("articles")
    return Sent(set(entry.get("rows", [])), dict(articles) if isinstance(articles, dict) else None)


def remember(state: Path, key: str, report: LoadReport, node_count: int) -> None:
    """Record a finished load (written atomically; a load that failed records nothing)."""
    memo = _read(state)
    memo[key] = {"nodes": node_count, "rows": sorted(report.fingerprints), "articles": report.articles}
    write_atomic(state / MEMO_NAME, lambda p: p.write_text(json.dumps(memo), encoding="utf-8"))
