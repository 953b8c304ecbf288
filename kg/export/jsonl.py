"""triples.jsonl: one triple a line, in the format of ``schemas/triple.schema.json``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from kg.model import Triple


def triple_line(triple: Triple) -> str:
    return json.dumps(triple.to_json(), ensure_ascii=False, sort_keys=False)


def write_triples(triples: Iterable[Triple], stream: IO[str]) -> int:
    """Append triples to an open text stream; returns how many were written."""
    count = 0
    for triple in triples:
        stream.write(triple_line(triple) + "\n")
        count += 1
    return count


# an "id" member's value as json.dumps writes it (every entity reference has one)
_ID_VALUE = re.compile(r'"id": ("(?:[^"\\]|\\.)*")')


def rewrite_merged_entities(source: Path, target: Path, merged: Mapping[str, str],
                            nodes: Mapping[str, Mapping[str, Any]]) -> None:
    """Copy ``source`` to ``target`` with every entity the graph merged pointing at its merge target.

    A document names its entities on its own ("Trump"); the graph merges short names across
    the corpus afterwards (:meth:`KnowledgeGraph.merge_short_names`). Rewriting the records
    keeps ``triples.jsonl`` joinable with the graph on entity ids. The triple ids stay: they
    are the ids the graph's edges carry.
    """
    encoded = {json.dumps(old, ensure_ascii=False) for old in merged}
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if encoded.isdisjoint(_ID_VALUE.findall(line)):
                out.write(line)  # no merged entity in it: the line as written (json.dumps gives it back)
                continue
            record = json.loads(line)
            quals = record.get("qualifiers", {}).values()
            owner = [record["object"]] if record["relation"] == "MEMBER_OF" else []  # an entity too
            refs = [record["subject"], *owner, *(v for v in quals if isinstance(v, dict) and "id" in v),
                    *(r for v in quals if isinstance(v, list) for r in v if isinstance(r, dict) and "id" in r)]
            for ref in refs:
                into = merged.get(ref["id"])
                if into is not None:
                    ref.update(id=into, name=nodes[into].get("name", ref["name"]),
                               type=nodes[into].get("label", ref["type"]))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
