//! Imports O*NET 29.3 and BLS OEWS May 2024 national wages.
//!
//! Every file is parsed and checked first (header, numbers, codes: errors name the file, line
//! and column); then everything is written in one transaction as upserts on natural keys, so an
//! import is all-or-nothing and importing twice changes nothing.
//!
//! Mapping: occupation → role (slug from the title); Skills/Knowledge IM+LV → one role↔skill
//! row with importance, level and their statistics (rows marked Recommend Suppress or Not
//! Relevant are dropped); Related Occupations → `related` moves weighted by tier and index, and
//! a derived `promotion` where the related occupation has a higher job zone or a median wage at
//! least 15 % higher; Job Zones → job zone (and seniority of imported roles); Education → the
//! most common required education and related-experience categories; Technology Skills,
//! Task Statements and Alternate Titles → their tables; BLS detailed rows → wages and
//! employment of every occupation whose code starts with the BLS code. Curated roles with an
//! O*NET code receive that occupation's skills, education and wages, each citing its dataset.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use entity::{
    career_move, role, role_alias, role_duty, role_profile, role_skill, role_technology, skill,
    source,
};
use flate2::read::GzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::ActiveValue::NotSet;
use sea_orm::{DatabaseConnection, Set};

use crate::load::key_ids;
use crate::write::{Audit, Write, upsert};
use entity::vocab::{MoveKind, SourceKind};
use crate::{Dataset, SeedError};

/// Key of the O*NET source.
pub const ONET_SOURCE: &str = "onet-29.3";
/// Key of the BLS source.
pub const BLS_SOURCE: &str = "bls-oews-2024";
/// Key of the source of derived promotions.
pub const DERIVED_SOURCE: &str = "onet-29.3-derived-promotions";
/// The attribution O*NET's licence requires, with our modification notice.
pub const ONET_ATTRIBUTION: &str = "This includes information from the O*NET 29.3 Database by the U.S. Department of Labor, \
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. \
Career knowledge service has modified all or some of this information. USDOL/ETA has not approved, endorsed, or tested these modifications.";
/// The credit BLS asks for.
pub const BLS_ATTRIBUTION: &str = "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2024.";
/// Yearly and hourly values BLS writes as `#` (at least this much).
const TOP_CODED: (i32, f64) = (239_200, 115.0);
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

/// Where the files are.
#[derive(Clone, Debug)]
pub struct ImportPaths {
    /// Directory of the O*NET TSV files (plain or `.gz`).
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

/// Rows written per table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub written: Vec<(&'static str, u64)>,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (table, n) in &self.written {
            writeln!(f, "{table:<22} {n:>9}")?;
        }
        Ok(())
    }
}

/// One parsed occupation.
#[derive(Clone, Debug, Default)]
struct Occupation {
    code: String,
    title: String,
    description: String,
    slug: String,
    job_zone: Option<i32>,
    degree: Option<(String, f64)>,
    experience: Option<(usize, f64)>,
    wages: Option<Wages>,
}

#[derive(Clone, Debug, Default)]
struct Wages {
    employment: Option<i32>,
    hourly: [Option<f64>; 6],
    annual: [Option<i32>; 6],
    top_coded: bool,
}

#[derive(Clone, Debug, Default)]
struct Rating {
    value: Option<f64>,
    n: Option<i32>,
    se: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

#[derive(Clone, Debug)]
struct ElementRating {
    code: usize,
    element: usize,
    importance: Rating,
    level: Rating,
}

/// Everything parsed, before writing.
#[derive(Default)]
struct Parsed {
    occupations: Vec<Occupation>,
    by_code: HashMap<String, usize>,
    /// (slug, name, category) per element, indexed by `ElementRating::element`.
    elements: Vec<(String, String, &'static str)>,
    ratings: Vec<ElementRating>,
    related: Vec<(usize, usize, String, i32)>,
    technologies: Vec<(usize, String, Option<String>, bool, bool)>,
    tasks: Vec<(usize, String)>,
    aliases: Vec<(usize, String)>,
}

/// A TSV/CSV file being read, for error messages.
struct Table {
    file: String,
    reader: csv::Reader<Box<dyn Read>>,
    headers: Vec<String>,
    bar: ProgressBar,
}

fn open(path: &Path) -> Result<(String, Box<dyn Read>), SeedError> {
    let gz = PathBuf::from(format!("{}.gz", path.display()));
    let (path, compressed) = if path.exists() {
        (
            path.to_path_buf(),
            path.extension().is_some_and(|e| e == "gz"),
        )
    } else {
        (gz, true)
    };
    let file = std::fs::File::open(&path).map_err(|source| SeedError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let reader: Box<dyn Read> = if compressed {
        Box::new(GzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    Ok((name, reader))
}

impl Table {
    fn open(
        path: &Path,
        delimiter: u8,
        expected: &[&str],
        progress: bool,
    ) -> Result<Self, SeedError> {
        let (file, input) = open(path)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(delimiter != b'\t')
            .flexible(false)
            .from_reader(input);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| SeedError::Parse {
                file: file.clone(),
                message: e.to_string(),
            })?
            .iter()
            .map(str::to_owned)
            .collect();
        for name in expected {
            if !headers.iter().any(|h| h == name) {
                return Err(SeedError::Invalid {
                    file,
                    record: "line 1".into(),
                    field: (*name).into(),
                    message: format!("missing column; the header is {headers:?}"),
                });
            }
        }
        let bar = if progress {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg:<48} {pos:>8} rows") {
                bar.set_style(style);
            }
            bar.set_message(file.clone());
            bar
        } else {
            ProgressBar::hidden()
        };
        Ok(Self {
            file,
            reader,
            headers,
            bar,
        })
    }

    fn column(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or(usize::MAX)
    }

    /// Calls `each` with every record and its line; stops at the first error.
    fn rows(
        &mut self,
        mut each: impl FnMut(&Row) -> Result<(), SeedError>,
    ) -> Result<(), SeedError> {
        let mut record = csv::StringRecord::new();
        loop {
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| SeedError::Parse {
                    file: self.file.clone(),
                    message: e.to_string(),
                })?;
            if !more {
                break;
            }
            let line = record.position().map_or(0, |p| p.line());
            each(&Row {
                table: self,
                record: &record,
                line,
            })?;
            self.bar.inc(1);
        }
        self.bar.finish();
        Ok(())
    }
}

struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
    line: u64,
}

impl Row<'_> {
    fn fail(&self, column: &str, message: impl Into<String>) -> SeedError {
        let index = self.table.column(column);
        SeedError::Invalid {
            file: self.table.file.clone(),
            record: format!("line {}", self.line),
            field: format!("column {} ({column})", index.saturating_add(1)),
            message: message.into(),
        }
    }

    fn text(&self, column: &str) -> &str {
        self.record
            .get(self.table.column(column))
            .unwrap_or("")
            .trim()
    }

    fn opt_f64(&self, column: &str) -> Result<Option<f64>, SeedError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        text.replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| self.fail(column, format!("`{text}` is not a number")))
    }

    fn opt_i32(&self, column: &str) -> Result<Option<i32>, SeedError> {
        match self.opt_f64(column)? {
            Some(v) if v.fract() == 0.0 && v.abs() < f64::from(i32::MAX) => Ok(Some(v as i32)),
            Some(v) => Err(self.fail(column, format!("`{v}` is not a whole number"))),
            None => Ok(None),
        }
    }

    fn flag(&self, column: &str) -> Result<bool, SeedError> {
        match self.text(column) {
            "Y" => Ok(true),
            "N" | "" => Ok(false),
            other => Err(self.fail(column, format!("`{other}` is not Y or N"))),
        }
    }

    fn occupation(&self, parsed: &Parsed, column: &str) -> Result<usize, SeedError> {
        let code = self.text(column);
        parsed
            .by_code
            .get(code)
            .copied()
            .ok_or_else(|| self.fail(column, format!("unknown O*NET-SOC code `{code}`")))
    }
}

/// Lower-case words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn is_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            7 => *c == b'.',
            _ => c.is_ascii_digit(),
        })
}

/// Job family of an occupation from its SOC major group.
fn track(code: &str) -> &'static str {
    match &code[..2] {
        "11" => "management",
        "13" => "business-and-financial",
        "15" => "computer-and-mathematical",
        "17" => "architecture-and-engineering",
        "19" => "science",
        "21" => "community-and-social-service",
        "23" => "legal",
        "25" => "education",
        "27" => "arts-and-media",
        "29" => "healthcare-practitioners",
        "31" => "healthcare-support",
        "33" => "protective-service",
        "35" => "food-service",
        "37" => "building-and-grounds",
        "39" => "personal-care",
        "41" => "sales",
        "43" => "office-and-administrative",
        "45" => "farming-fishing-forestry",
        "47" => "construction-and-extraction",
        "49" => "installation-and-repair",
        "51" => "production",
        "53" => "transportation",
        "55" => "military",
        _ => "other",
    }
}

fn parse_onet(dir: &Path, reserved: &HashSet<String>, progress: bool) -> Result<Parsed, SeedError> {
    let mut p = Parsed::default();
    let file = |name: &str| dir.join(format!("{name}.tsv"));

    let mut t = Table::open(
        &file("Occupation Data"),
        b'\t',
        &["O*NET-SOC Code", "Title", "Description"],
        progress,
    )?;
    let mut used: HashSet<String> = reserved.clone();
    t.rows(|row| {
        let code = row.text("O*NET-SOC Code");
        if !is_code(code) {
            return Err(row.fail(
                "O*NET-SOC Code",
                format!("`{code}` is not an O*NET-SOC code"),
            ));
        }
        let title = row.text("Title");
        if title.is_empty() {
            return Err(row.fail("Title", "must not be empty"));
        }
        let mut slug = slugify(title);
        if !used.insert(slug.clone()) {
            slug = format!("{slug}-{}", slugify(code));
            used.insert(slug.clone());
        }
        if p.by_code
            .insert(code.to_owned(), p.occupations.len())
            .is_some()
        {
            return Err(row.fail("O*NET-SOC Code", format!("duplicate code `{code}`")));
        }
        p.occupations.push(Occupation {
            code: code.to_owned(),
            title: title.to_owned(),
            description: row.text("Description").to_owned(),
            slug,
            ..Occupation::default()
        });
        Ok(())
    })?;

    let mut t = Table::open(
        &file("Job Zones"),
        b'\t',
        &["O*NET-SOC Code", "Job Zone"],
        progress,
    )?;
    t.rows(|row| {
        let i = row.occupation(&p, "O*NET-SOC Code")?;
        match row.opt_i32("Job Zone")? {
            Some(zone @ 1..=5) => p.occupations[i].job_zone = Some(zone),
            other => return Err(row.fail("Job Zone", format!("{other:?} is not 1–5"))),
        }
        Ok(())
    })?;

    let rating_columns = [
        "O*NET-SOC Code",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Data Value",
        "N",
        "Standard Error",
        "Lower CI Bound",
        "Upper CI Bound",
        "Recommend Suppress",
        "Not Relevant",
    ];
    let mut element_index: HashMap<String, usize> = HashMap::new();
    let mut element_slugs: HashSet<String> = reserved.clone();
    let mut rating_index: HashMap<(usize, usize), usize> = HashMap::new();
    for (name, category) in [("Skills", "skill"), ("Knowledge", "knowledge")] {
        let mut t = Table::open(&file(name), b'\t', &rating_columns, progress)?;
        t.rows(|row| {
            let code = row.occupation(&p, "O*NET-SOC Code")?;
            let id = format!("{category}:{}", row.text("Element ID"));
            let element = match element_index.get(&id) {
                Some(&e) => e,
                None => {
                    let name = row.text("Element Name").to_owned();
                    let mut slug = slugify(&name);
                    if !element_slugs.insert(slug.clone()) {
                        slug = format!("{slug}-{category}");
                        element_slugs.insert(slug.clone());
                    }
                    p.elements.push((slug, name, category));
                    element_index.insert(id, p.elements.len() - 1);
                    p.elements.len() - 1
                }
            };
            let scale = row.text("Scale ID");
            if scale != "IM" && scale != "LV" {
                return Err(row.fail("Scale ID", format!("`{scale}` is not IM or LV")));
            }
            let rating = Rating {
                value: row.opt_f64("Data Value")?,
                n: row.opt_i32("N")?,
                se: row.opt_f64("Standard Error")?,
                low: row.opt_f64("Lower CI Bound")?,
                high: row.opt_f64("Upper CI Bound")?,
            };
            let (lo, hi) = if scale == "IM" {
                (1.0, 5.0)
            } else {
                (0.0, 7.0)
            };
            if let Some(v) = rating.value.filter(|v| !(lo..=hi).contains(v)) {
                return Err(row.fail("Data Value", format!("{v} is outside {lo}–{hi}")));
            }
            // Ratings O*NET flags as unreliable or not relevant are dropped.
            if row.flag("Recommend Suppress")? || row.flag("Not Relevant")? {
                return Ok(());
            }
            let at = *rating_index.entry((code, element)).or_insert_with(|| {
                p.ratings.push(ElementRating {
                    code,
                    element,
                    importance: Rating::default(),
                    level: Rating::default(),
                });
                p.ratings.len() - 1
            });
            if scale == "IM" {
                p.ratings[at].importance = rating;
            } else {
                p.ratings[at].level = rating;
            }
            Ok(())
        })?;
    }

    let mut t = Table::open(
        &file("Related Occupations"),
        b'\t',
        &[
            "O*NET-SOC Code",
            "Related O*NET-SOC Code",
            "Relatedness Tier",
            "Index",
        ],
        progress,
    )?;
    t.rows(|row| {
        let from = row.occupation(&p, "O*NET-SOC Code")?;
        let to = row.occupation(&p, "Related O*NET-SOC Code")?;
        let tier = row.text("Relatedness Tier");
        if !TIER_WEIGHT.iter().any(|(t, _)| *t == tier) {
            return Err(row.fail("Relatedness Tier", format!("unknown tier `{tier}`")));
        }
        let index = row
            .opt_i32("Index")?
            .ok_or_else(|| row.fail("Index", "missing"))?;
        if from != to {
            p.related.push((from, to, tier.to_owned(), index));
        }
        Ok(())
    })?;

    let mut t = Table::open(
        &file("Technology Skills"),
        b'\t',
        &[
            "O*NET-SOC Code",
            "Example",
            "Commodity Title",
            "Hot Technology",
            "In Demand",
        ],
        progress,
    )?;
    let mut seen_tech: HashMap<(usize, String), usize> = HashMap::new();
    t.rows(|row| {
        let code = row.occupation(&p, "O*NET-SOC Code")?;
        let name = row.text("Example").to_owned();
        let (hot, demand) = (row.flag("Hot Technology")?, row.flag("In Demand")?);
        match seen_tech.get(&(code, name.clone())) {
            Some(&i) => {
                p.technologies[i].3 |= hot;
                p.technologies[i].4 |= demand;
            }
            None => {
                seen_tech.insert((code, name.clone()), p.technologies.len());
                let commodity =
                    Some(row.text("Commodity Title").to_owned()).filter(|c| !c.is_empty());
                p.technologies.push((code, name, commodity, hot, demand));
            }
        }
        Ok(())
    })?;

    let mut t = Table::open(
        &file("Task Statements"),
        b'\t',
        &["O*NET-SOC Code", "Task ID", "Task"],
        progress,
    )?;
    t.rows(|row| {
        let code = row.occupation(&p, "O*NET-SOC Code")?;
        row.opt_i32("Task ID")?
            .ok_or_else(|| row.fail("Task ID", "missing"))?;
        p.tasks.push((code, row.text("Task").to_owned()));
        Ok(())
    })?;

    let mut categories: HashMap<(String, i32), String> = HashMap::new();
    let mut t = Table::open(
        &file("Education, Training, and Experience Categories"),
        b'\t',
        &["Scale ID", "Category", "Category Description"],
        progress,
    )?;
    t.rows(|row| {
        let category = row
            .opt_i32("Category")?
            .ok_or_else(|| row.fail("Category", "missing"))?;
        let short = row
            .text("Category Description")
            .split(" - ")
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        categories.insert((row.text("Scale ID").to_owned(), category), short);
        Ok(())
    })?;
    let mut t = Table::open(
        &file("Education, Training, and Experience"),
        b'\t',
        &[
            "O*NET-SOC Code",
            "Scale ID",
            "Category",
            "Data Value",
            "Recommend Suppress",
        ],
        progress,
    )?;
    t.rows(|row| {
        let code = row.occupation(&p, "O*NET-SOC Code")?;
        let scale = row.text("Scale ID");
        if scale != "RL" && scale != "RW" {
            return Ok(());
        }
        let category = row
            .opt_i32("Category")?
            .ok_or_else(|| row.fail("Category", "missing"))?;
        let Some(share) = row.opt_f64("Data Value")? else {
            return Ok(());
        };
        if row.flag("Recommend Suppress")? {
            return Ok(());
        }
        let occupation = &mut p.occupations[code];
        if scale == "RL" {
            let name = categories
                .get(&("RL".to_owned(), category))
                .ok_or_else(|| row.fail("Category", format!("unknown RL category {category}")))?;
            if occupation
                .degree
                .as_ref()
                .is_none_or(|(_, best)| share > *best)
            {
                occupation.degree = Some((name.clone(), share));
            }
        } else {
            if !(1..=11).contains(&category) {
                return Err(row.fail("Category", format!("unknown RW category {category}")));
            }
            if occupation.experience.is_none_or(|(_, best)| share > best) {
                occupation.experience = Some((category as usize, share));
            }
        }
        Ok(())
    })?;

    let mut t = Table::open(
        &file("Alternate Titles"),
        b'\t',
        &["O*NET-SOC Code", "Alternate Title", "Short Title"],
        progress,
    )?;
    let mut seen_alias: HashSet<(usize, String)> = HashSet::new();
    t.rows(|row| {
        let code = row.occupation(&p, "O*NET-SOC Code")?;
        for column in ["Alternate Title", "Short Title"] {
            let title = row.text(column);
            if !title.is_empty() && seen_alias.insert((code, title.to_owned())) {
                p.aliases.push((code, title.to_owned()));
            }
        }
        Ok(())
    })?;
    Ok(p)
}

fn parse_bls(path: &Path, p: &mut Parsed, progress: bool) -> Result<(), SeedError> {
    const HOURLY: [&str; 6] = [
        "H_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
    ];
    const ANNUAL: [&str; 6] = [
        "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
    ];
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
        for &i in prefix
            .get(row.text("OCC_CODE"))
            .map_or(&[][..], Vec::as_slice)
        {
            p.occupations[i].wages = Some(wages.clone());
        }
        Ok(())
    })
}

fn relatedness(tier: &str, index: i32) -> f64 {
    let weight = TIER_WEIGHT
        .iter()
        .find(|(t, _)| *t == tier)
        .map_or(0.2, |(_, w)| *w);
    let scaled = weight * (1.0 - 0.02 * f64::from(index.clamp(1, 20) - 1));
    (scaled * 1000.0).round() / 1000.0
}

fn profile(role_id: i32, source_id: i32) -> role_profile::ActiveModel {
    role_profile::ActiveModel {
        id: NotSet,
        role_id: Set(role_id),
        source_id: Set(source_id),
        ..Default::default()
    }
}

fn wage_profile(role_id: i32, source_id: i32, w: &Wages) -> role_profile::ActiveModel {
    let mut m = profile(role_id, source_id);
    m.salary_mean = Set(w.annual[0]);
    m.salary_p10 = Set(w.annual[1]);
    m.salary_p25 = Set(w.annual[2]);
    m.salary_median = Set(w.annual[3]);
    m.salary_p75 = Set(w.annual[4]);
    m.salary_p90 = Set(w.annual[5]);
    m.hourly_mean = Set(w.hourly[0]);
    m.hourly_p10 = Set(w.hourly[1]);
    m.hourly_p25 = Set(w.hourly[2]);
    m.hourly_median = Set(w.hourly[3]);
    m.hourly_p75 = Set(w.hourly[4]);
    m.hourly_p90 = Set(w.hourly[5]);
    m.jobs_count = Set(w.employment);
    m.pay_note = Set(w.top_coded.then(|| {
        format!("BLS top-codes wages: a value of ${} a year or ${:.2} an hour means at least that much.", TOP_CODED.0, TOP_CODED.1)
    }));
    m
}

fn education_profile(role_id: i32, source_id: i32, o: &Occupation) -> role_profile::ActiveModel {
    let mut m = profile(role_id, source_id);
    m.degree = Set(o.degree.as_ref().map(|(name, _)| name.clone()));
    m.degree_share_pct = Set(o
        .degree
        .as_ref()
        .map(|(_, share)| (share * 100.0).round() / 100.0));
    let years = o
        .experience
        .map(|(category, _)| EXPERIENCE_YEARS[category - 1]);
    m.experience_years_min = Set(years.map(|(min, _)| min));
    m.experience_years_max = Set(years.and_then(|(_, max)| max));
    m
}

fn median_wage(o: &Occupation) -> Option<i32> {
    o.wages.as_ref().and_then(|w| w.annual[3].or(w.annual[0]))
}

/// Parses everything, then writes it in one transaction. On any error nothing is written.
pub async fn import(
    db: &DatabaseConnection,
    paths: &ImportPaths,
    progress: bool,
) -> Result<ImportReport, SeedError> {
    let curated = Dataset::curated()?;
    let reserved: HashSet<String> = curated.roles.iter().map(|r| r.slug.clone()).collect();
    let mut parsed = parse_onet(&paths.onet_dir, &reserved, progress)?;
    let skill_reserved: HashSet<String> = curated.skills.iter().map(|s| s.slug.clone()).collect();
    for element in &mut parsed.elements {
        if skill_reserved.contains(&element.0) {
            element.0 = format!("{}-onet", element.0);
        }
    }
    if let Some(bls) = &paths.bls_file {
        parse_bls(bls, &mut parsed, progress)?;
    }
    let p = parsed;
    let bar = if progress {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_message("writing");
    let change = Write::begin(db).await?;
    let txn = change.conn();
    let mut written = Vec::new();

    let sources = vec![
        source::ActiveModel {
            id: NotSet,
            key: Set(ONET_SOURCE.into()),
            title: Set("O*NET 29.3 Database (May 2025 release)".into()),
            kind: Set(SourceKind::Dataset),
            publisher: Set(Some(
                "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
                    .into(),
            )),
            url: Set(Some("https://www.onetcenter.org/database.html".into())),
            attribution: Set(Some(ONET_ATTRIBUTION.into())),
        },
        source::ActiveModel {
            id: NotSet,
            key: Set(BLS_SOURCE.into()),
            title: Set("Occupational Employment and Wage Statistics, May 2024, national".into()),
            kind: Set(SourceKind::Dataset),
            publisher: Set(Some("U.S. Bureau of Labor Statistics".into())),
            url: Set(Some("https://www.bls.gov/oes/".into())),
            attribution: Set(Some(BLS_ATTRIBUTION.into())),
        },
        source::ActiveModel {
            id: NotSet,
            key: Set(DERIVED_SOURCE.into()),
            title: Set(format!(
                "Promotions derived from O*NET related occupations: the related occupation has a higher job zone \
                 or a median wage at least {}% higher",
                ((PROMOTION_WAGE_RATIO - 1.0) * 100.0).round()
            )),
            kind: Set(SourceKind::Derived),
            publisher: Set(None),
            url: Set(None),
            attribution: Set(Some(ONET_ATTRIBUTION.into())),
        },
    ];
    written.push((
        "source",
        upsert(txn, sources, &bar).await?,
    ));
    let source_ids =
        key_ids::<source::Entity>(txn, source::Column::Key, source::Column::Id).await?;
    let id_of = |key: &str| source_ids.get(key).copied().unwrap_or_default();
    let (onet, bls, derived) = (id_of(ONET_SOURCE), id_of(BLS_SOURCE), id_of(DERIVED_SOURCE));

    let roles: Vec<_> = p
        .occupations
        .iter()
        .map(|o| role::ActiveModel {
            id: NotSet,
            slug: Set(o.slug.clone()),
            title: Set(o.title.clone()),
            summary: Set(Some(o.description.clone())),
            track: Set(track(&o.code).into()),
            seniority: Set(o.job_zone),
            onet_code: Set(Some(o.code.clone())),
            job_zone: Set(o.job_zone),
        })
        .collect();
    written.push((
        "role",
        upsert(txn, roles, &bar).await?,
    ));
    let role_ids = key_ids::<role::Entity>(txn, role::Column::Slug, role::Column::Id).await?;
    let skills: Vec<_> = p
        .elements
        .iter()
        .map(|(slug, name, category)| skill::ActiveModel {
            id: NotSet,
            slug: Set(slug.clone()),
            name: Set(name.clone()),
            category: Set((*category).into()),
        })
        .collect();
    written.push((
        "skill",
        upsert(txn, skills, &bar).await?,
    ));
    let skill_ids = key_ids::<skill::Entity>(txn, skill::Column::Slug, skill::Column::Id).await?;

    // Every role an occupation's facts go to: its own, plus curated roles linked by code.
    let mut targets: Vec<Vec<i32>> = p
        .occupations
        .iter()
        .map(|o| vec![role_ids.get(&o.slug).copied().unwrap_or_default()])
        .collect();
    for r in &curated.roles {
        if let (Some(code), Some(&id)) = (&r.onet_code, role_ids.get(&r.slug))
            && let Some(&i) = p.by_code.get(code)
        {
            targets[i].push(id);
        }
    }
    let own = |i: usize| targets[i][0];

    let mut profiles = Vec::new();
    for (i, o) in p.occupations.iter().enumerate() {
        for &role_id in &targets[i] {
            if o.degree.is_some() || o.experience.is_some() {
                profiles.push(education_profile(role_id, onet, o));
            }
        }
    }
    let mut n = upsert(txn, profiles, &bar).await?;
    let mut wages = Vec::new();
    for (i, o) in p.occupations.iter().enumerate() {
        if let Some(w) = &o.wages {
            wages.extend(
                targets[i]
                    .iter()
                    .map(|&role_id| wage_profile(role_id, bls, w)),
            );
        }
    }
    n += upsert(txn, wages, &bar).await?;
    written.push(("role_profile", n));

    let mut links = Vec::new();
    for r in &p.ratings {
        let skill_id = skill_ids
            .get(&p.elements[r.element].0)
            .copied()
            .unwrap_or_default();
        for &role_id in &targets[r.code] {
            links.push(role_skill::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                skill_id: Set(skill_id),
                source_id: Set(onet),
                share_pct: Set(None),
                rank: Set(None),
                importance: Set(r.importance.value),
                level: Set(r.level.value),
                note: Set(None),
                importance_n: Set(r.importance.n),
                importance_se: Set(r.importance.se),
                importance_ci_low: Set(r.importance.low),
                importance_ci_high: Set(r.importance.high),
                level_n: Set(r.level.n),
                level_se: Set(r.level.se),
                level_ci_low: Set(r.level.low),
                level_ci_high: Set(r.level.high),
            });
        }
    }
    written.push((
        "role_skill",
        upsert(txn, links, &bar).await?,
    ));

    let mut moves = Vec::new();
    for (from, to, tier, index) in &p.related {
        let (a, b) = (&p.occupations[*from], &p.occupations[*to]);
        let likelihood = relatedness(tier, *index);
        let base = career_move::ActiveModel {
            id: NotSet,
            from_role_id: Set(own(*from)),
            to_role_id: Set(own(*to)),
            source_id: Set(onet),
            kind: Set(MoveKind::Related),
            typical_years: Set(None),
            likelihood: Set(Some(likelihood)),
            description: Set(Some(format!(
                "O*NET related occupation ({tier}, rank {index})"
            ))),
            derived: Set(false),
        };
        let higher_zone = matches!((a.job_zone, b.job_zone), (Some(x), Some(y)) if y > x);
        let better_paid = matches!((median_wage(a), median_wage(b)),
            (Some(x), Some(y)) if f64::from(y) >= f64::from(x) * PROMOTION_WAGE_RATIO);
        if higher_zone || better_paid {
            let reason = match (higher_zone, better_paid) {
                (true, true) => "higher job zone and a median wage at least 15% higher",
                (true, false) => "higher job zone",
                _ => "median wage at least 15% higher",
            };
            let mut promotion = base.clone();
            promotion.source_id = Set(derived);
            promotion.kind = Set(MoveKind::Promotion);
            promotion.derived = Set(true);
            promotion.description = Set(Some(format!(
                "Derived from an O*NET related occupation: {reason}"
            )));
            moves.push(promotion);
        }
        moves.push(base);
    }
    written.push((
        "career_move",
        upsert(txn, moves, &bar)
        .await?,
    ));

    let mut position: HashMap<usize, i32> = HashMap::new();
    let duties: Vec<_> = p
        .tasks
        .iter()
        .map(|(code, task)| {
            let at = position.entry(*code).or_insert(0);
            *at += 1;
            role_duty::ActiveModel {
                id: NotSet,
                role_id: Set(own(*code)),
                source_id: Set(onet),
                position: Set(*at),
                title: Set(None),
                description: Set(task.clone()),
            }
        })
        .collect();
    written.push((
        "role_duty",
        upsert(txn, duties, &bar).await?,
    ));

    let technologies: Vec<_> = p
        .technologies
        .iter()
        .map(
            |(code, name, commodity, hot, demand)| role_technology::ActiveModel {
                id: NotSet,
                role_id: Set(own(*code)),
                source_id: Set(onet),
                name: Set(name.clone()),
                commodity: Set(commodity.clone()),
                hot: Set(*hot),
                in_demand: Set(*demand),
            },
        )
        .collect();
    written.push((
        "role_technology",
        upsert(txn, technologies, &bar).await?,
    ));

    let aliases: Vec<_> = p
        .aliases
        .iter()
        .map(|(code, title)| role_alias::ActiveModel {
            id: NotSet,
            role_id: Set(own(*code)),
            source_id: Set(onet),
            title: Set(title.clone()),
        })
        .collect();
    written.push((
        "role_alias",
        upsert(txn, aliases, &bar).await?,
    ));

    let records: u64 = written.iter().map(|(_, n)| n).sum();
    change
        .commit(Audit::new("seed", "importOnet", format!("{records} records")))
        .await?;
    bar.finish_and_clear();
    Ok(ImportReport { written })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_codes() {
        assert_eq!(
            slugify("Computer and Information Systems Managers"),
            "computer-and-information-systems-managers"
        );
        assert_eq!(slugify("  Nurse (RN) / Midwife "), "nurse-rn-midwife");
        assert!(is_code("11-3021.00"));
        assert!(!is_code("11-3021") && !is_code("1x-3021.00"));
        assert_eq!(track("15-1252.00"), "computer-and-mathematical");
    }

    #[test]
    fn relatedness_falls_with_tier_and_rank() {
        assert_eq!(relatedness("Primary-Short", 1), 0.5);
        assert!(relatedness("Primary-Short", 10) < relatedness("Primary-Short", 1));
        assert!(relatedness("Supplemental", 1) < relatedness("Primary-Long", 1));
    }
}
