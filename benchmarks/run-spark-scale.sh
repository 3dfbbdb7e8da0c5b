#!/usr/bin/env bash
# Issue #22's Spark scale run on one bank folder, as a user runs it (benchmarks/README.md, "Spark scale run"):
#   single    relgraph query --out          the single-machine labels (loads every table into one JVM)
#   labels    SparkMain labels --metrics    the same file on Spark (compared with cmp), per-stage metrics
#   seeds     the test split's rows of that file: the seeds of ONE as-of date (a scoring run's seeds); with
#             SEED_EVERY=N only customers whose id is a multiple of N (a 1/N sample, said in the output)
#   neigh     SparkMain neighbourhoods for those seeds, per-hop metrics in neighbourhoods.json
#   score     with MODEL=BUNDLE: SparkMain score of those neighbourhoods with that bundle (neighbourhoods then runs
#             with --model, so a bundle with child summaries gets them), Parquet under WORK/scores
# Each stage's wall time, user+system CPU and peak RSS come from GNU time, with the load average before it; the
# Spark stages also print SparkStageMetrics' table (docs/SPARK.md, "Reading the metrics").
# Usage: benchmarks/run-spark-scale.sh BANK_DIR WORK_DIR
# Env: HEAP (each JVM's -Xmx, default 8g), MASTER (default: local[*], UI off, Spark at WARN), FANOUTS (default 10,5),
#      SEED_EVERY (default 1), MODEL (a GNN bundle trained on this bank: adds the score stage),
#      SKIP_SINGLE=1 (skip the single-machine query, e.g. when the bank does not fit HEAP), SKIP_BUILD=1,
#      SKIP_SCORE=1 (with MODEL: neighbourhoods with its child summaries, no score stage), SKIP_LABELS=1 (reuse WORK/labels-spark.csv and its log from an earlier run), SPARK_JAVA_OPTS (more JVM
#      options for the Spark jobs, e.g. -Dspark.relgraph.frontier.restrict=never: docs/SPARK.md, "hop 1's cost").
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 BANK_DIR WORK_DIR" >&2; exit 2; }
bank="$1" work="$2"
heap="${HEAP:-8g}" master="${MASTER:-}" fanouts="${FANOUTS:-10,5}" every="${SEED_EVERY:-1}"
[ -f "$bank/schema.yaml" ] || { echo "$bank has no schema.yaml (generate one: ./relgraph generate bank ...)" >&2; exit 2; }
mkdir -p "$work"
query="PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'"

if [ -z "${SKIP_BUILD:-}" ]; then  # docs/SPARK.md's build: the module's jar and its class path (Spark included)
  mvn -B -q -o -pl spark -am package -DskipTests dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/spark.classpath
fi
cp="spark/target/relgraph-spark-0.1.0-SNAPSHOT.jar:$(cat spark/target/spark.classpath)"
spark_job=(nice -n 5 java "-Xmx$heap" @spark/jvm-opens.args ${SPARK_JAVA_OPTS:-} -cp "$cp" org.relgraph.spark.SparkMain)
master_option=(); [ -z "$master" ] || master_option=(--master "$master")

stage_width=7
# shellcheck source=lib.sh
source benchmarks/lib.sh  # stage NAME COMMAND...: timed with GNU time, output in WORK/NAME.log

if [ -z "${SKIP_SINGLE:-}" ]; then
  stage single env JAVA_OPTS="-Xmx$heap" nice -n 5 ./relgraph query --data "$bank" --query "$query" \
      --out "$work/labels-single.csv" --force
  grep -E "^Loaded|Built the training tables" "$work/single.log" | sed 's/^/    /' || true
fi
[ -n "${SKIP_LABELS:-}" ] || stage labels "${spark_job[@]}" labels "${master_option[@]}" --data "$bank" --query "$query" \
    --out "$work/labels-spark.csv" --force --metrics "$work/labels-metrics.json"
sed -n '/^Spark stage metrics/,$p' "$work/labels.log" | grep -v ' INFO ' | sed 's/^/    /'
if [ -f "$work/labels-single.csv" ]; then
  if cmp -s "$work/labels-single.csv" "$work/labels-spark.csv"; then
    echo "    labels: the Spark file equals the single-machine file ($(($(wc -l < "$work/labels-spark.csv") - 1)) rows)"
  else
    echo "    labels: the Spark file DIFFERS from the single-machine file" >&2; exit 1
  fi
fi

# the seeds of one as-of date: the test split (one anchor with the default --eval-anchors 1)
awk -F, -v every="$every" 'NR == 1 || ($NF == "test" && $1 % every == 0)' "$work/labels-spark.csv" \
    > "$work/seeds-one-anchor.csv"
all=$(awk -F, '$NF == "test"' "$work/labels-spark.csv" | wc -l)
kept=$(($(wc -l < "$work/seeds-one-anchor.csv") - 1))
echo "seeds   $kept of the test anchor's $all seeds (anchor $(sed -n 2p "$work/seeds-one-anchor.csv" | cut -d, -f2))"
model_option=(); [ -z "${MODEL:-}" ] || model_option=(--model "$MODEL")
stage neigh "${spark_job[@]}" neighbourhoods "${master_option[@]}" --data "$bank" --labels "$work/seeds-one-anchor.csv" --fanouts "$fanouts" \
    "${model_option[@]}" --out "$work/neighbourhoods"
grep -E "^Seeds:|^Wrote" "$work/neigh.log" | sed 's/^/    /'
sed -n '/^Spark stage metrics/,$p' "$work/neigh.log" | grep -v ' INFO ' | sed 's/^/    /'
if [ -n "${MODEL:-}" ] && [ -z "${SKIP_SCORE:-}" ]; then
  stage score "${spark_job[@]}" score "${master_option[@]}" --model "$MODEL" --data "$bank" \
      --neighbourhoods "$work/neighbourhoods" --out "$work/scores"
  grep -E "^Scor|^Wrote" "$work/score.log" | sed 's/^/    /'
  sed -n '/^Spark stage metrics/,$p' "$work/score.log" | grep -v ' INFO ' | sed 's/^/    /'
fi
echo "metrics: $work/labels-metrics.json, $work/neighbourhoods/neighbourhoods.json"
