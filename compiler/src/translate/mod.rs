//! Function translation: one wasm function body → one Cranelift IR function.
//!
//! Data flow: [`FuncTranslator::translate`] reads the body's locals and
//! operators, validates each operator with the function's validator before
//! translating it, and drives a `FunctionBuilder` with one match arm per
//! operator. Numeric operators are delegated to [`numeric`] (128-bit wide
//! arithmetic to `wide_arith`), v128 lane operators to [`simd`] and
//! [`relaxed`] (whose results [`relaxed::Choices`] fixes per target and
//! CPU baseline), v128 memory accesses to `simd_mem`; control flow
//! (a stack of frames whose merge blocks carry the wasm block results as
//! block parameters) lives in `control`; linear memory, tables, globals and
//! calls each have their own file, all reaching runtime state through the
//! VM context (`kiln_abi::VMOffsets`); a memory access's 32-bit index is
//! widened to 64 bits by `wide_index`, and accesses to 64-bit memories and
//! memories of 1-byte pages are checked against the memory's length by
//! `bounds`. Calls to other wasm functions use
//! `UserExternalName`s in namespace [`NS_WASM_FUNC`]; runtime libcalls use
//! namespace [`NS_LIBCALL`] with the `kiln_abi::Libcall` discriminant.

mod atomics;
mod bounds;
mod calls;
mod control;
mod env;
mod exceptions;
mod limits;
mod memory;
pub mod numeric;
mod ops;
pub mod relaxed;
pub mod simd;
mod simd_mem;
mod table;
mod wide_arith;
mod wide_index;

use crate::error::{CompileError, Result};
use crate::module::{FuncBodyData, ModuleEnv};
use control::ControlFrame;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{self, BlockArg, InstBuilder, Value};
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::packed_option::ReservedValue;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
pub(crate) use env::libcall_signature;
use env::Caches;
use kiln_abi::{TrapKind, VMOffsets, LEAF_FRAME_MAX};
use std::mem;
use wasmparser::{
    FuncToValidate, FuncValidator, FuncValidatorAllocations, FunctionBody, Operator, OperatorsReader, ValType,
    ValidatorResources,
};

/// External-name namespace of wasm functions (index = wasm function index).
pub const NS_WASM_FUNC: u32 = 0;
/// External-name namespace of runtime libcalls (index: the
/// `kiln_abi::Libcall` discriminant).
pub const NS_LIBCALL: u32 = 1;
/// External-name namespace of the read-only copies of tables that
/// `call_indirect` indexes (index = table index; [`crate::static_tables`]).
pub const NS_STATIC_TABLE: u32 = 3;

/// Translates defined function `func_index` (a wasm function index, so
/// imported functions come before it) into Cranelift IR. Compiling many
/// functions on one thread is cheaper with a reused [`FuncTranslator`].
pub fn translate_function(
    env: &ModuleEnv<'_>,
    isa: &dyn TargetIsa,
    func_index: u32,
    body: &FuncBodyData<'_>,
) -> Result<ir::Function> {
    FuncTranslator::new().translate(env, isa, func_index, body)
}

/// Reusable translation state: the builder context, validator allocations
/// and scratch buffers survive from one function to the next.
#[derive(Default)]
pub struct FuncTranslator {
    builder_ctx: FunctionBuilderContext,
    validator_allocs: FuncValidatorAllocations,
    buffers: Buffers,
    /// Keep what source-level debug info needs (see [`crate::debug`]):
    /// value labels on wasm locals and a stack slot holding vmctx.
    pub debug_info: bool,
}

/// Per-function scratch storage, emptied (not freed) between functions.
#[derive(Default)]
struct Buffers {
    stack: Vec<Value>,
    control: Vec<ControlFrame>,
    saved: Vec<Value>,
    block_args: Vec<BlockArg>,
    call_args: Vec<Value>,
    clauses: Vec<exceptions::Clause>,
    legacy: exceptions::LegacyTries,
    locals: Vec<Variable>,
    caches: Caches,
}

impl FuncTranslator {
    pub fn new() -> Self {
        Self::default()
    }

    /// A translator that keeps debug info when `debug_info` is set.
    pub fn with_debug_info(debug_info: bool) -> Self {
        FuncTranslator { debug_info, ..Self::default() }
    }

    /// Translates defined function `func_index` of `env` from `body`.
    pub fn translate(
        &mut self,
        env: &ModuleEnv<'_>,
        isa: &dyn TargetIsa,
        func_index: u32,
        data: &FuncBodyData<'_>,
    ) -> Result<ir::Function> {
        // A fresh validator for this body (the resources are shared).
        let v = &data.validator;
        debug_assert_eq!(v.index, func_index, "body and function index disagree");
        let validator =
            FuncToValidate { resources: v.resources.clone(), index: v.index, ty: v.ty, features: v.features };
        let mut validator = validator.into_validator(mem::take(&mut self.validator_allocs));
        let type_index = env.func_types[func_index as usize];
        let sig = wasm_signature(isa, env.func_type(func_index));
        let mut func = ir::Function::with_name_signature(ir::UserFuncName::user(NS_WASM_FUNC, func_index), sig);
        if self.debug_info {
            func.collect_debug_info();
        }

        let builder = FunctionBuilder::new(&mut func, &mut self.builder_ctx);
        let mut cx = FuncCx::new(env, isa, builder, mem::take(&mut self.buffers));
        cx.func_index = func_index;
        cx.body_start = data.body.range().start;
        let result = cx.translate_body(&data.body, &mut validator, type_index);
        let FuncCx {
            builder, stack, control, saved, block_args, call_args, clauses, legacy, locals, mut caches, ..
        } = cx;
        if result.is_ok() {
            builder.finalize(isa.frontend_config());
        } else {
            // An abandoned builder leaves its context mid-function.
            self.builder_ctx = FunctionBuilderContext::new();
        }
        caches.clear();
        self.buffers = Buffers { stack, control, saved, block_args, call_args, clauses, legacy, locals, caches };
        self.validator_allocs = validator.into_allocations();
        result.map(|()| func)
    }
}

/// The state of one function's translation.
pub(crate) struct FuncCx<'a, 'f> {
    pub env: &'a ModuleEnv<'a>,
    pub isa: &'a dyn TargetIsa,
    pub offsets: VMOffsets,
    pub builder: FunctionBuilder<'f>,
    /// The wasm operand stack.
    pub stack: Vec<Value>,
    /// The wasm control stack; the function body is frame 0.
    pub control: Vec<ControlFrame>,
    /// Parameters of open `if` frames, kept for their `else` arm.
    pub saved: Vec<Value>,
    pub block_args: Vec<BlockArg>,
    pub call_args: Vec<Value>,
    /// Catch clauses of the open `try_table` and legacy `try` frames.
    pub clauses: Vec<exceptions::Clause>,
    /// The function's legacy `try`s, scanned ahead.
    pub legacy: exceptions::LegacyTries,
    /// One variable per wasm local, parameters first.
    pub locals: Vec<Variable>,
    pub caches: Caches,
    /// Whether the current position can execute; false after `br`,
    /// `return`, `unreachable` etc. until control flow merges again.
    pub reachable: bool,
    /// The function's vmctx parameter.
    pub vmctx: Value,
    /// Whether the target can compile v128 values (see [`simd::simd_available`]).
    pub simd: bool,
    /// The function's index and the byte offset of its body (branch hints
    /// count from there).
    pub func_index: u32,
    pub body_start: u64,
    /// The results of relaxed-SIMD operators on this target and baseline.
    pub relaxed: relaxed::Choices,
    /// With fuel metering: the variable holding the fuel left, and the
    /// cost of the operators not yet subtracted from it (see `limits`).
    pub fuel: Option<Variable>,
    pub fuel_pending: i64,
    /// The fuel left when the function was entered (for the entry check).
    pub fuel_at_entry: Option<Value>,
}

impl<'a, 'f> FuncCx<'a, 'f> {
    fn new(env: &'a ModuleEnv<'a>, isa: &'a dyn TargetIsa, builder: FunctionBuilder<'f>, b: Buffers) -> Self {
        let mut cx = FuncCx {
            env,
            isa,
            offsets: env.vm_offsets(),
            builder,
            stack: b.stack,
            control: b.control,
            saved: b.saved,
            block_args: b.block_args,
            call_args: b.call_args,
            clauses: b.clauses,
            legacy: b.legacy,
            locals: b.locals,
            caches: b.caches,
            reachable: true,
            vmctx: Value::reserved_value(),
            simd: simd::simd_available(isa),
            func_index: 0,
            body_start: 0,
            relaxed: relaxed::Choices::for_isa(isa),
            fuel: None,
            fuel_pending: 0,
            fuel_at_entry: None,
        };
        cx.stack.clear();
        cx.control.clear();
        cx.saved.clear();
        cx.clauses.clear();
        cx.legacy.clear();
        cx.locals.clear();
        cx
    }

    fn translate_body(
        &mut self,
        body: &FunctionBody<'_>,
        validator: &mut FuncValidator<ValidatorResources>,
        type_index: u32,
    ) -> Result<()> {
        let entry = self.builder.create_block();
        self.builder.append_block_params_for_function_params(entry);
        self.builder.switch_to_block(entry);
        self.builder.seal_block(entry);
        self.vmctx = self.builder.block_params(entry)[0];
        if self.builder.func.dfg.values_labels.is_some() {
            crate::debug::spill_vmctx(&mut self.builder, self.vmctx);
        }

        let num_params = self.builder.block_params(entry).len() - 1;
        for i in 0..num_params {
            let param = self.builder.block_params(entry)[i + 1];
            let ty = self.builder.func.dfg.value_type(param);
            if ty.is_vector() && !self.simd {
                return Err(no_simd("v128 parameter", body.range().start));
            }
            let var = self.builder.declare_var(ty);
            self.builder.def_var(var, param);
            self.builder.set_val_label(param, ir::ValueLabel::from_u32(i as u32));
            self.locals.push(var);
        }

        let mut locals = body.get_locals_reader()?;
        for _ in 0..locals.get_count() {
            let offset = locals.original_position();
            let (count, ty) = locals.read()?;
            validator.define_locals(offset, count, ty)?;
            self.declare_locals(count, ty, offset)?;
        }

        let mut reader = OperatorsReader::new(locals.get_binary_reader());
        self.push_function_frame(type_index);
        self.fuel_entry();
        while !reader.eof() {
            let offset = reader.original_position();
            let op = reader.read()?;
            let operand_non_null =
                matches!(op, Operator::CallRef { .. } | Operator::ReturnCallRef { .. } | Operator::RefAsNonNull)
                    && matches!(validator.get_operand_type(0), Some(Some(ValType::Ref(r))) if !r.is_nullable());
            if let Err(e) = validator.op(offset, &op) {
                // Operators of proposals kiln lacks are rejected by the
                // validator, whose features exclude them.
                return Err(match ops::unsupported_proposal(&op) {
                    Some(feature) => CompileError::unsupported(feature, offset),
                    None => e.into(),
                });
            }
            if !self.simd && ops::is_simd(&op) {
                return Err(no_simd(&ops::describe(&op), offset));
            }
            if matches!(op, Operator::Try { .. }) && !self.legacy.scanned() {
                self.legacy.scan(reader.clone())?;
            }
            self.builder.set_srcloc(ir::SourceLoc::new(offset as u32));
            self.fuel_count(&op);
            self.translate_op(&op, offset, operand_non_null)?;
        }
        // Catches a body whose frames are not all closed.
        reader.finish()?;
        // A function that calls nothing cannot recurse, and its loops
        // check for themselves: only callers need the entry checks.
        if self.has_call() {
            self.entry_limit_checks(entry, body.range().start);
        }
        match (self.has_small_frame(), self.has_call()) {
            (true, false) => {}
            (true, true) => self.entry_stack_check(entry, body.range().start),
            (false, _) => self.set_stack_limit(),
        }
        Ok(())
    }

    /// Whether the function's frame surely stays under [`LEAF_FRAME_MAX`]
    /// (spill slots are at most 16 bytes per SSA value). Such a frame may be
    /// set up before the stack check, or without one if the function calls
    /// nothing: its caller passed a check, and the runtime keeps that much
    /// stack below the limit.
    fn has_small_frame(&self) -> bool {
        let func = &self.builder.func;
        let slots: u64 = func.sized_stack_slots.values().map(|s| u64::from(s.size)).sum();
        let spills = func.dfg.num_values() as u64 * 16;
        slots + spills <= u64::from(LEAF_FRAME_MAX) / 2
    }

    /// Whether the function calls anything (a wasm function or a libcall).
    fn has_call(&self) -> bool {
        let func = &self.builder.func;
        func.layout.blocks().any(|b| func.layout.block_insts(b).any(|i| func.dfg.insts[i].opcode().is_call()))
    }

    /// The stack check of a function with a small frame, at the top of its
    /// body: `sp < vmctx.stack_limit` traps. Cheaper than Cranelift's
    /// prologue check, which first adds the frame size to the limit; the
    /// frame it lets through is below [`LEAF_FRAME_MAX`], as for a leaf.
    fn entry_stack_check(&mut self, entry: ir::Block, body_offset: u64) {
        let ptr = self.isa.pointer_type();
        let flags = self.mem_flags(env::Access::VmConst);
        let vmctx = self.vmctx;
        let mut pos = FuncCursor::new(self.builder.func).at_first_insertion_point(entry);
        pos.set_srcloc(ir::SourceLoc::new(body_offset as u32));
        let offset = (VMOffsets::STACK_LIMIT as i32).into();
        let (load, dfg) = pos.ins().Load(ir::Opcode::Load, ptr, flags, offset, vmctx);
        let limit = dfg.first_result(load);
        let sp = pos.ins().get_stack_pointer(ptr);
        let exhausted = pos.ins().icmp(ir::condcodes::IntCC::UnsignedLessThan, sp, limit);
        pos.ins().trapnz(exhausted, crate::traps::trap_code(TrapKind::StackOverflow));
    }

    /// Declares `count` zero-initialized locals of type `ty`.
    fn declare_locals(&mut self, count: u32, ty: ValType, offset: u64) -> Result<()> {
        let zero = match ty {
            ValType::I32 => self.builder.ins().iconst(ir::types::I32, 0),
            ValType::I64 => self.builder.ins().iconst(ir::types::I64, 0),
            ValType::F32 => self.builder.ins().f32const(0.0),
            ValType::F64 => self.builder.ins().f64const(0.0),
            ValType::V128 if !self.simd => return Err(no_simd("v128 local", offset)),
            ValType::V128 => simd::zeros(&mut self.builder, ir::types::I8X16),
            ValType::Ref(_) => self.builder.ins().iconst(self.isa.pointer_type(), 0),
        };
        let ty = self.builder.func.dfg.value_type(zero);
        for _ in 0..count {
            let var = self.builder.declare_var(ty);
            self.builder.def_var(var, zero);
            self.builder.set_val_label(zero, ir::ValueLabel::from_u32(self.locals.len() as u32));
            self.locals.push(var);
        }
        Ok(())
    }

    /// `vmctx.stack_limit` is the lowest address the stack may reach; for a
    /// large frame, the prologue compares SP less the frame size against it
    /// before allocating the frame, and traps with `STACK_OVERFLOW`.
    fn set_stack_limit(&mut self) {
        let vmctx = self.builder.create_global_value(ir::GlobalValueData::VMContext);
        let flags = ir::MemFlagsData::trusted().with_readonly();
        // A fresh function has at most a handful of flag sets.
        let flags = self.builder.func.dfg.mem_flags.insert_unchecked(flags);
        let limit = self.builder.create_global_value(ir::GlobalValueData::Load {
            base: vmctx,
            offset: (VMOffsets::STACK_LIMIT as i32).into(),
            global_type: self.isa.pointer_type(),
            flags,
        });
        self.builder.func.stack_limit = Some(limit);
    }

    /// Translates one validated operator.
    fn translate_op(&mut self, op: &Operator<'_>, offset: u64, operand_non_null: bool) -> Result<()> {
        if !self.reachable {
            self.translate_unreachable_op(op);
            return Ok(());
        }
        if numeric::translate_numeric(op, &mut self.builder, &mut self.stack)
            || wide_arith::translate_wide_arithmetic(op, &mut self.builder, &mut self.stack)
            || simd::translate_simd(op, &mut self.builder, &mut self.stack)
            || relaxed::translate_relaxed(op, &mut self.builder, &mut self.stack, self.relaxed)
            || self.translate_simd_mem(op, offset)?
        {
            return Ok(());
        }
        match *op {
            Operator::Unreachable => {
                self.trap(TrapKind::Unreachable);
                self.reachable = false;
            }
            Operator::Nop => {}
            Operator::Block { blockty } => self.op_block(blockty),
            Operator::Loop { blockty } => self.op_loop(blockty),
            Operator::If { blockty } => self.op_if(blockty, offset),
            Operator::Else => self.op_else(),
            Operator::End => self.op_end(),
            Operator::Br { relative_depth } => self.op_br(relative_depth),
            Operator::BrIf { relative_depth } => self.op_br_if(relative_depth),
            Operator::BrTable { ref targets } => self.op_br_table(targets)?,
            Operator::Return => self.op_return(),
            Operator::BrOnNull { relative_depth } => self.op_br_on_null(relative_depth),
            Operator::BrOnNonNull { relative_depth } => self.op_br_on_non_null(relative_depth),
            Operator::TryTable { ref try_table } => self.op_try_table(try_table),
            Operator::Throw { tag_index } => self.op_throw(tag_index),
            Operator::ThrowRef => self.op_throw_ref(),
            Operator::Try { blockty } => self.op_try(blockty),
            Operator::Catch { .. } | Operator::CatchAll => self.op_catch(),
            Operator::Rethrow { relative_depth } => self.op_rethrow(relative_depth),
            Operator::Delegate { .. } => self.op_end(),

            Operator::Drop => {
                self.pop();
            }
            Operator::Select | Operator::TypedSelect { .. } => {
                let cond = self.pop();
                let b = self.pop();
                let a = self.pop();
                let v = self.builder.ins().select(cond, a, b);
                self.stack.push(v);
            }
            Operator::LocalGet { local_index } => {
                let v = self.builder.use_var(self.locals[local_index as usize]);
                self.stack.push(v);
            }
            Operator::LocalSet { local_index } => {
                let v = self.pop();
                self.builder.def_var(self.locals[local_index as usize], v);
                self.builder.set_val_label(v, ir::ValueLabel::from_u32(local_index));
            }
            Operator::LocalTee { local_index } => {
                let v = self.peek();
                self.builder.def_var(self.locals[local_index as usize], v);
                self.builder.set_val_label(v, ir::ValueLabel::from_u32(local_index));
            }
            Operator::GlobalGet { global_index } => self.op_global_get(global_index, offset)?,
            Operator::GlobalSet { global_index } => self.op_global_set(global_index, offset)?,

            Operator::I32Load { memarg } => self.op_load(&memarg, ir::Opcode::Load, ir::types::I32, offset)?,
            Operator::I64Load { memarg } => self.op_load(&memarg, ir::Opcode::Load, ir::types::I64, offset)?,
            Operator::F32Load { memarg } => self.op_load(&memarg, ir::Opcode::Load, ir::types::F32, offset)?,
            Operator::F64Load { memarg } => self.op_load(&memarg, ir::Opcode::Load, ir::types::F64, offset)?,
            Operator::I32Load8S { memarg } => self.op_load(&memarg, ir::Opcode::Sload8, ir::types::I32, offset)?,
            Operator::I32Load8U { memarg } => self.op_load(&memarg, ir::Opcode::Uload8, ir::types::I32, offset)?,
            Operator::I32Load16S { memarg } => self.op_load(&memarg, ir::Opcode::Sload16, ir::types::I32, offset)?,
            Operator::I32Load16U { memarg } => self.op_load(&memarg, ir::Opcode::Uload16, ir::types::I32, offset)?,
            Operator::I64Load8S { memarg } => self.op_load(&memarg, ir::Opcode::Sload8, ir::types::I64, offset)?,
            Operator::I64Load8U { memarg } => self.op_load(&memarg, ir::Opcode::Uload8, ir::types::I64, offset)?,
            Operator::I64Load16S { memarg } => self.op_load(&memarg, ir::Opcode::Sload16, ir::types::I64, offset)?,
            Operator::I64Load16U { memarg } => self.op_load(&memarg, ir::Opcode::Uload16, ir::types::I64, offset)?,
            Operator::I64Load32S { memarg } => self.op_load(&memarg, ir::Opcode::Sload32, ir::types::I64, offset)?,
            Operator::I64Load32U { memarg } => self.op_load(&memarg, ir::Opcode::Uload32, ir::types::I64, offset)?,
            Operator::I32Store { memarg }
            | Operator::I64Store { memarg }
            | Operator::F32Store { memarg }
            | Operator::F64Store { memarg } => self.op_store(&memarg, ir::Opcode::Store, offset)?,
            Operator::I32Store8 { memarg } | Operator::I64Store8 { memarg } => {
                self.op_store(&memarg, ir::Opcode::Istore8, offset)?
            }
            Operator::I32Store16 { memarg } | Operator::I64Store16 { memarg } => {
                self.op_store(&memarg, ir::Opcode::Istore16, offset)?
            }
            Operator::I64Store32 { memarg } => self.op_store(&memarg, ir::Opcode::Istore32, offset)?,
            Operator::MemorySize { mem } => self.op_memory_size(mem),
            Operator::MemoryGrow { mem } => self.op_memory_grow(mem),
            Operator::MemoryFill { mem } => self.op_memory_fill(mem),
            Operator::MemoryCopy { dst_mem, src_mem } => self.op_memory_copy(dst_mem, src_mem),
            Operator::MemoryInit { data_index, mem } => self.op_memory_init(data_index, mem),
            Operator::DataDrop { data_index } => self.op_data_drop(data_index),

            Operator::TableGet { table } => self.op_table_get(table),
            Operator::TableSet { table } => self.op_table_set(table),
            Operator::TableSize { table } => self.op_table_size(table),
            Operator::TableGrow { table } => self.op_table_grow(table),
            Operator::TableFill { table } => self.op_table_fill(table),
            Operator::TableCopy { dst_table, src_table } => self.op_table_copy(dst_table, src_table),
            Operator::TableInit { elem_index, table } => self.op_table_init(elem_index, table),
            Operator::ElemDrop { elem_index } => self.op_elem_drop(elem_index),

            Operator::RefNull { .. } => {
                let v = self.builder.ins().iconst(self.isa.pointer_type(), 0);
                self.stack.push(v);
            }
            Operator::RefEq => {
                let b = self.pop();
                let a = self.pop();
                let eq = self.builder.ins().icmp(ir::condcodes::IntCC::Equal, a, b);
                let v = self.builder.ins().uextend(ir::types::I32, eq);
                self.stack.push(v);
            }
            Operator::RefIsNull => {
                let r = self.pop();
                let is_null = self.builder.ins().icmp_imm_u(ir::condcodes::IntCC::Equal, r, 0);
                let v = self.builder.ins().uextend(ir::types::I32, is_null);
                self.stack.push(v);
            }
            Operator::RefFunc { function_index } => {
                let v = self.builder.ins().iadd_imm_u(self.vmctx, i64::from(self.offsets.funcref(function_index)));
                self.stack.push(v);
            }
            Operator::RefAsNonNull => {
                if !operand_non_null {
                    let r = self.peek();
                    self.trapz(r, TrapKind::NullReference);
                }
            }

            Operator::Call { function_index } => self.op_call(function_index, false),
            Operator::CallIndirect { type_index, table_index } => self.op_call_indirect(type_index, table_index, false),
            Operator::CallRef { type_index } => self.op_call_ref(type_index, operand_non_null, false),
            Operator::ReturnCall { function_index } => self.op_call(function_index, true),
            Operator::ReturnCallIndirect { type_index, table_index } => {
                self.op_call_indirect(type_index, table_index, true)
            }
            Operator::ReturnCallRef { type_index } => self.op_call_ref(type_index, operand_non_null, true),

            _ => {
                if !self.op_atomic(op, offset)? {
                    return Err(CompileError::unsupported(ops::describe(op), offset));
                }
            }
        }
        Ok(())
    }

    /// Pops the top operand. Validation guarantees it exists.
    #[inline]
    pub fn pop(&mut self) -> Value {
        self.stack.pop().expect("validated: operand stack underflow")
    }

    /// The top operand, left in place.
    #[inline]
    pub fn peek(&self) -> Value {
        *self.stack.last().expect("validated: operand stack underflow")
    }

    /// Removes the top `n` operands into `call_args` after `first`.
    pub fn pop_into_call_args(&mut self, first: Value, n: usize) {
        self.call_args.clear();
        self.call_args.push(first);
        let start = self.stack.len() - n;
        self.call_args.extend_from_slice(&self.stack[start..]);
        self.stack.truncate(start);
    }

    pub fn trap(&mut self, kind: TrapKind) {
        self.builder.ins().trap(crate::traps::trap_code(kind));
    }

    pub fn trapz(&mut self, cond: Value, kind: TrapKind) {
        self.builder.ins().trapz(cond, crate::traps::trap_code(kind));
    }

    pub fn trapnz(&mut self, cond: Value, kind: TrapKind) {
        self.builder.ins().trapnz(cond, crate::traps::trap_code(kind));
    }
}

/// The error for a v128 value or operator (`what`) on a target without
/// vector registers.
pub(super) fn no_simd(what: &str, offset: u64) -> CompileError {
    let what = if what.starts_with("relaxed-simd: ") {
        what.to_string()
    } else {
        format!("simd: {}", what.strip_prefix("simd: ").unwrap_or(what))
    };
    CompileError::unsupported(
        format!("{what} needs vector support, which this target lacks (riscv64: add `--features +v`)"),
        offset,
    )
}

/// The Cranelift signature of wasm function type `ty`: `(vmctx, params..)
/// -> results`, in the wasm calling convention
/// ([`crate::trampolines::wasm_call_conv`]).
pub fn wasm_signature(isa: &dyn TargetIsa, ty: &wasmparser::FuncType) -> ir::Signature {
    let mut sig = ir::Signature::new(crate::trampolines::wasm_call_conv());
    sig.params.push(ir::AbiParam::special(isa.pointer_type(), ir::ArgumentPurpose::VMContext));
    for p in ty.params() {
        sig.params.push(ir::AbiParam::new(value_type(isa, *p)));
    }
    for r in ty.results() {
        sig.returns.push(ir::AbiParam::new(value_type(isa, *r)));
    }
    sig
}

/// The Cranelift type a wasm value is held in. References are pointers.
pub fn value_type(isa: &dyn TargetIsa, ty: wasmparser::ValType) -> ir::Type {
    use wasmparser::ValType;
    match ty {
        ValType::I32 => ir::types::I32,
        ValType::I64 => ir::types::I64,
        ValType::F32 => ir::types::F32,
        ValType::F64 => ir::types::F64,
        ValType::V128 => ir::types::I8X16,
        ValType::Ref(_) => isa.pointer_type(),
    }
}
