#!/usr/bin/env bash
# forwardAuth cost: one gateway with two routers to the same backend, one without auth (Host: plain) and one
# behind forwardAuth to the real auth-service (Host: guarded; decisions cached for their max-age, as in
# production). wrk c=50 against each in alternating rounds; the gateway's CPU seconds per 10k requests for
# each, and the auth-service's. One JVM for both, so JIT and GC differences between processes don't count.
# Loopback only, bounded.
#
#   bench/forwardauth.sh                 # 3 rounds x 10 s per target, 20 s warm-up each (about 2.5 minutes)
#   QUICK=1 bench/forwardauth.sh         # 1 round x 3 s: a smoke test of the script
#   ROUNDS=5 DURATION=20s bench/forwardauth.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then : "${ROUNDS:=1}" "${DURATION:=3s}" "${WARMUP:=3s}"; fi
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
CONC=${CONC:-50}
ACCESS_LOG=${ACCESS_LOG:-on}
JAR=$repo/gateway/target/modelgate-gateway.jar
AUTH_JAR=$repo/auth-service/target/modelgate-auth.jar
base=${BENCH_PORT_BASE:-18280}
BACKEND=$base AUTH=$((base + 1)) GW=$((base + 2)) GW_ADMIN=$((base + 3))

for tool in wrk nginx curl ss; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx-light curl iproute2)" >&2; exit 1; }
done
if [ ! -f "$JAR" ] || [ ! -f "$AUTH_JAR" ]; then
  echo "building the jars ..."
  bench_build
fi
for p in $BACKEND $AUTH $GW $GW_ADMIN; do
  [ -z "$(ss -Hltn "sport = :$p")" ] || { echo "port $p is in use; set BENCH_PORT_BASE" >&2; exit 1; }
done
out="$here/results/forwardauth-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/logs" "$out/wrk" "$out/backend/logs" "$out/backend/temp" "$out/auth-data"

pids=()
bench_stop_on_exit
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc)"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONC=$CONC ACCESS_LOG=$ACCESS_LOG"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
} | tee "$out/env.txt"

# backend: nginx answering "ok"
cat > "$out/backend/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $out/backend/nginx.pid; error_log $out/backend/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path $out/backend/temp;
  server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 "ok\n"; } } }
CONF
nginx -p "$out/backend" -c "$out/backend/nginx.conf" > "$out/backend/logs/stdout.log" 2>&1 &
BACKEND_PID=$!; pids+=("$BACKEND_PID")

# the auth-service with one token
J="$BENCH_JAVA_HOME/bin/java"
TOKEN=$("$J" -jar "$AUTH_JAR" token create --user bench --plan free --modelgate.auth.data-dir="$out/auth-data" 2>"$out/logs/token.err")
"$J" --enable-native-access=ALL-UNNAMED -jar "$AUTH_JAR" --server.port="$AUTH" --server.address=127.0.0.1 \
  --modelgate.auth.data-dir="$out/auth-data" > "$out/logs/auth.out" 2>&1 &
AUTH_PID=$!; pids+=("$AUTH_PID")

cat > "$out/routes.yml" <<YML
http:
  routers:
    plain:   { rule: "Host(\`plain\`)", service: s }
    guarded: { rule: "Host(\`guarded\`)", service: s, middlewares: [auth] }
  middlewares:
    auth: { forwardAuth: { address: "http://127.0.0.1:$AUTH/auth", authResponseHeaders: [X-Auth-User, X-Auth-Plan, X-Auth-Token-Id] } }
  services: { s: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } } }
YML
start_gateway() { # name port admin routes
  local log_args=(--modelgate.access-log.path="$out/logs/$1-access.log")
  [ "$ACCESS_LOG" = on ] || log_args=(--modelgate.access-log.enabled=false)
  "$J" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false \
    -XX:+UseParallelGC -Xmx512m -jar "$JAR" --modelgate.entrypoints.web.port="$2" --modelgate.entrypoints.web.address=127.0.0.1 \
    --modelgate.admin.port="$3" --modelgate.providers.file.path="$4" --modelgate.demo.enabled=false \
    --modelgate.providers.docker.enabled=false --modelgate.sticky.secret=bench-only-sticky-secret "${log_args[@]}" \
    > "$out/logs/$1.out" 2>&1 &
  started=$!; pids+=("$started")
}
start_gateway gateway "$GW" "$GW_ADMIN" "$out/routes.yml"; GW_PID=$started
wait_ok() { # url what pid
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "$1" 2>/dev/null)" = 200 ] && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited" >&2; exit 1; }
    sleep 0.25
  done
  echo "$2 not ready" >&2; exit 1
}
wait_ok "http://127.0.0.1:$AUTH/ping" auth-service "$AUTH_PID"
wait_ok "http://127.0.0.1:$GW_ADMIN/ping" gateway "$GW_PID"

# correctness first
URL="http://127.0.0.1:$GW/x"
check() { # expected host [header]
  local code
  code=$(curl -s -o "$out/check.body" -w '%{http_code}' -m 5 -H "Host: $2" ${3:+-H "$3"} "$URL")
  [ "$code" = "$1" ] || { echo "check failed: Host $2 ${3:-} gave $code, expected $1" >&2; exit 1; }
}
check 200 plain
check 401 guarded
check 401 guarded "Authorization: Bearer mgt_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check 200 guarded "Authorization: Bearer $TOKEN"
grep -qx ok "$out/check.body" || { echo "check failed: body '$(head -c 80 "$out/check.body")'" >&2; exit 1; }
echo "checks passed: plain 200; guarded 401 without or with a bad token, 200 with the token"

run() { # file host [header] -> appends "target req/s requests ticks auth-ticks"
  local t0 a0 t1 a1
  t0=$(bench_ticks "$GW_PID"); a0=$(bench_ticks "$AUTH_PID")
  wrk -t2 -c"$CONC" -d"$DURATION" -H "Host: $2" ${3:+-H "$3"} "$URL" > "$1" 2>&1
  t1=$(bench_ticks "$GW_PID"); a1=$(bench_ticks "$AUTH_PID")
  grep -q "Non-2xx" "$1" && { echo "non-2xx answers in $1" >&2; exit 1; }
  echo "$(basename "$1" .txt) $(awk '/Requests\/sec/ {print $2}' "$1") $(awk '/requests in/ {print $1}' "$1") $((t1 - t0)) $((a1 - a0))" >> "$out/results.txt"
}
echo "warming up ($WARMUP each) ..."
wrk -t2 -c"$CONC" -d"$WARMUP" -H "Host: plain" "$URL" > "$out/wrk/warmup-plain.txt" 2>&1
wrk -t2 -c"$CONC" -d"$WARMUP" -H "Host: guarded" -H "Authorization: Bearer $TOKEN" "$URL" > "$out/wrk/warmup-guarded.txt" 2>&1
echo "# run req/s requests gateway-ticks auth-ticks (CLK_TCK=$(getconf CLK_TCK))" > "$out/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="plain guarded"; else order="guarded plain"; fi
  for t in $order; do
    if [ "$t" = plain ]; then run "$out/wrk/$r-plain.txt" plain
    else run "$out/wrk/$r-guarded.txt" guarded "Authorization: Bearer $TOKEN"; fi
  done
done
misses=$(curl -s "http://127.0.0.1:$GW_ADMIN/metrics" | awk '/^modelgate_forwardauth_cache_total/ && /result="miss"/ {print $2}')
hits=$(curl -s "http://127.0.0.1:$GW_ADMIN/metrics" | awk '/^modelgate_forwardauth_cache_total/ && /result="hit"/ {print $2}')
shared=$(curl -s "http://127.0.0.1:$GW_ADMIN/metrics" | awk '/^modelgate_forwardauth_cache_total/ && /result="shared"/ {print $2}')
python3 - "$out/results.txt" "$(getconf CLK_TCK)" "$misses" "$hits" "$shared" <<'PY' | tee "$out/summary.md"
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
hz = float(sys.argv[2])
def per(kind):
    rs = [r for r in rows if r[0].endswith(kind)]
    rps = statistics.median(float(r[1]) for r in rs)
    cpu = statistics.median(int(r[3]) / hz / int(r[2]) * 10000 for r in rs)
    auth = sum(int(r[4]) for r in rs) / hz
    return rps, cpu, auth, len(rs)
p, g = per("plain"), per("guarded")
print("| route | req/s (median) | CPU s per 10k req (median) | auth-service CPU s (all rounds) | rounds |")
print("|---|---|---|---|---|")
print(f"| no auth | {p[0]:,.0f} | {p[1]:.3f} | | {p[3]} |")
print(f"| forwardAuth, cached decision | {g[0]:,.0f} | {g[1]:.3f} | {g[2]:.2f} | {g[3]} |")
print(f"\nforwardAuth / no auth: throughput {g[0] / p[0]:.3f}x, CPU per request {g[1] / p[1]:.3f}x "
      f"({(g[1] / p[1] - 1) * 100:+.1f}%); auth-service calls (cache misses) {sys.argv[3]}, requests that "
      f"waited for one of those calls {sys.argv[5]}, cache hits {sys.argv[4]}")
PY
echo "raw results: $out"
