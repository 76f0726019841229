//! Whole-dataset export and import (MERGE or REPLACE) with per-table change counts.
//!
//! An export lists every table in the dataset format, in a deterministic order (catalog by
//! slug, facts grouped by source, then by role and position), so exporting, importing the
//! result into an empty database and exporting again gives an identical document.

use std::collections::{BTreeMap, HashMap};

use entity::{
    career_move, certification, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_technology, skill, source,
};
use indicatif::ProgressBar;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use entity::vocab::{AttributeKind, Dimension};
use serde::Serialize;

use crate::dataset::{
    AttributeItem, AttributeList, CertificationRecord, ComparisonRecord, DemographicRecord,
    DutyItem, EducationItem, MoveRecord, ProfileRecord, RegionalWageItem, RoleCertificationRecord,
    RoleList, RoleRecord, RoleSkillRecord, SkillRecord, SourceRecord, TechnologyItem,
};
use crate::load::write;
use crate::tables::{TABLES, clear};
use crate::write::{Audit, Write};
use crate::validate::validate_onto;
use crate::{Dataset, FactFile, SeedError};

/// How an import treats what the database already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Upsert the dataset's records; everything else stays.
    Merge,
    /// Make the database hold exactly the dataset: records it lacks are deleted.
    Replace,
}

/// What an import did to one kind of record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TableCounts {
    /// Table name, e.g. `role` or `career_move`.
    pub table: &'static str,
    /// Records the database did not hold before.
    pub created: u64,
    /// Records of the dataset whose values changed.
    pub updated: u64,
    /// Records of the dataset the database already held with the same values.
    pub unchanged: u64,
    /// Records removed (REPLACE only).
    pub deleted: u64,
}

/// Per-table counts of one import; tables with nothing to report are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub tables: Vec<TableCounts>,
    /// The data version after the import (unchanged by a dry run).
    pub data_version: i64,
    /// True when nothing was kept.
    pub dry_run: bool,
}

impl ImportReport {
    /// Sums over all tables.
    pub fn total(&self) -> TableCounts {
        self.tables
            .iter()
            .fold(TableCounts::default(), |mut sum, t| {
                sum.created += t.created;
                sum.updated += t.updated;
                sum.unchanged += t.unchanged;
                sum.deleted += t.deleted;
                sum
            })
    }
}

fn name_of(map: &HashMap<i32, String>, id: i32) -> String {
    map.get(&id).cloned().unwrap_or_default()
}

/// Reads the whole database as a dataset.
pub async fn export(db: &impl ConnectionTrait) -> Result<Dataset, SeedError> {
    let sources = source::Entity::find()
        .order_by_asc(source::Column::Key)
        .all(db)
        .await?;
    let roles = role::Entity::find()
        .order_by_asc(role::Column::Slug)
        .all(db)
        .await?;
    let skills = skill::Entity::find()
        .order_by_asc(skill::Column::Slug)
        .all(db)
        .await?;
    let certs = certification::Entity::find()
        .order_by_asc(certification::Column::Slug)
        .all(db)
        .await?;
    let source_key: HashMap<i32, String> = sources.iter().map(|s| (s.id, s.key.clone())).collect();
    let role_slug: HashMap<i32, String> = roles.iter().map(|r| (r.id, r.slug.clone())).collect();
    let skill_slug: HashMap<i32, String> = skills.iter().map(|s| (s.id, s.slug.clone())).collect();
    let cert_slug: HashMap<i32, String> = certs.iter().map(|c| (c.id, c.slug.clone())).collect();
    let src = |id: i32| name_of(&source_key, id);
    let rl = |id: i32| name_of(&role_slug, id);

    let mut dataset = Dataset {
        sources: sources
            .iter()
            .map(|s| SourceRecord {
                key: s.key.clone(),
                title: s.title.clone(),
                kind: s.kind,
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                attribution: s.attribution.clone(),
            })
            .collect(),
        roles: roles
            .iter()
            .map(|r| RoleRecord {
                slug: r.slug.clone(),
                title: r.title.clone(),
                track: r.track.clone(),
                seniority: r.seniority,
                onet_code: r.onet_code.clone(),
                summary: r.summary.clone(),
                job_zone: r.job_zone,
            })
            .collect(),
        skills: skills
            .iter()
            .map(|s| SkillRecord {
                slug: s.slug.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
            })
            .collect(),
        certifications: certs
            .iter()
            .map(|c| CertificationRecord {
                slug: c.slug.clone(),
                name: c.name.clone(),
                acronym: c.acronym.clone(),
                issuer: c.issuer.clone(),
            })
            .collect(),
        facts: Vec::new(),
    };

    // Facts, grouped by source key (BTreeMap: files come out in key order).
    let mut files: BTreeMap<String, FactFile> = BTreeMap::new();
    let mut profiles = role_profile::Entity::find().all(db).await?;
    profiles.sort_by_key(|p| (src(p.source_id), rl(p.role_id)));
    for p in profiles {
        let record = profile_record(rl(p.role_id), &p);
        file_for(&mut files, src(p.source_id)).profiles.push(record);
    }

    type Shares = BTreeMap<(String, String, Dimension), (i32, BTreeMap<String, f64>)>;
    let mut shares = Shares::new();
    for d in role_demographic::Entity::find().all(db).await? {
        shares
            .entry((src(d.source_id), rl(d.role_id), d.dimension))
            .or_insert_with(|| (d.source_id, BTreeMap::new()))
            .1
            .insert(d.group_name, d.share_pct);
    }
    for ((_, role, dimension), (source_id, shares)) in shares {
        file_for(&mut files, src(source_id))
            .demographics
            .push(DemographicRecord {
                role,
                dimension,
                shares,
            });
    }

    let mut links = role_skill::Entity::find().all(db).await?;
    links.sort_by_key(|s| {
        (
            src(s.source_id),
            rl(s.role_id),
            name_of(&skill_slug, s.skill_id),
        )
    });
    for s in links {
        file_for(&mut files, src(s.source_id))
            .role_skills
            .push(RoleSkillRecord {
                role: rl(s.role_id),
                skill: name_of(&skill_slug, s.skill_id),
                share_pct: s.share_pct,
                rank: s.rank,
                importance: s.importance,
                level: s.level,
                note: s.note,
                importance_n: s.importance_n,
                importance_se: s.importance_se,
                importance_ci_low: s.importance_ci_low,
                importance_ci_high: s.importance_ci_high,
                level_n: s.level_n,
                level_se: s.level_se,
                level_ci_low: s.level_ci_low,
                level_ci_high: s.level_ci_high,
            });
    }

    let mut links = role_certification::Entity::find().all(db).await?;
    links.sort_by_key(|c| {
        (
            src(c.source_id),
            rl(c.role_id),
            name_of(&cert_slug, c.certification_id),
            c.relevance.to_string(),
        )
    });
    for c in links {
        file_for(&mut files, src(c.source_id))
            .role_certifications
            .push(RoleCertificationRecord {
                role: rl(c.role_id),
                certification: name_of(&cert_slug, c.certification_id),
                relevance: c.relevance,
                note: c.note,
            });
    }

    // Ordered lists: group by (source, role[, kind]) and keep position order.
    type Lists<T, K = ()> = BTreeMap<(String, String, K), (i32, Vec<(i32, T)>)>;
    fn push<T, K: Ord>(lists: &mut Lists<T, K>, key: (String, String, K), source: i32, pos: i32, t: T) {
        lists
            .entry(key)
            .or_insert_with(|| (source, Vec::new()))
            .1
            .push((pos, t));
    }
    fn items<T>(mut v: Vec<(i32, T)>) -> Vec<T> {
        v.sort_by_key(|(pos, _)| *pos);
        v.into_iter().map(|(_, t)| t).collect()
    }

    let mut duties: Lists<DutyItem> = BTreeMap::new();
    for d in role_duty::Entity::find().all(db).await? {
        let key = (src(d.source_id), rl(d.role_id), ());
        let item = DutyItem {
            title: d.title,
            description: d.description,
        };
        push(&mut duties, key, d.source_id, d.position, item);
    }
    for ((_, role, _), (source_id, list)) in duties {
        let items = items(list);
        file_for(&mut files, src(source_id))
            .duties
            .push(RoleList { role, items });
    }

    let mut education: Lists<EducationItem> = BTreeMap::new();
    for e in role_education::Entity::find().all(db).await? {
        let key = (src(e.source_id), rl(e.role_id), ());
        let item = EducationItem {
            level: e.level,
            requirement: e.requirement,
            fields: e.fields,
            note: e.note,
        };
        push(&mut education, key, e.source_id, e.position, item);
    }
    for ((_, role, _), (source_id, list)) in education {
        let items = items(list);
        file_for(&mut files, src(source_id))
            .education
            .push(RoleList { role, items });
    }

    let mut attributes: Lists<AttributeItem, AttributeKind> = BTreeMap::new();
    for a in role_attribute::Entity::find().all(db).await? {
        let key = (src(a.source_id), rl(a.role_id), a.kind);
        let item = AttributeItem {
            name: a.name,
            detail: a.detail,
        };
        push(&mut attributes, key, a.source_id, a.position, item);
    }
    for ((_, role, kind), (source_id, list)) in attributes {
        let items = items(list);
        file_for(&mut files, src(source_id))
            .attributes
            .push(AttributeList { role, kind, items });
    }

    let mut wages: Lists<RegionalWageItem> = BTreeMap::new();
    for w in role_regional_wage::Entity::find().all(db).await? {
        let key = (src(w.source_id), rl(w.role_id), ());
        let item = RegionalWageItem {
            region: w.region,
            salary_median: w.salary_median,
        };
        push(&mut wages, key, w.source_id, w.rank, item);
    }
    for ((_, role, _), (source_id, list)) in wages {
        let items = items(list);
        file_for(&mut files, src(source_id))
            .regional_wages
            .push(RoleList { role, items });
    }

    let mut moves = career_move::Entity::find().all(db).await?;
    moves.sort_by_key(|m| {
        (
            src(m.source_id),
            rl(m.from_role_id),
            rl(m.to_role_id),
            m.kind,
        )
    });
    for m in moves {
        file_for(&mut files, src(m.source_id))
            .moves
            .push(MoveRecord {
                from: rl(m.from_role_id),
                to: rl(m.to_role_id),
                kind: m.kind,
                typical_years: m.typical_years,
                likelihood: m.likelihood,
                description: m.description,
                derived: m.derived,
            });
    }

    let mut comparisons = role_comparison::Entity::find().all(db).await?;
    comparisons.sort_by_key(|c| (src(c.source_id), rl(c.role_a_id), rl(c.role_b_id)));
    for c in comparisons {
        file_for(&mut files, src(c.source_id))
            .comparisons
            .push(ComparisonRecord {
                a: rl(c.role_a_id),
                b: rl(c.role_b_id),
            });
    }

    let mut aliases: Lists<String> = BTreeMap::new();
    for a in role_alias::Entity::find().all(db).await? {
        let key = (src(a.source_id), rl(a.role_id), ());
        push(&mut aliases, key, a.source_id, 0, a.title);
    }
    for ((_, role, _), (source_id, list)) in aliases {
        let mut items: Vec<String> = list.into_iter().map(|(_, t)| t).collect();
        items.sort();
        file_for(&mut files, src(source_id))
            .aliases
            .push(RoleList { role, items });
    }

    let mut technologies: Lists<TechnologyItem> = BTreeMap::new();
    for t in role_technology::Entity::find().all(db).await? {
        let key = (src(t.source_id), rl(t.role_id), ());
        let item = TechnologyItem {
            name: t.name,
            commodity: t.commodity,
            hot: t.hot,
            in_demand: t.in_demand,
        };
        push(&mut technologies, key, t.source_id, 0, item);
    }
    for ((_, role, _), (source_id, list)) in technologies {
        let mut items: Vec<TechnologyItem> = list.into_iter().map(|(_, t)| t).collect();
        items.sort_by(|a, b| a.name.cmp(&b.name));
        file_for(&mut files, src(source_id))
            .technologies
            .push(RoleList { role, items });
    }

    dataset.facts = files.into_values().collect();
    Ok(dataset)
}

fn file_for(files: &mut BTreeMap<String, FactFile>, key: String) -> &mut FactFile {
    files.entry(key.clone()).or_insert_with(|| FactFile {
        file: format!("export#{key}"),
        source: key,
        ..FactFile::default()
    })
}

fn profile_record(role: String, p: &role_profile::Model) -> ProfileRecord {
    ProfileRecord {
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

/// One record of a dataset: (table, natural key) → its values as JSON.
type Records = BTreeMap<(&'static str, String), String>;

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Flattens a dataset into records keyed by table and natural key, the unit that import
/// counts are given in (a list item is one record, keyed by its position).
fn records(d: &Dataset) -> Records {
    let mut out = Records::new();
    let mut add = |table: &'static str, key: String, value: String| {
        out.insert((table, key), value);
    };
    for s in &d.sources {
        add("source", s.key.clone(), json(s));
    }
    for r in &d.roles {
        add("role", r.slug.clone(), json(r));
    }
    for s in &d.skills {
        add("skill", s.slug.clone(), json(s));
    }
    for c in &d.certifications {
        add("certification", c.slug.clone(), json(c));
    }
    for f in &d.facts {
        let s = &f.source;
        for p in &f.profiles {
            add("role_profile", format!("{s}|{}", p.role), json(p));
        }
        for dm in &f.demographics {
            for (group, share) in &dm.shares {
                let key = format!("{s}|{}|{}|{group}", dm.role, dm.dimension);
                add("role_demographic", key, share.to_string());
            }
        }
        for l in &f.role_skills {
            add("role_skill", format!("{s}|{}|{}", l.role, l.skill), json(l));
        }
        for l in &f.role_certifications {
            let key = format!("{s}|{}|{}|{}", l.role, l.certification, l.relevance);
            add("role_certification", key, json(&l.note));
        }
        for list in &f.duties {
            for (i, item) in list.items.iter().enumerate() {
                add("role_duty", format!("{s}|{}|{i}", list.role), json(item));
            }
        }
        for list in &f.education {
            for (i, item) in list.items.iter().enumerate() {
                add(
                    "role_education",
                    format!("{s}|{}|{i}", list.role),
                    json(item),
                );
            }
        }
        for list in &f.attributes {
            for (i, item) in list.items.iter().enumerate() {
                let key = format!("{s}|{}|{}|{i}", list.role, list.kind);
                add("role_attribute", key, json(item));
            }
        }
        for list in &f.regional_wages {
            for (i, item) in list.items.iter().enumerate() {
                let key = format!("{s}|{}|{}", list.role, item.region);
                add(
                    "role_regional_wage",
                    key,
                    format!("{i}|{}", item.salary_median),
                );
            }
        }
        for m in &f.moves {
            let key = format!("{s}|{}|{}|{}", m.from, m.to, m.kind);
            add("career_move", key, json(m));
        }
        for c in &f.comparisons {
            add(
                "role_comparison",
                format!("{s}|{}|{}", c.a, c.b),
                String::new(),
            );
        }
        for list in &f.aliases {
            for title in &list.items {
                add(
                    "role_alias",
                    format!("{s}|{}|{title}", list.role),
                    String::new(),
                );
            }
        }
        for list in &f.technologies {
            for item in &list.items {
                let key = format!("{s}|{}|{}", list.role, item.name);
                add("role_technology", key, json(item));
            }
        }
    }
    out
}

/// Counts what changed between `before` and `after`; `updated`/`unchanged` count only the
/// records the imported dataset lists.
fn diff(before: &Records, after: &Records, incoming: &Records) -> ImportReport {
    let mut counts: BTreeMap<&'static str, TableCounts> = BTreeMap::new();
    fn entry<'a>(
        counts: &'a mut BTreeMap<&'static str, TableCounts>,
        table: &'static str,
    ) -> &'a mut TableCounts {
        counts.entry(table).or_insert_with(|| TableCounts {
            table,
            ..TableCounts::default()
        })
    }
    for (key, value) in after {
        match before.get(key) {
            None => entry(&mut counts, key.0).created += 1,
            Some(old) if old != value => entry(&mut counts, key.0).updated += 1,
            Some(_) if incoming.contains_key(key) => entry(&mut counts, key.0).unchanged += 1,
            Some(_) => {}
        }
    }
    for key in before.keys() {
        if !after.contains_key(key) {
            entry(&mut counts, key.0).deleted += 1;
        }
    }
    let tables = TABLES.iter().filter_map(|t| counts.remove(t)).collect();
    ImportReport {
        tables,
        ..ImportReport::default()
    }
}

/// How an import is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions<'a> {
    /// MERGE or REPLACE.
    pub mode: ImportMode,
    /// Report what would change, then roll back: nothing is written, the version stays.
    pub dry_run: bool,
    /// Who imports, for the audit log.
    pub actor: &'a str,
}

/// Validates `dataset` (against the database's catalog for MERGE), then applies it through
/// one [`Write`]: nothing is written when any check fails, and a dry run keeps nothing.
pub async fn import(
    db: &DatabaseConnection,
    dataset: &Dataset,
    options: ImportOptions<'_>,
) -> Result<ImportReport, SeedError> {
    let change = Write::begin(db).await?;
    let mut report = apply(change.conn(), dataset, options.mode).await?;
    report.dry_run = options.dry_run;
    report.data_version = if options.dry_run {
        change.discard().await?
    } else {
        let total = report.total();
        let action = match options.mode {
            ImportMode::Merge => "importDataset(MERGE)",
            ImportMode::Replace => "importDataset(REPLACE)",
        };
        let target = format!(
            "{} created, {} updated, {} unchanged, {} deleted",
            total.created, total.updated, total.unchanged, total.deleted
        );
        change.commit(Audit::new(options.actor, action, target)).await?
    };
    Ok(report)
}

/// Applies `dataset` inside an open write and counts what changed.
async fn apply(
    txn: &impl ConnectionTrait,
    dataset: &Dataset,
    mode: ImportMode,
) -> Result<ImportReport, SeedError> {
    let before = export(txn).await?;
    match mode {
        ImportMode::Merge => validate_onto(dataset, Some(&before))?,
        ImportMode::Replace => validate_onto(dataset, None)?,
    }
    if mode == ImportMode::Replace {
        clear(txn).await?;
    }
    write(txn, dataset, &ProgressBar::hidden()).await?;
    let after = export(txn).await?;
    Ok(diff(&records(&before), &records(&after), &records(dataset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(slug: &str, title: &str) -> RoleRecord {
        RoleRecord {
            slug: slug.into(),
            title: title.into(),
            track: "t".into(),
            seniority: None,
            onet_code: None,
            summary: None,
            job_zone: None,
        }
    }

    #[test]
    fn diff_counts_created_updated_unchanged_and_deleted() {
        let before = Dataset {
            roles: vec![role("a", "A"), role("b", "B"), role("c", "C")],
            ..Dataset::default()
        };
        let incoming = Dataset {
            roles: vec![role("a", "A"), role("b", "B2"), role("d", "D")],
            ..Dataset::default()
        };
        // REPLACE: c goes; MERGE would keep it (and not count it as unchanged).
        let report = diff(&records(&before), &records(&incoming), &records(&incoming));
        let t = &report.tables[0];
        assert_eq!(
            (t.table, t.created, t.updated, t.unchanged, t.deleted),
            ("role", 1, 1, 1, 1)
        );
        let mut merged = incoming.clone();
        merged.roles.push(role("c", "C"));
        let report = diff(&records(&before), &records(&merged), &records(&incoming));
        let t = &report.tables[0];
        assert_eq!((t.created, t.updated, t.unchanged, t.deleted), (1, 1, 1, 0));
    }
}
