//! Small helpers for migrations written from 2026-12-01 on (applied migrations keep their
//! own code: they are never edited).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, string_uniq};
use sea_orm_migration::sea_orm::DbBackend;

/// A table or column name.
pub fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// Creates the unique index `name` on `table` (`columns`): a table's natural key.
pub async fn unique_key(
    manager: &SchemaManager<'_>,
    name: &str,
    table: &str,
    columns: &[&str],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(a(table)).unique();
    for column in columns {
        index.col(a(column));
    }
    manager.create_index(index.to_owned()).await
}

/// Drops `tables` in order, if they exist.
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(a(table)).if_exists().to_owned())
            .await?;
    }
    Ok(())
}

/// Adds `column` to `table`.
pub async fn add_column(
    manager: &SchemaManager<'_>,
    table: &str,
    column: &mut ColumnDef,
) -> Result<(), DbErr> {
    let mut alter = Table::alter();
    alter.table(a(table)).add_column(column);
    manager.alter_table(alter.to_owned()).await
}

/// Drops `column` from `table`.
pub async fn drop_column(
    manager: &SchemaManager<'_>,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    let mut alter = Table::alter();
    alter.table(a(table)).drop_column(a(column));
    manager.alter_table(alter.to_owned()).await
}

/// A text column sorted byte-wise on both databases (PostgreSQL: the "C" collation).
pub fn sort_text(column: &str, backend: DbBackend, unique: bool) -> ColumnDef {
    let mut def = if unique {
        string_uniq(a(column))
    } else {
        string(a(column))
    };
    if backend == DbBackend::Postgres {
        def.extra("COLLATE \"C\"");
    }
    def
}
