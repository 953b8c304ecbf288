"""What ``kg extract`` may write where: checks made before anything is written.

Two mistakes used to cost a user a good output folder: a mistyped input path (the run read
nothing and replaced every file with an empty graph), and pointing ``-o`` at a folder that
held something else. Like ``cp``, a missing input is an error that writes nothing; and a
non-empty OUTDIR is only overwritten when it is kg's own output of the same inputs (running
the command again, perhaps with another ``--max-chars`` or model), or when the user says so: ``--force`` to replace,
``--append`` to add to it, ``--resume`` to continue it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.output_set import LOCK_NAME, STAGING_PREFIX
from kg.state import STATE_DIR


class OutputError(ValueError):
    """The run would lose data the user did not mean to lose; nothing has been written."""


def check_inputs(paths: Iterable[str]) -> None:
    """Raise :class:`OutputError` naming every input path that does not exist (``-`` is stdin)."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        names = ", ".join(missing)
        raise OutputError(f"no such file or folder: {names} (nothing written)")


def saved_settings(out: Path) -> dict[str, Any] | None:
    """The settings of the kg run that made ``out`` (``.kg-state/run.json``), or None."""
    path = Path(out) / STATE_DIR / "run.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict):
        return None
    saved.pop("format", None)
    return saved


def _kg_own(name: str) -> bool:
    """The lock and staging folders :mod:`kg.output_set` leaves in an OUTDIR (even after a kill)."""
    return name == LOCK_NAME or name.startswith(STAGING_PREFIX)


def check_outdir(out: Path, settings: dict[str, Any], *, force: bool = False, append: bool = False,
                 resume: bool = False) -> None:
    """Raise :class:`OutputError` unless writing into ``out`` destroys nothing the user wants.

    Args:
        out: the output folder.
        settings: this run's inputs, model and size limit (as :mod:`kg.state` records them).
        force: replace whatever kg files ``out`` holds.
        append: add to ``out``, which must be a kg output.
        resume: continue an interrupted run in ``out`` (:mod:`kg.state` checks the settings).
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder")
    saved = saved_settings(out)
    if append:
        if saved is None:
            raise OutputError(f"--append adds to a folder written by kg extract; {out} is not one "
                              "(run without --append to make it)")
        return
    if force or resume or not out.exists() or not any(not _kg_own(p.name) for p in out.iterdir()):
        return
    if saved is not None and saved.get("inputs") == settings.get("inputs"):
        return  # the same inputs again: its own output, rewritten
    what = "another kg run's output" if saved is not None else "files that kg did not write"
    raise OutputError(f"{out} is not empty and holds {what}: pass --force to overwrite its kg files, "
                      "--append to add these documents to it, or --resume to continue an interrupted run "
                      "(nothing written)")
