"""Keep only the SAID triples of some kinds (no FOUND or HOLDS_ROLE), for scoring a subset.

    scripts/filter_kind.py triples.jsonl speech > speech-triples.jsonl

``scripts/eval_polnear.sh`` scores the speech kind alone this way: its precision says how
often what kg calls speech is an attribution PolNeAR annotates (its recall is low by design:
PolNeAR annotates beliefs, wishes and positions too).
"""

from __future__ import annotations

import json
import sys


def main(path: str, *kinds: str) -> int:
    wanted = set(kinds) or {"speech"}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            t = json.loads(line)
            if t["relation"] == "SAID" and (t.get("qualifiers") or {}).get("kind") in wanted:
                sys.stdout.write(line if line.endswith("\n") else line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
