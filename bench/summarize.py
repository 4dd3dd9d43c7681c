"""Medians of a bench/run.sh result directory as markdown (stdout): the table, the proxies side by side,
10k-vs-1-router, errors and what the gateways, nginx and HAProxy logged.

    python3 bench/summarize.py RESULT_DIR CLK_TCK ACCESS_LOG(on|off)
"""
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

out, clk_tck, access_log = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
SCENARIOS = ["small-c4", "small-c50", "big-c4", "big-c50"]
TARGETS = ["direct", "nginx", "haproxy", "scg", "modelgate", "modelgate-10k"]
PROXIES = ["nginx", "haproxy", "scg", "modelgate", "modelgate-10k"]  # side by side, in this order
GATEWAYS = ["modelgate", "modelgate-10k"]   # modelgate's JSON access log
JVMS = ["modelgate", "modelgate-10k", "scg"]  # stdout/stderr scanned for WARN/ERROR
# combined-format access logs (nginx's own, HAProxy's log-format and Reactor Netty's, both written like it)
COMBINED_LOGS = {"nginx": Path("nginx-proxy/logs/access.log"), "haproxy": Path("haproxy/logs/access.log"),
                 "scg": Path("logs/scg-access.log")}


def parse_wrk(text):
    def lat(pct):
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
        return float(m.group(1)) * UNIT_MS[m.group(2)] if m else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": lat(50), "p99": lat(99),
        "requests": int(total.group(1)) if total else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "sock": sum(map(int, sock.groups())) if sock else 0,
        "sock_detail": "connect {}, read {}, write {}, timeout {}".format(*sock.groups()) if sock else "",
    }


runs = defaultdict(list)  # (scenario, target) -> [run]
for f in sorted((out / "wrk").glob("*.txt")):
    rnd, scenario, target = f.stem.split("_", 2)
    r = parse_wrk(f.read_text())
    r.update(round=rnd, file=f.name)
    runs[(scenario, target)].append(r)
warmups = {f.stem: parse_wrk(f.read_text()) for f in sorted((out / "warmup").glob("*.txt"))}

cpu = {}
for line in (out / "cpu.txt").read_text().splitlines():
    if line.startswith("#") or not line.strip():
        continue
    rnd, scenario, target, ticks, backend_ticks, *_ = line.split()
    cpu[(rnd, scenario, target)] = (int(ticks) / clk_tck, int(backend_ticks) / clk_tck)


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


rows = {}
for (scenario, target), rs in runs.items():
    per10k = lambda i: [cpu[(r["round"], scenario, target)][i] / r["requests"] * 10000
                        for r in rs if r["requests"] and (r["round"], scenario, target) in cpu]
    requests = sum(r["requests"] for r in rs)
    rows[(scenario, target)] = {
        "rps": med([r["rps"] for r in rs]), "rps_min": min(r["rps"] for r in rs), "rps_max": max(r["rps"] for r in rs),
        "p50": med([r["p50"] for r in rs]), "p99": med([r["p99"] for r in rs]),
        "cpu": med(per10k(0)) if target != "direct" else float("nan"), "backend_cpu": med(per10k(1)),
        "requests": requests, "non2xx": sum(r["non2xx"] for r in rs), "sock": sum(r["sock"] for r in rs),
        "n": len(rs)}

n_rounds = max((r["n"] for r in rows.values()), default=0)
print(f"# modelgate benchmark — {out.name}\n")
env = (out / "env.txt").read_text() if (out / "env.txt").exists() else ""
print("```\n" + env.strip() + "\n```\n")
print(f"Access log: **{access_log}** (every proxy alike). Medians of {n_rounds} round(s); "
      "req/s range = min–max over rounds; CPU = the proxy process's own utime+stime (nginx: master + workers) "
      "per 10,000 completed requests (nginx: master + workers; HAProxy, SCG, modelgate: the one process, all threads); errors = wrk's non-2xx/3xx responses and socket errors, summed over rounds.\n")


def fmt(v, spec):
    return "–" if v != v else format(v, spec)


def errors(row):
    if not row["non2xx"] and not row["sock"]:
        return "0 / 0"
    rate = (row["non2xx"] + row["sock"]) / max(row["requests"], 1) * 100
    return f"**{row['non2xx']} / {row['sock']}** ({rate:.3f}%)"


print("| scenario | target | req/s | req/s range | × nginx | p50 ms | p99 ms | CPU s / 10k req | CPU × nginx | non-2xx / socket errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
for scenario in SCENARIOS:
    ref = rows.get((scenario, "nginx"))
    for target in TARGETS:
        row = rows.get((scenario, target))
        if not row:
            continue
        x = fmt(row["rps"] / ref["rps"], ".2f") if ref and ref["rps"] else "–"
        cx = fmt(row["cpu"] / ref["cpu"], ".2f") if ref and ref["cpu"] and target != "direct" else "–"
        rng = f"{row['rps_min']:,.0f}–{row['rps_max']:,.0f}" if row["n"] > 1 else "–"
        print(f"| {scenario} | {target} | {row['rps']:,.0f} | {rng} | {x} | {fmt(row['p50'], '.2f')} | "
              f"{fmt(row['p99'], '.2f')} | {fmt(row['cpu'], '.3f')} | {cx} | {errors(row)} |")

NAMES = {"nginx": "nginx", "haproxy": "HAProxy", "scg": "Spring Cloud Gateway", "modelgate": "modelgate",
         "modelgate-10k": "modelgate, 10k routers"}
present = [p for p in PROXIES if any((s, p) in rows for s in SCENARIOS)]
print("\nThe proxies side by side (medians; × nginx = ratio to nginx in the same rounds):\n")
print("| scenario | figure | " + " | ".join(NAMES[p] for p in present) + " |")
print("|---|---|" + "---|" * len(present))


def ratio(a, b, spec=".2f"):
    return fmt(a / b, spec) if a == a and b == b and b else "–"


for scenario in SCENARIOS:
    ng = rows.get((scenario, "nginx"))
    cells = {p: rows.get((scenario, p)) for p in present}
    if not any(cells.values()):
        continue
    figures = [
        ("req/s", lambda r: f"{r['rps']:,.0f}"),
        ("× nginx", lambda r: ratio(r["rps"], ng["rps"]) if ng else "–"),
        ("CPU s / 10k req", lambda r: fmt(r["cpu"], ".3f")),
        ("CPU × nginx", lambda r: ratio(r["cpu"], ng["cpu"]) if ng else "–"),
        ("p99 ms", lambda r: fmt(r["p99"], ".2f")),
        ("p99 × nginx", lambda r: ratio(r["p99"], ng["p99"]) if ng else "–"),
    ]
    for name, value in figures:
        print(f"| {scenario} | {name} | " + " | ".join(value(cells[p]) if cells[p] else "–" for p in present) + " |")

one, tenk = rows.get(("small-c50", "modelgate")), rows.get(("small-c50", "modelgate-10k"))
if one and tenk and one["rps"]:
    print(f"\n10,000 routers vs 1 router (small body, c=50, same rounds): {tenk['rps']:,.0f} vs {one['rps']:,.0f} req/s "
          f"= {tenk['rps'] / one['rps']:.3f}×; CPU/10k {fmt(tenk['cpu'], '.3f')} vs {fmt(one['cpu'], '.3f')} "
          f"= {fmt(tenk['cpu'] / one['cpu'], '.3f')}×; p99 {fmt(tenk['p99'], '.2f')} vs {fmt(one['p99'], '.2f')} ms")

direct = rows.get(("small-c50", "direct"))
if direct:
    print(f"\nBackend nginx CPU/10k (small, c=50): direct {fmt(direct['backend_cpu'], '.3f')}, via nginx "
          f"{fmt(rows.get(('small-c50', 'nginx'), {}).get('backend_cpu', float('nan')), '.3f')}, via modelgate "
          f"{fmt(rows.get(('small-c50', 'modelgate'), {}).get('backend_cpu', float('nan')), '.3f')} "
          "(the same backend serves every target; a difference means a different upstream connection pattern)")

print("\n<details><summary>Raw figures of every run (round, scenario, target)</summary>\n")
print("| round | scenario | target | requests | req/s | p50 ms | p99 ms | proxy CPU s | CPU s / 10k req | backend CPU s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for (scenario, target), rs in sorted(runs.items(), key=lambda kv: (SCENARIOS.index(kv[0][0]), TARGETS.index(kv[0][1]))):
    for r in sorted(rs, key=lambda r: int(r["round"])):
        c = cpu.get((r["round"], scenario, target), (float("nan"), float("nan")))
        per = c[0] / r["requests"] * 10000 if r["requests"] and target != "direct" else float("nan")
        print(f"| {r['round']} | {scenario} | {target} | {r['requests']:,} | {r['rps']:,.0f} | {fmt(r['p50'], '.2f')} | "
              f"{fmt(r['p99'], '.2f')} | {fmt(c[0], '.2f') if target != 'direct' else '–'} | {fmt(per, '.3f')} | {fmt(c[1], '.2f')} |")
print("\n</details>")

# ---------------------------------------------------------------- problems
print("\n## Errors and logs\n")
problems = 0
for (scenario, target), rs in sorted(runs.items()):
    for r in rs:
        if r["non2xx"] or r["sock"]:
            problems += 1
            print(f"- wrk {r['file']}: {r['non2xx']} non-2xx/3xx, socket errors {r['sock_detail'] or 0} "
                  f"of {r['requests']} requests")
for name, r in warmups.items():
    if r["non2xx"] or r["sock"]:
        problems += 1
        print(f"- warm-up {name}: {r['non2xx']} non-2xx/3xx, socket errors {r['sock_detail'] or 0} of {r['requests']}")


def wrk_runs(target):
    """(completed requests, sum of connections over runs) of every wrk run against target, warm-ups included."""
    done = sum(r["requests"] for (s, t), rs in runs.items() if t == target for r in rs)
    done += sum(r["requests"] for name, r in warmups.items() if name.rsplit("_", 1)[0] == target)
    conns = sum(int(s.rsplit("-c", 1)[1]) for (s, t), rs in runs.items() if t == target for r in rs)
    conns += sum(50 for name in warmups if name.rsplit("_", 1)[0] == target)  # warm-ups run at c=50
    return done, conns


checks = defaultdict(Counter)  # target -> statuses of the correctness checks (curl)
if (out / "checks.txt").exists():
    for line in (out / "checks.txt").read_text().split("\n"):
        if line.strip():
            t, code = line.split()
            checks[t][code] += 1


def unexpected(statuses, target):
    """Non-2xx statuses not explained by the checks, and whether the 499s exceed what wrk's stops explain.
    wrk closes its connections when its time is up; a proxy logs the requests then in flight as 499."""
    _, conns = wrk_runs(target)
    bad = {}
    for code, n in statuses.items():
        if code.startswith("2"):
            continue
        n -= checks[target][code]
        if code in ("499", "badreq") and n <= conns:
            continue
        if n > 0:
            bad[code] = n
    return bad


def explained(statuses, target):
    _, conns = wrk_runs(target)
    notes = []
    if statuses.get("499"):
        notes.append(f"499 = client closed: requests in flight when wrk stopped (at most {conns} expected)")
    if statuses.get("badreq"):
        notes.append(f"badreq = HAProxy's 400 <BADREQ>: a connection closed by wrk's stop in the middle of a "
                     f"request (at most {conns} expected)")
    for code, n in checks[target].items():
        if not code.startswith("2") and statuses.get(code):
            notes.append(f"{code}: {n} from the correctness checks")
    return "; ".join(notes)


STATUS = re.compile(rb'"status":(\d+)')
for gw in JVMS:
    log = out / "logs" / f"{gw}-access.log"  # JSON lines; SCG's log is a combined-format one, read below
    if gw in GATEWAYS and access_log == "on" and log.exists():
        statuses, lines = Counter(), 0
        with log.open("rb") as f:
            for line in f:
                lines += 1
                m = STATUS.search(line)
                statuses[m.group(1).decode() if m else "?"] += 1
        done, _ = wrk_runs(gw)
        n_checks = sum(checks[gw].values())
        note = ""
        if lines < done + n_checks:
            note = f" — **{done + n_checks - lines} fewer lines than requests completed: records dropped?**"
            problems += 1
        why = explained(statuses, gw)
        print(f"- {gw} access log: {lines:,} lines, statuses {dict(statuses.most_common())}"
              f"{' (' + why + ')' if why else ''}; wrk completed {done:,}, checks {n_checks}{note}")
        bad = unexpected(statuses, gw)
        if bad:
            problems += 1
            print(f"  - **unexplained non-2xx statuses in {gw}'s access log: {bad}**")
    out_log = out / "logs" / f"{gw}.out"
    if out_log.exists():
        hits = [l for l in out_log.read_text(errors="replace").splitlines()
                if re.search(r"\b(WARN|ERROR|FATAL)\b|Exception|OutOfMemory", l)]
        if hits:
            problems += 1
            distinct = Counter(re.sub(r"^\S+\s+\S*\s*", "", h)[:300] for h in hits)
            print(f"- **{gw} stdout/stderr: {len(hits)} WARN/ERROR/exception lines** (logs/{gw}.out); most frequent:")
            for msg, n in distinct.most_common(8):
                print(f"  - {n}× `{msg}`")
        else:
            print(f"- {gw} stdout/stderr: no WARN/ERROR/exception lines")

for proxy, rel in COMBINED_LOGS.items():
    log = out / rel
    if access_log != "on" or not log.exists():
        continue
    statuses = Counter()
    with log.open("rb") as f:
        for line in f:
            parts = line.split(b'"')  # client - - [time] "request line" status bytes ...
            status = parts[2].split()[0].decode() if len(parts) > 2 and parts[2].split() else "?"
            if parts[1:2] == [b"<BADREQ>"]:
                status = "badreq"  # HAProxy: a connection closed before its request was complete
            statuses[status] += 1
    lines = sum(statuses.values())
    done, _ = wrk_runs(proxy)
    n_checks = sum(checks[proxy].values())
    note = ""
    missing = done + n_checks - lines
    if missing > 0 and proxy == "haproxy" and missing <= 0.005 * done:
        # HAProxy's log to a file descriptor skips a line rather than wait when another thread is writing to it
        # ("we prefer to fail on collision than to block", fd_write_frag_line): by design, not a bench fault
        note = f" — {missing} fewer lines than requests completed ({100 * missing / done:.3f}%: HAProxy's fd logger " \
               "drops a line when another thread holds the fd, by design)"
    elif missing > 0:
        note = f" — **{missing} fewer lines than requests completed: records dropped?**"
        problems += 1
    why = explained(statuses, proxy)
    print(f"- {NAMES[proxy]} access log ({rel}): {lines:,} lines, statuses {dict(statuses.most_common())}"
          f"{' (' + why + ')' if why else ''}; wrk completed {done:,}, checks {n_checks}{note}")
    bad = unexpected(statuses, proxy)
    if bad:
        problems += 1
        print(f"  - **unexplained non-2xx statuses in {NAMES[proxy]}'s access log: {bad}**")
err = out / "haproxy" / "logs" / "error.log"
if err.exists() and err.stat().st_size:
    problems += 1
    lines = err.read_text(errors="replace").splitlines()
    print(f"- **haproxy stderr: {len(lines)} lines**, first: `{lines[0][:300]}`")
for name in ["nginx-proxy", "backend"]:
    err = out / name / "logs" / "error.log"
    if err.exists() and err.stat().st_size:
        problems += 1
        lines = err.read_text(errors="replace").splitlines()
        print(f"- **{name} nginx error.log: {len(lines)} lines**, first: `{lines[0][:300]}`")
for line in env.splitlines():
    if "NOT RUNNING" in line:
        problems += 1
        print(f"- **{line}**")
if not problems:
    print("- none: no wrk errors, no unexplained non-2xx in the access logs, no WARN/ERROR lines, nginx error logs and HAProxy's stderr empty")
