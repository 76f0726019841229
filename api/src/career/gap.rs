//! What a target role needs that a current role lacks: skills missing or weighted lower,
//! and certifications the target values that the current role does not; and two roles side by
//! side: what both list and what only one does.

use std::cmp::Ordering;

use super::snapshot::{CertificationLink, RoleNode, SkillWeight};

/// Why a skill is in the gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapReason {
    /// The current role does not list the skill.
    Missing,
    /// The current role lists it with a lower share, importance or level.
    LowerWeight,
}

/// One skill to develop.
#[derive(Clone, Debug, PartialEq)]
pub struct SkillGapItem {
    pub target: SkillWeight,
    pub current: Option<SkillWeight>,
    pub reason: GapReason,
}

/// Skills and certifications to acquire for a move.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gap {
    pub skills: Vec<SkillGapItem>,
    pub certifications: Vec<CertificationLink>,
}

/// Is `current` weighted lower than `target` on the first scale both state?
fn lower(current: &SkillWeight, target: &SkillWeight) -> bool {
    let scales = [
        (current.share_pct, target.share_pct),
        (current.importance, target.importance),
        (current.level, target.level),
    ];
    scales
        .iter()
        .find_map(|pair| match pair {
            (Some(c), Some(t)) => Some(c < t),
            _ => None,
        })
        .unwrap_or(false)
}

/// How much a role needs a skill, on the scales sources use.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Weights {
    /// Share of postings or resumes, percent.
    pub share: Option<f64>,
    /// Position in a top-skills list (1 = most important).
    pub rank: Option<i32>,
    /// O*NET importance, 1–5.
    pub importance: Option<f64>,
    /// O*NET level, 0–7.
    pub level: Option<f64>,
}

/// Anything that weights a skill for a role (a source's link, or the links merged).
pub trait SkillWeighting {
    /// The weights.
    fn weights(&self) -> Weights;
}

fn higher_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    b.unwrap_or(f64::NEG_INFINITY)
        .total_cmp(&a.unwrap_or(f64::NEG_INFINITY))
}

/// The one order of a role's skills, used everywhere (role pages, skill gaps, comparisons):
/// heaviest first by share, then the source's rank, then O*NET importance, then level; callers
/// break remaining ties by a stable key of their own.
pub fn skill_order<W: SkillWeighting>(a: &W, b: &W) -> Ordering {
    let (a, b) = (a.weights(), b.weights());
    higher_first(a.share, b.share)
        .then(a.rank.unwrap_or(i32::MAX).cmp(&b.rank.unwrap_or(i32::MAX)))
        .then(higher_first(a.importance, b.importance))
        .then(higher_first(a.level, b.level))
}

/// Most important first, in the one skill order of the service ([`skill_order`]), then by
/// skill id for a stable order.
pub fn by_importance(a: &SkillWeight, b: &SkillWeight) -> Ordering {
    skill_order(a, b).then(a.skill_id.cmp(&b.skill_id))
}

/// The gap from `current` to `target`.
pub fn gap(current: &RoleNode, target: &RoleNode) -> Gap {
    let mut skills: Vec<SkillGapItem> = target
        .skills
        .iter()
        .filter_map(|t| {
            let have = current.skills.find(t.skill_id);
            match have {
                None => Some(SkillGapItem {
                    target: t,
                    current: None,
                    reason: GapReason::Missing,
                }),
                Some(c) if lower(&c, &t) => Some(SkillGapItem {
                    target: t,
                    current: Some(c),
                    reason: GapReason::LowerWeight,
                }),
                Some(_) => None,
            }
        })
        .collect();
    skills.sort_by(|a, b| by_importance(&a.target, &b.target));
    let mut certifications: Vec<CertificationLink> = target
        .certifications
        .iter()
        .filter(|t| {
            !current
                .certifications
                .iter()
                .any(|c| c.certification_id == t.certification_id)
        })
        .cloned()
        .collect();
    certifications.sort_by_key(|c| (c.relevance.strength_rank(), c.certification_id));
    Gap {
        skills,
        certifications,
    }
}

/// Which of two roles list an item: both, only the first (`a`), or only the second (`b`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Both roles list it.
    Both,
    /// Only the first role lists it.
    OnlyA,
    /// Only the second role lists it.
    OnlyB,
}

impl Side {
    /// Whether an item listed by `a` (`in_a`) and by `b` (`in_b`) is on this side.
    fn holds(self, in_a: bool, in_b: bool) -> bool {
        let wanted = match self {
            Side::Both => (true, true),
            Side::OnlyA => (true, false),
            Side::OnlyB => (false, true),
        };
        (in_a, in_b) == wanted
    }
}

/// A skill with how each of two roles weights it (`None` where the role does not list it).
#[derive(Clone, Debug, PartialEq)]
pub struct SkillSides {
    pub skill_id: i32,
    pub a: Option<SkillWeight>,
    pub b: Option<SkillWeight>,
}

/// The skills of `a` and `b` on `side`, each once, most important first (by the heavier of
/// the two weights, [`by_importance`]).
pub fn skill_sides(a: &RoleNode, b: &RoleNode, side: Side) -> Vec<SkillSides> {
    let mut weights: Vec<SkillWeight> = a.skills.iter().chain(b.skills.iter()).collect();
    weights.sort_by(by_importance);
    let mut out: Vec<SkillSides> = Vec::new();
    for w in weights {
        if out.iter().any(|s| s.skill_id == w.skill_id) {
            continue;
        }
        let held = |r: &RoleNode| r.skills.find(w.skill_id);
        let (in_a, in_b) = (held(a), held(b));
        if side.holds(in_a.is_some(), in_b.is_some()) {
            out.push(SkillSides {
                skill_id: w.skill_id,
                a: in_a,
                b: in_b,
            });
        }
    }
    out
}

/// The certification ids of `a` and `b` on `side`, each once, in the order `a` then `b` list
/// them.
pub fn certification_sides(a: &RoleNode, b: &RoleNode, side: Side) -> Vec<i32> {
    let values = |r: &RoleNode, id: i32| r.certifications.iter().any(|x| x.certification_id == id);
    let mut ids: Vec<i32> = Vec::new();
    for c in a.certifications.iter().chain(b.certifications.iter()) {
        let id = c.certification_id;
        if side.holds(values(a, id), values(b, id)) && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::vocab::Relevance;

    fn weight(skill_id: i32, share: Option<f64>, rank: Option<i32>) -> SkillWeight {
        SkillWeight {
            skill_id,
            share_pct: share,
            importance: None,
            level: None,
            rank,
        }
    }

    fn role(skills: Vec<SkillWeight>, certs: &[(i32, Relevance)]) -> RoleNode {
        RoleNode {
            id: 1,
            slug: "r".into(),
            title: "R".into(),
            salary: None,
            pay: Default::default(),
            job_zone: None,
            skills: skills.into(),
            certifications: certs
                .iter()
                .map(|(id, r)| CertificationLink {
                    certification_id: *id,
                    relevance: *r,
                })
                .collect(),
        }
    }

    #[test]
    fn missing_and_weaker_skills_are_listed_most_important_first() {
        let current = role(
            vec![
                weight(1, Some(8.0), None),
                weight(2, Some(2.0), None),
                weight(5, None, None),
            ],
            &[(10, Relevance::Common)],
        );
        let target = role(
            vec![
                weight(1, Some(8.0), None),
                weight(2, Some(4.0), None),
                weight(3, Some(6.0), None),
                weight(4, None, Some(1)),
                weight(5, None, Some(2)),
            ],
            &[
                (10, Relevance::Preferred),
                (11, Relevance::Advantageous),
                (12, Relevance::Required),
            ],
        );
        let g = gap(&current, &target);
        let ids: Vec<_> = g
            .skills
            .iter()
            .map(|s| (s.target.skill_id, s.reason))
            .collect();
        // 1 held at the same share, 5 held with no comparable weight: not gaps.
        assert_eq!(
            ids,
            vec![
                (3, GapReason::Missing),
                (2, GapReason::LowerWeight),
                (4, GapReason::Missing)
            ]
        );
        let certs: Vec<_> = g
            .certifications
            .iter()
            .map(|c| c.certification_id)
            .collect();
        assert_eq!(certs, vec![12, 11]);
    }

    #[test]
    fn no_gap_to_oneself() {
        let r = role(
            vec![weight(1, Some(3.0), None)],
            &[(1, Relevance::Required)],
        );
        assert_eq!(gap(&r, &r), Gap::default());
    }

    #[test]
    fn two_roles_split_into_shared_and_own_skills_and_certifications() {
        let a = role(
            vec![weight(1, Some(2.0), None), weight(2, Some(9.0), None)],
            &[(10, Relevance::Common), (11, Relevance::Required)],
        );
        let b = role(
            vec![weight(3, Some(5.0), None), weight(1, Some(7.0), None)],
            &[(12, Relevance::Preferred), (10, Relevance::Required)],
        );
        let ids = |side| -> Vec<i32> {
            skill_sides(&a, &b, side)
                .iter()
                .map(|s| s.skill_id)
                .collect()
        };
        assert_eq!(ids(Side::Both), vec![1]);
        assert_eq!(ids(Side::OnlyA), vec![2]);
        assert_eq!(ids(Side::OnlyB), vec![3]);
        let shared = &skill_sides(&a, &b, Side::Both)[0];
        assert_eq!(shared.a.as_ref().and_then(|w| w.share_pct), Some(2.0));
        assert_eq!(shared.b.as_ref().and_then(|w| w.share_pct), Some(7.0));
        assert_eq!(certification_sides(&a, &b, Side::Both), vec![10]);
        assert_eq!(certification_sides(&a, &b, Side::OnlyA), vec![11]);
        assert_eq!(certification_sides(&a, &b, Side::OnlyB), vec![12]);
    }
}
