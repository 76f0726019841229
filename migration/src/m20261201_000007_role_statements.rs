//! `role_statement`: narrative facts about a role (requirements, qualifiers, FAQ answers,
//! outlook, traits, knowledge, duties, comparisons), each citing its source, in order.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::support::{a, drop_tables, unique_key};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "role_statement";

/// A foreign key from `role_statement.column` to `target.id`.
fn reference(column: &str, target: &str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{TABLE}_{column}"))
        .from(a(TABLE), a(column))
        .to(a(target), a("id"))
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a(TABLE))
                    .if_not_exists()
                    .col(pk_auto(a("id")))
                    .col(integer(a("role_id")))
                    .col(integer(a("source_id")))
                    .col(integer(a("position")))
                    .col(string(a("kind")))
                    .col(string(a("topic")))
                    .col(text(a("text")))
                    .col(text_null(a("question")))
                    .foreign_key(&mut reference("role_id", "role", ForeignKeyAction::Cascade))
                    .foreign_key(&mut reference(
                        "source_id",
                        "source",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        for column in ["role_id", "source_id", "topic"] {
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{TABLE}_{column}"))
                        .table(a(TABLE))
                        .col(a(column))
                        .to_owned(),
                )
                .await?;
        }
        // The natural key: a statement is the n-th a source states about a role.
        let key = ["role_id", "source_id", "position"];
        unique_key(manager, &format!("uq_{TABLE}"), TABLE, &key).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, &[TABLE]).await
    }
}
