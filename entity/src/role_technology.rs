//! Software or a tool used in a role, with O*NET's hot-technology and in-demand flags.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_technology")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    pub name: String,
    /// UNSPSC commodity title (the kind of technology).
    pub commodity: Option<String>,
    pub hot: bool,
    pub in_demand: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
