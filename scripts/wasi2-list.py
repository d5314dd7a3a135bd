#!/usr/bin/env python3
"""Prints the body of `foreach_wasi2!` (runtime-lib/abi/src/wasi2.rs): every
WASI 0.2 function with its core (canonical ABI, flattened) signature.

The signatures are read from the import declarations wit-bindgen generated
for the crates.io crate `wasip2` (`src/imports.rs`), which follows the WASI
WIT of its version. Usage: scripts/wasi2-list.py PATH/TO/wasip2/src/imports.rs
"""
import re
import sys

TYPES = {"i32": "i32", "u32": "i32", "*mut u8": "i32", "*const u8": "i32", "usize": "i32",
         "i64": "i64", "u64": "i64", "f32": "f32", "f64": "f64"}


def ident(module, name):
    iface = module.split("/")[1].split("@")[0]
    for prefix, fmt in (("[method]", "{}"), ("[static]", "{}"), ("[constructor]", "new_{}"),
                        ("[resource-drop]", "drop_{}")):
        if name.startswith(prefix):
            rest = name[len(prefix):]
            if prefix == "[constructor]" or prefix == "[resource-drop]":
                return fmt.format(rest).replace("-", "_").replace(".", "_")
            return rest.replace("-", "_").replace(".", "_")
    return (iface + "_" + name).replace("-", "_")


def escape(s):
    return "".join(c if c.isascii() and c.isalnum() else "_%02x" % ord(c) for c in s)


def main():
    text = open(sys.argv[1]).read()
    pat = re.compile(r'#\[link\(\s*wasm_import_module = "([^"]+)"\s*\)\]\s*unsafe extern "C" \{\s*'
                     r'#\[link_name = "([^"]+)"\]\s*fn \w+\(([^)]*)\)( -> [^;]+)?;', re.S)
    seen = set()
    for m in pat.finditer(text):
        module, name, params, ret = m.groups()
        module = re.sub(r"@0\.2\.\d+$", "@0.2", module)
        if (module, name) in seen:
            continue
        seen.add((module, name))
        types = [TYPES[p.split(":")[1].strip()] for p in params.split(",") if p.strip()]
        args = ", ".join("p%d: %s" % (i, t) for i, t in enumerate(types))
        result = " -> " + TYPES[ret[4:].strip()] if ret else ""
        symbol = "kiln_import_" + escape(module) + "__" + escape(name)
        print('            %s "%s" "%s" "%s" (%s)%s;' % (ident(module, name), module, name, symbol, args, result))
    # The canonical built-ins for resources a component defines itself.
    for name, ident_, params, result in (("resource-new", "component_resource_new", "p0: i32", " -> i32"),
                                         ("resource-rep", "component_resource_rep", "p0: i32", " -> i32"),
                                         ("resource-drop", "component_resource_drop", "p0: i32", "")):
        symbol = "kiln_import_" + escape("kiln:component") + "__" + escape(name)
        print('            %s "kiln:component" "%s" "%s" (%s)%s;' % (ident_, name, symbol, params, result))


main()
