//! Role statements: narrative facts about a role in our words, each citing its source.

use async_graphql::Object;
use entity::role_statement;

use super::enums::StatementKind;
use super::kit::{View, fact_type};
use super::source::Source;
use crate::error::GqlResult;

fact_type!(RoleStatement, statements, role_statement::Model);

impl RoleStatement {
    /// The role's statements in source order, optionally only one kind and one topic.
    pub(crate) fn of_role(
        m: &View,
        role: u32,
        kind: Option<StatementKind>,
        topic: Option<&str>,
    ) -> Vec<Self> {
        let mut rows = Self::all_of(m, role);
        rows.retain(|s| {
            let row = s.row();
            kind.is_none_or(|k| StatementKind::from(row.kind) == k)
                && topic.is_none_or(|t| row.topic == t)
        });
        rows
    }
}

/// A narrative fact about a role: what a source states about it, in our words.
#[Object]
impl RoleStatement {
    /// What sort of statement this is.
    async fn kind(&self) -> StatementKind {
        self.row().kind.into()
    }
    /// What the statement is about, a slug (e.g. `experience`, `mba`); several statements
    /// can share a topic.
    async fn topic(&self) -> &str {
        &self.row().topic
    }
    /// The statement, in our words.
    async fn text(&self) -> &str {
        &self.row().text
    }
    /// The question an FAQ statement answers; null for other kinds.
    async fn question(&self) -> Option<&str> {
        self.row().question.as_deref()
    }
    /// Position in the source's list of statements about the role, from 1.
    async fn position(&self) -> i32 {
        self.row().position
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}
