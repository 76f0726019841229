//! Every ordered pair of roles: the similarity matrix, computed once per snapshot from an
//! inverted index, and each role's nearest roles.

use super::*;

/// Every role's needs and its nearest roles by similarity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Similarity {
    /// Per role index.
    pub needs: Vec<RoleNeeds>,
    /// Per skill id: the mean level over the roles that rate it (a holder's distinctiveness
    /// is measured against it).
    pub mean_level: Vec<f64>,
    /// Per role A: the roles B it is most similar to, with the similarity of A to B (at least
    /// [`SIMILARITY_FLOOR`]); at most [`NEAREST`], most similar first (ties by index).
    pub nearest: Vec<Vec<(u32, f32)>>,
}

impl Similarity {
    /// Needs and nearest roles of `roles`.
    pub fn build(roles: &[RoleNode]) -> Self {
        let mean = mean_importance(roles);
        let mean_level = mean_level(roles);
        let needs: Vec<RoleNeeds> = roles.iter().map(|r| needs_of(&r.skills, &mean)).collect();
        let n = roles.len();
        let matrix = matrix(roles, &needs, &mean_level);
        let nearest = (0..n)
            .map(|a| {
                let row = &matrix[a * n..(a + 1) * n];
                let mut best: Vec<(u32, f32)> = row
                    .iter()
                    .enumerate()
                    .filter(|&(b, &s)| b != a && f64::from(s) >= SIMILARITY_FLOOR)
                    .map(|(b, &s)| (b as u32, s))
                    .collect();
                let by_similarity =
                    |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
                if best.len() > NEAREST {
                    best.select_nth_unstable_by(NEAREST - 1, by_similarity);
                    best.truncate(NEAREST);
                }
                best.sort_by(by_similarity);
                best.shrink_to_fit();
                best
            })
            .collect();
        Self {
            needs,
            mean_level,
            nearest,
        }
    }

    /// Role `a` as a holder of its own skills.
    pub fn holder(&self, roles: &[RoleNode], a: usize) -> Holder {
        Holder::of_role(&roles[a], &self.mean_level)
    }

    /// The fit of role `a`'s own skills to role `b` (1 for a role and itself).
    pub fn of(&self, roles: &[RoleNode], a: usize, b: usize) -> f64 {
        if a == b {
            return 1.0;
        }
        self.holder(roles, a)
            .fit(&self.needs[b], roles[b].job_zone)
            .score
    }
}

/// Similarity of every ordered pair, row-major: `m[a * n + b]` is the fit of `a`'s own skills
/// to `b`. One pass per target role over an inverted index (skill → holders, their levels and
/// distinctiveness), so the work is the number of (need, holder) pairs, not n² × skills.
pub fn matrix(roles: &[RoleNode], needs: &[RoleNeeds], mean_level: &[f64]) -> Vec<f32> {
    let n = roles.len();
    let holders: Vec<Holder> = roles
        .iter()
        .map(|r| Holder::of_role(r, mean_level))
        .collect();
    let max_id = roles
        .iter()
        .flat_map(|r| r.skills.iter().map(|s| s.skill_id))
        .max()
        .unwrap_or(0)
        .max(0) as usize;
    let mut by_skill: Vec<Vec<(u32, f64, f64)>> = vec![Vec::new(); max_id + 1];
    for (a, holder) in holders.iter().enumerate() {
        for id in holder.held.skill_ids() {
            if let Some(level) = holder.held.level(id) {
                by_skill[id as usize].push((a as u32, level, holder.weight(id)));
            }
        }
    }
    // Column b (every role's fit to b) is independent of the others: split the columns over
    // the cores, then transpose to rows.
    let mut columns = vec![0.0_f32; n * n];
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(4));
    let per_thread = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (t, chunk) in columns.chunks_mut(per_thread * n.max(1)).enumerate() {
            let (by_skill, holders) = (&by_skill, &holders);
            scope.spawn(move || {
                let mut parts = vec![Parts::default(); n];
                for (k, column) in chunk.chunks_mut(n).enumerate() {
                    let b = t * per_thread + k;
                    column_of(b, roles, &needs[b], holders, by_skill, &mut parts, column);
                }
            });
        }
    });
    let mut m = vec![0.0_f32; n * n];
    for b in 0..n {
        for a in 0..n {
            m[a * n + b] = columns[b * n + a];
        }
    }
    m
}

/// Every role's fit to role `b`, into `column` (by role index).
fn column_of(
    b: usize,
    roles: &[RoleNode],
    nb: &RoleNeeds,
    holders: &[Holder],
    by_skill: &[Vec<(u32, f64, f64)>],
    parts: &mut [Parts],
    column: &mut [f32],
) {
    column.iter_mut().for_each(|x| *x = 0.0);
    column[b] = 1.0;
    if nb.total <= 0.0 {
        return;
    }
    parts.iter_mut().for_each(|p| *p = Parts::default());
    for need in nb.iter() {
        let Some(list) = usize::try_from(need.skill_id)
            .ok()
            .and_then(|i| by_skill.get(i))
        else {
            continue;
        };
        for &(a, have, weight) in list {
            parts[a as usize].add(&need, have, weight);
        }
    }
    for (a, (x, p)) in column.iter_mut().zip(parts.iter()).enumerate() {
        if a != b && p.stated > 0.0 {
            *x = holders[a].fit_of(*p, nb, roles[b].job_zone).score as f32;
        }
    }
}
