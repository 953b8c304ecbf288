"""The usual gender of a given name, from a maintained data package rather than a typed list.

Pronoun agreement needs it: "Olaf Scholz … he said" must not go to a woman named before. The
data is ``name_data.json`` of ``nomquamgender`` (MIT; Van Buskirk et al. 2022, several
national registers and name lists combined): for each lowercased name, the number of sources,
of observations, and the share gendered female. Only names seen at least ``MIN_COUNT`` times
and at most ``MAX_UNCERTAINTY`` from 0 or 1 are kept: an ambiguous name (Alex, Kim, Jordan)
has no gender here, so nothing is guessed from it.

The file is found without importing the package (its ``__init__`` imports pandas, which kg
never needs), read once per process on first use, and reduced to a small dict.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import cache
from pathlib import Path

MIN_COUNT = 20
MAX_UNCERTAINTY = 0.1  # keep names with p(female) <= 0.1 or >= 0.9 (the package's own default)


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return path if path.is_file() else None


@cache
def _table() -> dict[str, str]:
    """{name: 'f' | 'm'} for clearly gendered, well-attested given names (empty without the data)."""
    path = _data_file()
    if path is None:
        return {}
    with path.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    table: dict[str, str] = {}
    for name, info in raw.items():
        if not name.isalpha() or len(info) < 3 or not isinstance(info[2], int | float) or info[1] < MIN_COUNT:
            continue
        if info[2] >= 1 - MAX_UNCERTAINTY:
            table[name] = "f"
        elif info[2] <= MAX_UNCERTAINTY:
            table[name] = "m"
    return table


def fold(name: str) -> str:
    """Lowercase without accents ("Máire" → "maire"), as the data keys are."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def gender_of(given_name: str) -> str | None:
    """'f', 'm' or None (unknown or ambiguous) for a given name such as "Ursula" or "Olaf"."""
    key = fold(given_name.strip(".,'’"))
    if len(key) < 2:
        return None
    return _table().get(key)
