//! Ordered list facts about a role: top employer types, pay factors, resources.
use sea_orm::entity::prelude::*;

use crate::vocab::AttributeKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_attribute")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    /// Which list the item belongs to.
    pub kind: AttributeKind,
    pub position: i32,
    pub name: String,
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
