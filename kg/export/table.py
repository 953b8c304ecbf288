"""The statement table: one row per statement (who said or found what, where), for spreadsheets.

``kg export --format csv`` writes UTF-8 CSV with a header; ``--format parquet`` writes Parquet
through pandas and pyarrow (the optional extra ``kg[pandas]``). The columns are
:data:`kg.graph.STATEMENT_COLUMNS`, described in docs/api.md; texts are whole, never cut.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kg.graph import STATEMENT_COLUMNS, KnowledgeGraph


def write_csv(graph: KnowledgeGraph, path: Path) -> None:
    """Write the statement table as CSV (a missing value is an empty cell)."""
    with Path(path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(STATEMENT_COLUMNS))
        writer.writeheader()
        for row in graph.statements():
            writer.writerow({k: "" if v is None else v for k, v in row.items()})


def write_parquet(graph: KnowledgeGraph, path: Path) -> None:
    """Write the statement table as Parquet.

    Raises:
        ImportError: pandas or pyarrow is not installed (``pip install "kg[pandas]"``).
    """
    try:
        import pyarrow  # noqa: F401 - pandas needs it to write Parquet; say so in our words
    except ImportError:
        raise ImportError('--format parquet needs pandas and pyarrow: pip install "kg[pandas]"') from None
    graph.to_dataframe().to_parquet(path, index=False)
