#!/usr/bin/env bash
# Issue #18: do rel-f1's three tasks get the same labels from raw F1 in PostgreSQL, where only races is dated and
# results, qualifying and the standings take their race's time (time_from: raceId), as from --dataset rel-f1, where
# RelBench's preparation wrote a date into every row? Writes each task's training table both ways with
# `relgraph query --out` (RelBench's splits: val from 2005-01-01, test from 2010-01-01, 40 anchors each, train back
# to the first race) and compares them row by row: entity key, anchor time, split, label.
#
#   benchmarks/leakage/load-f1-postgres.sh --relbench-snapshot f1_raw
#   benchmarks/leakage/compare-f1-labels.sh f1_raw          (connection from PGHOST / PGPORT / PGUSER / PGPASSWORD)
#
# RelBench dates a qualifying row a day before its race; time_from gives it the race's own time, so driver-top3's
# windows catch a qualifying a day later near their edges. The script also writes top3 from rel-f1's own files with
# qualifying given its race's time (time_from: raceId instead of RelBench's date) to show that this shift is the
# whole difference. Exit status 0 when driver-dnf and driver-position are identical and top3 differs by nothing else.
# Outputs go to a new temp folder, printed at the end.
set -euo pipefail
DB="${1:?usage: compare-f1-labels.sh DBNAME (loaded by load-f1-postgres.sh --relbench-snapshot)}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RELGRAPH="$ROOT/relgraph"
PG=(--data "jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/$DB"
    --schema "$ROOT/benchmarks/leakage/f1-postgres-schema.yaml")
SPLITS=(--val-time 2005-01-01 --test-time 2010-01-01 --eval-anchors 40 --max-train-anchors 1000000)
OUT="$(mktemp -d "${TMPDIR:-/tmp}/relgraph-f1-labels.XXXXXX")"
# The tasks as in datasets/.../f1/RelF1Task.java.
declare -A QUERY=(
  [driver-dnf]="PREDICT BOOL(results.statusId != '1', 0, 30, days) FOR EACH drivers.driverId WHERE COUNT(results.*, 0, 30, days) > 0"
  [driver-top3]="PREDICT BOOL(qualifying.position <= 3, 0, 30, days) FOR EACH drivers.driverId WHERE COUNT(qualifying.*, 0, 30, days) > 0"
  [driver-position]="PREDICT AVG(results.positionOrder, 0, 60, days) FOR EACH drivers.driverId WHERE COUNT(results.*, 0, 60, days) > 0"
)

table() { # out-name, task, data options...
  local name="$1" task="$2"
  shift 2
  "$RELGRAPH" query "$@" "${SPLITS[@]}" --query "${QUERY[$task]}" --out "$OUT/$name.csv" >"$OUT/$name.log" 2>&1 \
    || { echo "relgraph query failed; see $OUT/$name.log:" >&2; tail -3 "$OUT/$name.log" >&2; exit 1; }
}

# Prints per split: rows in each table, rows (entity, anchor) only in one, rows whose label differs; exit 0 if equal.
compare() { # left.csv, right.csv, left title, right title
  awk -F, -v L="$3" -v R="$4" '
    FNR == 1 { next }                       # header: driverId,anchor_time,label,split
    NR == FNR { left[$1 "," $2 "," $4] = $3; nl[$4]++; next }
    { k = $1 "," $2 "," $4; nr[$4]++
      if (!(k in left)) onlyR[$4]++; else { if (left[k] != $3) diff[$4]++; delete left[k] } }
    END {
      for (k in left) { split(k, p, ","); onlyL[p[3]]++ }
      printf "  %-6s %9s %9s %11s %11s %14s\n", "split", L, R, "only " L, "only " R, "label differs"
      bad = 0
      n = split("train val test", s, " ")
      for (i = 1; i <= n; i++) {
        printf "  %-6s %9d %9d %11d %11d %14d\n", s[i], nl[s[i]], nr[s[i]], onlyL[s[i]], onlyR[s[i]], diff[s[i]]
        bad += onlyL[s[i]] + onlyR[s[i]] + diff[s[i]]
      }
      exit (bad > 0)
    }' "$1" "$2"
}

status=0
for task in driver-dnf driver-top3 driver-position; do
  table "$task.rel-f1" "$task" --dataset rel-f1
  table "$task.postgres" "$task" "${PG[@]}"
  echo "$task"
  if compare "$OUT/$task.rel-f1.csv" "$OUT/$task.postgres.csv" rel-f1 postgres; then
    echo "  identical"
  elif [ "$task" != driver-top3 ]; then
    status=1
  fi
done

# driver-top3 again, from rel-f1's own files with qualifying timed at its race (RelBench: a day before).
PREPARED="$(ls -d "${RELGRAPH_CACHE:-$HOME/.cache/relgraph}"/rel-f1-v* 2>/dev/null | sort -V | tail -1)"
[ -n "$PREPARED" ] || { echo "no prepared rel-f1 folder under ${RELGRAPH_CACHE:-$HOME/.cache/relgraph}" >&2; exit 1; }
awk '/^- name: / { inq = ($3 == "qualifying") }
     inq && /^  time_column: date$/ { print "  time_from: raceId"; next }
     inq && /^    date: timestamp$/ { next }
     { print }' "$PREPARED/schema.yaml" >"$OUT/rel-f1-qualifying-at-race.yaml"
grep -q 'time_from: raceId' "$OUT/rel-f1-qualifying-at-race.yaml" \
  || { echo "could not re-time qualifying in $PREPARED/schema.yaml" >&2; exit 1; }
table driver-top3.rel-f1-qualifying-at-race driver-top3 --data "$PREPARED" --schema "$OUT/rel-f1-qualifying-at-race.yaml"
echo "driver-top3, rel-f1's files with qualifying at its race's time (time_from: raceId) against postgres"
if compare "$OUT/driver-top3.rel-f1-qualifying-at-race.csv" "$OUT/driver-top3.postgres.csv" "rel-f1*" postgres; then
  echo "  identical: the whole top3 difference is RelBench dating qualifying a day before its race"
else
  status=1
fi
echo "tables and logs in $OUT"
exit $status
