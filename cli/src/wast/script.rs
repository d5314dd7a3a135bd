//! One `.wast` script: its modules, instances and registrations, and the
//! execution of each directive against the engine.
//!
//! Every directive is one test: `Ok` passes, `Err` fails with a message.
//! Modules go through the same path as `kiln run` (compile → blob → load →
//! instantiate); traps are caught by the engine and compared with the
//! spec message the assertion names.

use super::matching;
use crate::engine::instance::{global_value, CallError};
use crate::engine::spectest::SpecTest;
use crate::engine::value::Val;
use crate::engine::{Engine, Extern, Instance, InstantiateFailure, Module, Store};
use ::wast::core::WastArgCore;
use ::wast::{QuoteWat, WastArg, WastDirective, WastExecute, WastInvoke, WastRet, Wat};
use anyhow::{anyhow, bail, ensure, Context, Result};
use kiln_abi::TrapKind;
use kiln_compiler::CompileError;
use std::collections::HashMap;

/// The state of one script.
pub struct Script<'e> {
    engine: &'e Engine,
    store: Store,
    spectest: SpecTest,
    /// The most recently instantiated module.
    current: Option<Instance>,
    /// Instances by `$id`.
    named: HashMap<String, Instance>,
    /// `module definition`s by `$id`, and the latest one.
    definitions: HashMap<String, Module>,
    last_definition: Option<Module>,
    /// Instances registered for import under a module name.
    registered: HashMap<String, Instance>,
}

/// What went wrong with a module: the categories assertions distinguish.
enum ModuleError {
    /// The text could not be parsed or encoded.
    Text(anyhow::Error),
    /// The compiler rejected the binary as malformed or invalid.
    Compile(anyhow::Error),
    /// The compiler does not support something the module uses (so whether
    /// it is valid is unknown), or failed on it.
    Unsupported(anyhow::Error),
    /// Anything else on the way to a loaded module (blob, loader).
    Load(anyhow::Error),
    /// Instantiation failed.
    Instantiate(InstantiateFailure),
}

impl ModuleError {
    fn into_anyhow(self) -> anyhow::Error {
        match self {
            ModuleError::Text(e) => e.context("cannot parse the module text"),
            ModuleError::Compile(e) | ModuleError::Unsupported(e) => e.context("cannot compile the module"),
            ModuleError::Load(e) => e.context("cannot load the compiled module"),
            ModuleError::Instantiate(e) => anyhow!("cannot instantiate the module: {e}"),
        }
    }
}

impl<'e> Script<'e> {
    pub fn new(engine: &'e Engine) -> Result<Script<'e>> {
        Ok(Script {
            engine,
            store: Store::new(),
            spectest: SpecTest::new().context("cannot create the spectest host module")?,
            current: None,
            named: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            registered: HashMap::new(),
        })
    }

    /// Runs one directive.
    pub fn run(&mut self, directive: WastDirective<'_>) -> Result<()> {
        match directive {
            WastDirective::Module(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let instance = self.instantiate_quoted(&mut module).map_err(ModuleError::into_anyhow)?;
                self.set_current(name, instance);
                Ok(())
            }
            WastDirective::ModuleDefinition(mut module) => {
                let name = module.name().map(|id| id.name().to_string());
                let module = self.compile_quoted(&mut module).map_err(ModuleError::into_anyhow)?;
                if let Some(name) = name {
                    self.definitions.insert(name, module);
                }
                self.last_definition = Some(module);
                Ok(())
            }
            WastDirective::ModuleInstance { instance, module, .. } => {
                let definition = match module {
                    Some(id) => self.definitions.get(id.name()).copied(),
                    None => self.last_definition,
                };
                let definition = definition.context("no such module definition")?;
                let instance_ref =
                    self.instantiate(definition).map_err(|e| ModuleError::Instantiate(e).into_anyhow())?;
                self.set_current(instance.map(|id| id.name().to_string()), instance_ref);
                Ok(())
            }
            WastDirective::Register { name, module, .. } => {
                let instance = self.instance(module.map(|id| id.name()))?;
                self.registered.insert(name.to_string(), instance);
                Ok(())
            }
            WastDirective::Invoke(invoke) => self.invoke(&invoke).map(drop).map_err(CallError::into_anyhow),
            WastDirective::AssertReturn { exec, results, .. } => self.assert_return(exec, &results),
            WastDirective::AssertTrap { exec, message, .. } => self.assert_trap(exec, message),
            WastDirective::AssertExhaustion { call, message, .. } => match self.invoke(&call) {
                Ok(results) => bail!("expected a trap ({message}), got results {}", show(&results)),
                Err(CallError::Trap(trap)) => check_trap_message(trap.trap.kind.message(), message),
                Err(e) => Err(e.into_anyhow()),
            },
            WastDirective::AssertMalformed { mut module, message, .. } => match self.compile_quoted(&mut module) {
                Ok(_) => bail!("expected a malformed module ({message}), but it compiled"),
                Err(ModuleError::Text(_) | ModuleError::Compile(_)) => Ok(()),
                Err(e) => Err(e.into_anyhow()),
            },
            WastDirective::AssertInvalid { mut module, message, .. } => match self.compile_quoted(&mut module) {
                Ok(_) => bail!("expected an invalid module ({message}), but it compiled"),
                Err(ModuleError::Text(_) | ModuleError::Compile(_)) => Ok(()),
                Err(e) => Err(e.into_anyhow()),
            },
            WastDirective::AssertUnlinkable { mut module, message, .. } => {
                let module = self.compile_wat(&mut module).map_err(ModuleError::into_anyhow)?;
                match self.instantiate(module) {
                    Ok(_) => bail!("expected an unlinkable module ({message}), but it instantiated"),
                    Err(InstantiateFailure::Link(e)) => check_message(&e, message),
                    Err(e) => bail!("expected a link error ({message}), got: {e}"),
                }
            }
            // Malformed custom-section annotations (`@custom`, branch hints):
            // the text format rejects these modules while encoding them.
            WastDirective::AssertMalformedCustom { mut module, message, .. } => {
                match self.compile_quoted(&mut module) {
                    Ok(_) => bail!("expected a malformed custom annotation ({message}), but the module compiled"),
                    Err(ModuleError::Text(_) | ModuleError::Compile(_)) => Ok(()),
                    Err(e) => Err(e.into_anyhow()),
                }
            }
            // An invalid custom section leaves the module valid (the spec
            // says so), and kiln ignores the section with a warning.
            WastDirective::AssertInvalidCustom { mut module, message, .. } => {
                let wasm = module.encode().map_err(|e| anyhow!("{e}"))?;
                let (_, warnings) = self.engine.precompile_with_warnings(&wasm)?;
                ensure!(
                    !warnings.is_empty(),
                    "expected kiln to ignore an invalid custom section ({message}), but it gave no warning"
                );
                Ok(())
            }
            WastDirective::AssertException { exec, .. } => self.assert_exception(exec),
            WastDirective::AssertSuspension { .. } => bail!("suspensions (stack-switching proposal) are not supported"),
            WastDirective::Thread(_) | WastDirective::Wait { .. } => {
                bail!("script threads (threads proposal) are not supported")
            }
        }
    }

    fn set_current(&mut self, name: Option<String>, instance: Instance) {
        if let Some(name) = name {
            self.named.insert(name, instance.clone());
        }
        self.current = Some(instance);
    }

    fn instance(&self, name: Option<&str>) -> Result<Instance> {
        match name {
            Some(name) => self.named.get(name).cloned().with_context(|| format!("no module instance named ${name}")),
            None => self.current.clone().context("no module instance yet"),
        }
    }

    fn compile_bytes(&self, bytes: Result<Vec<u8>, ::wast::Error>) -> Result<Module, ModuleError> {
        let wasm = bytes.map_err(|e| ModuleError::Text(e.into()))?;
        let blob = self.engine.precompile(&wasm).map_err(|e| match e.downcast_ref::<CompileError>() {
            Some(CompileError::Wat(_) | CompileError::Invalid { .. }) => ModuleError::Compile(e),
            Some(_) => ModuleError::Unsupported(e),
            None => ModuleError::Load(e),
        })?;
        self.engine.load(&blob).map_err(ModuleError::Load)
    }

    fn compile_quoted(&self, module: &mut QuoteWat<'_>) -> Result<Module, ModuleError> {
        if let QuoteWat::QuoteComponent(..) | QuoteWat::Wat(Wat::Component(_)) = module {
            return Err(ModuleError::Load(anyhow!("components are not supported")));
        }
        self.compile_bytes(module.encode())
    }

    fn compile_wat(&self, module: &mut Wat<'_>) -> Result<Module, ModuleError> {
        if let Wat::Component(_) = module {
            return Err(ModuleError::Load(anyhow!("components are not supported")));
        }
        self.compile_bytes(module.encode())
    }

    fn instantiate_quoted(&mut self, module: &mut QuoteWat<'_>) -> Result<Instance, ModuleError> {
        let module = self.compile_quoted(module)?;
        self.instantiate(module).map_err(ModuleError::Instantiate)
    }

    /// Resolves the imports of `module` by name and instantiates it.
    fn instantiate(&mut self, module: Module) -> Result<Instance, InstantiateFailure> {
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            // SAFETY: module tables are immutable and live for the process.
            let (from, name) = unsafe { (import.module.as_str(), import.name.as_str()) };
            let found = if from == "spectest" && !self.registered.contains_key("spectest") {
                self.spectest.export(name)
            } else {
                self.registered.get(from).and_then(|instance| instance.export(name))
            };
            let Some(found) = found else {
                return Err(InstantiateFailure::Link(format!("unknown import `{from}`.`{name}`")));
            };
            imports.push(found);
        }
        self.store.instantiate(module, &imports)
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Vec<Val>, CallError> {
        let instance = self.instance(invoke.module.map(|id| id.name())).map_err(CallError::Other)?;
        let func = match instance.export(invoke.name) {
            Some(Extern::Func(f)) => f,
            Some(_) => return Err(CallError::Other(anyhow!("export `{}` is not a function", invoke.name))),
            None => return Err(CallError::Other(anyhow!("no export named `{}`", invoke.name))),
        };
        let args = invoke.args.iter().map(arg).collect::<Result<Vec<Val>>>().map_err(CallError::Other)?;
        crate::engine::call(&func, &args)
    }

    /// Runs an `assert_return`/`assert_trap` subject: its results, or why it
    /// produced none.
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Vec<Val>, ExecError> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke).map_err(ExecError::Call),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module.map(|id| id.name())).map_err(ExecError::Other)?;
                match instance.export(global) {
                    Some(Extern::Global(g)) => Ok(vec![global_value(&g)]),
                    Some(_) => Err(ExecError::Other(anyhow!("export `{global}` is not a global"))),
                    None => Err(ExecError::Other(anyhow!("no export named `{global}`"))),
                }
            }
            WastExecute::Wat(mut wat) => {
                let module = self.compile_wat(&mut wat).map_err(|e| ExecError::Other(e.into_anyhow()))?;
                match self.instantiate(module) {
                    Ok(_) => Ok(Vec::new()),
                    Err(InstantiateFailure::Trap(trap)) => Err(ExecError::Call(CallError::Trap(trap))),
                    Err(e) => Err(ExecError::Other(anyhow!("cannot instantiate the module: {e}"))),
                }
            }
        }
    }

    fn assert_return(&mut self, exec: WastExecute<'_>, expected: &[WastRet<'_>]) -> Result<()> {
        let results = self.execute(exec).map_err(ExecError::into_anyhow)?;
        if results.len() != expected.len() {
            bail!("expected {} results, got {}: {}", expected.len(), results.len(), show(&results));
        }
        for (i, (e, a)) in expected.iter().zip(&results).enumerate() {
            matching::check(e, a).with_context(|| format!("result {i}"))?;
        }
        Ok(())
    }

    fn assert_trap(&mut self, exec: WastExecute<'_>, message: &str) -> Result<()> {
        match self.execute(exec) {
            Ok(results) => bail!("expected a trap ({message}), got results {}", show(&results)),
            Err(ExecError::Call(CallError::Trap(trap))) if trap.trap.kind != TrapKind::UncaughtException => {
                check_trap_message(trap.trap.kind.message(), message)
            }
            Err(e) => Err(e.into_anyhow()),
        }
    }

    /// An exception that no wasm frame catches reaches the host as an
    /// `uncaught exception` trap.
    fn assert_exception(&mut self, exec: WastExecute<'_>) -> Result<()> {
        match self.execute(exec) {
            Ok(results) => bail!("expected an exception, got results {}", show(&results)),
            Err(ExecError::Call(CallError::Trap(trap))) if trap.trap.kind == TrapKind::UncaughtException => Ok(()),
            Err(e) => Err(e.into_anyhow()),
        }
    }
}

/// Why an assertion subject produced no results.
enum ExecError {
    Call(CallError),
    Other(anyhow::Error),
}

impl ExecError {
    fn into_anyhow(self) -> anyhow::Error {
        match self {
            ExecError::Call(e) => e.into_anyhow(),
            ExecError::Other(e) => e,
        }
    }
}

fn arg(a: &WastArg<'_>) -> Result<Val> {
    if let WastArg::Core(WastArgCore::RefHost(_)) = a {
        bail!("`ref.host` arguments are not supported");
    }
    matching::arg(a)
}

fn show(values: &[Val]) -> String {
    let all: Vec<String> = values.iter().map(Val::to_string).collect();
    format!("[{}]", all.join(", "))
}

/// Trap messages match when ours starts with the script's, as the spec
/// interpreter's runner checks them, or when the script's is ours plus a
/// detail the runtime does not track (`uninitialized element 2`).
fn check_trap_message(actual: &str, expected: &str) -> Result<()> {
    let detailed = expected.strip_prefix(actual).is_some_and(|rest| rest.starts_with(' '));
    if actual.starts_with(expected) || detailed {
        Ok(())
    } else {
        bail!("expected trap `{expected}`, got trap `{actual}`")
    }
}

fn check_message(actual: &str, expected: &str) -> Result<()> {
    if actual.contains(expected) {
        Ok(())
    } else {
        bail!("expected error `{expected}`, got `{actual}`")
    }
}
