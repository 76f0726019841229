//! A narrative fact about a role, in our words: a requirement, a qualifier, an FAQ answer,
//! an outlook, a trait, needed knowledge, a duty or a comparison, in order, per source.
use sea_orm::entity::prelude::*;

use crate::vocab::StatementKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_statement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    /// Position in the source's list of statements about the role, from 1.
    pub position: i32,
    /// What sort of statement this is.
    pub kind: StatementKind,
    /// What the statement is about, a slug (e.g. `experience`, `mba`).
    pub topic: String,
    /// The statement, in our words.
    pub text: String,
    /// The question it answers (FAQ statements).
    pub question: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
