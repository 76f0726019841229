//! Loads a career dataset (the curated `seed/data`, or any directory in the same format)
//! into a database.
//!
//! Loading is validated first (references, ranges, duplicates: errors name the file,
//! record and field), then applied in one transaction as upserts on natural keys, so a
//! load is all-or-nothing and loading twice leaves identical rows.

pub mod dataset;
mod export;
#[cfg(test)]
mod fuzz;
mod load;
pub mod onet;
pub mod synthetic;
pub mod tables;
mod transfer;
mod validate;
pub mod value;
pub mod write;

pub use dataset::{Dataset, FactFile};
pub use export::export;
pub use load::{LoadOptions, LoadReport, load, write_records};
pub use tables::table_totals;
pub use transfer::{ImportMode, ImportOptions, ImportReport, TableCounts, import};
pub use validate::{Broken, Rules, validate, validate_onto};
pub use write::{Audit, Write, current_version};

/// Why a dataset could not be read, validated or written.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid JSON for its record types (serde names line and column).
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    /// A record breaks a rule: names the file, the record and the field.
    #[error("{file}: {record}: field `{field}`: {message}")]
    Invalid {
        file: String,
        record: String,
        field: String,
        message: String,
    },
    /// The database refused the write; nothing was committed.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}
