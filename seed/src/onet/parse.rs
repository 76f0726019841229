//! The O*NET files, one function per file, read into [`Parsed`]: occupations by index, with
//! every later file's rows pointing at them.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::TIER_WEIGHT;
use super::layout::Download;
use super::table::{Row, Table};
use crate::dataset::TechnologyItem;
use crate::{Dataset, SeedError};

/// The column every O*NET file keys its rows by.
const CODE: &str = "O*NET-SOC Code";

/// The columns of the skills files and `Knowledge` the import reads.
const RATING_COLUMNS: [&str; 11] = [
    CODE,
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

/// One parsed occupation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Occupation {
    pub(crate) code: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) slug: String,
    pub(crate) job_zone: Option<i32>,
    /// The most common required education and its share of respondents.
    pub(crate) degree: Option<(String, f64)>,
    /// The most common related-experience category (1–11) and its share.
    pub(crate) experience: Option<(usize, f64)>,
    pub(crate) wages: Option<Wages>,
}

/// One BLS row: employment, and mean, 10th, 25th, 50th, 75th and 90th percentile wages.
#[derive(Clone, Debug, Default)]
pub(crate) struct Wages {
    pub(crate) employment: Option<i32>,
    pub(crate) hourly: [Option<f64>; 6],
    pub(crate) annual: [Option<i32>; 6],
    /// Some value was `#` (at least the top-coded amount).
    pub(crate) top_coded: bool,
}

/// One O*NET rating (importance or level) with its statistics.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rating {
    /// `Data Value`.
    pub(crate) value: Option<f64>,
    /// Sample size (`N`).
    pub(crate) n: Option<i32>,
    /// `Standard Error`.
    pub(crate) se: Option<f64>,
    /// `Lower CI Bound` and `Upper CI Bound` (95 %).
    pub(crate) low: Option<f64>,
    pub(crate) high: Option<f64>,
}

/// An occupation's importance and level ratings of one skill or knowledge element.
#[derive(Clone, Debug)]
pub(crate) struct ElementRating {
    /// Index into [`Parsed::occupations`].
    pub(crate) code: usize,
    /// Index into [`Parsed::elements`].
    pub(crate) element: usize,
    pub(crate) importance: Rating,
    pub(crate) level: Rating,
}

/// A skill or knowledge element, imported as a skill.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) category: &'static str,
}

/// A row of `Related Occupations` (occupation indexes).
#[derive(Clone, Debug)]
pub(crate) struct Related {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) tier: String,
    pub(crate) index: i32,
}

/// Everything parsed, before the records are built. Rows point at occupations by index.
#[derive(Default)]
pub(crate) struct Parsed {
    pub(crate) occupations: Vec<Occupation>,
    pub(crate) by_code: HashMap<String, usize>,
    pub(crate) elements: Vec<Element>,
    pub(crate) ratings: Vec<ElementRating>,
    pub(crate) related: Vec<Related>,
    pub(crate) technologies: Vec<(usize, TechnologyItem)>,
    pub(crate) tasks: Vec<(usize, String)>,
    pub(crate) aliases: Vec<(usize, String)>,
    /// `Job Zone Reference`, in file order; empty when the download has none.
    pub(crate) zones: Vec<ZoneDefinition>,
}

/// One job zone as `Job Zone Reference` defines it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ZoneDefinition {
    pub(crate) number: i32,
    pub(crate) name: String,
    pub(crate) experience: String,
    pub(crate) education: String,
    pub(crate) job_training: String,
    pub(crate) examples: String,
    /// As stated: `(4.0 to < 6.0)`.
    pub(crate) svp_range: String,
    /// Least SVP (inclusive), SVP it stays below; `None`: unbounded on that side.
    pub(crate) svp: (Option<f64>, Option<f64>),
}

impl Parsed {
    /// The rank of job zone `number` among the zones the download defines (ordered by SVP
    /// range): a gap between zones is a difference of ranks. Without a `Job Zone Reference`
    /// the O*NET 1–5 definition holds (rank = number).
    pub(crate) fn zone_rank(&self, number: i32) -> Option<usize> {
        if self.zones.is_empty() {
            return usize::try_from(number).ok().filter(|n| (1..=5).contains(n));
        }
        self.zones
            .iter()
            .position(|z| z.number == number)
            .map(|i| i + 1)
    }
}

/// `(Below 4.0)`, `(4.0 to < 6.0)`, `(8.0 and above)` as (least, below).
pub(crate) fn svp_bounds(text: &str) -> Option<(Option<f64>, Option<f64>)> {
    let inner = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let number = |t: &str| t.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    if let Some(rest) = inner.strip_prefix("Below") {
        return Some((None, Some(number(rest)?)));
    }
    if let Some(rest) = inner.strip_suffix("and above") {
        return Some((Some(number(rest)?), None));
    }
    let (low, high) = inner.split_once("to")?;
    let high = high.trim().trim_start_matches('<');
    let (low, high) = (number(low)?, number(high)?);
    (low < high).then_some((Some(low), Some(high)))
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

/// `slug` if no one has it yet, else `slug-suffix`; either way it is taken from then on.
fn claim(used: &mut HashSet<String>, slug: String, suffix: &str) -> String {
    if used.insert(slug.clone()) {
        return slug;
    }
    let slug = format!("{slug}-{suffix}");
    used.insert(slug.clone());
    slug
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
pub(crate) fn track(code: &str) -> &'static str {
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

/// Parses the O*NET files of `download`, always in this order, stopping at the first error.
/// Slugs of curated roles are not given to occupations; slugs of curated skills are not
/// given to elements (those get `-onet`).
pub(super) fn onet(
    download: &Download,
    curated: &Dataset,
    progress: bool,
) -> Result<Parsed, SeedError> {
    let reserved: HashSet<String> = curated.roles.iter().map(|r| r.slug.clone()).collect();
    let mut p = Parsed::default();
    occupations(&mut p, download.occupations(), &reserved, progress)?;
    if let Some(path) = download.zone_reference() {
        zone_reference(&mut p, path, progress)?;
    }
    job_zones(&mut p, download.job_zones(), progress)?;
    let mut elements = Elements {
        slugs: reserved,
        ..Elements::default()
    };
    // 29.x: `Skills`; 30.3+: `Essential Skills` and `Transferable Skills`, the same elements.
    for path in download.skills() {
        ratings(&mut p, &mut elements, path, "skill", progress)?;
    }
    ratings(
        &mut p,
        &mut elements,
        download.knowledge(),
        "knowledge",
        progress,
    )?;
    let curated_skills: HashSet<&str> = curated.skills.iter().map(|s| s.slug.as_str()).collect();
    for element in &mut p.elements {
        if curated_skills.contains(element.slug.as_str()) {
            element.slug = format!("{}-onet", element.slug);
        }
    }
    related(&mut p, download.related(), progress)?;
    let (example, commodity) = download.layout.technology_columns;
    technologies(
        &mut p,
        download.technology(),
        [example, commodity],
        progress,
    )?;
    tasks(&mut p, download.tasks(), progress)?;
    let mut categories = HashMap::new();
    for path in download.education_categories() {
        education_categories(&mut categories, path, progress)?;
    }
    for path in download.education() {
        education(&mut p, path, &categories, progress)?;
    }
    alternate_titles(
        &mut p,
        download.titles(),
        download.layout.title_column,
        progress,
    )?;
    Ok(p)
}

/// `Occupation Data`: code, title (→ slug, `-<code>` on a collision) and description.
fn occupations(
    p: &mut Parsed,
    path: &Path,
    reserved: &HashSet<String>,
    progress: bool,
) -> Result<(), SeedError> {
    let mut used = reserved.clone();
    let mut t = Table::tsv(path, &[CODE, "Title", "Description"], progress)?;
    t.rows(|row| {
        let code = row.text(CODE);
        if !is_code(code) {
            return Err(row.fail(CODE, format!("`{code}` is not an O*NET-SOC code")));
        }
        let title = row.text("Title");
        if title.is_empty() {
            return Err(row.fail("Title", "must not be empty"));
        }
        let slug = claim(&mut used, slugify(title), &slugify(code));
        if p.by_code
            .insert(code.to_owned(), p.occupations.len())
            .is_some()
        {
            return Err(row.fail(CODE, format!("duplicate code `{code}`")));
        }
        p.occupations.push(Occupation {
            code: code.to_owned(),
            title: title.to_owned(),
            description: row.text("Description").to_owned(),
            slug,
            ..Occupation::default()
        });
        Ok(())
    })
}

/// `Job Zone Reference`: the zones, each with its SVP range; kept ordered by SVP range (a
/// zone's rank is its place in that order).
fn zone_reference(p: &mut Parsed, path: &Path, progress: bool) -> Result<(), SeedError> {
    const COLUMNS: [&str; 7] = [
        "Job Zone",
        "Name",
        "Experience",
        "Education",
        "Job Training",
        "Examples",
        "SVP Range",
    ];
    let mut t = Table::tsv(path, &COLUMNS, progress)?;
    t.rows(|row| {
        let number = row.i32("Job Zone")?;
        if p.zones.iter().any(|z| z.number == number) {
            return Err(row.fail("Job Zone", format!("duplicate job zone {number}")));
        }
        let svp_range = row.text("SVP Range");
        let svp = svp_bounds(svp_range).ok_or_else(|| {
            row.fail(
                "SVP Range",
                format!("`{svp_range}` is not `(Below x)`, `(x to < y)` or `(x and above)`"),
            )
        })?;
        p.zones.push(ZoneDefinition {
            number,
            name: row.text("Name").to_owned(),
            experience: row.text("Experience").to_owned(),
            education: row.text("Education").to_owned(),
            job_training: row.text("Job Training").to_owned(),
            examples: row.text("Examples").to_owned(),
            svp_range: svp_range.to_owned(),
            svp,
        });
        Ok(())
    })?;
    p.zones.sort_by(|a, b| {
        let least = |z: &ZoneDefinition| z.svp.0.unwrap_or(f64::NEG_INFINITY);
        least(a).total_cmp(&least(b)).then(a.number.cmp(&b.number))
    });
    Ok(())
}

/// `Job Zones`: one zone per occupation, one the reference defines (without a reference,
/// 1–5).
fn job_zones(p: &mut Parsed, path: &Path, progress: bool) -> Result<(), SeedError> {
    let mut t = Table::tsv(path, &[CODE, "Job Zone"], progress)?;
    t.rows(|row| {
        let i = row.occupation(&p.by_code, CODE)?;
        match row.opt_i32("Job Zone")? {
            Some(zone) if p.zone_rank(zone).is_some() => p.occupations[i].job_zone = Some(zone),
            other => {
                return Err(row.fail(
                    "Job Zone",
                    format!("{other:?} is not a job zone the Job Zone Reference defines"),
                ));
            }
        }
        Ok(())
    })
}

/// The elements and ratings seen so far, across the skills files and `Knowledge`.
#[derive(Default)]
struct Elements {
    /// `category:Element ID` → index into [`Parsed::elements`].
    index: HashMap<String, usize>,
    /// Slugs taken (curated roles' included).
    slugs: HashSet<String>,
    /// (occupation, element) → index into [`Parsed::ratings`].
    ratings: HashMap<(usize, usize), usize>,
}

impl Elements {
    /// The element of `row`, added on first sight (slug `-<category>` on a collision).
    fn element(&mut self, elements: &mut Vec<Element>, row: &Row, category: &'static str) -> usize {
        let id = format!("{category}:{}", row.text("Element ID"));
        if let Some(&e) = self.index.get(&id) {
            return e;
        }
        let name = row.text("Element Name").to_owned();
        let slug = claim(&mut self.slugs, slugify(&name), category);
        elements.push(Element {
            slug,
            name,
            category,
        });
        self.index.insert(id, elements.len() - 1);
        elements.len() - 1
    }

    /// The rating of `element` by occupation `code`, added on first sight.
    fn rating(&mut self, ratings: &mut Vec<ElementRating>, code: usize, element: usize) -> usize {
        *self.ratings.entry((code, element)).or_insert_with(|| {
            ratings.push(ElementRating {
                code,
                element,
                importance: Rating::default(),
                level: Rating::default(),
            });
            ratings.len() - 1
        })
    }
}

/// A rating's value and statistics; the value must lie in the scale's range.
fn rating(row: &Row, importance: bool) -> Result<Rating, SeedError> {
    let rating = Rating {
        value: row.opt_f64("Data Value")?,
        n: row.opt_i32("N")?,
        se: row.opt_f64("Standard Error")?,
        low: row.opt_f64("Lower CI Bound")?,
        high: row.opt_f64("Upper CI Bound")?,
    };
    let (lo, hi) = if importance { (1.0, 5.0) } else { (0.0, 7.0) };
    if let Some(v) = rating.value.filter(|v| !(lo..=hi).contains(v)) {
        return Err(row.fail("Data Value", format!("{v} is outside {lo}–{hi}")));
    }
    Ok(rating)
}

/// A skills file or `Knowledge`: importance (IM) and level (LV) per occupation and element.
fn ratings(
    p: &mut Parsed,
    seen: &mut Elements,
    path: &Path,
    category: &'static str,
    progress: bool,
) -> Result<(), SeedError> {
    let mut t = Table::tsv(path, &RATING_COLUMNS, progress)?;
    t.rows(|row| {
        let code = row.occupation(&p.by_code, CODE)?;
        let element = seen.element(&mut p.elements, row, category);
        let importance = match row.text("Scale ID") {
            "IM" => true,
            "LV" => false,
            scale => return Err(row.fail("Scale ID", format!("`{scale}` is not IM or LV"))),
        };
        let rating = rating(row, importance)?;
        // Ratings O*NET flags as unreliable or not relevant are dropped.
        if row.flag("Recommend Suppress")? || row.flag("Not Relevant")? {
            return Ok(());
        }
        let at = seen.rating(&mut p.ratings, code, element);
        if importance {
            p.ratings[at].importance = rating;
        } else {
            p.ratings[at].level = rating;
        }
        Ok(())
    })
}

/// `Related Occupations`: tier and index of each related occupation (self-links dropped).
fn related(p: &mut Parsed, path: &Path, progress: bool) -> Result<(), SeedError> {
    let to_code = "Related O*NET-SOC Code";
    let columns = [CODE, to_code, "Relatedness Tier", "Index"];
    let mut t = Table::tsv(path, &columns, progress)?;
    t.rows(|row| {
        let from = row.occupation(&p.by_code, CODE)?;
        let to = row.occupation(&p.by_code, to_code)?;
        let tier = row.text("Relatedness Tier");
        if !TIER_WEIGHT.iter().any(|(t, _)| *t == tier) {
            return Err(row.fail("Relatedness Tier", format!("unknown tier `{tier}`")));
        }
        let index = row.i32("Index")?;
        if from != to {
            p.related.push(Related {
                from,
                to,
                tier: tier.to_owned(),
                index,
            });
        }
        Ok(())
    })
}

/// `Technology Skills` (29.x: `Example`, `Commodity Title`) or `Software Skills` (30.3+:
/// `Workplace Example`, `Element Name`): one item per occupation and name; hot and in-demand
/// if any row says so.
fn technologies(
    p: &mut Parsed,
    path: &Path,
    [example, commodity]: [&str; 2],
    progress: bool,
) -> Result<(), SeedError> {
    let columns = [CODE, example, commodity, "Hot Technology", "In Demand"];
    let mut t = Table::tsv(path, &columns, progress)?;
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    t.rows(|row| {
        let code = row.occupation(&p.by_code, CODE)?;
        let name = row.text(example).to_owned();
        let (hot, in_demand) = (row.flag("Hot Technology")?, row.flag("In Demand")?);
        match seen.entry((code, name)) {
            Entry::Occupied(at) => {
                let item = &mut p.technologies[*at.get()].1;
                item.hot |= hot;
                item.in_demand |= in_demand;
            }
            Entry::Vacant(at) => {
                let name = at.key().1.clone();
                at.insert(p.technologies.len());
                let commodity = Some(row.text(commodity).to_owned()).filter(|c| !c.is_empty());
                let item = TechnologyItem {
                    name,
                    commodity,
                    hot,
                    in_demand,
                };
                p.technologies.push((code, item));
            }
        }
        Ok(())
    })
}

/// `Task Statements`: the tasks of each occupation, in file order.
fn tasks(p: &mut Parsed, path: &Path, progress: bool) -> Result<(), SeedError> {
    let mut t = Table::tsv(path, &[CODE, "Task ID", "Task"], progress)?;
    t.rows(|row| {
        let code = row.occupation(&p.by_code, CODE)?;
        row.i32("Task ID")?;
        p.tasks.push((code, row.text("Task").to_owned()));
        Ok(())
    })
}

/// `Education, Training, and Experience Categories` (29.x) or `Education Categories` and
/// `Training and Experience Categories` (30.3+): (scale, category) → short name.
fn education_categories(
    categories: &mut HashMap<(String, i32), String>,
    path: &Path,
    progress: bool,
) -> Result<(), SeedError> {
    let columns = ["Scale ID", "Category", "Category Description"];
    Table::tsv(path, &columns, progress)?.rows(|row| {
        let category = row.i32("Category")?;
        let short = row
            .text("Category Description")
            .split(" - ")
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        categories.insert((row.text("Scale ID").to_owned(), category), short);
        Ok(())
    })
}

/// `Education, Training, and Experience` (29.x) or `Education` and `Training and Experience`
/// (30.3+): the most common required education (RL) and related work experience (RW) of
/// each occupation.
fn education(
    p: &mut Parsed,
    path: &Path,
    categories: &HashMap<(String, i32), String>,
    progress: bool,
) -> Result<(), SeedError> {
    let columns = [
        CODE,
        "Scale ID",
        "Category",
        "Data Value",
        "Recommend Suppress",
    ];
    let mut t = Table::tsv(path, &columns, progress)?;
    t.rows(|row| {
        let code = row.occupation(&p.by_code, CODE)?;
        let scale = row.text("Scale ID");
        if scale != "RL" && scale != "RW" {
            return Ok(());
        }
        let category = row.i32("Category")?;
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
    })
}

/// `Alternate Titles` (29.x, `Alternate Title`) or `Job Titles` (30.3+, `Job Title`):
/// alternate and short titles, each once per occupation.
fn alternate_titles(
    p: &mut Parsed,
    path: &Path,
    title: &str,
    progress: bool,
) -> Result<(), SeedError> {
    let mut t = Table::tsv(path, &[CODE, title, "Short Title"], progress)?;
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    t.rows(|row| {
        let code = row.occupation(&p.by_code, CODE)?;
        for column in [title, "Short Title"] {
            let title = row.text(column);
            if !title.is_empty() && seen.insert((code, title.to_owned())) {
                p.aliases.push((code, title.to_owned()));
            }
        }
        Ok(())
    })
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
    fn a_taken_slug_gets_the_suffix() {
        let mut used = HashSet::from(["writing".to_owned()]);
        assert_eq!(
            claim(&mut used, "writing".into(), "knowledge"),
            "writing-knowledge"
        );
        assert_eq!(claim(&mut used, "reading".into(), "knowledge"), "reading");
        assert!(used.contains("writing-knowledge") && used.contains("reading"));
    }
}
