//! The graph's edges: stored career moves, and roles similar by skills (computed moves).

use async_graphql::Object;

use super::Role;
use crate::career::similarity::{SimilarGates, Transition};
use crate::error::GqlResult;
use crate::graphql::enums::MoveKind;
use crate::graphql::gates::TransitionGates;
use crate::graphql::kit::{SalaryChange, View, dangling, round};
use crate::graphql::source::Source;
use crate::service::planning;

#[derive(Clone)]
pub struct CareerMove {
    pub(crate) m: View,
    pub(crate) i: u32,
}

impl CareerMove {
    /// The move with this database id; a dangling id is an internal error.
    pub(crate) fn by_id(m: &View, id: i32) -> GqlResult<Self> {
        m.move_index_of_id(id)
            .map(|i| Self {
                m: m.clone(),
                i: i as u32,
            })
            .ok_or_else(|| dangling("move", id))
    }

    /// The moves at `indices` (already in the model's order), only those of `kind` when given.
    pub(crate) fn list(m: &View, indices: &[u32], kind: Option<MoveKind>) -> Vec<CareerMove> {
        indices
            .iter()
            .filter(|&&i| kind.is_none_or(|k| MoveKind::from(m.moves[i as usize].kind) == k))
            .map(|&i| CareerMove { m: m.clone(), i })
            .collect()
    }

    fn row(&self) -> &crate::model::rows::Move {
        &self.m.moves[self.i as usize]
    }
}

/// A directed edge of the career graph: people move from one role to another.
#[Object]
impl CareerMove {
    /// The role people leave.
    async fn from(&self) -> GqlResult<Role> {
        Role::by_id(&self.m, self.row().from_role_id)
    }
    /// The role people take.
    async fn to(&self) -> GqlResult<Role> {
        Role::by_id(&self.m, self.row().to_role_id)
    }
    /// Promotion, lateral move, pivot or related role.
    async fn kind(&self) -> MoveKind {
        self.row().kind.into()
    }
    /// Typical years spent in the first role before the move, when known.
    async fn typical_years(&self) -> Option<f64> {
        self.row().typical_years
    }
    /// Evidence weight in (0, 1]: 0.8 stated as most common, 0.6 stated, 0.4 stated as less
    /// common, 0.3 inferred, 0.2 merely related.
    async fn likelihood(&self) -> Option<f64> {
        self.row().likelihood
    }
    /// What the move takes, in our words.
    async fn description(&self) -> Option<&str> {
        self.row().description.as_deref()
    }
    /// True when we inferred the move rather than the source stating it (its `source` is then
    /// the editorial source).
    async fn derived(&self) -> bool {
        self.row().derived
    }
    /// Where `kind` and `likelihood` come from: our classification of what `source` states,
    /// so the editorial source (the move itself keeps its `source`).
    async fn assessed_by(&self) -> Option<Source> {
        Source::editorial(&self.m)
    }
    /// Salary change of the move, like for like (see `SalaryChange`); null when either role
    /// has no pay.
    async fn salary_change(&self) -> GqlResult<Option<SalaryChange>> {
        let from = Role::by_id(&self.m, self.row().from_role_id)?;
        let to = Role::by_id(&self.m, self.row().to_role_id)?;
        Ok(
            crate::service::place::move_salaries(&self.m, from.i as usize, to.i as usize, None)
                .map(Into::into),
        )
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.m, self.row().source_id)
    }
}

/// A role similar to another, by skills.
pub struct SimilarRole {
    m: View,
    from: usize,
    role: usize,
    transition: Transition,
}

/// A role similar to another, by skills.
#[Object]
impl SimilarRole {
    /// The similar role.
    async fn role(&self) -> Role {
        Role::at(&self.m, self.role)
    }
    /// The fit of the first role's own skills to this one, 0–1.
    async fn similarity(&self) -> f64 {
        round(self.transition.similarity)
    }
    /// The fit of this role's own skills to the first one, 0–1 (the way back).
    async fn reverse_similarity(&self) -> f64 {
        round(self.m.graph.transition(self.role, self.from).similarity)
    }
    /// The move's gate values under the default gates.
    async fn gates(&self) -> TransitionGates {
        TransitionGates::new(self.transition, SimilarGates::default())
    }
}

impl SimilarRole {
    /// `Role.similarRoles`: the roles `role` is most similar to.
    pub(crate) fn of(
        role: &Role,
        first: i32,
        min_similarity: Option<f64>,
    ) -> GqlResult<Vec<SimilarRole>> {
        let found = planning::similar_roles(&role.m, role.i as usize, first, min_similarity)?;
        Ok(found
            .into_iter()
            .map(|(b, transition)| SimilarRole {
                m: role.m.clone(),
                from: role.i as usize,
                role: b,
                transition,
            })
            .collect())
    }
}
