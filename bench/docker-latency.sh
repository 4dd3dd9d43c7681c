#!/usr/bin/env bash
# Time from `docker run` returning to the first request routed to the new container, and from
# `docker stop` returning to the route being gone. Needs the Docker engine (../shared/docker-lab/setup.sh)
# and a local JRE image for the model (BASE_IMAGE, default local/jre:25-slim). N=10 runs by default.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
BASE_IMAGE=${BASE_IMAGE:-local/jre:25-slim}
N=${N:-10}
run_id="bench-$$"
out="$here/results/docker-latency-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/image"
# the smallest possible model: busybox httpd from the base image, no JVM start in the measurement
cat > "$out/image/Dockerfile" <<'DOCKERFILE'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN mkdir -p /www && echo ok > /www/index.html
EXPOSE 8000
CMD ["busybox", "httpd", "-f", "-p", "8000", "-h", "/www"]
DOCKERFILE
docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" --label docker-lab.test="$run_id" -t "modelgate-bench/model:$run_id" "$out/image" > /dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false \
  -jar "$JAR" --modelgate.entrypoints.web.port=18280 --modelgate.admin.port=18281 --modelgate.demo.enabled=false \
  --modelgate.providers.docker.enabled=true --modelgate.providers.docker.model-strip-prefix=true \
  --modelgate.access-log.enabled=false > "$out/gateway.out" 2>&1 &
gw=$!
cleanup() {
  kill $gw 2>/dev/null || true
  ids=$(docker ps -aq --filter label=docker-lab.test="$run_id"); [ -z "$ids" ] || docker rm -f $ids > /dev/null
  docker rmi -f "modelgate-bench/model:$run_id" > /dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18281/ping >/dev/null && break; sleep 0.5; done
now_ms() { date +%s%3N; }
for i in $(seq 1 "$N"); do
  model="lat$i"
  docker run -d --label docker-lab.test="$run_id" --label modelgate.model="$model" --name "$run_id-$i" \
    "modelgate-bench/model:$run_id" > /dev/null
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18280/api/v1/$model/")" = 200 ]; do
    [ $(( $(now_ms) - t0 )) -lt 10000 ] || { echo "not routable after 10 s" >&2; exit 1; }
  done
  t1=$(now_ms)
  docker stop -t 1 "$run_id-$i" > /dev/null
  t2=$(now_ms)
  # the router leaving the live configuration (a request in flight at that moment may still be connecting)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18281/api/http/routers/model-$model@docker")" = 404 ]; do
    [ $(( $(now_ms) - t2 )) -lt 10000 ] || { echo "still routed 10 s after stop" >&2; exit 1; }
  done
  t3=$(now_ms)
  echo "$((t1 - t0)) $((t3 - t2))" | tee -a "$out/latency.txt"
  docker rm "$run_id-$i" > /dev/null
done
python3 - "$out/latency.txt" <<'PY'
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1])]
up, down = [r[0] for r in rows], [r[1] for r in rows]
print(f"docker run returned -> first routed request: median {statistics.median(up)} ms, max {max(up)} ms ({len(up)} runs)")
print(f"docker stop returned -> router gone from the live configuration: median {statistics.median(down)} ms, max {max(down)} ms")
PY
