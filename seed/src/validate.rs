//! Checks a dataset before anything is written: slugs, references, ranges, enums and
//! duplicate natural keys. The first problem found is reported with file, record and field.

use std::collections::HashSet;

use crate::SeedError;
use crate::dataset::{
    CATALOG_FILE, CertificationRecord, Dataset, FactFile, MoveRecord, ProfileRecord, RoleRecord,
    RoleSkillRecord, SkillRecord, SourceRecord,
};
use crate::value::{
    Bounds, IMPORTANCE, JOB_ZONE, LEVEL, Likelihood, MAX_TEXT_LEN, NON_NEGATIVE, Name, PERCENT,
    RANK, SENIORITY, Slug, Text, YEARS,
};

/// A rule one record breaks: the field (dataset spelling, e.g. `share_pct`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub field: String,
    pub message: String,
}

/// The rules a record must keep on its own (references and duplicates are checked
/// against the whole dataset). The admin API applies the same rules to its inputs.
pub trait Rules {
    /// The first broken rule, if any.
    fn rules(&self) -> Result<(), Broken>;
}

fn rule<T>(field: &str, parsed: Result<T, String>) -> Result<(), Broken> {
    parsed.map(drop).map_err(|message| Broken {
        field: field.to_owned(),
        message,
    })
}

impl Rules for RoleRecord {
    fn rules(&self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        rule("title", Name::parse(&self.title))?;
        rule("track", Name::parse(&self.track))?;
        rule(
            "seniority",
            SENIORITY.check_opt(self.seniority.map(f64::from)),
        )?;
        rule("job_zone", JOB_ZONE.check_opt(self.job_zone.map(f64::from)))
    }
}

impl Rules for SourceRecord {
    fn rules(&self) -> Result<(), Broken> {
        rule("key", Name::parse(&self.key))?;
        rule("title", Name::parse(&self.title))
    }
}

impl Rules for SkillRecord {
    fn rules(&self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        rule("name", Name::parse(&self.name))?;
        rule("category", Name::parse(&self.category))
    }
}

impl Rules for CertificationRecord {
    fn rules(&self) -> Result<(), Broken> {
        rule("slug", Slug::parse(&self.slug))?;
        rule("name", Name::parse(&self.name))?;
        for (field, value) in [("acronym", &self.acronym), ("issuer", &self.issuer)] {
            if let Some(value) = value {
                rule(field, Name::parse(value))?;
            }
        }
        Ok(())
    }
}

impl Rules for MoveRecord {
    fn rules(&self) -> Result<(), Broken> {
        if self.from == self.to {
            return rule(
                "to",
                Err::<(), _>(format!("a move cannot lead from `{}` to itself", self.from)),
            );
        }
        rule("typical_years", YEARS.check_opt(self.typical_years))?;
        rule("likelihood", Likelihood::parse_opt(self.likelihood))
    }
}

impl Rules for RoleSkillRecord {
    fn rules(&self) -> Result<(), Broken> {
        rule("share_pct", PERCENT.check_opt(self.share_pct))?;
        rule("rank", RANK.check_opt(self.rank.map(f64::from)))?;
        rule("importance", IMPORTANCE.check_opt(self.importance))?;
        rule("level", LEVEL.check_opt(self.level))?;
        for (field, n) in [
            ("importance_n", self.importance_n),
            ("level_n", self.level_n),
        ] {
            rule(field, NON_NEGATIVE.check_opt(n.map(f64::from)))?;
        }
        for (field, v) in [
            ("importance_se", self.importance_se),
            ("level_se", self.level_se),
        ] {
            rule(field, NON_NEGATIVE.check_opt(v))?;
        }
        Ok(())
    }
}

impl Rules for crate::dataset::RoleCertificationRecord {
    /// A link has no values of its own to check (its relevance is typed).
    fn rules(&self) -> Result<(), Broken> {
        Ok(())
    }
}

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

    /// A record's own rules; a broken one names this record and its field.
    fn record(&self, rules: Result<(), Broken>) -> Result<(), SeedError> {
        rules.map_err(|b| self.fail(&b.field, b.message))
    }

    fn name(&self, field: &str, value: &str) -> Result<(), SeedError> {
        self.rule(field, Name::parse(value)).map(drop)
    }

    fn long_text(&self, field: &str, value: &str) -> Result<(), SeedError> {
        self.rule(field, Text::<MAX_TEXT_LEN>::parse(value))
            .map(drop)
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

/// Checks a catalog list (`roles`, …) and collects its keys for reference checks.
fn check_catalog<T: CatalogEntry>(
    records: &[T],
    list: &str,
    keys: &mut HashSet<String>,
) -> Result<(), SeedError> {
    for (i, r) in records.iter().enumerate() {
        let at = At {
            file: CATALOG_FILE,
            record: format!("{list}[{i}] ({})", r.key()),
        };
        at.record(r.rules())?;
        at.unique(keys, T::KEY, r.key().to_owned())?;
    }
    Ok(())
}

/// Validates `dataset` for merging into a database that already holds `existing`'s catalog:
/// facts may also reference the sources, roles, skills and certifications listed there.
pub fn validate_onto(dataset: &Dataset, existing: Option<&Dataset>) -> Result<(), SeedError> {
    let mut known = Known {
        sources: HashSet::new(),
        roles: HashSet::new(),
        skills: HashSet::new(),
        certifications: HashSet::new(),
    };
    check_catalog(&dataset.sources, "sources", &mut known.sources)?;
    check_catalog(&dataset.roles, "roles", &mut known.roles)?;
    check_catalog(&dataset.skills, "skills", &mut known.skills)?;
    check_catalog(
        &dataset.certifications,
        "certifications",
        &mut known.certifications,
    )?;
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
        at.within(
            field,
            v,
            Bounds {
                min: 0.0,
                max: 100_000.0,
            },
        )?;
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
        Bounds {
            min: -100.0,
            max: 1000.0,
        },
    )?;
    at.within(
        "job_satisfaction",
        p.job_satisfaction,
        Bounds::new(0.0, 5.0),
    )?;
    at.within(
        "average_age",
        p.average_age,
        Bounds {
            min: 14.0,
            max: 100.0,
        },
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
        at.record(s.rules())?;
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
        at.record(m.rules())?;
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
