"""The published schemas are reachable through the installed package, not only from a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.schemas_dir import schema_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "schemas").iterdir()))
def test_every_published_schema_is_package_data(name):
    assert schema_file(name).read_bytes() == (ROOT / "schemas" / name).read_bytes()


def test_a_missing_schema_is_named_in_the_error():
    with pytest.raises(FileNotFoundError, match="schemas/nope.ttl"):
        schema_file("nope.ttl")
