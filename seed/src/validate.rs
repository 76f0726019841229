//! Checks a dataset before anything is written: slugs, references, ranges, enums and
//! duplicate natural keys. The first problem found is reported with file, record and field.

use std::collections::HashSet;

use crate::SeedError;
use crate::dataset::{CATALOG_FILE, Dataset, FactFile, ProfileRecord};
use crate::value::{
    Bounds, IMPORTANCE, JOB_ZONE, LEVEL, Likelihood, MAX_TEXT_LEN, NON_NEGATIVE, Name, PERCENT, RANK,
    SENIORITY, Slug, Text, YEARS,
};

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

    /// Applies a value rule; a broken rule becomes an error naming this record and `field`.
    fn rule<T>(&self, field: &str, parsed: Result<T, String>) -> Result<T, SeedError> {
        parsed.map_err(|message| self.fail(field, message))
    }

    fn slug(&self, field: &str, value: &str) -> Result<(), SeedError> {
        self.rule(field, Slug::parse(value)).map(drop)
    }

    fn name(&self, field: &str, value: &str) -> Result<(), SeedError> {
        self.rule(field, Name::parse(value)).map(drop)
    }

    fn long_text(&self, field: &str, value: &str) -> Result<(), SeedError> {
        self.rule(field, Text::<MAX_TEXT_LEN>::parse(value)).map(drop)
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
        at.within("seniority", r.seniority.map(f64::from), SENIORITY)?;
        at.within("job_zone", r.job_zone.map(f64::from), JOB_ZONE)?;
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
        at.within(field, v.map(f64::from), NON_NEGATIVE)?;
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
        at.within(field, v, Bounds { min: 0.0, max: 100_000.0 })?;
    }
    for (field, v) in [
        ("degree_share_pct", p.degree_share_pct),
        ("lgbt_share_pct", p.lgbt_share_pct),
    ] {
        at.within(field, v, PERCENT)?;
    }
    at.within(
        "growth_rate_pct",
        p.growth_rate_pct,
        Bounds { min: -100.0, max: 1000.0 },
    )?;
    at.within(
        "job_satisfaction",
        p.job_satisfaction,
        Bounds { min: 0.0, max: 5.0 },
    )?;
    at.within(
        "average_age",
        p.average_age,
        Bounds { min: 14.0, max: 100.0 },
    )?;
    at.within("budget_min", p.budget_min.map(|v| v as f64), NON_NEGATIVE)?;
    at.within("budget_max", p.budget_max.map(|v| v as f64), NON_NEGATIVE)?;
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
        at.unique(
            &mut seen,
            "dimension",
            format!("{} {}", d.role, d.dimension),
        )?;
        for (group, share) in &d.shares {
            at.name("shares", group)?;
            at.within(&format!("shares.{group}"), Some(*share), PERCENT)?;
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
        at.within("share_pct", s.share_pct, PERCENT)?;
        at.within("rank", s.rank.map(f64::from), RANK)?;
        at.within("importance", s.importance, IMPORTANCE)?;
        at.within("level", s.level, LEVEL)?;
        for (field, n) in [("importance_n", s.importance_n), ("level_n", s.level_n)] {
            at.within(field, n.map(f64::from), NON_NEGATIVE)?;
        }
        for (field, v) in [("importance_se", s.importance_se), ("level_se", s.level_se)] {
            at.within(field, v, NON_NEGATIVE)?;
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
        }
    }
    for (i, list) in f.attributes.iter().enumerate() {
        let at = at(format!("attributes[{i}]"));
        known.role(&at, "role", &list.role)?;
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
                NON_NEGATIVE,
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
        at.within("typical_years", m.typical_years, YEARS)?;
        at.rule("likelihood", Likelihood::parse_opt(m.likelihood))?;
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
            at.long_text(&format!("items[{j}]"), title)?;
            at.unique(&mut titles, &format!("items[{j}]"), title.clone())?;
        }
    }
    for (i, list) in f.technologies.iter().enumerate() {
        let at = at(format!("technologies[{i}]"));
        known.role(&at, "role", &list.role)?;
        at.unique(&mut seen, "role", format!("technologies of {}", list.role))?;
        let mut names = HashSet::new();
        for (j, item) in list.items.iter().enumerate() {
            at.long_text(&format!("items[{j}].name"), &item.name)?;
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
            kind: entity::vocab::MoveKind::Promotion,
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
