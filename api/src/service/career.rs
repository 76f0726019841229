//! Reads the role graph for the career-path engine.

use std::collections::HashMap;

use entity::{
    career_move, certification, data_version, role, role_alias, role_certification, role_profile,
    role_skill, skill,
};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder, QuerySelect};

use crate::career::gap::relevance_rank;
use crate::career::snapshot::{
    CertificationLink, EdgeKind, GraphParts, MovePart, RoleNode, SkillWeight,
};
use crate::career::text_index::{Entry, EntryKind};
use crate::error::ApiResult;
use crate::service::role::headline_salary;

/// The current data version (0 before anything was written).
pub async fn data_version(db: &DatabaseConnection) -> ApiResult<i64> {
    Ok(data_version::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |row| row.version))
}

fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// Everything the engine needs, read at one data version.
pub async fn graph_parts(db: &DatabaseConnection) -> ApiResult<GraphParts> {
    let version = data_version(db).await?;
    let roles = role::Entity::find()
        .order_by_asc(role::Column::Id)
        .all(db)
        .await?;
    let mut profiles: HashMap<i32, Vec<role_profile::Model>> = HashMap::new();
    for p in role_profile::Entity::find().all(db).await? {
        profiles.entry(p.role_id).or_default().push(p);
    }
    let mut skills: HashMap<i32, Vec<SkillWeight>> = HashMap::new();
    for link in role_skill::Entity::find()
        .order_by_asc(role_skill::Column::Id)
        .all(db)
        .await?
    {
        let list = skills.entry(link.role_id).or_default();
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
    let mut certifications: HashMap<i32, Vec<CertificationLink>> = HashMap::new();
    let links = role_certification::Entity::find()
        .order_by_asc(role_certification::Column::Id)
        .all(db)
        .await?;
    for link in links {
        let list = certifications.entry(link.role_id).or_default();
        match list
            .iter_mut()
            .find(|c| c.certification_id == link.certification_id)
        {
            Some(c) if relevance_rank(&link.relevance) < relevance_rank(&c.relevance) => {
                c.relevance = link.relevance
            }
            Some(_) => {}
            None => list.push(CertificationLink {
                certification_id: link.certification_id,
                relevance: link.relevance,
            }),
        }
    }
    let nodes: Vec<RoleNode> = roles
        .into_iter()
        .map(|r| RoleNode {
            salary: headline_salary(profiles.get(&r.id).map_or(&[][..], Vec::as_slice)),
            skills: skills.remove(&r.id).unwrap_or_default(),
            certifications: certifications.remove(&r.id).unwrap_or_default(),
            id: r.id,
            slug: r.slug,
            title: r.title,
        })
        .collect();
    let moves = career_move::Entity::find()
        .order_by_asc(career_move::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| MovePart {
            id: m.id,
            from_role_id: m.from_role_id,
            to_role_id: m.to_role_id,
            kind: EdgeKind::parse(&m.kind),
            years: m.typical_years,
            likelihood: m.likelihood,
            source_id: m.source_id,
        })
        .collect();
    Ok(GraphParts {
        version,
        moves,
        search_entries: search_entries(db, &nodes).await?,
        roles: nodes,
    })
}

/// Every searchable label: role titles (from the roles already read), alternate titles, skill
/// and certification names.
async fn search_entries(db: &DatabaseConnection, roles: &[RoleNode]) -> ApiResult<Vec<Entry>> {
    let mut entries: Vec<Entry> = roles
        .iter()
        .map(|r| Entry {
            kind: EntryKind::Role,
            id: r.id,
            label: r.title.clone(),
            boost: 1.0,
        })
        .collect();
    let aliases: Vec<(i32, String)> = role_alias::Entity::find()
        .select_only()
        .column(role_alias::Column::RoleId)
        .column(role_alias::Column::Title)
        .into_tuple()
        .all(db)
        .await?;
    entries.extend(aliases.into_iter().map(|(id, label)| Entry {
        kind: EntryKind::Role,
        id,
        label,
        boost: 0.9,
    }));
    for s in skill::Entity::find().all(db).await? {
        entries.push(Entry {
            kind: EntryKind::Skill,
            id: s.id,
            label: s.name,
            boost: 0.8,
        });
    }
    for c in certification::Entity::find().all(db).await? {
        if let Some(acronym) = c.acronym {
            entries.push(Entry {
                kind: EntryKind::Certification,
                id: c.id,
                label: acronym,
                boost: 0.8,
            });
        }
        entries.push(Entry {
            kind: EntryKind::Certification,
            id: c.id,
            label: c.name,
            boost: 0.8,
        });
    }
    Ok(entries)
}
