//! Schema migrations. One file per change; applied migrations are never edited.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_schema;
mod m20261123_000002_create_data_version;
mod m20261123_000003_onet_tables;
mod m20261123_000004_audit_log;
mod m20261130_000005_notify_data_version;
mod m20261201_000006_area_wages;
mod m20261201_000007_role_statements;
mod m20261202_000008_area_version;
mod m20261202_000009_source_as_of;
mod m20261203_000010_job_zones;
mod support;

/// All migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_schema::Migration),
            Box::new(m20261123_000002_create_data_version::Migration),
            Box::new(m20261123_000003_onet_tables::Migration),
            Box::new(m20261123_000004_audit_log::Migration),
            Box::new(m20261130_000005_notify_data_version::Migration),
            Box::new(m20261201_000006_area_wages::Migration),
            Box::new(m20261201_000007_role_statements::Migration),
            Box::new(m20261202_000008_area_version::Migration),
            Box::new(m20261202_000009_source_as_of::Migration),
            Box::new(m20261203_000010_job_zones::Migration),
        ]
    }
}
