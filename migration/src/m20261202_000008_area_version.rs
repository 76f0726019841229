//! `data_version.area_version`: the data version at which the area tables (`area`,
//! `area_wage`) last changed. Only a BLS by-area import or a dataset REPLACE changes them, so
//! the api keeps its indexed copy of area wages (the largest thing it holds) across every other
//! write instead of reading 217,000 rows again per data version.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::a;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("data_version"))
                    .add_column(big_integer(a("area_version")).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("data_version"))
                    .drop_column(a("area_version"))
                    .to_owned(),
            )
            .await
    }
}
