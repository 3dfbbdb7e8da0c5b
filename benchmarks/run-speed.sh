#!/usr/bin/env bash
# Issue #6's speed yardstick in one command: the GNN at the issue's shape (2 layers, hidden 128, fanouts [20, 10],
# batch 512) trained for 2 epochs on a 10k-customer synthetic bank, then scoring; prints training seeds/s,
# inference seeds/s on the test seeds and on the train seeds, their ratio and peak RSS (GnnTrainingProbe).
# With --torch it also builds the PyTorch reference (libtorch 2.7.1 through DJL, from Maven) and times
# the same model in both engines on identical batches (TorchReferenceProbe, benchmarks/README.md).
# Usage: benchmarks/run-speed.sh [--torch] [BANK_DIR]   (default BANK_DIR: target/speed-bank, generated if absent)
set -euo pipefail
cd "$(dirname "$0")/.."

torch=false
if [ "${1:-}" = "--torch" ]; then
  torch=true
  shift
fi
bank="${1:-target/speed-bank}"
[ -f "$bank/schema.yaml" ] || ./relgraph generate bank --customers 10000 --out "$bank"

profile=()
$torch && profile=(-P pytorch-reference)
# One reactor run, so sibling modules resolve to their freshly built target/ jars, not to ~/.m2.
mvn -q -B -pl benchmarks -am package -DskipTests "${profile[@]}" dependency:build-classpath \
    -Dmdep.outputFile=target/speed.classpath -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/speed.classpath)"

# As the relgraph launcher runs the product: ND4J's OpenMP threads wait passively (see that script).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
shape=(-Dhidden=128 -Dfanouts=20,10)
if $torch; then
  for engine in nd4j torch; do
    echo "== TorchReferenceProbe, engine $engine (16 train batches, 3 rounds; round 1 is warm-up)"
    java -Xmx8g -Dai.djl.offline=true -Dengine="$engine" "${shape[@]}" -cp "$classpath" \
        org.relgraph.benchmarks.torch.TorchReferenceProbe "$bank" 16 3
  done
fi
echo "== GnnTrainingProbe: the trainer and scorer as relgraph runs them"
exec java -Xmx8g "${shape[@]}" -cp "$classpath" org.relgraph.benchmarks.gnn.GnnTrainingProbe "$bank" 2 4
