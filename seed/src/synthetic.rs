//! A deterministic generator of large, career-shaped graphs for benchmarks and load tests:
//! roles on eight seniority levels (more at the bottom), pay rising with level, and moves
//! that are mostly promotions one level up, some lateral, some pivots.

use entity::vocab::{MoveKind, SourceKind};
use serde_json::json;

use crate::{Dataset, SeedError};

/// A generated role.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticRole {
    pub slug: String,
    pub title: String,
    pub seniority: i32,
    pub salary: i32,
}

/// A generated move between role indices.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticMove {
    pub from: usize,
    pub to: usize,
    pub kind: MoveKind,
    pub years: f64,
    pub likelihood: f64,
}

/// A generated graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyntheticGraph {
    pub roles: Vec<SyntheticRole>,
    pub moves: Vec<SyntheticMove>,
}

/// splitmix64: a tiny, well-known deterministic generator (no need for a crate here).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Share of roles per seniority level 1..=8 (sums to 100).
const LEVEL_SHARE: [usize; 8] = [22, 22, 18, 14, 10, 7, 5, 2];

/// Generates `roles` roles and `moves` moves from `seed`; the same arguments give the same graph.
pub fn generate(roles: usize, moves: usize, seed: u64) -> SyntheticGraph {
    let mut rng = Rng(seed);
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); 8];
    let mut out = SyntheticGraph::default();
    for i in 0..roles {
        // Assign levels in proportion to LEVEL_SHARE.
        let slot = i * 100 / roles.max(1);
        let mut acc = 0;
        let level = LEVEL_SHARE.iter().position(|share| {
            acc += share;
            slot < acc
        });
        let level = level.unwrap_or(7);
        by_level[level].push(i);
        let salary = 40_000 + 22_000 * level as i32 + rng.below(30_000) as i32;
        out.roles.push(SyntheticRole {
            slug: format!("synthetic-role-{i}"),
            title: format!("Synthetic Role {i}"),
            seniority: level as i32 + 1,
            salary,
        });
    }
    let level_of: Vec<usize> = out.roles.iter().map(|r| r.seniority as usize - 1).collect();
    while out.moves.len() < moves && roles > 1 {
        let from = rng.below(roles);
        let level = level_of[from];
        let roll = rng.unit();
        let (kind, target_level) = if roll < 0.7 && level < 7 {
            (MoveKind::Promotion, level + 1)
        } else if roll < 0.9 {
            (MoveKind::Lateral, level)
        } else {
            (MoveKind::Pivot, level.saturating_sub(1))
        };
        let pool = &by_level[target_level];
        if pool.is_empty() {
            continue;
        }
        let to = pool[rng.below(pool.len())];
        if to == from {
            continue;
        }
        out.moves.push(SyntheticMove {
            from,
            to,
            kind,
            years: 1.0 + rng.below(6) as f64,
            likelihood: 0.1 + (rng.unit() * 80.0).round() / 100.0,
        });
    }
    out
}

impl SyntheticGraph {
    /// The graph as a loadable dataset (one source, `synthetic`), for database-backed tests.
    pub fn to_dataset(&self) -> Result<Dataset, SeedError> {
        let roles: Vec<_> = self
            .roles
            .iter()
            .map(|r| json!({ "slug": r.slug, "title": r.title, "track": "synthetic", "seniority": r.seniority }))
            .collect();
        let profiles: Vec<_> = self
            .roles
            .iter()
            .map(|r| json!({ "role": r.slug, "salary_mean": r.salary }))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let moves: Vec<_> = self
            .moves
            .iter()
            .filter(|m| seen.insert((m.from, m.to, m.kind)))
            .map(|m| {
                json!({ "from": self.roles[m.from].slug, "to": self.roles[m.to].slug, "kind": m.kind,
                        "typical_years": m.years, "likelihood": m.likelihood })
            })
            .collect();
        let document = json!({
            "sources": [{ "key": "synthetic", "title": "Generated graph", "kind": SourceKind::Derived }],
            "roles": roles,
            "facts": [{ "source": "synthetic", "profiles": profiles, "moves": moves }],
        });
        Dataset::from_json("synthetic", &document.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_sized() {
        let a = generate(1000, 5000, 7);
        assert_eq!(a, generate(1000, 5000, 7));
        assert_ne!(a, generate(1000, 5000, 8));
        assert_eq!((a.roles.len(), a.moves.len()), (1000, 5000));
        assert!(
            a.moves
                .iter()
                .all(|m| m.from != m.to && m.likelihood > 0.0 && m.likelihood <= 1.0)
        );
        let promotions = a.moves.iter().filter(|m| m.kind == MoveKind::Promotion).count();
        assert!(promotions > 3000, "{promotions}");
        let top = a.roles.iter().filter(|r| r.seniority == 8).count();
        assert!(top > 0 && top < 100);
    }

    #[test]
    fn a_small_graph_is_a_valid_dataset() {
        let dataset = generate(50, 200, 1).to_dataset().unwrap();
        crate::validate(&dataset).unwrap();
        assert_eq!(dataset.roles.len(), 50);
    }
}
