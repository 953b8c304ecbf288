#!/usr/bin/env python
"""Benchmark hostile short texts: time and memory of one document each, and --doc-timeout.

Usage:
    .venv/bin/python scripts/bench_hostile.py [--cases quotes50k,parens20k,quotes4000,...]

Each case runs in a fresh child process that loads the model first (not timed), then parses
and extracts the one document exactly as ``kg extract`` does (:func:`kg.engine.extract_batch`);
printed are the seconds for that document, the peak resident memory of the child, and, as a
baseline measured in the same child, the seconds for the seed article (so a slow machine
shows as a slow baseline, not as a regression). Targets (issue 17): the 50 KB quotation-mark
file and the 20 KB parenthesis file each < 5 s; the 4,000-quotation sentence < 5 s and
< 500 MB. ``prose24k``/``prose64k`` (the seed article repeated to the sizes of the two
4,000-quotation sentences) show what the model alone costs for that much text. The last
case runs a ~300,000-character document with ``doc_timeout=2`` and prints the skip it turns
into, and how long that took.

Printed figures are plain ``name: value`` lines.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_11ef9304a4508b62.txt"

CASES = {
    "quotes50k": lambda: "John Smith said " + '"' * 50_000,
    "parens20k": lambda: "John Smith said " + ")" * 20_000,
    "quotes4000": lambda: "John Smith said " + ", ".join('"he was right"' for _ in range(4000)) + ".",
    "quotes4000short": lambda: "John Smith said " + " ".join('"yes"' for _ in range(4000)) + ".",
    "said1000": lambda: "John Smith said " + " and ".join(f'"{i} is fine," he said' for i in range(1000)) + ".",
    # ordinary prose of the same sizes: what the model alone costs for that many characters
    "prose24k": lambda: _prose(24_016),
    "prose64k": lambda: _prose(64_015),
    "slow-timeout2": lambda: "\n\n".join([SEED.read_text(encoding="utf-8")] * 60),
}


def _prose(chars: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    return ("\n\n".join([seed] * (chars // len(seed) + 1)))[:chars]


def child(name: str) -> None:
    from kg.engine import extract_batch
    from kg.model import Document, Skip

    seed = SEED.read_text(encoding="utf-8")
    extract_batch([Document(id="warm", text=seed)])  # the model loaded and warm
    started = time.perf_counter()
    extract_batch([Document(id="seed", text=seed)])
    baseline = time.perf_counter() - started
    text = CASES[name]()
    timeout = 2.0 if name.startswith("slow") else None
    started = time.perf_counter()
    [result] = extract_batch([Document(id=name, text=text)], doc_timeout=timeout)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    outcome = result.reason if isinstance(result, Skip) else f"{len(result.triples)} triples"
    print(json.dumps({"case": name, "chars": len(text), "seconds": round(seconds, 2), "peak_mb": round(peak),
                      "seed_seconds": round(baseline, 2), "outcome": outcome}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for name in args.cases.split(","):
        run = subprocess.run([sys.executable, __file__, "--child", name], cwd=ROOT, capture_output=True, text=True,
                             timeout=1800)
        if run.returncode:
            print(f"{name}: failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{name}: {row['seconds']} s, peak {row['peak_mb']} MB, {row['chars']:,} chars, "
              f"{row['outcome']} (seed article baseline {row['seed_seconds']} s)")


if __name__ == "__main__":
    main()
