#!/usr/bin/env bash
# Runs kiln's whole test suite: installs the tools the tests need (Debian
# packages, only those missing), then `cargo test --workspace --release`.
# Extra arguments go to cargo test, e.g. `scripts/test.sh -p kiln-cli --test traps`.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang + wasi-libc + compiler-rt build the C corpus for wasm32-wasi; lld is
# kiln's preferred linker; gcc builds the native reference programs and the C host.
# gdb, lldb and llvm (llvm-dwarfdump) check the debug info.
packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc gdb llvm lldb)
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

cargo test --workspace --release "$@"
