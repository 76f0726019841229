//! What the admin operations answer: import counts, audit entries, delete results.

use async_graphql::{Enum, SimpleObject};

/// How `importDataset` treats data already in the database.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Add and update the dataset's records; keep everything else.
    Merge,
    /// Make the database hold exactly the dataset; delete records it lacks.
    Replace,
}

/// What an import did to one table.
#[derive(SimpleObject)]
pub struct TableChange {
    /// Table name, e.g. `role` or `career_move`.
    pub table: String,
    /// Records that did not exist before.
    pub created: u64,
    /// Records of the dataset whose values changed.
    pub updated: u64,
    /// Records of the dataset that were already there with the same values.
    pub unchanged: u64,
    /// Records removed (REPLACE only).
    pub deleted: u64,
}

/// Result of `importDataset`.
#[derive(SimpleObject)]
pub struct ImportResult {
    /// Records created, over all tables.
    pub created: u64,
    /// Records updated, over all tables.
    pub updated: u64,
    /// Records unchanged, over all tables.
    pub unchanged: u64,
    /// Records deleted, over all tables.
    pub deleted: u64,
    /// The same counts per table (tables the import did not touch are left out).
    pub tables: Vec<TableChange>,
    /// Data version after the import (unchanged by a dry run).
    pub data_version: i64,
    /// True when this was a dry run: the counts say what would change; nothing was kept.
    pub dry_run: bool,
}

/// One admin write.
#[derive(SimpleObject)]
pub struct AuditEntry {
    /// When, in milliseconds since the Unix epoch.
    pub at_unix_ms: i64,
    /// Id of the token that made the write.
    pub token_id: String,
    /// The mutation, e.g. `createRole`.
    pub action: String,
    /// What it changed (slug or move).
    pub target: String,
    /// Data version after the write.
    pub data_version: i64,
}

impl From<seed::TableCounts> for TableChange {
    fn from(t: seed::TableCounts) -> Self {
        Self {
            table: t.table.to_owned(),
            created: t.created,
            updated: t.updated,
            unchanged: t.unchanged,
            deleted: t.deleted,
        }
    }
}

impl From<seed::ImportReport> for ImportResult {
    fn from(report: seed::ImportReport) -> Self {
        let total = report.total();
        Self {
            created: total.created,
            updated: total.updated,
            unchanged: total.unchanged,
            deleted: total.deleted,
            tables: report.tables.into_iter().map(TableChange::from).collect(),
            data_version: report.data_version,
            dry_run: report.dry_run,
        }
    }
}

impl From<entity::audit_log::Model> for AuditEntry {
    fn from(r: entity::audit_log::Model) -> Self {
        Self {
            at_unix_ms: r.at_unix_ms,
            token_id: r.token_id,
            action: r.action,
            target: r.target,
            data_version: r.data_version,
        }
    }
}

/// Result of a delete.
#[derive(SimpleObject)]
pub struct DeleteResult {
    /// True when something was deleted.
    pub deleted: bool,
}

impl From<ImportMode> for seed::ImportMode {
    fn from(mode: ImportMode) -> Self {
        match mode {
            ImportMode::Merge => Self::Merge,
            ImportMode::Replace => Self::Replace,
        }
    }
}
