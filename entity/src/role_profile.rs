//! Scalar facts about one role as stated by one source: pay, outlook, experience, education.
//! Unique per (role, source), so two sources' figures for one role stay side by side.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_profile")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    // Yearly pay in whole US dollars.
    pub salary_mean: Option<i32>,
    pub salary_median: Option<i32>,
    pub salary_low: Option<i32>,
    pub salary_high: Option<i32>,
    pub salary_p10: Option<i32>,
    pub salary_p25: Option<i32>,
    pub salary_p75: Option<i32>,
    pub salary_p90: Option<i32>,
    // Hourly pay in US dollars.
    pub hourly_mean: Option<f64>,
    pub hourly_median: Option<f64>,
    pub hourly_p10: Option<f64>,
    pub hourly_p25: Option<f64>,
    pub hourly_p75: Option<f64>,
    pub hourly_p90: Option<f64>,
    pub pay_note: Option<String>,
    pub growth_rate_pct: Option<f64>,
    pub growth_outlook: Option<String>,
    pub jobs_count: Option<i32>,
    pub job_satisfaction: Option<f64>,
    pub experience_years_min: Option<f64>,
    pub experience_years_max: Option<f64>,
    pub management_years_min: Option<f64>,
    pub management_years_max: Option<f64>,
    pub years_to_become_min: Option<f64>,
    pub years_to_become_max: Option<f64>,
    pub average_age: Option<f64>,
    pub degree: Option<String>,
    pub degree_share_pct: Option<f64>,
    pub major: Option<String>,
    pub college: Option<String>,
    pub highest_paying_city: Option<String>,
    pub highest_paying_state: Option<String>,
    pub best_paying_company: Option<String>,
    pub best_paying_industry: Option<String>,
    pub lgbt_share_pct: Option<f64>,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub direct_reports_min: Option<i32>,
    pub direct_reports_max: Option<i32>,
    pub ai_impact: Option<String>,
    pub licenses: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
