#!/usr/bin/env bash
# CPU and allocation profile of modelgate under load (JFR, settings=profile): top self frames, CPU and allocation
# charged to the nearest modelgate frame, modelgate methods inclusive (bench/jfr_top.py).
#   DURATION=20s ROUTES=10k bench/profile.sh      (ROUTES: 1 or 10k; WARMUP=20s before the recording)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}   # the JIT keeps speeding modelgate up for ~15-20 s of load; the recording starts after it
out="$here/results/profile-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/backend/logs" "$out/logs"   # logs/: not the watched directory of routes.yml (as in run.sh)
cat > "$out/backend/nginx.conf" <<CONF
worker_processes 1;
pid $out/backend/nginx.pid;
error_log $out/backend/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:18190; location / { default_type text/plain; return 200 "ok\n"; } } }
CONF
nginx -p "$out/backend" -c "$out/backend/nginx.conf"
ROUTES=${ROUTES:-1}
url=http://127.0.0.1:18191/
host_args=()
if [ "$ROUTES" = 10k ]; then
  python3 - "$out/routes.yml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("http:\n  routers:\n")
    for i in range(10000):
        f.write(f'    m{i}: {{ rule: "Host(`m{i}.example`) && PathPrefix(`/api/v1/m{i}`)", service: be }}\n')
    f.write('  services:\n    be: { loadBalancer: { servers: [ { url: "http://127.0.0.1:18190" } ] } }\n')
PY
  url=http://127.0.0.1:18191/api/v1/m5000/small
  host_args=(-H "Host: m5000.example")
else
  cat > "$out/routes.yml" <<YML
http:
  routers: { all: { rule: "PathPrefix(\`/\`)", service: be } }
  services: { be: { loadBalancer: { servers: [ { url: "http://127.0.0.1:18190" } ] } } }
YML
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false \
  -XX:+UseParallelGC -Xmx512m \
  -jar "$JAR" --modelgate.entrypoints.web.port=18191 --modelgate.admin.port=18192 \
  --modelgate.providers.file.path="$out/routes.yml" --modelgate.demo.enabled=false \
  --modelgate.providers.docker.enabled=false --modelgate.access-log.path="$out/logs/access.log" > "$out/gateway.out" 2>&1 &
gw=$!
trap 'kill $gw 2>/dev/null; kill $(cat "$out/backend/nginx.pid") 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18192/ping >/dev/null && break; sleep 0.5; done
wrk -t2 -c50 -d"$WARMUP" "${host_args[@]}" "$url" > /dev/null   # warm-up, before the recording starts
# JDK 25's CPU-time sampler (JEP 509, Linux) samples every thread on CPU, in native code and system calls too; the
# classic jdk.ExecutionSample only sees threads in Java code (a few hundred samples in 20 s here)
"$JAVA_HOME/bin/jcmd" $gw JFR.start name=bench settings=profile "jdk.CPUTimeSample#enabled=true" \
  "jdk.CPUTimeSample#throttle=1ms" > "$out/jfr-start.txt" \
  || "$JAVA_HOME/bin/jcmd" $gw JFR.start name=bench settings=profile > "$out/jfr-start.txt"
wrk -t2 -c50 -d"$DURATION" --latency "${host_args[@]}" "$url" | tee "$out/wrk.txt"
"$JAVA_HOME/bin/jcmd" $gw JFR.stop name=bench filename="$out/rec.jfr" > /dev/null
python3 "$here/jfr_top.py" "$out/rec.jfr" "$JAVA_HOME" "$(awk '/requests in/ {print $1}' "$out/wrk.txt")" | tee "$out/top.txt"
echo "recording: $out/rec.jfr"
