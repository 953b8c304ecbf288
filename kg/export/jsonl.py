"""triples.jsonl: one triple a line, in the format of ``schemas/triple.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

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
