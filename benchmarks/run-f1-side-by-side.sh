#!/usr/bin/env bash
# Issue #20's speed-and-memory side-by-side in one command: rel-f1 driver-dnf, RelBench protocol, 2 layers, hidden 128,
# fanouts [20, 10], batch 512, uniform sampling, no child summaries, 2 threads, 3 epochs; first the PyTorch reference
# (libtorch 2.7.1 through DJL, TorchF1Reference: the same model, data, split and batches, see benchmarks/README.md),
# then `relgraph train` with the issue's exact command, one after the other, each under /usr/bin/time -v. Prints a
# table of both: seeds/s of epochs 1-3, the mean of epochs 2-3, their ratio, and peak RSS.
# Run it on a quiet machine: the two runs time 2 cores each, and other jobs make both numbers noise.
# Usage: benchmarks/run-f1-side-by-side.sh [DATA_HOME]   (the folder holding f1/; default $RELGRAPH_DATA_HOME, or
# whatever relgraph finds by default; rel-f1 is prepared once into ~/.cache/relgraph either way)
set -euo pipefail
cd "$(dirname "$0")/.."

data_home="${1:-${RELGRAPH_DATA_HOME:-}}"
home_option=()
[ -n "$data_home" ] && home_option=(--data-home "$data_home")
work="$(mktemp -d "${TMPDIR:-/tmp}/relgraph-f1-side-by-side.XXXXXX")"
echo "== outputs in $work"

# Build both before anything is timed, so no Maven JVM ends up in a measured process tree.
mvn -q -B -pl benchmarks -am package -DskipTests -P pytorch-reference dependency:build-classpath \
    -Dmdep.outputFile=target/f1-side-by-side.classpath -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/f1-side-by-side.classpath)"
./relgraph --version >/dev/null

# The JVM and allocator settings the relgraph launcher uses (see ./relgraph), so the reference's JVM is sized alike.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
jvm=(-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxbytes=17%
     -Dorg.bytedeco.javacpp.maxphysicalbytes=150% -Djava.awt.headless=true -Dai.djl.offline=true)

echo "== PyTorch reference (libtorch through DJL), load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$work/torch.time" java "${jvm[@]}" -cp "$classpath" \
    org.relgraph.benchmarks.torch.TorchF1Reference --threads 2 --epochs 3 "${home_option[@]}" \
    2>"$work/torch.err" | tee "$work/torch.out"

echo "== relgraph train, load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$work/relgraph.time" ./relgraph train --dataset rel-f1 "${home_option[@]}" \
    --val-time 2005-01-01 --test-time 2010-01-01 --eval-anchors 40 --max-train-anchors 100000 \
    --input-cutoff 2010-01-01 --layers 2 --hidden 128 --fanouts 20,10 --batch-size 512 --sampling UNIFORM \
    --no-child-summaries --threads 2 --epochs 3 --out "$work/relgraph-model" \
    --query "PREDICT BOOL(results.statusId != '1', 0, 30, days) FOR EACH drivers.driverId WHERE COUNT(results.*, 0, 30, days) > 0" \
    2>"$work/relgraph.err" | tee "$work/relgraph.out"
grep -E '^epoch [0-9]+: ' "$work/relgraph.err" || true

# seeds/s per epoch: TorchF1Reference prints "epoch N: X seeds/s (...", relgraph "epoch N: loss ..., X seeds/s, eta ...".
torch_rates=($(sed -n 's/^epoch [0-9]*: \([0-9]*\) seeds\/s .*/\1/p' "$work/torch.out"))
relgraph_rates=($(sed -n 's/^epoch [0-9]*: .*, \([0-9]*\) seeds\/s, eta .*/\1/p' "$work/relgraph.err"))
peak_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
torch_rss="$(peak_mb "$work/torch.time")"
relgraph_rss="$(peak_mb "$work/relgraph.time")"
if [ "${#torch_rates[@]}" -ne 3 ] || [ "${#relgraph_rates[@]}" -ne 3 ]; then
  echo "expected 3 epochs from each run, got ${#torch_rates[@]} and ${#relgraph_rates[@]}: see $work" >&2
  exit 1
fi

awk -v t="${torch_rates[*]}" -v r="${relgraph_rates[*]}" -v trss="$torch_rss" -v rrss="$relgraph_rss" \
    -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  split(t, T, " "); split(r, R, " ");
  tm = (T[2] + T[3]) / 2; rm = (R[2] + R[3]) / 2; im = (575 + 557) / 2;
  print "";
  print "| | epochs 1 / 2 / 3 (seeds/s) | mean of 2-3 | peak RSS |";
  print "|---|---|---|---|";
  printf "| PyTorch reference, libtorch 2.7.1 (this run) | %d / %d / %d | %.0f | %d MB (a JVM holding the data too) |\n", T[1], T[2], T[3], tm, trss;
  printf "| relgraph (this run) | %d / %d / %d | %.0f | %d MB |\n", R[1], R[2], R[3], rm, rrss;
  printf "| issue #20: PyTorch 1.13, Python | 463 / 575 / 557 | %.0f | 774 MB |\n", im;
  print "";
  printf "speed: relgraph / libtorch reference %.2fx; relgraph / the issue'"'"'s PyTorch %.2fx (target >= 3x)\n", rm / tm, rm / im;
  printf "memory: relgraph %d MB against the issue'"'"'s 774 MB (target <= 774 MB); the libtorch reference'"'"'s %d MB is\n", rrss, trss;
  print "  a JVM that also loads rel-f1, builds the graph and encodes batches with ND4J, not the Python process the";
  print "  issue measured, so the memory target is checked against the issue'"'"'s number";
  printf "load average at the end: %s (on 2 cores, anything near or above 2 means the timings are noisy)\n", load;
}'
