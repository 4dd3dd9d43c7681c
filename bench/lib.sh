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
