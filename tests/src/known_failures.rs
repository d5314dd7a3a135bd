//! The known-failure list, `tests/known-failures.txt`: tests that are
//! expected to fail, each with a reason. A listed test that fails passes; a
//! listed test that passes FAILS, so the list cannot go stale.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Test name (`suite/name`, e.g. `c/qsort`) -> reason.
#[derive(Debug, Default)]
pub struct KnownFailures {
    entries: BTreeMap<String, String>,
}

impl KnownFailures {
    /// Loads `tests/known-failures.txt`.
    pub fn load() -> Result<KnownFailures> {
        Self::load_from(&crate::fixture_dir("known-failures.txt"))
    }

    pub fn load_from(path: &Path) -> Result<KnownFailures> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    /// One entry per line: `suite/name  reason...`; `#` starts a comment.
    pub fn parse(text: &str) -> Result<KnownFailures> {
        let mut entries = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (name, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if reason.trim().is_empty() {
                bail!("line {}: `{name}` needs a reason after the name", n + 1);
            }
            if !name.contains('/') {
                bail!("line {}: `{name}` should be `suite/name`", n + 1);
            }
            if entries.insert(name.to_string(), reason.trim().to_string()).is_some() {
                bail!("line {}: `{name}` is listed twice", n + 1);
            }
        }
        Ok(KnownFailures { entries })
    }

    /// Every listed name in `suite`, for checking that each names a real test.
    pub fn in_suite<'a>(&'a self, suite: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries.keys().filter_map(move |k| k.strip_prefix(suite)?.strip_prefix('/'))
    }

    /// Turns the outcome of test `suite/name` into the reported one.
    pub fn judge(&self, suite: &str, name: &str, outcome: Result<()>) -> Result<()> {
        let key = format!("{suite}/{name}");
        match (self.entries.get(&key), outcome) {
            (None, outcome) => outcome,
            (Some(_), Err(_)) => Ok(()),
            (Some(reason), Ok(())) => bail!(
                "`{key}` is listed in tests/known-failures.txt ({reason}) but now passes: remove it from the list"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_failures_pass_and_listed_passes_fail() {
        let list = KnownFailures::parse("# comment\nc/slow   needs a faster memcpy\n").expect("valid list");
        assert!(list.judge("c", "slow", Err(anyhow::anyhow!("wrong output"))).is_ok());
        let err = list.judge("c", "slow", Ok(())).expect_err("a listed test that passes fails");
        assert!(err.to_string().contains("now passes"), "{err}");
        assert!(list.judge("c", "other", Ok(())).is_ok());
        assert!(list.judge("c", "other", Err(anyhow::anyhow!("boom"))).is_err());
        assert_eq!(list.in_suite("c").collect::<Vec<_>>(), ["slow"]);
    }

    #[test]
    fn entries_need_a_reason_and_a_suite() {
        assert!(KnownFailures::parse("c/x\n").is_err());
        assert!(KnownFailures::parse("x because\n").is_err());
        assert!(KnownFailures::parse("c/x a\nc/x b\n").is_err());
    }
}
