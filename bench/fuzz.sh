#!/usr/bin/env bash
# The long fuzzing run (issue 15): each Jazzer @FuzzTest target in fuzzing mode (JAZZER_FUZZ=1) until its
# maxExecutions (3 million) or maxDuration (15 min), one after the other; then the executions per target and in
# total. A crash leaves its input in the module directory (crash-*) and fails the run: copy it into the target's
# seed directory (…FuzzTestInputs/<method>/) as a regression input and fix it.
# The compile (and the test classpath) take the Maven lock; the fuzzing itself does not: it measures no time,
# runs at nice 19 outside Maven (bench/FuzzLauncher.java), so an hour of it does not stop everyone's builds.
# Loopback and files only: nothing leaves the machine.
#
#   bench/fuzz.sh                       # all five targets
#   TARGETS="discovery:RuleParserFuzzTest" bench/fuzz.sh
#   WALL=600 bench/fuzz.sh              # stop each target after 600 s of wall time at the latest
#   COMPILE=0 bench/fuzz.sh             # reuse the last compile (no Maven, no lock)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TARGETS=${TARGETS:-"discovery:rule.RuleParserFuzzTest discovery:docker.LabelDecoderFuzzTest discovery:decode.YamlConfigFuzzTest gateway:proxy.RequestIntakeFuzzTest gateway:traefik.TraefikTranslatorFuzzTest"}
WALL=${WALL:-1000}
LOCK=${LOCK:-/tmp/mvn.lock}
out=$(mktemp -d /tmp/modelgate-fuzz.XXXXXX)
total=0
status=0
cd "$repo"
if [ "${COMPILE:-1}" = 1 ]; then
  flock "$LOCK" mvn -B -o -q -pl discovery,gateway -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
fi
for t in $TARGETS; do
  module=${t%%:*}; class=io.modelgate.$module.${t#*:}
  log=$out/${class##*.}.log
  echo "== ${class##*.} ($module): fuzzing, at most ${WALL}s"
  cp="$repo/$module/target/test-classes:$repo/$module/target/classes:$(cat "$repo/$module/target/test.classpath")"
  # its own process group, so a wall-time stop ends the JVM (by its group id, nothing else)
  ( cd "$repo/$module" && exec setsid env JAZZER_FUZZ=1 nice -n 19 "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading \
      --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false \
      -cp "$cp" "$here/FuzzLauncher.java" "$class" ) >"$log" 2>&1 &
  pid=$!
  ( sleep "$WALL"; kill -INT -- "-$pid" 2>/dev/null || true ) &
  watchdog=$!
  if ! wait "$pid"; then
    if grep -q "FuzzTestFindingException\|== Java Exception" "$log"; then
      echo "   CRASH: see $log and crash-* files in $module/"; status=1
    fi
  fi
  kill "$watchdog" 2>/dev/null || true
  # libFuzzer's last status line: "#1234567 DONE cov: … exec/s: 12345" (or the last pulse before a stop)
  runs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  rate=$(grep -aoE 'exec/s: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  echo "   executions: ${runs:-0} (last rate ${rate:-?}/s)"
  total=$(( total + ${runs:-0} ))
done
echo "== total executions: $total (logs in $out)"
exit $status
