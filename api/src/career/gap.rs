//! What a target role needs that a current role lacks: skills missing or weighted lower,
//! and certifications the target values that the current role does not.

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
            let have = current.skills.iter().find(|c| c.skill_id == t.skill_id);
            match have {
                None => Some(SkillGapItem {
                    target: t.clone(),
                    current: None,
                    reason: GapReason::Missing,
                }),
                Some(c) if lower(c, t) => Some(SkillGapItem {
                    target: t.clone(),
                    current: Some(c.clone()),
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
            skills,
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
}
