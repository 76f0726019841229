//! The dataset format: `catalog.json` (sources, roles, skills, certifications) plus one
//! `facts/<source>.json` per source whose facts all cite that source.

use std::collections::BTreeMap;
use std::path::Path;

use entity::vocab::{
    AttributeKind, Dimension, EducationRequirement, MoveKind, Relevance, SourceKind, StatementKind,
};
use serde::{Deserialize, Serialize};

use crate::SeedError;

/// The catalog file name inside a dataset directory.
pub const CATALOG_FILE: &str = "catalog.json";

/// Key of the source our own editorial judgements cite (`facts/editorial.json`).
pub const EDITORIAL_SOURCE: &str = "editorial";

/// A whole dataset: catalog plus fact files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    #[serde(default)]
    pub sources: Vec<SourceRecord>,
    #[serde(default)]
    pub roles: Vec<RoleRecord>,
    #[serde(default)]
    pub skills: Vec<SkillRecord>,
    #[serde(default)]
    pub certifications: Vec<CertificationRecord>,
    #[serde(default)]
    pub facts: Vec<FactFile>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub key: String,
    pub title: String,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// The month the figures are as of, `YYYY-MM` (a dataset's reference or release month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRecord {
    pub slug: String,
    pub title: String,
    pub track: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seniority: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onet_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// O*NET job zone 1–5 (how much preparation the role needs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_zone: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillRecord {
    pub slug: String,
    pub name: String,
    pub category: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRecord {
    pub slug: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// The facts one source states. Every record in it cites `source`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    /// The file the facts were read from (for error messages; not serialized).
    #[serde(skip)]
    pub file: String,
    /// Key of the cited source (document file name or dataset id).
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<ProfileRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demographics: Vec<DemographicRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_skills: Vec<RoleSkillRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_certifications: Vec<RoleCertificationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<RoleList<DutyItem>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<RoleList<EducationItem>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeList>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regional_wages: Vec<RoleList<RegionalWageItem>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<MoveRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<ComparisonRecord>,
    /// Alternate titles of a role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<RoleList<String>>,
    /// Software and tools used in a role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technologies: Vec<RoleList<TechnologyItem>>,
    /// Narrative facts about a role (requirements, qualifiers, FAQ answers, outlook …),
    /// in the source's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<RoleList<StatementItem>>,
}

/// Scalar facts about a role from one source; every figure is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRecord {
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_mean: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_median: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_low: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_high: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_p10: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_p25: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_p75: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary_p90: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_mean: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_median: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_p10: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_p25: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_p75: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_p90: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_rate_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_outlook: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jobs_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_satisfaction: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_years_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_years_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_years_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_years_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_to_become_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_to_become_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_age: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree_share_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub college: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest_paying_city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest_paying_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_paying_company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_paying_industry: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lgbt_share_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_reports_min: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_reports_max: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licenses: Option<String>,
}

/// Shares of one demographic dimension (`gender` or `race`), group name → percent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemographicRecord {
    pub role: String,
    pub dimension: Dimension,
    pub shares: BTreeMap<String, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSkillRecord {
    pub role: String,
    pub skill: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    // O*NET rating statistics (sample size, standard error, 95% confidence bounds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance_n: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance_se: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance_ci_low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance_ci_high: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_n: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_se: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_ci_low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_ci_high: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCertificationRecord {
    pub role: String,
    pub certification: String,
    pub relevance: Relevance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An ordered list of items about one role; an item's position is its index + 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleList<T> {
    pub role: String,
    pub items: Vec<T>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationItem {
    pub level: String,
    pub requirement: EducationRequirement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalWageItem {
    pub region: String,
    pub salary_median: i32,
}

/// An ordered list of one kind of attribute (`employer_type`, `pay_factor`, `resource`,
/// `work_environment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeList {
    pub role: String,
    pub kind: AttributeKind,
    pub items: Vec<AttributeItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeItem {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveRecord {
    pub from: String,
    pub to: String,
    pub kind: MoveKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical_years: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechnologyItem {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commodity: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hot: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_demand: bool,
}

/// One narrative fact about a role, in our words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementItem {
    pub kind: StatementKind,
    /// What the statement is about, a slug (`experience`, `mba`); several statements may
    /// share one.
    pub topic: String,
    pub text: String,
    /// The question an FAQ statement answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonRecord {
    pub a: String,
    pub b: String,
}

impl ProfileRecord {
    /// The record a profile row holds, for role `role`.
    pub fn from_row(role: String, p: &entity::role_profile::Model) -> Self {
        Self {
            role,
            salary_mean: p.salary_mean,
            salary_median: p.salary_median,
            salary_low: p.salary_low,
            salary_high: p.salary_high,
            salary_p10: p.salary_p10,
            salary_p25: p.salary_p25,
            salary_p75: p.salary_p75,
            salary_p90: p.salary_p90,
            hourly_mean: p.hourly_mean,
            hourly_median: p.hourly_median,
            hourly_p10: p.hourly_p10,
            hourly_p25: p.hourly_p25,
            hourly_p75: p.hourly_p75,
            hourly_p90: p.hourly_p90,
            pay_note: p.pay_note.clone(),
            growth_rate_pct: p.growth_rate_pct,
            growth_outlook: p.growth_outlook.clone(),
            jobs_count: p.jobs_count,
            job_satisfaction: p.job_satisfaction,
            experience_years_min: p.experience_years_min,
            experience_years_max: p.experience_years_max,
            management_years_min: p.management_years_min,
            management_years_max: p.management_years_max,
            years_to_become_min: p.years_to_become_min,
            years_to_become_max: p.years_to_become_max,
            average_age: p.average_age,
            degree: p.degree.clone(),
            degree_share_pct: p.degree_share_pct,
            major: p.major.clone(),
            college: p.college.clone(),
            highest_paying_city: p.highest_paying_city.clone(),
            highest_paying_state: p.highest_paying_state.clone(),
            best_paying_company: p.best_paying_company.clone(),
            best_paying_industry: p.best_paying_industry.clone(),
            lgbt_share_pct: p.lgbt_share_pct,
            budget_min: p.budget_min,
            budget_max: p.budget_max,
            direct_reports_min: p.direct_reports_min,
            direct_reports_max: p.direct_reports_max,
            ai_impact: p.ai_impact.clone(),
            licenses: p.licenses.clone(),
        }
    }
}

impl From<&entity::source::Model> for SourceRecord {
    fn from(s: &entity::source::Model) -> Self {
        Self {
            key: s.key.clone(),
            title: s.title.clone(),
            kind: s.kind,
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            attribution: s.attribution.clone(),
            as_of: s.as_of.clone(),
        }
    }
}

impl From<&entity::role::Model> for RoleRecord {
    fn from(r: &entity::role::Model) -> Self {
        Self {
            slug: r.slug.clone(),
            title: r.title.clone(),
            track: r.track.clone(),
            seniority: r.seniority,
            onet_code: r.onet_code.clone(),
            summary: r.summary.clone(),
            job_zone: r.job_zone,
        }
    }
}

impl From<&entity::skill::Model> for SkillRecord {
    fn from(s: &entity::skill::Model) -> Self {
        Self {
            slug: s.slug.clone(),
            name: s.name.clone(),
            category: s.category.clone(),
        }
    }
}

impl From<&entity::certification::Model> for CertificationRecord {
    fn from(c: &entity::certification::Model) -> Self {
        Self {
            slug: c.slug.clone(),
            name: c.name.clone(),
            acronym: c.acronym.clone(),
            issuer: c.issuer.clone(),
        }
    }
}

/// The curated default dataset, compiled into the binary so the service needs no files.
const DEFAULT_FILES: [(&str, &str); 7] = [
    (CATALOG_FILE, include_str!("../data/catalog.json")),
    (
        "facts/000_b80cc34c2de5a287.json",
        include_str!("../data/facts/000_b80cc34c2de5a287.json"),
    ),
    (
        "facts/001_85606e24b525279d.json",
        include_str!("../data/facts/001_85606e24b525279d.json"),
    ),
    (
        "facts/002_0e9ecb0f078a81e9.json",
        include_str!("../data/facts/002_0e9ecb0f078a81e9.json"),
    ),
    (
        "facts/003_1223a2aff6a9897a.json",
        include_str!("../data/facts/003_1223a2aff6a9897a.json"),
    ),
    (
        "facts/004_4371e873dab14af6.json",
        include_str!("../data/facts/004_4371e873dab14af6.json"),
    ),
    // Our own judgements (moves no document states, mappings), citing the `editorial` source.
    (
        "facts/editorial.json",
        include_str!("../data/facts/editorial.json"),
    ),
];

/// Parses JSON, naming the path of a bad value (`facts[0].profiles[2].salary_low: …`).
fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, SeedError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let (line, column) = (e.inner().line(), e.inner().column());
        json_error(file, e, line, column)
    })
}

/// A JSON error with the path of the bad value; serde's own position suffix is dropped,
/// the variant carries line and column.
fn json_error(
    file: &str,
    e: serde_path_to_error::Error<serde_json::Error>,
    line: usize,
    column: usize,
) -> SeedError {
    let text = e.inner().to_string();
    let message = match text.rfind(" at line ") {
        Some(at) if line > 0 => text[..at].to_owned(),
        _ => text,
    };
    SeedError::Json {
        file: file.to_owned(),
        path: e.path().to_string(),
        line,
        column,
        message,
    }
}

impl Dataset {
    /// The built-in curated dataset (from `seed/data`).
    pub fn curated() -> Result<Self, SeedError> {
        let mut files = DEFAULT_FILES.iter();
        let mut dataset: Dataset = match files.next() {
            Some((name, text)) => parse(name, text)?,
            None => Dataset::default(),
        };
        for (name, text) in files {
            dataset.push_facts(name, text)?;
        }
        Ok(dataset)
    }

    /// Reads a dataset directory: `catalog.json` and every `facts/*.json` (in name order).
    pub fn from_dir(dir: &Path) -> Result<Self, SeedError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|source| SeedError::Io {
                path: path.display().to_string(),
                source,
            })
        };
        let catalog = dir.join(CATALOG_FILE);
        let mut dataset: Dataset = parse(&catalog.display().to_string(), &read(&catalog)?)?;
        let facts_dir = dir.join("facts");
        if facts_dir.is_dir() {
            let entries = std::fs::read_dir(&facts_dir).map_err(|source| SeedError::Io {
                path: facts_dir.display().to_string(),
                source,
            })?;
            let mut paths: Vec<_> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
                .collect();
            paths.sort();
            for path in paths {
                dataset.push_facts(&path.display().to_string(), &read(&path)?)?;
            }
        }
        Ok(dataset)
    }

    /// Reads one JSON document holding a whole dataset (catalog and `facts`).
    pub fn from_json(file: &str, text: &str) -> Result<Self, SeedError> {
        let dataset: Dataset = parse(file, text)?;
        Ok(dataset.named(file))
    }

    /// Reads a dataset from an already parsed JSON value (e.g. a GraphQL argument).
    pub fn from_value(file: &str, value: serde_json::Value) -> Result<Self, SeedError> {
        let dataset: Dataset =
            serde_path_to_error::deserialize(value).map_err(|e| json_error(file, e, 0, 0))?;
        Ok(dataset.named(file))
    }

    /// Names each fact file after its place in one document, for error messages.
    fn named(mut self, file: &str) -> Self {
        for (i, facts) in self.facts.iter_mut().enumerate() {
            facts.file = format!("{file}#facts[{i}]");
        }
        self
    }

    fn push_facts(&mut self, file: &str, text: &str) -> Result<(), SeedError> {
        let mut facts: FactFile = parse(file, text)?;
        facts.file = file.to_owned();
        self.facts.push(facts);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_dataset_matches_the_files_on_disk() {
        let embedded = Dataset::curated().unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let on_disk = Dataset::from_dir(&dir).unwrap();
        assert_eq!(embedded.roles, on_disk.roles);
        assert_eq!(embedded.facts.len(), on_disk.facts.len());
        for (a, b) in embedded.facts.iter().zip(&on_disk.facts) {
            assert_eq!(a.source, b.source);
            assert_eq!(a.profiles, b.profiles);
            assert_eq!(a.moves, b.moves);
        }
        // Every fact file under data/facts must be compiled in.
        let count = std::fs::read_dir(dir.join("facts")).unwrap().count();
        assert_eq!(count, embedded.facts.len());
    }

    #[test]
    fn every_curated_fact_file_cites_the_document_it_is_named_after() {
        for facts in Dataset::curated().unwrap().facts {
            let stem = facts
                .file
                .trim_start_matches("facts/")
                .trim_end_matches(".json");
            // editorial.json holds our own judgements and cites the editorial source.
            let cited = if stem == EDITORIAL_SOURCE {
                EDITORIAL_SOURCE.to_owned()
            } else {
                format!("{stem}.txt")
            };
            assert_eq!(facts.source, cited);
        }
    }

    #[test]
    fn the_editorial_source_is_declared_with_its_kind() {
        let dataset = Dataset::curated().unwrap();
        let editorial = dataset.sources.iter().find(|s| s.key == EDITORIAL_SOURCE);
        assert_eq!(editorial.map(|s| s.kind), Some(SourceKind::Editorial));
        // Only what no document states lives there: every editorial move is our inference.
        let file = dataset.facts.iter().find(|f| f.source == EDITORIAL_SOURCE);
        assert!(file.is_some_and(|f| f.moves.iter().all(|m| m.derived)));
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_name() {
        let err = Dataset::from_json("x.json", r#"{"roles": [], "rolez": []}"#).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("x.json") && text.contains("rolez"), "{text}");
    }
}
