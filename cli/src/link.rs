//! Finding a linker and linking a compiled object with the runtime archive
//! into a static executable.
//!
//! Discovery order: `$KILN_LINKER`, `ld.lld` on `PATH`, the `rust-lld` that
//! ships with a Rust toolchain (found through `rustc --print sysroot`), then
//! `cc`. The first that exists is used.
//!
//! The link line is the module's object, then the native objects and
//! archives of `kiln build --link` (so they may call the runtime's C API),
//! then the runtime archive; `--defsym` aliases bind import symbols to the
//! plain C names host code defined (see `crate::imports`).

use anyhow::{bail, Context, Result};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a linker takes its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// A GNU-`ld`-compatible linker driven directly (`ld.lld`, `ld`).
    Ld,
    /// `rust-lld`, which needs `-flavor gnu` first.
    RustLld,
    /// A C compiler driver (`cc`, `gcc`, `clang`): options go through `-Wl,`.
    Cc,
}

/// A linker to run.
#[derive(Debug, Clone)]
pub struct Linker {
    pub program: PathBuf,
    pub flavor: Flavor,
    /// Where it was found, for messages.
    pub origin: &'static str,
}

impl Flavor {
    /// Guesses the flavor of a linker from its file name.
    pub fn from_program(program: &Path) -> Flavor {
        let name = program.file_name().and_then(OsStr::to_str).unwrap_or("");
        if name.starts_with("rust-lld") {
            Flavor::RustLld
        } else if name.ends_with("cc") || name.contains("gcc") || name.contains("clang") {
            Flavor::Cc
        } else {
            Flavor::Ld
        }
    }
}

/// Finds a linker; `cross` is true when the output is for another machine,
/// where a host C compiler driver would be the wrong tool.
pub fn find(cross: bool) -> Result<Linker> {
    if let Some(program) = std::env::var_os("KILN_LINKER").filter(|v| !v.is_empty()) {
        let program = PathBuf::from(program);
        let program = if program.components().count() > 1 {
            program
        } else {
            search_path(program.as_os_str())
                .with_context(|| format!("KILN_LINKER is `{}`, which is not on PATH", program.display()))?
        };
        let flavor = Flavor::from_program(&program);
        return Ok(Linker { program, flavor, origin: "$KILN_LINKER" });
    }
    if let Some(program) = search_path(OsStr::new("ld.lld")) {
        return Ok(Linker { program, flavor: Flavor::Ld, origin: "PATH" });
    }
    if let Some(program) = rust_lld() {
        let flavor = Flavor::from_program(&program);
        return Ok(Linker { program, flavor, origin: "the Rust toolchain" });
    }
    if !cross {
        if let Some(program) = search_path(OsStr::new("cc")) {
            return Ok(Linker { program, flavor: Flavor::Cc, origin: "PATH" });
        }
    }
    bail!(
        "no linker found: install LLVM's lld (Debian/Ubuntu: `apt-get install lld`, which provides ld.lld){}, \
         or set KILN_LINKER to a GNU-compatible linker",
        if cross { "" } else { " or a C compiler (`cc`)" }
    )
}

/// The linker options for `target` (`link.args` in its `targets/` entry), or
/// why kiln cannot link executables for it.
pub fn target_args(target: &kiln_compiler::target::Target) -> Result<&'static [String]> {
    let triple = &target.triple;
    let Some(spec) = target.spec() else {
        bail!("kiln has no target entry for `{triple}`, so it cannot link executables for it (see `kiln targets`)");
    };
    if !spec.link.executables {
        let why = spec.link.why_not.as_deref().unwrap_or("");
        bail!(
            "linking executables for `{triple}` is not supported: {why}. `kiln compile --target {triple}` writes \
             the {} object (see `kiln targets`)",
            spec.object_format.name()
        );
    }
    Ok(&spec.link.args)
}

/// An executable named `name` in a `PATH` directory.
fn search_path(name: &OsStr) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `rust-lld` (or its `gcc-ld/ld.lld` wrapper) from the sysroot of the
/// `rustc` on `PATH`.
fn rust_lld() -> Option<PathBuf> {
    let out = Command::new("rustc").args(["--print", "sysroot"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let bin = sysroot.join("lib/rustlib").join(crate::runtime::HOST_TRIPLE).join("bin");
    [bin.join("rust-lld"), bin.join("gcc-ld/ld.lld")].into_iter().find(|p| is_executable(p))
}

/// Native code linked in with the module: `--link` files, and aliases
/// (`--defsym=symbol=target`) from import symbols to host functions.
#[derive(Debug, Default, Clone, Copy)]
pub struct Extra<'a> {
    pub files: &'a [PathBuf],
    pub aliases: &'a [crate::imports::Alias],
}

impl Linker {
    /// The full command linking `object`, `extra` and `archive` into `output`,
    /// with the target's linker options `target_args` (GNU-ld syntax, from
    /// `targets/`).
    pub fn command(
        &self,
        target_args: &[String],
        object: &Path,
        archive: &Path,
        output: &Path,
        extra: Extra<'_>,
    ) -> Command {
        let mut cmd = Command::new(&self.program);
        let entry = kiln_abi::symbols::ENTRY;
        let args: Vec<OsString> = match self.flavor {
            Flavor::Ld | Flavor::RustLld => {
                let mut a: Vec<OsString> = Vec::new();
                if self.flavor == Flavor::RustLld {
                    a.extend(["-flavor".into(), "gnu".into()]);
                }
                a.extend(target_args.iter().map(OsString::from));
                a.extend(["-e", entry].map(OsString::from));
                a.extend(extra.aliases.iter().map(|al| format!("--defsym={}={}", al.symbol, al.target).into()));
                a.extend(["-o".into(), output.into(), object.into()]);
                a.extend(extra.files.iter().map(|f| f.into()));
                a.push(archive.into());
                a
            }
            Flavor::Cc => {
                let mut a: Vec<OsString> =
                    ["-static", "-no-pie", "-nostdlib", "-nostartfiles"].into_iter().map(OsString::from).collect();
                a.extend(target_args.iter().map(|arg| OsString::from(format!("-Wl,{arg}"))));
                a.push(format!("-Wl,-e,{entry}").into());
                a.extend(extra.aliases.iter().map(|al| format!("-Wl,--defsym={}={}", al.symbol, al.target).into()));
                a.extend(["-o".into(), output.into(), object.into()]);
                a.extend(extra.files.iter().map(|f| f.into()));
                a.push(archive.into());
                a
            }
        };
        cmd.args(args);
        cmd
    }

    /// Links `object`, `extra` and `archive` into the static executable `output`.
    pub fn link(
        &self,
        target_args: &[String],
        object: &Path,
        archive: &Path,
        output: &Path,
        extra: Extra<'_>,
    ) -> Result<()> {
        let mut cmd = self.command(target_args, object, archive, output, extra);
        let shown = show(&cmd);
        let out = cmd
            .output()
            .with_context(|| format!("cannot run the linker `{}` (from {})", self.program.display(), self.origin))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            // Host code failing to link usually wants libc.
            let hint = if extra.files.is_empty() {
                ""
            } else {
                "\nnote: --link objects are linked without a C library: only the runtime's C API and memcpy, \
                 memmove, memset, memcmp and strlen are there (compile host code with -ffreestanding \
                 -fno-stack-protector)"
            };
            bail!(
                "linking failed: `{shown}` {} (linker from {}):\n{}{}{hint}",
                out.status,
                self.origin,
                stderr.trim_end(),
                if stdout.trim().is_empty() { String::new() } else { format!("\n{}", stdout.trim_end()) }
            );
        }
        Ok(())
    }
}

/// A command line as text, for messages.
fn show(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Linux targets' options (`link.args` in `targets/*-linux-gnu.toml`).
    fn linux_args() -> Vec<String> {
        ["-static", "--gc-sections", "-z", "noexecstack"].map(String::from).to_vec()
    }

    #[test]
    fn flavor_follows_the_program_name() {
        assert_eq!(Flavor::from_program(Path::new("/usr/bin/ld.lld")), Flavor::Ld);
        assert_eq!(Flavor::from_program(Path::new("ld")), Flavor::Ld);
        assert_eq!(Flavor::from_program(Path::new("/x/bin/rust-lld")), Flavor::RustLld);
        assert_eq!(Flavor::from_program(Path::new("cc")), Flavor::Cc);
        assert_eq!(Flavor::from_program(Path::new("x86_64-linux-gnu-gcc")), Flavor::Cc);
        assert_eq!(Flavor::from_program(Path::new("clang-14")), Flavor::Cc);
    }

    #[test]
    fn link_lines_are_static_with_the_kiln_entry() {
        let lld = Linker { program: "ld.lld".into(), flavor: Flavor::Ld, origin: "test" };
        let line =
            show(&lld.command(&linux_args(), Path::new("a.o"), Path::new("rt.a"), Path::new("app"), Extra::default()));
        assert_eq!(line, "ld.lld -static --gc-sections -z noexecstack -e kiln_entry -o app a.o rt.a");
        let rust_lld = Linker { program: "rust-lld".into(), flavor: Flavor::RustLld, origin: "test" };
        let line = show(&rust_lld.command(
            &linux_args(),
            Path::new("a.o"),
            Path::new("rt.a"),
            Path::new("app"),
            Extra::default(),
        ));
        assert!(line.starts_with("rust-lld -flavor gnu -static --gc-sections -z noexecstack -e kiln_entry"), "{line}");
        let cc = Linker { program: "cc".into(), flavor: Flavor::Cc, origin: "test" };
        let line =
            show(&cc.command(&linux_args(), Path::new("a.o"), Path::new("rt.a"), Path::new("app"), Extra::default()));
        assert_eq!(
            line,
            "cc -static -no-pie -nostdlib -nostartfiles -Wl,-static -Wl,--gc-sections -Wl,-z -Wl,noexecstack \
             -Wl,-e,kiln_entry -o app a.o rt.a"
        );
    }

    #[test]
    fn link_files_go_before_the_runtime_with_aliases() {
        let files = [PathBuf::from("host.o"), PathBuf::from("libhost.a")];
        let aliases = [crate::imports::Alias { symbol: "kiln_import_env__f".into(), target: "env_f".into() }];
        let extra = Extra { files: &files, aliases: &aliases };
        let lld = Linker { program: "ld.lld".into(), flavor: Flavor::Ld, origin: "test" };
        let line = show(&lld.command(&linux_args(), Path::new("a.o"), Path::new("rt.a"), Path::new("app"), extra));
        assert_eq!(
            line,
            "ld.lld -static --gc-sections -z noexecstack -e kiln_entry --defsym=kiln_import_env__f=env_f -o app a.o \
             host.o libhost.a rt.a"
        );
        let cc = Linker { program: "cc".into(), flavor: Flavor::Cc, origin: "test" };
        let line = show(&cc.command(&linux_args(), Path::new("a.o"), Path::new("rt.a"), Path::new("app"), extra));
        assert!(line.contains(" -Wl,--defsym=kiln_import_env__f=env_f -o app a.o host.o libhost.a rt.a"), "{line}");
    }
}
