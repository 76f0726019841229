//! Imports O*NET (the shipped 29.3, or another release in the 29.x or 30.3+ layout) and BLS
//! OEWS May 2024 national wages.
//!
//! `layout` first finds which O*NET download a directory holds (29.x `Skills` or 30.3+
//! `Essential Skills` + `Transferable Skills`; text `.txt` or Excel-derived `.tsv`, plain or
//! `.gz`; the release from its `Read Me.txt` or the directory name) and checks that every
//! file is there. [`parse`] reads and checks every file (header, numbers, codes: errors name the file, line
//! and column) into the records of the dataset format, without a database: the three sources,
//! the occupations as roles, the elements as skills and one fact file per source (O*NET,
//! BLS, derived promotions). [`import`] validates them onto the curated catalog and writes
//! them through the one writer, in one transaction as upserts on natural keys, so an import
//! is all-or-nothing and importing twice changes nothing.
//!
//! Modules: `layout` detects the download; `table` reads a TSV/CSV file row by row; `parse`
//! has one function per O*NET file;
//! `records` builds the dataset records; the wages are read by `crate::bls`.
//!
//! Mapping: occupation → role (slug from the title); Skills/Knowledge IM+LV → one role↔skill
//! row with importance, level and their statistics (rows marked Recommend Suppress or Not
//! Relevant are dropped; 30.3+ Essential and Transferable Skills are read as one Skills
//! file); Related Occupations → `related` moves weighted by tier and index, and
//! a derived `promotion` where the related occupation has a higher job zone (ranked by its Job Zone Reference) or a median wage at
//! least 15 % higher; Job Zones → job zone (and seniority of imported roles); Education → the
//! most common required education and related-experience categories (30.3+: Education and
//! Training and Experience); Technology Skills (30.3+: Software Skills), Task Statements and
//! Alternate Titles (30.3+: Job Titles) → their tables; BLS detailed rows → wages and
//! employment of every occupation whose code starts with the BLS code. Curated roles with an
//! O*NET code receive that occupation's skills, education and wages, each citing its dataset.

mod areas;
mod layout;
pub(crate) mod parse;
mod records;
pub(crate) mod table;
#[cfg(test)]
mod tests;
mod zones;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use entity::{
    career_move, role, role_alias, role_duty, role_profile, role_skill, role_technology, skill,
    source,
};

use crate::bls;
use crate::load::key_ids;
use crate::tables::Keyed;
use crate::write::Write;
use crate::{Dataset, SeedError};

pub use areas::{
    AREA_ATTRIBUTION, AREA_SOURCE, AreaImportReport, AreaPaths, AreaRecord, AreaWageRecord,
    ParsedAreas, footnote_text, import_areas, import_areas_by, parse_areas, usps_of_fips,
};
pub use parse::slugify;

/// Key of the shipped O*NET release's source (another release's is `onet-<release>`).
pub const ONET_SOURCE: &str = "onet-29.3";
/// Key of the BLS source.
pub const BLS_SOURCE: &str = "bls-oews-2024";
/// Key of the source of the shipped release's derived promotions.
pub const DERIVED_SOURCE: &str = "onet-29.3-derived-promotions";
/// The credit BLS asks for.
pub const BLS_ATTRIBUTION: &str = "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2024.";
/// Yearly and hourly values BLS writes as `#` (at least this much).
pub(crate) const TOP_CODED: (i32, f64) = (239_200, 115.0);
/// Relatedness weight by tier; multiplied by (1 - 0.02 × (index - 1)).
const TIER_WEIGHT: [(&str, f64); 3] = [
    ("Primary-Short", 0.5),
    ("Primary-Long", 0.35),
    ("Supplemental", 0.2),
];
/// A related occupation paying at least this much more (median) is a promotion.
const PROMOTION_WAGE_RATIO: f64 = 1.15;
/// Years of related work experience per O*NET RW category (1–11).
const EXPERIENCE_YEARS: [(f64, Option<f64>); 11] = [
    (0.0, Some(0.0)),
    (0.0, Some(1.0 / 12.0)),
    (1.0 / 12.0, Some(0.25)),
    (0.25, Some(0.5)),
    (0.5, Some(1.0)),
    (1.0, Some(2.0)),
    (2.0, Some(4.0)),
    (4.0, Some(6.0)),
    (6.0, Some(8.0)),
    (8.0, Some(10.0)),
    (10.0, None),
];

/// The O*NET release an import reads, as its sources name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnetRelease {
    /// `O*NET 29.3`, or `O*NET (release unknown)`.
    pub label: String,
    /// Key of its source: `onet-29.3` ([`ONET_SOURCE`] for the shipped release), `onet` when
    /// the release is unknown.
    pub key: String,
    /// Key of the source of the promotions derived from it.
    pub derived_key: String,
    /// The release month (`2025-05`), when known.
    pub as_of: Option<String>,
}

impl OnetRelease {
    /// The release `number` (`29.3`), or an unknown one.
    pub fn new(number: Option<&str>, as_of: Option<String>) -> Self {
        let key = number.map_or_else(|| "onet".to_owned(), |n| format!("onet-{n}"));
        Self {
            label: number.map_or_else(
                || "O*NET (release unknown)".to_owned(),
                |n| format!("O*NET {n}"),
            ),
            derived_key: format!("{key}-derived-promotions"),
            key,
            as_of,
        }
    }

    /// The source title: `O*NET 29.3 Database (May 2025 release)`.
    pub fn title(&self) -> String {
        let month = self.as_of.as_deref().and_then(|m| {
            let (year, month) = m.split_once('-')?;
            let name = layout::MONTHS.get(month.parse::<usize>().ok()?.checked_sub(1)?)?;
            Some(format!(" ({name} {year} release)"))
        });
        format!("{} Database{}", self.label, month.unwrap_or_default())
    }

    /// The attribution O*NET's licence requires, naming this release, with our modification
    /// notice.
    pub fn attribution(&self) -> String {
        format!(
            "This includes information from the {} Database by the U.S. Department of Labor, \
             Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. \
             O*NET® is a trademark of USDOL/ETA. Career knowledge service has modified all or some of \
             this information. USDOL/ETA has not approved, endorsed, or tested these modifications.",
            self.label
        )
    }
}

/// Where the files are.
#[derive(Clone, Debug)]
pub struct ImportPaths {
    /// Directory of the O*NET files: either layout, `.tsv` or `.txt`, plain or `.gz`.
    pub onet_dir: PathBuf,
    /// The BLS national CSV (plain or `.gz`); wages are skipped when `None`.
    pub bls_file: Option<PathBuf>,
}

impl ImportPaths {
    /// The copies shipped in `seed/data`.
    pub fn shipped() -> Self {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        Self {
            onet_dir: data.join("onet-29.3"),
            bls_file: Some(data.join("bls-oews-2024").join("national_M2024_dl.csv.gz")),
        }
    }
}

/// What was read, and rows written per table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The O*NET download detected: release, layout and edition.
    pub onet: String,
    pub written: Vec<(&'static str, u64)>,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (table, n) in &self.written {
            writeln!(f, "{table:<22} {n:>9}")?;
        }
        writeln!(f, "read: {}", self.onet)
    }
}

/// The tables an import writes, in the order [`ImportReport`] lists them.
const REPORTED: [&str; 10] = [
    source::Entity::NAME,
    zones::TABLE,
    role::Entity::NAME,
    skill::Entity::NAME,
    role_profile::Entity::NAME,
    role_skill::Entity::NAME,
    career_move::Entity::NAME,
    role_duty::Entity::NAME,
    role_technology::Entity::NAME,
    role_alias::Entity::NAME,
];

impl ImportReport {
    /// The reported tables' counts out of what the writer wrote.
    fn of(onet: String, written: &[(&'static str, u64)]) -> Self {
        let count = |table: &str| {
            written
                .iter()
                .find(|(t, _)| *t == table)
                .map_or(0, |(_, n)| *n)
        };
        Self {
            onet,
            written: REPORTED
                .iter()
                .map(|&table| (table, count(table)))
                .collect(),
        }
    }
}

/// Parses and checks every file into dataset records; reads no database. `curated` is the
/// catalog the import joins: its role and skill slugs are not reused, and its roles that
/// carry an O*NET code receive that occupation's skills, education and wages.
pub fn parse(paths: &ImportPaths, curated: &Dataset, progress: bool) -> Result<Dataset, SeedError> {
    parse_detected(paths, curated, progress).map(|d| d.dataset)
}

/// [`parse`], with what was detected of the O*NET download.
fn parse_detected(
    paths: &ImportPaths,
    curated: &Dataset,
    progress: bool,
) -> Result<Detected, SeedError> {
    // Every file of the layout is checked before any is read.
    let download = layout::Download::detect(&paths.onet_dir)?;
    if let Some(file) = &paths.bls_file
        && !file.is_file()
        && !PathBuf::from(format!("{}.gz", file.display())).is_file()
    {
        return Err(SeedError::Parse {
            file: file.display().to_string(),
            message: "the BLS wages file is missing; nothing was imported".into(),
        });
    }
    let release = OnetRelease::new(download.release.as_deref(), download.as_of.clone());
    let mut parsed = parse::onet(&download, curated, progress)?;
    if let Some(file) = &paths.bls_file {
        bls::wages(file, &mut parsed, progress)?;
    }
    Ok(Detected {
        zones: parsed.zones.clone(),
        dataset: records::dataset(parsed, curated, &release),
        describe: download.describe(),
        release,
    })
}

/// What [`parse_detected`] read: the dataset records, what was detected of the download, the
/// release and its job zone reference (written beside the records).
struct Detected {
    dataset: Dataset,
    describe: String,
    release: OnetRelease,
    zones: Vec<parse::ZoneDefinition>,
}

/// Drops the facts given to curated roles that the database does not hold (an import into
/// a database without the curated catalog links no curated roles).
fn drop_absent_roles(dataset: &mut Dataset, present: &HashMap<String, i32>) {
    let own: HashSet<&str> = dataset.roles.iter().map(|r| r.slug.as_str()).collect();
    let keep = |role: &str| own.contains(role) || present.contains_key(role);
    for facts in &mut dataset.facts {
        facts.profiles.retain(|p| keep(&p.role));
        facts.role_skills.retain(|s| keep(&s.role));
    }
}

/// Parses and validates everything, then writes it through one [`Write`] (upserts on natural
/// keys, data version bump and audit row by `seed`). On any error nothing is written.
pub async fn import(
    db: &sea_orm::DatabaseConnection,
    paths: &ImportPaths,
    progress: bool,
) -> Result<ImportReport, SeedError> {
    import_by(db, paths, progress, Some("seed")).await
}

/// [`import`] with the audit row's actor; `None` only for the service's first-start
/// bootstrap of an empty database, which is not audited.
pub async fn import_by(
    db: &sea_orm::DatabaseConnection,
    paths: &ImportPaths,
    progress: bool,
    actor: Option<&str>,
) -> Result<ImportReport, SeedError> {
    let curated = Dataset::curated()?;
    let detected = parse_detected(paths, &curated, progress)?;
    // The normalised copy is what gets written: nothing is cloned to be checked.
    let mut dataset = crate::parse_onto(detected.dataset, Some(&curated))?;
    let change = Write::begin(db).await?;
    let present =
        key_ids::<role::Entity>(change.conn(), role::Column::Slug, role::Column::Id).await?;
    // Only drops facts, so what stays is still valid.
    drop_absent_roles(&mut dataset.0, &present);
    let bar = crate::load::progress_bar(&dataset, progress);
    let mut written = crate::load::write(change.conn(), &dataset, &bar).await?;
    let zones = zones::write(change.conn(), &detected.zones, &detected.release.key).await?;
    written.push((zones::TABLE, zones));
    let report = ImportReport::of(detected.describe, &written);
    let records: u64 = report.written.iter().map(|(_, n)| n).sum();
    change
        .commit_by(actor, "importOnet", format!("{records} records"))
        .await?;
    bar.finish_and_clear();
    Ok(report)
}
