//! BLS OEWS national wages: each `detailed` row goes to every occupation whose O*NET-SOC
//! code starts with the row's SOC code.

use std::collections::HashMap;
use std::path::Path;

use crate::SeedError;
use crate::onet::TOP_CODED;
use crate::onet::parse::{Parsed, Wages};
use crate::onet::table::{Row, Table};

const HOURLY: [&str; 6] = [
    "H_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
];
const ANNUAL: [&str; 6] = [
    "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
];

/// Reads the BLS national CSV into the occupations' wages.
pub(crate) fn wages(path: &Path, p: &mut Parsed, progress: bool) -> Result<(), SeedError> {
    let mut expected = vec!["OCC_CODE", "O_GROUP", "TOT_EMP"];
    expected.extend(HOURLY);
    expected.extend(ANNUAL);
    let mut t = Table::open(path, b',', &expected, progress)?;
    let mut prefix: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, o) in p.occupations.iter().enumerate() {
        prefix.entry(o.code[..7].to_owned()).or_default().push(i);
    }
    t.rows(|row| {
        if row.text("O_GROUP") != "detailed" {
            return Ok(());
        }
        let wages = row_wages(row)?;
        for &i in prefix
            .get(row.text("OCC_CODE"))
            .map_or(&[][..], Vec::as_slice)
        {
            p.occupations[i].wages = Some(wages.clone());
        }
        Ok(())
    })
}

/// One row's wages: `#` is the top-coded amount, `*`, `**` and blanks are missing.
fn row_wages(row: &Row) -> Result<Wages, SeedError> {
    let mut wages = Wages::default();
    let value = |column: &str, top: f64| -> Result<Option<f64>, SeedError> {
        match row.text(column) {
            "#" => Ok(Some(top)),
            "*" | "**" | "" => Ok(None),
            _ => row.opt_f64(column),
        }
    };
    wages.employment = match row.text("TOT_EMP") {
        "*" | "**" | "" => None,
        _ => row.opt_i32("TOT_EMP")?,
    };
    for (i, column) in HOURLY.iter().enumerate() {
        wages.top_coded |= row.text(column) == "#";
        wages.hourly[i] = value(column, TOP_CODED.1)?;
    }
    for (i, column) in ANNUAL.iter().enumerate() {
        wages.top_coded |= row.text(column) == "#";
        wages.annual[i] = value(column, f64::from(TOP_CODED.0))?.map(|v| v.round() as i32);
    }
    Ok(wages)
}
