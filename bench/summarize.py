"""Medians of a bench/run.sh result directory as a markdown table (stdout)."""
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

out, clk_tck, access_log = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

runs = defaultdict(list)  # (scenario, target) -> [dict]
for f in sorted(out.glob("wrk_*.txt")):
    _, rnd, scenario, target = f.stem.split("_", 3)
    text = f.read_text()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", text)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    total = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    runs[(scenario, target)].append({
        "round": rnd,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": ms(*p50.groups()) if p50 else float("nan"),
        "p99": ms(*p99.groups()) if p99 else float("nan"),
        "requests": int(total.group(1)) if total else 0,
        "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0),
    })

cpu = {}
for line in (out / "cpu.txt").read_text().splitlines():
    rnd, scenario, target, ticks = line.split()
    cpu[(rnd, scenario, target)] = int(ticks) / clk_tck

def med(values):
    return statistics.median(values) if values else float("nan")

rows = {}
for (scenario, target), rs in runs.items():
    cpu10k = [cpu[(r["round"], scenario, target)] / r["requests"] * 10000
              for r in rs if r["requests"] and target != "direct" and (r["round"], scenario, target) in cpu]
    rows[(scenario, target)] = {
        "rps": med([r["rps"] for r in rs]), "p50": med([r["p50"] for r in rs]), "p99": med([r["p99"] for r in rs]),
        "cpu": med(cpu10k), "errors": sum(r["errors"] for r in rs), "n": len(rs)}

print(f"access log: {access_log}; medians of {max(r['n'] for r in rows.values())} round(s)\n")
print("| scenario | target | req/s | × nginx | p50 ms | p99 ms | CPU s / 10k req | CPU × nginx | errors |")
print("|---|---|---|---|---|---|---|---|---|")
order = ["direct", "nginx", "modelgate", "modelgate-10k"]
for scenario in ["small-c4", "small-c50", "big-c4", "big-c50"]:
    ref = rows.get((scenario, "nginx"))
    for target in order:
        row = rows.get((scenario, target))
        if not row:
            continue
        x = f"{row['rps'] / ref['rps']:.2f}" if ref else "–"
        c = "–" if target == "direct" else f"{row['cpu']:.3f}"
        cx = f"{row['cpu'] / ref['cpu']:.2f}" if ref and target != "direct" else "–"
        print(f"| {scenario} | {target} | {row['rps']:,.0f} | {x} | {row['p50']:.2f} | {row['p99']:.2f} | {c} | {cx} | {row['errors']} |")
one, tenk = rows.get(("small-c50", "modelgate")), rows.get(("small-c50", "modelgate-10k"))
if one and tenk:
    print(f"\n10,000 routers vs 1 router (small body, c=50): {tenk['rps'] / one['rps']:.3f}× the throughput, "
          f"{tenk['cpu'] / one['cpu']:.3f}× the CPU per request")
