//! Runs a component's definitions symbolically, the way instantiating it
//! would, and records what that instantiation does: which core modules
//! are instantiated, in what order, with which imports bound to what, and
//! which component exports end up as which lifted core functions.
//!
//! Nested components are inlined: instantiating one evaluates its body
//! with its imports bound to the arguments. What cannot be fused into one
//! core module is refused here, naming the construct and its offset.

use super::summary::{kind_slot, ref_slot, CoreModule, KINDS};
use crate::error::{CompileError, Result};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use wasmparser::{
    CanonicalFunction, CanonicalOption, ComponentAlias, ComponentExternalKind, ComponentOuterAliasKind, ComponentType,
    ComponentTypeRef, Instance, Parser, Payload,
};

/// A core item after resolution: what an import of a core module is bound
/// to in the fused module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoreDef {
    /// Item `index` of kind slot `slot` (see `core::KINDS`), counting the
    /// module's imports, of instantiation `inst`; never an imported index
    /// (those are followed to their definitions).
    Item { inst: usize, slot: usize, index: u32 },
    /// A function the host provides: an index into [`Graph::host`].
    Host(usize),
}

/// How a host function is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFunc {
    /// Import module and name in the fused module (the interface with its
    /// version normalized, and the function).
    pub module: String,
    pub name: String,
    /// The two constants its wrapper passes first: for lowered functions
    /// the memory index and the realloc function (resolved later; `None`
    /// when the options give none), for resource built-ins the resource's
    /// number and its destructor.
    pub memory: Option<CoreDef>,
    pub realloc: Option<CoreDef>,
    /// Resource built-ins: the local resource number.
    pub resource: Option<u32>,
    /// Offset of the canonical definition, for errors.
    pub offset: u64,
}

/// A core instantiation, in instantiation order.
#[derive(Debug)]
pub struct Instantiation {
    /// Index into [`Graph::modules`].
    pub module: usize,
    /// What each import (in the module's import order) is bound to.
    pub imports: Vec<CoreDef>,
}

/// A lifted function the component exports.
#[derive(Debug, Clone)]
pub struct Lifted {
    pub core: CoreDef,
    pub post_return: Option<CoreDef>,
    pub offset: u64,
}

/// What evaluating the component produced.
#[derive(Debug, Default)]
pub struct Graph {
    pub modules: Vec<CoreModule>,
    pub instantiations: Vec<Instantiation>,
    pub host: Vec<HostFunc>,
    /// The top-level exports, by name.
    pub exports: HashMap<String, Item>,
    /// Local resources: their destructors.
    pub resources: Vec<Option<CoreDef>>,
}

/// A component-level function.
#[derive(Debug, Clone)]
pub enum Func {
    /// Function `name` of host interface `iface` (`$root` for a function
    /// the component imports directly).
    Host {
        iface: String,
        name: String,
    },
    Lifted(Lifted),
}

/// A component-level type, as far as the fuser cares: which resource it is.
#[derive(Debug, Clone)]
pub enum Ty {
    /// Resource `name` of host interface `iface`.
    Host {
        iface: String,
        name: String,
    },
    /// A resource this component defines: its number.
    Local(u32),
    Other,
}

/// A component-level item.
#[derive(Debug, Clone)]
pub enum Item {
    Func(Func),
    /// An instance the host provides (an imported interface).
    HostInstance(String),
    Instance(Rc<HashMap<String, Item>>),
    Type(Ty),
    Module(usize),
    Component(Rc<ComponentDef>),
}

/// A nested component, and the outer index spaces its outer aliases see.
#[derive(Debug)]
pub struct ComponentDef {
    range: Range<usize>,
    /// The enclosing scopes' modules, types and components, innermost first.
    outer: Vec<Rc<OuterView>>,
}

/// What an outer alias can name in an enclosing scope.
#[derive(Debug, Default)]
struct OuterView {
    modules: Vec<usize>,
    types: Vec<Ty>,
    components: Vec<Rc<ComponentDef>>,
}

/// A core instance value.
#[derive(Debug, Clone)]
enum CoreInstance {
    Instantiated(usize),
    Bag(Rc<HashMap<String, CoreDef>>),
}

/// The index spaces of one component body being evaluated.
#[derive(Default)]
struct Scope {
    modules: Vec<usize>,
    core_instances: Vec<CoreInstance>,
    /// Core funcs, tables, memories, globals, tags.
    core: [Vec<CoreDef>; KINDS],
    funcs: Vec<Func>,
    instances: Vec<Item>,
    types: Vec<Ty>,
    components: Vec<Rc<ComponentDef>>,
    exports: HashMap<String, Item>,
}

fn unsupported<T>(what: impl Into<String>, offset: u64) -> Result<T> {
    Err(CompileError::unsupported(what, offset))
}

fn invalid<T>(message: impl Into<String>, offset: u64) -> Result<T> {
    Err(CompileError::Invalid { offset, message: message.into() })
}

/// `wasi:io/streams@0.2.12` → `wasi:io/streams@0.2`: kiln implements every
/// 0.2.x release of an interface with one set of functions.
pub fn normalize_interface(name: &str) -> String {
    if let Some((base, version)) = name.split_once('@') {
        if let Some(rest) = version.strip_prefix("0.2.") {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{base}@0.2");
            }
        }
        if version == "0.2" {
            return name.to_string();
        }
    }
    name.to_string()
}

/// Evaluates the component in `bytes`.
pub fn evaluate(bytes: &[u8]) -> Result<Graph> {
    let mut graph = Graph::default();
    let mut ev = Evaluator { bytes, graph: &mut graph, depth: 0 };
    let exports = ev.component(0..bytes.len(), &[], None)?;
    graph.exports = exports;
    Ok(graph)
}

struct Evaluator<'a, 'g> {
    bytes: &'a [u8],
    graph: &'g mut Graph,
    depth: u32,
}

impl Evaluator<'_, '_> {
    /// Evaluates the component at `range`; `args` binds its imports (None
    /// at the top level, where imports come from the host).
    fn component(
        &mut self,
        range: Range<usize>,
        outer: &[Rc<OuterView>],
        args: Option<&HashMap<String, Item>>,
    ) -> Result<HashMap<String, Item>> {
        self.depth += 1;
        if self.depth > 64 {
            return unsupported("components nested more than 64 deep", range.start as u64);
        }
        let mut scope = Scope::default();
        let parser = Parser::new(range.start as u64);
        let mut skip = 0u32;
        for payload in parser.parse_all(&self.bytes[range.clone()]) {
            let payload = payload?;
            // Nested modules' and components' own payloads follow their
            // section; they are read when instantiated.
            if skip > 0 {
                match payload {
                    Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => skip += 1,
                    Payload::End(_) => skip -= 1,
                    _ => {}
                }
                continue;
            }
            self.payload(payload, &mut scope, outer, args, &mut skip)?;
        }
        self.depth -= 1;
        Ok(scope.exports)
    }

    fn payload(
        &mut self,
        payload: Payload<'_>,
        scope: &mut Scope,
        outer: &[Rc<OuterView>],
        args: Option<&HashMap<String, Item>>,
        skip: &mut u32,
    ) -> Result<()> {
        match payload {
            Payload::ModuleSection { unchecked_range, .. } => {
                let module = CoreModule::read(self.bytes, to_usize(unchecked_range))?;
                self.graph.modules.push(module);
                scope.modules.push(self.graph.modules.len() - 1);
                *skip = 1;
            }
            Payload::ComponentSection { unchecked_range, .. } => {
                let mut views = vec![Rc::new(OuterView {
                    modules: scope.modules.clone(),
                    types: scope.types.clone(),
                    components: scope.components.clone(),
                })];
                views.extend(outer.iter().cloned());
                scope.components.push(Rc::new(ComponentDef { range: to_usize(unchecked_range), outer: views }));
                *skip = 1;
            }
            Payload::InstanceSection(reader) => {
                for instance in reader.into_iter_with_offsets() {
                    let (offset, instance) = instance?;
                    let value = self.core_instance(scope, instance, offset)?;
                    scope.core_instances.push(value);
                }
            }
            Payload::CoreTypeSection(_) => {}
            Payload::ComponentInstanceSection(reader) => {
                for instance in reader.into_iter_with_offsets() {
                    let (offset, instance) = instance?;
                    let item = match instance {
                        wasmparser::ComponentInstance::Instantiate { component_index, args } => {
                            let def = get(&scope.components, component_index, offset)?.clone();
                            let mut bound = HashMap::new();
                            for arg in args.iter() {
                                let item = scope_item(scope, arg.kind, arg.index, offset)?;
                                bound.insert(arg.name.to_string(), item);
                            }
                            let exports = self.component(def.range.clone(), &def.outer, Some(&bound))?;
                            Item::Instance(Rc::new(exports))
                        }
                        wasmparser::ComponentInstance::FromExports(exports) => {
                            let mut bag = HashMap::new();
                            for e in exports.iter() {
                                bag.insert(e.name.name.to_string(), scope_item(scope, e.kind, e.index, offset)?);
                            }
                            Item::Instance(Rc::new(bag))
                        }
                    };
                    scope.instances.push(item);
                }
            }
            Payload::ComponentAliasSection(reader) => {
                for alias in reader.into_iter_with_offsets() {
                    let (offset, alias) = alias?;
                    self.alias(scope, outer, alias, offset)?;
                }
            }
            Payload::ComponentTypeSection(reader) => {
                for ty in reader.into_iter_with_offsets() {
                    let (offset, ty) = ty?;
                    let ty = match ty {
                        ComponentType::Resource { dtor, .. } => {
                            let dtor = match dtor {
                                Some(f) => Some(*get(&scope.core[0], f, offset)?),
                                None => None,
                            };
                            self.graph.resources.push(dtor);
                            Ty::Local(self.graph.resources.len() as u32 - 1)
                        }
                        _ => Ty::Other,
                    };
                    scope.types.push(ty);
                }
            }
            Payload::ComponentCanonicalSection(reader) => {
                for canon in reader.into_iter_with_offsets() {
                    let (offset, canon) = canon?;
                    self.canonical(scope, canon, offset)?;
                }
            }
            Payload::ComponentStartSection { range, .. } => {
                return unsupported("component start functions", range.start);
            }
            Payload::ComponentImportSection(reader) => {
                for import in reader.into_iter_with_offsets() {
                    let (offset, import) = import?;
                    let name = import.name.name;
                    let item = match args {
                        Some(args) => match args.get(name) {
                            Some(item) => item.clone(),
                            None => return invalid(format!("import `{name}` is not given"), offset),
                        },
                        None => host_import(name, import.ty, offset)?,
                    };
                    push_item(scope, item);
                }
            }
            Payload::ComponentExportSection(reader) => {
                for export in reader.into_iter_with_offsets() {
                    let (offset, export) = export?;
                    let item = scope_item(scope, export.kind, export.index, offset)?;
                    scope.exports.insert(export.name.name.to_string(), item.clone());
                    // An export is also a new index in its sort.
                    push_item(scope, item);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn core_instance(&mut self, scope: &Scope, instance: Instance<'_>, offset: u64) -> Result<CoreInstance> {
        match instance {
            Instance::Instantiate { module_index, args } => {
                let module = *get(&scope.modules, module_index, offset)?;
                let mut named: HashMap<&str, &CoreInstance> = HashMap::new();
                for arg in args.iter() {
                    named.insert(arg.name, get(&scope.core_instances, arg.index, offset)?);
                }
                let mut imports = Vec::new();
                for import in &self.graph.modules[module].imports {
                    let Some(from) = named.get(import.module.as_str()) else {
                        return invalid(format!("no instance is given for imports from `{}`", import.module), offset);
                    };
                    let def = self.core_export(from, &import.name, ref_slot(&import.ty), import.offset)?;
                    imports.push(def);
                }
                self.graph.instantiations.push(Instantiation { module, imports });
                Ok(CoreInstance::Instantiated(self.graph.instantiations.len() - 1))
            }
            Instance::FromExports(exports) => {
                let mut bag = HashMap::new();
                for e in exports.iter() {
                    let def = *get(&scope.core[kind_slot(e.kind)], e.index, offset)?;
                    bag.insert(e.name.to_string(), def);
                }
                Ok(CoreInstance::Bag(Rc::new(bag)))
            }
        }
    }

    /// Export `name` (of kind slot `slot`) of a core instance, followed to
    /// its definition.
    fn core_export(&self, from: &CoreInstance, name: &str, slot: usize, offset: u64) -> Result<CoreDef> {
        match from {
            CoreInstance::Bag(bag) => match bag.get(name) {
                Some(def) => Ok(*def),
                None => invalid(format!("the instance has no export `{name}`"), offset),
            },
            CoreInstance::Instantiated(inst) => {
                let module = &self.graph.modules[self.graph.instantiations[*inst].module];
                match module.exports.get(name) {
                    Some(&(s, index)) if s == slot => Ok(self.definition(*inst, slot, index)),
                    _ => invalid(format!("the instance has no export `{name}` of the right kind"), offset),
                }
            }
        }
    }

    /// Item `index` of kind `slot` in instantiation `inst`, followed
    /// through imports to its definition.
    fn definition(&self, inst: usize, slot: usize, index: u32) -> CoreDef {
        let instantiation = &self.graph.instantiations[inst];
        let module = &self.graph.modules[instantiation.module];
        if index >= module.imported[slot] {
            return CoreDef::Item { inst, slot, index };
        }
        // The index-th import of this kind.
        let (position, _) = module
            .imports
            .iter()
            .enumerate()
            .filter(|(_, i)| ref_slot(&i.ty) == slot)
            .nth(index as usize)
            .expect("import counts match the import list");
        instantiation.imports[position]
    }

    fn alias(
        &mut self,
        scope: &mut Scope,
        outer: &[Rc<OuterView>],
        alias: ComponentAlias<'_>,
        offset: u64,
    ) -> Result<()> {
        match alias {
            ComponentAlias::InstanceExport { kind, instance_index, name } => {
                let instance = get(&scope.instances, instance_index, offset)?.clone();
                let item = match &instance {
                    Item::HostInstance(iface) => match kind {
                        ComponentExternalKind::Func => {
                            Item::Func(Func::Host { iface: iface.clone(), name: name.to_string() })
                        }
                        ComponentExternalKind::Type => {
                            Item::Type(Ty::Host { iface: iface.clone(), name: name.to_string() })
                        }
                        _ => return unsupported(format!("aliasing a {kind:?} of an imported instance"), offset),
                    },
                    Item::Instance(bag) => match bag.get(name) {
                        Some(item) => item.clone(),
                        None => return invalid(format!("the instance has no export `{name}`"), offset),
                    },
                    _ => return invalid("alias of a non-instance", offset),
                };
                push_item(scope, item);
            }
            ComponentAlias::CoreInstanceExport { kind, instance_index, name } => {
                let instance = get(&scope.core_instances, instance_index, offset)?.clone();
                let slot = kind_slot(kind);
                let def = self.core_export(&instance, name, slot, offset)?;
                scope.core[slot].push(def);
            }
            ComponentAlias::Outer { kind, count, index } => {
                let Some(view) = count.checked_sub(1).and_then(|c| outer.get(c as usize)) else {
                    return invalid("outer alias beyond the outermost component", offset);
                };
                match kind {
                    ComponentOuterAliasKind::CoreModule => scope.modules.push(*get(&view.modules, index, offset)?),
                    ComponentOuterAliasKind::Type => scope.types.push(get(&view.types, index, offset)?.clone()),
                    ComponentOuterAliasKind::Component => {
                        scope.components.push(get(&view.components, index, offset)?.clone())
                    }
                    ComponentOuterAliasKind::CoreType => {}
                }
            }
        }
        Ok(())
    }

    fn canonical(&mut self, scope: &mut Scope, canon: CanonicalFunction, offset: u64) -> Result<()> {
        match canon {
            CanonicalFunction::Lift { core_func_index, options, .. } => {
                let core = *get(&scope.core[0], core_func_index, offset)?;
                let opts = Options::read(scope, &options, offset)?;
                scope.funcs.push(Func::Lifted(Lifted { core, post_return: opts.post_return, offset }));
            }
            CanonicalFunction::Lower { func_index, options } => {
                let func = get(&scope.funcs, func_index, offset)?.clone();
                let opts = Options::read(scope, &options, offset)?;
                let (iface, name) = match func {
                    Func::Host { iface, name } => (iface, name),
                    Func::Lifted(_) => {
                        return unsupported(
                            "calls from one component into another (`canon lower` of a lifted function)",
                            offset,
                        )
                    }
                };
                let host = HostFunc {
                    module: normalize_interface(&iface),
                    name,
                    memory: opts.memory,
                    realloc: opts.realloc,
                    resource: None,
                    offset,
                };
                self.push_host(scope, host);
            }
            CanonicalFunction::ResourceDrop { resource } => {
                let host = match get(&scope.types, resource, offset)? {
                    Ty::Host { iface, name } => HostFunc {
                        module: normalize_interface(iface),
                        name: format!("[resource-drop]{name}"),
                        memory: None,
                        realloc: None,
                        resource: None,
                        offset,
                    },
                    Ty::Local(n) => local_builtin("resource-drop", *n, offset),
                    Ty::Other => return invalid("resource.drop of a type that is not a resource", offset),
                };
                self.push_host(scope, host);
            }
            CanonicalFunction::ResourceNew { resource } | CanonicalFunction::ResourceRep { resource } => {
                let what = if matches!(canon, CanonicalFunction::ResourceNew { .. }) {
                    "resource-new"
                } else {
                    "resource-rep"
                };
                let Ty::Local(n) = get(&scope.types, resource, offset)? else {
                    return invalid(format!("{what} of a resource this component does not define"), offset);
                };
                let host = local_builtin(what, *n, offset);
                self.push_host(scope, host);
            }
            other => {
                let name = format!("{other:?}");
                let name = name.split([' ', '{', '(']).next().unwrap_or("?").to_string();
                return unsupported(format!("the canonical built-in `{name}` (async, streams and threads)"), offset);
            }
        }
        Ok(())
    }

    fn push_host(&mut self, scope: &mut Scope, host: HostFunc) {
        self.graph.host.push(host);
        scope.core[0].push(CoreDef::Host(self.graph.host.len() - 1));
    }
}

fn local_builtin(name: &str, resource: u32, offset: u64) -> HostFunc {
    HostFunc {
        module: "kiln:component".into(),
        name: name.into(),
        memory: None,
        realloc: None,
        resource: Some(resource),
        offset,
    }
}

/// The canonical options kiln acts on.
struct Options {
    memory: Option<CoreDef>,
    realloc: Option<CoreDef>,
    post_return: Option<CoreDef>,
}

impl Options {
    fn read(scope: &Scope, options: &[CanonicalOption], offset: u64) -> Result<Options> {
        let mut o = Options { memory: None, realloc: None, post_return: None };
        for option in options {
            match *option {
                CanonicalOption::UTF8 => {}
                CanonicalOption::UTF16 | CanonicalOption::CompactUTF16 => {
                    return unsupported("string encodings other than UTF-8 (`string-encoding=utf16`)", offset)
                }
                CanonicalOption::Memory(m) => o.memory = Some(*get(&scope.core[2], m, offset)?),
                CanonicalOption::Realloc(f) => o.realloc = Some(*get(&scope.core[0], f, offset)?),
                CanonicalOption::PostReturn(f) => o.post_return = Some(*get(&scope.core[0], f, offset)?),
                CanonicalOption::Async | CanonicalOption::Callback(_) => {
                    return unsupported("async component functions", offset)
                }
                CanonicalOption::CoreType(_) | CanonicalOption::Gc => {
                    return unsupported("the GC canonical ABI (`gc` option)", offset)
                }
            }
        }
        Ok(o)
    }
}

/// What a top-level import stands for: everything comes from the host.
fn host_import(name: &str, ty: ComponentTypeRef, offset: u64) -> Result<Item> {
    Ok(match ty {
        ComponentTypeRef::Instance(_) => Item::HostInstance(name.to_string()),
        ComponentTypeRef::Func(_) => Item::Func(Func::Host { iface: "$root".into(), name: name.to_string() }),
        ComponentTypeRef::Type(_) => Item::Type(Ty::Host { iface: "$root".into(), name: name.to_string() }),
        ComponentTypeRef::Module(_) => return unsupported(format!("importing core module `{name}`"), offset),
        ComponentTypeRef::Component(_) => return unsupported(format!("importing component `{name}`"), offset),
        ComponentTypeRef::Value(_) => return unsupported(format!("importing value `{name}`"), offset),
    })
}

/// Adds `item` at the end of its sort's index space.
fn push_item(scope: &mut Scope, item: Item) {
    match item {
        Item::Func(f) => scope.funcs.push(f),
        Item::HostInstance(_) | Item::Instance(_) => scope.instances.push(item),
        Item::Type(t) => scope.types.push(t),
        Item::Module(m) => scope.modules.push(m),
        Item::Component(c) => scope.components.push(c),
    }
}

/// Item `index` of sort `kind` in `scope`.
fn scope_item(scope: &Scope, kind: ComponentExternalKind, index: u32, offset: u64) -> Result<Item> {
    Ok(match kind {
        ComponentExternalKind::Func => Item::Func(get(&scope.funcs, index, offset)?.clone()),
        ComponentExternalKind::Instance => get(&scope.instances, index, offset)?.clone(),
        ComponentExternalKind::Type => Item::Type(get(&scope.types, index, offset)?.clone()),
        ComponentExternalKind::Module => Item::Module(*get(&scope.modules, index, offset)?),
        ComponentExternalKind::Component => Item::Component(get(&scope.components, index, offset)?.clone()),
        ComponentExternalKind::Value => return unsupported("component values", offset),
    })
}

fn get<T>(space: &[T], index: u32, offset: u64) -> Result<&T> {
    match space.get(index as usize) {
        Some(t) => Ok(t),
        None => invalid(format!("index {index} out of bounds"), offset),
    }
}

fn to_usize(range: Range<u64>) -> Range<usize> {
    range.start as usize..range.end as usize
}

#[cfg(test)]
mod tests {
    use super::normalize_interface;

    #[test]
    fn interface_versions_normalize_within_0_2() {
        assert_eq!(normalize_interface("wasi:io/streams@0.2.12"), "wasi:io/streams@0.2");
        assert_eq!(normalize_interface("wasi:io/streams@0.2.0"), "wasi:io/streams@0.2");
        assert_eq!(normalize_interface("wasi:io/streams@0.2"), "wasi:io/streams@0.2");
        assert_eq!(normalize_interface("wasi:io/streams@0.3.0"), "wasi:io/streams@0.3.0");
        assert_eq!(normalize_interface("wasi:io/streams@0.2.0-rc1"), "wasi:io/streams@0.2.0-rc1");
        assert_eq!(normalize_interface("my:app/api"), "my:app/api");
    }
}
