//! Audit trail of admin writes: who (token id), what, and the data version it produced.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000004_audit_log"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let a = Alias::new;
        manager
            .create_table(
                Table::create()
                    .table(a("audit_log"))
                    .if_not_exists()
                    .col(pk_auto(a("id")))
                    .col(big_integer(a("at_unix_ms")))
                    .col(string(a("token_id")))
                    .col(string(a("action")))
                    .col(text(a("target")))
                    .col(big_integer(a("data_version")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_token_id")
                    .table(a("audit_log"))
                    .col(a("token_id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("audit_log"))
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
