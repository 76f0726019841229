//! Whole-dataset import (MERGE or REPLACE, or a dry run of either) with per-table change
//! counts, through the one write path.

use std::collections::BTreeMap;

use indicatif::ProgressBar;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::Serialize;

use crate::export::export;
use crate::load::{check_job_zones, write};
use crate::tables::{TABLES, clear};
use crate::validate::parse_onto;
use crate::write::{Audit, Write};
use crate::{Dataset, SeedError};

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
        for list in &f.statements {
            for (i, item) in list.items.iter().enumerate() {
                let key = format!("{s}|{}|{i}", list.role);
                add("role_statement", key, json(item));
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
    let mut change = Write::begin(db).await?;
    if options.mode == ImportMode::Replace {
        // REPLACE clears every table, the area tables included.
        change.changes_areas();
    }
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
        change
            .commit(Audit::new(options.actor, action, target))
            .await?
    };
    Ok(report)
}

/// Applies `dataset` inside an open write and counts what changed.
async fn apply(
    txn: &impl ConnectionTrait,
    dataset: &Dataset,
    mode: ImportMode,
) -> Result<ImportReport, SeedError> {
    // The records given, before the merge: their indices are the caller's.
    check_job_zones(txn, dataset).await?;
    let before = export(txn).await?;
    let existing = (mode == ImportMode::Merge).then_some(&before);
    let dataset = parse_onto(dataset.clone(), existing)?;
    if mode == ImportMode::Replace {
        clear(txn).await?;
    }
    write(txn, &dataset, &ProgressBar::hidden()).await?;
    let after = export(txn).await?;
    Ok(diff(
        &records(&before),
        &records(&after),
        &records(&dataset),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::RoleRecord;

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
