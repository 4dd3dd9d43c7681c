#!/usr/bin/env bash
# TLS termination cost: modelgate with modelgate.tls.provider=jdk (the JDK's TLS, the fallback) and =openssl (the default where it loads)
# (BoringSSL through netty-tcnative), against nginx terminating TLS, in the same run. Three TLS proxies on one
# plain-HTTP nginx backend (`return 200 "ok\n"`), all on loopback, all serving the same certificate:
#   nginx     the reference: its own instance, `listen ssl`, upstream keepalive 64, `combined` access log to a file
#   mg-jdk    modelgate, TLS entry point, modelgate.tls.provider=jdk
#   mg-ssl    the same jar and flags with modelgate.tls.provider=openssl
# TLS 1.3 only (every server is limited to it: minVersion VersionTLS13 / ssl_protocols TLSv1.3) with an ECDSA
# P-256 certificate made by openssl here; the checks record what each target negotiates. Three cases:
#   keepalive  wrk -cCONC over HTTPS: a few handshakes, then bulk record encryption (the steady state of API clients)
#   resumed    wrk -cCONC -H 'Connection: close': a new TCP connection per request, and a TLS 1.3 handshake that
#              resumes the last session (wrk's OpenSSL client keeps it and offers its ticket; the checks record
#              which servers accept that)
#   full       HS_CLIENTS parallel `openssl s_time -new`: a new connection and a full handshake per request
#              (ECDHE X25519 + an ECDSA P-256 signature), `GET /x HTTP/1.0` each: the worst case for a gateway
# Each case against each target in rounds whose order rotates; medians of req/s and CPU seconds per 10k
# requests (utime+stime of the whole process from /proc/<pid>/stat; nginx = master + workers).
#
#   bench/tls.sh                     # 3 rounds x 10 s per case and target, warm-ups 20+5+5 s per gateway (~6 min)
#   QUICK=1 bench/tls.sh             # 1 round x 3 s: a smoke test of the script
#   ROUNDS=5 DURATION=15s bench/tls.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

BENCH_JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then : "${ROUNDS:=1}" "${DURATION:=3s}" "${WARMUP:=3s}" "${HS_WARMUP:=2}"; fi
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}          # keep-alive warm-up per gateway (the JIT needs ~20 s, bench/README.md)
HS_WARMUP=${HS_WARMUP:-5}      # seconds of warm-up per gateway of each handshake case, after the keep-alive one
NATIVE_WARMUP=${NATIVE_WARMUP:-3}  # seconds per case for nginx
CONC=${CONC:-50}
HS_CLIENTS=${HS_CLIENTS:-4}    # parallel openssl s_time processes of the full case
ACCESS_LOG=${ACCESS_LOG:-on}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
JAR=${MODELGATE_JAR:-$repo/gateway/target/modelgate-gateway.jar}
base=${BENCH_PORT_BASE:-18580}
BACKEND=$base NGINX=$((base + 1)) JDK=$((base + 2)) JDK_ADMIN=$((base + 3)) SSL=$((base + 4)) SSL_ADMIN=$((base + 5))

for tool in wrk nginx openssl curl ss pgrep python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx-light openssl curl iproute2 procps python3)" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  echo "building the jar ..."
  bench_build -pl gateway -am
fi
for p in $BACKEND $NGINX $JDK $JDK_ADMIN $SSL $SSL_ADMIN; do
  [ -z "$(ss -Hltn "sport = :$p")" ] || { echo "port $p is in use; set BENCH_PORT_BASE" >&2; exit 1; }
done
out="$here/results/tls-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/logs" "$out/wrk" "$out/certs"

pids=()
bench_stop_on_exit
{
  echo "date: $(date -Is); host: $(uname -srm); cpus: $(nproc); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP HS_WARMUP=$HS_WARMUP CONC=$CONC HS_CLIENTS=$HS_CLIENTS ACCESS_LOG=$ACCESS_LOG NGINX_WORKERS=$NGINX_WORKERS"
  echo "repo: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); jar sha256: $(sha256sum "$JAR" | cut -c1-16)"
  echo "$(nginx -v 2>&1) ($(nginx -V 2>&1 | grep -o 'built with OpenSSL [^ ]*' || echo '?')); $(wrk -v 2>&1 | head -1); $(openssl version)"
  echo "java: $("$BENCH_JAVA_HOME/bin/java" -version 2>&1 | head -1)"
} | tee "$out/env.txt"

# one ECDSA P-256 certificate for every server; openssl 3 writes the key as PKCS#8, which modelgate reads
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$out/certs/bench.key" -out "$out/certs/bench.crt" 2>/dev/null
CRT=$out/certs/bench.crt KEY=$out/certs/bench.key
openssl x509 -in "$CRT" -noout -text | grep -q 'NIST CURVE: P-256' || { echo "the certificate is not ECDSA P-256" >&2; exit 1; }

bench_nginx backend 1 "server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 \"ok\\n\"; } }"
proxy_log="access_log off;"
[ "$ACCESS_LOG" = on ] && proxy_log="access_log $out/nginx/logs/access.log combined;"
# nginx's TLS settings stock apart from the version: no ssl_session_cache (none), session tickets on (default)
bench_nginx nginx "$NGINX_WORKERS" "upstream small { server 127.0.0.1:$BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX ssl; $proxy_log
    ssl_certificate $CRT; ssl_certificate_key $KEY; ssl_protocols TLSv1.3;
    location / { proxy_pass http://small; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
NGINX_PID=$started

cat > "$out/routes.yml" <<YML
tls:
  certificates: [ { certFile: "$CRT", keyFile: "$KEY" } ]
  options: { default: { minVersion: VersionTLS13 } }
http:
  routers: { r: { rule: "PathPrefix(\`/\`)", service: s } }
  services: { s: { loadBalancer: { servers: [ { url: "http://127.0.0.1:$BACKEND" } ] } } }
YML
bench_start_gateway mg-jdk "$JDK" "$JDK_ADMIN" --modelgate.entrypoints.web.tls.enabled=true --modelgate.tls.provider=jdk; JDK_PID=$started
bench_start_gateway mg-ssl "$SSL" "$SSL_ADMIN" --modelgate.entrypoints.web.tls.enabled=true --modelgate.tls.provider=openssl; SSL_PID=$started
bench_wait_ok "http://127.0.0.1:$JDK_ADMIN/ping" "mg-jdk" "$JDK_PID" -k
bench_wait_ok "http://127.0.0.1:$SSL_ADMIN/ping" "mg-ssl" "$SSL_PID" -k
bench_wait_ok "https://127.0.0.1:$NGINX/x" "nginx" "$NGINX_PID" -k
bench_wait_ok "https://127.0.0.1:$JDK/x" "mg-jdk" "$JDK_PID" -k
bench_wait_ok "https://127.0.0.1:$SSL/x" "mg-ssl" "$SSL_PID" -k

targets=(nginx mg-jdk mg-ssl)
declare -A resumes
target_port() { case $1 in nginx) echo "$NGINX" ;; mg-jdk) echo "$JDK" ;; mg-ssl) echo "$SSL" ;; esac; }
target_pids() { case $1 in nginx) echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;; mg-jdk) echo "$JDK_PID" ;; mg-ssl) echo "$SSL_PID" ;; esac; }

# correctness first: each target answers ok over HTTPS verified against the certificate, negotiates TLS 1.3
# with the ECDSA P-256 key, refuses TLS 1.2, and each gateway runs the provider it was given
for t in "${targets[@]}"; do
  p=$(target_port "$t")
  body=$(curl -s --cacert "$CRT" -m 5 "https://127.0.0.1:$p/x")
  [ "$body" = ok ] || { echo "check failed: $t answered '$body'" >&2; exit 1; }
  hs=$(openssl s_client -connect "127.0.0.1:$p" -servername localhost -brief -CAfile "$CRT" < /dev/null 2>&1 || true)
  { echo "== $t (:$p)"; echo "$hs"; } >> "$out/checks.txt"
  grep -q 'Protocol version: TLSv1.3' <<< "$hs" || { echo "check failed: $t did not negotiate TLS 1.3 (see $out/checks.txt)" >&2; exit 1; }
  grep -q 'Signature type: ECDSA' <<< "$hs" && grep -q 'Verification: OK' <<< "$hs" \
    || { echo "check failed: $t did not serve the ECDSA certificate (see $out/checks.txt)" >&2; exit 1; }
  # what s_time sends: HTTP/1.0 without Host
  st=$(printf 'GET /x HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -quiet -connect "127.0.0.1:$p" 2>/dev/null | head -1 | tr -d '\r')
  [[ "$st" =~ ^HTTP/1\.[01]\ 200 ]] || { echo "check failed: $t answered '$st' to HTTP/1.0 without Host" >&2; exit 1; }
  # does the server resume a TLS 1.3 session (what wrk's Connection: close case offers)?
  printf 'GET /x HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -ign_eof -connect "127.0.0.1:$p" -sess_out "$out/certs/$t.sess" > /dev/null 2>&1 || true
  if printf 'GET /x HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -ign_eof -connect "127.0.0.1:$p" -sess_in "$out/certs/$t.sess" 2>&1 | grep -q '^Reused'; then
    resumes[$t]=yes; else resumes[$t]=no; fi
  echo "resumes a TLS 1.3 session: ${resumes[$t]}" >> "$out/checks.txt"
  if openssl s_client -connect "127.0.0.1:$p" -tls1_2 -brief < /dev/null > /dev/null 2>&1; then
    echo "check failed: $t accepted TLS 1.2" >&2; exit 1
  fi
done
grep -q 'TLS, JDK provider' "$out/logs/mg-jdk.out" || { echo "check failed: mg-jdk does not log the JDK provider" >&2; exit 1; }
grep -q 'TLS, OPENSSL provider' "$out/logs/mg-ssl.out" || { echo "check failed: mg-ssl does not run OpenSSL (see $out/logs/mg-ssl.out)" >&2; exit 1; }
echo "checks passed: ok over TLS 1.3 (ECDSA P-256) from nginx, mg-jdk (JDK provider), mg-ssl (OpenSSL provider); TLS 1.2 refused"
grep -h 'Ciphersuite\|Server Temp Key\|^==\|^resumes' "$out/checks.txt" | paste - - - - | sed 's/^/  /'

cpu() { local s=0 p; for p in "$@"; do s=$((s + $(bench_ticks "$p"))); done; echo "$s"; }
wrk_case() { # case port seconds -> the client's output on stdout
  local i
  case $1 in
    keepalive) wrk -t2 -c"$CONC" -d"$3s" "https://127.0.0.1:$2/x" ;;
    resumed) wrk -t2 -c"$CONC" -d"$3s" -H 'Connection: close' "https://127.0.0.1:$2/x" ;;
    # in a subshell, so that wait waits for these clients only, not for the servers this script started
    full) (for i in $(seq 1 "$HS_CLIENTS"); do openssl s_time -connect "127.0.0.1:$2" -new -www /x -time "$3" 2>&1 | grep -a 'connections in\|rror' & done; wait) ;;
  esac
}
requests() { # case file -> completed requests
  if [ "$1" = full ]; then awk '/connections in .*s;/ {n += $1} END {print n + 0}' "$2"; else awk '/requests in/ {print $1}' "$2"; fi
}
run() { # round case target -> appends "round case target req/s requests ticks errors"
  local f="$out/wrk/$1-$2-$3.txt" t0 t1 ps err n w0 w1 rate
  ps=$(target_pids "$3")
  # shellcheck disable=SC2086
  t0=$(cpu $ps); w0=$(date +%s.%N)
  wrk_case "$2" "$(target_port "$3")" "$secs" > "$f" 2>&1
  # shellcheck disable=SC2086
  t1=$(cpu $ps); w1=$(date +%s.%N)
  n=$(requests "$2" "$f")
  # wrk: non-2xx and socket errors; s_time: connections that failed (it prints ERROR and stops that client)
  err=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} /rror/ && !/Socket errors/ {n++} END {print n + 0}' "$f")
  rate=$(awk '/Requests\/sec/ {print $2}' "$f")  # wrk's own figure; s_time's: its connections over the wall time
  [ -n "$rate" ] || rate=$(python3 -c "print(round($n / ($w1 - $w0)))")
  echo "$1 $2 $3 $rate $n $((t1 - t0)) $err" >> "$out/results.txt"
}
secs=${DURATION%s}
echo "warming up (gateways ${WARMUP} keep-alive + ${HS_WARMUP} s of each handshake case, nginx ${NATIVE_WARMUP} s a case) ..."
for t in "${targets[@]}"; do
  w=${WARMUP%s} hw=$HS_WARMUP; [ "$t" = nginx ] && w=$NATIVE_WARMUP hw=$NATIVE_WARMUP
  wrk_case keepalive "$(target_port "$t")" "$w" > "$out/wrk/warmup-keepalive-$t.txt" 2>&1
  for c in resumed full; do wrk_case "$c" "$(target_port "$t")" "$hw" > "$out/wrk/warmup-$c-$t.txt" 2>&1; done
done
echo "# round case target req/s requests cpu-ticks errors (CLK_TCK=$(getconf CLK_TCK))" > "$out/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r/$ROUNDS"
  for c in keepalive resumed full; do
    for i in 0 1 2; do run "$r" "$c" "${targets[$(((i + r) % 3))]}"; done  # the order rotates by one each round
  done
done
for t in "${targets[@]}"; do
  # shellcheck disable=SC2046
  kill -0 $(target_pids "$t" | cut -d' ' -f1) || { echo "$t died" >&2; exit 1; }
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/env.txt"
warns=$(cat "$out"/logs/mg-*.out | grep -c -E ' (WARN|ERROR) ' || true)
resets=$(cat "$out"/logs/mg-*.out | grep -c 'Connection reset by peer' || true)  # wrk stopping mid-handshake
nginx_errs=$(cat "$out"/nginx/logs/error.log "$out"/backend/logs/error.log 2>/dev/null | grep -vc '^$' || true)
python3 - "$out/results.txt" "$(getconf CLK_TCK)" "$warns $resets" "$nginx_errs" "$CONC" "$HS_CLIENTS" "nginx=${resumes[nginx]} mg-jdk=${resumes[mg-jdk]} mg-ssl=${resumes[mg-ssl]}" <<'PY' | tee "$out/summary.md"
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if not l.startswith("#")]
hz = float(sys.argv[2])
names = {"nginx": "nginx (reference)", "mg-jdk": "modelgate, provider=jdk", "mg-ssl": "modelgate, provider=openssl"}
cases = {"keepalive": f"keep-alive (wrk c={sys.argv[5]})",
         "resumed": f"new connection per request, TLS 1.3 resumption offered (wrk c={sys.argv[5]}, Connection: close; server resumes: {sys.argv[7]})",
         "full": f"new connection and full TLS 1.3 handshake per request ({sys.argv[6]} x openssl s_time -new)"}
per = lambda r: int(r[5]) / hz / int(r[4]) * 10000
res = {}
for c, title in cases.items():
    print(f"### {title}\n")
    print("| target | req/s median (min–max) | CPU s per 10k req median (min–max) | CPU × nginx | errors | rounds |")
    print("|---|---|---|---|---|---|")
    for t in names:
        rs = [r for r in rows if r[1] == c and r[2] == t]
        rps, cpu = [float(r[3]) for r in rs], [per(r) for r in rs]
        res[c, t] = (st.median(rps), st.median(cpu))
        ref = st.median([per(r) for r in rows if r[1] == c and r[2] == "nginx"])
        print(f"| {names[t]} | {st.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) | {st.median(cpu):.3f} "
              f"({min(cpu):.3f}–{max(cpu):.3f}) | {st.median(cpu) / ref:.2f} | {sum(int(r[6]) for r in rs)} | {len(rs)} |")
    jdk, ssl = res[c, "mg-jdk"], res[c, "mg-ssl"]
    rounds = sorted({r[0] for r in rows}, key=int)
    ratio = [per([r for r in rows if r[0] == n and r[1] == c and r[2] == "mg-ssl"][0])
             / per([r for r in rows if r[0] == n and r[1] == c and r[2] == "mg-jdk"][0]) for n in rounds]
    print(f"\nopenssl / jdk: CPU per request {ssl[1] / jdk[1]:.2f}x, throughput {ssl[0] / jdk[0]:.2f}x; "
          "per round (CPU): " + ", ".join(f"{x:.2f}x" for x in ratio) + "\n")
w, resets = sys.argv[3].split()
print(f"WARN/ERROR lines in the gateways' output: {w} (exceptions 'Connection reset by peer': {resets}, from the "
      f"connections wrk cuts when it stops); lines in the nginx error logs: {sys.argv[4]}")
PY
echo "raw results: $out"
