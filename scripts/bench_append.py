#!/usr/bin/env python
"""Benchmark ``kg extract --append``: add 10 articles to a 1,000-article output folder, against
the full run that made the folder.

Usage:
    .venv/bin/python scripts/bench_append.py [--shared ../shared] [--base 1000] [--new 10] [--processes 2]

The corpus is the PolNeAR train texts (840 articles); past 840, train texts come again with
new ids and a different first line, so every article is distinct (``--append`` leaves out a
text it already holds). The new articles are PolNeAR dev texts. Both runs write every output
file (the view included) with the same options, in this one process. Printed figures are plain
``name: value`` lines: wall-clock seconds of each, CPU seconds (this process and its workers:
immune to other programs sharing the machine), and the ratio append / full run. A full re-run
with the new articles would extract ``base + new`` documents, so the ratio to it is lower still.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.run import RunOptions, run_extract  # noqa: E402


def say(line: str) -> None:
    print(line, flush=True)


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (the worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def make_corpus(shared: Path, folder: Path, base: int, new: int) -> tuple[Path, Path]:
    train = sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))
    dev = sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))
    if not train or len(dev) < new:
        sys.exit(f"PolNeAR texts not found under {shared}/data/polnear")
    old_dir, new_dir = folder / "old", folder / "new"
    old_dir.mkdir(parents=True)
    new_dir.mkdir()
    for i in range(base):
        path = train[i % len(train)]
        text = path.read_text(encoding="utf-8")
        if i >= len(train):  # again, as a different article
            text = f"Update {i // len(train)}.\n\n{text}"
        (old_dir / f"{i:05d}-{path.stem}.txt").write_text(text, encoding="utf-8")
    for path in dev[:new]:
        (new_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return old_dir, new_dir


def timed(label: str, paths: list[str], options: RunOptions) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    summary = run_extract(paths, options)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    say(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU; extracted {summary.extracted}, kept {summary.kept}, "
        f"entities {summary.entities}, triples {sum(summary.triples_by_relation.values())}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-append-") as tmp:
        old_dir, new_dir = make_corpus(args.shared, Path(tmp) / "in", args.base, args.new)
        out = Path(tmp) / "out"
        common = dict(out_dir=out, processes=args.processes, progress=False)
        full_wall, full_cpu = timed(f"full run, {args.base} articles", [str(old_dir)], RunOptions(**common))
        add_wall, add_cpu = timed(f"append, {args.new} articles", [str(new_dir)], RunOptions(**common, append=True))
        say(f"append / full run, wall: {add_wall / full_wall:.3f}")
        say(f"append / full run, CPU: {add_cpu / full_cpu:.3f}")


if __name__ == "__main__":
    main()
