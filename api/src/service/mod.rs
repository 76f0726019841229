//! Use cases: career questions, role and catalog listings over the read model, and the admin
//! writes (the only sea-orm access of the request path).

pub mod admin;
pub mod career;
pub mod catalog;
pub mod role;

/// A window over an ordered list: skip `offset`, take `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
pub fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::like_pattern(" IT_Man% "), "%it\\_man\\%%");
    }
}
