//! `job_zone`: O*NET's Job Zone Reference, the definition of the job zones roles are rated in
//! (number, name, what each asks in experience, education and training, and its SVP range),
//! with the source that stated it. Gaps between job zones are computed from it.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{a, drop_tables, unique_key};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "job_zone";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a(TABLE))
                    .if_not_exists()
                    .col(pk_auto(a("id")))
                    .col(integer(a("number")))
                    .col(integer(a("source_id")))
                    .col(string(a("name")))
                    .col(text(a("experience")))
                    .col(text(a("education")))
                    .col(text(a("job_training")))
                    .col(text(a("examples")))
                    .col(string(a("svp_range")))
                    .col(double_null(a("svp_min")))
                    .col(double_null(a("svp_max")))
                    // The reference goes with the source that stated it (a dataset REPLACE
                    // that drops the source drops its reference).
                    .foreign_key(
                        ForeignKey::create()
                            .name(format!("fk_{TABLE}_source_id"))
                            .from(a(TABLE), a("source_id"))
                            .to(a("source"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The natural key: one definition of each zone number at a time.
        unique_key(manager, &format!("uq_{TABLE}"), TABLE, &["number"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[TABLE]).await
    }
}
