#!/usr/bin/env bash
# modelgate benchmark: direct-to-backend vs modelgate vs nginx (reference proxy), interleaved rounds,
# plus modelgate with 10,000 routers. Loopback only, bounded in time. See bench/README.md.
#
#   bench/run.sh                      # 3 rounds x 10 s per scenario (about 8 minutes)
#   ROUNDS=5 DURATION=10s bench/run.sh
#   QUICK=1 bench/run.sh              # 1 round x 3 s: a smoke test of the script
#   ACCESS_LOG=off bench/run.sh       # modelgate and nginx without access logs
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
if [ -n "${QUICK:-}" ]; then ROUNDS=1; DURATION=3s; WARMUP=2s; fi
ACCESS_LOG=${ACCESS_LOG:-on}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
BACKEND=18180; NGINX=18181; MG=18182; MG_ADMIN=18183; MG10K=18184; MG10K_ADMIN=18185

for tool in wrk nginx python3 curl; do
  command -v $tool >/dev/null || { echo "installing wrk and nginx-light (Debian)"; apt-get install -y -qq wrk nginx-light >/dev/null; break; }
done
if [ ! -f "$JAR" ]; then
  (cd "$repo" && JAVA_HOME="$JAVA_HOME" mvn -B -q -DskipTests package)
fi

out="$here/results/$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for conf in backend proxy; do
    [ -f "$out/$conf/nginx.pid" ] && kill "$(cat "$out/$conf/nginx.pid")" 2>/dev/null || true
  done
}
trap cleanup EXIT

# ---------------------------------------------------------------- backend and reference proxy (own nginx instances)
head -c 49152 /dev/urandom | base64 -w0 > "$out/big" # exactly 65536 bytes
nginx_conf() { # name, server block
  mkdir -p "$out/$1/logs"
  cat > "$out/$1/nginx.conf" <<CONF
worker_processes 1;
pid $out/$1/nginx.pid;
error_log $out/$1/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  $2
}
CONF
  nginx -p "$out/$1" -c "$out/$1/nginx.conf"
}
nginx_conf backend "server { listen 127.0.0.1:$BACKEND; location = /big { default_type application/octet-stream; alias $out/big; } location / { default_type text/plain; return 200 \"ok\\n\"; } }"
proxy_log="access_log off;"
[ "$ACCESS_LOG" = on ] && proxy_log="access_log $out/proxy/logs/access.log;"
nginx_conf proxy "upstream be { server 127.0.0.1:$BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX; $proxy_log location / { proxy_pass http://be; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"

# ---------------------------------------------------------------- modelgate, 1 router and 10,000 routers
cat > "$out/routes-1.yml" <<YML
http:
  routers:
    all: { rule: "PathPrefix(\`/\`)", service: be }
  services:
    be: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } }
YML
python3 - "$out/routes-10k.yml" "$BACKEND" <<'PY'
import sys
path, port = sys.argv[1], sys.argv[2]
with open(path, "w") as f:
    f.write("http:\n  routers:\n")
    for i in range(10000):
        f.write(f'    m{i}: {{ rule: "Host(`m{i}.example`) && PathPrefix(`/api/v1/m{i}`)", service: be }}\n')
    f.write(f'  services:\n    be: {{ loadBalancer: {{ servers: [ {{ url: "http://127.0.0.1:{port}" }} ] }} }}\n')
PY
start_gateway() { # port admin routes log
  local log_args=(--modelgate.access-log.path="$out/$4")
  [ "$ACCESS_LOG" = on ] || log_args=(--modelgate.access-log.enabled=false)
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.noUnsafe=false \
    -XX:+UseParallelGC -Xmx512m -jar "$JAR" --modelgate.entrypoints.web.port="$1" --modelgate.entrypoints.web.address=127.0.0.1 \
    --modelgate.admin.port="$2" --modelgate.providers.file.path="$3" --modelgate.providers.file.watch=false \
    --modelgate.demo.enabled=false --modelgate.providers.docker.enabled=false "${log_args[@]}" > "$out/$4.out" 2>&1 &
  pids+=($!)
  started=$!
}
start_gateway $MG $MG_ADMIN "$out/routes-1.yml" modelgate-1.log; MG_PID=$started
start_gateway $MG10K $MG10K_ADMIN "$out/routes-10k.yml" modelgate-10k.log; MG10K_PID=$started
for admin in $MG_ADMIN $MG10K_ADMIN; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$admin/ping" >/dev/null && break; sleep 0.5; done
done
NGINX_PIDS() { local m; m=$(cat "$out/proxy/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }

# ---------------------------------------------------------------- correctness first
check() { # name url expected [host]
  local body; body=$(curl -sf ${4:+-H "Host: $4"} "$2" | head -c 3)
  [ "$body" = "$3" ] || { echo "check failed: $1 $2 gave '$body'" >&2; exit 1; }
}
check direct "http://127.0.0.1:$BACKEND/small" ok
check nginx "http://127.0.0.1:$NGINX/small" ok
check modelgate "http://127.0.0.1:$MG/small" ok
check modelgate-10k "http://127.0.0.1:$MG10K/api/v1/m5000/small" ok m5000.example
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: m5000.example' "http://127.0.0.1:$MG10K/api/v1/m5001")" = 404 ] \
  || { echo "check failed: 10k routers must not route m5001 on host m5000" >&2; exit 1; }
[ "$(curl -s "http://127.0.0.1:$MG/big" | wc -c)" = 65536 ] || { echo "check failed: 64 KiB body" >&2; exit 1; }

# ---------------------------------------------------------------- measuring
ticks() { # pids... -> utime+stime clock ticks
  local sum=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $sum
}
run() { # round scenario target conc path host pids...
  local round=$1 scenario=$2 target=$3 conc=$4 url=$5 host=$6; shift 6
  local before after
  before=$(ticks "$@")
  wrk -t2 -c"$conc" -d"$DURATION" --latency ${host:+-H "Host: $host"} "$url" > "$out/wrk_${round}_${scenario}_${target}.txt" 2>&1
  after=$(ticks "$@")
  echo "$round $scenario $target $((after - before))" >> "$out/cpu.txt"
}
scenarios() { # round
  local r=$1
  run "$r" small-c4 direct 4 "http://127.0.0.1:$BACKEND/small" ""
  run "$r" small-c4 modelgate 4 "http://127.0.0.1:$MG/small" "" "$MG_PID"
  run "$r" small-c4 nginx 4 "http://127.0.0.1:$NGINX/small" "" $(NGINX_PIDS)
  run "$r" small-c50 direct 50 "http://127.0.0.1:$BACKEND/small" ""
  run "$r" small-c50 modelgate 50 "http://127.0.0.1:$MG/small" "" "$MG_PID"
  run "$r" small-c50 nginx 50 "http://127.0.0.1:$NGINX/small" "" $(NGINX_PIDS)
  run "$r" small-c50 modelgate-10k 50 "http://127.0.0.1:$MG10K/api/v1/m5000/small" m5000.example "$MG10K_PID"
  run "$r" big-c4 direct 4 "http://127.0.0.1:$BACKEND/big" ""
  run "$r" big-c4 modelgate 4 "http://127.0.0.1:$MG/big" "" "$MG_PID"
  run "$r" big-c4 nginx 4 "http://127.0.0.1:$NGINX/big" "" $(NGINX_PIDS)
  run "$r" big-c50 direct 50 "http://127.0.0.1:$BACKEND/big" ""
  run "$r" big-c50 modelgate 50 "http://127.0.0.1:$MG/big" "" "$MG_PID"
  run "$r" big-c50 nginx 50 "http://127.0.0.1:$NGINX/big" "" $(NGINX_PIDS)
}
echo "warming up ($WARMUP per target) ..."
for url in "http://127.0.0.1:$MG/small" "http://127.0.0.1:$MG/big" "http://127.0.0.1:$NGINX/small"; do
  wrk -t2 -c50 -d"$WARMUP" "$url" > /dev/null 2>&1
done
wrk -t2 -c50 -d"$WARMUP" -H "Host: m5000.example" "http://127.0.0.1:$MG10K/api/v1/m5000/small" > /dev/null 2>&1
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r of $ROUNDS ..."
  scenarios "$r"
done

python3 "$here/summarize.py" "$out" "$(getconf CLK_TCK)" "$ACCESS_LOG" | tee "$out/summary.md"
echo "raw results: $out"
