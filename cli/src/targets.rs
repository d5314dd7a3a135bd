//! `kiln targets`: every entry under `targets/` (as embedded in the
//! compiler) with what kiln produces for it, what that needs, and its CPU
//! baselines and features. The listing depends only on the entries and on
//! which runtime archives this kiln embeds, not on the machine.

use anyhow::Result;
use std::fmt::Write as _;
use std::io::Write as _;

/// Writes the listing to stdout.
pub fn print() -> Result<()> {
    let text = listing()?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The listing as text.
pub fn listing() -> Result<String> {
    let specs = kiln_compiler::target::all()?;
    let mut s = String::new();
    let w = &mut s;
    let row = |w: &mut String, cols: [&str; 5]| {
        let line = format!("{:<29} {:<15} {:<7} {:<11} {}", cols[0], cols[1], cols[2], cols[3], cols[4]);
        writeln!(w, "{}", line.trim_end()).expect("writing to a String");
    };
    row(w, ["TARGET", "SHORT NAME", "OBJECT", "EXECUTABLE", "RUNS ON"]);
    for spec in specs {
        let exe = if !spec.link.executables {
            "no"
        } else if crate::runtime::has_archive(&spec.triple) {
            "yes"
        } else {
            "not built"
        };
        let runs = match &spec.run {
            Some(run) if spec.link.executables => format!("its own CPU, or any Linux with {}", run.runner),
            _ => "-".to_string(),
        };
        let short = spec.short_names.join(", ");
        row(w, [&spec.triple, if short.is_empty() { "-" } else { &short }, spec.object_format.name(), exe, &runs]);
    }
    for spec in specs {
        writeln!(w)?;
        writeln!(w, "{}: {}", spec.triple, spec.description)?;
        writeln!(
            w,
            "  object:     `kiln compile --target {}` writes a relocatable {} object; needs nothing",
            spec.triple,
            spec.object_format.name()
        )?;
        if spec.link.executables {
            let archive = if crate::runtime::has_archive(&spec.triple) {
                "runtime library embedded in this kiln"
            } else {
                "runtime library NOT embedded in this kiln (rebuild kiln; see README)"
            };
            writeln!(
                w,
                "  executable: `kiln build --target {}` links a static executable; needs ld.lld (Debian: lld) or \
                 the rust-lld of a Rust toolchain, no cross C toolchain; {archive}",
                spec.triple
            )?;
        } else {
            let why = spec.link.why_not.as_deref().unwrap_or("");
            writeln!(w, "  executable: not supported: {why}")?;
        }
        if let Some(run) = spec.run.as_ref().filter(|_| spec.link.executables) {
            writeln!(
                w,
                "  run:        natively on its own CPU; on other Linux machines under {} (Debian: qemu-user)",
                run.runner
            )?;
        } else {
            writeln!(w, "  run:        not from kiln (no executables)")?;
        }
        let cpu = &spec.cpu;
        writeln!(w, "  --cpu:      {} (default)", cpu.default)?;
        for (name, baseline) in &cpu.baselines {
            writeln!(w, "              {name}: {}", baseline.description)?;
        }
        writeln!(
            w,
            "              {}: the CPU kiln runs on, when that is this target",
            kiln_compiler::target::NATIVE_CPU
        )?;
        let features: Vec<&str> = cpu.features.keys().map(String::as_str).collect();
        writeln!(w, "  --features: {}", if features.is_empty() { "-".to_string() } else { features.join(", ") })?;
    }
    Ok(s)
}
