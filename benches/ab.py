#!/usr/bin/env python3
"""A/B comparison of two kiln binaries on the benchmark programs.

Data flow: the .wasm files that run.py built (benches/build/wasm) are
compiled by both kiln binaries (`kiln build`) into build/ab/{a,b}/; then
every program runs alternately under A, B and native clang (the order
rotating per round), each output is checked against clang's, and the
median wall and CPU (user + sys) times and the ratios B/A and X/clang are
printed as a markdown table. Used for each speed change's before/after
ratio: both sides run in the same session, interleaved, so machine load
hits both alike.

    benches/ab.py --a /path/kiln-before --b target/release/kiln --runs 7 [--only fib,calls]

With --icount, each program instead runs once per side under valgrind's
callgrind, with a smaller input (ICOUNT_SIZES), and the table gives
instructions executed: the same for the same binary and input whatever
else the machine is doing, so a change of a few percent shows where
timings on a shared machine cannot (see README.md#noise). Fewer
instructions is not always less time; confirm a real change with timings.

    benches/ab.py --a /path/kiln-before --b target/release/kiln --icount

--a-flags/--b-flags add `kiln build` flags to one side, e.g. the cost of
the checks `--timeout` and `--fuel` compile in:

    benches/ab.py --a target/release/kiln --b target/release/kiln --b-flags=--interruptible
"""

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
sys.path.insert(0, HERE)
from run import PROGRAMS  # noqa: E402


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_once(exe, args):
    c0, t0 = children_cpu(), time.perf_counter()
    res = subprocess.run([exe, *args], capture_output=True, text=True, timeout=300)
    wall, cpu = time.perf_counter() - t0, children_cpu() - c0
    if res.returncode != 0:
        sys.exit(f"{exe} exited with {res.returncode}:\n{res.stdout}{res.stderr}")
    return wall, cpu, res.stdout


# name -> input for --icount: about 1/50 of the full run's work, so that
# callgrind (some 50x slower) takes seconds per program.
ICOUNT_SIZES = {
    "matmul": "170",
    "nbody": "5000",
    "sha256": "4",
    "crc32": "3",
    "sieve": "4",
    "fib": "28",
    "interp": "30000",
    "json": "2",
    "qsort": "80000",
    "hashtable": "400000",
    "linked": "5000",
    "calls": "2000000",
    "memops": "16",
}


def icount(exe, args):
    """Instructions `exe args` executes, and its stdout, under callgrind."""
    res = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", exe, *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if res.returncode != 0:
        sys.exit(f"valgrind {exe} exited with {res.returncode}:\n{res.stdout}{res.stderr[-3000:]}")
    refs = [line for line in res.stderr.splitlines() if "I   refs:" in line or "I refs:" in line]
    if not refs:
        sys.exit(f"no instruction count from valgrind for {exe}:\n{res.stderr[-3000:]}")
    return int(refs[-1].split(":")[1].replace(",", "").strip()), res.stdout


def icount_table(names, exes):
    print("| program | input | A instructions | B instructions | B/A |")
    print("|---|---:|---:|---:|---:|")
    ratios = []
    for n in names:
        size = [ICOUNT_SIZES[n]]
        (a, out_a), (b, out_b) = icount(exes[("a", n)], size), icount(exes[("b", n)], size)
        if out_a != out_b:
            sys.exit(f"CHECKSUM MISMATCH for {n}: {out_a!r} vs {out_b!r}")
        ratios.append(b / a)
        print(f"| {n} | {size[0]} | {a:,} | {b:,} | {b / a:.4f} |", flush=True)
    print(f"| **geomean** | | | | **{geomean(ratios):.4f}** |")
    return 0


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--a", required=True, help="the baseline kiln binary")
    p.add_argument("--b", required=True, help="the changed kiln binary")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--only", help="comma-separated programs (default: all)")
    p.add_argument("--quick", action="store_true", help="tiny inputs (a smoke test, times mean nothing)")
    p.add_argument("--icount", action="store_true", help="count instructions under callgrind instead of timing")
    p.add_argument("--simd", action="store_true", help="the modules built with -msimd128 (build/wasm-simd)")
    p.add_argument("--a-flags", default="", help="extra `kiln build` flags for A (space-separated)")
    p.add_argument("--b-flags", default="", help="extra `kiln build` flags for B, e.g. '--interruptible'")
    args = p.parse_args()
    names = args.only.split(",") if args.only else list(PROGRAMS)
    exes = {}
    for side, kiln, flags in [("a", args.a, args.a_flags), ("b", args.b, args.b_flags)]:
        os.makedirs(os.path.join(BUILD, "ab", side), exist_ok=True)
        for n in names:
            wasm = os.path.join(BUILD, "wasm-simd" if args.simd else "wasm", n + ".wasm")
            if not os.path.exists(wasm):
                sys.exit(f"{wasm} is missing: run benches/run.py first")
            out = os.path.join(BUILD, "ab", side, n)
            subprocess.run([kiln, "build", *flags.split(), wasm, "-o", out], check=True)
            exes[(side, n)] = out
    if args.icount:
        return icount_table(names, exes)
    for n in names:
        exes[("clang", n)] = os.path.join(BUILD, "clang", n)
    sides = ["a", "b", "clang"]
    samples = {k: [] for k in exes}
    for r in range(args.runs):
        print(f"round {r + 1}/{args.runs} (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
        order = sides[r % 3 :] + sides[: r % 3]
        for n in names:
            size = [PROGRAMS[n]] if args.quick else []
            outs = {}
            for side in order:
                wall, cpu, out = run_once(exes[(side, n)], size)
                outs[side] = out
                samples[(side, n)].append((wall, cpu))
            if len(set(outs.values())) != 1:
                sys.exit(f"CHECKSUM MISMATCH for {n}: {outs}")
    print("| program | A cpu | B cpu | clang cpu | B/A cpu | B/A wall | A/clang | B/clang |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ratios = {"ba": [], "baw": [], "ac": [], "bc": []}
    for n in names:
        med = {s: [statistics.median(x[i] for x in samples[(s, n)]) for i in (0, 1)] for s in sides}
        ba, baw = med["b"][1] / med["a"][1], med["b"][0] / med["a"][0]
        ac, bc = med["a"][1] / med["clang"][1], med["b"][1] / med["clang"][1]
        for k, v in zip(ratios, (ba, baw, ac, bc)):
            ratios[k].append(v)
        print(
            f"| {n} | {med['a'][1]:.3f} | {med['b'][1]:.3f} | {med['clang'][1]:.3f} "
            f"| {ba:.3f} | {baw:.3f} | {ac:.2f} | {bc:.2f} |"
        )
    g = {k: geomean(v) for k, v in ratios.items()}
    print(
        f"| **geomean** | | | | **{g['ba']:.3f}** | {g['baw']:.3f} | {g['ac']:.2f} | {g['bc']:.2f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
