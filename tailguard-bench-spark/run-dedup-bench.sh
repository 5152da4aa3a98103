#!/usr/bin/env bash
# The MinHash dedup benchmark with every peer: ours, Lucene's MinHashFilter, Spark MLlib's MinHashLSH.
# Usage: tailguard-bench-spark/run-dedup-bench.sh [--quick] [--originals N] [--copies N] [--repeats N] [--threads N]
# Needs the bundled corpora on the classpath (tailguard-text resources) or falls back to synthetic text.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -Pspark-bench package dependency:build-classpath -DskipTests -pl tailguard-bench-spark -am \
  -Dmdep.outputFile="$cp_file" >&2
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  --enable-native-access=ALL-UNNAMED)
exec java -Xmx6g "${opens[@]}" -cp "$(cat "$cp_file"):tailguard-bench-spark/target/classes:tailguard-text/target/classes" \
  org.tailguard.curate.dedup.DedupBenchmark "$@"
