//! The address map: wasm code offsets (relative to the code section, as
//! wasm DWARF counts them) → native offsets within each compiled function,
//! from the srcloc ranges code generation recorded.

use super::wasm::Layout;
use super::FuncDebug;

/// One defined function's side of the map.
pub(super) struct FuncAddrs {
    /// Code-section-relative range of the body.
    pub wasm_start: u32,
    pub wasm_end: u32,
    /// Length of the native code.
    pub native_len: u32,
    /// `(native start, native end, code-relative wasm offset)`, by native start.
    pub by_native: Vec<(u32, u32, u32)>,
    /// The same ranges sorted by wasm offset, then native start.
    by_wasm: Vec<(u32, u32, u32)>,
}

impl FuncAddrs {
    /// A function's map from its `(native start, native end, wasm offset)`
    /// ranges, sorted by native start.
    pub fn from_ranges(wasm_start: u32, wasm_end: u32, native_len: u32, by_native: Vec<(u32, u32, u32)>) -> FuncAddrs {
        let mut by_wasm: Vec<(u32, u32, u32)> = by_native.iter().map(|&(s, e, w)| (w, s, e)).collect();
        by_wasm.sort_unstable();
        FuncAddrs { wasm_start, wasm_end, native_len, by_native, by_wasm }
    }
}

pub(super) struct AddrMap {
    /// Indexed by defined function.
    pub funcs: Vec<FuncAddrs>,
    /// Defined functions sorted by `wasm_start`.
    order: Vec<usize>,
}

impl AddrMap {
    /// `funcs[i]`: facts and native length of defined function `i`.
    pub fn new(layout: &Layout<'_>, funcs: &[(&FuncDebug, u32)]) -> AddrMap {
        let base = layout.code_start;
        let funcs: Vec<FuncAddrs> = layout
            .bodies
            .iter()
            .zip(funcs)
            .map(|(body, (debug, native_len))| {
                let by_native: Vec<(u32, u32, u32)> = debug
                    .srclocs
                    .iter()
                    .filter(|s| s.wasm >= body.start && s.wasm <= body.end)
                    .map(|s| (s.start, s.end, s.wasm - base))
                    .collect();
                FuncAddrs::from_ranges(body.start - base, body.end - base, *native_len, by_native)
            })
            .collect();
        let mut order: Vec<usize> = (0..funcs.len()).collect();
        order.sort_by_key(|&f| funcs[f].wasm_start);
        AddrMap { funcs, order }
    }

    /// The function whose body contains `wasm` (its end counts as inside).
    pub fn func_at(&self, wasm: u64) -> Option<usize> {
        let i = self.order.partition_point(|&f| self.funcs[f].wasm_start as u64 <= wasm).checked_sub(1)?;
        let f = self.order[i];
        (wasm <= self.funcs[f].wasm_end as u64).then_some(f)
    }

    /// The native position of wasm address `wasm`: the first native code of
    /// the first instruction at or after it.
    pub fn point(&self, wasm: u64) -> Option<(usize, u32)> {
        let f = self.func_at(wasm)?;
        let fa = &self.funcs[f];
        if wasm <= fa.wasm_start as u64 {
            return Some((f, 0));
        }
        let i = fa.by_wasm.partition_point(|&(w, _, _)| (w as u64) < wasm);
        Some((f, fa.by_wasm.get(i).map_or(fa.native_len, |&(_, s, _)| s)))
    }

    /// The native ranges of the code generated for wasm range
    /// `[begin, end)`, as `(function, start, end)`, sorted and merged.
    pub fn ranges(&self, begin: u64, end: u64) -> Vec<(usize, u32, u32)> {
        let Some(f) = self.func_at(begin) else { return Vec::new() };
        let fa = &self.funcs[f];
        if begin <= fa.wasm_start as u64 && end >= fa.wasm_end as u64 {
            return vec![(f, 0, fa.native_len)];
        }
        let mut out: Vec<(u32, u32)> = fa
            .by_wasm
            .iter()
            .skip(fa.by_wasm.partition_point(|&(w, _, _)| (w as u64) < begin))
            .take_while(|&&(w, _, _)| (w as u64) < end)
            .map(|&(_, s, e)| (s, e))
            .collect();
        out.sort_unstable();
        merge(&mut out);
        out.into_iter().map(|(s, e)| (f, s, e)).collect()
    }
}

/// Merges sorted ranges that touch or overlap.
pub(super) fn merge(ranges: &mut Vec<(u32, u32)>) {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for &(s, e) in ranges.iter() {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    *ranges = out;
}
