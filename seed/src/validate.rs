//! Checks a dataset before anything is written: slugs, references, ranges, enums and
//! duplicate natural keys. The first problem found is reported with file, record and field.

use std::collections::HashSet;

use crate::SeedError;
use crate::dataset::{CATALOG_FILE, Dataset, FactFile, ProfileRecord};

/// Allowed values of the enumerated text columns.
pub const SOURCE_KINDS: [&str; 4] = ["document", "dataset", "derived", "manual"];
pub const MOVE_KINDS: [&str; 4] = ["promotion", "lateral", "pivot", "related"];
pub const RELEVANCES: [&str; 5] = [
    "required",
    "common",
    "preferred",
    "advantageous",
    "readiness",
];
pub const DIMENSIONS: [&str; 2] = ["gender", "race"];
pub const REQUIREMENTS: [&str; 3] = ["required", "typical", "preferred"];
pub const ATTRIBUTE_KINDS: [&str; 4] = [
    "employer_type",
    "pay_factor",
    "resource",
    "work_environment",
];
/// Longest accepted name or title.
pub const MAX_NAME_LEN: usize = 200;
/// Longest accepted alternate title or technology name (O*NET has long product names).
pub const MAX_TEXT_LEN: usize = 1000;

/// Where a record sits, for error messages.
struct At<'a> {
    file: &'a str,
    record: String,
}

impl At<'_> {
    fn fail(&self, field: &str, message: impl Into<String>) -> SeedError {
        SeedError::Invalid {
            file: self.file.to_owned(),
            record: self.record.clone(),
            field: field.to_owned(),
            message: message.into(),
        }
    }

    fn slug(&self, field: &str, value: &str) -> Result<(), SeedError> {
        let ok = !value.is_empty()
            && value.len() <= MAX_NAME_LEN
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(())
        } else {
            Err(self.fail(
                field,
                format!("`{value}` must match [a-z0-9-]+ (1–200 chars)"),
            ))
        }
    }

    fn name(&self, field: &str, value: &str) -> Result<(), SeedError> {
        let len = value.trim().chars().count();
        if len == 0 || len > MAX_NAME_LEN {
            return Err(self.fail(field, "must be 1–200 characters and not blank"));
        }
        Ok(())
    }

    fn text(&self, field: &str, value: &str, max: usize) -> Result<(), SeedError> {
        let len = value.trim().chars().count();
        if len == 0 || len > max {
            return Err(self.fail(field, format!("must be 1–{max} characters and not blank")));
        }
        Ok(())
    }

    fn one_of(&self, field: &str, value: &str, allowed: &[&str]) -> Result<(), SeedError> {
        if allowed.contains(&value) {
            Ok(())
        } else {
            Err(self.fail(field, format!("`{value}` is not one of {allowed:?}")))
        }
    }

    fn within(&self, field: &str, value: Option<f64>, lo: f64, hi: f64) -> Result<(), SeedError> {
        match value {
            Some(v) if !(lo..=hi).contains(&v) || v.is_nan() => {
                Err(self.fail(field, format!("{v} is outside {lo}–{hi}")))
            }
            _ => Ok(()),
        }
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
    sources: HashSet<String>,
    roles: HashSet<String>,
    skills: HashSet<String>,
    certifications: HashSet<String>,
}

impl Known {
    fn check(
        at: &At,
        field: &str,
        set: &HashSet<String>,
        what: &str,
        slug: &str,
    ) -> Result<(), SeedError> {
        if set.contains(slug) {
            Ok(())
        } else {
            Err(at.fail(field, format!("unknown {what} `{slug}`")))
        }
    }
    fn role(&self, at: &At, field: &str, slug: &str) -> Result<(), SeedError> {
        Self::check(at, field, &self.roles, "role", slug)
    }
}

/// Validates a whole dataset; `Ok` means every record can be written.
pub fn validate(dataset: &Dataset) -> Result<(), SeedError> {
    validate_onto(dataset, None)
}

/// Validates `dataset` for merging into a database that already holds `existing`'s catalog:
/// facts may also reference the sources, roles, skills and certifications listed there.
pub fn validate_onto(dataset: &Dataset, existing: Option<&Dataset>) -> Result<(), SeedError> {
    let file = CATALOG_FILE;
    let mut known = Known {
        sources: HashSet::new(),
        roles: HashSet::new(),
        skills: HashSet::new(),
        certifications: HashSet::new(),
    };
    for (i, s) in dataset.sources.iter().enumerate() {
        let at = At {
            file,
            record: format!("sources[{i}]"),
        };
        at.name("key", &s.key)?;
        at.name("title", &s.title)?;
        at.one_of("kind", &s.kind, &SOURCE_KINDS)?;
        at.unique(&mut known.sources, "key", s.key.clone())?;
    }
    for (i, r) in dataset.roles.iter().enumerate() {
        let at = At {
            file,
            record: format!("roles[{i}] ({})", r.slug),
        };
        at.slug("slug", &r.slug)?;
        at.name("title", &r.title)?;
        at.name("track", &r.track)?;
        at.within("seniority", r.seniority.map(f64::from), 1.0, 8.0)?;
        at.within("job_zone", r.job_zone.map(f64::from), 1.0, 5.0)?;
        at.unique(&mut known.roles, "slug", r.slug.clone())?;
    }
    for (i, s) in dataset.skills.iter().enumerate() {
        let at = At {
            file,
            record: format!("skills[{i}] ({})", s.slug),
        };
        at.slug("slug", &s.slug)?;
        at.name("name", &s.name)?;
        at.name("category", &s.category)?;
        at.unique(&mut known.skills, "slug", s.slug.clone())?;
    }
    for (i, c) in dataset.certifications.iter().enumerate() {
        let at = At {
            file,
            record: format!("certifications[{i}] ({})", c.slug),
        };
        at.slug("slug", &c.slug)?;
        at.name("name", &c.name)?;
        at.unique(&mut known.certifications, "slug", c.slug.clone())?;
    }
    if let Some(existing) = existing {
        known
            .sources
            .extend(existing.sources.iter().map(|s| s.key.clone()));
        known
            .roles
            .extend(existing.roles.iter().map(|r| r.slug.clone()));
        known
            .skills
            .extend(existing.skills.iter().map(|s| s.slug.clone()));
        known
            .certifications
            .extend(existing.certifications.iter().map(|c| c.slug.clone()));
    }
    let mut cited = HashSet::new();
    for facts in &dataset.facts {
        let at = At {
            file: &facts.file,
            record: "source".into(),
        };
        Known::check(&at, "source", &known.sources, "source", &facts.source)?;
        at.unique(&mut cited, "source", facts.source.clone())?;
        validate_facts(facts, &known)?;
    }
    Ok(())
}

fn validate_profile(at: &At, p: &ProfileRecord) -> Result<(), SeedError> {
    for (field, v) in [
        ("salary_mean", p.salary_mean),
        ("salary_median", p.salary_median),
        ("salary_low", p.salary_low),
        ("salary_high", p.salary_high),
        ("salary_p10", p.salary_p10),
        ("salary_p25", p.salary_p25),
        ("salary_p75", p.salary_p75),
        ("salary_p90", p.salary_p90),
        ("jobs_count", p.jobs_count),
        ("direct_reports_min", p.direct_reports_min),
        ("direct_reports_max", p.direct_reports_max),
    ] {
        at.within(field, v.map(f64::from), 0.0, f64::from(i32::MAX))?;
    }
    for (field, v) in [
        ("hourly_mean", p.hourly_mean),
        ("hourly_median", p.hourly_median),
        ("hourly_p10", p.hourly_p10),
        ("hourly_p25", p.hourly_p25),
        ("hourly_p75", p.hourly_p75),
        ("hourly_p90", p.hourly_p90),
        ("experience_years_min", p.experience_years_min),
        ("experience_years_max", p.experience_years_max),
        ("management_years_min", p.management_years_min),
        ("management_years_max", p.management_years_max),
        ("years_to_become_min", p.years_to_become_min),
        ("years_to_become_max", p.years_to_become_max),
    ] {
        at.within(field, v, 0.0, 100_000.0)?;
    }
    for (field, v) in [
        ("degree_share_pct", p.degree_share_pct),
        ("lgbt_share_pct", p.lgbt_share_pct),
    ] {
        at.within(field, v, 0.0, 100.0)?;
    }
    at.within("growth_rate_pct", p.growth_rate_pct, -100.0, 1000.0)?;
    at.within("job_satisfaction", p.job_satisfaction, 0.0, 5.0)?;
    at.within("average_age", p.average_age, 14.0, 100.0)?;
    at.within("budget_min", p.budget_min.map(|v| v as f64), 0.0, f64::MAX)?;
    at.within("budget_max", p.budget_max.map(|v| v as f64), 0.0, f64::MAX)?;
    at.ordered(&[("salary_low", p.salary_low), ("salary_high", p.salary_high)])?;
    at.ordered(&[
        ("salary_p10", p.salary_p10),
        ("salary_p25", p.salary_p25),
        ("salary_median", p.salary_median),
        ("salary_p75", p.salary_p75),
        ("salary_p90", p.salary_p90),
    ])?;
    at.ordered(&[
        ("hourly_p10", p.hourly_p10),
        ("hourly_p25", p.hourly_p25),
        ("hourly_median", p.hourly_median),
        ("hourly_p75", p.hourly_p75),
        ("hourly_p90", p.hourly_p90),
    ])?;
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

fn validate_facts(f: &FactFile, known: &Known) -> Result<(), SeedError> {
    let file = f.file.as_str();
    let at = |record: String| At { file, record };
    let mut seen = HashSet::new();
    for (i, p) in f.profiles.iter().enumerate() {
        let at = at(format!("profiles[{i}]"));
        known.role(&at, "role", &p.role)?;
        at.unique(&mut seen, "role", format!("profile of {}", p.role))?;
        validate_profile(&at, p)?;
    }
    for (i, d) in f.demographics.iter().enumerate() {
        let at = at(format!("demographics[{i}]"));
        known.role(&at, "role", &d.role)?;
        at.one_of("dimension", &d.dimension, &DIMENSIONS)?;
        at.unique(
            &mut seen,
            "dimension",
            format!("{} {}", d.role, d.dimension),
        )?;
        for (group, share) in &d.shares {
            at.name("shares", group)?;
            at.within(&format!("shares.{group}"), Some(*share), 0.0, 100.0)?;
        }
    }
    for (i, s) in f.role_skills.iter().enumerate() {
        let at = at(format!("role_skills[{i}]"));
        known.role(&at, "role", &s.role)?;
        Known::check(&at, "skill", &known.skills, "skill", &s.skill)?;
        at.unique(
            &mut seen,
            "skill",
            format!("skill {} of {}", s.skill, s.role),
        )?;
        at.within("share_pct", s.share_pct, 0.0, 100.0)?;
        at.within("rank", s.rank.map(f64::from), 1.0, 1000.0)?;
        at.within("importance", s.importance, 1.0, 5.0)?;
        at.within("level", s.level, 0.0, 7.0)?;
        for (field, n) in [("importance_n", s.importance_n), ("level_n", s.level_n)] {
            at.within(field, n.map(f64::from), 0.0, f64::MAX)?;
        }
        for (field, v) in [("importance_se", s.importance_se), ("level_se", s.level_se)] {
            at.within(field, v, 0.0, f64::MAX)?;
        }
    }
    for (i, c) in f.role_certifications.iter().enumerate() {
        let at = at(format!("role_certifications[{i}]"));
        known.role(&at, "role", &c.role)?;
        Known::check(
            &at,
            "certification",
            &known.certifications,
            "certification",
            &c.certification,
        )?;
        at.one_of("relevance", &c.relevance, &RELEVANCES)?;
        at.unique(
            &mut seen,
            "certification",
            format!("{} {} of {}", c.relevance, c.certification, c.role),
        )?;
    }
    for (i, list) in f.duties.iter().enumerate() {
        let at = at(format!("duties[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(&mut seen, "role", format!("duties of {}", list.role))?;
        for (j, item) in list.items.iter().enumerate() {
            if item.description.trim().is_empty() {
                return Err(at.fail(&format!("items[{j}].description"), "must not be blank"));
            }
        }
    }
    for (i, list) in f.education.iter().enumerate() {
        let at = at(format!("education[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(&mut seen, "role", format!("education of {}", list.role))?;
        for (j, item) in list.items.iter().enumerate() {
            at.name(&format!("items[{j}].level"), &item.level)?;
            at.one_of(
                &format!("items[{j}].requirement"),
                &item.requirement,
                &REQUIREMENTS,
            )?;
        }
    }
    for (i, list) in f.attributes.iter().enumerate() {
        let at = at(format!("attributes[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.one_of("kind", &list.kind, &ATTRIBUTE_KINDS)?;
        at.unique(&mut seen, "kind", format!("{} of {}", list.kind, list.role))?;
        for (j, item) in list.items.iter().enumerate() {
            at.name(&format!("items[{j}].name"), &item.name)?;
        }
    }
    for (i, list) in f.regional_wages.iter().enumerate() {
        let at = at(format!("regional_wages[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(
            &mut seen,
            "role",
            format!("regional wages of {}", list.role),
        )?;
        let mut regions = HashSet::new();
        for (j, item) in list.items.iter().enumerate() {
            at.name(&format!("items[{j}].region"), &item.region)?;
            at.within(
                &format!("items[{j}].salary_median"),
                Some(f64::from(item.salary_median)),
                0.0,
                f64::MAX,
            )?;
            at.unique(
                &mut regions,
                &format!("items[{j}].region"),
                item.region.clone(),
            )?;
        }
    }
    for (i, m) in f.moves.iter().enumerate() {
        let at = at(format!("moves[{i}]"));
        known.role(&at, "from", &m.from)?;
        known.role(&at, "to", &m.to)?;
        if m.from == m.to {
            return Err(at.fail(
                "to",
                format!("a move cannot lead from `{}` to itself", m.from),
            ));
        }
        at.one_of("kind", &m.kind, &MOVE_KINDS)?;
        at.within("typical_years", m.typical_years, 0.0, 60.0)?;
        if let Some(l) = m.likelihood
            && !(l > 0.0 && l <= 1.0)
        {
            return Err(at.fail("likelihood", format!("{l} is outside (0, 1]")));
        }
        at.unique(
            &mut seen,
            "to",
            format!("{} move {} → {}", m.kind, m.from, m.to),
        )?;
    }
    for (i, c) in f.comparisons.iter().enumerate() {
        let at = at(format!("comparisons[{i}]"));
        known.role(&at, "a", &c.a)?;
        known.role(&at, "b", &c.b)?;
        if c.a == c.b {
            return Err(at.fail("b", "a role cannot be compared with itself"));
        }
    }
    for (i, list) in f.aliases.iter().enumerate() {
        let at = at(format!("aliases[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(&mut seen, "role", format!("aliases of {}", list.role))?;
        let mut titles = HashSet::new();
        for (j, title) in list.items.iter().enumerate() {
            at.text(&format!("items[{j}]"), title, MAX_TEXT_LEN)?;
            at.unique(&mut titles, &format!("items[{j}]"), title.clone())?;
        }
    }
    for (i, list) in f.technologies.iter().enumerate() {
        let at = at(format!("technologies[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(&mut seen, "role", format!("technologies of {}", list.role))?;
        let mut names = HashSet::new();
        for (j, item) in list.items.iter().enumerate() {
            at.text(&format!("items[{j}].name"), &item.name, MAX_TEXT_LEN)?;
            at.unique(&mut names, &format!("items[{j}].name"), item.name.clone())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::MoveRecord;

    fn curated() -> Dataset {
        Dataset::curated().unwrap()
    }

    fn error_of(dataset: &Dataset) -> String {
        validate(dataset).unwrap_err().to_string()
    }

    #[test]
    fn the_curated_dataset_is_valid() {
        validate(&curated()).unwrap();
    }

    #[test]
    fn a_self_loop_move_names_file_record_and_field() {
        let mut d = curated();
        d.facts[0].moves.push(MoveRecord {
            from: "senior-it-manager".into(),
            to: "senior-it-manager".into(),
            kind: "promotion".into(),
            typical_years: None,
            likelihood: None,
            description: None,
            derived: false,
        });
        let text = error_of(&d);
        assert!(text.contains("000_b80cc34c2de5a287.json"), "{text}");
        assert!(text.contains("moves[0]") && text.contains("`to`"), "{text}");
    }

    #[test]
    fn percentages_above_100_are_rejected() {
        let mut d = curated();
        d.facts[2].role_skills[0].share_pct = Some(101.0);
        let text = error_of(&d);
        assert!(
            text.contains("role_skills[0]") && text.contains("share_pct"),
            "{text}"
        );
    }

    #[test]
    fn negative_salaries_and_inverted_ranges_are_rejected() {
        let mut d = curated();
        d.facts[0].profiles[0].salary_mean = Some(-1);
        assert!(error_of(&d).contains("salary_mean"));
        let mut d = curated();
        d.facts[0].profiles[0].salary_low = Some(200_000);
        assert!(error_of(&d).contains("salary_high"));
    }

    #[test]
    fn unknown_references_and_bad_slugs_are_rejected() {
        let mut d = curated();
        d.facts[1].role_skills[0].skill = "no-such-skill".into();
        assert!(error_of(&d).contains("unknown skill `no-such-skill`"));
        let mut d = curated();
        d.roles[0].slug = "Bad Slug".into();
        assert!(error_of(&d).contains("[a-z0-9-]+"));
        let mut d = curated();
        d.facts[3].source = "nope.txt".into();
        assert!(error_of(&d).contains("unknown source `nope.txt`"));
    }

    #[test]
    fn duplicate_natural_keys_are_rejected() {
        let mut d = curated();
        let again = d.facts[2].role_skills[0].clone();
        d.facts[2].role_skills.push(again);
        assert!(error_of(&d).contains("duplicate entry"));
        let mut d = curated();
        let again = d.roles[0].clone();
        d.roles.push(again);
        assert!(error_of(&d).contains("duplicate entry"));
    }
}
