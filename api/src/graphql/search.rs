//! `search`: ranked, typo-tolerant lookup of roles, skills and certifications.

use async_graphql::{Context, Enum, Object};

use super::graph::{Certification, Role, Skill};
use super::kit::View;
use crate::career::text_index::{EntryKind, Hit};
use crate::error::GqlResult;
use crate::service::catalog;

/// What a search hit is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchHitKind {
    /// A role (matched by title or alternate title).
    Role,
    /// A skill or knowledge area.
    Skill,
    /// A certification (matched by name or acronym).
    Certification,
}

impl From<SearchHitKind> for EntryKind {
    fn from(kind: SearchHitKind) -> Self {
        match kind {
            SearchHitKind::Role => Self::Role,
            SearchHitKind::Skill => Self::Skill,
            SearchHitKind::Certification => Self::Certification,
        }
    }
}

/// One search result.
pub struct SearchHit {
    m: View,
    hit: Hit,
}

/// One search result.
#[Object]
impl SearchHit {
    /// What the hit is.
    async fn kind(&self) -> SearchHitKind {
        match self.hit.kind {
            EntryKind::Role => SearchHitKind::Role,
            EntryKind::Skill => SearchHitKind::Skill,
            EntryKind::Certification => SearchHitKind::Certification,
        }
    }
    /// Relevance; higher is better (about 0–1.1).
    async fn score(&self) -> f64 {
        (self.hit.score * 1000.0).round() / 1000.0
    }
    /// The title, alternate title or name that matched.
    async fn matched_text(&self) -> &str {
        &self.hit.label
    }
    /// The role, when the hit is one.
    async fn role(&self) -> GqlResult<Option<Role>> {
        match self.hit.kind {
            EntryKind::Role => Role::by_id(&self.m, self.hit.id).map(Some),
            _ => Ok(None),
        }
    }
    /// The skill, when the hit is one.
    async fn skill(&self) -> GqlResult<Option<Skill>> {
        match self.hit.kind {
            EntryKind::Skill => Skill::by_id(&self.m, self.hit.id).map(Some),
            _ => Ok(None),
        }
    }
    /// The certification, when the hit is one.
    async fn certification(&self) -> GqlResult<Option<Certification>> {
        match self.hit.kind {
            EntryKind::Certification => Certification::by_id(&self.m, self.hit.id).map(Some),
            _ => Ok(None),
        }
    }
}

/// Search queries.
#[derive(Default)]
pub struct SearchQuery;

/// Search queries.
#[Object]
impl SearchQuery {
    /// Roles (by title or alternate title), skills and certifications matching `query`, best
    /// first. Case-insensitive; tolerates small typos; the last word may be a prefix.
    #[graphql(complexity = "crate::graphql::scaled(first, 10, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Text to look for, 1–100 characters.")] query: String,
        #[graphql(desc = "How many results, 1–50.", default = 10)] first: Option<i32>,
        #[graphql(desc = "Only hits of this kind (e.g. `ROLE` to find a role by title).")]
        kind: Option<SearchHitKind>,
    ) -> GqlResult<Vec<SearchHit>> {
        let m = super::model(ctx)?;
        let hits = catalog::search(&m, &query, first.unwrap_or(10), kind.map(EntryKind::from))?;
        Ok(hits
            .into_iter()
            .map(|hit| SearchHit { m: m.clone(), hit })
            .collect())
    }
}
