//! The C header `kiln compile` writes beside an object.
