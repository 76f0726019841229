//! The role listing: filtered, ordered and paged over the read model (no SQL).

use super::Page;
use crate::model::ReadModel;

/// Sort key of a role listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleSort {
    #[default]
    Title,
    Seniority,
    /// The role's headline yearly salary (see [`crate::model::headline_salary`]).
    Salary,
}

/// Filters of a role listing; empty means "all roles".
#[derive(Clone, Debug, Default)]
pub struct RoleListing {
    pub search: Option<String>,
    pub tracks: Vec<String>,
    pub seniority_min: Option<i32>,
    pub seniority_max: Option<i32>,
    pub skill: Option<String>,
    pub sort: RoleSort,
    pub descending: bool,
}

/// One page of role indices matching `listing`, plus the total number of matches.
///
/// `search` matches case-insensitively anywhere in the title, or in the slug with spaces read
/// as dashes. Ties in the sort key are broken by id; unknown seniorities and salaries sort last
/// in both directions.
pub fn list(m: &ReadModel, listing: &RoleListing, page: Page) -> (Vec<u32>, u64) {
    let search = listing
        .search
        .as_deref()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    let slug_search = search.as_ref().map(|s| s.replace(' ', "-"));
    let skill = match &listing.skill {
        Some(slug) => match m.skill_index(slug) {
            Some(i) => Some(&m.skill_links[i]),
            None => return (Vec::new(), 0),
        },
        None => None,
    };
    let keep = |i: u32| {
        let role = &m.roles[i as usize];
        if let (Some(text), Some(slug_text)) = (&search, &slug_search)
            && !m.titles_lower[i as usize].contains(text.as_str())
            && !role.slug.contains(slug_text.as_str())
        {
            return false;
        }
        if !listing.tracks.is_empty() && !listing.tracks.contains(&role.track) {
            return false;
        }
        if let Some(min) = listing.seniority_min
            && role.seniority.is_none_or(|s| s < min)
        {
            return false;
        }
        if let Some(max) = listing.seniority_max
            && role.seniority.is_none_or(|s| s > max)
        {
            return false;
        }
        skill.is_none_or(|links| links.iter().any(|l| l.role == i))
    };
    let direction = usize::from(listing.descending);
    let order = match listing.sort {
        RoleSort::Title => &m.orders.title[direction],
        RoleSort::Seniority => &m.orders.seniority[direction],
        RoleSort::Salary => &m.orders.salary[direction],
    };
    let offset = usize::try_from(page.offset).unwrap_or(usize::MAX);
    let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
    let mut total = 0u64;
    let mut rows = Vec::with_capacity(limit.min(order.len()));
    for &i in order {
        if keep(i) {
            if (total as usize) >= offset && rows.len() < limit {
                rows.push(i);
            }
            total += 1;
        }
    }
    (rows, total)
}
