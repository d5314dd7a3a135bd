//! The C compilers the tests use: clang for wasm32-wasi (with Debian's
//! wasi-libc, found by clang without flags; `WASI_SYSROOT` overrides) and the
//! native gcc, for reference runs and C hosts.

use crate::run::run;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const COMPILE_TIMEOUT: Duration = Duration::from_secs(120);

const INSTALL_HINT: &str = "run scripts/test.sh, which installs clang, lld, wasi-libc and libclang-rt-14-dev-wasm32";

fn clang_command() -> Command {
    let mut cmd = Command::new("clang");
    cmd.arg("--target=wasm32-wasi");
    if let Some(sysroot) = std::env::var_os("WASI_SYSROOT") {
        let mut arg = std::ffi::OsString::from("--sysroot=");
        arg.push(sysroot);
        cmd.arg(arg);
    }
    cmd
}

/// Checks once that clang can build a WASI program.
fn check_wasi_clang() -> Result<()> {
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    let probe = PROBE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kiln-clang-probe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let src = dir.join("probe.c");
        std::fs::write(&src, "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n")
            .map_err(|e| e.to_string())?;
        let result = run(clang_command().arg("-O2").arg(&src).arg("-o").arg(dir.join("probe.wasm")), COMPILE_TIMEOUT)
            .and_then(|o| o.success("clang --target=wasm32-wasi"))
            .map(|_| ())
            .map_err(|e| format!("{e:#}"));
        // The probe directory is scratch space; failing to remove it is harmless.
        std::fs::remove_dir_all(&dir).ok();
        result
    });
    match probe {
        Ok(()) => Ok(()),
        Err(e) => bail!("clang cannot build wasm32-wasi programs ({INSTALL_HINT}):\n{e}"),
    }
}

/// `clang --target=wasm32-wasi -O2 src -o out`.
pub fn compile_wasm(src: &Path, out: &Path, extra: &[&str]) -> Result<()> {
    check_wasi_clang()?;
    let mut cmd = clang_command();
    cmd.arg("-O2").args(extra).arg(src).arg("-o").arg(out);
    run(&mut cmd, COMPILE_TIMEOUT)?.success(&format!("clang --target=wasm32-wasi {}", src.display()))?;
    Ok(())
}

/// `gcc -O2 args...`: builds a native program (reference runs, C hosts).
pub fn gcc(args: &[&std::ffi::OsStr]) -> Result<()> {
    let mut cmd = Command::new("gcc");
    cmd.arg("-O2").args(args);
    let out =
        run(&mut cmd, COMPILE_TIMEOUT).with_context(|| format!("gcc is needed for the tests ({INSTALL_HINT})"))?;
    out.success("gcc")?;
    Ok(())
}

const MODERN_CLANG: &str = "clang-22";
const MODERN_INSTALL_HINT: &str =
    "run scripts/test.sh, which installs clang-22, lld-22 and libclang-rt-22-dev-wasm32 (Debian's current LLVM)";

/// `clang-22 --target=wasm32-wasi -O2 args...` with Debian's wasi-libc: the
/// LLVM that emits today's defaults and WebAssembly exceptions (`-fwasm-
/// exceptions`, `-mllvm -wasm-enable-sjlj`). `args` name the sources,
/// flags and output.
pub fn modern_clang(args: &[&std::ffi::OsStr]) -> Result<()> {
    let mut cmd = Command::new(MODERN_CLANG);
    // `wasm32-wasi` (deprecated, hence the warning flag) finds Debian's
    // wasi-libc, which is installed for that triple.
    cmd.args(["--target=wasm32-wasi", "-Wno-deprecated", "-O2"]).args(args);
    if let Some(sysroot) = std::env::var_os("WASI_SYSROOT") {
        let mut arg = std::ffi::OsString::from("--sysroot=");
        arg.push(sysroot);
        cmd.arg(arg);
    }
    let out =
        run(&mut cmd, COMPILE_TIMEOUT).with_context(|| format!("{MODERN_CLANG} is needed ({MODERN_INSTALL_HINT})"))?;
    out.success(MODERN_CLANG).with_context(|| MODERN_INSTALL_HINT.to_string())?;
    Ok(())
}

/// Builds C program `src` whose setjmp/longjmp LLVM lowers to WebAssembly
/// exceptions (`-mllvm -wasm-enable-sjlj`), with the setjmp runtime `rt`,
/// into `<dir>/<stem>-<encoding>.wasm`: `legacy` selects the legacy
/// encoding (`try`/`catch`), else `try_table`/`exnref`.
pub fn sjlj_program(src: &Path, rt: &Path, dir: &Path, legacy: bool) -> Result<std::path::PathBuf> {
    use std::ffi::OsStr;
    let encoding = if legacy { "legacy" } else { "exnref" };
    let stem = src.file_stem().context("source without a name")?.to_string_lossy().into_owned();
    let rt_obj = dir.join(format!("{stem}-rt-{encoding}.o"));
    let wasm = dir.join(format!("{stem}-{encoding}.wasm"));
    let legacy_eh = format!("-wasm-use-legacy-eh={legacy}");
    let flags =
        [OsStr::new("-mexception-handling"), OsStr::new("-mllvm"), OsStr::new(&legacy_eh), OsStr::new("-mllvm")];
    let mut args = flags.to_vec();
    args.extend([
        OsStr::new("-wasm-enable-eh"),
        OsStr::new("-c"),
        rt.as_os_str(),
        OsStr::new("-o"),
        rt_obj.as_os_str(),
    ]);
    modern_clang(&args)?;
    let mut args = flags.to_vec();
    args.extend([
        OsStr::new("-wasm-enable-sjlj"),
        src.as_os_str(),
        rt_obj.as_os_str(),
        OsStr::new("-o"),
        wasm.as_os_str(),
    ]);
    modern_clang(&args)?;
    Ok(wasm)
}
