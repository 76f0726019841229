//! The read model: one immutable, indexed copy of every fact the API serves, built once per
//! data version and swapped atomically (see [`ModelStore`]). Every query reads it and runs no
//! SQL; orderings that are per-role constants (a role's skills heaviest first, its moves most
//! likely first, role listings by title, seniority or salary) are computed here, at build time,
//! so resolvers only pick.
//!
//! Roles are kept sorted by slug, the same order as the route engine's graph, so a role's
//! index is the same in both.

mod build;
pub mod place;
pub mod rows;
mod store;
pub mod watch;

use std::collections::HashMap;

use entity::{
    certification, role, role_attribute, role_certification, role_demographic, role_duty,
    role_education, role_profile, role_regional_wage, role_statement, skill, source,
};

pub use crate::career::gap::{SkillWeighting, Weights, skill_order};
/// Kept at its old path: the model's rows were written against `model::compact`.
pub use crate::compact;
pub use build::load;
pub use store::ModelStore;

use crate::career::GraphSnapshot;
use crate::error::ApiResult;

/// A transaction that sees one snapshot of the data: on PostgreSQL read-only and REPEATABLE
/// READ; on SQLite a deferred transaction (its first read fixes the snapshot).
pub(crate) async fn snapshot_transaction(
    db: &sea_orm::DatabaseConnection,
) -> ApiResult<sea_orm::DatabaseTransaction> {
    use sea_orm::{AccessMode, DatabaseBackend, IsolationLevel, TransactionTrait};
    Ok(match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => db.begin().await?,
    })
}

/// The data version and the area version (`data_version.area_version`) the connection sees.
pub(crate) async fn versions(c: &impl sea_orm::ConnectionTrait) -> ApiResult<(i64, i64)> {
    use sea_orm::EntityTrait;
    Ok(entity::data_version::Entity::find_by_id(1)
        .one(c)
        .await?
        .map_or((0, 0), |row| (row.version, row.area_version)))
}

/// Facts hanging off one role, each list in the order the API returns it.
#[derive(Debug, Default)]
pub struct RoleFacts {
    /// One profile per source: sources without an as-of month (documents, editorial) by id,
    /// then dataset releases newest first.
    pub profiles: Vec<role_profile::Model>,
    /// Position in `profiles` of the role's pay record (the pay rule, README "Pay"): the first
    /// profile stating pay from a source that describes the role itself (a document or the
    /// editorial source), else the newest dataset release's (the occupation benchmark).
    pub pay_profile: Option<u32>,
    /// Position in `profiles` of the newest dataset release stating pay (BLS: the occupation
    /// benchmark), when any.
    pub benchmark_profile: Option<u32>,
    /// Headline yearly salary of the pay record (see [`headline_salary`]).
    pub headline_salary: Option<i32>,
    /// By source, then share, largest first, then id.
    pub demographics: Vec<role_demographic::Model>,
    /// Heaviest first (see [`skill_order`]).
    pub skills: Vec<rows::RoleSkill>,
    /// Positions in `skills` grouped by skill, in the order the skills first appear (so
    /// heaviest first).
    pub skill_items: Groups,
    /// By source, then id.
    pub certifications: Vec<role_certification::Model>,
    /// Positions in `certifications` grouped by certification: strongest relevance first, then
    /// in the order sources name them.
    pub certification_items: Groups,
    /// By source, then position.
    pub duties: Vec<role_duty::Model>,
    /// By source, then position.
    pub education: Vec<role_education::Model>,
    /// Positions in `education` grouped by degree level: strongest requirement first (see
    /// [`requirement_rank`]), then in the order the levels first appear.
    pub degrees: Groups,
    /// The same for each source stating education (by source id), for one source's view.
    pub degrees_by_source: Vec<(i32, Groups)>,
    /// By source, kind, position.
    pub attributes: Vec<role_attribute::Model>,
    /// By source, then rank.
    pub regional_wages: Vec<role_regional_wage::Model>,
    /// By source, then title.
    pub aliases: Vec<rows::RoleAlias>,
    /// Hot first, then in demand, then by name.
    pub technologies: Vec<rows::RoleTechnology>,
    /// Narrative statements: by source, then position.
    pub statements: Vec<role_statement::Model>,
    /// Indices into [`ReadModel::moves`] of moves leaving the role, most likely first.
    pub moves_out: Vec<u32>,
    /// Indices into [`ReadModel::moves`] of moves arriving at the role, most likely first.
    pub moves_in: Vec<u32>,
    /// Role indices linked by a related-role entry, either direction, first seen first.
    pub related: Vec<u32>,
    /// Documented comparisons: (other role index, source id), the role's own side first.
    pub comparisons: Vec<(u32, i32)>,
    /// Role indices a source compares this one with, without duplicates.
    pub compared_with: Vec<u32>,
    /// Source indices of every source stating a fact about the role, by source id.
    pub sources: Vec<u32>,
}

impl RoleFacts {
    /// The headline yearly salary of the profile at position `at`.
    pub(crate) fn salary_at(&self, at: Option<u32>) -> Option<i32> {
        at.and_then(|i| headline_salary(std::slice::from_ref(&self.profiles[i as usize])))
    }

    /// The role's pay figures by kind: its own (when the pay record is not the benchmark), the
    /// occupation benchmark with its release, and its occupation (SOC code of `onet_code`).
    pub fn pay_by_kind(&self, onet_code: Option<&str>) -> crate::career::snapshot::RolePay {
        let own = self
            .pay_profile
            .filter(|&p| Some(p) != self.benchmark_profile);
        crate::career::snapshot::RolePay {
            own: self.salary_at(own),
            benchmark: self.salary_at(self.benchmark_profile).zip(
                self.benchmark_profile
                    .map(|p| self.profiles[p as usize].source_id),
            ),
            occupation: onet_code.map(|c| c.split('.').next().unwrap_or(c).to_owned()),
        }
    }
}

/// Role listings, precomputed per sort key and direction (ties by id, unknown values last).
#[derive(Debug, Default)]
pub struct RoleOrders {
    pub title: [Vec<u32>; 2],
    pub seniority: [Vec<u32>; 2],
    pub salary: [Vec<u32>; 2],
}

/// Lists of positions, stored flat (one vector of positions and one of where each list
/// ends) instead of a vector per list: a role's hundred-odd skill items cost 4 bytes each
/// plus their positions, not a 24-byte header and an allocation each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    ends: Vec<u32>,
    positions: Vec<u32>,
}

impl Groups {
    /// The lists in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.positions[start as usize..end as usize])
    }

    /// The number of lists.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no lists.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl<'a> FromIterator<&'a [u32]> for Groups {
    fn from_iter<I: IntoIterator<Item = &'a [u32]>>(lists: I) -> Self {
        let mut groups = Self::default();
        for list in lists {
            groups.positions.extend_from_slice(list);
            groups.ends.push(groups.positions.len() as u32);
        }
        groups.ends.shrink_to_fit();
        groups.positions.shrink_to_fit();
        groups
    }
}

/// Where a role↔skill or role↔certification link sits: the role's index and the link's
/// position in that role's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkAt {
    pub role: u32,
    pub pos: u32,
}

/// Positions by database id: a dense array (ids are small, positive and mostly contiguous), so
/// resolving a reference costs one bounds-checked load instead of hashing.
#[derive(Debug, Default)]
pub struct IdIndex(Vec<u32>);

impl IdIndex {
    const NONE: u32 = u32::MAX;

    /// The index of `(id, position)` pairs; ids below 0 are ignored.
    pub fn new(pairs: impl Iterator<Item = (i32, u32)>) -> Self {
        let mut slots: Vec<u32> = Vec::new();
        for (id, position) in pairs {
            let Ok(id) = usize::try_from(id) else {
                continue;
            };
            if id >= slots.len() {
                slots.resize(id + 1, Self::NONE);
            }
            slots[id] = position;
        }
        Self(slots)
    }

    /// The position of the row with this id.
    pub fn get(&self, id: &i32) -> Option<&u32> {
        let slot = self.0.get(usize::try_from(*id).ok()?)?;
        (*slot != Self::NONE).then_some(slot)
    }
}

/// Positions of one table's rows by natural key (a slug, or a source's key) and by id.
#[derive(Debug, Default)]
struct RowIndex {
    by_key: HashMap<String, u32>,
    by_id: IdIndex,
}

impl RowIndex {
    fn new(by_key: HashMap<String, u32>, by_id: IdIndex) -> Self {
        Self { by_key, by_id }
    }

    fn key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).map(|&i| i as usize)
    }

    fn id(&self, id: i32) -> Option<usize> {
        self.by_id.get(&id).map(|&i| i as usize)
    }
}

/// The whole read model at one data version.
#[derive(Debug, Default)]
pub struct ReadModel {
    /// Data version the model was built from (-1: nothing built yet).
    pub version: i64,
    /// Every role, sorted by slug.
    pub roles: Vec<role::Model>,
    /// Facts per role, parallel to `roles`.
    pub facts: Vec<RoleFacts>,
    /// Lower-case titles, parallel to `roles` (for listing searches).
    pub(crate) titles_lower: Vec<String>,
    /// The word forms each title may be asked by ([`title_forms`]), parallel to `roles` (for
    /// resolving a role named by its title).
    ///
    /// [`title_forms`]: crate::career::text_index::title_forms
    pub title_forms: Vec<Vec<Vec<String>>>,
    pub orders: RoleOrders,
    /// Every skill, by id.
    pub skills: Vec<skill::Model>,
    /// Per skill: the role links to it, by role id then source.
    pub skill_links: Vec<Vec<LinkAt>>,
    /// Skill indices by name, then id.
    pub skills_by_name: Vec<u32>,
    /// Every certification, by id.
    pub certifications: Vec<certification::Model>,
    /// Per certification: the role links to it, by role id then source.
    pub certification_links: Vec<Vec<LinkAt>>,
    /// Certification indices by name, then id.
    pub certifications_by_name: Vec<u32>,
    /// Every source, by id.
    pub sources: Vec<source::Model>,
    /// Every move, by id.
    pub moves: Vec<rows::Move>,
    /// Where each row of `roles`, `skills`, `certifications` and `sources` sits.
    role_rows: RowIndex,
    skill_rows: RowIndex,
    certification_rows: RowIndex,
    source_rows: RowIndex,
    move_by_id: IdIndex,
    /// The route engine's graph and the text-search index, same role indices as `roles`.
    pub graph: GraphSnapshot,
    /// Areas and pay by area, read apart from the rest (see [`place`]).
    pub places: place::PlaceSlot,
}

impl ReadModel {
    /// Index of the role with this slug.
    pub fn role_index(&self, slug: &str) -> Option<usize> {
        self.role_rows.key(slug)
    }
    /// Index of the role with this database id.
    pub fn role_index_of_id(&self, id: i32) -> Option<usize> {
        self.role_rows.id(id)
    }
    /// Index of the skill with this slug.
    pub fn skill_index(&self, slug: &str) -> Option<usize> {
        self.skill_rows.key(slug)
    }
    /// Index of the skill with this database id.
    pub fn skill_index_of_id(&self, id: i32) -> Option<usize> {
        self.skill_rows.id(id)
    }
    /// Index of the certification with this slug.
    pub fn certification_index(&self, slug: &str) -> Option<usize> {
        self.certification_rows.key(slug)
    }
    /// Index of the certification with this database id.
    pub fn certification_index_of_id(&self, id: i32) -> Option<usize> {
        self.certification_rows.id(id)
    }
    /// Index of the source with this key.
    pub fn source_index(&self, key: &str) -> Option<usize> {
        self.source_rows.key(key)
    }
    /// Index of the source with this database id.
    pub fn source_index_of_id(&self, id: i32) -> Option<usize> {
        self.source_rows.id(id)
    }
    /// Index of the move with this database id.
    pub fn move_index_of_id(&self, id: i32) -> Option<usize> {
        self.move_by_id.get(&id).map(|&i| i as usize)
    }
}

/// How strongly an education requirement binds, for ordering: 0 required, 1 typical,
/// 2 preferred.
pub fn requirement_rank(r: &entity::vocab::EducationRequirement) -> u8 {
    use entity::vocab::EducationRequirement as R;
    match r {
        R::Required => 0,
        R::Typical => 1,
        R::Preferred => 2,
    }
}

/// Whether a profile states any pay figure.
pub fn has_pay(p: &role_profile::Model) -> bool {
    p.salary_mean.is_some()
        || p.salary_median.is_some()
        || p.salary_low.is_some()
        || p.salary_p10.is_some()
        || p.hourly_mean.is_some()
        || p.highest_paying_city.is_some()
        || p.best_paying_company.is_some()
}

/// Position of the first profile `keep` accepts that states a yearly figure (mean, median or
/// range).
pub fn pay_profile(
    profiles: &[role_profile::Model],
    keep: impl Fn(&role_profile::Model) -> bool,
) -> Option<u32> {
    profiles
        .iter()
        .position(|p| keep(p) && headline_salary(std::slice::from_ref(p)).is_some())
        .map(|i| i as u32)
}

/// The headline yearly salary of profiles (the pay record is one): the highest of their mean,
/// else median, else midpoint of the range.
pub fn headline_salary(profiles: &[role_profile::Model]) -> Option<i32> {
    profiles
        .iter()
        .filter_map(|p| {
            p.salary_mean
                .or(p.salary_median)
                .or(match (p.salary_low, p.salary_high) {
                    (Some(lo), Some(hi)) => Some(((i64::from(lo) + i64::from(hi)) / 2) as i32),
                    _ => None,
                })
        })
        .max()
}

impl SkillWeighting for rows::RoleSkill {
    fn weights(&self) -> Weights {
        Weights {
            share: self.share_pct(),
            rank: self.rank(),
            importance: self.importance(),
            level: self.level(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Groups;

    #[test]
    fn groups_give_back_every_list_in_order_including_empty_ones() {
        let lists: Vec<Vec<u32>> = vec![vec![3, 1], vec![], vec![7], vec![0, 2, 4]];
        let groups: Groups = lists.iter().map(Vec::as_slice).collect();
        assert_eq!(groups.len(), 4);
        let back: Vec<Vec<u32>> = groups.iter().map(<[u32]>::to_vec).collect();
        assert_eq!(back, lists);
        assert!(Groups::default().is_empty());
        assert_eq!(Groups::default().iter().count(), 0);
    }
}
