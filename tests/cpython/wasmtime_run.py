"""Runs CPython for WASI (python.wasm) under Wasmtime (the PyPI `wasmtime`
package) as kiln's test runs the executable kiln built from it: the same
arguments, environment, directories and `host.call` answer (-1). Prints the
program's stdout on stdout and exits with its status.

    python3 wasmtime_run.py PYTHON_WASM LIB_DIR ROOT_DIR ARGS...
"""

import os
import sys
import tempfile

import wasmtime as wt


def main():
    wasm, lib, root, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    config = wt.Config()
    config.wasm_exceptions = True
    config.cache = True
    engine = wt.Engine(config)
    module = wt.Module.from_file(engine, wasm)
    store = wt.Store(engine)
    with tempfile.TemporaryDirectory(prefix="kiln-cpython") as tmp:
        out = os.path.join(tmp, "stdout")
        wasi = wt.WasiConfig()
        wasi.argv = ["python"] + args
        wasi.env = [("TMPDIR", "/tmp"), ("PYTHONTZPATH", ""), ("HOME", "/tmp")]
        wasi.preopen_dir(lib, "/usr/local/lib", False)
        wasi.preopen_dir(root, "/")
        wasi.stdout_file = out
        wasi.inherit_stderr()
        store.set_wasi(wasi)
        linker = wt.Linker(engine)
        linker.define_wasi()
        ty = wt.FuncType([wt.ValType.i32()] * 4, [wt.ValType.i32()])
        linker.define_func("host", "call", ty, lambda *_: -1)
        exports = linker.instantiate(store, module).exports(store)
        exports["_initialize"](store)
        try:
            status = exports["run"](store)
        except wt.ExitTrap as e:
            status = e.code
        del exports, store
        with open(out, "rb") as f:
            sys.stdout.buffer.write(f.read())
    sys.stdout.flush()
    sys.exit(status)


if __name__ == "__main__":
    main()
