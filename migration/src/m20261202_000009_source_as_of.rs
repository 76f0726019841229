//! `source.as_of`: the month a source's figures are as of (`YYYY-MM`): a survey's reference
//! month (BLS OEWS May 2025: `2025-05`) or a database release's month (O*NET 29.3: `2025-05`).
//! Where two releases of a dataset state the same figure, the newest leads merged views.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{a, add_column, drop_column};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(manager, "source", &mut string_null(a("as_of"))).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_column(manager, "source", "as_of").await
    }
}
