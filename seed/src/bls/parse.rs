//! Reads and checks the three by-area files into records, without a database.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use entity::vocab::AreaType;

use super::footnotes::footnote_text;
use super::usps_of_fips;
use super::{AREAS_FILE, AreaPaths, FOOTNOTES_FILE, WAGES_FILE};
use crate::SeedError;
use crate::onet::table::{Row, Table};

/// Whole-number columns of the wages file, in `area_wage` order.
pub(super) const WHOLE: [&str; 7] = [
    "TOT_EMP", "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
];
/// Decimal columns of the wages file, in `area_wage` order.
pub(super) const DECIMAL: [&str; 10] = [
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
pub(super) fn is_soc_code(code: &str) -> bool {
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
