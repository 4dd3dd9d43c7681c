"""Top costs in a JFR recording of modelgate under load (bench/profile.sh calls it; rerun by hand:
    python3 bench/jfr_top.py RECORDING.jfr [JAVA_HOME [REQUESTS]]

CPU (jdk.CPUTimeSample when the recording has it — JDK 25's CPU-time sampler, which profile.sh turns on: it also
samples threads in native code and system calls — else jdk.ExecutionSample): the share of samples by thread group; the top self frames; and each sample charged to
its *nearest modelgate frame* (the innermost io.modelgate method on the stack: its own code plus the Netty/JDK
code it calls directly), which ranks modelgate's own per-request costs; plus inclusive totals of modelgate methods.
Allocation (jdk.ObjectAllocationSample, weighted by the bytes each sample stands for): by class, and by nearest
modelgate frame and class. Each thread's first allocation sample is skipped: its weight covers everything the
thread allocated before the recording started.
"""
import collections
import re
import subprocess
import sys

rec = sys.argv[1]
java_home = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/jvm/temurin-25-jdk-amd64"
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 0  # completed during the recording: per-request figures
# top frames that are a system call (the kernel's work, loopback TCP included, is charged to them)
SYSCALL = re.compile(r"\.unix\.(Socket|FileDescriptor)\.|epoll\.Native\.|FileOutputStream\.|LinuxWatchService|"
                     r"UnixNativeDispatcher|FileDispatcherImpl|IOUtil\.")
def events(names):
    return subprocess.run([f"{java_home}/bin/jfr", "print", "--stack-depth", "96", "--events", names, rec],
                          check=True, capture_output=True, text=True).stdout


cpu_event = "jdk.CPUTimeSample"
text = events("jdk.CPUTimeSample,jdk.ObjectAllocationSample")
if not re.search(r"^jdk\.CPUTimeSample \{", text, re.M):
    cpu_event = "jdk.ExecutionSample"
    text = events("jdk.ExecutionSample,jdk.ObjectAllocationSample")

FRAME = re.compile(r"^\s+([\w.$<>]+)\(.*\)\s+line:", re.M)
UNITS = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
OURS = "io.modelgate."


def thread_group(name):
    if "epoll" in name or "EventLoop" in name or "eventLoop" in name:
        return "event loops"
    if "access" in name.lower():
        return "access-log writer"
    if name.startswith(("C1 ", "C2 ")) or "Compiler" in name:
        return "JIT"
    return "other: " + re.sub(r"[-#]?\d+", "", name)


def nearest_ours(frames):
    return next((f for f in frames if f.startswith(OURS)), None)


def short(f):
    return f.replace("io.modelgate.", "").replace("io.netty.", "netty.")


cpu_n, cpu_threads, cpu_self, cpu_ours, cpu_total = 0, collections.Counter(), collections.Counter(), \
    collections.Counter(), collections.Counter()
cpu_sys, cpu_java_ours = collections.Counter(), collections.Counter()  # syscalls by caller; Java code by caller
seen_threads = set()
alloc_total, alloc_class, alloc_ours, alloc_threads = 0.0, collections.Counter(), collections.Counter(), \
    collections.Counter()
for block in re.split(r"^(?=jdk\.\w+ \{)", text, flags=re.M):
    if block.startswith(cpu_event):
        frames = FRAME.findall(block)
        if not frames:
            continue
        th = re.search(r'(?:sampledThread|eventThread) = "([^"]*)"', block)
        cpu_n += 1
        cpu_threads[thread_group(th.group(1) if th else "?")] += 1
        cpu_self[frames[0]] += 1
        ours = nearest_ours(frames)
        cpu_ours[ours or "(no modelgate frame on the stack)"] += 1
        if SYSCALL.search(frames[0]):
            cpu_sys[(frames[0], ours or "(no modelgate frame)")] += 1
        else:
            cpu_java_ours[ours or "(no modelgate frame on the stack)"] += 1
        for f in set(frames):
            if f.startswith(OURS):
                cpu_total[f] += 1
    elif block.startswith("jdk.ObjectAllocationSample"):
        w = re.search(r"weight = ([\d.,]+) (\w+)", block)
        cls = re.search(r"objectClass = ([\w.$\[\]]+)", block)
        if not w:
            continue
        weight = float(w.group(1).replace(",", "")) * UNITS.get(w.group(2), 1)
        th = re.search(r'eventThread = "([^"]*)"', block)
        if th and th.group(1) not in seen_threads:
            seen_threads.add(th.group(1))
            continue
        frames = FRAME.findall(block)
        ours = nearest_ours(frames) or "(no modelgate frame)"
        c = cls.group(1) if cls else "?"
        alloc_total += weight
        alloc_class[c] += weight
        alloc_ours[(ours, c)] += weight
        alloc_threads[thread_group(th.group(1) if th else "?")] += weight


def pct(c, n):
    return f"{100 * c / n:5.1f}%"


print(f"CPU: {cpu_n} samples ({cpu_event})")
print("\nby thread group:")
for g, c in cpu_threads.most_common():
    print(f"{pct(c, cpu_n)}  {g}")
print("\ntop self frames:")
for f, c in cpu_self.most_common(25):
    print(f"{pct(c, cpu_n)}  {short(f)}")
print("\ncharged to the nearest modelgate frame (its code + the library code it calls directly):")
for f, c in cpu_ours.most_common(30):
    print(f"{pct(c, cpu_n)}  {short(f)}")
n_sys = sum(cpu_sys.values())
print(f"\nsystem calls (top frame a native I/O method): {pct(n_sys, cpu_n)} of all samples; by call and nearest modelgate frame:")
for (f, o), c in cpu_sys.most_common(12):
    print(f"{pct(c, cpu_n)}  {short(f)}  <- {short(o)}")
print(f"\nJava code only (the other {pct(cpu_n - n_sys, cpu_n).strip()}), charged to the nearest modelgate frame, % of all samples:")
for f, c in cpu_java_ours.most_common(30):
    print(f"{pct(c, cpu_n)}  {short(f)}")
print("\nmodelgate methods, inclusive (incl. callees):")
for f, c in cpu_total.most_common(30):
    print(f"{pct(c, cpu_n)}  {short(f)}")
if alloc_total:
    per = f", {alloc_total / requests:,.0f} bytes per request ({requests:,} requests)" if requests else ""
    print(f"\nallocation: {alloc_total / 1e9:.2f} GB sampled-weighted in the recording{per}")
    print("\nby thread group:")
    for g, w in alloc_threads.most_common():
        print(f"{pct(w, alloc_total)}  {g}")
    print("\nby class:")
    for c, w in alloc_class.most_common(20):
        print(f"{pct(w, alloc_total)}  {c}")
    print("\nby nearest modelgate frame and class:")
    for (f, c), w in alloc_ours.most_common(35):
        print(f"{pct(w, alloc_total)}  {short(f)}  [{c}]")
