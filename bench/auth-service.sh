#!/usr/bin/env bash
# The auth-service's GET /auth on its own, as the gateway calls it on a cache miss: latency and throughput
# with wrk at c=50, for two tokens — one on a plan with a rate only (the answer is cacheable) and one on a
# plan with a monthly quota (every call is counted: in memory, flushed in batches). Both look up the token
# with its user and plan, the quota one also admits against the counter. The embedded H2 store (the default
# a user gets), or PostgreSQL with PG_URL=jdbc:postgresql://... (user/password in PG_USER/PG_PASSWORD).
# Target (issue 16): p99 under 2 ms at c=50. Loopback only, bounded.
#
#   bench/auth-service.sh                # 20 s warm-up, 3 rounds x 10 s per token (about 2 minutes)
#   QUICK=1 bench/auth-service.sh        # 1 round x 3 s
#   AUTH_JAVA_OPTS=-XX:+UseParallelGC bench/auth-service.sh   # JVM options for the service under test
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then : "${ROUNDS:=1}" "${DURATION:=3s}" "${WARMUP:=3s}"; fi
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
CONC=${CONC:-50}
AUTH_JAR=$repo/auth-service/target/modelgate-auth.jar
AUTH=${BENCH_PORT_BASE:-18380}

for tool in wrk curl ss python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk curl iproute2 python3)" >&2; exit 1; }
done
if [ ! -f "$AUTH_JAR" ]; then
  echo "building the auth-service jar ..."
  lock=(); command -v flock >/dev/null && lock=(flock /tmp/modelgate-mvn.lock)
  (cd "$repo" && "${lock[@]}" env JAVA_HOME="$BENCH_JAVA_HOME" mvn -B -q -DskipTests -pl auth-service package)
fi
[ -z "$(ss -Hltn "sport = :$AUTH")" ] || { echo "port $AUTH is in use; set BENCH_PORT_BASE" >&2; exit 1; }
out="$here/results/auth-service-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/logs" "$out/wrk" "$out/data"

pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  [ "$rc" = 0 ] || echo "bench/auth-service.sh failed (exit $rc); partial results in $out" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

store=(--modelgate.auth.data-dir="$out/data")
[ -z "${PG_URL:-}" ] || store+=(--spring.datasource.url="$PG_URL" --spring.datasource.username="${PG_USER:-}" --spring.datasource.password="${PG_PASSWORD:-}")
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc)"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONC=$CONC store=${PG_URL:-h2 (embedded, default)}"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
} | tee "$out/env.txt"

J="$BENCH_JAVA_HOME/bin/java"
cli() { "$J" -jar "$AUTH_JAR" "$@" "${store[@]}" 2>>"$out/logs/cli.err"; }
cli plan create rated --rate 1000/s > /dev/null
cli plan create quota --rate 1000/s --quota 100000000 > /dev/null
cli user create bench-rated --plan rated > /dev/null
cli user create bench-quota --plan quota > /dev/null
RATED=$(cli token create --user bench-rated --scopes sentiment)
QUOTA=$(cli token create --user bench-quota --scopes sentiment)
"$J" --enable-native-access=ALL-UNNAMED ${AUTH_JAVA_OPTS:-} -jar "$AUTH_JAR" --server.port="$AUTH" --server.address=127.0.0.1 \
  "${store[@]}" > "$out/logs/auth.out" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 1 "http://127.0.0.1:$AUTH/ping" 2>/dev/null)" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { echo "auth-service exited: $(tail -3 "$out/logs/auth.out")" >&2; exit 1; }
  sleep 0.25
done

URL="http://127.0.0.1:$AUTH/auth"
FWD=(-H "X-Forwarded-Method: POST" -H "X-Forwarded-Uri: /api/v1/sentiment/predict" -H "X-Forwarded-Host: api.example")
check() { # token expected-cache-control
  local headers
  headers=$(curl -s -D - -o /dev/null -m 5 "${FWD[@]}" -H "Authorization: Bearer $1" "$URL")
  grep -q "^HTTP/1.1 200" <<< "$headers" || { echo "check failed: $(head -1 <<< "$headers")" >&2; exit 1; }
  grep -qi "^Cache-Control: $2" <<< "$headers" || { echo "check failed: Cache-Control is not $2" >&2; exit 1; }
}
check "$RATED" "max-age"
check "$QUOTA" "no-store"
echo "checks passed: rated token 200 cacheable, quota token 200 no-store"

ticks() { local rest; rest=$(cat "/proc/$1/stat"); rest=${rest##*) }; read -r -a f <<< "$rest"; echo $((f[11] + f[12])); }
run() { # name token
  local t0 t1 f="$out/wrk/$1.txt"
  t0=$(ticks "$pid")
  wrk -t2 -c"$CONC" -d"$DURATION" --latency "${FWD[@]}" -H "Authorization: Bearer $2" "$URL" > "$f" 2>&1
  t1=$(ticks "$pid")
  grep -q "Non-2xx" "$f" && { echo "non-2xx answers in $f" >&2; exit 1; }
  echo "$1 $(awk '/Requests\/sec/ {print $2}' "$f") $(awk '/requests in/ {print $1}' "$f") $((t1 - t0)) $(awk '$1=="50%" {print $2}' "$f") $(awk '$1=="99%" {print $2}' "$f")" >> "$out/results.txt"
}
echo "warming up ($WARMUP each) ..."
wrk -t2 -c"$CONC" -d"$WARMUP" "${FWD[@]}" -H "Authorization: Bearer $RATED" "$URL" > "$out/wrk/warmup-rated.txt" 2>&1
wrk -t2 -c"$CONC" -d"$WARMUP" "${FWD[@]}" -H "Authorization: Bearer $QUOTA" "$URL" > "$out/wrk/warmup-quota.txt" 2>&1
echo "# run req/s requests ticks p50 p99 (CLK_TCK=$(getconf CLK_TCK))" > "$out/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  run "$r-rated" "$RATED"
  run "$r-quota" "$QUOTA"
done
python3 - "$out/results.txt" "$(getconf CLK_TCK)" <<'PY' | tee "$out/summary.md"
import sys, statistics
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
    raise ValueError(v)
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
hz = float(sys.argv[2])
print("| token | req/s (median) | p50 ms (median) | p99 ms (worst round) | CPU ms per request (median) | rounds |")
print("|---|---|---|---|---|---|")
for kind, label in (("rated", "plan with a rate (cacheable answer)"), ("quota", "plan with a monthly quota (counted, no-store)")):
    rs = [r for r in rows if r[0].endswith(kind)]
    rps = statistics.median(float(r[1]) for r in rs)
    p50 = statistics.median(ms(r[4]) for r in rs)
    p99 = max(ms(r[5]) for r in rs)
    cpu = statistics.median(int(r[3]) / hz / int(r[2]) * 1000 for r in rs)
    print(f"| {label} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {cpu:.3f} | {len(rs)} |")
PY
echo "raw results: $out"
