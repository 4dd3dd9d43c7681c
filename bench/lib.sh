# Shared by the bench scripts (sourced, not run): stopping what a script started and building a missing jar.
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
