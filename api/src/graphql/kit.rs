//! The GraphQL layer's kit, shared by every domain module: the read-model handle a response is
//! built from ([`View`]), a row of a role's facts ([`At`]) and the macro that wraps one list
//! of them ([`fact_type!`]), grouping, and the like-for-like [`SalaryChange`] every pay
//! difference is shown as. Domain modules import from here, never from each other, for these.

use std::sync::Arc;

use crate::error::{ApiError, GqlResult};
use crate::model::{ReadModel, RoleFacts};

/// A shared handle on the read model a response is built from.
pub(crate) type View = Arc<ReadModel>;

/// The internal error for a reference the model cannot resolve (a bug or bad data).
pub(crate) fn dangling(what: &str, id: i32) -> async_graphql::Error {
    ApiError::Internal(anyhow::anyhow!("dangling {what} reference {id}")).into()
}

/// A row hanging off one role: the role's index and the row's position in its list.
#[derive(Clone)]
pub struct At {
    pub(crate) m: View,
    pub(crate) role: u32,
    pub(crate) pos: u32,
}

impl At {
    pub(crate) fn new(m: &View, role: u32, pos: usize) -> Self {
        Self {
            m: m.clone(),
            role,
            pos: pos as u32,
        }
    }

    pub(crate) fn facts(&self) -> &RoleFacts {
        &self.m.facts[self.role as usize]
    }

    /// The row of the role with database id `role_id` that `position` finds in its facts.
    pub(crate) fn find(
        m: &View,
        role_id: i32,
        position: impl Fn(&RoleFacts) -> Option<usize>,
    ) -> GqlResult<Self> {
        let role = m
            .role_index_of_id(role_id)
            .ok_or_else(|| dangling("role", role_id))?;
        let pos = position(&m.facts[role]).ok_or_else(|| dangling("link of role", role_id))?;
        Ok(Self::new(m, role as u32, pos))
    }

    /// Every row of one of a role's lists, as `At`s.
    pub(crate) fn all(m: &View, role: u32, len: usize) -> impl Iterator<Item = At> + '_ {
        (0..len).map(move |pos| At::new(m, role, pos))
    }
}

/// Defines a GraphQL wrapper over one of [`RoleFacts`]' lists.
macro_rules! fact_type {
    ($name:ident, $list:ident, $row:ty) => {
        pub struct $name(pub(crate) $crate::graphql::kit::At);

        impl $name {
            pub(crate) fn row(&self) -> &$row {
                &self.0.facts().$list[self.0.pos as usize]
            }

            /// Every row of the role's list, in the model's order.
            #[allow(dead_code)]
            pub(crate) fn all_of(m: &$crate::graphql::kit::View, role: u32) -> Vec<Self> {
                let len = m.facts[role as usize].$list.len();
                $crate::graphql::kit::At::all(m, role, len)
                    .map($name)
                    .collect()
            }
        }
    };
}
pub(crate) use fact_type;

/// `rows` grouped by `key`, groups in the order their keys first appear, rows in order.
pub(crate) fn group_by<T, K: PartialEq>(
    rows: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> Vec<(K, Vec<T>)> {
    let mut groups: Vec<(K, Vec<T>)> = Vec::new();
    for row in rows {
        let k = key(&row);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, list)) => list.push(row),
            None => groups.push((k, vec![row])),
        }
    }
    groups
}

/// A yearly salary change between two roles, like for like (README "Pay"): `basis` says which
/// kind of figures it compares; when it is `NOT_COMPARABLE` the figures are null.
#[derive(async_graphql::SimpleObject)]
pub struct SalaryChange {
    /// What the figures are: both roles' own pay, both occupation benchmarks of one release,
    /// both annual medians in an area, or not comparable.
    pub basis: super::enums::SalaryBasis,
    /// Yearly pay of the role left, US dollars.
    pub from: Option<i32>,
    /// Yearly pay of the role taken, US dollars.
    pub to: Option<i32>,
    /// `to - from`, US dollars.
    pub amount: Option<i32>,
    /// Change relative to `from`, percent.
    pub percent: Option<f64>,
}

impl From<crate::service::place::Salaries> for SalaryChange {
    fn from(s: crate::service::place::Salaries) -> Self {
        let (from, to) = (s.pair.map(|p| p.0), s.pair.map(|p| p.1));
        Self {
            basis: s.basis.into(),
            from,
            to,
            amount: s.pair.map(|(a, b)| b - a),
            percent: s.pair.map(|(a, b)| percent_change(a, b)),
        }
    }
}

/// `(to − from) / from` in percent, one decimal (0 when `from` is 0).
pub fn percent_change(from: i32, to: i32) -> f64 {
    if from == 0 {
        0.0
    } else {
        ((f64::from(to) - f64::from(from)) / f64::from(from) * 1000.0).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::percent_change;

    #[test]
    fn salary_change_is_relative_to_the_role_left() {
        assert_eq!(percent_change(100_000, 125_000), 25.0);
        assert_eq!(percent_change(119_589, 135_642), 13.4);
        assert_eq!(percent_change(0, 1), 0.0);
    }
}
