//! Where a fact comes from: a source document (by file name) or a dataset release.
use sea_orm::entity::prelude::*;

use crate::vocab::SourceKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "source")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Natural key: document file name (`003_1223a2aff6a9897a.txt`) or dataset id (`onet-29.3`).
    #[sea_orm(unique)]
    pub key: String,
    pub title: String,
    /// What kind of source.
    pub kind: SourceKind,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub attribution: Option<String>,
    /// The month the figures are as of (`YYYY-MM`): a survey's reference month or a database
    /// release's month; the newest leads merged views (see `api::model`).
    pub as_of: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
