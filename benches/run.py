#!/usr/bin/env python3
"""kiln benchmark suite: kiln against native code and against Wasmtime.

Data flow: every C program in programs/ is built four ways -- natively with
`clang -O2` and `gcc -O2`, and to wasm32-wasi with `clang -O2`, which is then
compiled by `kiln build` into a static executable and by Wasmtime (Python API)
into a precompiled `.cwasm`. The variants run round-robin, each program's
output (a checksum line) must be identical across all of them, and the median
times go into a markdown table (stdout and RESULTS.md) together with startup
time and size of a hello world, and compile time and peak memory of
`kiln build` against Wasmtime on the largest module.

    benches/run.py            full run (RESULTS.md is rewritten)
    benches/run.py --quick    one tiny run of everything (for CI; < 2 minutes)

Only the Python standard library is needed, plus `wasmtime` from PyPI, which
is installed with pip when missing.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROGRAMS_DIR = os.path.join(HERE, "programs")
BUILD = os.path.join(HERE, "build")

# name -> size argument for --quick (the full run uses each program's default)
PROGRAMS = {
    "matmul": "24",
    "nbody": "50",
    "sha256": "2",
    "crc32": "2",
    "sieve": "1",
    "fib": "20",
    "interp": "1000",
    "json": "1",
    "qsort": "5000",
    "hashtable": "20000",
    "linked": "2000",
    "calls": "20000",
    "memops": "1",
}

# memops measures bulk memory, so its wasm uses memory.copy / memory.fill
# instead of wasi-libc's byte loops.
WASM_EXTRA_FLAGS = {"memops": ["-mbulk-memory"]}

# The -simd variants run the same source built with `-msimd128` (wasm's
# 128-bit SIMD, as native x86-64 code has SSE2): clang then vectorizes
# loops for wasm as it does natively.
#
# kiln-native is the plain .wasm built with `kiln build --cpu native`: every
# feature of this machine's CPU, as Wasmtime uses (it compiles for the host),
# so kiln-native/Wasmtime compares like with like. The headline kiln column
# is kiln's default, portable baseline (x86-64-v2), as native clang's is.
VARIANTS = ["clang", "gcc", "kiln", "wasmtime", "kiln-native", "kiln-simd", "wasmtime-simd", "kiln-timeout", "kiln-fuel"]
# The limits the two last variants are built with: never reached, so they measure the checks alone.
LIMIT_FLAGS = {"kiln-timeout": ["--timeout", "1h"], "kiln-fuel": ["--fuel", "1000000000000000"]}
SIMD_FLAGS = ["-msimd128"]
RUN_TIMEOUT = 300


class BenchError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs a command, raising BenchError with its output if it fails."""
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if res.returncode != 0:
        raise BenchError(f"command failed ({res.returncode}): {' '.join(cmd)}\n{res.stdout}{res.stderr}")
    return res


def ensure_wasmtime():
    try:
        import wasmtime  # noqa: F401
    except ImportError:
        log("installing wasmtime with pip ...")
        run([sys.executable, "-m", "pip", "install", "--quiet", "wasmtime"])
    import wasmtime

    return wasmtime


def wasmtime_engine(wasmtime):
    # Default configuration (Cranelift, opt level "speed", host CPU features),
    # the same in the parent and in every child, so .cwasm files load.
    return wasmtime.Engine()


# ---------------------------------------------------------------------------
# Child modes: Wasmtime runs and compiles happen in subprocesses, so that
# every variant is a fresh process and peak memory can be measured.


def child_run(cwasm, argv):
    """Runs a precompiled module; prints JSON {seconds, cpu, exit, stdout}.

    The time covers instantiation and `_start` only: loading the .cwasm and
    Python start-up are excluded, which favours Wasmtime slightly."""
    wasmtime = ensure_wasmtime()
    engine = wasmtime_engine(wasmtime)
    module = wasmtime.Module.deserialize_file(engine, cwasm)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    with tempfile.TemporaryDirectory(prefix="kiln-bench") as tmp:
        out_path = os.path.join(tmp, "stdout")
        wasi = wasmtime.WasiConfig()
        wasi.argv = argv
        wasi.stdout_file = out_path
        wasi.inherit_stderr()
        store.set_wasi(wasi)
        t0, c0 = time.perf_counter(), time.process_time()
        instance = linker.instantiate(store, module)
        start = instance.exports(store)["_start"]
        try:
            start(store)
            code = 0
        except wasmtime.ExitTrap as e:
            code = e.code
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        with open(out_path) as f:
            out = f.read()
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "exit": code, "stdout": out}))


def child_compile(wasm_path, cwasm_path):
    """Compiles a module with Wasmtime and writes the .cwasm; prints the
    compile time. With cwasm_path "-", only loads (the memory baseline)."""
    wasmtime = ensure_wasmtime()
    engine = wasmtime_engine(wasmtime)
    with open(wasm_path, "rb") as f:
        wasm = f.read()
    if cwasm_path == "-":
        print(json.dumps({"seconds": 0.0}))
        return
    t0 = time.perf_counter()
    # The Python binding has no Engine.precompile_module; Module() compiles
    # (the same work) and serialize() writes what precompile_module returns.
    data = wasmtime.Module(engine, wasm).serialize()
    elapsed = time.perf_counter() - t0
    with open(cwasm_path, "wb") as f:
        f.write(data)
    print(json.dumps({"seconds": elapsed}))


# ---------------------------------------------------------------------------
# Building


def kiln_binary(args):
    if args.no_kiln:
        return None
    if args.kiln:
        return os.path.abspath(args.kiln)
    log("building kiln (cargo build --release -p kiln-cli) ...")
    res = subprocess.run(["cargo", "build", "--release", "-p", "kiln-cli"], cwd=REPO, capture_output=True, text=True)
    if res.returncode != 0:
        raise BenchError(
            "cannot build kiln; fix the build or pass --no-kiln to measure the other variants\n" + res.stderr[-4000:]
        )
    meta = run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO)
    return os.path.join(json.loads(meta.stdout)["target_directory"], "release", "kiln")


def build_all(names, kiln, wasmtime):
    subs = ["clang", "gcc", "wasm", "wasm-simd", "kiln", "kiln-native", "kiln-simd", "wasmtime", "wasmtime-simd",
            *LIMIT_FLAGS]
    for sub in subs + ["hello", "tools"]:
        os.makedirs(os.path.join(BUILD, sub), exist_ok=True)
    engine = wasmtime_engine(wasmtime)
    for name in names:
        src = os.path.join(PROGRAMS_DIR, name + ".c")
        log(f"building {name} ...")
        run(["clang", "-O2", "-o", os.path.join(BUILD, "clang", name), src, "-lm"])
        run(["gcc", "-O2", "-o", os.path.join(BUILD, "gcc", name), src, "-lm"])
        for suffix, flags in [("", []), ("-simd", SIMD_FLAGS)]:
            wasm = os.path.join(BUILD, "wasm" + suffix, name + ".wasm")
            extra = WASM_EXTRA_FLAGS.get(name, []) + flags
            run(["clang", "--target=wasm32-wasi", "-O2", *extra, "-o", wasm, src])
            if kiln:
                run([kiln, "build", wasm, "-o", os.path.join(BUILD, "kiln" + suffix, name)])
            if kiln and not suffix:
                run([kiln, "build", "--cpu", "native", wasm, "-o", os.path.join(BUILD, "kiln-native", name)])
                for variant, limit in LIMIT_FLAGS.items():
                    run([kiln, "build", *limit, wasm, "-o", os.path.join(BUILD, variant, name)])
            with open(wasm, "rb") as f:
                data = wasmtime.Module(engine, f.read()).serialize()
            with open(os.path.join(BUILD, "wasmtime" + suffix, name + ".cwasm"), "wb") as f:
                f.write(data)
    hello = os.path.join(PROGRAMS_DIR, "hello.c")
    run(["gcc", "-static", "-O2", "-o", os.path.join(BUILD, "hello", "native-static"), hello])
    run(["clang", "--target=wasm32-wasi", "-O2", "-o", os.path.join(BUILD, "hello", "hello.wasm"), hello])
    if kiln:
        run([kiln, "build", os.path.join(BUILD, "hello", "hello.wasm"), "-o", os.path.join(BUILD, "hello", "kiln")])
    for tool in ["spawn_timer", "peak_rss"]:
        run(["gcc", "-O2", "-o", os.path.join(BUILD, "tools", tool), os.path.join(HERE, "tools", tool + ".c")])


# ---------------------------------------------------------------------------
# Measuring


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_variant(variant, name, size_args):
    """Runs one variant once; returns ((wall seconds, CPU seconds), stdout)."""
    if variant.startswith("wasmtime"):
        cwasm = os.path.join(BUILD, variant, name + ".cwasm")
        cmd = [sys.executable, os.path.abspath(__file__), "--child-run", cwasm, name, *size_args]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT)
        if res.returncode != 0:
            raise BenchError(f"{variant} run of {name} failed:\n{res.stderr}")
        report = json.loads(res.stdout)
        if report["exit"] != 0:
            raise BenchError(f"{name} under {variant} exited with {report['exit']}:\n{res.stderr}")
        return (report["seconds"], report["cpu"]), report["stdout"]
    exe = os.path.join(BUILD, variant, name)
    c0 = children_cpu()
    t0 = time.perf_counter()
    res = subprocess.run([exe, *size_args], capture_output=True, text=True, timeout=RUN_TIMEOUT)
    elapsed = time.perf_counter() - t0
    cpu = children_cpu() - c0
    if res.returncode != 0:
        raise BenchError(f"{variant} {name} exited with {res.returncode}:\n{res.stdout}{res.stderr}")
    return (elapsed, cpu), res.stdout


def measure_programs(names, variants, runs, quick):
    """Round-robin: each round runs every program once in every variant, the
    variant order rotating from round to round. Returns {name: {variant:
    [seconds]}}; every output must match the first (clang's)."""
    times = {n: {v: [] for v in variants} for n in names}
    expected = {}
    for r in range(runs):
        log(f"round {r + 1}/{runs}")
        order = variants[r % len(variants) :] + variants[: r % len(variants)]
        for name in names:
            size_args = [PROGRAMS[name]] if quick else []
            for v in order:
                secs, out = run_variant(v, name, size_args)
                if not out.strip():
                    raise BenchError(f"{v} {name} printed nothing")
                ref = expected.setdefault(name, (v, out))
                if out != ref[1]:
                    raise BenchError(
                        f"CHECKSUM MISMATCH for {name}:\n  {ref[0]}: {ref[1].strip()}\n  {v}: {out.strip()}"
                    )
                times[name][v].append(secs)
                log(f"  {name:10} {v:9} {secs[0]:8.3f}s wall {secs[1]:8.3f}s cpu  {out.strip()}")
    return times, {n: expected[n][1].strip() for n in names}


def measure_startup(have_kiln, reps, per_batch):
    """Hello-world startup: spawn to exit, alternating batches of both."""
    timer = os.path.join(BUILD, "tools", "spawn_timer")
    exes = {"native-static": os.path.join(BUILD, "hello", "native-static")}
    if have_kiln:
        exes["kiln"] = os.path.join(BUILD, "hello", "kiln")
    samples = {k: [] for k in exes}
    for _ in range(reps):
        for k, exe in exes.items():
            out = run([timer, str(per_batch), exe]).stdout
            samples[k] += [int(x) / 1e6 for x in out.split()]
    return {k: statistics.median(v) for k, v in samples.items()}


def stripped_size(path):
    with tempfile.TemporaryDirectory(prefix="kiln-bench") as tmp:
        out = os.path.join(tmp, "stripped")
        run(["strip", "-o", out, path])
        return os.path.getsize(out)


def measure_sizes(have_kiln):
    rows = []
    hellos = [("kiln (hello.wasm -> kiln build)", "kiln"), ("native static (gcc -static -O2)", "native-static")]
    for label, key in hellos:
        if key == "kiln" and not have_kiln:
            continue
        path = os.path.join(BUILD, "hello", key)
        rows.append((label, os.path.getsize(path), stripped_size(path)))
    wasm = os.path.join(BUILD, "hello", "hello.wasm")
    rows.append(("hello.wasm (input)", os.path.getsize(wasm), None))
    return rows


def time_v(cmd):
    """Runs cmd under tools/peak_rss; returns (wall seconds, max RSS KiB, stdout)."""
    timer = os.path.join(BUILD, "tools", "peak_rss")
    t0 = time.perf_counter()
    res = subprocess.run([timer, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        raise BenchError(f"command failed: {' '.join(cmd)}\n{res.stdout}{res.stderr}")
    m = re.search(r"^peak_rss_kib (\d+)$", res.stderr, re.M)
    if not m:
        raise BenchError(f"no peak RSS from tools/peak_rss:\n{res.stderr}")
    return wall, int(m.group(1)), res.stdout


def measure_compile(names, kiln, reps):
    """kiln build / kiln compile vs Wasmtime compile on the largest module."""
    largest = max(names, key=lambda n: os.path.getsize(os.path.join(BUILD, "wasm", n + ".wasm")))
    wasm = os.path.join(BUILD, "wasm", largest + ".wasm")
    me = os.path.abspath(__file__)
    rows = {}
    with tempfile.TemporaryDirectory(prefix="kiln-bench") as tmp:
        cmds = {}
        if kiln:
            cmds["kiln build (compile + link)"] = ([kiln, "build", wasm, "-o", os.path.join(tmp, "exe")], None)
            cmds["kiln compile (object only)"] = ([kiln, "compile", wasm, "-o", os.path.join(tmp, "m.o")], None)
        cmds["Wasmtime compile + serialize"] = (
            [sys.executable, me, "--child-compile", wasm, os.path.join(tmp, "m.cwasm")],
            "compile",
        )
        cmds["(Python + wasmtime loaded, no compile)"] = ([sys.executable, me, "--child-compile", wasm, "-"], None)
        samples = {k: [] for k in cmds}
        for _ in range(reps):
            for k, (cmd, inner) in cmds.items():
                wall, rss, out = time_v(cmd)
                inner_secs = json.loads(out)["seconds"] if inner else None
                samples[k].append((wall, rss, inner_secs))
        for k, s in samples.items():
            inner = [x[2] for x in s if x[2] is not None]
            rows[k] = (
                statistics.median(x[0] for x in s),
                statistics.median(x[1] for x in s),
                statistics.median(inner) if inner else None,
            )
    return largest, os.path.getsize(wasm), rows


# ---------------------------------------------------------------------------
# Report


def machine():
    model, cores = platform.processor() or "unknown CPU", os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"^Model name:\s*(.+)$", out, re.M)
        if m:
            model = m.group(1).strip()
        m = re.search(r"^CPU\(s\):\s*(\d+)$", out, re.M)
        if m:
            cores = int(m.group(1))
    except OSError:
        pass
    return f"{model}, {cores} cores, {platform.system()} {platform.release()}"


def versions(kiln):
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0].strip()
        except (OSError, IndexError):
            return "unknown"

    from importlib import metadata

    v = {
        "clang": first_line(["clang", "--version"]),
        "gcc": first_line(["gcc", "--version"]),
        "wasmtime": "wasmtime-py " + metadata.version("wasmtime"),
    }
    if kiln:
        rev = first_line(["git", "-C", REPO, "describe", "--always", "--dirty"])
        v["kiln"] = f"{first_line([kiln, '--version'])} (git {rev})"
    return v


def geomean(xs):
    xs = [x for x in xs if x is not None]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}f}"


def table_rows(names, times, metric):
    """Per-program medians and ratios for one metric (0 = wall, 1 = CPU)."""
    rows = {}
    for n in names:
        m = {v: (statistics.median(t[metric] for t in times[n][v]) if times[n].get(v) else None) for v in VARIANTS}
        m["kc"] = ratio(m["kiln"], m["clang"])
        m["kw"] = ratio(m["kiln"], m["wasmtime"])
        m["wc"] = ratio(m["wasmtime"], m["clang"])
        m["nw"] = ratio(m["kiln-native"], m["wasmtime"])
        m["nc"] = ratio(m["kiln-native"], m["clang"])
        m["skc"] = ratio(m["kiln-simd"], m["clang"])
        m["skw"] = ratio(m["kiln-simd"], m["wasmtime-simd"])
        m["swc"] = ratio(m["wasmtime-simd"], m["clang"])
        m["sk"] = ratio(m["kiln-simd"], m["kiln"])
        m["tk"] = ratio(m["kiln-timeout"], m["kiln"])
        m["fk"] = ratio(m["kiln-fuel"], m["kiln"])
        rows[n] = m
    keys = VARIANTS + ["kc", "kw", "wc", "nw", "nc", "skc", "skw", "swc", "sk", "tk", "fk"]
    means = {k: geomean([rows[n][k] for n in names]) for k in keys}
    return rows, means


def ratio(a, b):
    return a / b if a is not None and b is not None else None


def report(args, names, times, outputs, startup, sizes, compile_info, kiln, load):
    lines = []
    mode = "quick (tiny inputs, 1 run: proves the suite works, the times mean nothing)" if args.quick else "full"
    lines.append("# kiln benchmark results")
    lines.append("")
    lines.append(f"- Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")
    lines.append(f"- Machine: {machine()}")
    for k, v in versions(kiln).items():
        lines.append(f"- {k}: {v}")
    lines.append(f"- Mode: {mode}; {args.runs} round-robin run(s) per variant, medians")
    lines.append(f"- Load average (1 min) before / after: {load[0]:.2f} / {load[1]:.2f}")
    lines.append(
        "- Variants: native `clang -O2`, native `gcc -O2`, `clang --target=wasm32-wasi -O2` (memops: also "
        "`-mbulk-memory`) then `kiln build`, and the same .wasm in Wasmtime (default config, precompiled; "
        "time = instantiate + `_start`, compile and load excluded; Wasmtime compiles for this machine's CPU). "
        "kiln native: the same .wasm, `kiln build --cpu native`. Native and kiln times are spawn to exit. "
        "The second table: the same with `-msimd128` for wasm."
    )
    lines.append("")
    lines.append("## Run time (wall seconds, median)")
    lines.append("")
    lines.append("| program | clang | gcc | kiln | Wasmtime | kiln/clang | kiln/Wasmtime | Wasmtime/clang "
                 "| kiln native | kiln native/Wasmtime |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows, g = table_rows(names, times, 0)
    for n in names:
        r = rows[n]
        lines.append(
            f"| {n} | {fmt(r['clang'])} | {fmt(r['gcc'])} | {fmt(r['kiln'])} | {fmt(r['wasmtime'])} "
            f"| {fmt(r['kc'], 2)} | {fmt(r['kw'], 2)} | {fmt(r['wc'], 2)} | {fmt(r['kiln-native'])} "
            f"| {fmt(r['nw'], 2)} |"
        )
    lines.append(
        f"| **geometric mean** | {fmt(g['clang'])} | {fmt(g['gcc'])} | {fmt(g['kiln'])} | {fmt(g['wasmtime'])} "
        f"| **{fmt(g['kc'], 2)}** | **{fmt(g['kw'], 2)}** | {fmt(g['wc'], 2)} | {fmt(g['kiln-native'])} "
        f"| **{fmt(g['nw'], 2)}** |"
    )
    _, gc = table_rows(names, times, 1)
    lines.append("")
    lines.append(
        f"The same geometric means on CPU time (user + sys, less sensitive to other load on the machine): "
        f"kiln/clang {fmt(gc['kc'], 2)}, kiln/Wasmtime {fmt(gc['kw'], 2)}, Wasmtime/clang {fmt(gc['wc'], 2)}, "
        f"kiln native/Wasmtime {fmt(gc['nw'], 2)}."
    )
    lines.append("")
    lines.append("## The same with wasm SIMD (`-msimd128`)")
    lines.append("")
    lines.append(
        "The same sources built for wasm32-wasi with `-O2 -msimd128`, so that clang vectorizes loops for "
        "wasm's 128-bit SIMD as it does with SSE2 for native x86-64 (`clang -O2` above). Run side by side "
        "with the table above, in the same rounds."
    )
    lines.append("")
    lines.append("| program | clang | kiln simd | Wasmtime simd | kiln simd/clang | kiln simd/Wasmtime simd "
                 "| Wasmtime simd/clang | kiln simd/kiln |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        r = rows[n]
        lines.append(
            f"| {n} | {fmt(r['clang'])} | {fmt(r['kiln-simd'])} | {fmt(r['wasmtime-simd'])} | {fmt(r['skc'], 2)} "
            f"| {fmt(r['skw'], 2)} | {fmt(r['swc'], 2)} | {fmt(r['sk'], 2)} |"
        )
    lines.append(
        f"| **geometric mean** | {fmt(g['clang'])} | {fmt(g['kiln-simd'])} | {fmt(g['wasmtime-simd'])} "
        f"| **{fmt(g['skc'], 2)}** | **{fmt(g['skw'], 2)}** | {fmt(g['swc'], 2)} | {fmt(g['sk'], 2)} |"
    )
    lines.append("")
    lines.append(
        f"On CPU time: kiln simd/clang {fmt(gc['skc'], 2)}, kiln simd/Wasmtime simd {fmt(gc['skw'], 2)}, "
        f"Wasmtime simd/clang {fmt(gc['swc'], 2)}."
    )
    lines.append("")
    lines.append("## Limits: what `--timeout` and `--fuel` cost")
    lines.append("")
    lines.append(
        "The same .wasm built with `kiln build --timeout 1h` (interruption checks at function entries and loop "
        "headers) and with `kiln build --fuel 10^15` (fuel metering), limits never reached: the cost of the "
        "checks alone, against plain `kiln build` in the same rounds. Wall seconds, median."
    )
    lines.append("")
    lines.append("| program | kiln | kiln --timeout | kiln --fuel | timeout/kiln | fuel/kiln |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for n in names:
        r = rows[n]
        lines.append(
            f"| {n} | {fmt(r['kiln'])} | {fmt(r['kiln-timeout'])} | {fmt(r['kiln-fuel'])} "
            f"| {fmt(r['tk'], 2)} | {fmt(r['fk'], 2)} |"
        )
    lines.append(
        f"| **geometric mean** | {fmt(g['kiln'])} | {fmt(g['kiln-timeout'])} | {fmt(g['kiln-fuel'])} "
        f"| **{fmt(g['tk'], 2)}** | **{fmt(g['fk'], 2)}** |"
    )
    lines.append("")
    lines.append(f"On CPU time: timeout/kiln {fmt(gc['tk'], 2)}, fuel/kiln {fmt(gc['fk'], 2)}.")
    lines.append("")
    lines.append("Checksums (identical in every variant): " + ", ".join(f"`{outputs[n]}`" for n in names))
    lines.append("")
    lines.append("## Hello world")
    lines.append("")
    lines.append("| executable | startup (ms, median, spawn to exit) | size (bytes) | stripped (bytes) |")
    lines.append("|---|---:|---:|---:|")
    startup_key = {"kiln (hello.wasm -> kiln build)": "kiln", "native static (gcc -static -O2)": "native-static"}
    for label, size, stripped in sizes:
        st = startup.get(startup_key.get(label, ""), None)
        lines.append(f"| {label} | {fmt(st)} | {size} | {stripped if stripped is not None else '—'} |")
    if "kiln" in startup:
        lines.append("")
        lines.append(f"Startup kiln/native: **{startup['kiln'] / startup['native-static']:.2f}×**")
    lines.append("")
    largest, wasm_size, rows = compile_info
    lines.append(f"## Compile time and peak memory: `{largest}.wasm` ({wasm_size} bytes, the largest module)")
    lines.append("")
    lines.append("| compiler | wall (s, whole process) | compile only (s) | peak RSS (MiB) |")
    lines.append("|---|---:|---:|---:|")
    for k, (wall, rss, inner) in rows.items():
        lines.append(f"| {k} | {fmt(wall)} | {fmt(inner)} | {rss / 1024:.1f} |")
    lines.append("")
    lines.append(
        "The Wasmtime rows run in a Python child process: the last row is that process without compiling, "
        "so Wasmtime's own compile memory is the difference. The Python binding has no "
        "`Engine.precompile_module`; `Module(engine, wasm).serialize()` does the same compilation."
    )
    if not kiln:
        lines.append("")
        lines.append("**kiln was not measured (--no-kiln).**")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="one run of each program with a tiny input (for CI)")
    p.add_argument("--runs", type=int, default=None, help="round-robin runs per variant (default 5; 1 with --quick)")
    p.add_argument("--only", help="comma-separated programs to run (default: all)")
    p.add_argument("--kiln", help="use this kiln binary instead of building it with cargo")
    p.add_argument("--no-kiln", action="store_true", help="measure only clang, gcc and Wasmtime")
    p.add_argument("--output", help="markdown file to write (default: RESULTS.md, or build/RESULTS-quick.md)")
    p.add_argument("--child-run", nargs="+", help=argparse.SUPPRESS)
    p.add_argument("--child-compile", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child_run:
        child_run(args.child_run[0], args.child_run[1:])
        return 0
    if args.child_compile:
        child_compile(*args.child_compile)
        return 0

    if args.runs is None:
        args.runs = 1 if args.quick else 5
    names = list(PROGRAMS)
    if args.only:
        names = [n.strip() for n in args.only.split(",")]
        unknown = [n for n in names if n not in PROGRAMS]
        if unknown:
            raise BenchError(f"unknown program(s): {', '.join(unknown)}; known: {', '.join(PROGRAMS)}")
    for tool in ["clang", "gcc", "strip"]:
        if not shutil.which(tool):
            raise BenchError(f"`{tool}` not found (Debian: apt-get install -y clang lld wasi-libc gcc binutils)")
    wasmtime = ensure_wasmtime()
    kiln = kiln_binary(args)
    t_start = time.perf_counter()
    load_before = os.getloadavg()[0]
    build_all(names, kiln, wasmtime)
    variants = [v for v in VARIANTS if kiln or not v.startswith("kiln")]
    times, outputs = measure_programs(names, variants, args.runs, args.quick)
    log("measuring startup, sizes and compile time ...")
    startup = measure_startup(bool(kiln), reps=2 if args.quick else 10, per_batch=10 if args.quick else 50)
    sizes = measure_sizes(bool(kiln))
    compile_info = measure_compile(names, kiln, reps=1 if args.quick else 3)
    load = (load_before, os.getloadavg()[0])
    text = report(args, names, times, outputs, startup, sizes, compile_info, kiln, load)
    with open(os.path.join(BUILD, "times.json"), "w") as f:
        json.dump({"wall_cpu_seconds": times, "outputs": outputs}, f, indent=1)
    print(text)
    # Only a full run of the whole suite replaces the published RESULTS.md.
    partial = args.quick or args.only
    out = args.output or (os.path.join(BUILD, "RESULTS-partial.md") if partial else os.path.join(HERE, "RESULTS.md"))
    with open(out, "w") as f:
        f.write(text)
    log(f"wrote {out} ({time.perf_counter() - t_start:.0f}s)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        log(f"benchmark FAILED: {e}")
        sys.exit(1)
    except subprocess.TimeoutExpired as e:
        log(f"benchmark FAILED: timed out after {e.timeout}s: {e.cmd}")
        sys.exit(1)
