//! PostgreSQL: every committed change of `data_version` notifies the channel
//! `career_data_version` (payload: the new version), so every api replica rebuilds its read
//! model without polling. SQLite has no NOTIFY; replicas there poll `PRAGMA data_version`.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000005_notify_data_version"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE OR REPLACE FUNCTION career_notify_data_version() RETURNS trigger AS $$
             BEGIN
               PERFORM pg_notify('career_data_version', NEW.version::text);
               RETURN NEW;
             END
             $$ LANGUAGE plpgsql",
        )
        .await?;
        db.execute_unprepared(
            "CREATE TRIGGER data_version_notify AFTER INSERT OR UPDATE ON data_version
             FOR EACH ROW EXECUTE FUNCTION career_notify_data_version()",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP TRIGGER IF EXISTS data_version_notify ON data_version")
            .await?;
        db.execute_unprepared("DROP FUNCTION IF EXISTS career_notify_data_version()")
            .await?;
        Ok(())
    }
}
