//! Skill and certification listings and text search over the read model (no SQL).

use super::Page;
use super::check::{self, Bounds};
use crate::career::text_index::{EntryKind, Hit};
use crate::error::ApiResult;
use crate::model::ReadModel;

/// The best `first` (1–50) roles, skills and certifications for `query` (1–100 characters),
/// only of `kind` when given.
pub fn search(
    m: &ReadModel,
    query: &str,
    first: i32,
    kind: Option<EntryKind>,
) -> ApiResult<Vec<Hit>> {
    let first = check::count("first", first, Bounds::new(1.0, 50.0))?;
    let query = check::text("query", query, 100)?;
    // With a kind, rank every match and keep the first of that kind.
    let limit = if kind.is_some() { usize::MAX } else { first };
    Ok(m.graph
        .text
        .search(query, limit)
        .into_iter()
        .filter(|hit| kind.is_none_or(|k| hit.kind == k))
        .take(first)
        .collect())
}

/// Does `text` (trimmed, lower-cased by the caller) occur in `value`, ignoring case?
fn contains(value: &str, text: &str) -> bool {
    value.to_lowercase().contains(text)
}

fn window(matches: impl Iterator<Item = u32>, page: Page) -> (Vec<u32>, u64) {
    let offset = usize::try_from(page.offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
    let mut total = 0u64;
    let mut rows = Vec::new();
    for i in matches {
        if (total as usize) >= offset && rows.len() < limit {
            rows.push(i);
        }
        total += 1;
    }
    (rows, total)
}

fn needle(search: Option<&str>) -> Option<String> {
    search
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

/// One page of skill indices (optionally matching `search` in the name and in `category`), by
/// name, and the total.
pub fn list_skills(
    m: &ReadModel,
    search: Option<&str>,
    category: Option<&str>,
    page: Page,
) -> (Vec<u32>, u64) {
    let text = needle(search);
    let matches = m.skills_by_name.iter().copied().filter(|&i| {
        let s = &m.skills[i as usize];
        text.as_deref().is_none_or(|t| contains(&s.name, t))
            && category.is_none_or(|c| s.category == c)
    });
    window(matches, page)
}

/// One page of certification indices (optionally matching `search` in the name or acronym),
/// by name, and the total.
pub fn list_certifications(m: &ReadModel, search: Option<&str>, page: Page) -> (Vec<u32>, u64) {
    let text = needle(search);
    let matches = m.certifications_by_name.iter().copied().filter(|&i| {
        let c = &m.certifications[i as usize];
        text.as_deref().is_none_or(|t| {
            contains(&c.name, t) || c.acronym.as_deref().is_some_and(|a| contains(a, t))
        })
    });
    window(matches, page)
}
