#!/usr/bin/env bash
# CPU profile of modelgate under load (JFR execution samples), top self and total frames.
#   DURATION=20s ROUTES=10k bench/profile.sh      (ROUTES: 1 or 10k)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
DURATION=${DURATION:-20s}
out="$here/results/profile-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/backend/logs"
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
  -XX:+UseParallelGC -Xmx512m -XX:StartFlightRecording=filename="$out/rec.jfr",settings=profile,delay=8s \
  -jar "$JAR" --modelgate.entrypoints.web.port=18191 --modelgate.admin.port=18192 \
  --modelgate.providers.file.path="$out/routes.yml" --modelgate.demo.enabled=false \
  --modelgate.providers.docker.enabled=false --modelgate.access-log.path="$out/access.log" > "$out/gateway.out" 2>&1 &
gw=$!
trap 'kill $gw 2>/dev/null; kill $(cat "$out/backend/nginx.pid") 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18192/ping >/dev/null && break; sleep 0.5; done
wrk -t2 -c50 -d8s "${host_args[@]}" "$url" > /dev/null   # warm-up, before the recording starts
wrk -t2 -c50 -d"$DURATION" --latency "${host_args[@]}" "$url" | tee "$out/wrk.txt"
"$JAVA_HOME/bin/jcmd" $gw JFR.dump filename="$out/rec.jfr" > /dev/null
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample "$out/rec.jfr" > "$out/samples.txt"
python3 - "$out/samples.txt" <<'PY' | tee "$out/top.txt"
import re, sys, collections
text = open(sys.argv[1]).read()
samples = text.split("jdk.ExecutionSample")
self_counts, total_counts, n = collections.Counter(), collections.Counter(), 0
for s in samples[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", s, re.M)
    if not frames:
        continue
    n += 1
    self_counts[frames[0]] += 1
    for f in set(frames):
        total_counts[f] += 1
print(f"{n} samples\n\ntop self frames:")
for f, c in self_counts.most_common(25):
    print(f"{100*c/n:5.1f}%  {f}")
print("\ntop modelgate frames (total, incl. callees):")
for f, c in [x for x in total_counts.most_common(400) if "modelgate" in x[0]][:20]:
    print(f"{100*c/n:5.1f}%  {f}")
PY
echo "recording: $out/rec.jfr"
