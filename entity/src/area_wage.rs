//! Employment and wages of one SOC occupation in one area, per source. Natural key: (area, SOC
//! code, source). Every estimate is nullable: a value the source did not publish is absent, and
//! `footnotes` says why as `FIELD=code` pairs (`A_MEDIAN=5;H_MEDIAN=5`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "area_wage")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub area_id: i32,
    pub source_id: i32,
    /// SOC 2018 code, seven characters (`11-3021`): the first seven of an O*NET-SOC code.
    pub soc_code: String,
    pub employment: Option<i32>,
    /// Relative standard error of `employment`, percent.
    pub employment_rse: Option<f64>,
    // Hourly pay in US dollars.
    pub hourly_mean: Option<f64>,
    pub hourly_p10: Option<f64>,
    pub hourly_p25: Option<f64>,
    pub hourly_median: Option<f64>,
    pub hourly_p75: Option<f64>,
    pub hourly_p90: Option<f64>,
    // Yearly pay in whole US dollars.
    pub annual_mean: Option<i32>,
    pub annual_p10: Option<i32>,
    pub annual_p25: Option<i32>,
    pub annual_median: Option<i32>,
    pub annual_p75: Option<i32>,
    pub annual_p90: Option<i32>,
    /// Relative standard error of the mean wage, percent.
    pub mean_rse: Option<f64>,
    /// Jobs in the occupation per 1,000 jobs in the area.
    pub jobs_per_1000: Option<f64>,
    /// The occupation's share of the area's jobs over its share of the nation's.
    pub location_quotient: Option<f64>,
    /// Why values are absent or bounded: `FIELD=code` pairs joined by `;` (source column names).
    pub footnotes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
