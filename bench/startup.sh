#!/usr/bin/env bash
# Start-up and memory of bin/modelgate with the defaults a user gets (the demo route, bin/modelgate's JVM flags):
#  1. start to first routed request: from launching bin/modelgate to the first 200 from the demo route
#     /api/v1/echo/ (polled every 10 ms), RUNS times with the AOT cache and RUNS times without
#     (MODELGATE_AOT=off), alternating; then the idle RSS 3 s later. The first run builds the cache if needed
#     and is timed separately ("cache build").
#  2. RSS under load: bin/modelgate with a routes file to an nginx backend (as bench/run.sh's small body), with
#     and without the AOT cache, both running; wrk -t2 -c50 LOAD_WARMUP (20 s) each, then LOAD_ROUNDS (4) rounds of
#     LOAD_DURATION (10 s) alternating; median req/s and CPU s / 10k req, VmRSS at the end and VmHWM (peak).
# Loopback only; ports 18280-18285 (web, admin, demo echo, backend; web and admin of the second gateway). Results in bench/results/startup-<ts>/.
#   RUNS=5 bench/startup.sh
#   MODELGATE_JAVA_OPTS='-XX:+UseG1GC' bench/startup.sh     # any JVM options, passed on by bin/modelgate
#   SKIP_LOAD=1 bench/startup.sh       # start-up only; SKIP_STARTUP=1: the load part only
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
RUNS=${RUNS:-5}
LOAD_WARMUP=${LOAD_WARMUP:-20s}
LOAD_DURATION=${LOAD_DURATION:-10s}
LOAD_ROUNDS=${LOAD_ROUNDS:-4}
WEB=18280 ADMIN=18281 ECHO=18282 BACKEND=18283
for p in $WEB $ADMIN $ECHO $BACKEND $((WEB + 4)) $((WEB + 5)); do
  [ -z "$(ss -Hltn "sport = :$p")" ] || { echo "port $p is in use" >&2; exit 1; }
done
out="$here/results/startup-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out"
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc); loadavg: $(cat /proc/loadavg)"
  echo "jar: $(sha256sum "$repo/gateway/target/modelgate-gateway.jar" | cut -c1-16); repo: $(git -C "$repo" rev-parse --short HEAD)"
  echo "MODELGATE_JAVA_OPTS: ${MODELGATE_JAVA_OPTS:-}"
} | tee "$out/env.txt"

# one launch: prints "<ms to first 200> <idle RSS KiB>"; the gateway is stopped afterwards
[ -n "${SKIP_STARTUP:-}" ] || python3 - "$repo/bin/modelgate" "$WEB" "$ADMIN" "$ECHO" "$RUNS" "$out" <<'PY' | tee "$out/startup.txt"
import http.client, os, signal, statistics, subprocess, sys, time
launcher, web, admin, echo, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
args = [launcher, f"--modelgate.entrypoints.web.port={web}", f"--modelgate.admin.port={admin}",
        f"--modelgate.demo.port={echo}", "--modelgate.entrypoints.web.address=127.0.0.1"]

def routed():
    try:
        c = http.client.HTTPConnection("127.0.0.1", web, timeout=1)
        c.request("GET", "/api/v1/echo/")
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False

def launch(aot, tag):
    env = dict(os.environ, MODELGATE_AOT="on" if aot else "off")
    log = open(f"{out}/{tag}.log", "w")
    t0 = time.monotonic()
    p = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    while not routed():
        if p.poll() is not None:
            sys.exit(f"{tag}: bin/modelgate exited ({p.returncode}), see {out}/{tag}.log")
        if time.monotonic() - t0 > 120:
            sys.exit(f"{tag}: no routed request within 120 s")
        time.sleep(0.01)
    ms = (time.monotonic() - t0) * 1000
    time.sleep(3)
    rss = next(int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS"))
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(15)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
    return ms, rss

ms, rss = launch(True, "cache-build")  # builds the AOT cache when the jar, JDK or options changed
print(f"first run (builds the cache if needed): {ms:,.0f} ms to the first routed request, idle RSS {rss / 1024:.0f} MiB")
res = {True: [], False: []}
for i in range(runs):
    for aot in (True, False):
        res[aot].append(launch(aot, f"{'aot' if aot else 'plain'}-{i}"))
for aot in (True, False):
    ms = [r[0] for r in res[aot]]; rss = [r[1] / 1024 for r in res[aot]]
    print(f"{'AOT cache' if aot else 'no cache '}: start to first routed request median {statistics.median(ms):,.0f} ms "
          f"(min {min(ms):,.0f}, max {max(ms):,.0f}); idle RSS median {statistics.median(rss):.0f} MiB "
          f"(min {min(rss):.0f}, max {max(rss):.0f}); {len(ms)} runs")
PY

[ -n "${SKIP_LOAD:-}" ] && exit 0
# RSS under load: the backend is an own nginx instance, as in bench/run.sh
mkdir -p "$out/backend/logs"
cat > "$out/backend/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $out/backend/nginx.pid;
error_log $out/backend/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 "ok\n"; } } }
CONF
cat > "$out/routes.yml" <<YML
http:
  routers: { all: { rule: "PathPrefix(\`/\`)", service: be } }
  services: { be: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } } }
YML
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
nginx -p "$out/backend" -c "$out/backend/nginx.conf" & pids+=($!)
ticks() { local f; f=$(cat "/proc/$1/stat"); f=${f##*) }; read -r -a a <<< "$f"; echo $((a[11] + a[12])); }
declare -A gw port
for aot in on off; do  # both run at once (the idle one costs nothing); rounds alternate between them
  port[$aot]=$([ "$aot" = on ] && echo $WEB || echo $((WEB + 4)))
  MODELGATE_AOT=$aot "$repo/bin/modelgate" --modelgate.entrypoints.web.port="${port[$aot]}" \
    --modelgate.admin.port=$(( ${port[$aot]} + 1 )) --modelgate.entrypoints.web.address=127.0.0.1 \
    --modelgate.providers.file.path="$out/routes.yml" > "$out/load-$aot.log" 2>&1 &
  gw[$aot]=$!; pids+=("${gw[$aot]}")
  for _ in $(seq 1 240); do [ "$(curl -s -m 1 "http://127.0.0.1:${port[$aot]}/" 2>/dev/null)" = ok ] && break; sleep 0.25; done
done
for aot in on off; do wrk -t2 -c50 -d"$LOAD_WARMUP" "http://127.0.0.1:${port[$aot]}/" > "$out/load-$aot-warmup.txt"; done
for r in $(seq 1 "$LOAD_ROUNDS"); do
  for aot in $([ $((r % 2)) = 1 ] && echo on off || echo off on); do
    t0=$(ticks "${gw[$aot]}")
    wrk -t2 -c50 -d"$LOAD_DURATION" --latency "http://127.0.0.1:${port[$aot]}/" > "$out/load-$aot-$r.txt"
    echo "$aot $(( $(ticks "${gw[$aot]}") - t0 )) $(awk '/requests in/ {print $1}' "$out/load-$aot-$r.txt") $(awk '/Requests\/sec/ {print $2}' "$out/load-$aot-$r.txt")" >> "$out/load.txt"
  done
done
for aot in on off; do
  mem=$(grep -E '^(VmRSS|VmHWM)' "/proc/${gw[$aot]}/status" | awk '{printf "%s %d MiB  ", $1, $2 / 1024}')
  python3 - "$aot" "$(getconf CLK_TCK)" "$mem" "$out/load.txt" <<'PY' | tee -a "$out/startup.txt"
import statistics, sys
aot, hz, mem, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [l.split() for l in open(path) if l.split()[0] == aot]
rps = statistics.median(float(r[3]) for r in rows)
cpu = statistics.median(int(r[1]) / hz / int(r[2]) * 10000 for r in rows)
print(f"under load (c=50, small body, AOT cache {aot}, {len(rows)} rounds): median {rps:,.0f} req/s, "
      f"CPU {cpu:.3f} s / 10k req; at the end {mem}")
PY
done
echo "results: $out"
