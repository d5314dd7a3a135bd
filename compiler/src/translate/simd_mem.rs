//! SIMD memory operators: `v128.load`/`store`, the splatting, zero-filling
//! and extending loads, and single-lane loads and stores. Addresses are
//! computed (and for bounds-checked memories checked) as for scalar accesses
//! (`memory.rs`), so an out-of-bounds access traps the same way.

use super::env::Access;
use super::simd::cast;
use super::FuncCx;
use crate::error::Result;
use cranelift_codegen::ir::types::{I16X8, I32, I32X4, I64, I64X2, I8X16};
use cranelift_codegen::ir::{self, InstBuilder, Opcode, Type, Value};
use wasmparser::{MemArg, Operator};

impl FuncCx<'_, '_> {
    /// Translates `op` if it is a SIMD memory operator; `Ok(false)`,
    /// touching nothing, for any other operator.
    pub(super) fn translate_simd_mem(&mut self, op: &Operator<'_>, offset: u64) -> Result<bool> {
        use Operator as O;
        match *op {
            O::V128Load { memarg } => self.op_load(&memarg, Opcode::Load, I8X16, offset)?,
            O::V128Store { memarg } => self.op_store(&memarg, Opcode::Store, offset)?,
            O::V128Load8x8S { memarg } => self.v128_load_extend(&memarg, Opcode::Sload8x8, offset)?,
            O::V128Load8x8U { memarg } => self.v128_load_extend(&memarg, Opcode::Uload8x8, offset)?,
            O::V128Load16x4S { memarg } => self.v128_load_extend(&memarg, Opcode::Sload16x4, offset)?,
            O::V128Load16x4U { memarg } => self.v128_load_extend(&memarg, Opcode::Uload16x4, offset)?,
            O::V128Load32x2S { memarg } => self.v128_load_extend(&memarg, Opcode::Sload32x2, offset)?,
            O::V128Load32x2U { memarg } => self.v128_load_extend(&memarg, Opcode::Uload32x2, offset)?,
            O::V128Load8Splat { memarg } => self.v128_load_splat(&memarg, I8X16, offset)?,
            O::V128Load16Splat { memarg } => self.v128_load_splat(&memarg, I16X8, offset)?,
            O::V128Load32Splat { memarg } => self.v128_load_splat(&memarg, I32X4, offset)?,
            O::V128Load64Splat { memarg } => self.v128_load_splat(&memarg, I64X2, offset)?,
            O::V128Load32Zero { memarg } => self.v128_load_zero(&memarg, I32X4, offset)?,
            O::V128Load64Zero { memarg } => self.v128_load_zero(&memarg, I64X2, offset)?,
            O::V128Load8Lane { memarg, lane } => self.v128_load_lane(&memarg, I8X16, lane, offset)?,
            O::V128Load16Lane { memarg, lane } => self.v128_load_lane(&memarg, I16X8, lane, offset)?,
            O::V128Load32Lane { memarg, lane } => self.v128_load_lane(&memarg, I32X4, lane, offset)?,
            O::V128Load64Lane { memarg, lane } => self.v128_load_lane(&memarg, I64X2, lane, offset)?,
            O::V128Store8Lane { memarg, lane } => self.v128_store_lane(&memarg, I8X16, lane, offset)?,
            O::V128Store16Lane { memarg, lane } => self.v128_store_lane(&memarg, I16X8, lane, offset)?,
            O::V128Store32Lane { memarg, lane } => self.v128_store_lane(&memarg, I32X4, lane, offset)?,
            O::V128Store64Lane { memarg, lane } => self.v128_store_lane(&memarg, I64X2, lane, offset)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Pushes a vector result as the stack's `i8x16`.
    fn push_vector(&mut self, v: Value) {
        let v = cast(&mut self.builder, v, I8X16);
        self.stack.push(v);
    }

    /// Loads the scalar of `ty`'s lane type (as an integer of that width).
    /// `None` when the access can never be in bounds (see `heap_addr`).
    fn load_lane_scalar(&mut self, memarg: &MemArg, ty: Type, offset: u64) -> Result<Option<Value>> {
        let lane = int_lane(ty);
        let Some((addr, imm)) = self.heap_addr(memarg, lane.bytes(), offset)? else { return Ok(None) };
        Ok(Some(self.load_op(Opcode::Load, lane, Access::Heap, addr, imm)))
    }

    /// `v128.loadNxM_{s,u}`: 8 bytes, each lane extended to twice its width.
    fn v128_load_extend(&mut self, memarg: &MemArg, opcode: Opcode, offset: u64) -> Result<()> {
        let Some((addr, imm)) = self.heap_addr(memarg, 8, offset)? else { return Ok(()) };
        // The controlling type of these loads is the address's.
        let v = self.load_op(opcode, self.ptr_type(), Access::Heap, addr, imm);
        self.push_vector(v);
        Ok(())
    }

    fn v128_load_splat(&mut self, memarg: &MemArg, ty: Type, offset: u64) -> Result<()> {
        let Some(x) = self.load_lane_scalar(memarg, ty, offset)? else { return Ok(()) };
        let v = self.builder.ins().splat(ty, x);
        self.push_vector(v);
        Ok(())
    }

    /// `v128.load{32,64}_zero`: the scalar in lane 0, zeros elsewhere.
    fn v128_load_zero(&mut self, memarg: &MemArg, ty: Type, offset: u64) -> Result<()> {
        let Some(x) = self.load_lane_scalar(memarg, ty, offset)? else { return Ok(()) };
        let v = self.builder.ins().scalar_to_vector(ty, x);
        self.push_vector(v);
        Ok(())
    }

    fn v128_load_lane(&mut self, memarg: &MemArg, ty: Type, lane: u8, offset: u64) -> Result<()> {
        let v = self.pop();
        let v = cast(&mut self.builder, v, ty);
        let Some(x) = self.load_lane_scalar(memarg, ty, offset)? else { return Ok(()) };
        let v = self.builder.ins().insertlane(v, x, lane);
        self.push_vector(v);
        Ok(())
    }

    fn v128_store_lane(&mut self, memarg: &MemArg, ty: Type, lane: u8, offset: u64) -> Result<()> {
        let v = self.pop();
        let v = cast(&mut self.builder, v, ty);
        let x = self.builder.ins().extractlane(v, lane);
        let size = self.builder.func.dfg.value_type(x).bytes();
        let Some((addr, imm)) = self.heap_addr(memarg, size, offset)? else { return Ok(()) };
        self.store_op(Opcode::Store, Access::Heap, x, addr, imm);
        Ok(())
    }
}

/// The integer type of `ty`'s lanes (lane loads and stores move bits).
fn int_lane(ty: Type) -> Type {
    match ty.lane_type() {
        ir::types::F32 => I32,
        ir::types::F64 => I64,
        lane => lane,
    }
}
