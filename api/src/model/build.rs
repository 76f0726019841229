//! Reads every table once, at one data version, and indexes it into a [`ReadModel`].

use std::collections::{BTreeSet, HashMap};

use futures_util::TryStreamExt;

use entity::{
    career_move, certification, job_zone, role, role_alias, role_attribute, role_certification,
    role_comparison, role_demographic, role_duty, role_education, role_profile, role_regional_wage,
    role_skill, role_statement, role_technology, skill, source,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, StreamTrait};

use super::place::PlaceSlot;
use super::rows::RoleSkill;
use super::{
    IdIndex, LinkAt, ReadModel, RoleFacts, RoleOrders, RowIndex, pay_profile, requirement_rank,
    skill_order,
};
use crate::career::GraphSnapshot;
use crate::career::snapshot::{
    CertificationLink, GraphParts, MoveKind, MovePart, RoleNode, SkillWeight,
};
use crate::career::text_index::{Entry, EntryKind, title_forms};
use crate::error::ApiResult;

mod facts;
mod zones;

use facts::role_facts;

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
    /// Already compact: the largest table.
    role_skills: Vec<RoleSkill>,
    role_certifications: Vec<role_certification::Model>,
    duties: Vec<role_duty::Model>,
    education: Vec<role_education::Model>,
    attributes: Vec<role_attribute::Model>,
    regional_wages: Vec<role_regional_wage::Model>,
    aliases: Vec<role_alias::Model>,
    technologies: Vec<role_technology::Model>,
    statements: Vec<role_statement::Model>,
    comparisons: Vec<role_comparison::Model>,
    /// The imported Job Zone Reference (empty: O*NET's 1–5, see `career::zones`).
    job_zones: Vec<job_zone::Model>,
    /// `data_version.area_version`: which area data the model's [`PlaceSlot`] holds.
    area_version: i64,
}

/// Every row of `E` by id, streamed: raw rows are dropped as they are decoded instead of all
/// being held at once.
async fn all<E: EntityTrait, C: ConnectionTrait + StreamTrait>(
    c: &C,
    id: E::Column,
) -> ApiResult<Vec<E::Model>>
where
    E::Model: Sync,
{
    all_as::<E, _, _>(c, id, |row| row).await
}

/// Every row of `E` by id, each turned into the model's own row as it is decoded (so the
/// entity rows of a large table are never all held at once), into a vector sized by a count
/// in the same snapshot (no doubling, no spare capacity).
async fn all_as<E, T, C>(
    c: &C,
    id: E::Column,
    mut into: impl FnMut(E::Model) -> T,
) -> ApiResult<Vec<T>>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait + StreamTrait,
{
    let count = sea_orm::PaginatorTrait::count(E::find(), c).await?;
    let mut rows = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    let mut stream = E::find().order_by_asc(id).stream(c).await?;
    while let Some(row) = stream.try_next().await? {
        rows.push(into(row));
    }
    rows.shrink_to_fit();
    Ok(rows)
}

/// Reads every table but the area tables inside one snapshot transaction (so at one data
/// version), one after the other on one connection: measured faster than parallel reads on two
/// cores, and it keeps the build's transient memory on one thread (see BENCHMARKS.md).
async fn read_in_transaction(db: &DatabaseConnection) -> ApiResult<Tables> {
    let txn = super::snapshot_transaction(db).await?;
    let (version, area_version) = super::versions(&txn).await?;
    let t = Tables {
        version,
        area_version,
        roles: all::<role::Entity, _>(&txn, role::Column::Id).await?,
        skills: all::<skill::Entity, _>(&txn, skill::Column::Id).await?,
        certifications: all::<certification::Entity, _>(&txn, certification::Column::Id).await?,
        sources: all::<source::Entity, _>(&txn, source::Column::Id).await?,
        moves: all::<career_move::Entity, _>(&txn, career_move::Column::Id).await?,
        profiles: all::<role_profile::Entity, _>(&txn, role_profile::Column::Id).await?,
        demographics: all::<role_demographic::Entity, _>(&txn, role_demographic::Column::Id)
            .await?,
        role_skills: all_as::<role_skill::Entity, _, _>(
            &txn,
            role_skill::Column::Id,
            RoleSkill::from,
        )
        .await?,
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
        statements: all::<role_statement::Entity, _>(&txn, role_statement::Column::Id).await?,
        comparisons: all::<role_comparison::Entity, _>(&txn, role_comparison::Column::Id).await?,
        job_zones: all::<job_zone::Entity, _>(&txn, job_zone::Column::Id).await?,
    };
    txn.commit().await?;
    Ok(t)
}

/// Reads the database at one data version and builds the model. Its area wages are
/// `previous`'s when the area version has not moved since, else a new, unfilled
/// [`PlaceSlot`] (see [`super::place`]).
pub async fn load(db: &DatabaseConnection, previous: Option<&PlaceSlot>) -> ApiResult<ReadModel> {
    let started = std::time::Instant::now();
    let t = read_in_transaction(db).await?;
    let read = started.elapsed();
    let places = match previous {
        Some(slot) if slot.area_version() == t.area_version => slot.clone(),
        _ => PlaceSlot::new(db.clone(), t.area_version),
    };
    let model = build(t, places);
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

fn ids_of<T>(rows: &[T], id: impl Fn(&T) -> i32) -> IdIndex {
    IdIndex::new(rows.iter().enumerate().map(|(i, r)| (id(r), i as u32)))
}

fn index_by<T, K: std::hash::Hash + Eq>(rows: &[T], key: impl Fn(&T) -> K) -> HashMap<K, u32> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| (key(r), i as u32))
        .collect()
}

/// Role indices sorted by `key` ascending and descending; unknown keys last, ties by id.
fn orders<K: Ord + Copy>(roles: &[role::Model], key: impl Fn(usize) -> Option<K>) -> [Vec<u32>; 2] {
    let sorted = |descending: bool| {
        let mut order: Vec<u32> = (0..roles.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (ka, kb) = (key(a as usize), key(b as usize));
            let by_key = if descending { kb.cmp(&ka) } else { ka.cmp(&kb) };
            ka.is_none()
                .cmp(&kb.is_none())
                .then(by_key)
                .then(roles[a as usize].id.cmp(&roles[b as usize].id))
        });
        order
    };
    [sorted(false), sorted(true)]
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
fn skill_weights(links: &[RoleSkill]) -> Vec<SkillWeight> {
    let mut by_id: Vec<&RoleSkill> = links.iter().collect();
    by_id.sort_by_key(|l| l.id);
    let mut list: Vec<SkillWeight> = Vec::new();
    for link in by_id {
        match list.iter_mut().find(|w| w.skill_id == link.skill_id) {
            Some(w) => {
                w.share_pct = max(w.share_pct, link.share_pct());
                w.importance = max(w.importance, link.importance());
                w.level = max(w.level, link.level());
                w.rank = match (w.rank, link.rank()) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => list.push(SkillWeight {
                skill_id: link.skill_id,
                share_pct: link.share_pct(),
                importance: link.importance(),
                level: link.level(),
                rank: link.rank(),
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
            label: r.title.as_str().into(),
            boost: 1.0,
        })
        .collect();
    let mut aliases: Vec<&super::rows::RoleAlias> = facts.iter().flat_map(|f| &f.aliases).collect();
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
            label: s.name.as_str().into(),
            boost: 0.8,
        });
    }
    for c in &t.certifications {
        if let Some(acronym) = &c.acronym {
            entries.push(Entry {
                kind: EntryKind::Certification,
                id: c.id,
                label: acronym.as_str().into(),
                boost: 0.8,
            });
        }
        entries.push(Entry {
            kind: EntryKind::Certification,
            id: c.id,
            label: c.name.as_str().into(),
            boost: 0.8,
        });
    }
    entries
}

/// The roles in slug order (the order of [`ReadModel::roles`] and of the route engine's graph,
/// so one role index serves both) and the id indexes every later step resolves references
/// through.
struct Indexes {
    roles: Vec<role::Model>,
    role_by_id: IdIndex,
    skill_by_id: IdIndex,
    certification_by_id: IdIndex,
    source_by_id: IdIndex,
}

impl Indexes {
    /// Takes the roles out of `t`, sorts them by slug and indexes roles, skills,
    /// certifications and sources by id.
    fn new(t: &mut Tables) -> Self {
        let mut roles = std::mem::take(&mut t.roles);
        roles.sort_by(|a, b| a.slug.cmp(&b.slug));
        // A role without a job zone of its own (a curated role) takes its O*NET occupation's.
        let zones: HashMap<String, i32> = roles
            .iter()
            .filter_map(|r| Some((r.onet_code.clone()?, r.job_zone?)))
            .collect();
        for r in roles.iter_mut().filter(|r| r.job_zone.is_none()) {
            r.job_zone = r.onet_code.as_ref().and_then(|c| zones.get(c)).copied();
        }
        Self {
            role_by_id: ids_of(&roles, |r| r.id),
            skill_by_id: ids_of(&t.skills, |s| s.id),
            certification_by_id: ids_of(&t.certifications, |c| c.id),
            source_by_id: ids_of(&t.sources, |s| s.id),
            roles,
        }
    }

    /// Index of the role with this id.
    fn role(&self, id: i32) -> Option<u32> {
        self.role_by_id.get(&id).copied()
    }

    /// Slug of the role with this id.
    fn slug_of(&self, id: i32) -> Option<&str> {
        self.role(id).map(|i| self.roles[i as usize].slug.as_str())
    }
}

/// A role's link to a skill or a certification, as held in [`RoleFacts`].
trait RoleLink: Sized {
    /// The role's list of these links.
    fn of(facts: &RoleFacts) -> &[Self];
    /// Id of the skill or certification linked to.
    fn target(&self) -> i32;
    /// Source and row id, the tie-breaks after the role's id.
    fn source_and_id(&self) -> (i32, i32);
}

impl RoleLink for RoleSkill {
    fn of(facts: &RoleFacts) -> &[Self] {
        &facts.skills
    }
    fn target(&self) -> i32 {
        self.skill_id
    }
    fn source_and_id(&self) -> (i32, i32) {
        (self.source_id, self.id)
    }
}

impl RoleLink for role_certification::Model {
    fn of(facts: &RoleFacts) -> &[Self] {
        &facts.certifications
    }
    fn target(&self) -> i32 {
        self.certification_id
    }
    fn source_and_id(&self) -> (i32, i32) {
        (self.source_id, self.id)
    }
}

/// Per skill or certification (`targets` of them, indexed by `target_by_id`): where each
/// role's link to it sits, by role id, then source, then link id, so listings of the roles
/// needing a skill or certification come out in a stable order without sorting per query.
fn links_to<L: RoleLink>(
    facts: &[RoleFacts],
    roles: &[role::Model],
    target_by_id: &IdIndex,
    targets: usize,
) -> Vec<Vec<LinkAt>> {
    let mut links: Vec<Vec<LinkAt>> = vec![Vec::new(); targets];
    for (i, f) in facts.iter().enumerate() {
        for (pos, link) in L::of(f).iter().enumerate() {
            if let Some(&t) = target_by_id.get(&link.target()) {
                links[t as usize].push(LinkAt {
                    role: i as u32,
                    pos: pos as u32,
                });
            }
        }
    }
    for list in &mut links {
        list.sort_by_key(|l| {
            let (source, id) = L::of(&facts[l.role as usize])[l.pos as usize].source_and_id();
            (roles[l.role as usize].id, source, id)
        });
    }
    links
}

/// The role listings by title, seniority and headline salary, each ascending and descending.
fn role_orders(roles: &[role::Model], facts: &[RoleFacts]) -> RoleOrders {
    RoleOrders {
        title: orders(roles, |i| Some((roles[i].title.as_str(), 0))),
        seniority: orders(roles, |i| roles[i].seniority),
        salary: orders(roles, |i| facts[i].headline_salary),
    }
}

/// The route engine's graph and text index, built from the same rows: its nodes are in the
/// same (slug) order as `roles`, and `GraphSnapshot::build` sorts by slug again, so a role's
/// index is the same in both.
fn graph_snapshot(t: &Tables, roles: &[role::Model], facts: &[RoleFacts]) -> GraphSnapshot {
    let zones = zones::job_zones(&t.job_zones);
    let nodes: Vec<RoleNode> = roles
        .iter()
        .zip(facts)
        .map(|(r, f)| RoleNode {
            id: r.id,
            slug: r.slug.clone(),
            title: r.title.clone(),
            salary: f.headline_salary,
            job_zone: r.job_zone.and_then(|z| zones.zone(z)),
            pay: f.pay_by_kind(r.onet_code.as_deref()),
            skills: skill_weights(&f.skills).into(),
            certifications: strongest_certifications(&f.certifications),
        })
        .collect();
    let moves = t.moves.iter().map(|m| MovePart {
        id: m.id,
        from_role_id: m.from_role_id,
        to_role_id: m.to_role_id,
        kind: m.kind,
        years: m.typical_years,
        likelihood: m.likelihood,
        source_id: m.source_id,
    });
    GraphSnapshot::build(GraphParts {
        version: t.version,
        moves: moves.collect(),
        search_entries: search_entries(t, facts, roles),
        roles: nodes,
        zones,
    })
}

/// Indexes the tables: roles in slug order with their facts, the reverse links from skills
/// and certifications, the precomputed role listings and the route engine's graph.
fn build(mut t: Tables, places: PlaceSlot) -> ReadModel {
    let ix = Indexes::new(&mut t);
    let facts = role_facts(&mut t, &ix);
    let skill_links = links_to::<RoleSkill>(&facts, &ix.roles, &ix.skill_by_id, t.skills.len());
    let certification_links = links_to::<role_certification::Model>(
        &facts,
        &ix.roles,
        &ix.certification_by_id,
        t.certifications.len(),
    );
    let orders = role_orders(&ix.roles, &facts);
    let graph = graph_snapshot(&t, &ix.roles, &facts);
    let Indexes {
        roles,
        role_by_id,
        skill_by_id,
        certification_by_id,
        source_by_id,
    } = ix;
    ReadModel {
        version: t.version,
        titles_lower: roles.iter().map(|r| r.title.to_lowercase()).collect(),
        title_forms: roles.iter().map(|r| title_forms(&r.title)).collect(),
        skills_by_name: by_name(&t.skills, |s| (s.name.as_str(), s.id)),
        certifications_by_name: by_name(&t.certifications, |c| (c.name.as_str(), c.id)),
        role_rows: RowIndex::new(index_by(&roles, |r| r.slug.clone()), role_by_id),
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
        moves: {
            let mut strings = super::rows::Interner::default();
            let moves = t.moves.into_iter();
            moves
                .map(|m| super::rows::Move::new(m, &mut strings))
                .collect()
        },
        graph,
        places,
    }
}
