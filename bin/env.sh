# Sourced by bin/tailguard, bin/test and .ci/run: selects a JDK 25 and switches dependency telemetry off.
# Order: $TAILGUARD_JAVA_HOME, then $JAVA_HOME if it is 25 or newer, then /usr/lib/jvm/*25*.
_tg_java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; }
_tg_pick_jdk() {
  local c
  for c in "${TAILGUARD_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25* /usr/lib/jvm/*25*; do
    if [ -n "$c" ] && _tg_java_ok "$c"; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME="$(_tg_pick_jdk)"; then
  echo "tailguard: needs a JDK 25; none found in \$TAILGUARD_JAVA_HOME, \$JAVA_HOME or /usr/lib/jvm" >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
export OPT_OUT_TRACKING=true          # DJL: no telemetry probe
export ORT_DISABLE_TELEMETRY=1        # ONNX Runtime: no telemetry
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
TAILGUARD_JVM_OPTS="${TAILGUARD_JVM_OPTS:-} --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Djava.awt.headless=true -Dai.djl.offline=true"
