//! Running a command to completion with a time limit, capturing its output.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What a finished command did.
#[derive(Debug, Clone)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    /// The exit status, or `None` if a signal killed the process.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// How the process ended, for messages.
    pub fn describe(&self) -> String {
        match (self.status.code(), self.status.signal()) {
            (Some(c), _) => format!("exit status {c}"),
            (None, Some(s)) => format!("killed by signal {s}"),
            (None, None) => "unknown status".to_string(),
        }
    }

    /// Fails with the command's output unless it exited with status 0.
    pub fn success(self, what: &str) -> Result<Output> {
        if self.status.success() {
            return Ok(self);
        }
        bail!("{what} failed ({}):\nstdout:\n{}\nstderr:\n{}", self.describe(), self.stdout_text(), self.stderr_text())
    }
}

/// Runs `cmd` with no stdin, killing it after `timeout`.
pub fn run(cmd: &mut Command, timeout: Duration) -> Result<Output> {
    let shown = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {shown}"))?;
    let mut out_pipe = child.stdout.take().context("stdout is piped")?;
    let mut err_pipe = child.stderr.take().context("stderr is piped")?;
    // Both pipes are drained concurrently so a chatty child cannot block.
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        out_pipe.read_to_end(&mut buf).map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        err_pipe.read_to_end(&mut buf).map(|_| buf)
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        if let Some(status) = child.try_wait().context("waiting for the child")? {
            break status;
        }
        if Instant::now() >= deadline {
            child.kill().context("killing a child that timed out")?;
            child.wait().context("reaping a child that timed out")?;
            bail!("{shown} did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out_reader.join().map_err(|_| anyhow::anyhow!("stdout reader panicked"))?.context("reading stdout")?;
    let stderr = err_reader.join().map_err(|_| anyhow::anyhow!("stderr reader panicked"))?.context("reading stderr")?;
    Ok(Output { status, stdout, stderr })
}
