"""Where the published schemas (``schemas/`` of the project) are read from at run time.

``kg/schemas`` links to the project's top-level ``schemas/`` folder, so a source checkout,
an editable install and a built wheel (which copies the linked files in as package data) all
find the same files through the package, wherever it is installed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def schema_file(name: str) -> Path:
    """The path of one schema file (``kg.ttl``, ``queries.cypher``, ``context.jsonld``, …)."""
    path = Path(str(files("kg") / "schemas" / name))
    if not path.is_file():
        raise FileNotFoundError(f"schemas/{name} is missing from the kg package at {path.parent}")
    return path
