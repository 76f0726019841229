//! Writes dataset records to their tables, upserting on each table's natural key.

use std::collections::HashMap;

use entity::{
    career_move, certification, job_zone, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_statement, role_technology, skill, source,
};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, DatabaseConnection, EntityTrait,
    QuerySelect, Set,
};

use crate::dataset::{CATALOG_FILE, ProfileRecord, RoleSkillRecord};
use crate::tables::{Keyed, table_totals};
use crate::write::{Write, upsert};
use crate::{Dataset, FactFile, SeedError, Valid, parse_dataset};

/// How to load.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Draw a progress bar on stderr (hidden automatically when stderr is not a terminal).
    pub progress: bool,
    /// Who loads, for the audit log (`seed` for the CLI); `None` only for the service
    /// bootstrapping an empty database on first start, which is not audited.
    pub actor: Option<&'static str>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            progress: false,
            actor: Some("seed"),
        }
    }
}

/// Row counts per table after a load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Dataset records written (inserted or updated) per table.
    pub written: Vec<(&'static str, u64)>,
    /// Rows in each table after the load.
    pub totals: Vec<(&'static str, u64)>,
    /// The data version the load produced.
    pub data_version: i64,
}

impl std::fmt::Display for LoadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<22} {:>9} {:>9}", "table", "written", "rows")?;
        for (table, total) in &self.totals {
            let written = self
                .written
                .iter()
                .find(|(t, _)| t == table)
                .map_or(0, |(_, n)| *n);
            writeln!(f, "{table:<22} {written:>9} {total:>9}")?;
        }
        Ok(())
    }
}

/// Records written per table, in the order tables were first written.
#[derive(Default)]
pub(crate) struct Written(pub Vec<(&'static str, u64)>);

impl Written {
    fn add(&mut self, table: &'static str, n: u64) {
        match self.0.iter_mut().find(|(t, _)| *t == table) {
            Some((_, total)) => *total += n,
            None => self.0.push((table, n)),
        }
    }
}

/// Natural key → id maps of the catalog tables, read back after their upsert.
struct Ids {
    sources: HashMap<String, i32>,
    roles: HashMap<String, i32>,
    skills: HashMap<String, i32>,
    certifications: HashMap<String, i32>,
}

impl Ids {
    async fn read(db: &impl ConnectionTrait) -> Result<Self, SeedError> {
        Ok(Self {
            sources: key_ids::<source::Entity>(db, source::Column::Key, source::Column::Id).await?,
            roles: key_ids::<role::Entity>(db, role::Column::Slug, role::Column::Id).await?,
            skills: key_ids::<skill::Entity>(db, skill::Column::Slug, skill::Column::Id).await?,
            certifications: key_ids::<certification::Entity>(
                db,
                certification::Column::Slug,
                certification::Column::Id,
            )
            .await?,
        })
    }

    fn role(&self, slug: &str) -> Result<i32, SeedError> {
        lookup(&self.roles, "role", slug)
    }
}

fn lookup(map: &HashMap<String, i32>, what: &str, key: &str) -> Result<i32, SeedError> {
    map.get(key).copied().ok_or_else(|| SeedError::Rule {
        file: "dataset".into(),
        facts: None,
        record: String::new(),
        key: None,
        field: what.into(),
        message: format!("unknown {what} `{key}`"),
    })
}

/// Key → id of a catalog table.
pub(crate) async fn key_ids<E: EntityTrait>(
    db: &impl ConnectionTrait,
    key: E::Column,
    id: E::Column,
) -> Result<HashMap<String, i32>, SeedError> {
    let rows: Vec<(String, i32)> = E::find()
        .select_only()
        .column(key)
        .column(id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

fn record_count(dataset: &Dataset) -> u64 {
    fn items<T>(lists: &[crate::dataset::RoleList<T>]) -> usize {
        lists.iter().map(|l| l.items.len()).sum()
    }
    let facts: usize = dataset
        .facts
        .iter()
        .map(|f| {
            f.profiles.len()
                + f.demographics.iter().map(|d| d.shares.len()).sum::<usize>()
                + f.role_skills.len()
                + f.role_certifications.len()
                + items(&f.duties)
                + items(&f.education)
                + f.attributes.iter().map(|d| d.items.len()).sum::<usize>()
                + items(&f.regional_wages)
                + f.moves.len()
                + f.comparisons.len()
                + items(&f.aliases)
                + items(&f.technologies)
                + items(&f.statements)
        })
        .sum();
    (dataset.sources.len()
        + dataset.roles.len()
        + dataset.skills.len()
        + dataset.certifications.len()
        + facts) as u64
}

/// A progress bar over the dataset's records (hidden unless asked for).
pub(crate) fn progress_bar(dataset: &Dataset, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(record_count(dataset));
    if let Ok(style) = ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len} records") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Validates `dataset`, then writes it through one [`Write`] (version bump and audit row
/// included). On any error nothing is written.
pub async fn load(
    db: &DatabaseConnection,
    dataset: &Dataset,
    options: LoadOptions,
) -> Result<LoadReport, SeedError> {
    let dataset = &parse_dataset(dataset.clone())?;
    let bar = progress_bar(dataset, options.progress);
    let change = Write::begin(db).await?;
    check_job_zones(change.conn(), dataset).await?;
    let written = write(change.conn(), dataset, &bar).await?;
    let totals = table_totals(change.conn()).await?;
    let records: u64 = written.iter().map(|(_, n)| n).sum();
    let target = format!("{records} records");
    let data_version = change
        .commit_by(options.actor, "loadDataset", target)
        .await?;
    bar.finish_and_clear();
    Ok(LoadReport {
        written,
        totals,
        data_version,
    })
}

/// Upserts `rows` into their table and counts them.
async fn put<E, A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    bar: &ProgressBar,
    written: &mut Written,
) -> Result<(), SeedError>
where
    E: Keyed,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let n = upsert(db, rows, bar).await?;
    written.add(E::NAME, n);
    Ok(())
}

/// Writes parsed records inside an open [`Write`](crate::Write) (no commit); returns the
/// records written per table.
pub async fn write_records(
    db: &impl ConnectionTrait,
    dataset: &Valid<Dataset>,
) -> Result<Vec<(&'static str, u64)>, SeedError> {
    check_job_zones(db, dataset).await?;
    write(db, dataset, &ProgressBar::hidden()).await
}

/// Refuses a role whose job zone the stored Job Zone Reference does not define (O*NET's 1–5
/// when none is stored), naming the record: every zone gap is a difference of ranks in that
/// reference, so a zone outside it could not be compared. Only the records given are checked
/// (not roles already stored, which an earlier release may have zoned otherwise); the O*NET
/// import checks its roles against the reference it writes (`onet::parse`).
pub(crate) async fn check_job_zones(
    db: &impl ConnectionTrait,
    dataset: &Dataset,
) -> Result<(), SeedError> {
    if dataset.roles.iter().all(|r| r.job_zone.is_none()) {
        return Ok(());
    }
    let mut defined: Vec<i32> = job_zone::Entity::find()
        .select_only()
        .column(job_zone::Column::Number)
        .into_tuple()
        .all(db)
        .await?;
    let by = if defined.is_empty() {
        defined = (1..=5).collect();
        "O*NET (no Job Zone Reference is stored)"
    } else {
        "the stored Job Zone Reference"
    };
    defined.sort_unstable();
    let undefined = dataset.roles.iter().enumerate().find_map(|(i, r)| {
        let zone = r.job_zone?;
        (!defined.contains(&zone)).then_some((i, r, zone))
    });
    let Some((i, r, zone)) = undefined else {
        return Ok(());
    };
    let numbers: Vec<String> = defined.iter().map(i32::to_string).collect();
    Err(SeedError::Rule {
        file: CATALOG_FILE.into(),
        facts: None,
        record: format!("roles[{i}]"),
        key: Some(r.slug.clone()),
        field: "job_zone".into(),
        message: format!(
            "{zone} is not a job zone {by} defines ({})",
            numbers.join(", ")
        ),
    })
}

/// Writes a validated dataset inside the caller's [`Write`] (no commit); returns the
/// records written per table.
pub(crate) async fn write(
    db: &impl ConnectionTrait,
    dataset: &Dataset,
    bar: &ProgressBar,
) -> Result<Vec<(&'static str, u64)>, SeedError> {
    let mut written = Written::default();
    bar.set_message("catalog");
    write_catalog(db, dataset, bar, &mut written).await?;
    let ids = Ids::read(db).await?;
    for facts in &dataset.facts {
        bar.set_message(facts.source.clone());
        write_facts(db, facts, &ids, bar, &mut written).await?;
    }
    Ok(written.0)
}

async fn write_catalog(
    db: &impl ConnectionTrait,
    dataset: &Dataset,
    bar: &ProgressBar,
    written: &mut Written,
) -> Result<(), SeedError> {
    let sources = dataset.sources.iter().map(|s| source::ActiveModel {
        id: NotSet,
        key: Set(s.key.clone()),
        title: Set(s.title.clone()),
        kind: Set(s.kind),
        publisher: Set(s.publisher.clone()),
        url: Set(s.url.clone()),
        attribution: Set(s.attribution.clone()),
        as_of: Set(s.as_of.clone()),
    });
    put(db, sources.collect(), bar, written).await?;
    // Job zones are left alone unless the dataset gives them (the O*NET import does).
    let any_job_zone = dataset.roles.iter().any(|r| r.job_zone.is_some());
    let roles = dataset.roles.iter().map(|r| role::ActiveModel {
        id: NotSet,
        slug: Set(r.slug.clone()),
        title: Set(r.title.clone()),
        summary: Set(r.summary.clone()),
        track: Set(r.track.clone()),
        seniority: Set(r.seniority),
        onet_code: Set(r.onet_code.clone()),
        job_zone: if any_job_zone {
            Set(r.job_zone)
        } else {
            NotSet
        },
    });
    put(db, roles.collect(), bar, written).await?;
    let skills = dataset.skills.iter().map(|s| skill::ActiveModel {
        id: NotSet,
        slug: Set(s.slug.clone()),
        name: Set(s.name.clone()),
        category: Set(s.category.clone()),
    });
    put(db, skills.collect(), bar, written).await?;
    let certs = dataset
        .certifications
        .iter()
        .map(|c| certification::ActiveModel {
            id: NotSet,
            slug: Set(c.slug.clone()),
            name: Set(c.name.clone()),
            acronym: Set(c.acronym.clone()),
            issuer: Set(c.issuer.clone()),
        });
    put(db, certs.collect(), bar, written).await
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

/// Rows of one fact file: every record cites the file's source.
struct FactRows<'a> {
    f: &'a FactFile,
    ids: &'a Ids,
    source_id: i32,
}

/// One row per item of a role's ordered lists, with the item's position.
fn list_rows<T, R>(
    lists: &[crate::dataset::RoleList<T>],
    ids: &Ids,
    mut row: impl FnMut(i32, i32, &T) -> R,
) -> Result<Vec<R>, SeedError> {
    let mut rows = Vec::new();
    for list in lists {
        let role_id = ids.role(&list.role)?;
        for (i, item) in list.items.iter().enumerate() {
            rows.push(row(role_id, position(i), item));
        }
    }
    Ok(rows)
}

impl FactRows<'_> {
    fn profiles(&self) -> Result<Vec<role_profile::ActiveModel>, SeedError> {
        let f = self.f;
        f.profiles
            .iter()
            .map(|p| Ok(profile_row(self.ids.role(&p.role)?, self.source_id, p)))
            .collect()
    }

    fn demographics(&self) -> Result<Vec<role_demographic::ActiveModel>, SeedError> {
        let mut rows = Vec::new();
        for d in &self.f.demographics {
            let role_id = self.ids.role(&d.role)?;
            for (group, share) in &d.shares {
                rows.push(role_demographic::ActiveModel {
                    id: NotSet,
                    role_id: Set(role_id),
                    source_id: Set(self.source_id),
                    dimension: Set(d.dimension),
                    group_name: Set(group.clone()),
                    share_pct: Set(*share),
                });
            }
        }
        Ok(rows)
    }

    fn role_skills(&self) -> Result<Vec<role_skill::ActiveModel>, SeedError> {
        // Rating statistics are written only by datasets that carry them.
        let any_stats =
            self.f.role_skills.iter().any(|s| {
                s.importance_n.is_some() || s.level_n.is_some() || s.importance_se.is_some()
            });
        self.f
            .role_skills
            .iter()
            .map(|s| {
                let skill_id = lookup(&self.ids.skills, "skill", &s.skill)?;
                Ok(role_skill_row(
                    self.ids.role(&s.role)?,
                    skill_id,
                    self.source_id,
                    s,
                    any_stats,
                ))
            })
            .collect()
    }

    fn role_certifications(&self) -> Result<Vec<role_certification::ActiveModel>, SeedError> {
        self.f
            .role_certifications
            .iter()
            .map(|c| {
                let cert = lookup(&self.ids.certifications, "certification", &c.certification)?;
                Ok(role_certification::ActiveModel {
                    id: NotSet,
                    role_id: Set(self.ids.role(&c.role)?),
                    certification_id: Set(cert),
                    source_id: Set(self.source_id),
                    relevance: Set(c.relevance),
                    note: Set(c.note.clone()),
                })
            })
            .collect()
    }

    fn duties(&self) -> Result<Vec<role_duty::ActiveModel>, SeedError> {
        list_rows(&self.f.duties, self.ids, |role_id, position, item| {
            role_duty::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                position: Set(position),
                title: Set(item.title.clone()),
                description: Set(item.description.clone()),
            }
        })
    }

    fn education(&self) -> Result<Vec<role_education::ActiveModel>, SeedError> {
        list_rows(&self.f.education, self.ids, |role_id, position, item| {
            role_education::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                position: Set(position),
                level: Set(item.level.clone()),
                requirement: Set(item.requirement),
                fields: Set(item.fields.clone()),
                note: Set(item.note.clone()),
            }
        })
    }

    fn attributes(&self) -> Result<Vec<role_attribute::ActiveModel>, SeedError> {
        let mut rows = Vec::new();
        for list in &self.f.attributes {
            let role_id = self.ids.role(&list.role)?;
            for (i, item) in list.items.iter().enumerate() {
                rows.push(role_attribute::ActiveModel {
                    id: NotSet,
                    role_id: Set(role_id),
                    source_id: Set(self.source_id),
                    kind: Set(list.kind),
                    position: Set(position(i)),
                    name: Set(item.name.clone()),
                    detail: Set(item.detail.clone()),
                });
            }
        }
        Ok(rows)
    }

    fn regional_wages(&self) -> Result<Vec<role_regional_wage::ActiveModel>, SeedError> {
        list_rows(&self.f.regional_wages, self.ids, |role_id, rank, item| {
            role_regional_wage::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                region: Set(item.region.clone()),
                rank: Set(rank),
                salary_median: Set(item.salary_median),
            }
        })
    }

    fn moves(&self) -> Result<Vec<career_move::ActiveModel>, SeedError> {
        self.f
            .moves
            .iter()
            .map(|m| {
                Ok(career_move::ActiveModel {
                    id: NotSet,
                    from_role_id: Set(self.ids.role(&m.from)?),
                    to_role_id: Set(self.ids.role(&m.to)?),
                    source_id: Set(self.source_id),
                    kind: Set(m.kind),
                    typical_years: Set(m.typical_years),
                    likelihood: Set(m.likelihood),
                    description: Set(m.description.clone()),
                    derived: Set(m.derived),
                })
            })
            .collect()
    }

    fn comparisons(&self) -> Result<Vec<role_comparison::ActiveModel>, SeedError> {
        self.f
            .comparisons
            .iter()
            .map(|c| {
                Ok(role_comparison::ActiveModel {
                    id: NotSet,
                    role_a_id: Set(self.ids.role(&c.a)?),
                    role_b_id: Set(self.ids.role(&c.b)?),
                    source_id: Set(self.source_id),
                })
            })
            .collect()
    }

    fn aliases(&self) -> Result<Vec<role_alias::ActiveModel>, SeedError> {
        list_rows(&self.f.aliases, self.ids, |role_id, _, title| {
            role_alias::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                title: Set(title.clone()),
            }
        })
    }

    fn technologies(&self) -> Result<Vec<role_technology::ActiveModel>, SeedError> {
        list_rows(&self.f.technologies, self.ids, |role_id, _, item| {
            role_technology::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                name: Set(item.name.clone()),
                commodity: Set(item.commodity.clone()),
                hot: Set(item.hot),
                in_demand: Set(item.in_demand),
            }
        })
    }
}

impl FactRows<'_> {
    fn statements(&self) -> Result<Vec<role_statement::ActiveModel>, SeedError> {
        list_rows(&self.f.statements, self.ids, |role_id, position, item| {
            role_statement::ActiveModel {
                id: NotSet,
                role_id: Set(role_id),
                source_id: Set(self.source_id),
                position: Set(position),
                kind: Set(item.kind),
                topic: Set(item.topic.clone()),
                text: Set(item.text.clone()),
                question: Set(item.question.clone()),
            }
        })
    }
}

async fn write_facts(
    db: &impl ConnectionTrait,
    f: &FactFile,
    ids: &Ids,
    bar: &ProgressBar,
    written: &mut Written,
) -> Result<(), SeedError> {
    let source_id = lookup(&ids.sources, "source", &f.source)?;
    let rows = FactRows { f, ids, source_id };
    put(db, rows.profiles()?, bar, written).await?;
    put(db, rows.demographics()?, bar, written).await?;
    put(db, rows.role_skills()?, bar, written).await?;
    put(db, rows.role_certifications()?, bar, written).await?;
    put(db, rows.duties()?, bar, written).await?;
    put(db, rows.education()?, bar, written).await?;
    put(db, rows.attributes()?, bar, written).await?;
    put(db, rows.regional_wages()?, bar, written).await?;
    put(db, rows.moves()?, bar, written).await?;
    put(db, rows.comparisons()?, bar, written).await?;
    put(db, rows.aliases()?, bar, written).await?;
    put(db, rows.technologies()?, bar, written).await?;
    put(db, rows.statements()?, bar, written).await
}

fn role_skill_row(
    role_id: i32,
    skill_id: i32,
    source_id: i32,
    s: &RoleSkillRecord,
    with_stats: bool,
) -> role_skill::ActiveModel {
    let mut row = role_skill::ActiveModel {
        id: NotSet,
        role_id: Set(role_id),
        skill_id: Set(skill_id),
        source_id: Set(source_id),
        share_pct: Set(s.share_pct),
        rank: Set(s.rank),
        importance: Set(s.importance),
        level: Set(s.level),
        note: Set(s.note.clone()),
        ..Default::default()
    };
    if with_stats {
        row.importance_n = Set(s.importance_n);
        row.importance_se = Set(s.importance_se);
        row.importance_ci_low = Set(s.importance_ci_low);
        row.importance_ci_high = Set(s.importance_ci_high);
        row.level_n = Set(s.level_n);
        row.level_se = Set(s.level_se);
        row.level_ci_low = Set(s.level_ci_low);
        row.level_ci_high = Set(s.level_ci_high);
    }
    row
}

fn profile_row(role_id: i32, source_id: i32, p: &ProfileRecord) -> role_profile::ActiveModel {
    role_profile::ActiveModel {
        id: NotSet,
        role_id: Set(role_id),
        source_id: Set(source_id),
        salary_mean: Set(p.salary_mean),
        salary_median: Set(p.salary_median),
        salary_low: Set(p.salary_low),
        salary_high: Set(p.salary_high),
        salary_p10: Set(p.salary_p10),
        salary_p25: Set(p.salary_p25),
        salary_p75: Set(p.salary_p75),
        salary_p90: Set(p.salary_p90),
        hourly_mean: Set(p.hourly_mean),
        hourly_median: Set(p.hourly_median),
        hourly_p10: Set(p.hourly_p10),
        hourly_p25: Set(p.hourly_p25),
        hourly_p75: Set(p.hourly_p75),
        hourly_p90: Set(p.hourly_p90),
        pay_note: Set(p.pay_note.clone()),
        growth_rate_pct: Set(p.growth_rate_pct),
        growth_outlook: Set(p.growth_outlook.clone()),
        jobs_count: Set(p.jobs_count),
        job_satisfaction: Set(p.job_satisfaction),
        experience_years_min: Set(p.experience_years_min),
        experience_years_max: Set(p.experience_years_max),
        management_years_min: Set(p.management_years_min),
        management_years_max: Set(p.management_years_max),
        years_to_become_min: Set(p.years_to_become_min),
        years_to_become_max: Set(p.years_to_become_max),
        average_age: Set(p.average_age),
        degree: Set(p.degree.clone()),
        degree_share_pct: Set(p.degree_share_pct),
        major: Set(p.major.clone()),
        college: Set(p.college.clone()),
        highest_paying_city: Set(p.highest_paying_city.clone()),
        highest_paying_state: Set(p.highest_paying_state.clone()),
        best_paying_company: Set(p.best_paying_company.clone()),
        best_paying_industry: Set(p.best_paying_industry.clone()),
        lgbt_share_pct: Set(p.lgbt_share_pct),
        budget_min: Set(p.budget_min),
        budget_max: Set(p.budget_max),
        direct_reports_min: Set(p.direct_reports_min),
        direct_reports_max: Set(p.direct_reports_max),
        ai_impact: Set(p.ai_impact.clone()),
        licenses: Set(p.licenses.clone()),
    }
}
