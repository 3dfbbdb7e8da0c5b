#!/usr/bin/env bash
# Builds the JMH microbenchmarks (module benchmarks-jmh, offline, nothing installed into ~/.m2) and runs JMH.
# Usage: benchmarks/run-jmh.sh [benchmark regex] [JMH options]
#   benchmarks/run-jmh.sh GraphBuildBenchmark -f 1 -wi 2 -i 3
#   benchmarks/run-jmh.sh SamplerBenchmark -p strategy=UNIFORM
set -euo pipefail
cd "$(dirname "$0")/.."

# One reactor run, so sibling modules resolve to their freshly built target/ jars, not to ~/.m2.
mvn -q -B -o -pl benchmarks-jmh -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime

classpath="benchmarks-jmh/target/benchmarks-jmh-0.1.0-SNAPSHOT.jar:$(cat benchmarks-jmh/target/jmh.classpath)"
regex="${1:-org.relgraph.benchmarks}"
shift || true
# As the relgraph launcher runs the product: ND4J's OpenMP threads wait passively (see that script).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
exec java -cp "$classpath" org.openjdk.jmh.Main "$regex" "$@"
