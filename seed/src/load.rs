//! Writes a validated dataset in one transaction, upserting on natural keys.

use std::collections::HashMap;

use entity::{
    career_move, certification, data_version, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_technology, skill, source,
};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IdenStatic, Iterable, PaginatorTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};

use crate::{Dataset, FactFile, SeedError, validate};

/// Bind parameters per INSERT statement: under SQLite's (32,766) and PostgreSQL's (65,535) limits.
const MAX_PARAMS: usize = 30_000;

/// How to load.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Draw a progress bar on stderr (hidden automatically when stderr is not a terminal).
    pub progress: bool,
}

/// Row counts per table after a load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Dataset records written (inserted or updated) per table.
    pub written: Vec<(&'static str, u64)>,
    /// Rows in each table after the load.
    pub totals: Vec<(&'static str, u64)>,
}

impl std::fmt::Display for LoadReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<22} {:>9} {:>9}", "table", "written", "rows")?;
        for ((table, written), (_, total)) in self.written.iter().zip(&self.totals) {
            writeln!(f, "{table:<22} {written:>9} {total:>9}")?;
        }
        Ok(())
    }
}

/// Slug → id maps of the catalog tables, read back after their upsert.
struct Ids {
    sources: HashMap<String, i32>,
    roles: HashMap<String, i32>,
    skills: HashMap<String, i32>,
    certifications: HashMap<String, i32>,
}

fn lookup(map: &HashMap<String, i32>, what: &str, key: &str) -> Result<i32, SeedError> {
    map.get(key).copied().ok_or_else(|| SeedError::Invalid {
        file: "dataset".into(),
        record: what.into(),
        field: "slug".into(),
        message: format!("unknown {what} `{key}`"),
    })
}

/// Upserts `rows` in chunks: on a natural-key conflict every other column is updated,
/// so a reload rewrites identical values and keeps ids.
pub(crate) async fn upsert<E, A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    key: &[E::Column],
    bar: &ProgressBar,
) -> Result<u64, SeedError>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let key_names: Vec<&str> = key.iter().map(|c| c.as_str()).collect();
    // Only columns the rows set are updated: a loader that does not know a column (NotSet)
    // must not overwrite what another loader wrote there.
    let Some(first) = rows.first() else {
        return Ok(0);
    };
    let update: Vec<E::Column> = E::Column::iter()
        .filter(|c| {
            c.as_str() != "id" && !key_names.contains(&c.as_str()) && first.get(*c).is_set()
        })
        .collect();
    let set_columns = E::Column::iter()
        .filter(|c| first.get(*c).is_set())
        .count()
        .max(1);
    let chunk_rows = (MAX_PARAMS / set_columns).max(1);
    let mut written = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(chunk_rows).collect();
        let n = chunk.len() as u64;
        let mut on_conflict = OnConflict::columns(key.iter().copied());
        if update.is_empty() {
            on_conflict.do_nothing();
        } else {
            on_conflict.update_columns(update.iter().copied());
        }
        E::insert_many(chunk)
            .on_conflict(on_conflict)
            .exec_without_returning(db)
            .await?;
        written += n;
        bar.inc(n);
    }
    Ok(written)
}

pub(crate) async fn slug_ids<E: EntityTrait>(
    db: &impl ConnectionTrait,
    slug: E::Column,
    id: E::Column,
) -> Result<HashMap<String, i32>, SeedError> {
    let rows: Vec<(String, i32)> = E::find()
        .select_only()
        .column(slug)
        .column(id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

fn record_count(dataset: &Dataset) -> u64 {
    let facts: usize = dataset
        .facts
        .iter()
        .map(|f| {
            f.profiles.len()
                + f.demographics.iter().map(|d| d.shares.len()).sum::<usize>()
                + f.role_skills.len()
                + f.role_certifications.len()
                + f.duties.iter().map(|d| d.items.len()).sum::<usize>()
                + f.education.iter().map(|d| d.items.len()).sum::<usize>()
                + f.attributes.iter().map(|d| d.items.len()).sum::<usize>()
                + f.regional_wages
                    .iter()
                    .map(|d| d.items.len())
                    .sum::<usize>()
                + f.moves.len()
                + f.comparisons.len()
                + f.aliases.iter().map(|d| d.items.len()).sum::<usize>()
                + f.technologies.iter().map(|d| d.items.len()).sum::<usize>()
        })
        .sum();
    (dataset.sources.len()
        + dataset.roles.len()
        + dataset.skills.len()
        + dataset.certifications.len()
        + facts) as u64
}

/// Validates `dataset`, then writes it in one transaction. On any error nothing is written.
pub async fn load(
    db: &DatabaseConnection,
    dataset: &Dataset,
    options: LoadOptions,
) -> Result<LoadReport, SeedError> {
    validate(dataset)?;
    let bar = if options.progress {
        let bar = ProgressBar::new(record_count(dataset));
        if let Ok(style) = ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len} records")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let txn = db.begin().await?;
    let written = write(&txn, dataset, &bar).await?;
    bump_data_version(&txn).await?;
    let totals = table_totals(&txn).await?;
    txn.commit().await?;
    bar.finish_and_clear();
    Ok(LoadReport { written, totals })
}

/// Writes a validated dataset with the caller's connection or transaction (no commit, no
/// data-version bump); returns the records written per table.
pub(crate) async fn write(
    txn: &impl ConnectionTrait,
    dataset: &Dataset,
    bar: &ProgressBar,
) -> Result<Vec<(&'static str, u64)>, SeedError> {
    let mut written = Vec::new();

    bar.set_message("catalog");
    let sources = dataset.sources.iter().map(|s| source::ActiveModel {
        id: NotSet,
        key: Set(s.key.clone()),
        title: Set(s.title.clone()),
        kind: Set(s.kind.clone()),
        publisher: Set(s.publisher.clone()),
        url: Set(s.url.clone()),
        attribution: Set(s.attribution.clone()),
    });
    let n = upsert(txn, sources.collect(), &[source::Column::Key], bar).await?;
    written.push(("source", n));
    let any_job_zone = dataset.roles.iter().any(|r| r.job_zone.is_some());
    let roles = dataset.roles.iter().map(|r| role::ActiveModel {
        id: NotSet,
        slug: Set(r.slug.clone()),
        title: Set(r.title.clone()),
        summary: Set(r.summary.clone()),
        track: Set(r.track.clone()),
        seniority: Set(r.seniority),
        onet_code: Set(r.onet_code.clone()),
        // Left alone unless the dataset gives job zones (the O*NET import sets them).
        job_zone: if any_job_zone {
            Set(r.job_zone)
        } else {
            NotSet
        },
    });
    written.push((
        "role",
        upsert(txn, roles.collect(), &[role::Column::Slug], bar).await?,
    ));
    let skills = dataset.skills.iter().map(|s| skill::ActiveModel {
        id: NotSet,
        slug: Set(s.slug.clone()),
        name: Set(s.name.clone()),
        category: Set(s.category.clone()),
    });
    written.push((
        "skill",
        upsert(txn, skills.collect(), &[skill::Column::Slug], bar).await?,
    ));
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
    let n = upsert(txn, certs.collect(), &[certification::Column::Slug], bar).await?;
    written.push(("certification", n));

    let ids = Ids {
        sources: slug_ids::<source::Entity>(txn, source::Column::Key, source::Column::Id).await?,
        roles: slug_ids::<role::Entity>(txn, role::Column::Slug, role::Column::Id).await?,
        skills: slug_ids::<skill::Entity>(txn, skill::Column::Slug, skill::Column::Id).await?,
        certifications: slug_ids::<certification::Entity>(
            txn,
            certification::Column::Slug,
            certification::Column::Id,
        )
        .await?,
    };
    let mut fact_written: Vec<(&'static str, u64)> = Vec::new();
    for facts in &dataset.facts {
        bar.set_message(facts.source.clone());
        for (table, n) in load_facts(txn, facts, &ids, bar).await? {
            match fact_written.iter_mut().find(|(t, _)| *t == table) {
                Some((_, total)) => *total += n,
                None => fact_written.push((table, n)),
            }
        }
    }
    written.extend(fact_written);
    Ok(written)
}

/// Marks the data as changed (in the caller's transaction) so caches rebuild.
pub async fn bump_data_version(db: &impl ConnectionTrait) -> Result<(), SeedError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    data_version::Entity::update_many()
        .col_expr(
            data_version::Column::Version,
            Expr::col(data_version::Column::Version).add(1),
        )
        .filter(data_version::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

/// Row counts of every table, in schema order.
pub async fn table_totals(
    db: &impl ConnectionTrait,
) -> Result<Vec<(&'static str, u64)>, SeedError> {
    Ok(vec![
        ("source", source::Entity::find().count(db).await?),
        ("role", role::Entity::find().count(db).await?),
        ("skill", skill::Entity::find().count(db).await?),
        (
            "certification",
            certification::Entity::find().count(db).await?,
        ),
        (
            "role_profile",
            role_profile::Entity::find().count(db).await?,
        ),
        (
            "role_demographic",
            role_demographic::Entity::find().count(db).await?,
        ),
        ("role_skill", role_skill::Entity::find().count(db).await?),
        (
            "role_certification",
            role_certification::Entity::find().count(db).await?,
        ),
        ("role_duty", role_duty::Entity::find().count(db).await?),
        (
            "role_education",
            role_education::Entity::find().count(db).await?,
        ),
        (
            "role_attribute",
            role_attribute::Entity::find().count(db).await?,
        ),
        (
            "role_regional_wage",
            role_regional_wage::Entity::find().count(db).await?,
        ),
        ("career_move", career_move::Entity::find().count(db).await?),
        (
            "role_comparison",
            role_comparison::Entity::find().count(db).await?,
        ),
        ("role_alias", role_alias::Entity::find().count(db).await?),
        (
            "role_technology",
            role_technology::Entity::find().count(db).await?,
        ),
    ])
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

async fn load_facts(
    db: &impl ConnectionTrait,
    f: &FactFile,
    ids: &Ids,
    bar: &ProgressBar,
) -> Result<Vec<(&'static str, u64)>, SeedError> {
    let source_id = lookup(&ids.sources, "source", &f.source)?;
    let role = |slug: &str| lookup(&ids.roles, "role", slug);
    let mut out = Vec::new();

    let mut rows = Vec::new();
    for p in &f.profiles {
        rows.push(role_profile::ActiveModel {
            id: NotSet,
            role_id: Set(role(&p.role)?),
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
        });
    }
    use role_profile::Column as P;
    out.push((
        "role_profile",
        upsert(db, rows, &[P::RoleId, P::SourceId], bar).await?,
    ));

    let mut rows = Vec::new();
    for d in &f.demographics {
        for (group, share) in &d.shares {
            rows.push(role_demographic::ActiveModel {
                id: NotSet,
                role_id: Set(role(&d.role)?),
                source_id: Set(source_id),
                dimension: Set(d.dimension.clone()),
                group_name: Set(group.clone()),
                share_pct: Set(*share),
            });
        }
    }
    use role_demographic::Column as D;
    let key = [D::RoleId, D::SourceId, D::Dimension, D::GroupName];
    out.push(("role_demographic", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    let any_stats = f
        .role_skills
        .iter()
        .any(|s| s.importance_n.is_some() || s.level_n.is_some() || s.importance_se.is_some());
    for s in &f.role_skills {
        let mut row = role_skill::ActiveModel {
            id: NotSet,
            role_id: Set(role(&s.role)?),
            skill_id: Set(lookup(&ids.skills, "skill", &s.skill)?),
            source_id: Set(source_id),
            share_pct: Set(s.share_pct),
            rank: Set(s.rank),
            importance: Set(s.importance),
            level: Set(s.level),
            note: Set(s.note.clone()),
            ..Default::default()
        };
        // Rating statistics are written only by datasets that carry them.
        if any_stats {
            row.importance_n = Set(s.importance_n);
            row.importance_se = Set(s.importance_se);
            row.importance_ci_low = Set(s.importance_ci_low);
            row.importance_ci_high = Set(s.importance_ci_high);
            row.level_n = Set(s.level_n);
            row.level_se = Set(s.level_se);
            row.level_ci_low = Set(s.level_ci_low);
            row.level_ci_high = Set(s.level_ci_high);
        }
        rows.push(row);
    }
    use role_skill::Column as S;
    let key = [S::RoleId, S::SkillId, S::SourceId];
    out.push(("role_skill", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for c in &f.role_certifications {
        rows.push(role_certification::ActiveModel {
            id: NotSet,
            role_id: Set(role(&c.role)?),
            certification_id: Set(lookup(
                &ids.certifications,
                "certification",
                &c.certification,
            )?),
            source_id: Set(source_id),
            relevance: Set(c.relevance.clone()),
            note: Set(c.note.clone()),
        });
    }
    use role_certification::Column as C;
    let key = [C::RoleId, C::CertificationId, C::SourceId, C::Relevance];
    out.push(("role_certification", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.duties {
        for (i, item) in list.items.iter().enumerate() {
            rows.push(role_duty::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                position: Set(position(i)),
                title: Set(item.title.clone()),
                description: Set(item.description.clone()),
            });
        }
    }
    use role_duty::Column as Du;
    let key = [Du::RoleId, Du::SourceId, Du::Position];
    out.push(("role_duty", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.education {
        for (i, item) in list.items.iter().enumerate() {
            rows.push(role_education::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                position: Set(position(i)),
                level: Set(item.level.clone()),
                requirement: Set(item.requirement.clone()),
                fields: Set(item.fields.clone()),
                note: Set(item.note.clone()),
            });
        }
    }
    use role_education::Column as E;
    let key = [E::RoleId, E::SourceId, E::Position];
    out.push(("role_education", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.attributes {
        for (i, item) in list.items.iter().enumerate() {
            rows.push(role_attribute::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                kind: Set(list.kind.clone()),
                position: Set(position(i)),
                name: Set(item.name.clone()),
                detail: Set(item.detail.clone()),
            });
        }
    }
    use role_attribute::Column as A;
    let key = [A::RoleId, A::SourceId, A::Kind, A::Position];
    out.push(("role_attribute", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.regional_wages {
        for (i, item) in list.items.iter().enumerate() {
            rows.push(role_regional_wage::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                region: Set(item.region.clone()),
                rank: Set(position(i)),
                salary_median: Set(item.salary_median),
            });
        }
    }
    use role_regional_wage::Column as W;
    let key = [W::RoleId, W::SourceId, W::Region];
    out.push(("role_regional_wage", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for m in &f.moves {
        rows.push(career_move::ActiveModel {
            id: NotSet,
            from_role_id: Set(role(&m.from)?),
            to_role_id: Set(role(&m.to)?),
            source_id: Set(source_id),
            kind: Set(m.kind.clone()),
            typical_years: Set(m.typical_years),
            likelihood: Set(m.likelihood),
            description: Set(m.description.clone()),
            derived: Set(m.derived),
        });
    }
    use career_move::Column as M;
    let key = [M::FromRoleId, M::ToRoleId, M::Kind, M::SourceId];
    out.push(("career_move", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for c in &f.comparisons {
        rows.push(role_comparison::ActiveModel {
            id: NotSet,
            role_a_id: Set(role(&c.a)?),
            role_b_id: Set(role(&c.b)?),
            source_id: Set(source_id),
        });
    }
    use role_comparison::Column as Cm;
    let key = [Cm::RoleAId, Cm::RoleBId, Cm::SourceId];
    out.push(("role_comparison", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.aliases {
        for title in &list.items {
            rows.push(role_alias::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                title: Set(title.clone()),
            });
        }
    }
    use role_alias::Column as Al;
    let key = [Al::RoleId, Al::SourceId, Al::Title];
    out.push(("role_alias", upsert(db, rows, &key, bar).await?));

    let mut rows = Vec::new();
    for list in &f.technologies {
        for item in &list.items {
            rows.push(role_technology::ActiveModel {
                id: NotSet,
                role_id: Set(role(&list.role)?),
                source_id: Set(source_id),
                name: Set(item.name.clone()),
                commodity: Set(item.commodity.clone()),
                hot: Set(item.hot),
                in_demand: Set(item.in_demand),
            });
        }
    }
    use role_technology::Column as T;
    let key = [T::RoleId, T::SourceId, T::Name];
    out.push(("role_technology", upsert(db, rows, &key, bar).await?));
    Ok(out)
}
