//! One job zone as O*NET's Job Zone Reference defines it, citing the source that stated it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "job_zone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The zone's number as roles are rated (`Job Zone`).
    pub number: i32,
    pub source_id: i32,
    pub name: String,
    pub experience: String,
    pub education: String,
    pub job_training: String,
    pub examples: String,
    /// The SVP range as stated (`(4.0 to < 6.0)`).
    pub svp_range: String,
    /// Least SVP of the zone (inclusive); `None`: no lower bound.
    pub svp_min: Option<f64>,
    /// SVP the zone stays below; `None`: no upper bound.
    pub svp_max: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
