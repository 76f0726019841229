//! Place use cases over the read model: finding areas, a role's pay in an area, a role's areas
//! ranked, and pay compared in an area. Arguments are checked here (errors name the GraphQL
//! argument). The area wages are read apart from the rest of the model (see
//! [`crate::model::place`]): the functions here take them as [`Places`], which a resolver gets
//! with `model.places.get().await`.

use std::sync::Arc;

use entity::vocab::AreaType;

use super::check::{self, Bounds};
use crate::error::{ApiError, ApiResult};
use crate::model::ReadModel;
use crate::model::place::{Places, WageOrder};

/// An area a question asked about, with the area data it indexes into.
#[derive(Clone, Debug)]
pub struct AskedArea {
    pub places: Arc<Places>,
    /// Index into `places.areas`.
    pub area: usize,
}

/// Most areas one `areas` or `wagesByArea` call returns.
pub const MAX_AREAS: i32 = 100;

fn limit(field: &str, first: i32) -> ApiResult<usize> {
    check::count(field, first, Bounds::new(1.0, f64::from(MAX_AREAS)))
}

/// Areas whose name or USPS code matches `search` (case-insensitive), best first: the area with
/// that code or USPS code, then names starting with it, then names containing it; within each,
/// nation, states, metro areas, each by name. All areas (of `kind`) when `search` is empty.
pub fn areas(
    p: &Places,
    search: Option<&str>,
    kind: Option<AreaType>,
    first: i32,
) -> ApiResult<Vec<usize>> {
    let n = limit("first", first)?;
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
/// case-insensitive), waiting for the area wages if they are still being read. An unknown area
/// is BAD_USER_INPUT on `field`.
pub async fn asked_area(
    m: &ReadModel,
    field: &str,
    text: Option<&str>,
) -> ApiResult<Option<AskedArea>> {
    let Some(text) = text else {
        return Ok(None);
    };
    let places = m.places.get().await?;
    let area = find_area(&places, field, text)?;
    Ok(Some(AskedArea { places, area }))
}

/// The area `text` names; BAD_USER_INPUT on `field` when unknown.
fn find_area(p: &Places, field: &str, text: &str) -> ApiResult<usize> {
    p.find_area(text).ok_or_else(|| {
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
pub fn wage_area(p: &Places, field: &str, text: Option<&str>) -> ApiResult<Option<usize>> {
    match text {
        None => Ok(p.national()),
        Some(text) => find_area(p, field, text).map(Some),
    }
}

/// Where a person's pay figures come from: the profile's area, when it names one.
#[derive(Clone, Debug)]
pub struct PayIn {
    area: Option<AskedArea>,
}

impl PayIn {
    /// The pay view of a profile's `area` (BAD_USER_INPUT on `profile.area` when unknown).
    pub async fn of(m: &ReadModel, area: Option<&str>) -> ApiResult<Self> {
        Ok(Self {
            area: asked_area(m, "profile.area", area).await?,
        })
    }

    /// Role `r`'s yearly pay to rank roles by: its annual median in the area, else its
    /// headline salary. (A difference between two roles is [`PayIn::change`], like for like.)
    pub fn salary(&self, m: &ReadModel, r: usize) -> Option<i32> {
        match &self.area {
            Some(area) => annual_median(m, area, r),
            None => m.graph.roles[r].salary,
        }
    }

    /// The like-for-like change from role `from` to role `to` (see [`move_salaries`]).
    pub fn change(&self, m: &ReadModel, from: usize, to: usize) -> Option<Salaries> {
        move_salaries(m, from, to, self.area.as_ref())
    }
}

/// The SOC index of the role at model index `role`.
fn soc_of_role(m: &ReadModel, p: &Places, role: usize) -> Option<usize> {
    p.soc_of_onet_code(m.roles.get(role)?.onet_code.as_deref())
}

/// The role's row in `area` (an index into `p.wages`); `None` when the role has no SOC code or
/// BLS has no estimate there.
pub fn role_wage(m: &ReadModel, p: &Places, role: usize, area: usize) -> Option<usize> {
    p.wage(soc_of_role(m, p, role)?, area)
}

/// The role's rows in areas of `kind`, in `order`, at most `first` (values BLS did not publish
/// last).
pub fn wages_by_area(
    m: &ReadModel,
    p: &Places,
    role: usize,
    kind: AreaType,
    order: WageOrder,
    first: i32,
) -> ApiResult<Vec<usize>> {
    let n = limit("first", first)?;
    Ok(soc_of_role(m, p, role).map_or_else(Vec::new, |soc| {
        p.ordered(soc, kind, order)
            .iter()
            .take(n)
            .map(|&i| i as usize)
            .collect()
    }))
}

/// The role's annual median in the asked area, when BLS published one.
pub fn annual_median(m: &ReadModel, asked: &AskedArea, role: usize) -> Option<i32> {
    let p = &asked.places;
    role_wage(m, p, role, asked.area).and_then(|w| p.wages[w].annual_median())
}

pub use crate::career::snapshot::SalaryBasis;

/// The yearly figures a salary change compares, and which kind they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Salaries {
    /// (from, to); `None` when not comparable.
    pub pair: Option<(i32, i32)>,
    pub basis: SalaryBasis,
}

/// The figures a pay difference from role `from` to role `to` compares, like for like: with
/// an `area`, the two annual medians there when the roles are different occupations and both
/// are published; else both roles' own pay when both have it; else both occupation
/// benchmarks of the same release when the occupations differ; else not comparable. `None`
/// when either role has no pay at all.
pub fn move_salaries(
    m: &ReadModel,
    from: usize,
    to: usize,
    area: Option<&AskedArea>,
) -> Option<Salaries> {
    let (a, b) = (&m.graph.roles[from], &m.graph.roles[to]);
    a.salary?;
    b.salary?;
    let found = |x: i32, y: i32, basis| {
        Some(Salaries {
            pair: Some((x, y)),
            basis,
        })
    };
    if let Some(area) = area
        && !a.pay.same_occupation(&b.pay)
        && let (Some(x), Some(y)) = (annual_median(m, area, from), annual_median(m, area, to))
    {
        return found(x, y, SalaryBasis::AreaMedian);
    }
    if let Some(((x, y), basis)) = a.pay.like_for_like(&b.pay) {
        return found(x, y, basis);
    }
    Some(Salaries {
        pair: None,
        basis: SalaryBasis::NotComparable,
    })
}
