#!/usr/bin/env bash
# Runs the peer benchmark (org.tailguard.bench.PeerBenchmark) without the CLI module.
# Builds tailguard-core and tailguard-bench (no install), then passes all arguments on, e.g.
#   tailguard-bench/run-bench.sh --threads 2 --json tailguard-bench/target/bench.json
#   tailguard-bench/run-bench.sh --quick
# Options: --chains --generations --gaussian-m --categorical-k --categorical-m --start zipf|uniform --beta
#          --seed --warmups --repetitions --threads --cases gaussian,categorical --python --json --quick
# JVM flags go in JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
mvn -q -B -pl tailguard-bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/runtime.classpath >&2
cp="tailguard-bench/target/classes:$(cat tailguard-bench/target/runtime.classpath)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$cp" org.tailguard.bench.PeerBenchmark "$@"
