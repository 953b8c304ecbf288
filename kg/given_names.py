"""The usual gender of a given name, from a maintained data package rather than a typed list.

Pronoun agreement needs it: "Olaf Scholz … he said" must not go to a woman named before. The
data is ``name_data.json`` of ``nomquamgender`` (MIT; Van Buskirk et al. 2022, several
national registers and name lists combined): for each lowercased name, the number of sources,
of observations, and the share gendered female. Only names seen at least ``MIN_COUNT`` times
and at most ``MAX_UNCERTAINTY`` from 0 or 1 are kept: an ambiguous name (Alex, Kim, Jordan)
has no gender here, so nothing is guessed from it. A name without a clear gender that many
sources still attest often (Rand, Kim, Sunny: ``ANY_SOURCES``, ``ANY_COUNT``) is kept as a given
name of no gender, so "Rand Paul" is a name, not an epithet before Paul Ryan's given name.

The file is found without importing the package (its ``__init__`` imports pandas, which kg
never needs). Parsing its 22 MB takes seconds and a quarter of a gigabyte, in every worker
process, so the reduced table (90,000 names, about 1 MB) is kept in a cache file
(``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``, named after the data file's size and time, so a new
version of the package is read afresh) and read from there in milliseconds. Where the cache
cannot be written, the table is built in memory as before.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

from kg.lexicons import load_pairs

MIN_COUNT = 20
# the gender an honorific before a surname gives ("Mr. Lee", "Mrs Lee"): kg.entities, and the corpus merge
GENDERED_HONORIFICS = dict(load_pairs("gendered_honorifics"))  # "mrs" -> "f" (kg/lexicons)
MAX_UNCERTAINTY = 0.1  # keep names with p(female) <= 0.1 or >= 0.9 (the package's own default)
# a name of either gender is still a given name when this many sources and observations attest it
# ("Rand", "Kim"; never "Little", "Crazy" or "Sleepy", which a few sources list a handful of times)
ANY_SOURCES = 15
ANY_COUNT = 1000
NO_GENDER = "?"


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return path if path.is_file() else None


def _reduce(path: Path) -> dict[str, str]:
    """{name: 'f' | 'm'} for the clearly gendered, well-attested given names of the package's data,
    and ``NO_GENDER`` for the often-attested names of either gender."""
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
        elif info[0] >= ANY_SOURCES and info[1] >= ANY_COUNT:
            table[name] = NO_GENDER
    return table


def _cache_file(data: Path) -> Path:
    stat = data.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    return base / (f"given-names-{stat.st_size}-{stat.st_mtime_ns}-{MIN_COUNT}-{MAX_UNCERTAINTY}"
                   f"-{ANY_SOURCES}-{ANY_COUNT}.tsv")


def _read_cache(path: Path) -> dict[str, str] | None:
    try:
        with path.open(encoding="utf-8") as handle:
            table = dict(line.rstrip("\n").split("\t", 1) for line in handle)
    except (OSError, ValueError):
        return None
    return table if table and set(table.values()) <= {"f", "m", NO_GENDER} else None


def _write_cache(path: Path, table: dict[str, str]) -> None:
    """Best effort: a read-only home or a full disk only means the next process parses the data again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".given-names.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(f"{name}\t{gender}\n" for name, gender in sorted(table.items()))
        os.replace(tmp, path)
    except OSError:
        return


@cache
def _table() -> dict[str, str]:
    """{name: 'f' | 'm' | NO_GENDER}, from the cache when it is there (empty without the data package)."""
    data = _data_file()
    if data is None:
        return {}
    cached = _cache_file(data)
    table = _read_cache(cached)
    if table is None:
        table = _reduce(data)
        _write_cache(cached, table)
    return table


def fold(name: str) -> str:
    """Lowercase without accents ("Máire" → "maire"), as the data keys are."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def gender_of(given_name: str) -> str | None:
    """'f', 'm' or None (unknown or ambiguous) for a given name such as "Ursula" or "Olaf"."""
    gender = _table().get(_key(given_name))
    return None if gender == NO_GENDER else gender


def is_given_name(word: str) -> bool:
    """Do the name registers know ``word`` as a given name, of either gender ("Rand", "Olaf")?"""
    return _key(word) in _table()


def _key(given_name: str) -> str:
    key = fold(given_name.strip(".,'’"))
    return key if len(key) >= 2 else ""
