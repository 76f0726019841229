//! Place use cases over the read model: finding areas, a role's pay in an area, a role's areas
//! ranked, and pay compared in an area. Arguments are checked here (errors name the GraphQL
//! argument).

use entity::vocab::AreaType;

use crate::error::{ApiError, ApiResult};
use crate::model::ReadModel;
use crate::model::place::WageOrder;

/// Most areas one `areas` or `wagesByArea` call returns.
pub const MAX_AREAS: i32 = 100;

fn limit(field: &str, first: i32) -> ApiResult<usize> {
    if (1..=MAX_AREAS).contains(&first) {
        Ok(first as usize)
    } else {
        Err(ApiError::bad_input(
            field,
            format!("must be between 1 and {MAX_AREAS}, got {first}"),
        ))
    }
}

/// Areas whose name or USPS code matches `search` (case-insensitive), best first: the area with
/// that code or USPS code, then names starting with it, then names containing it; within each,
/// nation, states, metro areas, each by name. All areas (of `kind`) when `search` is empty.
pub fn areas(
    m: &ReadModel,
    search: Option<&str>,
    kind: Option<AreaType>,
    first: i32,
) -> ApiResult<Vec<usize>> {
    let n = limit("first", first)?;
    let p = &m.places;
    let wanted = |i: usize| kind.is_none_or(|k| p.areas[i].area_type == k);
    let needle = search.map(|s| s.trim().to_lowercase()).unwrap_or_default();
    if needle.is_empty() {
        return Ok((0..p.areas.len()).filter(|&i| wanted(i)).take(n).collect());
    }
    let exact = p.areas.iter().position(|a| {
        a.code == needle
            || a.state_code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(&needle))
    });
    let titles = p.titles_lower();
    let prefix = (0..titles.len()).filter(|&i| titles[i].starts_with(&needle));
    let inside = (0..titles.len())
        .filter(|&i| !titles[i].starts_with(&needle) && titles[i].contains(&needle));
    let mut out: Vec<usize> = Vec::with_capacity(n);
    for i in exact.into_iter().chain(prefix).chain(inside) {
        if out.len() == n {
            break;
        }
        if wanted(i) && !out.contains(&i) {
            out.push(i);
        }
    }
    Ok(out)
}

/// The area `text` names, when one is asked (BLS area code, USPS code or exact name,
/// case-insensitive). An unknown area is BAD_USER_INPUT on `field`.
pub fn asked_area(m: &ReadModel, field: &str, text: Option<&str>) -> ApiResult<Option<usize>> {
    let Some(text) = text else {
        return Ok(None);
    };
    m.places.find_area(text).map(Some).ok_or_else(|| {
        ApiError::bad_input(
            field,
            format!(
                "unknown area `{text}`: give a BLS area code (`0600000`), a USPS state code (`CA`) \
                 or an exact area name (`California`); `areas(search:)` lists them"
            ),
        )
    })
}

/// Where `Role.wages` looks: the area `text` names, or the nation when `None` — which is
/// absent (no error) when no area data is loaded (`IMPORT_ONET_ON_START=false`).
pub fn wage_area(m: &ReadModel, field: &str, text: Option<&str>) -> ApiResult<Option<usize>> {
    match text {
        None => Ok(m.places.national()),
        Some(_) => asked_area(m, field, text),
    }
}

/// The role's row in `area` (an index into the model's area wages); `None` when the role has
/// no SOC code or BLS has no estimate there.
pub fn role_wage(m: &ReadModel, role: usize, area: usize) -> Option<usize> {
    let p = &m.places;
    p.wage(p.soc_of_role(role)?, area)
}

/// The role's rows in areas of `kind`, in `order`, at most `first` (values BLS did not publish
/// last).
pub fn wages_by_area(
    m: &ReadModel,
    role: usize,
    kind: AreaType,
    order: WageOrder,
    first: i32,
) -> ApiResult<Vec<usize>> {
    let n = limit("first", first)?;
    let p = &m.places;
    Ok(p.soc_of_role(role).map_or_else(Vec::new, |soc| {
        p.ordered(soc, kind, order)
            .iter()
            .take(n)
            .map(|&i| i as usize)
            .collect()
    }))
}

/// The role's annual median in `area`, when BLS published one.
pub fn annual_median(m: &ReadModel, role: usize, area: usize) -> Option<i32> {
    role_wage(m, role, area).and_then(|w| m.places.wages[w].annual_median())
}

/// What a salary change between two roles is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalaryBasis {
    /// Both roles' headline salaries.
    Headline,
    /// Both roles' annual medians in the asked area.
    AreaMedian,
}

/// The (from, to) yearly salaries a move is measured by: the two roles' annual medians in
/// `area` when both are published, else their headline salaries (when both are known).
pub fn move_salaries(
    m: &ReadModel,
    from: usize,
    to: usize,
    area: Option<usize>,
) -> Option<(i32, i32, SalaryBasis)> {
    if let Some(area) = area
        && let (Some(a), Some(b)) = (annual_median(m, from, area), annual_median(m, to, area))
    {
        return Some((a, b, SalaryBasis::AreaMedian));
    }
    let (a, b) = (m.facts[from].headline_salary?, m.facts[to].headline_salary?);
    Some((a, b, SalaryBasis::Headline))
}
