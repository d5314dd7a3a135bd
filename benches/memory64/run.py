#!/usr/bin/env python3
"""What the bounds checks of 64-bit memories cost, kiln against Wasmtime.

kernels.c holds six loop-heavy kernels over arrays (a sieve, a double matrix
multiply, CRC-32, heapsort, a hash table, a stencil). It is built twice with
clang (default clang-22, freestanding: there is no wasm64 libc): for wasm32,
whose 32-bit memory kiln guards with reserved address space and no checks,
and for wasm64, whose every access kiln checks against the memory's length.
Each kernel becomes an executable (`kiln build --entry bench_NAME`, the
checksum as exit status) per width, and runs under Wasmtime (Python API,
memory64 on, compile time excluded) per width; every variant must give its
kernel's checksum (`kiln run --invoke` checks the full 32 bits once). The
variants run round-robin and the medians, with 64/32 ratios and their
geometric means, go into a table (stdout and RESULTS.md beside this file).

    benches/memory64/run.py [--runs N] [--kiln PATH] [--clang PATH] [--no-wasmtime]
"""

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCE = os.path.join(HERE, "kernels.c")
BUILD = os.path.join(REPO, "benches", "build", "memory64")
KERNELS = ["sieve", "matmul", "crc32", "heapsort", "hashtable", "stencil"]
WIDTHS = ["32", "64"]


def engine(wasmtime):
    config = wasmtime.Config()
    config.wasm_memory64 = True
    return wasmtime.Engine(config)


def child(cwasm, entry):
    """Runs one export of a precompiled module; prints JSON {wall, cpu, result}."""
    import wasmtime

    eng = engine(wasmtime)
    module = wasmtime.Module.deserialize_file(eng, cwasm)
    store = wasmtime.Store(eng)
    instance = wasmtime.Instance(store, module, [])
    t0, c0 = time.perf_counter(), time.process_time()
    result = instance.exports(store)[entry](store)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"wall": wall, "cpu": cpu, "result": result & 0xFFFFFFFF}))


def run(cmd, check=True):
    res = subprocess.run(cmd, capture_output=True, text=True)
    if check and res.returncode != 0:
        sys.exit(f"command failed ({res.returncode}): {' '.join(cmd)}\n{res.stdout}{res.stderr}")
    return res


def build(clang, kiln, wasmtime):
    """Builds both .wasm files, the executables and (with Wasmtime) the .cwasm
    files; returns each kernel's checksum."""
    os.makedirs(BUILD, exist_ok=True)
    exports = [f"-Wl,--export=bench_{k}" for k in KERNELS]
    checksums = {}
    for width in WIDTHS:
        wasm = os.path.join(BUILD, f"kernels{width}.wasm")
        target = f"--target=wasm{width}-unknown-unknown"
        run([clang, target, "-O2", "-nostdlib", "-Wl,--no-entry", *exports, SOURCE, "-o", wasm])
        for k in KERNELS:
            run([kiln, "build", "--entry", f"bench_{k}", wasm, "-o", os.path.join(BUILD, f"{k}{width}")])
            result = int(run([kiln, "run", "--no-cache", "--invoke", f"bench_{k}", wasm]).stdout.split()[0])
            if checksums.setdefault(k, result & 0xFFFFFFFF) != result & 0xFFFFFFFF:
                sys.exit(f"{k}: wasm{width} computes {result & 0xFFFFFFFF:#x}, wasm32 {checksums[k]:#x}")
        if wasmtime:
            with open(wasm, "rb") as f:
                data = wasmtime.Module(engine(wasmtime), f.read()).serialize()
            with open(os.path.join(BUILD, f"kernels{width}.cwasm"), "wb") as f:
                f.write(data)
    return checksums


def time_variant(variant):
    """(wall seconds, CPU seconds, result) of one run of `variant` =
    (engine, kernel, width): an executable's exit status, or the 32-bit
    result of the export under Wasmtime."""
    eng, kernel, width = variant
    if eng == "kiln":
        t0 = time.perf_counter()
        proc = subprocess.Popen([os.path.join(BUILD, f"{kernel}{width}")])
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, proc.returncode
    cwasm = os.path.join(BUILD, f"kernels{width}.cwasm")
    report = json.loads(run([sys.executable, __file__, "--child", cwasm, f"bench_{kernel}"]).stdout)
    return report["wall"], report["cpu"], report["result"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kiln", help="the kiln binary [default: cargo build --release -p kiln-cli]")
    parser.add_argument("--clang", default="clang-22", help="a clang with the wasm32 and wasm64 targets")
    parser.add_argument("--no-wasmtime", action="store_true", help="kiln only")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    wasmtime = None
    if not args.no_wasmtime:
        import wasmtime

    kiln = args.kiln
    if not kiln:
        run(["cargo", "build", "--release", "-p", "kiln-cli"])
        kiln = os.path.join(REPO, "target", "release", "kiln")
    checksums = build(args.clang, kiln, wasmtime)

    engines = ["kiln"] + ([] if args.no_wasmtime else ["wasmtime"])
    variants = [(e, k, w) for e in engines for k in KERNELS for w in WIDTHS]
    times = {v: [] for v in variants}
    cpu = {v: [] for v in variants}
    for r in range(args.runs):
        print(f"round {r + 1}/{args.runs}", file=sys.stderr, flush=True)
        for v in variants[r % len(variants):] + variants[: r % len(variants)]:
            wall, cpu_seconds, result = time_variant(v)
            # An executable's exit status is the low byte of the checksum.
            want = checksums[v[1]] & (0xFF if v[0] == "kiln" else 0xFFFFFFFF)
            if result != want:
                sys.exit(f"{v} returned {result:#x}, expected {want:#x}")
            times[v].append(wall)
            cpu[v].append(cpu_seconds)

    med = {v: statistics.median(t) for v, t in times.items()}
    med_cpu = {v: statistics.median(t) for v, t in cpu.items()}
    names = {"kiln": "kiln", "wasmtime": "Wasmtime"}
    header, rule = "| kernel |", "|---|"
    for e in engines:
        header += f" {names[e]} wasm32 | {names[e]} wasm64 | {names[e]} 64/32 | {names[e]} 64/32 CPU |"
        rule += "---:|---:|---:|---:|"
    lines = [
        f"# 64-bit memory bounds checks ({datetime.date.today()}, {platform.machine()}, "
        f"medians of {args.runs} interleaved runs)",
        "",
        f"The kernels of `kernels.c`, built with `{args.clang} -O2 -nostdlib` for wasm32 and for wasm64; wall",
        "seconds, and the 64/32 ratio of the medians of wall and of CPU (user + system) time.",
        "",
        header,
        rule,
    ]
    ratios = {(e, m): [] for e in engines for m in ("wall", "cpu")}
    for k in KERNELS:
        row = f"| {k} |"
        for e in engines:
            a, b = med[(e, k, "32")], med[(e, k, "64")]
            ca, cb = med_cpu[(e, k, "32")], med_cpu[(e, k, "64")]
            ratios[(e, "wall")].append(b / a)
            ratios[(e, "cpu")].append(cb / ca)
            row += f" {a:.3f} | {b:.3f} | {b / a:.2f} | {cb / ca:.2f} |"
        lines.append(row)

    def geomean(xs):
        return math.exp(statistics.mean(math.log(x) for x in xs))

    geo = "| **geometric mean** |"
    for e in engines:
        geo += f" | | **{geomean(ratios[(e, 'wall')]):.2f}** | **{geomean(ratios[(e, 'cpu')]):.2f}** |"
    lines.append(geo)
    table = "\n".join(lines) + "\n"
    print(table)
    with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
        f.write(table)


if __name__ == "__main__":
    main()
