"""Lexicons kept as data (one entry a line, '#' comments) so they can be read and extended."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_words(name: str) -> frozenset[str]:
    """The lowercased entries of ``kg/lexicons/<name>.txt``."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(e for e in entries if e)


@cache
def load_pairs(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of ``kg/lexicons/<name>.txt`` (blank lines and '#' lines left out)."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#"))
