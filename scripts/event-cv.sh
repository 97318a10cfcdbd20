#!/usr/bin/env bash
# End-to-end event detection on event-gsr, cross-validated: for each of five
# folds the event model is retrained (`isnad train-events`) on the other
# four fifths of the visible sentences, and the whole pipeline (text,
# entities, claims) analyses the held-out fifth; score_events.py grades the
# five held-out parts together. Each fold's model chooses its decision
# threshold as the committed one does, by cross-validation inside its own
# four fifths (nested), so this is the honest estimate of what
# `score_events.py` will say on sentences isnad has not seen; the figure on
# the visible set is in-sample.
#
# With only 62 PROTEST positives, which fifth a sentence falls in moves
# PROTEST F1 by up to 0.15; so the whole is repeated over PARTITIONS ways of
# cutting the folds (the first by position, i % 5, the others shuffled with
# seeds 1, 2, ...) and the mean is the figure to compare.
#
# Usage: [PARTITIONS=4] scripts/event-cv.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "${1:-$here/../shared}" && pwd)"
isnad="$here/build/isnad"
[ -x "$isnad" ] || { echo "event-cv: build isnad first (scripts/setup.sh)" >&2; exit 1; }
[ -d "$shared/data/event-gsr" ] || { echo "event-cv: $shared/data/event-gsr not found" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folds=5
partitions="${PARTITIONS:-4}"
for ((p = 0; p < partitions; ++p)); do
for ((f = 0; f < folds; ++f)); do
  dir="$work/part$p/fold$f"
  mkdir -p "$dir/data/event-gsr" "$dir/heldout" "$dir/resources"
  python3 - "$shared/data/event-gsr" "$dir" "$f" "$folds" "$p" <<'PY'
import csv, random, sys
src, out, fold, folds, partition = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
for kind in ("assault", "protest"):
    with open(f"{src}/{kind}_gsr.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    order = list(range(len(rows)))
    if partition:
        random.Random(partition).shuffle(order)
    fold_of = {row: k % folds for k, row in enumerate(order)}
    for path, keep in ((f"{out}/data/event-gsr/{kind}_gsr.csv", lambda i: fold_of[i] != fold),
                       (f"{out}/heldout/{kind}_gsr.csv", lambda i: fold_of[i] == fold)):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(r for i, r in enumerate(rows) if keep(i))
PY
  cp -r "$here/resources/." "$dir/resources/"
  "$isnad" --resources "$dir/resources" train-events --data "$dir/data" --folds 5 > /dev/null 2>&1
  python3 "$shared/eval/gsr_to_jsonl.py" "$dir"/heldout/*_gsr.csv > "$dir/in.jsonl"
  "$isnad" --resources "$dir/resources" analyze -q "$dir/in.jsonl" > "$dir/pred.jsonl" || [ $? -eq 2 ]
done
cat "$work/part$p"/fold*/pred.jsonl > "$work/part$p/pred.jsonl"
echo "partition $p:"
python3 "$shared/eval/score_events.py" --gsr "$shared/data/event-gsr" --pred "$work/part$p/pred.jsonl" | tee "$work/part$p/score.txt"
done
python3 - "$work" "$partitions" <<'PY'
import re, sys
work, n = sys.argv[1], int(sys.argv[2])
sums = {"assault": 0.0, "protest": 0.0}
for p in range(n):
    text = open(f"{work}/part{p}/score.txt", encoding="utf-8").read()
    for kind in sums:
        sums[kind] += float(re.search(kind + r"_f1=([0-9.]+)", text).group(1))
print(f"MEAN over {n} partitions assault_f1={sums['assault'] / n:.3f} protest_f1={sums['protest'] / n:.3f}")
PY
