//! The folded form of the legacy exception-handling `try`, which the spec
//! suite's `legacy/` scripts use and the `wast` crate no longer parses:
//! `(try $l (result t) (do I*) (catch $e I*)* (catch_all I*)?)` and
//! `(try ... (do I*) (delegate L))` are rewritten into the flat form,
//! `try $l (result t) I* catch $e I* catch_all I* end` and
//! `try ... I* delegate L`, which it does parse. Everything else is copied
//! unchanged, and so are the line breaks, so positions in error messages
//! keep their lines.

/// `text` with every folded `try` flattened; borrowed when there is none.
pub fn flatten_folded_try(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("(try") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    flatten(text, &mut out);
    out.into()
}

/// Copies `text` to `out`, flattening folded `try`s.
fn flatten(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let skip = skip_trivia_or_atom(text, i);
        if skip > i {
            out.push_str(&text[i..skip]);
            i = skip;
            continue;
        }
        // At a `(`: a folded `try`, or any other list.
        if is_try(text, i) {
            let end = group_end(text, i);
            flatten_try(&text[i + 1..end - 1], out);
            i = end;
        } else {
            out.push('(');
            i += 1;
        }
    }
}

/// Whether the list at `i` is `(try ...`.
fn is_try(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    rest.starts_with("try") && rest[3..].chars().next().is_none_or(|c| c.is_whitespace() || c == '(' || c == ')')
}

/// Writes the flat form of the inside of a folded `try` (`try` onwards).
fn flatten_try(inner: &str, out: &mut String) {
    let items = items(&inner[3..]);
    out.push_str("try");
    let mut delegated = false;
    for item in items {
        let Some(list) = item.strip_prefix('(') else {
            out.push_str(item);
            continue;
        };
        let body = &list[..list.len() - 1];
        let keyword_end = body.find(|c: char| c.is_whitespace() || c == '(' || c == ')').unwrap_or(body.len());
        let (keyword, rest) = body.split_at(keyword_end);
        match keyword {
            "do" => flatten(rest, out),
            "catch" | "catch_all" => {
                out.push_str(keyword);
                flatten(rest, out);
            }
            "delegate" => {
                out.push_str(keyword);
                out.push_str(rest);
                delegated = true;
            }
            // The label and the block type.
            _ => out.push_str(item),
        }
    }
    if !delegated {
        out.push_str(" end");
    }
}

/// The top-level items of `text`: whitespace and comments, atoms, and
/// whole lists, in order (so that concatenating them gives `text`).
fn items(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let end = match skip_trivia_or_atom(text, i) {
            end if end > i => end,
            _ => group_end(text, i),
        };
        out.push(&text[i..end]);
        i = end;
    }
    out
}

/// The end of the whitespace, comment, string or other atom at `i`, or `i`
/// itself at the `(` of a list. A stray `)` counts as an atom.
fn skip_trivia_or_atom(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes[i] {
        b'(' if bytes.get(i + 1) == Some(&b';') => block_comment_end(text, i),
        b'(' => i,
        b';' if bytes.get(i + 1) == Some(&b';') => text[i..].find('\n').map_or(text.len(), |n| i + n),
        b'"' => string_end(text, i),
        c if c.is_ascii_whitespace() => i + 1,
        b')' => i + 1,
        _ => {
            let mut j = i + 1;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'(' | b')' | b'"' | b';') {
                j += 1;
            }
            j
        }
    }
}

/// The end of the string starting at `i` (its closing quote included).
fn string_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The end of the (possibly nested) block comment starting at `i`.
fn block_comment_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut j) = (0usize, i);
    while j + 1 < bytes.len() {
        if bytes[j] == b'(' && bytes[j + 1] == b';' {
            depth += 1;
            j += 2;
        } else if bytes[j] == b';' && bytes[j + 1] == b')' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    bytes.len()
}

/// The end of the list whose `(` is at `i` (its `)` included), or the end
/// of `text` if it is not closed.
fn group_end(text: &str, i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j < text.len() {
        let skip = skip_trivia_or_atom(text, j);
        if text.as_bytes()[j] == b')' {
            depth -= 1;
            j += 1;
            if depth == 0 {
                return j;
            }
        } else if skip > j {
            j = skip;
        } else {
            depth += 1;
            j += 1;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::flatten_folded_try;

    #[test]
    fn folded_try_becomes_flat() {
        let text =
            "(func (try $l (result i32)\n  (do (call $f)) (catch $e (i32.const 1))\n  (catch_all (i32.const 2))))";
        assert_eq!(
            flatten_folded_try(text),
            "(func try $l (result i32)\n   (call $f) catch $e (i32.const 1)\n  catch_all (i32.const 2) end)"
        );
    }

    #[test]
    fn delegate_nested_and_untouched_text() {
        let text = "(try (do (try (do (throw $e)) (delegate 0))) (catch_all)) ;; (try\n(try_table) \"(try\"";
        assert_eq!(
            flatten_folded_try(text),
            "try  try  (throw $e) delegate 0 catch_all end ;; (try\n(try_table) \"(try\""
        );
        let table = "(module (func (try_table (catch_all 0)) (; (try ;) ))";
        assert_eq!(flatten_folded_try(table), table);
        assert!(matches!(flatten_folded_try("(module (func (block)))"), std::borrow::Cow::Borrowed(_)));
    }
}
