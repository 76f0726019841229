//! Model-owned rows for the largest fact tables: the same values as the entity rows, held
//! compactly (see [`super::compact`]).

use std::sync::Arc;

use entity::vocab::MoveKind;
use entity::{career_move, role_alias, role_skill, role_technology};

use super::compact::{Decimals, MICRO, WHOLE};

/// Scales of [`RoleSkill`]'s numbers, in [`RoleSkill::new`]'s order.
const SKILL_SCALES: [f64; 12] = [
    MICRO, WHOLE, MICRO, MICRO, WHOLE, MICRO, MICRO, MICRO, WHOLE, MICRO, MICRO, MICRO,
];

/// A role needs a skill, with the weight one source gives it (a `role_skill` row).
#[derive(Clone, Debug, PartialEq)]
pub struct RoleSkill {
    pub id: i32,
    pub role_id: i32,
    pub skill_id: i32,
    pub source_id: i32,
    /// share, rank, importance, level, then importance n, SE, CI low, CI high, then the same
    /// for level.
    numbers: Decimals<12>,
    /// Context, in our words (rare: a thin pointer, 8 bytes a row instead of 16).
    #[allow(clippy::box_collection)]
    note: Option<Box<String>>,
}

impl From<role_skill::Model> for RoleSkill {
    fn from(r: role_skill::Model) -> Self {
        let whole = |v: Option<i32>| v.map(f64::from);
        Self {
            id: r.id,
            role_id: r.role_id,
            skill_id: r.skill_id,
            source_id: r.source_id,
            numbers: Decimals::new(
                [
                    r.share_pct,
                    whole(r.rank),
                    r.importance,
                    r.level,
                    whole(r.importance_n),
                    r.importance_se,
                    r.importance_ci_low,
                    r.importance_ci_high,
                    whole(r.level_n),
                    r.level_se,
                    r.level_ci_low,
                    r.level_ci_high,
                ],
                &SKILL_SCALES,
            ),
            note: r.note.map(Box::new),
        }
    }
}

/// One O*NET rating's reliability: respondents, standard error, 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatingStats {
    pub n: Option<i32>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

impl RoleSkill {
    fn number(&self, i: usize) -> Option<f64> {
        self.numbers.get(i, &SKILL_SCALES)
    }
    fn stats(&self, at: usize) -> RatingStats {
        RatingStats {
            n: self.numbers.whole(at, &SKILL_SCALES),
            se: self.number(at + 1),
            ci_low: self.number(at + 2),
            ci_high: self.number(at + 3),
        }
    }
    /// Share of postings/resumes naming the skill, 0–100.
    /// Context, in our words.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref().map(String::as_str)
    }
    pub fn share_pct(&self) -> Option<f64> {
        self.number(0)
    }
    /// Position in the source's "top skills" list (1 = most important).
    pub fn rank(&self) -> Option<i32> {
        self.numbers.whole(1, &SKILL_SCALES)
    }
    /// O*NET importance, 1–5.
    pub fn importance(&self) -> Option<f64> {
        self.number(2)
    }
    /// O*NET level, 0–7.
    pub fn level(&self) -> Option<f64> {
        self.number(3)
    }
    /// Reliability of the importance rating.
    pub fn importance_stats(&self) -> RatingStats {
        self.stats(4)
    }
    /// Reliability of the level rating.
    pub fn level_stats(&self) -> RatingStats {
        self.stats(8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(importance: Option<f64>, level_se: Option<f64>) -> role_skill::Model {
        role_skill::Model {
            id: 7,
            role_id: 3,
            skill_id: 11,
            source_id: 2,
            share_pct: Some(41.5),
            rank: Some(2),
            importance,
            level: Some(4.12),
            note: Some("from the posting survey".into()),
            importance_n: Some(28),
            importance_se: Some(0.1361),
            importance_ci_low: Some(3.3453),
            importance_ci_high: Some(3.8747),
            level_n: None,
            level_se,
            level_ci_low: None,
            level_ci_high: Some(4.6),
        }
    }

    fn back(r: &RoleSkill) -> role_skill::Model {
        let (i, l) = (r.importance_stats(), r.level_stats());
        role_skill::Model {
            id: r.id,
            role_id: r.role_id,
            skill_id: r.skill_id,
            source_id: r.source_id,
            share_pct: r.share_pct(),
            rank: r.rank(),
            importance: r.importance(),
            level: r.level(),
            note: r.note().map(str::to_owned),
            importance_n: i.n,
            importance_se: i.se,
            importance_ci_low: i.ci_low,
            importance_ci_high: i.ci_high,
            level_n: l.n,
            level_se: l.se,
            level_ci_low: l.ci_low,
            level_ci_high: l.ci_high,
        }
    }

    #[test]
    fn role_skill_rows_round_trip_exactly() {
        for original in [
            row(Some(3.62), Some(0.25)),
            // Needs the full-width fallback: not a short decimal.
            row(Some(2.0 / 3.0), None),
            row(None, Some(1e-9)),
        ] {
            let compact = RoleSkill::from(original.clone());
            assert_eq!(back(&compact), original);
            assert!(
                std::mem::size_of::<RoleSkill>() <= 80,
                "{}",
                std::mem::size_of::<RoleSkill>()
            );
        }
    }
}

/// Shares repeated strings: one allocation per distinct text.
#[derive(Default)]
pub struct Interner(std::collections::HashSet<Arc<str>>);

impl Interner {
    /// The shared copy of `text`.
    pub fn get(&mut self, text: String) -> Arc<str> {
        if let Some(shared) = self.0.get(text.as_str()) {
            return shared.clone();
        }
        let shared: Arc<str> = text.into();
        self.0.insert(shared.clone());
        shared
    }
}

/// A career move as the model holds it (a `career_move` row): its description, one of a few
/// dozen texts repeated across thousands of derived moves, is shared.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    pub id: i32,
    pub from_role_id: i32,
    pub to_role_id: i32,
    pub source_id: i32,
    pub kind: MoveKind,
    pub derived: bool,
    pub typical_years: Option<f64>,
    pub likelihood: Option<f64>,
    pub description: Option<Arc<str>>,
}

impl Move {
    /// The row, its description interned in `strings`.
    pub fn new(m: career_move::Model, strings: &mut Interner) -> Self {
        Self {
            id: m.id,
            from_role_id: m.from_role_id,
            to_role_id: m.to_role_id,
            source_id: m.source_id,
            kind: m.kind,
            derived: m.derived,
            typical_years: m.typical_years,
            likelihood: m.likelihood,
            description: m.description.map(|d| strings.get(d)),
        }
    }
}

/// Software or a tool used in a role (a `role_technology` row), its names shared across
/// roles.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleTechnology {
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    pub name: Arc<str>,
    /// UNSPSC commodity title (the kind of technology).
    pub commodity: Option<Arc<str>>,
    pub hot: bool,
    pub in_demand: bool,
}

impl RoleTechnology {
    pub fn new(r: role_technology::Model, strings: &mut Interner) -> Self {
        Self {
            id: r.id,
            role_id: r.role_id,
            source_id: r.source_id,
            name: strings.get(r.name),
            commodity: r.commodity.map(|c| strings.get(c)),
            hot: r.hot,
            in_demand: r.in_demand,
        }
    }
}

/// Another title a role goes by (a `role_alias` row); the search index shares the title.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleAlias {
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    pub title: Arc<str>,
}

impl RoleAlias {
    pub fn new(r: role_alias::Model, strings: &mut Interner) -> Self {
        Self {
            id: r.id,
            role_id: r.role_id,
            source_id: r.source_id,
            title: strings.get(r.title),
        }
    }
}

#[cfg(test)]
mod shared_text_tests {
    use super::*;

    #[test]
    fn technologies_share_one_copy_of_each_name_and_commodity() {
        let mut strings = Interner::default();
        let row = |id, name: &str| role_technology::Model {
            id,
            role_id: id,
            source_id: 1,
            name: name.into(),
            commodity: Some("Data base user interface and query software".into()),
            hot: id == 1,
            in_demand: false,
        };
        let a = RoleTechnology::new(row(1, "PostgreSQL"), &mut strings);
        let b = RoleTechnology::new(row(2, "PostgreSQL"), &mut strings);
        let c = RoleTechnology::new(row(3, "MySQL"), &mut strings);
        assert!(Arc::ptr_eq(&a.name, &b.name));
        assert!(!Arc::ptr_eq(&a.name, &c.name));
        assert!(Arc::ptr_eq(
            a.commodity.as_ref().unwrap(),
            c.commodity.as_ref().unwrap()
        ));
        assert_eq!((&*b.name, b.hot, b.id), ("PostgreSQL", false, 2));
    }
}
