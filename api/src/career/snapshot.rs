//! An immutable, indexed copy of the role graph: roles (sorted by slug, so index order is
//! the same on every database), moves grouped by role pair, and each role's skill and
//! certification weights.

use std::collections::HashMap;

pub use entity::vocab::{MoveKind, Relevance};

/// A role in the snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleNode {
    pub id: i32,
    pub slug: String,
    pub title: String,
    /// Headline yearly salary (see `model::headline_salary`).
    pub salary: Option<i32>,
    /// O*NET job zone, ranked in the imported reference; `None` when unknown or undefined.
    pub job_zone: Option<super::zones::JobZone>,
    /// Pay figures by kind, for like-for-like differences.
    pub pay: RolePay,
    pub skills: Vec<SkillWeight>,
    pub certifications: Vec<CertificationLink>,
}

/// A role's yearly pay figures by kind (README "Pay: one source per record").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RolePay {
    /// From a source describing the role itself (its document), when one states pay.
    pub own: Option<i32>,
    /// The occupation benchmark and the dataset release (source id) it comes from.
    pub benchmark: Option<(i32, i32)>,
    /// The role's occupation (SOC code, e.g. `11-3021`), when known.
    pub occupation: Option<String>,
}

/// What a pay difference between two roles compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SalaryBasis {
    /// Both roles' own pay (each from a source describing that role).
    RolePay,
    /// Both roles' occupation benchmarks from the same dataset release (different occupations).
    OccupationBenchmark,
    /// Both roles' annual medians in an asked area (different occupations).
    AreaMedian,
    /// No pair of figures of one kind.
    NotComparable,
}

impl RolePay {
    /// Whether the two roles are of one occupation (and so share its benchmark).
    pub fn same_occupation(&self, other: &RolePay) -> bool {
        self.occupation.is_some() && self.occupation == other.occupation
    }

    /// The national figures a difference from this role to `to` compares, like for like: both
    /// roles' own pay, else both occupation benchmarks of one release when the occupations
    /// differ; `None` when there is no such pair.
    pub fn like_for_like(&self, to: &RolePay) -> Option<((i32, i32), SalaryBasis)> {
        if let (Some(a), Some(b)) = (self.own, to.own) {
            return Some(((a, b), SalaryBasis::RolePay));
        }
        match (self.benchmark, to.benchmark) {
            (Some((a, release_a)), Some((b, release_b)))
                if release_a == release_b && !self.same_occupation(to) =>
            {
                Some(((a, b), SalaryBasis::OccupationBenchmark))
            }
            _ => None,
        }
    }
}

/// How much a role needs a skill, aggregated over sources.
#[derive(Clone, Debug, PartialEq)]
pub struct SkillWeight {
    pub skill_id: i32,
    /// Highest share (percent) any source gives.
    pub share_pct: Option<f64>,
    /// Highest O*NET importance (1–5) any source gives.
    pub importance: Option<f64>,
    /// Highest O*NET level (0–7) any source gives.
    pub level: Option<f64>,
    /// Best (lowest) rank any source gives.
    pub rank: Option<i32>,
}

impl super::gap::SkillWeighting for SkillWeight {
    fn weights(&self) -> super::gap::Weights {
        super::gap::Weights {
            share: self.share_pct,
            rank: self.rank,
            importance: self.importance,
            level: self.level,
        }
    }
}

/// A certification a role values, with its strongest relevance.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificationLink {
    pub certification_id: i32,
    /// The strongest relevance.
    pub relevance: Relevance,
}

/// One move: stored, or computed from skill similarity (kind `Similar`, `move_id` 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The stored move's id; 0 for a computed move.
    pub move_id: i32,
    pub from: usize,
    pub to: usize,
    pub kind: MoveKind,
    pub years: Option<f64>,
    pub likelihood: Option<f64>,
    pub source_id: i32,
}

/// All stored moves from one role to one other role.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub to: usize,
    /// Same id in `out` and `inc`: indexes per-pair caches.
    pub id: usize,
    /// Indices into [`GraphSnapshot::edges`].
    pub edges: Vec<usize>,
}

/// A stored move, by role ids (input to [`GraphSnapshot::build`]).
#[derive(Clone, Debug, PartialEq)]
pub struct MovePart {
    pub id: i32,
    pub from_role_id: i32,
    pub to_role_id: i32,
    pub kind: MoveKind,
    pub years: Option<f64>,
    pub likelihood: Option<f64>,
    pub source_id: i32,
}

/// Raw material for a snapshot (from the database or a generator).
#[derive(Clone, Debug, Default)]
pub struct GraphParts {
    pub version: i64,
    pub roles: Vec<RoleNode>,
    pub moves: Vec<MovePart>,
    /// Labels for text search (titles, alternate titles, skills, certifications).
    pub search_entries: Vec<super::text_index::Entry>,
    /// The job zones (imported reference, else O*NET's 1–5) the roles' zones are ranked in.
    pub zones: super::zones::JobZones,
}

/// The indexed graph.
#[derive(Debug, Default)]
pub struct GraphSnapshot {
    /// Data version the snapshot was built from.
    pub version: i64,
    pub roles: Vec<RoleNode>,
    pub edges: Vec<Edge>,
    /// Outgoing pairs per role index, sorted by target index.
    pub out: Vec<Vec<Pair>>,
    /// Incoming pairs per role index (`Pair::to` is the source role here), sorted.
    pub inc: Vec<Vec<Pair>>,
    by_slug: HashMap<String, usize>,
    by_id: HashMap<i32, usize>,
    /// Highest headline salary in the graph.
    pub max_salary: Option<i32>,
    /// Number of distinct (from, to) pairs.
    pub pair_count: usize,
    /// Per objective and related-flag: each pair's cheapest usable edge and its cost,
    /// computed on first use (see `GraphSnapshot::best_edge`).
    pub(crate) pair_costs: [std::sync::OnceLock<Vec<(u32, u64)>>; 10],
    /// Per objective: the same with computed moves passing the default gates.
    pub(crate) similar_costs: [std::sync::OnceLock<Vec<(u32, u64)>>; 5],
    /// `inc` as one contiguous array (CSR) for the search's hot loops: the incoming pairs of
    /// role `i` are `inc_flat[inc_start[i]..inc_start[i + 1]]`, each (source role, pair id).
    pub(crate) inc_start: Vec<u32>,
    pub(crate) inc_flat: Vec<(u32, u32)>,
    /// Text search over titles, alternate titles, skills and certifications.
    pub text: super::text_index::TextIndex,
    /// Every role's needs and its most similar roles (also the graph's `Similar` edges).
    pub similarity: super::similarity::Similarity,
    /// The job zones gaps are measured in.
    pub zones: super::zones::JobZones,
}

impl GraphSnapshot {
    /// Indexes `parts`. Moves whose roles are unknown are skipped.
    pub fn build(parts: GraphParts) -> Self {
        let mut roles = parts.roles;
        roles.sort_by(|a, b| a.slug.cmp(&b.slug));
        let by_slug: HashMap<String, usize> = roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), i))
            .collect();
        let by_id: HashMap<i32, usize> = roles.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut moves = parts.moves;
        moves.sort_by_key(|m| m.id);
        // Computed moves come after the stored ones, so a stored move wins a cost tie.
        let similarity = super::similarity::Similarity::build(&roles);
        for (a, nearest) in similarity.nearest.iter().enumerate() {
            moves.extend(nearest.iter().map(|&(b, _)| MovePart {
                id: 0,
                from_role_id: roles[a].id,
                to_role_id: roles[b as usize].id,
                kind: MoveKind::Similar,
                years: None,
                likelihood: None,
                source_id: 0,
            }));
        }
        let mut edges = Vec::with_capacity(moves.len());
        let mut out: Vec<Vec<Pair>> = vec![Vec::new(); roles.len()];
        let mut pair_of: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
        for m in moves {
            let (Some(&from), Some(&to)) = (by_id.get(&m.from_role_id), by_id.get(&m.to_role_id))
            else {
                continue;
            };
            if from == to {
                continue;
            }
            let index = edges.len();
            edges.push(Edge {
                move_id: m.id,
                from,
                to,
                kind: m.kind,
                years: m.years,
                likelihood: m.likelihood,
                source_id: m.source_id,
            });
            match pair_of.get(&(from, to)) {
                Some(&(_, slot)) => out[from][slot].edges.push(index),
                None => {
                    let id = pair_of.len();
                    pair_of.insert((from, to), (id, out[from].len()));
                    out[from].push(Pair {
                        to,
                        id,
                        edges: vec![index],
                    });
                }
            }
        }
        let mut inc: Vec<Vec<Pair>> = vec![Vec::new(); roles.len()];
        for (from, list) in out.iter_mut().enumerate() {
            list.sort_by_key(|p| p.to);
            for pair in list.iter() {
                inc[pair.to].push(Pair {
                    to: from,
                    id: pair.id,
                    edges: pair.edges.clone(),
                });
            }
        }
        for list in &mut inc {
            list.sort_by_key(|p| p.to);
        }
        let mut inc_start = Vec::with_capacity(inc.len() + 1);
        let mut inc_flat = Vec::with_capacity(edges.len());
        for list in &inc {
            inc_start.push(inc_flat.len() as u32);
            inc_flat.extend(list.iter().map(|p| (p.to as u32, p.id as u32)));
        }
        inc_start.push(inc_flat.len() as u32);
        let max_salary = roles.iter().filter_map(|r| r.salary).max();
        Self {
            version: parts.version,
            pair_count: pair_of.len(),
            roles,
            edges,
            out,
            inc,
            by_slug,
            by_id,
            max_salary,
            pair_costs: Default::default(),
            similar_costs: Default::default(),
            inc_start,
            inc_flat,
            text: super::text_index::TextIndex::build(parts.search_entries),
            similarity,
            zones: parts.zones,
        }
    }

    /// Index of the role with this slug.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Index of the role with this database id.
    pub fn index_of_id(&self, id: i32) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Roles reachable from `start` (or leading into it, when `reverse`) within `depth`
    /// moves, with their distance, nearest first; related-role links are not moves.
    pub fn within(&self, start: usize, depth: usize, reverse: bool) -> Vec<(usize, usize)> {
        let adjacency = if reverse { &self.inc } else { &self.out };
        let mut distance = vec![usize::MAX; self.roles.len()];
        distance[start] = 0;
        let mut frontier = vec![start];
        let mut found = Vec::new();
        for d in 1..=depth {
            let mut next = Vec::new();
            for &node in &frontier {
                for pair in &adjacency[node] {
                    let is_move = pair.edges.iter().any(|&e| self.edges[e].kind.is_routable());
                    if is_move && distance[pair.to] == usize::MAX {
                        distance[pair.to] = d;
                        next.push(pair.to);
                        found.push((pair.to, d));
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        found.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(self.roles[a.0].title.cmp(&self.roles[b.0].title))
        });
        found
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A snapshot of `n` roles `r0..` with the given moves (from, to, years, likelihood).
    pub fn graph(n: usize, moves: &[(usize, usize, Option<f64>, Option<f64>)]) -> GraphSnapshot {
        let roles = (0..n)
            .map(|i| RoleNode {
                id: i as i32 + 1,
                slug: format!("r{i:02}"),
                title: format!("Role {i:02}"),
                salary: Some(50_000 + 10_000 * i as i32),
                pay: RolePay::default(),
                job_zone: None,
                skills: Vec::new(),
                certifications: Vec::new(),
            })
            .collect();
        let moves = moves
            .iter()
            .enumerate()
            .map(|(k, &(a, b, years, likelihood))| MovePart {
                id: k as i32 + 1,
                from_role_id: a as i32 + 1,
                to_role_id: b as i32 + 1,
                kind: MoveKind::Promotion,
                years,
                likelihood,
                source_id: 1,
            })
            .collect();
        GraphSnapshot::build(GraphParts {
            version: 1,
            roles,
            moves,
            search_entries: Vec::new(),
            zones: Default::default(),
        })
    }

    #[test]
    fn within_reports_each_role_once_at_its_shortest_distance() {
        let g = graph(
            5,
            &[
                (0, 1, None, None),
                (1, 2, None, None),
                (0, 2, None, None),
                (2, 3, None, None),
                (3, 0, None, None),
            ],
        );
        assert_eq!(g.within(0, 1, false), vec![(1, 1), (2, 1)]);
        assert_eq!(g.within(0, 10, false), vec![(1, 1), (2, 1), (3, 2)]);
        assert_eq!(g.within(0, 2, true), vec![(3, 1), (2, 2)]);
        assert!(g.within(4, 3, false).is_empty());
    }
}
