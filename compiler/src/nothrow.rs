//! Which functions can throw, so that a call inside a `try_table` (or a
//! legacy `try`) whose callee never throws is a plain call, not a
//! `try_call`: under Cranelift's exception ABI no register survives a
//! `try_call`, so every value live across it is kept in the frame. Seeing
//! the whole module ahead of time makes this cheap to know.
//!
//! Data flow: `emit::compile` scans every body once (in parallel) for what
//! can make it throw -- `throw`, `throw_ref`, `rethrow`, calls through a
//! table or reference (any function of the type could be the callee) --
//! and for its direct calls and tail calls; [`analyze`] then spreads "may
//! throw" from callees to callers until nothing changes, and stores the
//! result in `ModuleEnv::may_throw`. Imported functions are host functions
//! that never throw a wasm exception (an exception stops at a host
//! function's frame, see `kiln-runtime`'s unwinder), unless imports may be
//! other instances' wasm functions (`kiln wast`).

use crate::module::{FuncBodyData, ModuleEnv};
use rayon::prelude::*;
use wasmparser::Operator;

/// What one body does that matters here.
struct Facts {
    /// It throws, or calls something unknown.
    throws: bool,
    /// Functions it calls directly (tail calls included).
    callees: Vec<u32>,
}

fn scan(body: &FuncBodyData<'_>) -> Facts {
    let mut facts = Facts { throws: false, callees: Vec::new() };
    let Ok(mut reader) = body.body.get_operators_reader() else {
        // Translation reports the error; assume the worst meanwhile.
        facts.throws = true;
        return facts;
    };
    while !reader.eof() {
        match reader.read() {
            Ok(Operator::Throw { .. } | Operator::ThrowRef | Operator::Rethrow { .. })
            | Ok(Operator::CallIndirect { .. } | Operator::ReturnCallIndirect { .. })
            | Ok(Operator::CallRef { .. } | Operator::ReturnCallRef { .. })
            | Err(_) => {
                facts.throws = true;
                return facts;
            }
            Ok(Operator::Call { function_index } | Operator::ReturnCall { function_index }) => {
                facts.callees.push(function_index)
            }
            Ok(_) => {}
        }
    }
    facts
}

/// Per function index (imports first): whether calling it may throw.
/// `wasm_imports`: imports may be wasm functions, which may throw.
pub fn analyze(env: &ModuleEnv<'_>, bodies: &[FuncBodyData<'_>], wasm_imports: bool) -> Vec<bool> {
    let imported = env.num_imported_funcs as usize;
    let mut may_throw = vec![wasm_imports; imported];
    // Without handlers nothing needs the answer.
    if env.tags.is_empty() && !wasm_imports && !uses_exnref(env) {
        may_throw.resize(env.func_types.len(), false);
        return may_throw;
    }
    let facts: Vec<Facts> = bodies.par_iter().map(scan).collect();
    may_throw.extend(facts.iter().map(|f| f.throws));
    let mut changed = true;
    while changed {
        changed = false;
        for (i, f) in facts.iter().enumerate() {
            let index = imported + i;
            if !may_throw[index] && f.callees.iter().any(|&c| may_throw.get(c as usize).copied().unwrap_or(true)) {
                may_throw[index] = true;
                changed = true;
            }
        }
    }
    may_throw
}

/// Whether an `exnref` could come in from outside (an imported global or
/// table), so `throw_ref` could throw without any tag in the module.
fn uses_exnref(env: &ModuleEnv<'_>) -> bool {
    let is_exn = |r: wasmparser::RefType| {
        matches!(r.heap_type(), wasmparser::HeapType::Abstract { ty: wasmparser::AbstractHeapType::Exn, .. })
    };
    env.globals.iter().any(|g| matches!(g.ty.content_type, wasmparser::ValType::Ref(r) if is_exn(r)))
        || env.tables.iter().any(|t| is_exn(t.ty.element_type))
}

#[cfg(test)]
mod tests {
    fn may_throw(wat: &str, wasm_imports: bool) -> Vec<bool> {
        let wasm = wat::parse_str(wat).expect("valid wat");
        let mut env = crate::module::parse(&wasm).expect("valid module");
        let bodies = std::mem::take(&mut env.bodies);
        super::analyze(&env, &bodies, wasm_imports)
    }

    #[test]
    fn throwing_spreads_to_callers_only() {
        let wat = r#"(module
            (import "env" "host" (func))
            (tag $e)
            (type $t (func))
            (table 1 funcref)
            (func $leaf)
            (func $thrower (throw $e))
            (func $calls_thrower (call $thrower))
            (func $calls_leaf (call $leaf) (call 0))
            (func $indirect (call_indirect (type $t) (i32.const 0)))
            (func $tail (return_call $calls_thrower))
            (func $rec (call $rec)))"#;
        assert_eq!(may_throw(wat, false), [false, false, true, true, false, true, true, false]);
        // When imports may be wasm functions, calling one may throw.
        assert_eq!(may_throw(wat, true), [true, false, true, true, true, true, true, false]);
    }

    #[test]
    fn a_module_without_tags_throws_nothing() {
        let wat = r#"(module (func $a (call $b)) (func $b (call_indirect (i32.const 0))) (table 1 funcref))"#;
        assert_eq!(may_throw(wat, false), [false, false]);
    }
}
