//! BLS OEWS May 2025 by area: the areas (nation, states and territories, metropolitan and
//! nonmetropolitan areas) and each area's employment and wages per SOC occupation.
//!
//! [`parse_areas`] reads and checks the three files (header, codes, numbers, footnotes: errors
//! name the file, line and column) without a database; [`import_areas`] writes them through the
//! one writer, in one transaction as upserts on natural keys (area code; area, SOC code and
//! source), so an import is all-or-nothing and importing twice changes nothing.
//!
//! Area wages are not dataset records: they are keyed by SOC code rather than by role (roles
//! join them through the first seven characters of their O*NET code) and there are about
//! 217,000 of them, so they are written by this dedicated writer inside the same [`Write`].
//! A value BLS did not publish is stored as absent, with the footnote that says why; nothing is
//! derived (no hourly figure is annualised, no top-coded value is filled in).
//!
//! The same write also gives every role whose O*NET code's SOC code has a national row a
//! profile citing this release ([`national_profiles`]), so `Role.profiles` shows the May 2025
//! national figures beside the May 2024 ones and the merged views lead with the newer release.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use entity::vocab::{AreaType, SourceKind};
use entity::{area, area_wage, source};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use super::table::{Row, Table};
use crate::SeedError;
use crate::dataset::ProfileRecord;
use crate::load::key_ids;
use crate::write::{Write, upsert};

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

/// Whole-number columns of the wages file, in `area_wage` order.
const WHOLE: [&str; 7] = [
    "TOT_EMP", "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
];
/// Decimal columns of the wages file, in `area_wage` order.
const DECIMAL: [&str; 10] = [
    "EMP_PRSE",
    "H_MEAN",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "MEAN_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
];
/// BLS's footnote texts by code, as `footnotes.csv` gives them (the importer checks the file
/// uses no other code).
pub const FOOTNOTE_TEXTS: [(u8, &str); 6] = [
    (
        1,
        "Estimates for detailed occupations do not sum to the totals because the totals include occupations not shown separately. Estimates do not include self-employed workers.",
    ),
    (
        2,
        "Annual wages have been calculated by multiplying the hourly wages by 2,080 hours; for occupations where hourly wages are not published, annual wages were taken directly from the reported survey data.",
    ),
    (
        3,
        "The relative standard error (RSE) is a measure of the reliability of a survey statistic. The smaller the relative standard error, the more precise the estimate.",
    ),
    (
        4,
        "Wages for some occupations that do not generally work year-round, full time, are reported either as hourly wages or annual salaries depending on how they are typically paid.",
    ),
    (
        5,
        "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    ),
    (8, "Estimate not released."),
];

/// The text of a BLS footnote code.
pub fn footnote_text(code: u8) -> Option<&'static str> {
    FOOTNOTE_TEXTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, text)| *text)
}

/// Area wage rows converted to database rows at a time (bounds the writer's memory).
const WRITE_CHUNK: usize = 10_000;

/// USPS codes by state FIPS code: the states, the District of Columbia and the territories.
const USPS_BY_FIPS: [(&str, &str); 56] = [
    ("01", "AL"),
    ("02", "AK"),
    ("04", "AZ"),
    ("05", "AR"),
    ("06", "CA"),
    ("08", "CO"),
    ("09", "CT"),
    ("10", "DE"),
    ("11", "DC"),
    ("12", "FL"),
    ("13", "GA"),
    ("15", "HI"),
    ("16", "ID"),
    ("17", "IL"),
    ("18", "IN"),
    ("19", "IA"),
    ("20", "KS"),
    ("21", "KY"),
    ("22", "LA"),
    ("23", "ME"),
    ("24", "MD"),
    ("25", "MA"),
    ("26", "MI"),
    ("27", "MN"),
    ("28", "MS"),
    ("29", "MO"),
    ("30", "MT"),
    ("31", "NE"),
    ("32", "NV"),
    ("33", "NH"),
    ("34", "NJ"),
    ("35", "NM"),
    ("36", "NY"),
    ("37", "NC"),
    ("38", "ND"),
    ("39", "OH"),
    ("40", "OK"),
    ("41", "OR"),
    ("42", "PA"),
    ("44", "RI"),
    ("45", "SC"),
    ("46", "SD"),
    ("47", "TN"),
    ("48", "TX"),
    ("49", "UT"),
    ("50", "VT"),
    ("51", "VA"),
    ("53", "WA"),
    ("54", "WV"),
    ("55", "WI"),
    ("56", "WY"),
    ("60", "AS"),
    ("66", "GU"),
    ("69", "MP"),
    ("72", "PR"),
    ("78", "VI"),
];

/// The USPS code of the state or territory with this FIPS code.
pub fn usps_of_fips(fips: &str) -> Option<&'static str> {
    USPS_BY_FIPS
        .iter()
        .find(|(f, _)| *f == fips)
        .map(|(_, usps)| *usps)
}

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

/// One area, as parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaRecord {
    pub code: String,
    pub area_type: AreaType,
    pub state_fips: String,
    pub state_code: Option<String>,
    pub title: String,
}

/// One occupation in one area, as parsed: `None` where BLS published no value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreaWageRecord {
    /// Index into [`ParsedAreas::areas`].
    pub area: usize,
    /// SOC code, e.g. `11-3021`.
    pub soc_code: String,
    /// [`WHOLE`] columns: employment, then annual mean, p10, p25, median, p75, p90.
    pub whole: [Option<i32>; 7],
    /// [`DECIMAL`] columns: employment RSE, hourly mean, p10, p25, median, p75, p90, mean RSE,
    /// jobs per 1,000, location quotient.
    pub decimal: [Option<f64>; 10],
    /// `FIELD=code` pairs joined by `;`, as BLS gives them.
    pub footnotes: Option<String>,
}

/// Everything the files hold, checked.
#[derive(Clone, Debug, Default)]
pub struct ParsedAreas {
    pub areas: Vec<AreaRecord>,
    pub wages: Vec<AreaWageRecord>,
    /// Footnote code → text.
    pub footnotes: Vec<(u8, String)>,
}

/// Parses and checks the three files; reads no database.
pub fn parse_areas(paths: &AreaPaths, progress: bool) -> Result<ParsedAreas, SeedError> {
    let footnotes = footnote_codes(&paths.dir.join(FOOTNOTES_FILE), progress)?;
    let areas = areas(&paths.dir.join(AREAS_FILE), progress)?;
    let codes: HashSet<u8> = footnotes
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| footnote_text(*c).is_some())
        .collect();
    let wages = wages(&paths.dir.join(WAGES_FILE), &areas, &codes, progress)?;
    Ok(ParsedAreas {
        areas,
        wages,
        footnotes,
    })
}

fn footnote_codes(path: &Path, progress: bool) -> Result<Vec<(u8, String)>, SeedError> {
    let mut t = Table::open(path, b',', &["CODE", "TEXT"], progress)?;
    let mut out = Vec::new();
    t.rows(|row| {
        let code = row
            .text("CODE")
            .parse::<u8>()
            .map_err(|_| row.fail("CODE", format!("`{}` is not a code", row.text("CODE"))))?;
        out.push((code, row.text("TEXT").to_owned()));
        Ok(())
    })?;
    Ok(out)
}

fn areas(path: &Path, progress: bool) -> Result<Vec<AreaRecord>, SeedError> {
    let columns = ["AREA_CODE", "AREA_TYPE", "STATE_CODE", "AREA_TITLE"];
    let mut t = Table::open(path, b',', &columns, progress)?;
    let mut out: Vec<AreaRecord> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    t.rows(|row| {
        let code = area_code(row)?;
        if !seen.insert(code.clone()) {
            return Err(row.fail("AREA_CODE", format!("area `{code}` is listed twice")));
        }
        let area_type = match row.text("AREA_TYPE") {
            "N" => AreaType::Nation,
            "S" => AreaType::State,
            "M" => AreaType::Metro,
            other => return Err(row.fail("AREA_TYPE", format!("`{other}` is not N, S or M"))),
        };
        let fips = row.text("STATE_CODE");
        if fips.len() != 2 || !fips.bytes().all(|b| b.is_ascii_digit()) {
            return Err(row.fail("STATE_CODE", format!("`{fips}` is not a FIPS code")));
        }
        let state_code = match area_type {
            AreaType::State => Some(usps_of_fips(fips).ok_or_else(|| {
                row.fail("STATE_CODE", format!("no USPS code for FIPS `{fips}`"))
            })?),
            _ => None,
        };
        let title = row.text("AREA_TITLE");
        if title.is_empty() {
            return Err(row.fail("AREA_TITLE", "missing"));
        }
        out.push(AreaRecord {
            code,
            area_type,
            state_fips: fips.to_owned(),
            state_code: state_code.map(str::to_owned),
            title: title.to_owned(),
        });
        Ok(())
    })?;
    Ok(out)
}

/// The row's seven-digit area code.
fn area_code(row: &Row) -> Result<String, SeedError> {
    let code = row.text("AREA_CODE");
    if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(row.fail("AREA_CODE", format!("`{code}` is not a 7-digit area code")));
    }
    Ok(code.to_owned())
}

fn wages(
    path: &Path,
    areas: &[AreaRecord],
    footnote_codes: &HashSet<u8>,
    progress: bool,
) -> Result<Vec<AreaWageRecord>, SeedError> {
    let mut columns = vec!["AREA_CODE", "OCC_CODE", "FOOTNOTES"];
    columns.extend(WHOLE);
    columns.extend(DECIMAL);
    let mut t = Table::open(path, b',', &columns, progress)?;
    let area_index: HashMap<&str, usize> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect();
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    let mut out = Vec::new();
    t.rows(|row| {
        let code = area_code(row)?;
        let area = *area_index
            .get(code.as_str())
            .ok_or_else(|| row.fail("AREA_CODE", format!("area `{code}` is not in areas.csv")))?;
        let soc = row.text("OCC_CODE");
        if !is_soc_code(soc) {
            return Err(row.fail("OCC_CODE", format!("`{soc}` is not a SOC code (NN-NNNN)")));
        }
        if !seen.insert((area, soc.to_owned())) {
            return Err(row.fail(
                "OCC_CODE",
                format!("occupation `{soc}` is listed twice for area `{code}`"),
            ));
        }
        let mut record = AreaWageRecord {
            area,
            soc_code: soc.to_owned(),
            footnotes: footnotes(row, footnote_codes)?,
            ..AreaWageRecord::default()
        };
        for (slot, column) in record.whole.iter_mut().zip(WHOLE) {
            *slot = row.opt_i32(column)?;
        }
        for (slot, column) in record.decimal.iter_mut().zip(DECIMAL) {
            *slot = row.opt_f64(column)?;
        }
        out.push(record);
        Ok(())
    })?;
    Ok(out)
}

/// `NN-NNNN`.
fn is_soc_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 7
        && b[2] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// The row's footnotes, checked: each pair names a value column and a known code.
fn footnotes(row: &Row, codes: &HashSet<u8>) -> Result<Option<String>, SeedError> {
    let text = row.text("FOOTNOTES");
    if text.is_empty() {
        return Ok(None);
    }
    for pair in text.split(';') {
        let Some((field, code)) = pair.split_once('=') else {
            return Err(row.fail("FOOTNOTES", format!("`{pair}` is not FIELD=code")));
        };
        if !WHOLE.contains(&field) && !DECIMAL.contains(&field) {
            return Err(row.fail("FOOTNOTES", format!("`{field}` is not a value column")));
        }
        if !code.parse::<u8>().is_ok_and(|c| codes.contains(&c)) {
            return Err(row.fail(
                "FOOTNOTES",
                format!("`{code}` is not a code of footnotes.csv"),
            ));
        }
    }
    Ok(Some(text.to_owned()))
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
    let parsed = parse_areas(paths, progress)?;
    let mut change = Write::begin(db).await?;
    change.changes_areas();
    let mut report = write_areas(change.conn(), &parsed, progress).await?;
    let profiles = national_profiles(change.conn(), &parsed).await?;
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

/// Writes the source, the areas and the area wages inside an open write.
async fn write_areas(
    db: &impl ConnectionTrait,
    parsed: &ParsedAreas,
    progress: bool,
) -> Result<AreaImportReport, SeedError> {
    let bar = if progress {
        indicatif::ProgressBar::new((1 + parsed.areas.len() + parsed.wages.len()) as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let source_row = source::ActiveModel {
        id: NotSet,
        key: Set(AREA_SOURCE.into()),
        title: Set("Occupational Employment and Wage Statistics, May 2025, by area".into()),
        kind: Set(SourceKind::Dataset),
        publisher: Set(Some("U.S. Bureau of Labor Statistics".into())),
        url: Set(Some("https://www.bls.gov/oes/".into())),
        attribution: Set(Some(AREA_ATTRIBUTION.into())),
        as_of: Set(Some("2025-05".into())),
    };
    upsert::<source::Entity, _>(db, vec![source_row], &bar).await?;
    let source_id = *key_ids::<source::Entity>(db, source::Column::Key, source::Column::Id)
        .await?
        .get(AREA_SOURCE)
        .ok_or_else(|| SeedError::Database(sea_orm::DbErr::RecordNotFound(AREA_SOURCE.into())))?;
    let area_rows = parsed.areas.iter().map(|a| area::ActiveModel {
        id: NotSet,
        code: Set(a.code.clone()),
        area_type: Set(a.area_type),
        state_fips: Set(a.state_fips.clone()),
        state_code: Set(a.state_code.clone()),
        title: Set(a.title.clone()),
    });
    let areas = upsert::<area::Entity, _>(db, area_rows.collect(), &bar).await?;
    let ids = key_ids::<area::Entity>(db, area::Column::Code, area::Column::Id).await?;
    let area_ids: Vec<i32> = parsed
        .areas
        .iter()
        .map(|a| {
            ids.get(&a.code)
                .copied()
                .ok_or_else(|| SeedError::Database(sea_orm::DbErr::RecordNotFound(a.code.clone())))
        })
        .collect::<Result<_, _>>()?;
    let mut area_wages = 0;
    for chunk in parsed.wages.chunks(WRITE_CHUNK) {
        let rows = chunk
            .iter()
            .map(|w| wage_row(area_ids[w.area], source_id, w))
            .collect();
        area_wages += upsert::<area_wage::Entity, _>(db, rows, &bar).await?;
    }
    bar.finish_and_clear();
    Ok(AreaImportReport {
        areas,
        area_wages,
        profiles: 0,
    })
}

/// The release's national figures as role profiles citing it: one per role (O*NET or curated)
/// whose O*NET code's SOC code has a national row. A figure BLS did not publish stays absent,
/// and the profile's pay note names those fields and BLS's reason.
async fn national_profiles(
    db: &impl ConnectionTrait,
    parsed: &ParsedAreas,
) -> Result<crate::Dataset, SeedError> {
    let Some(nation) = parsed
        .areas
        .iter()
        .position(|a| a.area_type == AreaType::Nation)
    else {
        return Ok(crate::Dataset::default());
    };
    let national: HashMap<&str, &AreaWageRecord> = parsed
        .wages
        .iter()
        .filter(|w| w.area == nation)
        .map(|w| (w.soc_code.as_str(), w))
        .collect();
    let roles: Vec<(String, Option<String>)> = entity::role::Entity::find()
        .select_only()
        .column(entity::role::Column::Slug)
        .column(entity::role::Column::OnetCode)
        .into_tuple()
        .all(db)
        .await?;
    let mut profiles: Vec<ProfileRecord> = roles
        .into_iter()
        .filter_map(|(slug, onet)| {
            let w = national.get(onet.as_deref()?.get(..7)?)?;
            Some(national_profile(slug, w))
        })
        .collect();
    profiles.sort_by(|a, b| a.role.cmp(&b.role));
    Ok(crate::Dataset {
        facts: vec![crate::FactFile {
            file: AREA_SOURCE.into(),
            source: AREA_SOURCE.into(),
            profiles,
            ..crate::FactFile::default()
        }],
        ..crate::Dataset::default()
    })
}

/// One role's profile from its occupation's national row.
fn national_profile(role: String, w: &AreaWageRecord) -> ProfileRecord {
    let [employment, a_mean, a10, a25, a50, a75, a90] = w.whole;
    let [_, h_mean, h10, h25, h50, h75, h90, ..] = w.decimal;
    ProfileRecord {
        role,
        salary_mean: a_mean,
        salary_p10: a10,
        salary_p25: a25,
        salary_median: a50,
        salary_p75: a75,
        salary_p90: a90,
        hourly_mean: h_mean,
        hourly_p10: h10,
        hourly_p25: h25,
        hourly_median: h50,
        hourly_p75: h75,
        hourly_p90: h90,
        jobs_count: employment,
        pay_note: w.footnotes.as_deref().and_then(unpublished_note),
        ..ProfileRecord::default()
    }
}

/// "BLS did not publish …" for a row's footnotes (`A_MEDIAN=5;H_MEDIAN=5`), grouped by code;
/// `None` when there are none.
fn unpublished_note(footnotes: &str) -> Option<String> {
    let mut by_code: Vec<(u8, Vec<&str>)> = Vec::new();
    for (field, code) in footnotes.split(';').filter_map(|p| p.split_once('=')) {
        let Ok(code) = code.parse::<u8>() else {
            continue;
        };
        match by_code.iter_mut().find(|(c, _)| *c == code) {
            Some((_, fields)) => fields.push(field),
            None => by_code.push((code, vec![field])),
        }
    }
    let parts: Vec<String> = by_code
        .into_iter()
        .map(|(code, fields)| {
            let why = footnote_text(code).unwrap_or("see the BLS OEWS footnotes");
            format!("{} (footnote {code}: {why})", fields.join(", "))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "BLS OEWS May 2025 footnotes for the national figures: {}",
            parts.join("; ")
        )
    })
}

fn wage_row(area_id: i32, source_id: i32, w: &AreaWageRecord) -> area_wage::ActiveModel {
    let [employment, a_mean, a10, a25, a50, a75, a90] = w.whole;
    let [emp_rse, h_mean, h10, h25, h50, h75, h90, mean_rse, jobs, lq] = w.decimal;
    area_wage::ActiveModel {
        id: NotSet,
        area_id: Set(area_id),
        source_id: Set(source_id),
        soc_code: Set(w.soc_code.clone()),
        employment: Set(employment),
        employment_rse: Set(emp_rse),
        hourly_mean: Set(h_mean),
        hourly_p10: Set(h10),
        hourly_p25: Set(h25),
        hourly_median: Set(h50),
        hourly_p75: Set(h75),
        hourly_p90: Set(h90),
        annual_mean: Set(a_mean),
        annual_p10: Set(a10),
        annual_p25: Set(a25),
        annual_median: Set(a50),
        annual_p75: Set(a75),
        annual_p90: Set(a90),
        mean_rse: Set(mean_rse),
        jobs_per_1000: Set(jobs),
        location_quotient: Set(lq),
        footnotes: Set(w.footnotes.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpublished_figures_are_named_with_their_footnote() {
        let note = unpublished_note("A_MEDIAN=5;A_PCT90=5;TOT_EMP=8").unwrap();
        assert!(note.contains("A_MEDIAN, A_PCT90 (footnote 5: This wage is equal to or greater than $115.00 per hour or $239,200 per year.)"), "{note}");
        assert!(
            note.contains("TOT_EMP (footnote 8: Estimate not released.)"),
            "{note}"
        );
        assert_eq!(unpublished_note(""), None);
        let w = AreaWageRecord {
            soc_code: "11-1011".into(),
            whole: [Some(10), Some(300_000), None, None, None, None, None],
            decimal: [None; 10],
            footnotes: Some("A_MEDIAN=5".into()),
            ..AreaWageRecord::default()
        };
        let p = national_profile("chief-executives".into(), &w);
        assert_eq!(
            (p.jobs_count, p.salary_mean, p.salary_median),
            (Some(10), Some(300_000), None)
        );
        assert!(p.pay_note.unwrap().contains("A_MEDIAN"));
    }

    const AREAS: &str = "AREA_CODE,AREA_TYPE,STATE_CODE,AREA_TITLE\n\
        0000000,N,00,National\n\
        0600000,S,06,California\n\
        0041940,M,06,\"San Jose-Sunnyvale-Santa Clara, CA\"\n";
    const FOOTNOTES: &str =
        "CODE,TEXT\n4,Hourly or annual only.\n5,Top-coded.\n8,Estimate not released.\n";
    const HEADER: &str = "AREA_CODE,OCC_CODE,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,JOBS_1000,LOC_QUOTIENT,FOOTNOTES\n";

    /// A directory with the three files; `wages` are the data lines after the header.
    fn dir(name: &str, wages: &str) -> AreaPaths {
        let dir = std::env::temp_dir().join(format!("areas-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(AREAS_FILE), AREAS).unwrap();
        std::fs::write(dir.join(FOOTNOTES_FILE), FOOTNOTES).unwrap();
        std::fs::write(dir.join(WAGES_FILE), format!("{HEADER}{wages}")).unwrap();
        AreaPaths { dir }
    }

    #[test]
    fn values_are_read_exactly_and_unpublished_ones_stay_absent() {
        let paths = dir(
            "ok",
            "0041940,11-3021,19070,3.2,153.69,319670,1.9,79.04,105.70,140.22,153.63,181.28,164400,219860,291660,319540,377060,16.806,3.90,\n\
             0600000,29-1215,50,12.9,,,5.6,,,,,,,,,,,1.003,1.45,H_MEAN=5;A_MEAN=5;A_MEDIAN=5\n\
             0000000,25-1021,40,8.9,,69210,2.9,,,,,,50690,50690,50760,79730,122510,,,H_MEAN=4\n",
        );
        let parsed = parse_areas(&paths, false).unwrap();
        assert_eq!(parsed.areas.len(), 3);
        assert_eq!(parsed.areas[1].state_code.as_deref(), Some("CA"));
        assert_eq!(parsed.areas[1].area_type, AreaType::State);
        assert_eq!(parsed.areas[2].state_code, None);
        let sj = &parsed.wages[0];
        assert_eq!((sj.area, sj.soc_code.as_str()), (2, "11-3021"));
        assert_eq!(
            sj.whole,
            [
                Some(19070),
                Some(319670),
                Some(164400),
                Some(219860),
                Some(291660),
                Some(319540),
                Some(377060)
            ]
        );
        assert_eq!(sj.decimal[4], Some(140.22));
        assert_eq!(sj.decimal[9], Some(3.90));
        assert_eq!(sj.footnotes, None);
        let top = &parsed.wages[1];
        assert_eq!(
            top.whole[4], None,
            "top-coded median is absent, not invented"
        );
        assert_eq!(
            top.footnotes.as_deref(),
            Some("H_MEAN=5;A_MEAN=5;A_MEDIAN=5")
        );
        let annual_only = &parsed.wages[2];
        assert_eq!(annual_only.whole[1], Some(69210));
        assert_eq!(annual_only.decimal[1], None, "no hourly figure is derived");
        std::fs::remove_dir_all(&paths.dir).unwrap();
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        for (name, line, expected) in [
            ("number", "0600000,11-3021,12x,", "column 3 (TOT_EMP)"),
            ("area", "9999999,11-3021,1,", "not in areas.csv"),
            ("soc", "0600000,113021,1,", "column 2 (OCC_CODE)"),
            ("footnote", "0600000,11-3021,1,", "column 20 (FOOTNOTES)"),
        ] {
            let mut fields: Vec<&str> = line.split(',').filter(|f| !f.is_empty()).collect();
            fields.resize(19, "");
            let footnote = if name == "footnote" { "A_MEDIAN=9" } else { "" };
            let wages = format!("{},{footnote}\n", fields.join(","));
            let paths = dir(name, &wages);
            let err = parse_areas(&paths, false).unwrap_err().to_string();
            assert!(err.contains("wages_by_area_M2025.csv"), "{err}");
            assert!(err.contains("line 2"), "{err}");
            assert!(err.contains(expected), "{name}: {err}");
            std::fs::remove_dir_all(&paths.dir).unwrap();
        }
    }

    #[test]
    fn every_state_fips_has_one_usps_code() {
        let mut codes: Vec<&str> = USPS_BY_FIPS.iter().map(|(_, u)| *u).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), USPS_BY_FIPS.len());
        assert_eq!(usps_of_fips("11"), Some("DC"));
        assert_eq!(usps_of_fips("72"), Some("PR"));
        assert_eq!(usps_of_fips("03"), None);
    }

    #[test]
    fn soc_codes_are_checked() {
        assert!(is_soc_code("11-3021"));
        assert!(!is_soc_code("11-3021.00"));
        assert!(!is_soc_code("1103021"));
    }
}
