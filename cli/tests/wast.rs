//! `kiln wast`: a script with every kind of directive passes completely;
//! a script with wrong expectations reports each failure with its line and
//! still runs to the end; traps and stack overflows do not stop the run;
//! the scripts in `tests/wast` (exceptions across frames, modules and
//! payload types; tail calls in constant stack) pass completely.

use anyhow::{ensure, Result};
use kiln_tests::{fixtures, run, scratch_dir, Output};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const KILN: &str = env!("CARGO_BIN_EXE_kiln");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TIMEOUT: Duration = Duration::from_secs(300);

fn kiln_wast(dir: &Path, files: &[&str]) -> Result<Output> {
    run(Command::new(KILN).arg("wast").args(files).current_dir(dir), TIMEOUT)
}

#[test]
fn the_scripts_in_tests_wast_pass() -> Result<()> {
    let scripts = fixtures("wast", "wast");
    ensure!(scripts.len() >= 5, "expected the scripts in tests/wast");
    for script in scripts {
        let out = run(Command::new(KILN).arg("wast").arg(&script), TIMEOUT)?;
        let stdout = out.stdout_text();
        ensure!(
            out.status.success() && stdout.contains(" passed, 0 failed"),
            "{}: {}\n{stdout}{}",
            script.display(),
            out.describe(),
            out.stderr_text()
        );
    }
    Ok(())
}

/// Every directive kind, all expected to pass.
const PASSING: &str = r#"
(module $A
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $rec (export "rec") (param i32) (result i32) (call $rec (local.get 0)))
  (func (export "nan") (result f32 f64) (f32.const nan) (f64.const -nan:0x8000000000001))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (memory (export "mem") 1 2)
  (table (export "tab") 2 funcref)
  (global (export "g") (mut i32) (i32.const 5))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "set-g") (param i32) (global.set 0 (local.get 0)))
  (func (export "id-ref") (param externref) (result externref) (local.get 0)))
(register "a" $A)
(invoke "set-g" (i32.const 6))
(assert_return (get "g") (i32.const 6))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "nan") (f32.const nan:canonical) (f64.const nan:arithmetic))
(assert_return (invoke "id-ref" (ref.extern 3)) (ref.extern 3))
(assert_return (invoke "id-ref" (ref.null extern)) (ref.null extern))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "load" (i32.const 65535)) "out of bounds memory access")
(assert_exhaustion (invoke "rec" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 4))

(module $B
  (import "a" "add" (func $add (param i32 i32) (result i32)))
  (import "a" "mem" (memory 1))
  (import "a" "g" (global (mut i32)))
  (import "a" "tab" (table 2 funcref))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $sg i32))
  (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0)))
  (func (export "peek") (result i32) (i32.load (i32.const 0)))
  (func (export "bump") (global.set 0 (i32.add (global.get 0) (i32.const 1))))
  (func (export "spec") (result i32) (call $print (global.get $sg)) (global.get $sg))
  (data (i32.const 0) "\2a"))
(assert_return (invoke "twice" (i32.const 21)) (i32.const 42))
(assert_return (invoke $A "load" (i32.const 0)) (i32.const 42))
(invoke "bump")
(assert_return (get $A "g") (i32.const 7))
(assert_return (invoke "spec") (i32.const 666))

(assert_invalid (module (func (result i32))) "type mismatch")
(assert_malformed (module quote "(func") "unexpected end")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_unlinkable (module (import "a" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "a" "add" (func (param i64)))) "incompatible import type")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (memory 1) (data (i32.const 65536) "x")) "out of bounds memory access")
(module definition $D (func (export "one") (result i32) (i32.const 1)))
(module instance $I $D)
(assert_return (invoke $I "one") (i32.const 1))
"#;

/// Directives that each fail differently.
const FAILING: &str = r#"(module
  (func (export "one") (result i32) (i32.const 1))
  (func (export "trap") unreachable))
(assert_return (invoke "one") (i32.const 2))
(assert_trap (invoke "one") "unreachable")
(assert_return (invoke "trap"))
(assert_trap (invoke "trap") "integer overflow")
(assert_invalid (module (func)) "type mismatch")
(invoke "missing")
(assert_return (invoke "one") (i32.const 1))
"#;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn every_directive_kind_passes() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "passing");
    std::fs::write(dir.join("all.wast"), PASSING)?;
    let out = kiln_wast(&dir, &["all.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}\n{}", out.describe(), out.stderr_text());
    // The spectest print goes to stdout before the summary lines.
    ensure!(
        lines(&stdout) == ["666: i32", "all.wast: 28 passed, 0 failed", "28 passed, 0 failed"],
        "stdout:\n{stdout}"
    );
    Ok(())
}

#[test]
fn failures_are_reported_with_their_lines_and_the_run_goes_on() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "failing");
    std::fs::write(dir.join("bad.wast"), FAILING)?;
    std::fs::write(dir.join("unparsable.wast"), "(module (func)")?;
    let out = kiln_wast(&dir, &["bad.wast", "unparsable.wast"])?;
    let (stdout, stderr) = (out.stdout_text(), out.stderr_text());
    ensure!(out.code() == Some(1), "failures exit with 1, got {}", out.describe());
    ensure!(
        lines(&stdout) == ["bad.wast: 2 passed, 6 failed", "unparsable.wast: 0 passed, 1 failed", "2 passed, 7 failed"],
        "stdout:\n{stdout}"
    );
    for expected in [
        "bad.wast:4:2: result 0: expected (i32.const 2), got 1",
        "bad.wast:5:2: expected a trap (unreachable), got results [1]",
        "bad.wast:6:2: wasm trap: unreachable",
        "bad.wast:7:2: expected trap `integer overflow`, got trap `unreachable`",
        "bad.wast:8:2: expected an invalid module (type mismatch), but it compiled",
        "bad.wast:9:2: no export named `missing`",
        "unparsable.wast:1:15",
        "error: 7 of 9 spec tests failed",
    ] {
        ensure!(stderr.contains(expected), "stderr lacks `{expected}`:\n{stderr}");
    }
    Ok(())
}

/// `and` with a low-bits mask is compiled as a zero extension (see
/// `tests/codegen/and_mask.wat`); its results, with the mask on either side.
const MASKS: &str = r#"(module
  (func (export "low8") (param i32) (result i32) (i32.and (local.get 0) (i32.const 0xff)))
  (func (export "low16") (param i32) (result i32) (i32.and (i32.const 0xffff) (local.get 0)))
  (func (export "low32") (param i64) (result i64) (i64.and (local.get 0) (i64.const 0xffffffff)))
  (func (export "low8_64") (param i64) (result i64) (i64.and (i64.const 0xff) (local.get 0)))
  (func (export "other") (param i32) (result i32) (i32.and (local.get 0) (i32.const 0x1ff))))
(assert_return (invoke "low8" (i32.const -1)) (i32.const 0xff))
(assert_return (invoke "low8" (i32.const 0x12345680)) (i32.const 0x80))
(assert_return (invoke "low16" (i32.const -2)) (i32.const 0xfffe))
(assert_return (invoke "low16" (i32.const 0x7fff8001)) (i32.const 0x8001))
(assert_return (invoke "low32" (i64.const -1)) (i64.const 0xffffffff))
(assert_return (invoke "low32" (i64.const 0x123456789abcdef0)) (i64.const 0x9abcdef0))
(assert_return (invoke "low8_64" (i64.const -129)) (i64.const 0x7f))
(assert_return (invoke "other" (i32.const -1)) (i32.const 0x1ff))
"#;

#[test]
fn low_bit_masks_keep_their_values() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "masks");
    std::fs::write(dir.join("masks.wast"), MASKS)?;
    let out = kiln_wast(&dir, &["masks.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["masks.wast: 9 passed, 0 failed", "9 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}

/// A right shift masked to a multiple of 2, 4 or 8 is translated as a
/// further shift and a shift back (see `tests/codegen/bitmap_index.wat`);
/// its values, with the mask on either side, for i64, and a mask that keeps
/// a bit the shift cleared (which stays `and`).
const SCALED_INDEXES: &str = r#"(module
  (func (export "by4") (param i32) (result i32) (i32.and (i32.shr_u (local.get 0) (i32.const 3)) (i32.const 0x1ffffffc)))
  (func (export "by2") (param i32) (result i32) (i32.and (i32.const 0x7ffffffe) (i32.shr_u (local.get 0) (i32.const 1))))
  (func (export "by8") (param i32) (result i32) (i32.and (i32.shr_u (local.get 0) (i32.const 2)) (i32.const 0x3ffffff8)))
  (func (export "top") (param i32) (result i32) (i32.and (i32.shr_u (local.get 0) (i32.const 28)) (i32.const 0xc)))
  (func (export "by8_64") (param i64) (result i64) (i64.and (i64.shr_u (local.get 0) (i64.const 4)) (i64.const 0x0ffffffffffffff8)))
  (func (export "other") (param i32) (result i32) (i32.and (i32.shr_u (local.get 0) (i32.const 3)) (i32.const 0x3ffffffc))))
(assert_return (invoke "by4" (i32.const -1)) (i32.const 0x1ffffffc))
(assert_return (invoke "by4" (i32.const 0x12345678)) (i32.const 0x2468acc))
(assert_return (invoke "by4" (i32.const 7)) (i32.const 0))
(assert_return (invoke "by2" (i32.const 0x12345678)) (i32.const 0x91a2b3c))
(assert_return (invoke "by2" (i32.const 0x80000001)) (i32.const 0x40000000))
(assert_return (invoke "by8" (i32.const 0x12345678)) (i32.const 0x48d1598))
(assert_return (invoke "by8" (i32.const 0x80000001)) (i32.const 0x20000000))
(assert_return (invoke "top" (i32.const -1)) (i32.const 0xc))
(assert_return (invoke "top" (i32.const 0x12345678)) (i32.const 0))
(assert_return (invoke "by8_64" (i64.const -1)) (i64.const 0x0ffffffffffffff8))
(assert_return (invoke "by8_64" (i64.const 0x123456789abcdef0)) (i64.const 0x0123456789abcde8))
(assert_return (invoke "other" (i32.const -1)) (i32.const 0x1ffffffc))
"#;

#[test]
fn scaled_indexes_keep_their_values() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "scaled");
    std::fs::write(dir.join("scaled.wast"), SCALED_INDEXES)?;
    let out = kiln_wast(&dir, &["scaled.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["scaled.wast: 13 passed, 0 failed", "13 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}

/// Memory indexes whose constant and scale move outside the extension to
/// 64 bits where their bound proves the i32 sum cannot wrap (see
/// `tests/codegen/table_index.wat`), and sums that may wrap and must: each
/// word of memory holds its own address, and the expected values come from
/// a model of that memory here, not from kiln.
fn table_index_script() -> String {
    let byte = |a: u32| ((a & !3).to_le_bytes())[(a & 3) as usize];
    let load32 = |a: u32| u32::from_le_bytes([byte(a), byte(a + 1), byte(a + 2), byte(a + 3)]);
    let mut s = String::from(
        r#"(module
  (memory 1)
  (func (export "init") (local $a i32)
    (loop $l
      (i32.store (local.get $a) (local.get $a))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $a) (i32.const 0x10000)))))
  (func (export "slice") (param $crc i32) (result i32)
    (i32.xor
      (i32.xor
        (i32.load (i32.add (i32.and (i32.shr_u (local.get $crc) (i32.const 6)) (i32.const 0x3fc)) (i32.const 0x16b0)))
        (i32.load (i32.add (i32.const 0x1ab0) (i32.shl (i32.and (local.get $crc) (i32.const 0xff)) (i32.const 2)))))
      (i32.load (i32.add (i32.shl (i32.shr_u (local.get $crc) (i32.const 24)) (i32.const 2)) (i32.const 0xeb0)))))
  (func (export "edge") (param i32) (result i32)
    (i32.load (i32.add (i32.and (local.get 0) (i32.const 0xffff)) (i32.const 0xffff0000))))
  (func (export "wraps") (param i32) (result i32)
    (i32.load (i32.add (i32.and (local.get 0) (i32.const 0xffff)) (i32.const 0xffff0010))))
  (func (export "may_wrap") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 0x400))))
  (func (export "byte_index") (param i32) (result i32)
    (i32.load8_u offset=4 (i32.add (i32.load8_u (local.get 0)) (i32.const 0x400))))
  (func (export "scaled") (param i32) (result i32)
    (i32.load (i32.add (i32.shl (i32.and (local.get 0) (i32.const 0xff)) (i32.const 35)) (i32.const 0x800)))))
(assert_return (invoke "init"))
"#,
    );
    let mut check = |name: &str, arg: u32, expected: Option<u32>| {
        s += &match expected {
            Some(v) => format!("(assert_return (invoke \"{name}\" (i32.const {arg})) (i32.const {v}))\n"),
            None => format!("(assert_trap (invoke \"{name}\" (i32.const {arg})) \"out of bounds memory access\")\n"),
        };
    };
    for crc in [0, 1, 0xff, 0x1234_5678, 0xdead_beef, u32::MAX, 0x8000_0000] {
        let v =
            load32(((crc >> 6) & 0x3fc) + 0x16b0) ^ load32(0x1ab0 + (crc & 0xff) * 4) ^ load32((crc >> 24) * 4 + 0xeb0);
        check("slice", crc, Some(v));
    }
    for p in [0, 0xffff, u32::MAX] {
        check("edge", p, None);
    }
    // Wrapped below 2^32 for (p & 0xffff) >= 0xfff0, to p - 0xfff0.
    for p in [0, 0xffef, 0x1_0000] {
        check("wraps", p, None);
    }
    for p in [0xfff0, 0xfff4, 0xffff, 0x1234_fff8] {
        check("wraps", p, Some(load32((p & 0xffff) - 0xfff0)));
    }
    for p in [0u32.wrapping_sub(0x3f8), 0u32.wrapping_sub(0x400), 0x1000] {
        check("may_wrap", p, Some(load32(p.wrapping_add(0x400))));
    }
    check("may_wrap", 0xfc00, None);
    for p in [0x10, 0x11, 0x3fc] {
        check("byte_index", p, Some(u32::from(byte(u32::from(byte(p)) + 0x404))));
    }
    check("byte_index", 0x1_0000, None);
    for p in [0, 7, 0xff, 0xffff_ff01] {
        check("scaled", p, Some(load32((p & 0xff) * 8 + 0x800)));
    }
    s
}

#[test]
fn table_indexes_keep_their_values_and_wrapping_sums_still_wrap() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "table-index");
    std::fs::write(dir.join("index.wast"), table_index_script())?;
    let out = kiln_wast(&dir, &["index.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["index.wast: 31 passed, 0 failed", "31 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}

/// Partial inlining (see `tests/codegen/early_exit.wat`): callers run the
/// callee's entry test and fast path themselves and call it only for the
/// rest. The values, with the fast path on either branch, with float and
/// multiple results, through mutual recursion; a trap in the rest and a
/// recursion that never reaches its base case still trap.
const EARLY_EXITS: &str = r#"(module
  (memory 1)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $tak (export "tak") (param i32 i32 i32) (result i32)
    (if (result i32) (i32.ge_s (local.get 1) (local.get 0))
      (then (local.get 2))
      (else (call $tak (call $tak (i32.sub (local.get 0) (i32.const 1)) (local.get 1) (local.get 2))
                       (call $tak (i32.sub (local.get 1) (i32.const 1)) (local.get 2) (local.get 0))
                       (call $tak (i32.sub (local.get 2) (i32.const 1)) (local.get 0) (local.get 1))))))
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (call $even (i64.sub (local.get 0) (i64.const 1))))))
  (func $half (export "half") (param f64) (result f64)
    (if (result f64) (f64.lt (local.get 0) (f64.const 1)) (then (f64.mul (local.get 0) (f64.const 0.5)))
      (else (f64.add (f64.const 1) (call $half (f64.div (local.get 0) (f64.const 2)))))))
  (func $pair (param i32) (result i32 i32)
    (if (result i32 i32) (local.get 0)
      (then (call $pair (i32.sub (local.get 0) (i32.const 1))) (i32.add (i32.const 1)))
      (else (i32.const 7) (i32.const 0))))
  (func (export "pair") (param i32) (result i32) (call $pair (local.get 0)) (i32.mul))
  (func $load_or (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const -1)) (else (i32.load (local.get 0)))))
  (func (export "load_or") (param i32) (result i32) (call $load_or (local.get 0)))
  (func $forever (param i32) (result i32)
    (if (result i32) (local.get 0) (then (call $forever (local.get 0))) (else (i32.const 0))))
  (func (export "forever") (param i32) (result i32) (call $forever (local.get 0))))
(assert_return (invoke "fib" (i32.const 0)) (i32.const 0))
(assert_return (invoke "fib" (i32.const 1)) (i32.const 1))
(assert_return (invoke "fib" (i32.const 20)) (i32.const 6765))
(assert_return (invoke "tak" (i32.const 18) (i32.const 12) (i32.const 6)) (i32.const 7))
(assert_return (invoke "tak" (i32.const 1) (i32.const 2) (i32.const 3)) (i32.const 3))
(assert_return (invoke "even" (i64.const 0)) (i32.const 1))
(assert_return (invoke "even" (i64.const 1001)) (i32.const 0))
(assert_return (invoke "even" (i64.const 1000)) (i32.const 1))
(assert_return (invoke "half" (f64.const 0.5)) (f64.const 0.25))
(assert_return (invoke "half" (f64.const 12)) (f64.const 4.375))
(assert_return (invoke "pair" (i32.const 0)) (i32.const 0))
(assert_return (invoke "pair" (i32.const 5)) (i32.const 35))
(assert_return (invoke "load_or" (i32.const 0)) (i32.const -1))
(assert_return (invoke "load_or" (i32.const 4)) (i32.const 0))
(assert_trap (invoke "load_or" (i32.const 65534)) "out of bounds memory access")
(assert_return (invoke "forever" (i32.const 0)) (i32.const 0))
(assert_exhaustion (invoke "forever" (i32.const 1)) "call stack exhausted")
"#;

#[test]
fn early_exits_keep_their_values() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "early_exits");
    std::fs::write(dir.join("early.wast"), EARLY_EXITS)?;
    let out = kiln_wast(&dir, &["early.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["early.wast: 18 passed, 0 failed", "18 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}

/// `call_indirect` through tables nothing can change (the compile-time copy,
/// see compiler/src/static_tables.rs): later segments overwrite earlier
/// ones, a type with the same signature under another index matches, the
/// callee runs with its instance's memory and globals, and null, mismatch
/// and out-of-bounds slots trap with their own messages. A table that wasm
/// code writes keeps the run-time path and sees the write.
const STATIC_TABLES: &str = r#"
(module
  (type $ii (func (param i32) (result i32)))
  (type $same (func (param i32) (result i32)))
  (type $v (func))
  (memory 1)
  (data (i32.const 0) "\07")
  (global $g (mut i32) (i32.const 100))
  (table 6 6 funcref)
  (elem (i32.const 0) $inc $dbl $nop)
  (elem (i32.const 1) $triple)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.load8_u (i32.const 0))))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (type $same)
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (i32.add (i32.mul (local.get 0) (i32.const 3)) (global.get $g)))
  (func $nop (type $v))
  (func (export "call") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
  (func (export "call_same") (param i32 i32) (result i32) (call_indirect (type $same) (local.get 1) (local.get 0))))
(assert_return (invoke "call" (i32.const 0) (i32.const 5)) (i32.const 12))
(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 116))
(assert_return (invoke "call_same" (i32.const 1) (i32.const 5)) (i32.const 117))
(assert_return (invoke "call_same" (i32.const 0) (i32.const 1)) (i32.const 8))
(assert_trap (invoke "call" (i32.const 2) (i32.const 5)) "indirect call type mismatch")
(assert_trap (invoke "call" (i32.const 3) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 5) (i32.const 5)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 6) (i32.const 5)) "undefined element")
(assert_trap (invoke "call" (i32.const -1) (i32.const 5)) "undefined element")
(module
  (type $ii (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $inc)
  (elem declare func $dbl)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "set") (table.set (i32.const 1) (ref.func $dbl)))
  (func (export "call") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0))))
(assert_return (invoke "call" (i32.const 0) (i32.const 5)) (i32.const 6))
(assert_trap (invoke "call" (i32.const 1) (i32.const 5)) "uninitialized element")
(assert_return (invoke "set"))
(assert_return (invoke "call" (i32.const 1) (i32.const 5)) (i32.const 10))
"#;

#[test]
fn call_indirect_through_tables_nothing_can_change() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "static_tables");
    std::fs::write(dir.join("static.wast"), STATIC_TABLES)?;
    let out = kiln_wast(&dir, &["static.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["static.wast: 15 passed, 0 failed", "15 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}

/// The codegen fixture `tests/codegen/dispatch_loop.wat`, whose two
/// interpreter loops get a copy of their dispatch per case, and what its
/// programs compute: the loop body run 1 to 100,000 times, and a bad opcode
/// reported from the default case. The expected values are Wasmtime's.
const DISPATCH_EXPECTATIONS: &str = r#"
(assert_return (invoke "join" (i32.const 0) (i32.const 1)) (i32.const 8390720))
(assert_return (invoke "join" (i32.const 0) (i32.const 10)) (i32.const -905844151))
(assert_return (invoke "join" (i32.const 0) (i32.const 1000)) (i32.const -204933986))
(assert_return (invoke "join" (i32.const 0) (i32.const 100000)) (i32.const 711709828))
(assert_return (invoke "join" (i32.const 32) (i32.const 5)) (i32.const -8713))
(assert_return (invoke "params" (i32.const 0) (i32.const 1)) (i32.const 2112))
(assert_return (invoke "params" (i32.const 0) (i32.const 10)) (i32.const -821958071))
(assert_return (invoke "params" (i32.const 0) (i32.const 1000)) (i32.const 130610334))
(assert_return (invoke "params" (i32.const 0) (i32.const 100000)) (i32.const 2053887108))
(assert_return (invoke "params" (i32.const 32) (i32.const 5)) (i32.const -9))
"#;

#[test]
fn dispatch_loops_with_copied_dispatches_keep_their_results() -> Result<()> {
    let dir = scratch_dir(TMP, "wast", "dispatch");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/codegen/dispatch_loop.wat");
    let module = std::fs::read_to_string(fixture)?;
    std::fs::write(dir.join("dispatch.wast"), format!("{module}{DISPATCH_EXPECTATIONS}"))?;
    let out = kiln_wast(&dir, &["dispatch.wast"])?;
    let stdout = out.stdout_text();
    ensure!(out.status.success(), "kiln wast failed ({}):\n{stdout}{}", out.describe(), out.stderr_text());
    ensure!(lines(&stdout) == ["dispatch.wast: 11 passed, 0 failed", "11 passed, 0 failed"], "stdout:\n{stdout}");
    Ok(())
}
