#!/usr/bin/env bash
# rateLimit cost: the CPU a passing rateLimit check adds per request, in memory and Redis-backed, against the
# same route without a limit, in the same run. Two gateways on one nginx backend (both JVMs started alike):
#   gateway "local": routers plain (no middleware) and limited (rateLimit, buckets in memory)
#   gateway "redis": routers plain and limited (rateLimit, buckets in a real redis-server: modelgate.redis.url)
# The limit is far above what wrk can send (every request passes: the cost measured is the check, not 429s);
# one source (wrk's connections all come from 127.0.0.1, default sourceCriterion = client IP), so every request
# hits the same bucket: the worst case for contention. wrk c=50 against each target in alternating rounds; each
# gateway's CPU seconds per 10k requests (and redis-server's for the Redis rounds). A control route with a
# middleware that does next to nothing (a stripPrefix that never matches) on the in-memory gateway separates
# what any middleware costs (the decision step) from the rate limit itself. Loopback only, bounded.
#
#   bench/ratelimit.sh                   # 3 rounds x 10 s per target, 20 s warm-up each (about 4 minutes)
#   QUICK=1 bench/ratelimit.sh           # 1 round x 3 s: a smoke test of the script
#   ROUNDS=5 DURATION=20s bench/ratelimit.sh
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
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
base=${BENCH_PORT_BASE:-18380}
BACKEND=$base REDIS=$((base + 1)) GL=$((base + 2)) GL_ADMIN=$((base + 3)) GR=$((base + 4)) GR_ADMIN=$((base + 5))

for tool in wrk nginx redis-server redis-cli curl ss; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx-light redis-server curl iproute2)" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  echo "building the jar ..."
  bench_build -pl gateway -am
fi
for p in $BACKEND $REDIS $GL $GL_ADMIN $GR $GR_ADMIN; do
  [ -z "$(ss -Hltn "sport = :$p")" ] || { echo "port $p is in use; set BENCH_PORT_BASE" >&2; exit 1; }
done
out="$here/results/ratelimit-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/logs" "$out/wrk" "$out/backend/logs" "$out/backend/temp" "$out/redis"

pids=()
bench_stop_on_exit
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONC=$CONC ACCESS_LOG=$ACCESS_LOG"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); $(redis-server --version | cut -d' ' -f1-3)"
} | tee "$out/env.txt"

# backend: nginx answering "ok"
cat > "$out/backend/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $out/backend/nginx.pid; error_log $out/backend/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path $out/backend/temp;
  server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 "ok\n"; } } }
CONF
nginx -p "$out/backend" -c "$out/backend/nginx.conf" > "$out/backend/logs/stdout.log" 2>&1 &
pids+=("$!")

# a real redis-server of our own, no persistence
redis-server --port "$REDIS" --bind 127.0.0.1 --save "" --appendonly no --dir "$out/redis" \
  > "$out/logs/redis.out" 2>&1 &
REDIS_PID=$!; pids+=("$REDIS_PID")

cat > "$out/routes.yml" <<YML
http:
  routers:
    plain:   { rule: "Host(\`plain\`)", service: s }
    limited: { rule: "Host(\`limited\`)", service: s, middlewares: [limit] }
    control: { rule: "Host(\`control\`)", service: s, middlewares: [noop] }
  middlewares:
    limit: { rateLimit: { average: 100000000, period: 1s, burst: 100000000 } }
    noop: { stripPrefix: { prefixes: [ "/never-matches" ] } }
  services: { s: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } } }
YML
bench_start_gateway local "$GL" "$GL_ADMIN"; GL_PID=$started
bench_start_gateway redis "$GR" "$GR_ADMIN" --modelgate.redis.url="redis://127.0.0.1:$REDIS"; GR_PID=$started
for _ in $(seq 1 40); do redis-cli -p "$REDIS" ping 2>/dev/null | grep -q PONG && break; sleep 0.25; done
bench_wait_ok "http://127.0.0.1:$GL_ADMIN/ping" "gateway local" "$GL_PID"
bench_wait_ok "http://127.0.0.1:$GR_ADMIN/ping" "gateway redis" "$GR_PID"

# correctness first: both routes answer, the Redis gateway really keeps its bucket in Redis, nothing is refused
check() { # port host
  local code
  code=$(curl -s -o "$out/check.body" -w '%{http_code}' -m 5 -H "Host: $2" "http://127.0.0.1:$1/x")
  [ "$code" = 200 ] || { echo "check failed: :$1 Host $2 gave $code" >&2; exit 1; }
  grep -qx ok "$out/check.body" || { echo "check failed: body '$(head -c 80 "$out/check.body")'" >&2; exit 1; }
}
for p in $GL $GR; do check "$p" plain; check "$p" limited; check "$p" control; done
keys=$(redis-cli -p "$REDIS" --scan --pattern 'modelgate:ratelimit:*' | wc -l)
[ "$keys" -ge 1 ] || { echo "check failed: no rate-limit bucket in Redis" >&2; exit 1; }
if curl -s "http://127.0.0.1:$GR_ADMIN/api/problems" | grep -q "Redis does not answer"; then
  echo "check failed: the gateway says Redis does not answer" >&2; exit 1
fi
echo "checks passed: plain, control and limited 200 on both gateways; $keys bucket(s) in Redis"

run() { # name pid port host -> appends "name req/s requests gateway-ticks redis-ticks"
  local t0 r0 t1 r1 f="$out/wrk/$1.txt"
  t0=$(bench_ticks "$2"); r0=$(bench_ticks "$REDIS_PID")
  wrk -t2 -c"$CONC" -d"$DURATION" -H "Host: $4" "http://127.0.0.1:$3/x" > "$f" 2>&1
  t1=$(bench_ticks "$2"); r1=$(bench_ticks "$REDIS_PID")
  if grep -q "Non-2xx" "$f"; then echo "non-2xx answers in $f" >&2; exit 1; fi
  echo "$1 $(awk '/Requests\/sec/ {print $2}' "$f") $(awk '/requests in/ {print $1}' "$f") $((t1 - t0)) $((r1 - r0))" >> "$out/results.txt"
}
targets="local-plain local-control local-limited redis-plain redis-limited"
target() { # round name
  case $2 in
    local-plain) run "$1-$2" "$GL_PID" "$GL" plain ;;
    local-limited) run "$1-$2" "$GL_PID" "$GL" limited ;;
    local-control) run "$1-$2" "$GL_PID" "$GL" control ;;
    redis-plain) run "$1-$2" "$GR_PID" "$GR" plain ;;
    redis-limited) run "$1-$2" "$GR_PID" "$GR" limited ;;
  esac
}
echo "warming up ($WARMUP each) ..."
for t in $targets; do
  case $t in local-*) port=$GL ;; *) port=$GR ;; esac
  wrk -t2 -c"$CONC" -d"$WARMUP" -H "Host: ${t#*-}" "http://127.0.0.1:$port/x" > "$out/wrk/warmup-$t.txt" 2>&1
done
echo "# run req/s requests gateway-ticks redis-ticks (CLK_TCK=$(getconf CLK_TCK))" > "$out/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=$targets; else order=$(echo "$targets" | tr ' ' '\n' | tac | tr '\n' ' '); fi
  for t in $order; do target "$r" "$t"; done
done
fallbacks=$(curl -s "http://127.0.0.1:$GR_ADMIN/metrics" | awk '/^modelgate_ratelimit_redis_fallbacks_total/ {print $2}')
rejected=$(curl -s "http://127.0.0.1:$GL_ADMIN/metrics" "http://127.0.0.1:$GR_ADMIN/metrics" \
  | awk '/^modelgate_ratelimit_rejected_total/ {s += $2} END {print s + 0}')
python3 - "$out/results.txt" "$(getconf CLK_TCK)" "${fallbacks:-?}" "$rejected" <<'PY' | tee "$out/summary.md"
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
hz = float(sys.argv[2])
def per(kind):
    rs = [r for r in rows if r[0].split("-", 1)[1] == kind]
    rps = statistics.median(float(r[1]) for r in rs)
    cpu = statistics.median(int(r[3]) / hz / int(r[2]) * 10000 for r in rs)
    redis = statistics.median(int(r[4]) / hz / int(r[2]) * 10000 for r in rs)
    return rps, cpu, redis, len(rs)
res = {k: per(k) for k in ("local-plain", "local-control", "local-limited", "redis-plain", "redis-limited")}
print("| gateway / route | req/s (median) | gateway CPU s per 10k req (median) | redis-server CPU s per 10k req | rounds |")
print("|---|---|---|---|---|")
names = {"local-plain": "in-memory buckets / no limit", "local-control": "in-memory buckets / a no-op middleware", "local-limited": "in-memory buckets / rateLimit (passing)",
         "redis-plain": "Redis buckets / no limit", "redis-limited": "Redis buckets / rateLimit (passing)"}
for k, v in res.items():
    print(f"| {names[k]} | {v[0]:,.0f} | {v[1]:.3f} | {v[2]:.3f} | {v[3]} |")
for kind in ("local", "redis"):
    p, l = res[kind + "-plain"], res[kind + "-limited"]
    print(f"\n{kind}: rateLimit / no limit: throughput {l[0] / p[0]:.3f}x, gateway CPU per request {l[1] / p[1]:.3f}x "
          f"({(l[1] / p[1] - 1) * 100:+.1f}%)" + (f"; with redis-server's CPU {(l[1] + l[2]) / p[1]:.3f}x" if kind == "redis" else ""))
c, p = res["local-control"], res["local-plain"]
print(f"\ncontrol (a no-op middleware) / no limit: gateway CPU per request {c[1] / p[1]:.3f}x ({(c[1] / p[1] - 1) * 100:+.1f}%); "
      f"rateLimit / control: {res['local-limited'][1] / c[1]:.3f}x ({(res['local-limited'][1] / c[1] - 1) * 100:+.1f}%)")
print(f"\nrequests refused (429) in all: {sys.argv[4]}; requests decided without Redis (fallbacks): {sys.argv[3]}")
PY
echo "raw results: $out"
