#!/usr/bin/env bash
# modelgate benchmark: wrk straight to the backend ("direct") vs through modelgate vs through nginx and HAProxy
# (the reference proxies; optionally Spring Cloud Gateway, SCG=1), small body and 64 KiB, c=4 and c=50, plus
# modelgate with 10,000 routers vs 1 router.
# Interleaved rounds, medians, CPU-seconds per 10k requests of each proxy. Loopback only, bounded in time.
# See bench/README.md.
#
#   bench/run.sh                          # 3 rounds x 10 s per scenario (about 8 minutes)
#   ROUNDS=5 DURATION=10s bench/run.sh
#   QUICK=1 bench/run.sh                  # 1 round x 3 s, 2 s warm-up: a smoke test of the script (~1.5 min)
#   ACCESS_LOG=off bench/run.sh           # every proxy without its access log
#   SCG=1 bench/run.sh                    # also Spring Cloud Gateway (bench/scg), in the c=50 scenarios
#   SCG=1 SCENARIOS="small-c50 big-c50" TARGETS="nginx haproxy scg modelgate" bench/run.sh   # a subset
#   MODELGATE_JAR=/path/to.jar bench/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

# ---------------------------------------------------------------- settings
BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} # deliberately not $JAVA_HOME
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then : "${ROUNDS:=1}" "${DURATION:=3s}" "${WARMUP:=2s}"; fi
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}   # the JIT keeps speeding modelgate up for ~15-20 s of load
ACCESS_LOG=${ACCESS_LOG:-on}
case "$ACCESS_LOG" in on|off) ;; *) echo "ACCESS_LOG must be on or off" >&2; exit 2 ;; esac
NGINX_WORKERS=${NGINX_WORKERS:-auto}    # reference proxy; auto = one per core, like modelgate's event loops
HAPROXY_THREADS=${HAPROXY_THREADS:-auto} # reference proxy; auto = HAProxy's default, one thread per core
NATIVE_WARMUP=${NATIVE_WARMUP:-5s}      # warm-up of direct, nginx and HAProxy (no JIT to warm)
SCG=${SCG:-0}
SCG_SCENARIOS=${SCG_SCENARIOS:-small-c50 big-c50}
SCENARIOS=${SCENARIOS:-small-c4 small-c50 big-c4 big-c50}
TARGETS=${TARGETS:-}   # empty = every target of each scenario
SCG_JAR=${SCG_JAR:-$here/scg/target/bench-scg.jar}
BACKEND_WORKERS=${BACKEND_WORKERS:-1}
WRK_THREADS=${WRK_THREADS:-2}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
base=${BENCH_PORT_BASE:-18180}
BACKEND=$base NGINX=$((base + 1)) MG=$((base + 2)) MG_ADMIN=$((base + 3)) MG10K=$((base + 4)) MG10K_ADMIN=$((base + 5))
HAPROXY=$((base + 6)) SCG_PORT=$((base + 7))
ROUTERS=10000; MID=$((ROUTERS / 2))

# ---------------------------------------------------------------- tools and jar
need_install=
for tool in wrk nginx haproxy curl; do command -v "$tool" >/dev/null || need_install=1; done
if [ -n "$need_install" ]; then
  echo "installing wrk, nginx-light and haproxy (Debian 12) ..."
  apt-get install -y -qq wrk nginx-light haproxy >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq wrk nginx-light haproxy >/dev/null; } \
    || apt-get install -y -qq wrk nginx haproxy >/dev/null
fi
# the Debian package starts a system haproxy on port 80; it is never touched here (own instance, own config)
PYTHON=$(command -v python3 || echo /usr/bin/python3)
for tool in wrk nginx haproxy curl ss pgrep sha256sum "$PYTHON" "$BENCH_JAVA_HOME/bin/java"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..."
  lock=(); command -v flock >/dev/null && lock=(flock /tmp/modelgate-mvn.lock)
  (cd "$repo" && "${lock[@]}" env JAVA_HOME="$BENCH_JAVA_HOME" mvn -B -q -DskipTests package)
  [ -f "$JAR" ] || { echo "build did not produce $JAR" >&2; exit 1; }
fi
if [ "$SCG" = 1 ] && [ ! -f "$SCG_JAR" ]; then
  echo "building $SCG_JAR ..."
  lock=(); command -v flock >/dev/null && lock=(flock /tmp/modelgate-mvn.lock)
  (cd "$here/scg" && "${lock[@]}" env JAVA_HOME="$BENCH_JAVA_HOME" mvn -B -q -DskipTests package)
  [ -f "$SCG_JAR" ] || { echo "build did not produce $SCG_JAR" >&2; exit 1; }
fi
for p in $BACKEND $NGINX $MG $MG_ADMIN $MG10K $MG10K_ADMIN $HAPROXY $SCG_PORT; do
  if [ -n "$(ss -Hltn "sport = :$p")" ]; then
    echo "port $p is already in use; stop whatever listens there or set BENCH_PORT_BASE" >&2; exit 1
  fi
done

out="$here/results/$(date +%Y%m%dT%H%M%S)"
[ -e "$out" ] && out="$out-$$"
mkdir -p "$out/wrk" "$out/warmup" "$out/logs" "$out/routes"

# ---------------------------------------------------------------- cleanup: only what this script started, by PID
pids=()   # every long-running process started here
wrk_pid=
stop_pid() { # pid: TERM, up to 5 s, then KILL
  local p=$1 i
  kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [ -n "$wrk_pid" ] && stop_pid "$wrk_pid"
  local p
  for p in "${pids[@]}"; do stop_pid "$p"; done
  wait 2>/dev/null || true
  [ "$rc" = 0 ] || echo "bench/run.sh failed (exit $rc); partial results in $out" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# ---------------------------------------------------------------- environment, for the record
{
  echo "date: $(date -Is)"
  echo "host: $(uname -srm); cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo || true)"
  echo "loadavg at start: $(cat /proc/loadavg)"
  echo "scenarios: $SCENARIOS; targets: ${TARGETS:-all}"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP NATIVE_WARMUP=$NATIVE_WARMUP ACCESS_LOG=$ACCESS_LOG NGINX_WORKERS=$NGINX_WORKERS HAPROXY_THREADS=$HAPROXY_THREADS BACKEND_WORKERS=$BACKEND_WORKERS WRK_THREADS=$WRK_THREADS SCG=$SCG SCG_SCENARIOS=\"$SCG_SCENARIOS\""
  echo "jar: $JAR ($(stat -c '%s bytes, modified %y' "$JAR"); sha256 $(sha256sum "$JAR" | cut -c1-16))"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "java: $("$BENCH_JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "nginx: $(nginx -v 2>&1)"
  echo "haproxy: $(haproxy -v 2>&1 | head -1)"
  [ "$SCG" = 1 ] && echo "scg: $SCG_JAR ($(stat -c '%s bytes, modified %y' "$SCG_JAR"); sha256 $(sha256sum "$SCG_JAR" | cut -c1-16))"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
} > "$out/env.txt"
cat "$out/env.txt"

# ---------------------------------------------------------------- backend and reference proxy: own nginx instances
head -c 49152 /dev/urandom | base64 -w0 > "$out/big"   # exactly 65,536 bytes
big_sha=$(sha256sum < "$out/big" | cut -d' ' -f1)
start_nginx() { # name workers http-block-body -> sets started
  local dir="$out/$1"
  mkdir -p "$dir/logs" "$dir/temp"
  cat > "$dir/nginx.conf" <<CONF
daemon off;
worker_processes $2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $dir/temp/client_body;
  proxy_temp_path $dir/temp/proxy;
  $3
}
CONF
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" 2>"$dir/logs/config-test.log" \
    || { cat "$dir/logs/config-test.log" >&2; exit 1; }
  nginx -p "$dir" -c "$dir/nginx.conf" > "$dir/logs/stdout.log" 2>&1 &
  started=$!
  pids+=("$started")
}
wait_port() { # port pid what
  local i
  for i in $(seq 1 100); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited before listening on $1" >&2; exit 1; }
    sleep 0.1
  done
  echo "$3 did not listen on $1 within 10 s" >&2; exit 1
}
start_nginx backend "$BACKEND_WORKERS" "server {
    listen 127.0.0.1:$BACKEND;
    location = /big { default_type application/octet-stream; alias $out/big; }
    location / { default_type text/plain; return 200 \"ok\\n\"; }
  }"
BACKEND_PID=$started
proxy_log="access_log off;"
[ "$ACCESS_LOG" = on ] && proxy_log="access_log $out/nginx-proxy/logs/access.log combined;"
start_nginx nginx-proxy "$NGINX_WORKERS" "upstream small { server 127.0.0.1:$BACKEND; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX;
    $proxy_log
    location / { proxy_pass http://small; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"
NGINX_PID=$started
wait_port "$BACKEND" "$BACKEND_PID" "backend nginx"
wait_port "$NGINX" "$NGINX_PID" "reference nginx"
nginx_pids() { echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; }  # master + workers

# HAProxy: one process (-db: no daemon, no master), its threads all in /proc/PID/stat. The access log goes to
# its stdout (`log stdout`), which is redirected to a file: one write(2) of a line per request, like nginx's
# unbuffered file log; no syslog daemon, no UDP, no ring buffer in between. The format is nginx's
# `combined` (client, time, request line, status, bytes, Referer, User-Agent), so both logs cost alike
# per line and summarize.py reads both the same way. `option dontlognull` as in Debian's stock haproxy.cfg
# (no line for a connection that sent nothing); upstream connections: HAProxy's default `http-reuse safe`.
mkdir -p "$out/haproxy/logs"
haproxy_log="no log" haproxy_format=
if [ "$ACCESS_LOG" = on ]; then
  haproxy_log="log stdout format raw local0 info"
  haproxy_format='log-format "%ci - - [%trl] \"%r\" %ST %B \"%[capture.req.hdr(0)]\" \"%[capture.req.hdr(1)]\""'
fi
haproxy_threads=; [ "$HAPROXY_THREADS" = auto ] || haproxy_threads="nbthread $HAPROXY_THREADS"
cat > "$out/haproxy/haproxy.cfg" <<CFG
global
  maxconn 4096
  $haproxy_threads
defaults
  mode http
  $haproxy_log
  option dontlognull
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 60s
frontend web
  bind 127.0.0.1:$HAPROXY
  http-request capture req.hdr(Referer) len 128
  http-request capture req.hdr(User-Agent) len 128
  $haproxy_format
  default_backend small
backend small
  server backend 127.0.0.1:$BACKEND
CFG
haproxy -c -q -f "$out/haproxy/haproxy.cfg" > "$out/haproxy/logs/config-test.log" 2>&1 \
  || { cat "$out/haproxy/logs/config-test.log" >&2; exit 1; }
haproxy -db -f "$out/haproxy/haproxy.cfg" > "$out/haproxy/logs/access.log" 2> "$out/haproxy/logs/error.log" &
HAPROXY_PID=$!
pids+=("$HAPROXY_PID")
wait_port "$HAPROXY" "$HAPROXY_PID" "reference haproxy"
backend_pids() { echo "$BACKEND_PID $(pgrep -P "$BACKEND_PID" | tr '\n' ' ')"; }

# ---------------------------------------------------------------- modelgate: 1 router and 10,000 routers
cat > "$out/routes/routes-1.yml" <<YML
http:
  routers:
    small: { rule: "PathPrefix(\`/\`)", service: small }
  services:
    small: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } }
YML
"$PYTHON" - "$out/routes/routes-10k.yml" "$BACKEND" "$ROUTERS" <<'PY'
import sys
path, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    f.write("http:\n  routers:\n")
    for i in range(n):
        f.write(f'    m{i}: {{ rule: "Host(`m{i}.example`) && PathPrefix(`/api/v1/m{i}`)", service: small }}\n')
    f.write(f'  services:\n    small: {{ loadBalancer: {{ servers: [ {{ url: "http://127.0.0.1:{port}" }} ] }} }}\n')
PY
start_gateway() { # name port admin routes -> sets started
  local log_args=(--modelgate.access-log.path="$out/logs/$1-access.log")
  [ "$ACCESS_LOG" = on ] || log_args=(--modelgate.access-log.enabled=false)
  "$BENCH_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dio.netty.noUnsafe=false -XX:+UseParallelGC -Xmx512m -jar "$JAR" \
    --modelgate.entrypoints.web.port="$2" --modelgate.entrypoints.web.address=127.0.0.1 \
    --modelgate.admin.port="$3" --modelgate.providers.file.path="$4" \
    --modelgate.demo.enabled=false --modelgate.providers.docker.enabled=false --modelgate.sticky.secret=bench-only-sticky-secret \
    "${log_args[@]}" \
    > "$out/logs/$1.out" 2>&1 &
  started=$!
  pids+=("$started")
}
wait_ready() { # name pid admin-port
  local i
  for i in $(seq 1 240); do
    [ "$(curl -sf -m 1 "http://127.0.0.1:$3/ping" 2>/dev/null)" = OK ] && { echo "$1 ready (pid $2) $(( ($(date +%s%N) - launched) / 1000000 )) ms after launch (both instances start together)"; return 0; }
    kill -0 "$2" 2>/dev/null || { echo "$1 exited during start:" >&2; tail -20 "$out/logs/$1.out" >&2; exit 1; }
    sleep 0.25
  done
  echo "$1 not ready within 60 s:" >&2; tail -20 "$out/logs/$1.out" >&2; exit 1
}
# Spring Cloud Gateway (SCG=1): the same JVM flags as modelgate, one route Path=/** -> the backend, Reactor
# Netty's access log on (to logs/scg-access.log through an async logback appender, see bench/scg/).
start_scg() {
  local log_args=(-Dreactor.netty.http.server.accessLogEnabled=false)
  [ "$ACCESS_LOG" = on ] && log_args=(-Dreactor.netty.http.server.accessLogEnabled=true -Dbench.access-log="$out/logs/scg-access.log")
  "$BENCH_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dio.netty.noUnsafe=false -XX:+UseParallelGC -Xmx512m "${log_args[@]}" -jar "$SCG_JAR" \
    --server.address=127.0.0.1 --server.port="$SCG_PORT" --bench.backend="http://127.0.0.1:$BACKEND" \
    > "$out/logs/scg.out" 2>&1 &
  SCG_PID=$!
  pids+=("$SCG_PID")
}
launched=$(date +%s%N)
start_gateway modelgate "$MG" "$MG_ADMIN" "$out/routes/routes-1.yml"; MG_PID=$started
start_gateway modelgate-10k "$MG10K" "$MG10K_ADMIN" "$out/routes/routes-10k.yml"; MG10K_PID=$started
SCG_PID=
[ "$SCG" = 1 ] && start_scg
wait_ready modelgate "$MG_PID" "$MG_ADMIN"
wait_ready modelgate-10k "$MG10K_PID" "$MG10K_ADMIN"
if [ "$SCG" = 1 ]; then
  for i in $(seq 1 240); do
    [ "$(curl -s -m 1 "http://127.0.0.1:$SCG_PORT/small" 2>/dev/null)" = ok ] && break
    kill -0 "$SCG_PID" 2>/dev/null || { echo "scg exited during start:" >&2; tail -20 "$out/logs/scg.out" >&2; exit 1; }
    [ "$i" = 240 ] && { echo "scg not ready within 60 s" >&2; tail -20 "$out/logs/scg.out" >&2; exit 1; }
    sleep 0.25
  done
  echo "scg ready (pid $SCG_PID) $(( ($(date +%s%N) - launched) / 1000000 )) ms after launch"
fi

# ---------------------------------------------------------------- correctness first
fail() { echo "check failed: $*" >&2; exit 1; }
check_small() { # name url [host]
  local code
  code=$(curl -sS -m 5 -o "$out/check.body" -w '%{http_code}' ${3:+-H "Host: $3"} "$2") || fail "$1 $2: curl error"
  echo "$1 $code" >> "$out/checks.txt"
  [ "$code" = 200 ] || fail "$1 $2: HTTP $code"
  [ "$(od -An -c "$out/check.body" | tr -d ' ')" = 'ok\n' ] || fail "$1 $2: body '$(head -c 100 "$out/check.body")' is not 'ok\\n'"
}
check_big() { # name url
  local code
  code=$(curl -sS -m 5 -o "$out/check.body" -w '%{http_code}' "$2") || fail "$1 $2: curl error"
  echo "$1 $code" >> "$out/checks.txt"
  [ "$code" = 200 ] || fail "$1 $2: HTTP $code"
  [ "$(sha256sum < "$out/check.body" | cut -d' ' -f1)" = "$big_sha" ] || fail "$1 $2: 64 KiB body differs ($(wc -c < "$out/check.body") bytes)"
}
check_status() { # name expected url [host]
  local code
  code=$(curl -sS -m 5 -o /dev/null -w '%{http_code}' ${4:+-H "Host: $4"} "$3") || fail "$1 $3: curl error"
  echo "$1 $code" >> "$out/checks.txt"
  [ "$code" = "$2" ] || fail "$1 $3 (Host: ${4:-default}): HTTP $code, expected $2"
}
check_small direct "http://127.0.0.1:$BACKEND/small"
check_big direct "http://127.0.0.1:$BACKEND/big"
check_small nginx "http://127.0.0.1:$NGINX/small"
check_big nginx "http://127.0.0.1:$NGINX/big"
check_small haproxy "http://127.0.0.1:$HAPROXY/small"
check_big haproxy "http://127.0.0.1:$HAPROXY/big"
if [ "$SCG" = 1 ]; then
  check_small scg "http://127.0.0.1:$SCG_PORT/small"
  check_big scg "http://127.0.0.1:$SCG_PORT/big"
fi
check_small modelgate "http://127.0.0.1:$MG/small"
check_big modelgate "http://127.0.0.1:$MG/big"
check_small modelgate-10k "http://127.0.0.1:$MG10K/api/v1/m$MID/small" "m$MID.example"
check_small modelgate-10k "http://127.0.0.1:$MG10K/api/v1/m0" "m0.example"
check_small modelgate-10k "http://127.0.0.1:$MG10K/api/v1/m$((ROUTERS - 1))" "m$((ROUTERS - 1)).example"
check_status modelgate-10k 404 "http://127.0.0.1:$MG10K/api/v1/m$((MID + 1))" "m$MID.example"
check_status modelgate-10k 404 "http://127.0.0.1:$MG10K/api/v1/m$MID" "127.0.0.1"
rm -f "$out/check.body"
if [ "$ACCESS_LOG" = on ]; then
  sleep 0.5  # modelgate's access log writer flushes every batch (at most 200 ms idle wait)
  logs=("$out/logs/modelgate-access.log" "$out/logs/modelgate-10k-access.log" "$out/nginx-proxy/logs/access.log" "$out/haproxy/logs/access.log")
  [ "$SCG" = 1 ] && logs+=("$out/logs/scg-access.log")
  for f in "${logs[@]}"; do
    [ -s "$f" ] || fail "access log $f is empty after the checks"
  done
fi
echo "correctness checks passed (direct, nginx, haproxy,$([ "$SCG" = 1 ] && echo ' scg,') modelgate, modelgate-10k; 64 KiB sha256; 10k-router misses give 404)"

# ---------------------------------------------------------------- measuring
ticks() { # pids... -> summed utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat, all threads)
  local sum=0 p rest
  for p in "$@"; do
    rest=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${rest##*) }   # the command name may contain spaces; fields after it start at field 3
    read -r -a f <<< "$rest"
    sum=$((sum + f[11] + f[12]))
  done
  echo "$sum"
}
target_pids() { # target -> the proxy's PIDs (none for direct)
  case "$1" in
    direct) ;;
    nginx) nginx_pids ;;
    haproxy) echo "$HAPROXY_PID" ;;
    scg) echo "$SCG_PID" ;;
    modelgate) echo "$MG_PID" ;;
    modelgate-10k) echo "$MG10K_PID" ;;
  esac
}
target_url() { # target body -> url and optional host header value, tab-separated
  local path=/$2
  case "$1" in
    direct) printf 'http://127.0.0.1:%s%s\t\n' "$BACKEND" "$path" ;;
    nginx) printf 'http://127.0.0.1:%s%s\t\n' "$NGINX" "$path" ;;
    haproxy) printf 'http://127.0.0.1:%s%s\t\n' "$HAPROXY" "$path" ;;
    scg) printf 'http://127.0.0.1:%s%s\t\n' "$SCG_PORT" "$path" ;;
    modelgate) printf 'http://127.0.0.1:%s%s\t\n' "$MG" "$path" ;;
    modelgate-10k) printf 'http://127.0.0.1:%s/api/v1/m%s%s\tm%s.example\n' "$MG10K" "$MID" "$path" "$MID" ;;
  esac
}
run_wrk() { # file conc duration url host
  local args=(-t"$WRK_THREADS" -c"$2" -d"$3" --latency)
  [ -n "$5" ] && args+=(-H "Host: $5")
  wrk "${args[@]}" "$4" > "$1" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { wrk_pid=; echo "wrk failed: $(tail -3 "$1")" >&2; exit 1; }
  wrk_pid=
}
measure() { # round scenario target conc body
  local round=$1 scenario=$2 target=$3 conc=$4 body=$5 url host tp bp b0 b1 n0 n1 t0 t1
  IFS=$'\t' read -r url host <<< "$(target_url "$target" "$body")"
  tp=$(target_pids "$target"); bp=$(backend_pids)
  # shellcheck disable=SC2086
  n0=$(ticks $tp); b0=$(ticks $bp); t0=$(date +%s.%N)
  run_wrk "$out/wrk/${round}_${scenario}_${target}.txt" "$conc" "$DURATION" "$url" "$host"
  # shellcheck disable=SC2086
  n1=$(ticks $tp); b1=$(ticks $bp); t1=$(date +%s.%N)
  echo "$round $scenario $target $((n1 - n0)) $((b1 - b0)) $t0 $t1" >> "$out/cpu.txt"
}
# scenario -> targets measured in it; within a scenario the targets' order rotates every round
declare -A SCEN_CONC=([small-c4]=4 [small-c50]=50 [big-c4]=4 [big-c50]=50)
declare -A SCEN_BODY=([small-c4]=small [small-c50]=small [big-c4]=big [big-c50]=big)
declare -A SCEN_TARGETS=([small-c4]="direct modelgate nginx haproxy" [small-c50]="direct modelgate nginx haproxy modelgate-10k"
                         [big-c4]="direct modelgate nginx haproxy" [big-c50]="direct modelgate nginx haproxy")
if [ "$SCG" = 1 ]; then
  for s in $SCG_SCENARIOS; do SCEN_TARGETS[$s]="${SCEN_TARGETS[$s]} scg"; done
fi
wanted() { [ -z "${TARGETS:-}" ] || [[ " $TARGETS " == *" $1 "* ]]; }  # TARGETS: measure only these
for s in $SCENARIOS; do
  [ -n "${SCEN_TARGETS[$s]:-}" ] || { echo "unknown scenario $s" >&2; exit 2; }
  kept=; for t in ${SCEN_TARGETS[$s]}; do wanted "$t" && kept="$kept $t"; done
  SCEN_TARGETS[$s]=${kept# }
done
echo "# round scenario target proxy-ticks backend-ticks start end (CLK_TCK=$(getconf CLK_TCK))" > "$out/cpu.txt"

echo "warming up (c=50; $WARMUP per JVM target, $NATIVE_WARMUP per native one) ..."
warm="direct:small nginx:small nginx:big haproxy:small haproxy:big modelgate:small modelgate:big modelgate-10k:small"
[ "$SCG" = 1 ] && warm="$warm scg:small scg:big"
for spec in $warm; do
  wanted "${spec%%:*}" || continue
  IFS=$'\t' read -r url host <<< "$(target_url "${spec%%:*}" "${spec##*:}")"
  case "${spec%%:*}" in direct|nginx|haproxy) d=$NATIVE_WARMUP ;; *) d=$WARMUP ;; esac
  run_wrk "$out/warmup/${spec%%:*}_${spec##*:}.txt" 50 "$d" "$url" "$host"
done

runs_per_round=0
for s in $SCENARIOS; do set -- ${SCEN_TARGETS[$s]}; runs_per_round=$((runs_per_round + $#)); done
echo "measuring: $ROUNDS round(s) x $runs_per_round runs x $DURATION ..."
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r of $ROUNDS"
  for s in $SCENARIOS; do
    read -r -a ts <<< "${SCEN_TARGETS[$s]}"
    n=${#ts[@]}
    for i in $(seq 0 $((n - 1))); do
      t=${ts[$(( (i + r - 1) % n ))]}
      measure "$r" "$s" "$t" "${SCEN_CONC[$s]}" "${SCEN_BODY[$s]}"
    done
  done
done

# ---------------------------------------------------------------- after the run: health of what was measured
{
  echo "loadavg at end: $(cat /proc/loadavg)"
  gws="modelgate:$MG_PID modelgate-10k:$MG10K_PID"
  [ "$SCG" = 1 ] && gws="$gws scg:$SCG_PID"
  for name in $gws; do
    p=${name##*:}
    if kill -0 "$p" 2>/dev/null; then
      echo "${name%%:*}: alive; $(grep -E '^(VmHWM|VmRSS)' "/proc/$p/status" | tr -s ' \t' ' ' | tr '\n' ';')"
    else
      echo "${name%%:*}: NOT RUNNING at the end of the run"
    fi
  done
  kill -0 "$NGINX_PID" 2>/dev/null && echo "nginx proxy: alive" || echo "nginx proxy: NOT RUNNING at the end of the run"
  kill -0 "$HAPROXY_PID" 2>/dev/null && echo "haproxy: alive" || echo "haproxy: NOT RUNNING at the end of the run"
} >> "$out/env.txt"
sleep 0.5  # let the access log writers drain before the summary counts lines

"$PYTHON" "$here/summarize.py" "$out" "$(getconf CLK_TCK)" "$ACCESS_LOG" | tee "$out/summary.md"
# the access logs (~360 bytes a line for modelgate, ~2 GB in a full run) are counted in the summary; keep a sample
if [ "$ACCESS_LOG" = on ] && [ -z "${KEEP_ACCESS_LOGS:-}" ]; then
  for f in "$out"/logs/*-access.log "$out/nginx-proxy/logs/access.log" "$out/haproxy/logs/access.log"; do
    [ -f "$f" ] || continue
    head -n 1000 "$f" > "$f.head" && rm -f "$f"
  done
fi
echo "raw results: $out"
