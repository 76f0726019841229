//! Skill and certification listings over the read model (no SQL).

use super::Page;
use crate::model::ReadModel;

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
