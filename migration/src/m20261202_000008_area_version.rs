//! `data_version.area_version`: the data version at which the area tables (`area`,
//! `area_wage`) last changed. Only a BLS by-area import or a dataset REPLACE changes them, so
//! the api keeps its indexed copy of area wages (the largest thing it holds) across every other
//! write instead of reading 217,000 rows again per data version.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{a, add_column, drop_column};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            manager,
            "data_version",
            big_integer(a("area_version")).default(0),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_column(manager, "data_version", "area_version").await
    }
}
