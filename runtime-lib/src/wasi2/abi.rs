//! Canonical ABI layouts of the values WASI 0.2 functions return through
//! memory: [`Lower`] stores a value at a guest address with its type's
//! size and alignment, allocating strings and lists through the guest's
//! `realloc`.

use super::{Cx, HostResult};
use alloc::string::String;
use alloc::vec::Vec;

/// A value with a canonical ABI layout in linear memory.
pub trait Lower {
    /// Size in bytes (a multiple of `ALIGN`).
    const SIZE: u32;
    /// Alignment in bytes.
    const ALIGN: u32;
    /// Stores the value at `ptr`, which is aligned and `SIZE` bytes long.
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()>;
}

/// `offset` rounded up to `align`.
pub const fn align_to(offset: u32, align: u32) -> u32 {
    offset.div_ceil(align) * align
}

const fn max(a: u32, b: u32) -> u32 {
    if a > b {
        a
    } else {
        b
    }
}

macro_rules! int {
    ($($t:ty),*) => {$(
        impl Lower for $t {
            const SIZE: u32 = core::mem::size_of::<$t>() as u32;
            const ALIGN: u32 = core::mem::size_of::<$t>() as u32;
            fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
                cx.write(ptr, &self.to_le_bytes())
            }
        }
    )*};
}
int!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl Lower for bool {
    const SIZE: u32 = 1;
    const ALIGN: u32 = 1;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        cx.write(ptr, &[u8::from(*self)])
    }
}

impl Lower for () {
    const SIZE: u32 = 0;
    const ALIGN: u32 = 1;
    fn store(&self, _: &mut Cx<'_>, _: u32) -> HostResult<()> {
        Ok(())
    }
}

/// `list<u8>` (and, through [`str`], `string`): a fresh copy in guest
/// memory, stored as pointer and length.
impl Lower for [u8] {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        let len = u32::try_from(self.len()).map_err(|_| super::HostTrap::Other("list too long"))?;
        let data = cx.alloc(1, len)?;
        cx.write(data, self)?;
        cx.store(ptr, &(data, len))
    }
}

impl Lower for str {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        self.as_bytes().store(cx, ptr)
    }
}

impl Lower for String {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        self.as_bytes().store(cx, ptr)
    }
}

impl Lower for Vec<u8> {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        self.as_slice().store(cx, ptr)
    }
}

impl<T: Lower + ?Sized> Lower for &T {
    const SIZE: u32 = T::SIZE;
    const ALIGN: u32 = T::ALIGN;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        (**self).store(cx, ptr)
    }
}

/// A list of any other element type.
pub struct List<T>(pub Vec<T>);

impl<T: Lower> Lower for List<T> {
    const SIZE: u32 = 8;
    const ALIGN: u32 = 4;
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        let len = u32::try_from(self.0.len()).map_err(|_| super::HostTrap::Other("list too long"))?;
        let bytes = len.checked_mul(T::SIZE).ok_or(super::HostTrap::Other("list too long"))?;
        let data = cx.alloc(T::ALIGN, bytes)?;
        for (i, item) in self.0.iter().enumerate() {
            item.store(cx, data + i as u32 * T::SIZE)?;
        }
        cx.store(ptr, &(data, len))
    }
}

impl<A: Lower, B: Lower> Lower for (A, B) {
    const ALIGN: u32 = max(A::ALIGN, B::ALIGN);
    const SIZE: u32 = align_to(align_to(A::SIZE, B::ALIGN) + B::SIZE, Self::ALIGN);
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        self.0.store(cx, ptr)?;
        self.1.store(cx, ptr + align_to(A::SIZE, B::ALIGN))
    }
}

impl<T: Lower> Lower for Option<T> {
    const ALIGN: u32 = max(1, T::ALIGN);
    const SIZE: u32 = align_to(align_to(1, T::ALIGN) + T::SIZE, Self::ALIGN);
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        match self {
            None => cx.write(ptr, &[0]),
            Some(v) => {
                cx.write(ptr, &[1])?;
                v.store(cx, ptr + align_to(1, T::ALIGN))
            }
        }
    }
}

impl<T: Lower, E: Lower> Lower for Result<T, E> {
    const ALIGN: u32 = max(1, max(T::ALIGN, E::ALIGN));
    const SIZE: u32 = align_to(align_to(1, max(T::ALIGN, E::ALIGN)) + max(T::SIZE, E::SIZE), Self::ALIGN);
    fn store(&self, cx: &mut Cx<'_>, ptr: u32) -> HostResult<()> {
        let payload = ptr + align_to(1, max(T::ALIGN, E::ALIGN));
        match self {
            Ok(v) => {
                cx.write(ptr, &[0])?;
                v.store(cx, payload)
            }
            Err(e) => {
                cx.write(ptr, &[1])?;
                e.store(cx, payload)
            }
        }
    }
}

/// Implements [`Lower`] for a WIT record: fields in order, each at its
/// alignment.
#[macro_export]
#[doc(hidden)]
macro_rules! wit_record {
    ($(#[$doc:meta])* pub struct $name:ident { $( $(#[$fdoc:meta])* pub $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        pub struct $name { $( $(#[$fdoc])* pub $field: $ty ),* }

        impl $crate::wasi2::abi::Lower for $name {
            const ALIGN: u32 = {
                let mut a = 1;
                $( if <$ty as $crate::wasi2::abi::Lower>::ALIGN > a { a = <$ty as $crate::wasi2::abi::Lower>::ALIGN; } )*
                a
            };
            const SIZE: u32 = {
                let mut s = 0;
                $( s = $crate::wasi2::abi::align_to(s, <$ty as $crate::wasi2::abi::Lower>::ALIGN)
                    + <$ty as $crate::wasi2::abi::Lower>::SIZE; )*
                $crate::wasi2::abi::align_to(s, Self::ALIGN)
            };
            fn store(&self, cx: &mut $crate::wasi2::Cx<'_>, ptr: u32) -> $crate::wasi2::HostResult<()> {
                let mut offset = 0;
                $(
                    offset = $crate::wasi2::abi::align_to(offset, <$ty as $crate::wasi2::abi::Lower>::ALIGN);
                    $crate::wasi2::abi::Lower::store(&self.$field, cx, ptr + offset)?;
                    offset += <$ty as $crate::wasi2::abi::Lower>::SIZE;
                )*
                debug_assert!(offset <= <Self as $crate::wasi2::abi::Lower>::SIZE);
                Ok(())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_follow_the_canonical_abi() {
        assert_eq!(<Result<u64, u8>>::SIZE, 16);
        assert_eq!(<Result<u64, u8>>::ALIGN, 8);
        assert_eq!(<Result<(), u8>>::SIZE, 2);
        assert_eq!(<Option<(u64, u32)>>::SIZE, 24);
        assert_eq!(<(u32, String)>::SIZE, 12);
        assert_eq!(<Result<List<u8>, u8>>::SIZE, 12);
        assert_eq!(<Option<u32>>::SIZE, 8);
    }
}
