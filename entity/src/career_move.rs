//! A directed edge of the career graph: people move from one role to another.
use sea_orm::entity::prelude::*;

use crate::vocab::MoveKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "career_move")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub from_role_id: i32,
    pub to_role_id: i32,
    pub source_id: i32,
    /// Kind of move (see [`MoveKind`]).
    pub kind: MoveKind,
    pub typical_years: Option<f64>,
    /// Evidence weight in (0, 1]; see README for the scale.
    pub likelihood: Option<f64>,
    pub description: Option<String>,
    /// True when we inferred the move (e.g. from a reporting line) rather than the source stating it.
    pub derived: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
