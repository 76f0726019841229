//! Reads every table once, at one data version, and indexes it into a [`ReadModel`].

use std::collections::{BTreeSet, HashMap};

use futures_util::TryStreamExt;

use entity::{
    career_move, certification, data_version, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_technology, skill, source,
};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, IsolationLevel,
    QueryOrder, StreamTrait, TransactionTrait,
};

use super::{
    IdIndex, LinkAt, ReadModel, RoleFacts, RoleOrders, RowIndex, headline_salary, skill_order,
};
use crate::career::GraphSnapshot;
use crate::career::snapshot::{
    CertificationLink, GraphParts, MoveKind, MovePart, RoleNode, SkillWeight,
};
use crate::career::text_index::{Entry, EntryKind};
use crate::error::ApiResult;

/// Every row of every table the read model holds, as read in one transaction.
#[derive(Default)]
struct Tables {
    version: i64,
    roles: Vec<role::Model>,
    skills: Vec<skill::Model>,
    certifications: Vec<certification::Model>,
    sources: Vec<source::Model>,
    moves: Vec<career_move::Model>,
    profiles: Vec<role_profile::Model>,
    demographics: Vec<role_demographic::Model>,
    role_skills: Vec<role_skill::Model>,
    role_certifications: Vec<role_certification::Model>,
    duties: Vec<role_duty::Model>,
    education: Vec<role_education::Model>,
    attributes: Vec<role_attribute::Model>,
    regional_wages: Vec<role_regional_wage::Model>,
    aliases: Vec<role_alias::Model>,
    technologies: Vec<role_technology::Model>,
    comparisons: Vec<role_comparison::Model>,
    places: super::place::PlaceRows,
}

/// Every row of `E` by id, streamed: raw rows are dropped as they are decoded instead of all
/// being held at once.
async fn all<E: EntityTrait, C: ConnectionTrait + StreamTrait>(
    c: &C,
    id: E::Column,
) -> ApiResult<Vec<E::Model>> {
    let mut rows = Vec::new();
    let mut stream = E::find().order_by_asc(id).stream(c).await?;
    while let Some(row) = stream.try_next().await? {
        rows.push(row);
    }
    Ok(rows)
}

async fn version<C: ConnectionTrait>(c: &C) -> ApiResult<i64> {
    Ok(data_version::Entity::find_by_id(1)
        .one(c)
        .await?
        .map_or(0, |row| row.version))
}

/// Reads every table inside one read-only transaction (so at one data version), one after the
/// other on one connection: measured faster than parallel reads on two cores, and it keeps the
/// build's transient memory on one thread (see BENCHMARKS.md).
async fn read_in_transaction(db: &DatabaseConnection) -> ApiResult<Tables> {
    let txn = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => db.begin().await?,
    };
    let t = Tables {
        version: version(&txn).await?,
        roles: all::<role::Entity, _>(&txn, role::Column::Id).await?,
        skills: all::<skill::Entity, _>(&txn, skill::Column::Id).await?,
        certifications: all::<certification::Entity, _>(&txn, certification::Column::Id).await?,
        sources: all::<source::Entity, _>(&txn, source::Column::Id).await?,
        moves: all::<career_move::Entity, _>(&txn, career_move::Column::Id).await?,
        profiles: all::<role_profile::Entity, _>(&txn, role_profile::Column::Id).await?,
        demographics: all::<role_demographic::Entity, _>(&txn, role_demographic::Column::Id)
            .await?,
        role_skills: all::<role_skill::Entity, _>(&txn, role_skill::Column::Id).await?,
        role_certifications: all::<role_certification::Entity, _>(
            &txn,
            role_certification::Column::Id,
        )
        .await?,
        duties: all::<role_duty::Entity, _>(&txn, role_duty::Column::Id).await?,
        education: all::<role_education::Entity, _>(&txn, role_education::Column::Id).await?,
        attributes: all::<role_attribute::Entity, _>(&txn, role_attribute::Column::Id).await?,
        regional_wages: all::<role_regional_wage::Entity, _>(&txn, role_regional_wage::Column::Id)
            .await?,
        aliases: all::<role_alias::Entity, _>(&txn, role_alias::Column::Id).await?,
        technologies: all::<role_technology::Entity, _>(&txn, role_technology::Column::Id).await?,
        comparisons: all::<role_comparison::Entity, _>(&txn, role_comparison::Column::Id).await?,
        places: super::place::read(&txn).await?,
    };
    txn.commit().await?;
    Ok(t)
}

/// Reads the database at one data version and builds the model.
pub async fn load(db: &DatabaseConnection) -> ApiResult<ReadModel> {
    let started = std::time::Instant::now();
    let t = read_in_transaction(db).await?;
    let read = started.elapsed();
    let model = build(t);
    tracing::info!(
        version = model.version,
        roles = model.roles.len(),
        moves = model.moves.len(),
        read_ms = read.as_millis() as u64,
        total_ms = started.elapsed().as_millis() as u64,
        "read model built"
    );
    Ok(model)
}

/// Groups `rows` by role index (rows of unknown roles are dropped).
fn per_role<T>(
    rows: Vec<T>,
    roles: usize,
    role_of: impl Fn(&T) -> i32,
    index: &IdIndex,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = (0..roles).map(|_| Vec::new()).collect();
    for row in rows {
        if let Some(&i) = index.get(&role_of(&row)) {
            out[i as usize].push(row);
        }
    }
    out
}

fn ids_of<T>(rows: &[T], id: impl Fn(&T) -> i32) -> IdIndex {
    IdIndex::new(rows.iter().enumerate().map(|(i, r)| (id(r), i as u32)))
}

fn index_by<T, K: std::hash::Hash + Eq>(rows: &[T], key: impl Fn(&T) -> K) -> HashMap<K, u32> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| (key(r), i as u32))
        .collect()
}

/// Role indices sorted by `key` in both directions; unknown keys last, ties by id.
fn orders<K: Ord + Copy>(roles: &[role::Model], key: impl Fn(usize) -> Option<K>) -> [Vec<u32>; 2] {
    let mut asc: Vec<u32> = (0..roles.len() as u32).collect();
    asc.sort_by(|&a, &b| {
        let (ka, kb) = (key(a as usize), key(b as usize));
        ka.is_none()
            .cmp(&kb.is_none())
            .then(ka.cmp(&kb))
            .then(roles[a as usize].id.cmp(&roles[b as usize].id))
    });
    let mut desc: Vec<u32> = (0..roles.len() as u32).collect();
    desc.sort_by(|&a, &b| {
        let (ka, kb) = (key(a as usize), key(b as usize));
        ka.is_none()
            .cmp(&kb.is_none())
            .then(kb.cmp(&ka))
            .then(roles[a as usize].id.cmp(&roles[b as usize].id))
    });
    [asc, desc]
}

fn by_name<T>(rows: &[T], name: impl Fn(&T) -> (&str, i32)) -> Vec<u32> {
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_by(|&a, &b| name(&rows[a as usize]).cmp(&name(&rows[b as usize])));
    order
}

fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// A role's skill weights aggregated over sources (highest share, importance and level, best
/// rank), in first-loaded order.
fn skill_weights(links: &[role_skill::Model]) -> Vec<SkillWeight> {
    let mut by_id: Vec<&role_skill::Model> = links.iter().collect();
    by_id.sort_by_key(|l| l.id);
    let mut list: Vec<SkillWeight> = Vec::new();
    for link in by_id {
        match list.iter_mut().find(|w| w.skill_id == link.skill_id) {
            Some(w) => {
                w.share_pct = max(w.share_pct, link.share_pct);
                w.importance = max(w.importance, link.importance);
                w.level = max(w.level, link.level);
                w.rank = match (w.rank, link.rank) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => list.push(SkillWeight {
                skill_id: link.skill_id,
                share_pct: link.share_pct,
                importance: link.importance,
                level: link.level,
                rank: link.rank,
            }),
        }
    }
    list
}

/// A role's certifications with their strongest relevance, in first-loaded order.
fn strongest_certifications(links: &[role_certification::Model]) -> Vec<CertificationLink> {
    let mut by_id: Vec<&role_certification::Model> = links.iter().collect();
    by_id.sort_by_key(|l| l.id);
    let mut list: Vec<CertificationLink> = Vec::new();
    for link in by_id {
        match list
            .iter_mut()
            .find(|c| c.certification_id == link.certification_id)
        {
            Some(c) if link.relevance.strength_rank() < c.relevance.strength_rank() => {
                c.relevance = link.relevance
            }
            Some(_) => {}
            None => list.push(CertificationLink {
                certification_id: link.certification_id,
                relevance: link.relevance,
            }),
        }
    }
    list
}

/// Every searchable label: role titles, alternate titles, skill and certification names.
fn search_entries(t: &Tables, facts: &[RoleFacts], roles: &[role::Model]) -> Vec<Entry> {
    let mut entries: Vec<Entry> = roles
        .iter()
        .map(|r| Entry {
            kind: EntryKind::Role,
            id: r.id,
            label: r.title.clone(),
            boost: 1.0,
        })
        .collect();
    let mut aliases: Vec<&role_alias::Model> = facts.iter().flat_map(|f| &f.aliases).collect();
    aliases.sort_by_key(|a| a.id);
    entries.extend(aliases.into_iter().map(|a| Entry {
        kind: EntryKind::Role,
        id: a.role_id,
        label: a.title.clone(),
        boost: 0.9,
    }));
    for s in &t.skills {
        entries.push(Entry {
            kind: EntryKind::Skill,
            id: s.id,
            label: s.name.clone(),
            boost: 0.8,
        });
    }
    for c in &t.certifications {
        if let Some(acronym) = &c.acronym {
            entries.push(Entry {
                kind: EntryKind::Certification,
                id: c.id,
                label: acronym.clone(),
                boost: 0.8,
            });
        }
        entries.push(Entry {
            kind: EntryKind::Certification,
            id: c.id,
            label: c.name.clone(),
            boost: 0.8,
        });
    }
    entries
}

/// Indexes the tables.
fn build(mut t: Tables) -> ReadModel {
    let mut roles = std::mem::take(&mut t.roles);
    roles.sort_by(|a, b| a.slug.cmp(&b.slug));
    let n = roles.len();
    let role_by_id = ids_of(&roles, |r| r.id);
    let role_by_slug = index_by(&roles, |r| r.slug.clone());
    let slug_of = |id: i32| {
        role_by_id
            .get(&id)
            .map(|&i| roles[i as usize].slug.as_str())
    };

    // Each fact table grouped by role (rows of unknown roles dropped).
    macro_rules! by_role {
        ($table:ident) => {
            per_role(std::mem::take(&mut t.$table), n, |r| r.role_id, &role_by_id)
        };
    }
    let mut profiles = by_role!(profiles);
    let mut demographics = by_role!(demographics);
    let mut skills = by_role!(role_skills);
    let mut certs = by_role!(role_certifications);
    let mut duties = by_role!(duties);
    let mut education = by_role!(education);
    let mut attributes = by_role!(attributes);
    let mut wages = by_role!(regional_wages);
    let mut aliases = by_role!(aliases);
    let mut technologies = by_role!(technologies);

    // Moves per role, most likely first, then by the other role's slug, kind and source.
    let mut moves_out: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut moves_in: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut related: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (k, m) in t.moves.iter().enumerate() {
        if let Some(&from) = role_by_id.get(&m.from_role_id) {
            moves_out[from as usize].push(k as u32);
        }
        if let Some(&to) = role_by_id.get(&m.to_role_id) {
            moves_in[to as usize].push(k as u32);
        }
    }
    for i in 0..n {
        // Outgoing links first, then incoming, each in id order (the moves are by id).
        let mut list: Vec<u32> = Vec::new();
        for &k in &moves_out[i] {
            let m = &t.moves[k as usize];
            if let Some(&to) = role_by_id.get(&m.to_role_id)
                && m.kind == MoveKind::Related
                && !list.contains(&to)
            {
                list.push(to);
            }
        }
        for &k in &moves_in[i] {
            let m = &t.moves[k as usize];
            if let Some(&from) = role_by_id.get(&m.from_role_id)
                && m.kind == MoveKind::Related
                && !list.contains(&from)
            {
                list.push(from);
            }
        }
        related[i] = list;
    }
    let moves = &t.moves;
    let order_moves = |list: &mut Vec<u32>, other: fn(&career_move::Model) -> i32| {
        list.sort_by(|&a, &b| {
            let (a, b) = (&moves[a as usize], &moves[b as usize]);
            let (la, lb) = (a.likelihood.unwrap_or(-1.0), b.likelihood.unwrap_or(-1.0));
            lb.total_cmp(&la)
                .then_with(|| slug_of(other(a)).cmp(&slug_of(other(b))))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.source_id.cmp(&b.source_id))
        });
    };
    for list in &mut moves_out {
        order_moves(list, |m| m.to_role_id);
    }
    for list in &mut moves_in {
        order_moves(list, |m| m.from_role_id);
    }

    // Documented comparisons: the role's own side (as `a`) first, then as `b`, each by id.
    let mut comparisons: Vec<Vec<(u32, i32)>> = vec![Vec::new(); n];
    for side_a in [true, false] {
        for c in &t.comparisons {
            let (own, other) = if side_a {
                (c.role_a_id, c.role_b_id)
            } else {
                (c.role_b_id, c.role_a_id)
            };
            if let (Some(&own), Some(&other)) = (role_by_id.get(&own), role_by_id.get(&other)) {
                comparisons[own as usize].push((other, c.source_id));
            }
        }
    }

    let source_by_id = ids_of(&t.sources, |s| s.id);
    let mut facts: Vec<RoleFacts> = Vec::with_capacity(n);
    for i in 0..n {
        let mut f = RoleFacts {
            profiles: std::mem::take(&mut profiles[i]),
            demographics: std::mem::take(&mut demographics[i]),
            skills: std::mem::take(&mut skills[i]),
            certifications: std::mem::take(&mut certs[i]),
            duties: std::mem::take(&mut duties[i]),
            education: std::mem::take(&mut education[i]),
            attributes: std::mem::take(&mut attributes[i]),
            regional_wages: std::mem::take(&mut wages[i]),
            aliases: std::mem::take(&mut aliases[i]),
            technologies: std::mem::take(&mut technologies[i]),
            moves_out: std::mem::take(&mut moves_out[i]),
            moves_in: std::mem::take(&mut moves_in[i]),
            related: std::mem::take(&mut related[i]),
            comparisons: std::mem::take(&mut comparisons[i]),
            ..RoleFacts::default()
        };
        f.profiles.sort_by_key(|p| (p.source_id, p.id));
        f.headline_salary = headline_salary(&f.profiles);
        f.demographics.sort_by_key(|r| (r.source_id, r.id));
        f.skills.sort_by(|a, b| {
            skill_order(a, b)
                .then(a.source_id.cmp(&b.source_id))
                .then(a.id.cmp(&b.id))
        });
        f.certifications.sort_by_key(|r| (r.source_id, r.id));
        f.duties.sort_by_key(|r| (r.source_id, r.position, r.id));
        f.education.sort_by_key(|r| (r.source_id, r.position, r.id));
        f.attributes.sort_by(|a, b| {
            (a.source_id, &a.kind, a.position, a.id).cmp(&(b.source_id, &b.kind, b.position, b.id))
        });
        f.regional_wages
            .sort_by_key(|r| (r.source_id, r.rank, r.id));
        f.aliases
            .sort_by(|a, b| (a.source_id, &a.title, a.id).cmp(&(b.source_id, &b.title, b.id)));
        f.technologies.sort_by(|a, b| {
            b.hot
                .cmp(&a.hot)
                .then(b.in_demand.cmp(&a.in_demand))
                .then(a.name.cmp(&b.name))
                .then(a.source_id.cmp(&b.source_id))
                .then(a.id.cmp(&b.id))
        });
        let mut compared: Vec<u32> = Vec::new();
        for &(other, _) in &f.comparisons {
            if !compared.contains(&other) {
                compared.push(other);
            }
        }
        f.compared_with = compared;
        let mut ids: BTreeSet<i32> = BTreeSet::new();
        ids.extend(f.profiles.iter().map(|r| r.source_id));
        ids.extend(f.demographics.iter().map(|r| r.source_id));
        ids.extend(f.skills.iter().map(|r| r.source_id));
        ids.extend(f.certifications.iter().map(|r| r.source_id));
        ids.extend(f.duties.iter().map(|r| r.source_id));
        ids.extend(f.education.iter().map(|r| r.source_id));
        ids.extend(f.attributes.iter().map(|r| r.source_id));
        ids.extend(f.regional_wages.iter().map(|r| r.source_id));
        ids.extend(f.moves_out.iter().map(|&k| t.moves[k as usize].source_id));
        ids.extend(f.moves_in.iter().map(|&k| t.moves[k as usize].source_id));
        f.sources = ids
            .into_iter()
            .filter_map(|id| source_by_id.get(&id).copied())
            .collect();
        facts.push(f);
    }

    // Skill and certification links, by role id then source then id.
    let skill_by_id = ids_of(&t.skills, |s| s.id);
    let certification_by_id = ids_of(&t.certifications, |c| c.id);
    let mut skill_links: Vec<Vec<LinkAt>> = vec![Vec::new(); t.skills.len()];
    let mut certification_links: Vec<Vec<LinkAt>> = vec![Vec::new(); t.certifications.len()];
    for (i, f) in facts.iter().enumerate() {
        for (pos, link) in f.skills.iter().enumerate() {
            if let Some(&s) = skill_by_id.get(&link.skill_id) {
                skill_links[s as usize].push(LinkAt {
                    role: i as u32,
                    pos: pos as u32,
                });
            }
        }
        for (pos, link) in f.certifications.iter().enumerate() {
            if let Some(&c) = certification_by_id.get(&link.certification_id) {
                certification_links[c as usize].push(LinkAt {
                    role: i as u32,
                    pos: pos as u32,
                });
            }
        }
    }
    let link_key = |l: &LinkAt, source: i32, id: i32| (roles[l.role as usize].id, source, id);
    for list in &mut skill_links {
        list.sort_by_key(|l| {
            let r = &facts[l.role as usize].skills[l.pos as usize];
            link_key(l, r.source_id, r.id)
        });
    }
    for list in &mut certification_links {
        list.sort_by_key(|l| {
            let r = &facts[l.role as usize].certifications[l.pos as usize];
            link_key(l, r.source_id, r.id)
        });
    }

    let orders = RoleOrders {
        title: orders(&roles, |i| Some((roles[i].title.as_str(), 0))),
        seniority: orders(&roles, |i| roles[i].seniority),
        salary: orders(&roles, |i| facts[i].headline_salary),
    };

    // The route engine's graph, built from the same rows (same role order: by slug).
    let nodes: Vec<RoleNode> = roles
        .iter()
        .zip(&facts)
        .map(|(r, f)| RoleNode {
            id: r.id,
            slug: r.slug.clone(),
            title: r.title.clone(),
            salary: f.headline_salary,
            skills: skill_weights(&f.skills),
            certifications: strongest_certifications(&f.certifications),
        })
        .collect();
    let parts = GraphParts {
        version: t.version,
        moves: t
            .moves
            .iter()
            .map(|m| MovePart {
                id: m.id,
                from_role_id: m.from_role_id,
                to_role_id: m.to_role_id,
                kind: m.kind,
                years: m.typical_years,
                likelihood: m.likelihood,
                source_id: m.source_id,
            })
            .collect(),
        search_entries: search_entries(&t, &facts, &roles),
        roles: nodes,
    };
    let graph = GraphSnapshot::build(parts);
    let places = super::place::Places::build(std::mem::take(&mut t.places), &roles);

    ReadModel {
        version: t.version,
        titles_lower: roles.iter().map(|r| r.title.to_lowercase()).collect(),
        skills_by_name: by_name(&t.skills, |s| (s.name.as_str(), s.id)),
        certifications_by_name: by_name(&t.certifications, |c| (c.name.as_str(), c.id)),
        role_rows: RowIndex::new(role_by_slug, role_by_id),
        skill_rows: RowIndex::new(index_by(&t.skills, |s| s.slug.clone()), skill_by_id),
        certification_rows: RowIndex::new(
            index_by(&t.certifications, |c| c.slug.clone()),
            certification_by_id,
        ),
        source_rows: RowIndex::new(index_by(&t.sources, |s| s.key.clone()), source_by_id),
        move_by_id: ids_of(&t.moves, |m| m.id),
        orders,
        roles,
        facts,
        skill_links,
        certification_links,
        skills: t.skills,
        certifications: t.certifications,
        sources: t.sources,
        moves: t.moves,
        graph,
        places,
    }
}
