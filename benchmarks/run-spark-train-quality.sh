#!/usr/bin/env bash
# Issue #22's quality check of Spark training (docs/SPARK.md, "Training quality against one machine"): for one data
# folder, one binary query and a list of seeds, the single-machine GNN against Spark's data-parallel one, same model
# options on both sides:
#   single    ./relgraph train --seed S                        (one JVM, the reference)
#   labels    SparkMain labels                                 (once: the query's train/val/test rows)
#   neigh     SparkMain neighbourhoods --labels ...            (once: every training seed's MOST_RECENT subgraph)
#   spark     SparkMain train --neighbourhoods ... --seed S    (PARTITIONS partitions, parameter averaging every
#                                                               AVERAGING_STEPS steps, Adam's moments averaged)
# then a table of best epoch, val/test AUROC and average precision per seed (read from each bundle's bundle.json) of
# every seed WORK holds, this call's and earlier calls', the mean and spread (max - min, sample standard deviation) of
# each side over all of them (the seeds named), and Spark's mean minus the single machine's over the seeds both sides
# have. Each run's wall time, user+system CPU and peak RSS come from GNU time, with the load average before it.
# Runs already done (their bundle.json exists in WORK) are reused, so seeds can be added to WORK one at a time; so
# are the labels and neighbourhoods: use one WORK per data folder, query, split, fanouts and cutoff.
# Usage: QUERY="PREDICT ..." benchmarks/run-spark-train-quality.sh DATA_DIR WORK_DIR
# Env: QUERY (a binary PQL query, required), SPLIT (split options, given to labels and to both trains, e.g.
#      "--val-time 2005-01-01 --test-time 2010-01-01 --eval-anchors 40 --max-train-anchors 100000"),
#      CUTOFF (--input-cutoff DATE for neighbourhoods and both trains), MODEL_OPTS (model options for both trains,
#      default "--threads 1"), FANOUTS (default 10,5), SEEDS (default "42 7 1"), PARTITIONS (default 2),
#      AVERAGING_STEPS (default: the job's, 5), MASTER (default local[2]), HEAP (each JVM's -Xmx, default 6g),
#      SKIP_BUILD=1, SKIP_SINGLE=1, SKIP_SPARK=1, RERUN=1 (train again even if WORK holds the bundle).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: QUERY=\"PREDICT ...\" $0 DATA_DIR WORK_DIR" >&2; exit 2; }
[ -n "${QUERY:-}" ] || { echo "QUERY is not set: give the binary query to train, e.g. QUERY=\"PREDICT BOOL(...) FOR EACH ...\"" >&2; exit 2; }
data="$(cd "$1" && pwd)" work="$2"
[ -f "$data/schema.yaml" ] || { echo "$data has no schema.yaml (a data folder: ./relgraph generate bank ..., or a prepared dataset)" >&2; exit 2; }
mkdir -p "$work"; work="$(cd "$work" && pwd)"
heap="${HEAP:-6g}" master="${MASTER:-local[2]}" fanouts="${FANOUTS:-10,5}" seeds="${SEEDS:-42 7 1}"
partitions="${PARTITIONS:-2}"
read -r -a split <<< "${SPLIT:-}"
read -r -a model_opts <<< "${MODEL_OPTS:---threads 1}"
cutoff=(); [ -z "${CUTOFF:-}" ] || cutoff=(--input-cutoff "$CUTOFF")
averaging=(); [ -z "${AVERAGING_STEPS:-}" ] || averaging=(--averaging-steps "$AVERAGING_STEPS")

if [ -z "${SKIP_BUILD:-}" ]; then  # docs/SPARK.md's build: the module's jar and its class path (Spark included)
  mvn -B -q -o -pl spark -am package -DskipTests dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/spark.classpath
  ./relgraph --help > /dev/null   # builds the CLI once, before any run is timed
fi
cp="spark/target/relgraph-spark-0.1.0-SNAPSHOT.jar:$(cat spark/target/spark.classpath)"
spark_job=(nice -n 5 java "-Xmx$heap" @spark/jvm-opens.args -cp "$cp" org.relgraph.spark.SparkMain)

# shellcheck source=lib.sh
source benchmarks/lib.sh  # stage NAME COMMAND...: timed with GNU time, output in WORK/NAME.log

if [ -z "${SKIP_SPARK:-}" ] && [ ! -f "$work/neighbourhoods/neighbourhoods.json" ]; then
  stage labels "${spark_job[@]}" labels --master "$master" --data "$data" --query "$QUERY" "${split[@]}" \
      --out "$work/labels.csv" --force
  # train reads only the training seeds' subgraphs (the driver validates and tests on its own copy of the data)
  awk -F, 'NR == 1 || $NF == "train"' "$work/labels.csv" > "$work/labels-train.csv"
  stage neigh "${spark_job[@]}" neighbourhoods --master "$master" --data "$data" --labels "$work/labels-train.csv" \
      --fanouts "$fanouts" "${cutoff[@]}" --out "$work/neighbourhoods" --force
  grep -E "^Seeds:|^Wrote" "$work/neigh.log" | sed 's/^/    /' || true
fi

for seed in $seeds; do
  if [ -z "${SKIP_SINGLE:-}" ] && { [ -n "${RERUN:-}" ] || [ ! -f "$work/single-$seed/bundle.json" ]; }; then
    stage "single-$seed" env JAVA_OPTS="-Xmx$heap" nice -n 5 ./relgraph train --data "$data" --query "$QUERY" \
        "${split[@]}" "${cutoff[@]}" --fanouts "$fanouts" "${model_opts[@]}" --seed "$seed" \
        --out "$work/single-$seed" --force
  fi
  if [ -z "${SKIP_SPARK:-}" ] && { [ -n "${RERUN:-}" ] || [ ! -f "$work/spark-$seed/bundle.json" ]; }; then
    stage "spark-$seed" "${spark_job[@]}" train --master "$master" --data "$data" --query "$QUERY" "${split[@]}" \
        "${cutoff[@]}" --fanouts "$fanouts" "${model_opts[@]}" --seed "$seed" --neighbourhoods "$work/neighbourhoods" \
        --partitions "$partitions" "${averaging[@]}" --out "$work/spark-$seed" --force
  fi
done

# the table: every bundle in WORK, of this call's seeds and of earlier calls' (so seeds run one call at a time still
# give one mean), this call's seeds first in their order, then the others by number; then per side the mean and
# spread over all its seeds, and Spark's mean minus the single machine's over the seeds both sides have
found=$(for b in "$work"/single-*/bundle.json "$work"/spark-*/bundle.json; do
  [ -f "$b" ] || continue; d=$(basename "$(dirname "$b")"); echo "${d#*-}"; done | sort -n -u)
all_seeds=$(for seed in $seeds; do echo "$seed"; done; for seed in $found; do
  case " $(echo $seeds) " in *" $seed "*) ;; *) echo "$seed" ;; esac; done)
echo
printf '%-6s %-7s %5s %9s %9s %9s %9s %8s\n' side seed epoch val_auroc val_ap test_auroc test_ap train_s
for side in single spark; do
  for seed in $all_seeds; do
    b="$work/$side-$seed/bundle.json"
    [ -f "$b" ] || continue
    wall=$(cut -d' ' -f1 "$work/$side-$seed.time" 2>/dev/null || echo nan)
    jq -r --arg side "$side" --arg seed "$seed" --arg wall "$wall" '.metrics | [$side, $seed, .best_epoch,
        .val_auroc, .val_average_precision, .test_auroc, .test_average_precision, $wall] | @tsv' "$b"
  done
done > "$work/results.tsv"
awk -F'\t' '{ printf "%-6s %-7s %5d %9.4f %9.4f %9.4f %9.4f %8.0f\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$work/results.tsv"
awk -F'\t' '
  { n[$1]++; names[$1] = names[$1] (n[$1] > 1 ? " " : "") $2; has[$1, $2] = 1
    for (c = 4; c <= 7; c++) { v = $c; val[$1, $2, c] = v; s[$1, c] += v; q[$1, c] += v * v
      if (n[$1] == 1 || v < lo[$1, c]) lo[$1, c] = v; if (n[$1] == 1 || v > hi[$1, c]) hi[$1, c] = v } }
  END {
    for (i = 1; i <= 2; i++) { side = i == 1 ? "single" : "spark"; if (!n[side]) continue
      printf "%-6s %-7s %5s", side, "mean", ""; for (c = 4; c <= 7; c++) printf " %9.4f", s[side, c] / n[side]
      printf "   (%d seed%s: %s)\n", n[side], n[side] == 1 ? "" : "s", names[side]
      printf "%-6s %-7s %5s", side, "max-min", ""; for (c = 4; c <= 7; c++) printf " %9.4f", hi[side, c] - lo[side, c]; printf "\n"
      printf "%-6s %-7s %5s", side, "sd", ""
      for (c = 4; c <= 7; c++) { m = s[side, c] / n[side]; var = n[side] > 1 ? (q[side, c] - n[side] * m * m) / (n[side] - 1) : 0
        printf " %9.4f", sqrt(var < 0 ? 0 : var) }; printf "\n" }
    # the difference over the seeds both sides ran, so that a seed one side lacks does not move it
    k = split(names["single"], order, " "); common = 0; list = ""
    for (j = 1; j <= k; j++) if (has["spark", order[j]]) { common++; list = list (common > 1 ? " " : "") order[j]
      for (c = 4; c <= 7; c++) d[c] += val["spark", order[j], c] - val["single", order[j], c] }
    if (common) { printf "%-6s %-7s %5s", "spark", "-single", ""
      for (c = 4; c <= 7; c++) printf " %+9.4f", d[c] / common
      printf "   (means over the %d seed%s both sides have: %s)\n", common, common == 1 ? "" : "s", list }
  }' "$work/results.tsv"
echo "per run: $work/results.tsv; logs: $work/*.log"
