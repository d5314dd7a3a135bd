//! Small objects written with `object::write`, for error paths and for the
//! unmap check (which reads /proc/self/maps, so every test here holds a
//! lock while it has an image mapped).

use kiln_loader::{load, LoadError};
use object::write::{Object, Relocation, StandardSection, Symbol, SymbolSection};
use object::{Architecture, BinaryFormat, Endianness, RelocationFlags, SymbolFlags, SymbolKind, SymbolScope};
use std::sync::Mutex;

static MAPS: Mutex<()> = Mutex::new(());

/// `mov eax, 42; ret` as global `f`, plus a relocation of `r_type` at
/// `offset` against undefined symbol `ext` when given.
fn object(reloc: Option<(u64, u32)>) -> Vec<u8> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little);
    let text = obj.section_id(StandardSection::Text);
    let off = obj.append_section_data(text, &[0xb8, 42, 0, 0, 0, 0xc3], 16);
    obj.add_symbol(Symbol {
        name: b"f".to_vec(),
        value: off,
        size: 6,
        kind: SymbolKind::Text,
        scope: SymbolScope::Dynamic,
        weak: false,
        section: SymbolSection::Section(text),
        flags: SymbolFlags::None,
    });
    if let Some((offset, r_type)) = reloc {
        let ext = obj.add_symbol(Symbol {
            name: b"ext".to_vec(),
            value: 0,
            size: 0,
            kind: SymbolKind::Data,
            scope: SymbolScope::Unknown,
            weak: false,
            section: SymbolSection::Undefined,
            flags: SymbolFlags::None,
        });
        obj.add_relocation(text, Relocation { offset, symbol: ext, addend: 0, flags: RelocationFlags::Elf { r_type } })
            .unwrap();
    }
    obj.write().unwrap()
}

fn mapped(range: std::ops::Range<usize>) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    maps.lines().any(|line| {
        let span = line.split_whitespace().next().unwrap();
        let (a, b) = span.split_once('-').unwrap();
        let (a, b) = (usize::from_str_radix(a, 16).unwrap(), usize::from_str_radix(b, 16).unwrap());
        a < range.end && b > range.start
    })
}

#[cfg(target_arch = "x86_64")]
#[test]
fn images_unmap_on_drop() {
    let _guard = MAPS.lock().unwrap();
    let image = load(&object(None), &|_| None).unwrap();
    // SAFETY: f is `mov eax, 42; ret`.
    let f: extern "C" fn() -> i32 = unsafe { std::mem::transmute(image.symbol("f").unwrap()) };
    assert_eq!(f(), 42);
    let range = image.base() as usize..image.base() as usize + image.len();
    assert!(mapped(range.clone()));
    drop(image);
    assert!(!mapped(range), "the image is unmapped");
}

#[test]
fn unsupported_relocations_are_named_with_their_offset() {
    let _guard = MAPS.lock().unwrap();
    let err = load(&object(Some((1, object::elf::R_X86_64_SIZE32))), &|_| Some(0)).unwrap_err();
    assert_eq!(err.to_string(), "section .text offset 0x1: unsupported x86_64 relocation R_X86_64_SIZE32");
    let err = load(&object(Some((1, 200))), &|_| Some(0)).unwrap_err();
    assert_eq!(err.to_string(), "section .text offset 0x1: unsupported x86_64 relocation type 200");
}

#[test]
fn relocations_past_the_section_end_are_refused() {
    let _guard = MAPS.lock().unwrap();
    let err = load(&object(Some((2, object::elf::R_X86_64_64))), &|_| Some(0)).unwrap_err();
    assert!(matches!(err, LoadError::RelocationOutOfBounds { offset: 2, size: 6, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "section .text offset 0x2: R_X86_64_64 relocation does not fit inside the section (6 bytes)"
    );
}

#[test]
fn out_of_range_values_are_errors_not_truncations() {
    let _guard = MAPS.lock().unwrap();
    // A PC-relative field cannot reach address 16 from an mmap()ed image.
    let err = load(&object(Some((1, object::elf::R_X86_64_PC32))), &|_| Some(16)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("section .text offset 0x1: R_X86_64_PC32 against ext: value"), "{msg}");
    assert!(msg.ends_with("does not fit in 32 bits (the image or target is too far)"), "{msg}");
}

#[test]
fn an_object_without_sections_loads_empty() {
    let _guard = MAPS.lock().unwrap();
    let obj = Object::new(BinaryFormat::Elf, Architecture::X86_64, Endianness::Little).write().unwrap();
    let image = load(&obj, &|_| None).unwrap();
    assert_eq!(image.symbols().count(), 0);
    assert!(image.text().is_empty() && image.rodata().is_empty() && image.data().is_empty());
}
