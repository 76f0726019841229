//! The GraphQL layer's kit, shared by every domain module: the read-model handle a response is
//! built from ([`View`]), a row of a role's facts ([`At`]) and the macro that wraps one list
//! of them ([`fact_type!`]), the macro that wraps a catalog table ([`indexed_type!`]), the
//! like-for-like [`SalaryChange`] every pay difference is shown as, [`NumberComparison`] for two
//! roles' figures side by side, and score rounding. It references no GraphQL module but the
//! vocabulary (`enums`); every other module may import from it.

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

/// Defines a GraphQL wrapper over one of the model's catalog tables (skills, certifications,
/// sources), looked up by index.
macro_rules! indexed_type {
    ($name:ident, $table:ident, $row:ty, $of_id:ident, $what:literal) => {
        #[derive(Clone)]
        pub struct $name {
            pub(crate) m: $crate::graphql::kit::View,
            pub(crate) i: u32,
        }

        impl $name {
            /// The item at index `i` of the model.
            pub(crate) fn at(m: &$crate::graphql::kit::View, i: usize) -> Self {
                Self {
                    m: m.clone(),
                    i: i as u32,
                }
            }

            /// The item with this database id; a dangling id is an internal error.
            pub(crate) fn by_id(
                m: &$crate::graphql::kit::View,
                id: i32,
            ) -> $crate::error::GqlResult<Self> {
                m.$of_id(id)
                    .map(|i| Self::at(m, i))
                    .ok_or_else(|| $crate::graphql::kit::dangling($what, id))
            }

            pub(crate) fn row(&self) -> &$row {
                &self.m.$table[self.i as usize]
            }
        }
    };
}
pub(crate) use indexed_type;

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

/// Two values side by side.
#[derive(async_graphql::SimpleObject)]
pub struct NumberComparison {
    /// Value for role `a`.
    pub a: Option<f64>,
    /// Value for role `b`.
    pub b: Option<f64>,
    /// `b - a`, when both are known.
    pub difference: Option<f64>,
    /// `(b - a) / a` in percent, when both are known and `a` is not 0.
    pub percent: Option<f64>,
}

impl NumberComparison {
    pub(crate) fn of(a: Option<f64>, b: Option<f64>) -> Self {
        let difference = a.zip(b).map(|(a, b)| b - a);
        let percent = a
            .zip(b)
            .filter(|(a, _)| *a != 0.0)
            .map(|(a, b)| ((b - a) / a * 1000.0).round() / 10.0);
        Self {
            a,
            b,
            difference,
            percent,
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

/// Four decimals: enough for a score, stable across platforms' last bits.
pub(crate) fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
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
