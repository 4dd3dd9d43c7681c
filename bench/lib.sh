# Shared by the bench scripts (sourced, not run): stopping what a script started, building a missing jar, and
# an nginx instance of the script's own.
# A script keeps the PIDs of the processes it starts in the array `pids` and its results directory in `out`.

# bench_stop_on_exit: on any exit (normal, error, Ctrl-C, TERM) stop every process in `pids` (TERM, then KILL
# after 5 s), and say where the partial results are when the script failed.
bench_stop_on_exit() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM HUP
}

bench_cleanup() {
  local rc=$? p
  trap - EXIT INT TERM HUP
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  [ "$rc" = 0 ] || echo "bench/$(basename "$0") failed (exit $rc); partial results in ${out:-?}" >&2
  exit "$rc"
}

# bench_build <maven args…>: builds in the repository with the bench JDK. Under its own lock file: a bench
# is often run while holding the build lock (so that no build disturbs it), and would wait on itself.
bench_build() {
  local lock=()
  command -v flock >/dev/null && lock=(flock /tmp/modelgate-mvn.lock)
  (cd "$repo" && "${lock[@]}" env JAVA_HOME="$BENCH_JAVA_HOME" mvn -B -q -DskipTests "$@" package)
}

# bench_nginx <name> <workers> <http-block>: an nginx instance under $out/<name> with its own configuration, pid,
# logs and temp paths (the system's nginx and its configuration are never touched), no access log unless the
# block sets one; its PID is added to `pids` and left in `started`.
bench_nginx() {
  local dir="$out/$1"
  mkdir -p "$dir/logs" "$dir/temp"
  cat > "$dir/nginx.conf" <<CONF
daemon off; worker_processes $2; pid $dir/nginx.pid; error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path $dir/temp; proxy_temp_path $dir/temp;
  fastcgi_temp_path $dir/temp; uwsgi_temp_path $dir/temp; scgi_temp_path $dir/temp;
  $3
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" > "$dir/logs/stdout.log" 2>&1 &
  started=$!; pids+=("$started")
}

# bench_start_gateway name port admin [extra args…]: starts the gateway jar ($JAR, with the bench JDK and the JVM
# flags of bin/modelgate: without --enable-native-access Netty on JDK 25 storms thread handshakes) on
# 127.0.0.1:port, admin port `admin`, routes from $out/routes.yml, its access log in $out/logs (ACCESS_LOG=off:
# none); the PID goes to `started` and into `pids`.
bench_start_gateway() {
  local name=$1 port=$2 admin=$3; shift 3
  local log_args=(--modelgate.access-log.path="$out/logs/$name-access.log")
  [ "$ACCESS_LOG" = on ] || log_args=(--modelgate.access-log.enabled=false)
  "$BENCH_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dio.netty.noUnsafe=false -XX:+UseParallelGC -Xmx512m -jar "$JAR" \
    --modelgate.entrypoints.web.port="$port" --modelgate.entrypoints.web.address=127.0.0.1 \
    --modelgate.admin.port="$admin" --modelgate.providers.file.path="$out/routes.yml" --modelgate.demo.enabled=false \
    --modelgate.providers.docker.enabled=false --modelgate.sticky.secret=bench-only-sticky-secret "${log_args[@]}" "$@" \
    > "$out/logs/$name.out" 2>&1 &
  started=$!; pids+=("$started")
}

# bench_wait_ok url what pid [curl options…]: waits up to 60 s for a 200 from url; stops the script when the
# process `pid` exited or it never answered.
bench_wait_ok() {
  local url=$1 what=$2 pid=$3; shift 3
  for _ in $(seq 1 240); do
    [ "$(curl -s "$@" -o /dev/null -w '%{http_code}' -m 1 "$url" 2>/dev/null)" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$what exited" >&2; exit 1; }
    sleep 0.25
  done
  echo "$what not ready" >&2; exit 1
}

# bench_ticks pid: the CPU the process used so far (utime + stime of all its threads, in clock ticks).
bench_ticks() { local rest; rest=$(cat "/proc/$1/stat"); rest=${rest##*) }; read -r -a f <<< "$rest"; echo $((f[11] + f[12])); }
