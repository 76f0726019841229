//! An area BLS publishes estimates for: the nation, a state or territory, or a metropolitan or
//! nonmetropolitan area. Natural key: the BLS area code (`0600000` is California).
use sea_orm::entity::prelude::*;

use crate::vocab::AreaType;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "area")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Natural key: the seven-digit BLS area code.
    #[sea_orm(unique)]
    pub code: String,
    pub area_type: AreaType,
    /// Two-digit state FIPS code (`00` for the nation).
    pub state_fips: String,
    /// USPS code of a state or territory (`CA`); none for the nation and metro areas.
    pub state_code: Option<String>,
    /// BLS title, e.g. `California` or `San Jose-Sunnyvale-Santa Clara, CA`.
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
