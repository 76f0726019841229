//! Loads a career dataset (the curated `seed/data`, or any directory in the same format)
//! into a database.
//!
//! Loading is validated first (references, ranges, duplicates: errors name the file,
//! record and field), then applied in one transaction as upserts on natural keys, so a
//! load is all-or-nothing and loading twice leaves identical rows.

// SeedError carries where a problem is (file, record, key, field) as data; it is made once
// per failed load, never on a hot path, so its size is not worth a box.
#![allow(clippy::result_large_err)]

pub mod bls;
pub mod bootstrap;
pub mod dataset;
mod export;
#[cfg(test)]
mod fuzz;
mod load;
pub mod onet;
mod rules;
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
pub use validate::{
    Broken, Rules, Valid, parse_dataset, parse_onto, parse_record, parse_records, validate,
    validate_onto,
};
pub use write::{Audit, Write, current_version};

/// Why a dataset could not be read, validated or written. Each variant carries where the
/// problem is as data (file, record, field, line and column), so a caller can name the bad
/// value without reading the message.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A data file (CSV or TSV) is not well formed.
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    /// A JSON document does not fit its record types.
    #[error("{file}{}: {path}: {message}", at_line(*.line, *.column))]
    Json {
        file: String,
        /// Path of the bad value in the document (`roles[0].seniority`; `.` for the root).
        path: String,
        /// Line and column of the bad value (1-based; 0 when read from a parsed value).
        line: usize,
        column: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A line of a data file (O*NET, BLS) breaks a rule: `record` is the line, `field` the
    /// column.
    #[error("{file}: {record}: field `{field}`: {message}")]
    Invalid {
        file: String,
        record: String,
        field: String,
        message: String,
    },
    /// A dataset record breaks a rule.
    #[error("{file}: {}field `{field}`: {message}", record_name(.record, .key.as_deref()))]
    Rule {
        /// The file (or document part) holding the record.
        file: String,
        /// Index of the record's fact file in the dataset; `None` for the catalog.
        facts: Option<usize>,
        /// Path of the record in its file (`roles[3]`, `moves[0]`); empty for the file itself.
        record: String,
        /// The record's natural key, when it has one (`ceo`).
        key: Option<String>,
        /// The field, in dataset spelling (`share_pct`, `items[2].name`).
        field: String,
        /// Which rule it breaks.
        message: String,
    },
    /// The database refused the write; nothing was committed.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// ` (line 3, column 7)` when the position is known.
fn at_line(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line}, column {column})")
    }
}

/// `roles[3] (ceo): ` for messages; empty for a file-level rule.
fn record_name(record: &str, key: Option<&str>) -> String {
    match (record, key) {
        ("", _) => String::new(),
        (record, Some(key)) => format!("{record} ({key}): "),
        (record, None) => format!("{record}: "),
    }
}
