#!/usr/bin/env python3
"""What exception handlers cost when nothing throws, kiln against Wasmtime.

handlers.wat runs the same loop of calls four ways (entry points `plain`,
`outer`: one try_table around the loop, `inner`: a catch_all_ref/throw_ref
cleanup around each call, as clang emits for a C++ destructor, `calm`: as
`outer` with a callee that cannot throw, so kiln calls it plainly, against
`plain_calm`, the plain loop around that callee). Each is built
with `kiln build --entry NAME` and run by Wasmtime (Python API, exceptions on,
compile time excluded); the six variants run round-robin and the medians go
into a table (stdout and RESULTS.md beside this file).

    benches/handlers/run.py [--runs N] [--kiln PATH]
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WAT = os.path.join(HERE, "handlers.wat")
BUILD = os.path.join(REPO, "benches", "build", "handlers")
# entry -> the entry it is compared with
ENTRIES = {"plain": "plain", "outer": "plain", "inner": "plain", "plain_calm": "plain_calm", "calm": "plain_calm"}


def engine(wasmtime):
    config = wasmtime.Config()
    config.wasm_exceptions = True
    return wasmtime.Engine(config)


def child(cwasm, entry):
    """Runs one entry of the precompiled module; prints JSON {seconds, stdout}."""
    import wasmtime

    eng = engine(wasmtime)
    module = wasmtime.Module.deserialize_file(eng, cwasm)
    linker = wasmtime.Linker(eng)
    linker.define_wasi()
    store = wasmtime.Store(eng)
    with tempfile.TemporaryDirectory(prefix="kiln-handlers") as tmp:
        out = os.path.join(tmp, "stdout")
        wasi = wasmtime.WasiConfig()
        wasi.stdout_file = out
        store.set_wasi(wasi)
        t0 = time.perf_counter()
        linker.instantiate(store, module).exports(store)[entry](store)
        seconds = time.perf_counter() - t0
        with open(out) as f:
            print(json.dumps({"seconds": seconds, "stdout": f.read()}))


def run(cmd):
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"command failed ({res.returncode}): {' '.join(cmd)}\n{res.stdout}{res.stderr}")
    return res


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kiln", help="the kiln binary [default: cargo build --release -p kiln-cli]")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    import wasmtime

    kiln = args.kiln
    if not kiln:
        run(["cargo", "build", "--release", "-p", "kiln-cli"])
        kiln = os.path.join(REPO, "target", "release", "kiln")
    os.makedirs(BUILD, exist_ok=True)
    for entry in ENTRIES:
        run([kiln, "build", "--entry", entry, WAT, "-o", os.path.join(BUILD, entry)])
    cwasm = os.path.join(BUILD, "handlers.cwasm")
    with open(WAT) as f:
        data = wasmtime.Module(engine(wasmtime), f.read()).serialize()
    with open(cwasm, "wb") as f:
        f.write(data)

    variants = [("kiln", e) for e in ENTRIES] + [("wasmtime", e) for e in ENTRIES]
    times = {v: [] for v in variants}
    expected = None
    for r in range(args.runs):
        print(f"round {r + 1}/{args.runs}", file=sys.stderr, flush=True)
        for v in variants[r % len(variants):] + variants[: r % len(variants)]:
            if v[0] == "kiln":
                t0 = time.perf_counter()
                out = run([os.path.join(BUILD, v[1])]).stdout
                seconds = time.perf_counter() - t0
            else:
                report = json.loads(run([sys.executable, __file__, "--child", cwasm, v[1]]).stdout)
                seconds, out = report["seconds"], report["stdout"]
            if expected is None:
                expected = out
            if out != expected:
                sys.exit(f"{v} printed {out!r}, expected {expected!r}")
            times[v].append(seconds)

    med = {v: statistics.median(t) for v, t in times.items()}
    lines = [
        f"# Exception handlers when nothing throws ({datetime.date.today()}, {platform.machine()}, "
        f"medians of {args.runs} interleaved runs, wall seconds)",
        "",
        "| entry | against | kiln | kiln/against | Wasmtime | Wasmtime/against | kiln/Wasmtime |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for e, base in ENTRIES.items():
        k, w = med[("kiln", e)], med[("wasmtime", e)]
        kb, wb = med[("kiln", base)], med[("wasmtime", base)]
        lines.append(f"| {e} | {base} | {k:.3f} | {k / kb:.2f} | {w:.3f} | {w / wb:.2f} | {k / w:.2f} |")
    table = "\n".join(lines) + "\n"
    print(table)
    with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
        f.write(table)


if __name__ == "__main__":
    main()
