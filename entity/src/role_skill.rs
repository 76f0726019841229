//! A role needs a skill, with the weight a source gives it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_skill")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub skill_id: i32,
    pub source_id: i32,
    /// Share of postings/resumes naming the skill, 0–100.
    pub share_pct: Option<f64>,
    /// Position in the source's "top skills" list (1 = most important).
    pub rank: Option<i32>,
    /// O*NET importance, 1–5.
    pub importance: Option<f64>,
    /// O*NET level, 0–7.
    pub level: Option<f64>,
    pub note: Option<String>,
    // O*NET statistics of the importance and level ratings.
    pub importance_n: Option<i32>,
    pub importance_se: Option<f64>,
    pub importance_ci_low: Option<f64>,
    pub importance_ci_high: Option<f64>,
    pub level_n: Option<i32>,
    pub level_se: Option<f64>,
    pub level_ci_low: Option<f64>,
    pub level_ci_high: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
