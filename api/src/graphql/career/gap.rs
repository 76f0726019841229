//! What a move from one role to another asks you to learn: skills and certifications.

use async_graphql::{Enum, Object, SimpleObject};

use crate::career::gap::{self, GapReason, SkillGapItem};
use crate::career::snapshot::SkillWeight;
use crate::error::GqlResult;
use crate::graphql::enums::CertificationRelevance;
use crate::graphql::graph::{Certification, Role, Skill};
use crate::graphql::kit::View;
use crate::service::career;

/// Weights of a skill for one role, aggregated over sources.
#[derive(SimpleObject, Clone)]
pub struct SkillWeights {
    /// Highest share (percent) any source gives.
    pub share_pct: Option<f64>,
    /// Highest O*NET importance (1–5) any source gives.
    pub importance: Option<f64>,
    /// Highest O*NET level (0–7) any source gives.
    pub level: Option<f64>,
    /// Best rank in a source's top-skills list.
    pub rank: Option<i32>,
}

impl From<&SkillWeight> for SkillWeights {
    fn from(w: &SkillWeight) -> Self {
        Self {
            share_pct: w.share_pct,
            importance: w.importance,
            level: w.level,
            rank: w.rank,
        }
    }
}

/// Why a skill is part of a gap.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkillGapReason {
    /// The current role does not list the skill.
    Missing,
    /// The current role lists it with a lower share, importance or level.
    LowerWeight,
}

/// One skill to develop.
pub struct SkillGapEntry {
    m: View,
    item: SkillGapItem,
}

/// One skill to develop.
#[Object]
impl SkillGapEntry {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.item.target.skill_id)
    }
    /// Missing, or held at a lower weight.
    async fn reason(&self) -> SkillGapReason {
        match self.item.reason {
            GapReason::Missing => SkillGapReason::Missing,
            GapReason::LowerWeight => SkillGapReason::LowerWeight,
        }
    }
    /// How the target role weights it.
    async fn target(&self) -> SkillWeights {
        (&self.item.target).into()
    }
    /// How the current role weights it (null when missing).
    async fn current(&self) -> Option<SkillWeights> {
        self.item.current.as_ref().map(Into::into)
    }
}

/// A certification the target role values and the current role does not.
pub struct CertificationGapEntry {
    m: View,
    certification_id: i32,
    relevance: entity::vocab::Relevance,
}

/// A certification the target role values and the current role does not.
#[Object]
impl CertificationGapEntry {
    /// The certification.
    async fn certification(&self) -> GqlResult<Certification> {
        Certification::by_id(&self.m, self.certification_id)
    }
    /// The strongest relevance the target role gives it.
    async fn relevance(&self) -> CertificationRelevance {
        self.relevance.into()
    }
}

/// What a move from one role to another asks you to learn.
pub struct SkillGap {
    m: View,
    from: usize,
    to: usize,
    gap: gap::Gap,
}

impl SkillGap {
    pub(crate) fn new(m: View, from: usize, to: usize) -> Self {
        let gap = career::skill_gap(&m, from, to);
        Self { m, from, to, gap }
    }
}

/// What a move from one role to another asks you to learn.
#[Object]
impl SkillGap {
    /// The current role.
    async fn from(&self) -> Role {
        Role::at(&self.m, self.from)
    }
    /// The target role.
    async fn to(&self) -> Role {
        Role::at(&self.m, self.to)
    }
    /// Skills the target needs that the current role lacks or weights lower, most important first.
    async fn skills(&self) -> Vec<SkillGapEntry> {
        self.gap
            .skills
            .iter()
            .map(|item| SkillGapEntry {
                m: self.m.clone(),
                item: item.clone(),
            })
            .collect()
    }
    /// Certifications the target values that the current role does not, strongest first.
    async fn certifications(&self) -> Vec<CertificationGapEntry> {
        self.gap
            .certifications
            .iter()
            .map(|c| CertificationGapEntry {
                m: self.m.clone(),
                certification_id: c.certification_id,
                relevance: c.relevance,
            })
            .collect()
    }
}
