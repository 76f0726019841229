//! Parses a dataset before anything is written: slugs, references, ranges, enums and
//! duplicate natural keys. What passes comes back as a [`Valid`] dataset whose values are
//! normalised (names and titles trimmed), the only form the writer accepts; the first
//! problem found is reported with file, record and field.

use std::collections::HashSet;

use crate::SeedError;
use crate::dataset::{
    AttributeList, CATALOG_FILE, CertificationRecord, ComparisonRecord, Dataset, DemographicRecord,
    FactFile, MoveRecord, ProfileRecord, RoleCertificationRecord, RoleList, RoleRecord,
    RoleSkillRecord, SkillRecord, SourceRecord, StatementItem,
};
use crate::rules::name;
pub use crate::rules::{Broken, Rules, Valid, parse_record};
use crate::value::{Bounds, MAX_TEXT_LEN, NON_NEGATIVE, Name, PERCENT, Slug, Text};

/// Where a record sits, for error messages.
struct At<'a> {
    file: &'a str,
    /// Index of the fact file in the dataset; `None` for the catalog.
    facts: Option<usize>,
    /// Path of the record in its file (`roles[3]`); empty for the file itself.
    record: String,
    /// The record's natural key, when it has one (`ceo`).
    key: Option<String>,
}

impl At<'_> {
    fn fail(&self, field: &str, message: impl Into<String>) -> SeedError {
        SeedError::Rule {
            file: self.file.to_owned(),
            facts: self.facts,
            record: self.record.clone(),
            key: self.key.clone(),
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// Applies a value rule; a broken rule becomes an error naming this record and `field`.
    fn rule<T>(&self, field: &str, parsed: Result<T, String>) -> Result<T, SeedError> {
        parsed.map_err(|message| self.fail(field, message))
    }

    /// A record's own rules; a broken one names this record and its field.
    fn record(&self, rules: Result<(), Broken>) -> Result<(), SeedError> {
        rules.map_err(|b| self.fail(&b.field, b.message))
    }

    /// Replaces `value` with the name it parses to.
    fn name(&self, field: &str, value: &mut String) -> Result<(), SeedError> {
        self.record(name(field, value))
    }

    /// Replaces `value` with the long text (≤ 1000 characters) it parses to.
    fn long_text(&self, field: &str, value: &mut String) -> Result<(), SeedError> {
        *value = self.rule(field, Text::<MAX_TEXT_LEN>::parse(value))?.into();
        Ok(())
    }

    fn within(&self, field: &str, value: Option<f64>, bounds: Bounds) -> Result<(), SeedError> {
        self.rule(field, bounds.check_opt(value)).map(drop)
    }

    fn ordered<T: PartialOrd + Copy + std::fmt::Display>(
        &self,
        pairs: &[(&str, Option<T>)],
    ) -> Result<(), SeedError> {
        let present: Vec<_> = pairs
            .iter()
            .filter_map(|(n, v)| v.map(|v| (*n, v)))
            .collect();
        for w in present.windows(2) {
            if w[0].1 > w[1].1 {
                return Err(self.fail(
                    w[1].0,
                    format!("{} must not be below {} ({})", w[1].1, w[0].0, w[0].1),
                ));
            }
        }
        Ok(())
    }

    fn unique(
        &self,
        seen: &mut HashSet<String>,
        field: &str,
        key: String,
    ) -> Result<(), SeedError> {
        if seen.insert(key.clone()) {
            Ok(())
        } else {
            Err(self.fail(field, format!("duplicate entry {key}")))
        }
    }
}

/// Slugs declared by the catalog, for reference checks.
struct Known {
    /// Accept any reference (the writer resolves them).
    open: bool,
    sources: HashSet<String>,
    roles: HashSet<String>,
    skills: HashSet<String>,
    certifications: HashSet<String>,
}

impl Known {
    fn check(
        &self,
        at: &At,
        field: &str,
        set: &HashSet<String>,
        what: &str,
        slug: &str,
    ) -> Result<(), SeedError> {
        if self.open || set.contains(slug) {
            Ok(())
        } else {
            Err(at.fail(field, format!("unknown {what} `{slug}`")))
        }
    }
    fn role(&self, at: &At, field: &str, slug: &str) -> Result<(), SeedError> {
        self.check(at, field, &self.roles, "role", slug)
    }
}

/// Checks a whole dataset without keeping the parsed form; see [`parse_dataset`].
pub fn validate(dataset: &Dataset) -> Result<(), SeedError> {
    validate_onto(dataset, None)
}

/// Checks `dataset` as [`parse_onto`] does, without keeping the parsed form.
pub fn validate_onto(dataset: &Dataset, existing: Option<&Dataset>) -> Result<(), SeedError> {
    parse_onto(dataset.clone(), existing).map(drop)
}

/// Parses a whole dataset: `Ok` holds it with every value normalised, ready to write.
pub fn parse_dataset(dataset: Dataset) -> Result<Valid<Dataset>, SeedError> {
    parse_onto(dataset, None)
}

/// A catalog record: its own rules plus a key that must be unique in its list.
trait CatalogEntry: Rules {
    fn key(&self) -> &str;
    /// The key's field name.
    const KEY: &'static str = "slug";
}

impl CatalogEntry for SourceRecord {
    fn key(&self) -> &str {
        &self.key
    }
    const KEY: &'static str = "key";
}

impl CatalogEntry for RoleRecord {
    fn key(&self) -> &str {
        &self.slug
    }
}

impl CatalogEntry for SkillRecord {
    fn key(&self) -> &str {
        &self.slug
    }
}

impl CatalogEntry for CertificationRecord {
    fn key(&self) -> &str {
        &self.slug
    }
}

/// Parses a catalog list (`roles`, …) and collects its keys for reference checks.
fn check_catalog<T: CatalogEntry>(
    records: &mut [T],
    list: &str,
    keys: &mut HashSet<String>,
) -> Result<(), SeedError> {
    for (i, r) in records.iter_mut().enumerate() {
        let at = At {
            file: CATALOG_FILE,
            facts: None,
            record: format!("{list}[{i}]"),
            key: Some(r.key().to_owned()),
        };
        at.record(r.normalise())?;
        at.unique(keys, T::KEY, r.key().to_owned())?;
    }
    Ok(())
}

/// Parses `dataset` for merging into a database that already holds `existing`'s catalog:
/// facts may also reference the sources, roles, skills and certifications listed there.
pub fn parse_onto(
    dataset: Dataset,
    existing: Option<&Dataset>,
) -> Result<Valid<Dataset>, SeedError> {
    parse_with(dataset, existing, false)
}

/// [`parse_onto`]; with `open`, references are not checked.
fn parse_with(
    mut dataset: Dataset,
    existing: Option<&Dataset>,
    open: bool,
) -> Result<Valid<Dataset>, SeedError> {
    let mut known = Known {
        open,
        sources: HashSet::new(),
        roles: HashSet::new(),
        skills: HashSet::new(),
        certifications: HashSet::new(),
    };
    check_catalog(&mut dataset.sources, "sources", &mut known.sources)?;
    check_catalog(&mut dataset.roles, "roles", &mut known.roles)?;
    check_catalog(&mut dataset.skills, "skills", &mut known.skills)?;
    check_catalog(
        &mut dataset.certifications,
        "certifications",
        &mut known.certifications,
    )?;
    if let Some(existing) = existing {
        fn keys<T: CatalogEntry>(records: &[T]) -> impl Iterator<Item = String> + '_ {
            records.iter().map(|r| r.key().trim().to_owned())
        }
        known.sources.extend(keys(&existing.sources));
        known.roles.extend(keys(&existing.roles));
        known.skills.extend(keys(&existing.skills));
        known.certifications.extend(keys(&existing.certifications));
    }
    let mut cited = HashSet::new();
    for (i, facts) in dataset.facts.iter_mut().enumerate() {
        let at = At {
            file: &facts.file,
            facts: Some(i),
            record: String::new(),
            key: None,
        };
        known.check(&at, "source", &known.sources, "source", &facts.source)?;
        at.unique(&mut cited, "source", facts.source.clone())?;
        validate_facts(facts, i, &known)?;
    }
    Ok(Valid(dataset))
}

/// Parses a dataset whose references the writer resolves itself (the admin API's
/// single-record edits look each slug up in the database): every rule but references.
pub fn parse_records(dataset: Dataset) -> Result<Valid<Dataset>, SeedError> {
    parse_with(dataset, None, true)
}

fn validate_profile(at: &At, p: &ProfileRecord) -> Result<(), SeedError> {
    let whole = |v: Option<i32>| v.map(f64::from);
    let amount = |v: Option<i64>| v.map(|v| v as f64);
    let wide = Bounds::new(0.0, 100_000.0);
    for (field, value, bounds) in [
        ("salary_mean", whole(p.salary_mean), NON_NEGATIVE),
        ("salary_median", whole(p.salary_median), NON_NEGATIVE),
        ("salary_low", whole(p.salary_low), NON_NEGATIVE),
        ("salary_high", whole(p.salary_high), NON_NEGATIVE),
        ("salary_p10", whole(p.salary_p10), NON_NEGATIVE),
        ("salary_p25", whole(p.salary_p25), NON_NEGATIVE),
        ("salary_p75", whole(p.salary_p75), NON_NEGATIVE),
        ("salary_p90", whole(p.salary_p90), NON_NEGATIVE),
        ("jobs_count", whole(p.jobs_count), NON_NEGATIVE),
        (
            "direct_reports_min",
            whole(p.direct_reports_min),
            NON_NEGATIVE,
        ),
        (
            "direct_reports_max",
            whole(p.direct_reports_max),
            NON_NEGATIVE,
        ),
        ("hourly_mean", p.hourly_mean, wide),
        ("hourly_median", p.hourly_median, wide),
        ("hourly_p10", p.hourly_p10, wide),
        ("hourly_p25", p.hourly_p25, wide),
        ("hourly_p75", p.hourly_p75, wide),
        ("hourly_p90", p.hourly_p90, wide),
        ("experience_years_min", p.experience_years_min, wide),
        ("experience_years_max", p.experience_years_max, wide),
        ("management_years_min", p.management_years_min, wide),
        ("management_years_max", p.management_years_max, wide),
        ("years_to_become_min", p.years_to_become_min, wide),
        ("years_to_become_max", p.years_to_become_max, wide),
        ("degree_share_pct", p.degree_share_pct, PERCENT),
        ("lgbt_share_pct", p.lgbt_share_pct, PERCENT),
        (
            "growth_rate_pct",
            p.growth_rate_pct,
            Bounds::new(-100.0, 1000.0),
        ),
        (
            "job_satisfaction",
            p.job_satisfaction,
            Bounds::new(0.0, 5.0),
        ),
        ("average_age", p.average_age, Bounds::new(14.0, 100.0)),
        ("budget_min", amount(p.budget_min), NON_NEGATIVE),
        ("budget_max", amount(p.budget_max), NON_NEGATIVE),
    ] {
        at.within(field, value, bounds)?;
    }
    at.ordered(&[("salary_low", p.salary_low), ("salary_high", p.salary_high)])?;
    // Percentiles rise: p10 ≤ p25 ≤ median ≤ p75 ≤ p90, for yearly and hourly pay.
    let yearly = [
        p.salary_p10,
        p.salary_p25,
        p.salary_median,
        p.salary_p75,
        p.salary_p90,
    ];
    let hourly = [
        p.hourly_p10,
        p.hourly_p25,
        p.hourly_median,
        p.hourly_p75,
        p.hourly_p90,
    ];
    for (unit, values) in [
        ("salary", yearly.map(|v| v.map(f64::from))),
        ("hourly", hourly),
    ] {
        let names = ["p10", "p25", "median", "p75", "p90"].map(|q| format!("{unit}_{q}"));
        let pairs: Vec<(&str, Option<f64>)> =
            names.iter().map(String::as_str).zip(values).collect();
        at.ordered(&pairs)?;
    }
    for pair in [
        [
            ("experience_years_min", p.experience_years_min),
            ("experience_years_max", p.experience_years_max),
        ],
        [
            ("management_years_min", p.management_years_min),
            ("management_years_max", p.management_years_max),
        ],
        [
            ("years_to_become_min", p.years_to_become_min),
            ("years_to_become_max", p.years_to_become_max),
        ],
    ] {
        at.ordered(&pair)?;
    }
    at.ordered(&[("budget_min", p.budget_min), ("budget_max", p.budget_max)])?;
    at.ordered(&[
        ("direct_reports_min", p.direct_reports_min),
        ("direct_reports_max", p.direct_reports_max),
    ])?;
    Ok(())
}

fn validate_facts(f: &mut FactFile, index: usize, known: &Known) -> Result<(), SeedError> {
    let mut check = FactCheck {
        file: &f.file,
        facts: index,
        known,
        seen: HashSet::new(),
    };
    check.profiles(&f.profiles)?;
    check.demographics(&f.demographics)?;
    check.role_skills(&mut f.role_skills)?;
    check.role_certifications(&mut f.role_certifications)?;
    check.role_lists(&mut f.duties, "duties", |at, j, item| {
        if item.description.trim().is_empty() {
            return Err(at.fail(&format!("items[{j}].description"), "must not be blank"));
        }
        Ok(())
    })?;
    check.role_lists(&mut f.education, "education", |at, j, item| {
        at.name(&format!("items[{j}].level"), &mut item.level)
    })?;
    check.attributes(&mut f.attributes)?;
    let mut regions = HashSet::new();
    check.role_lists(&mut f.regional_wages, "regional_wages", |at, j, item| {
        if j == 0 {
            regions.clear();
        }
        at.name(&format!("items[{j}].region"), &mut item.region)?;
        let median = Some(f64::from(item.salary_median));
        at.within(&format!("items[{j}].salary_median"), median, NON_NEGATIVE)?;
        at.unique(
            &mut regions,
            &format!("items[{j}].region"),
            item.region.clone(),
        )
    })?;
    check.moves(&mut f.moves)?;
    check.comparisons(&f.comparisons)?;
    let mut titles = HashSet::new();
    check.role_lists(&mut f.aliases, "aliases", |at, j, title| {
        if j == 0 {
            titles.clear();
        }
        at.long_text(&format!("items[{j}]"), title)?;
        at.unique(&mut titles, &format!("items[{j}]"), title.clone())
    })?;
    let mut names = HashSet::new();
    check.role_lists(&mut f.technologies, "technologies", |at, j, item| {
        if j == 0 {
            names.clear();
        }
        let field = format!("items[{j}].name");
        at.long_text(&field, &mut item.name)?;
        at.unique(&mut names, &field, item.name.clone())
    })?;
    check.role_lists(&mut f.statements, "statements", check_statement)
}

/// A statement: a slug topic, a text of 1–1000 characters, and a question (FAQ) when given.
fn check_statement(at: &At, j: usize, item: &mut StatementItem) -> Result<(), SeedError> {
    at.rule(&format!("items[{j}].topic"), Slug::parse(&item.topic))?;
    at.long_text(&format!("items[{j}].text"), &mut item.text)?;
    if let Some(question) = &mut item.question {
        at.long_text(&format!("items[{j}].question"), question)?;
    }
    Ok(())
}

/// Checks the records of one fact file: references, duplicates (one key space per file),
/// and each record's own rules.
struct FactCheck<'a> {
    file: &'a str,
    /// Index of the file in the dataset.
    facts: usize,
    known: &'a Known,
    seen: HashSet<String>,
}

impl FactCheck<'_> {
    /// Where record `i` of `list` is, after checking that its role (`field`, `slug`)
    /// exists and that its key (`field`, `key`) is new in this file.
    fn at(
        &mut self,
        (list, i): (&str, usize),
        (role_field, role): (&str, &str),
        (key_field, key): (&str, String),
    ) -> Result<At<'_>, SeedError> {
        let at = At {
            file: self.file,
            facts: Some(self.facts),
            record: format!("{list}[{i}]"),
            key: None,
        };
        self.known.role(&at, role_field, role)?;
        at.unique(&mut self.seen, key_field, key)?;
        Ok(at)
    }

    fn profiles(&mut self, records: &[ProfileRecord]) -> Result<(), SeedError> {
        for (i, p) in records.iter().enumerate() {
            let at = self.at(
                ("profiles", i),
                ("role", &p.role),
                ("role", format!("profile of {}", p.role)),
            )?;
            validate_profile(&at, p)?;
        }
        Ok(())
    }

    fn demographics(&mut self, records: &[DemographicRecord]) -> Result<(), SeedError> {
        for (i, d) in records.iter().enumerate() {
            let key = format!("{} {}", d.role, d.dimension);
            let at = self.at(("demographics", i), ("role", &d.role), ("dimension", key))?;
            for (group, share) in &d.shares {
                at.rule("shares", Name::parse(group))?;
                at.within(&format!("shares.{group}"), Some(*share), PERCENT)?;
            }
        }
        Ok(())
    }

    fn role_skills(&mut self, records: &mut [RoleSkillRecord]) -> Result<(), SeedError> {
        let known = self.known;
        for (i, s) in records.iter_mut().enumerate() {
            let key = format!("skill {} of {}", s.skill, s.role);
            let at = self.at(("role_skills", i), ("role", &s.role), ("skill", key))?;
            known.check(&at, "skill", &known.skills, "skill", &s.skill)?;
            at.record(s.normalise())?;
        }
        Ok(())
    }

    fn role_certifications(
        &mut self,
        records: &mut [RoleCertificationRecord],
    ) -> Result<(), SeedError> {
        let known = self.known;
        for (i, c) in records.iter_mut().enumerate() {
            let key = format!("{} {} of {}", c.relevance, c.certification, c.role);
            let at = self.at(
                ("role_certifications", i),
                ("role", &c.role),
                ("certification", key),
            )?;
            let certs = &known.certifications;
            known.check(
                &at,
                "certification",
                certs,
                "certification",
                &c.certification,
            )?;
            at.record(c.normalise())?;
        }
        Ok(())
    }

    /// A role's ordered lists (one per role and file); `item` checks item `j`.
    fn role_lists<T>(
        &mut self,
        lists: &mut [RoleList<T>],
        name: &str,
        mut item: impl FnMut(&At, usize, &mut T) -> Result<(), SeedError>,
    ) -> Result<(), SeedError> {
        for (i, list) in lists.iter_mut().enumerate() {
            let key = format!("{name} of {}", list.role);
            let at = self.at((name, i), ("role", &list.role), ("role", key))?;
            for (j, entry) in list.items.iter_mut().enumerate() {
                item(&at, j, entry)?;
            }
        }
        Ok(())
    }

    fn attributes(&mut self, lists: &mut [AttributeList]) -> Result<(), SeedError> {
        for (i, list) in lists.iter_mut().enumerate() {
            let key = format!("{} of {}", list.kind, list.role);
            let at = self.at(("attributes", i), ("role", &list.role), ("kind", key))?;
            for (j, item) in list.items.iter_mut().enumerate() {
                at.name(&format!("items[{j}].name"), &mut item.name)?;
            }
        }
        Ok(())
    }

    fn moves(&mut self, records: &mut [MoveRecord]) -> Result<(), SeedError> {
        let known = self.known;
        for (i, m) in records.iter_mut().enumerate() {
            let key = format!("{} move {} → {}", m.kind, m.from, m.to);
            let at = self.at(("moves", i), ("from", &m.from), ("to", key))?;
            known.role(&at, "to", &m.to)?;
            at.record(m.normalise())?;
        }
        Ok(())
    }

    fn comparisons(&mut self, records: &[ComparisonRecord]) -> Result<(), SeedError> {
        for (i, c) in records.iter().enumerate() {
            let at = At {
                file: self.file,
                facts: Some(self.facts),
                record: format!("comparisons[{i}]"),
                key: None,
            };
            self.known.role(&at, "a", &c.a)?;
            self.known.role(&at, "b", &c.b)?;
            if c.a == c.b {
                return Err(at.fail("b", "a role cannot be compared with itself"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
