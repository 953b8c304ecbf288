#!/usr/bin/env bash
# Score kg on PolNeAR dev (attributions) and roles-dev (person→role) with the project's scorers.
#   scripts/eval_polnear.sh [OUTDIR]     (needs ../shared next to the project)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KG_SHARED:-$here/../shared}"
out="${1:-$(mktemp -d)}"
py="${PYTHON:-$here/.venv/bin/python}"
[ -d "$shared/data/polnear/dev/text" ] || { echo "no PolNeAR data at $shared/data/polnear" >&2; exit 2; }
"$py" -m kg.cli extract "$shared/data/polnear/dev/text" -o "$out" --no-view -q 2>"$out.log" || true
"$py" "$shared/eval/from_triples.py" "$out/triples.jsonl" "$out/attributions.jsonl" "$out/roles.jsonl"
echo "== PolNeAR dev: attributions =="
"$py" "$shared/eval/polnear.py" "$shared/data/polnear" dev "$out/attributions.jsonl"
echo "== roles-dev: person→role =="
"$py" "$shared/eval/roles.py" "$shared/data/roles-dev/gold.jsonl" "$out/roles.jsonl"
echo "== PolNeAR dev: SAID of kind speech only (precision: content_P, speaker_acc) =="
"$py" "$here/scripts/filter_kind.py" "$out/triples.jsonl" speech > "$out/triples-speech.jsonl"
"$py" "$shared/eval/from_triples.py" "$out/triples-speech.jsonl" "$out/attributions-speech.jsonl" "$out/roles-speech.jsonl"
"$py" "$shared/eval/polnear.py" "$shared/data/polnear" dev "$out/attributions-speech.jsonl" | sed -n '1,2p'
