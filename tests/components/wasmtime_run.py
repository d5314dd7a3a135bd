"""Runs a WASI 0.2 command component under Wasmtime (the PyPI `wasmtime`
package) the way kiln's tests run it under kiln: the same grants, in kiln
run's syntax, and arguments. Inherits stdio and exits with the program's
status (1 when `run` returns an error, 134 after a trap, as `wasmtime run`
does).

    python3 wasmtime_run.py [--dir HOST[::GUEST][:ro]] [--env K=V] COMPONENT ARGS...
"""

import sys

import wasmtime as wt
import wasmtime.component as wc


def main():
    argv = sys.argv[1:]
    dirs, env = [], []
    while argv and argv[0] in ("--dir", "--env"):
        flag, value, argv = argv[0], argv[1], argv[2:]
        if flag == "--env":
            k, _, v = value.partition("=")
            env.append((k, v))
        else:
            readonly = value.endswith(":ro")
            value = value[:-3] if readonly else value
            host, _, guest = value.partition("::")
            dirs.append((host, guest or host, readonly))
    path, args = argv[0], argv[1:]
    engine = wt.Engine()
    component = wc.Component.from_file(engine, path)
    store = wt.Store(engine)
    wasi = wt.WasiConfig()
    wasi.argv = [path] + args
    wasi.env = env
    for host, guest, readonly in dirs:
        wasi.preopen_dir(host, guest, not readonly)
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    store.set_wasi(wasi)
    linker = wc.Linker(engine)
    linker.add_wasip2()
    instance = linker.instantiate(store, component)
    run_iface = next(n for n in exports(instance, store) if n.startswith("wasi:cli/run@0.2"))
    func = instance.get_func(store, instance.get_export_index(store, "run", instance.get_export_index(store, run_iface)))
    sys.stdout.flush()
    try:
        result = func(store)
    except wt.ExitTrap as e:
        sys.exit(e.code)
    except wt.WasmtimeError as e:
        # A trap: report it and exit as `wasmtime run` (and kiln) do.
        print(e, file=sys.stderr)
        sys.exit(134)
    # `result` lifts as a variant: `ok` or `err`.
    sys.exit(0 if getattr(result, "tag", "ok") == "ok" else 1)


def exports(instance, store):
    for version in range(0, 20):
        name = "wasi:cli/run@0.2.%d" % version
        if instance.get_export_index(store, name) is not None:
            yield name


main()
