//! BLS data: OEWS May 2024 national wages (read into the O*NET occupations, `national`) and
//! OEWS May 2025 by area: the areas (nation, states and territories, metropolitan and
//! nonmetropolitan areas) and each area's employment and wages per SOC occupation.
//!
//! [`parse_areas`] reads and checks the three files (header, codes, numbers, footnotes: errors
//! name the file, line and column) without a database; [`import_areas`] parses the records on
//! their rules ([`write::parse_records`], the same [`Rules`](crate::Rules) every writer
//! applies) and writes them through the one writer, in one transaction as upserts on natural
//! keys (area code; area, SOC code and source), so an import is all-or-nothing and importing
//! twice changes nothing.
//!
//! Area wages are not dataset records: they are keyed by SOC code rather than by role (roles
//! join them through the first seven characters of their O*NET code) and there are about
//! 217,000 of them, so they have their own table writer inside the same [`Write`].
//! A value BLS did not publish is stored as absent, with the footnote that says why; nothing is
//! derived (no hourly figure is annualised, no top-coded value is filled in).
//!
//! The same write also gives every role whose O*NET code's SOC code has a national row a
//! profile citing this release ([`profiles`]), parsed and written as dataset records, so
//! `Role.profiles` shows the May 2025 national figures beside the May 2024 ones.
//!
//! Modules by job: `parse` (the files), `fips` (state codes), `footnotes` (BLS's footnote
//! texts), `write` (record rules and the area tables), `profiles` (derived national profiles),
//! `national` (the May 2024 national file, read into the O*NET occupations with the O*NET
//! table reader).

mod fips;
mod footnotes;
pub(crate) mod national;
mod parse;
mod profiles;
#[cfg(test)]
mod tests;
mod write;

use std::path::{Path, PathBuf};

use crate::SeedError;
use crate::write::Write;

pub use fips::usps_of_fips;
pub use footnotes::{FOOTNOTE_TEXTS, footnote_text};
pub(crate) use national::wages;
pub use parse::{AreaRecord, AreaWageRecord, ParsedAreas, parse_areas};

/// Key of the BLS May 2025 by-area source.
pub const AREA_SOURCE: &str = "bls-oews-2025";
/// The credit BLS asks for.
pub const AREA_ATTRIBUTION: &str = "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025.";
/// The areas file.
pub const AREAS_FILE: &str = "areas.csv";
/// The footnote codes file.
pub const FOOTNOTES_FILE: &str = "footnotes.csv";
/// The wages file (plain, or `.gz` beside it).
pub const WAGES_FILE: &str = "wages_by_area_M2025.csv";

/// Where the files are: a directory holding [`AREAS_FILE`], [`FOOTNOTES_FILE`] and
/// [`WAGES_FILE`] (or its `.gz`).
#[derive(Clone, Debug)]
pub struct AreaPaths {
    pub dir: PathBuf,
}

impl AreaPaths {
    /// The copy shipped in `seed/data/bls-oews-2025`.
    pub fn shipped() -> Self {
        Self {
            dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bls-oews-2025"),
        }
    }
}

/// Rows written per table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaImportReport {
    pub areas: u64,
    pub area_wages: u64,
    /// Role profiles written with the national figures.
    pub profiles: u64,
}

impl std::fmt::Display for AreaImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<22} {:>9}", "area", self.areas)?;
        writeln!(f, "{:<22} {:>9}", "area_wage", self.area_wages)?;
        writeln!(f, "{:<22} {:>9}", "role_profile", self.profiles)
    }
}

/// Parses and checks the files, then writes the source, the areas and the area wages through
/// one [`Write`] (upserts on natural keys, version bump, audit row `importBls2025`). On any
/// error nothing is written.
pub async fn import_areas(
    db: &sea_orm::DatabaseConnection,
    paths: &AreaPaths,
    progress: bool,
) -> Result<AreaImportReport, SeedError> {
    import_areas_by(db, paths, progress, Some("seed")).await
}

/// [`import_areas`] with the audit row's actor; `None` only for the service's first-start
/// bootstrap, which is not audited.
pub async fn import_areas_by(
    db: &sea_orm::DatabaseConnection,
    paths: &AreaPaths,
    progress: bool,
    actor: Option<&str>,
) -> Result<AreaImportReport, SeedError> {
    let parsed = write::parse_records(parse_areas(paths, progress)?)?;
    let mut change = Write::begin(db).await?;
    change.changes_areas();
    let mut report = write::areas(change.conn(), &parsed, progress).await?;
    let profiles = profiles::national(change.conn(), &parsed).await?;
    report.profiles = crate::load::write_records(change.conn(), &profiles)
        .await?
        .iter()
        .map(|(_, n)| n)
        .sum();
    let target = format!(
        "{} areas, {} area wages, {} role profiles",
        report.areas, report.area_wages, report.profiles
    );
    change.commit_by(actor, "importBls2025", target).await?;
    Ok(report)
}
