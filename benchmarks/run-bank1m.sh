#!/usr/bin/env bash
# Issue #20's "1M-customer bank on one machine", as a new user runs it: default settings (no JAVA_OPTS), each stage a
# separate relgraph command, each timed with its peak RSS by GNU time. Stages and what they print:
#   generate  the bank as Parquet (~2.9 GB, ~194M rows)
#   inspect   load + graph build ("Loaded ... in X s", "Graph: ... built in X s")
#   train     load + training tables ("Built the training tables in X s") + one epoch + validation/test scoring
#   predict   load + scoring every customer ("Scored in X s")
# Needs ~25 GB of free disk in target/ and about 1h15 on 2 cores. Results: benchmarks/README.md, "The 1M-customer bank".
# Usage: benchmarks/run-bank1m.sh [WORK_DIR]   (default target/bank1m-run; an existing WORK_DIR/bank is reused)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-target/bank1m-run}"
mkdir -p "$work"
unset JAVA_OPTS
query="PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'"

# shellcheck source=lib.sh
source benchmarks/lib.sh
# Not lib.sh's stage line (which adds CPU and load): this run's README table gives wall time and peak RSS, and the
# lines of the log that say where the time went.
stage() {  # stage NAME COMMAND...: runs it, keeps its output in WORK/NAME.log, prints wall time and peak RSS
  timed_run "$@"
  printf '%-9s %8.0f s  peak RSS %6.1f GB\n' "$1" "$stage_wall" "$stage_rss_gb"
  grep -E "^  memory:|^Loaded|^Graph:|^Built the training|^epoch .*100%|Scored in|^Trained" "$work/$1.log" \
    | tr '\r' '\n' | grep -v '^$' | sed 's/^/    /' || true
}

[ -f "$work/bank/schema.yaml" ] || stage generate ./relgraph generate bank --customers 1000000 --format parquet --out "$work/bank"
stage inspect ./relgraph inspect --data "$work/bank"
stage train ./relgraph train --data "$work/bank" --train-anchors 2 --epochs 1 --out "$work/model" --query "$query"
stage predict ./relgraph predict --model "$work/model" --data "$work/bank" --out "$work/scores.csv" --show 5
