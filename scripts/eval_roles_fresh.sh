#!/usr/bin/env bash
# Score kg on the fresh sample (issue 15): 28 unseen PolNeAR train articles annotated by hand for
# person→role (tests/data/roles-fresh/gold.jsonl, scored by ../shared/eval/roles.py) and entity
# clusters (clusters.jsonl, scored by scripts/eval_clusters.py).
#   scripts/eval_roles_fresh.sh [OUTDIR [DATA]]      (needs ../shared next to the project)
# DATA: another sample of PolNeAR train articles in the same layout (docs.txt, gold.jsonl,
# clusters.jsonl), e.g. tests/data/roles-fresh-2; default tests/data/roles-fresh.
# To score another checkout of kg with this venv: PYTHONPATH=/path/to/checkout scripts/eval_roles_fresh.sh
# (kg runs from inside OUTDIR, so the current folder never shadows PYTHONPATH).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KG_SHARED:-$here/../shared}"
out="${1:-$(mktemp -d)}"
data="$(cd "${2:-$here/tests/data/roles-fresh}" && pwd)"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
py="${PYTHON:-$here/.venv/bin/python}"
text="$shared/data/polnear/train/text"
[ -d "$text" ] || { echo "no PolNeAR train texts at $text" >&2; exit 2; }
mkdir -p "$out/in"
while read -r doc; do
  [ -n "$doc" ] && cp "$text/$doc.txt" "$out/in/"
done < "$data/docs.txt"
(cd "$out" && "$py" -m kg.cli extract "$out/in" -o "$out/kg" --no-view -q 2>"$out/kg.log") || true
"$py" "$shared/eval/from_triples.py" "$out/kg/triples.jsonl" "$out/attributions.jsonl" "$out/roles.jsonl"
echo "== $(basename "$data"): person→role =="
"$py" "$shared/eval/roles.py" "$data/gold.jsonl" "$out/roles.jsonl"
echo "== $(basename "$data"): entity clusters =="
"$py" "$here/scripts/eval_clusters.py" "$data/clusters.jsonl" "$out/kg" --docs "$data/docs.txt"
