#!/usr/bin/env bash
# Median time to rebuild the configuration from 1,000 containers' labels (decode + compile), in-process.
#   bench/rebuild.sh [containers]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$repo"
mvn -B -q -DskipTests test-compile -pl gateway -am > /dev/null
cp=$(mvn -B -q -pl gateway dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
"$JAVA_HOME/bin/java" -Xmx1g -cp "gateway/target/test-classes:gateway/target/classes:discovery/target/classes:$cp" \
  io.modelgate.gateway.bench.RebuildBench "${1:-1000}"
