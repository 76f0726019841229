//! An immutable, indexed copy of the role graph: roles (sorted by slug, so index order is
//! the same on every database), moves grouped by role pair, and each role's skill and
//! certification weights.

use std::collections::HashMap;
use std::ops::Index;

pub use entity::vocab::{MoveKind, Relevance};

use crate::compact::{Code, MICRO, Spill, WHOLE};

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
    pub skills: RoleSkills,
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
#[derive(Clone, Copy, Debug, PartialEq)]
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

/// A role's skill weights, in the order given: each held as four-byte codes (exact, see
/// [`crate::compact`]) instead of optional `f64`s, 20 bytes instead of 64.
#[derive(Clone, Debug, Default)]
pub struct RoleSkills {
    rows: Box<[SkillRow]>,
    /// The values that do not fit their codes.
    spill: Spill,
}

/// A [`SkillWeight`] as stored in [`RoleSkills`].
#[derive(Clone, Copy, Debug, PartialEq)]
struct SkillRow {
    skill_id: i32,
    share_pct: Code,
    importance: Code,
    level: Code,
    rank: Code,
}

/// Equal when the weights' values are (as for `Vec<SkillWeight>`), whatever their codes.
impl PartialEq for RoleSkills {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl RoleSkills {
    /// The weights, in the order given.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SkillWeight> + Clone + '_ {
        self.rows.iter().map(|row| self.weight(row))
    }

    /// The weight of `skill_id`, when the role lists it.
    pub fn find(&self, skill_id: i32) -> Option<SkillWeight> {
        self.rows
            .iter()
            .find(|row| row.skill_id == skill_id)
            .map(|row| self.weight(row))
    }

    /// Number of skills listed.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the role lists no skill.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn weight(&self, row: &SkillRow) -> SkillWeight {
        SkillWeight {
            skill_id: row.skill_id,
            share_pct: self.spill.decode(row.share_pct, MICRO),
            importance: self.spill.decode(row.importance, MICRO),
            level: self.spill.decode(row.level, MICRO),
            rank: self.spill.decode(row.rank, WHOLE).map(|r| r as i32),
        }
    }
}

impl FromIterator<SkillWeight> for RoleSkills {
    fn from_iter<I: IntoIterator<Item = SkillWeight>>(weights: I) -> Self {
        let mut spill = Spill::default();
        let rows = weights
            .into_iter()
            .map(|w| SkillRow {
                skill_id: w.skill_id,
                share_pct: spill.encode(w.share_pct, MICRO),
                importance: spill.encode(w.importance, MICRO),
                level: spill.encode(w.level, MICRO),
                rank: spill.encode(w.rank.map(f64::from), WHOLE),
            })
            .collect();
        spill.shrink_to_fit();
        Self { rows, spill }
    }
}

impl From<Vec<SkillWeight>> for RoleSkills {
    fn from(weights: Vec<SkillWeight>) -> Self {
        weights.into_iter().collect()
    }
}

/// A certification a role values, with its strongest relevance.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificationLink {
    pub certification_id: i32,
    /// The strongest relevance.
    pub relevance: Relevance,
}

/// One move: stored, or computed from skill similarity (kind `Similar`, `move_id` 0). Its
/// years and likelihood decode with the [`Edges`] it belongs to ([`Edges::years`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The stored move's id; 0 for a computed move.
    pub move_id: i32,
    from: u32,
    to: u32,
    years: Code,
    likelihood: Code,
    pub source_id: i32,
    pub kind: MoveKind,
}

impl Edge {
    /// Index of the role the move leaves.
    #[inline]
    pub fn from(&self) -> usize {
        self.from as usize
    }

    /// Index of the role the move enters.
    #[inline]
    pub fn to(&self) -> usize {
        self.to as usize
    }
}

/// Every move of the graph (indexed by edge index, [`Index`]), and the moves of each role
/// pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edges {
    list: Vec<Edge>,
    /// Years and likelihoods that do not fit their codes.
    spill: Spill,
    /// The edges of pair `p` are `by_pair[pair_start[p]..pair_start[p + 1]]`, in index order.
    pair_start: Vec<u32>,
    by_pair: Vec<u32>,
}

impl Edges {
    /// Typical years of `edge` (one of these edges).
    #[inline]
    pub fn years(&self, edge: &Edge) -> Option<f64> {
        self.spill.decode(edge.years, MICRO)
    }

    /// Likelihood of `edge` (one of these edges).
    #[inline]
    pub fn likelihood(&self, edge: &Edge) -> Option<f64> {
        self.spill.decode(edge.likelihood, MICRO)
    }

    /// Indices of the moves of `pair`, lowest first.
    #[inline]
    pub fn of_pair(&self, pair: &Pair) -> impl Iterator<Item = usize> + '_ {
        let id = pair.id();
        self.by_pair[self.pair_start[id] as usize..self.pair_start[id + 1] as usize]
            .iter()
            .map(|&e| e as usize)
    }

    /// Number of moves.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when the graph has no move.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every move, by index.
    pub fn iter(&self) -> std::slice::Iter<'_, Edge> {
        self.list.iter()
    }
}

impl Index<usize> for Edges {
    type Output = Edge;

    #[inline]
    fn index(&self, e: usize) -> &Edge {
        &self.list[e]
    }
}

/// A role pair with stored or computed moves, seen from one of its roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    to: u32,
    id: u32,
}

impl Pair {
    /// The other role of the pair (the target in `out`, the source in `inc`).
    #[inline]
    pub fn to(&self) -> usize {
        self.to as usize
    }

    /// Same id in `out` and `inc`: indexes per-pair caches and [`Edges::of_pair`].
    #[inline]
    pub fn id(&self) -> usize {
        self.id as usize
    }
}

/// Pairs per role index in one array (CSR): `adjacency[i]` is role `i`'s pairs, sorted by
/// the other role's index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Adjacency {
    /// Role `i`'s pairs are `pairs[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    pairs: Vec<Pair>,
}

impl Adjacency {
    /// From (role, pair) in any order, for `roles` roles: pairs grouped by role, each
    /// group sorted by the other role.
    fn new(roles: usize, mut entries: Vec<(u32, Pair)>) -> Self {
        entries.sort_unstable_by_key(|&(role, pair)| (role, pair.to));
        let mut start = Vec::with_capacity(roles + 1);
        let mut at = 0;
        for role in 0..roles as u32 {
            start.push(at as u32);
            while entries.get(at).is_some_and(|&(r, _)| r == role) {
                at += 1;
            }
        }
        start.push(at as u32);
        Self {
            start,
            pairs: entries.into_iter().map(|(_, pair)| pair).collect(),
        }
    }

    /// Every role's pairs, by role index.
    pub fn iter(&self) -> impl Iterator<Item = &[Pair]> + '_ {
        self.start
            .windows(2)
            .map(|w| &self.pairs[w[0] as usize..w[1] as usize])
    }

    /// Every pair, grouped by role.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// Number of roles.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// True when there is no role.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Index<usize> for Adjacency {
    type Output = [Pair];

    #[inline]
    fn index(&self, role: usize) -> &[Pair] {
        &self.pairs[self.start[role] as usize..self.start[role + 1] as usize]
    }
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
    pub edges: Edges,
    /// Outgoing pairs per role index, sorted by target index.
    pub out: Adjacency,
    /// Incoming pairs per role index (`Pair::to` is the source role here), sorted.
    pub inc: Adjacency,
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
        let mut list = Vec::with_capacity(moves.len());
        let mut spill = Spill::default();
        // Each edge's pair id, and each pair's (from, to) by id.
        let mut pair_of_edge: Vec<u32> = Vec::with_capacity(moves.len());
        let mut pair_roles: Vec<(u32, u32)> = Vec::new();
        let mut pair_of: HashMap<(u32, u32), u32> = HashMap::new();
        for m in moves {
            let (Some(&from), Some(&to)) = (by_id.get(&m.from_role_id), by_id.get(&m.to_role_id))
            else {
                continue;
            };
            if from == to {
                continue;
            }
            let (from, to) = (from as u32, to as u32);
            list.push(Edge {
                move_id: m.id,
                from,
                to,
                years: spill.encode(m.years, MICRO),
                likelihood: spill.encode(m.likelihood, MICRO),
                source_id: m.source_id,
                kind: m.kind,
            });
            let id = *pair_of.entry((from, to)).or_insert_with(|| {
                pair_roles.push((from, to));
                pair_roles.len() as u32 - 1
            });
            pair_of_edge.push(id);
        }
        spill.shrink_to_fit();
        // Edge indices grouped by pair (a counting sort keeps each pair's in index order).
        let mut pair_start = vec![0u32; pair_roles.len() + 1];
        for &p in &pair_of_edge {
            pair_start[p as usize + 1] += 1;
        }
        for p in 0..pair_roles.len() {
            pair_start[p + 1] += pair_start[p];
        }
        let mut next = pair_start.clone();
        let mut by_pair = vec![0u32; pair_of_edge.len()];
        for (e, &p) in pair_of_edge.iter().enumerate() {
            by_pair[next[p as usize] as usize] = e as u32;
            next[p as usize] += 1;
        }
        let pair = |id: usize, to: u32| Pair { to, id: id as u32 };
        let out = Adjacency::new(
            roles.len(),
            pair_roles
                .iter()
                .enumerate()
                .map(|(id, &(from, to))| (from, pair(id, to)))
                .collect(),
        );
        let inc = Adjacency::new(
            roles.len(),
            pair_roles
                .iter()
                .enumerate()
                .map(|(id, &(from, to))| (to, pair(id, from)))
                .collect(),
        );
        let edges = Edges {
            list,
            spill,
            pair_start,
            by_pair,
        };
        let max_salary = roles.iter().filter_map(|r| r.salary).max();
        Self {
            version: parts.version,
            pair_count: pair_roles.len(),
            roles,
            edges,
            out,
            inc,
            by_slug,
            by_id,
            max_salary,
            pair_costs: Default::default(),
            similar_costs: Default::default(),
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
                    let is_move = self
                        .edges
                        .of_pair(pair)
                        .any(|e| self.edges[e].kind.is_routable());
                    let to = pair.to();
                    if is_move && distance[to] == usize::MAX {
                        distance[to] = d;
                        next.push(to);
                        found.push((to, d));
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
                skills: RoleSkills::default(),
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
    fn each_pair_lists_its_moves_in_index_order_from_both_ends() {
        let third = Some(1.0 / 3.0);
        let g = graph(
            3,
            &[
                (0, 1, Some(2.5), None),
                (1, 2, None, Some(0.4)),
                (0, 1, third, Some(-0.0)),
                (2, 0, None, None),
            ],
        );
        let moves = |p: &Pair| g.edges.of_pair(p).collect::<Vec<_>>();
        let out: Vec<Vec<(usize, Vec<usize>)>> = g
            .out
            .iter()
            .map(|list| list.iter().map(|p| (p.to(), moves(p))).collect())
            .collect();
        assert_eq!(
            out,
            vec![
                vec![(1, vec![0, 2])],
                vec![(2, vec![1])],
                vec![(0, vec![3])]
            ]
        );
        let inc: Vec<Vec<usize>> = g
            .inc
            .iter()
            .map(|list| list.iter().map(Pair::to).collect())
            .collect();
        assert_eq!(inc, vec![vec![2], vec![0], vec![1]]);
        assert_eq!(g.inc[1][0].id(), g.out[0][0].id());
        assert_eq!(g.pair_count, 3);
        // Years and likelihoods come back bit for bit, spilled or not.
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        let e = &g.edges[2];
        assert_eq!((e.from(), e.to()), (0, 1));
        assert_eq!(bits(g.edges.years(e)), bits(third));
        assert_eq!(bits(g.edges.likelihood(e)), bits(Some(-0.0)));
        assert_eq!(g.edges.years(&g.edges[0]), Some(2.5));
        assert_eq!(g.edges.likelihood(&g.edges[1]), Some(0.4));
        assert_eq!(g.edges.years(&g.edges[3]), None);
    }

    #[test]
    fn role_skills_give_back_what_they_were_given() {
        let weights = vec![
            SkillWeight {
                skill_id: 3,
                share_pct: Some(41.5),
                importance: Some(3.62),
                level: Some(1.0 / 3.0),
                rank: Some(2),
            },
            SkillWeight {
                skill_id: 9,
                share_pct: None,
                importance: None,
                level: Some(-0.0),
                rank: Some(i32::MIN),
            },
        ];
        let skills = RoleSkills::from(weights.clone());
        let bits =
            |w: SkillWeight| [w.share_pct, w.importance, w.level].map(|v| v.map(f64::to_bits));
        assert_eq!(skills.len(), 2);
        for (got, want) in skills.iter().zip(&weights) {
            assert_eq!((got.skill_id, got.rank), (want.skill_id, want.rank));
            assert_eq!(bits(got), bits(*want));
        }
        assert_eq!(skills.find(9), Some(weights[1]));
        assert_eq!(skills.find(4), None);
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
