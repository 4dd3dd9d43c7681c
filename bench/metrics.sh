#!/usr/bin/env bash
# Request-metrics cost: the gateway's CPU per request with the request metrics on (the default) and off
# (modelgate.metrics.enabled=false), against the reference nginx proxy, in the same run. Three proxies on one
# nginx backend, all on loopback:
#   nginx-proxy  the reference (as in run.sh: keepalive 64 upstream, `combined` access log to a file)
#   mg-on        modelgate, request metrics on: every request records into its entry point's, router's and
#                service's counters and histograms
#   mg-off       the same jar and flags with --modelgate.metrics.enabled=false: no request meters exist
# Both gateways write their JSON access log (ACCESS_LOG=off turns every access log off). wrk c=50 small body
# against each target in rounds whose order rotates; medians of req/s and CPU seconds per 10k requests
# (utime+stime of the whole process from /proc, nginx = master + workers). While wrk runs, /metrics of mg-on is
# not scraped: the figure is the recording on the request path; a scrape every 15 s costs a few ms each.
#
#   bench/metrics.sh                     # 5 rounds x 10 s per target, 20 s warm-up per gateway (about 4 minutes)
#   QUICK=1 bench/metrics.sh             # 1 round x 3 s: a smoke test of the script
#   ROUNDS=7 DURATION=15s bench/metrics.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then : "${ROUNDS:=1}" "${DURATION:=3s}" "${WARMUP:=3s}"; fi
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
NATIVE_WARMUP=${NATIVE_WARMUP:-5s}
CONC=${CONC:-50}
ACCESS_LOG=${ACCESS_LOG:-on}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
base=${BENCH_PORT_BASE:-18480}
BACKEND=$base NGINX=$((base + 1)) ON=$((base + 2)) ON_ADMIN=$((base + 3)) OFF=$((base + 4)) OFF_ADMIN=$((base + 5))

for tool in wrk nginx curl ss pgrep; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx-light curl iproute2 procps)" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  echo "building the jar ..."
  bench_build -pl gateway -am
fi
for p in $BACKEND $NGINX $ON $ON_ADMIN $OFF $OFF_ADMIN; do
  [ -z "$(ss -Hltn "sport = :$p")" ] || { echo "port $p is in use; set BENCH_PORT_BASE" >&2; exit 1; }
done
out="$here/results/metrics-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/logs" "$out/wrk"

pids=()
bench_stop_on_exit
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONC=$CONC ACCESS_LOG=$ACCESS_LOG NGINX_WORKERS=$NGINX_WORKERS"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); jar sha256: $(sha256sum "$JAR" | cut -c1-16)"
  echo "$(nginx -v 2>&1); $(wrk -v 2>&1 | head -1)"
} | tee "$out/env.txt"

bench_nginx backend 1 "server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 \"ok\\n\"; } }"
proxy_log="access_log off;"
[ "$ACCESS_LOG" = on ] && proxy_log="access_log $out/nginx-proxy/logs/access.log combined;"
bench_nginx nginx-proxy "$NGINX_WORKERS" "upstream small { server 127.0.0.1:$BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX; $proxy_log
    location / { proxy_pass http://small; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
NGINX_PID=$started

cat > "$out/routes.yml" <<YML
http:
  routers: { r: { rule: "PathPrefix(\`/\`)", service: s } }
  services: { s: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } } }
YML
bench_start_gateway mg-on "$ON" "$ON_ADMIN"; ON_PID=$started
bench_start_gateway mg-off "$OFF" "$OFF_ADMIN" --modelgate.metrics.enabled=false; OFF_PID=$started
bench_wait_ok "http://127.0.0.1:$ON_ADMIN/ping" "mg-on" "$ON_PID"
bench_wait_ok "http://127.0.0.1:$OFF_ADMIN/ping" "mg-off" "$OFF_PID"
bench_wait_ok "http://127.0.0.1:$NGINX/x" "nginx-proxy" "$NGINX_PID"

# correctness first: every target answers ok; mg-on counts the request, mg-off has no request meters at all
for p in $NGINX $ON $OFF; do
  body=$(curl -s -m 5 "http://127.0.0.1:$p/x")
  [ "$body" = ok ] || { echo "check failed: :$p answered '$body'" >&2; exit 1; }
done
curl -s "http://127.0.0.1:$ON_ADMIN/metrics" > "$out/metrics-on-before.txt"
curl -s "http://127.0.0.1:$OFF_ADMIN/metrics" > "$out/metrics-off-before.txt"
grep -q '^modelgate_router_requests_total{.*router="r@file"' "$out/metrics-on-before.txt" \
  || { echo "check failed: mg-on has no modelgate_router_requests_total for r@file" >&2; exit 1; }
if grep -q '^modelgate_\(router\|entrypoint\|service\)_\(requests_total\|request_duration\)' "$out/metrics-off-before.txt"; then
  echo "check failed: mg-off exposes request metrics" >&2; exit 1
fi
echo "checks passed: ok from nginx-proxy, mg-on, mg-off; request metrics on mg-on only"

cpu() { local s=0 p; for p in "$@"; do s=$((s + $(bench_ticks "$p"))); done; echo "$s"; }
target_pids() { case $1 in nginx) echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;; mg-on) echo "$ON_PID" ;; mg-off) echo "$OFF_PID" ;; esac; }
target_port() { case $1 in nginx) echo "$NGINX" ;; mg-on) echo "$ON" ;; mg-off) echo "$OFF" ;; esac; }
run() { # round target -> appends "round target req/s requests ticks"
  local f="$out/wrk/$1-$2.txt" t0 t1 ps
  ps=$(target_pids "$2")
  # shellcheck disable=SC2086
  t0=$(cpu $ps)
  wrk -t2 -c"$CONC" -d"$DURATION" "http://127.0.0.1:$(target_port "$2")/x" > "$f" 2>&1
  # shellcheck disable=SC2086
  t1=$(cpu $ps)
  if grep -q "Non-2xx\|Socket errors" "$f"; then echo "errors in $f:" >&2; grep "Non-2xx\|Socket errors" "$f" >&2; fi
  echo "$1 $2 $(awk '/Requests\/sec/ {print $2}' "$f") $(awk '/requests in/ {print $1}' "$f") $((t1 - t0))" >> "$out/results.txt"
}
echo "warming up (gateways $WARMUP each, nginx $NATIVE_WARMUP) ..."
wrk -t2 -c"$CONC" -d"$NATIVE_WARMUP" "http://127.0.0.1:$NGINX/x" > "$out/wrk/warmup-nginx.txt" 2>&1
wrk -t2 -c"$CONC" -d"$WARMUP" "http://127.0.0.1:$ON/x" > "$out/wrk/warmup-mg-on.txt" 2>&1
wrk -t2 -c"$CONC" -d"$WARMUP" "http://127.0.0.1:$OFF/x" > "$out/wrk/warmup-mg-off.txt" 2>&1
echo "# round target req/s requests cpu-ticks (CLK_TCK=$(getconf CLK_TCK))" > "$out/results.txt"
targets=(nginx mg-on mg-off)
for r in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2; do run "$r" "${targets[$(((i + r) % 3))]}"; done  # the order rotates by one each round
done
for n in mg-on mg-off; do
  kill -0 "$([ $n = mg-on ] && echo "$ON_PID" || echo "$OFF_PID")" || { echo "$n died" >&2; exit 1; }
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/env.txt"
warns=$(cat "$out"/logs/mg-*.out | grep -c -E ' (WARN|ERROR) |Exception' || true)
python3 - "$out/results.txt" "$(getconf CLK_TCK)" "$warns" <<'PY' | tee "$out/summary.md"
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
hz = float(sys.argv[2])
res = {}
for t in ("nginx", "mg-on", "mg-off"):
    rs = [r for r in rows if r[1] == t]
    per10k = [int(r[4]) / hz / int(r[3]) * 10000 for r in rs]
    rps = [float(r[2]) for r in rs]
    res[t] = (statistics.median(rps), min(rps), max(rps), statistics.median(per10k), min(per10k), max(per10k), len(rs))
names = {"nginx": "nginx (reference proxy)", "mg-on": "modelgate, request metrics on", "mg-off": "modelgate, metrics.enabled=false"}
print("| target | req/s median (min–max) | CPU s per 10k req median (min–max) | CPU × nginx | rounds |")
print("|---|---|---|---|---|")
for t, v in res.items():
    print(f"| {names[t]} | {v[0]:,.0f} ({v[1]:,.0f}–{v[2]:,.0f}) | {v[3]:.3f} ({v[4]:.3f}–{v[5]:.3f}) | {v[3] / res['nginx'][3]:.2f} | {v[6]} |")
on, off = res["mg-on"], res["mg-off"]
print(f"\nmetrics on / off: CPU per request {on[3] / off[3]:.3f}x ({(on[3] / off[3] - 1) * 100:+.1f}%), "
      f"throughput {on[0] / off[0]:.3f}x; target: at most +5% CPU per request")
# the same ratio round by round, to show the noise
pairs = []
for r in sorted({r[0] for r in rows}, key=int):
    a = [x for x in rows if x[0] == r and x[1] == "mg-on"][0]
    b = [x for x in rows if x[0] == r and x[1] == "mg-off"][0]
    pairs.append((int(a[4]) / int(a[3])) / (int(b[4]) / int(b[3])))
print("per round (on/off CPU per request): " + ", ".join(f"{(p - 1) * 100:+.1f}%" for p in pairs))
print(f"WARN/ERROR/exception lines in the gateways' output: {sys.argv[3]}")
PY
echo "raw results: $out"
