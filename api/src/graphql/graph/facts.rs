//! The rows hanging off a role, each citing its source: skills and certifications as one
//! source states them (and each once, with every source's statement), alternate titles,
//! technologies, duties, regional wages and list facts.

use async_graphql::Object;
use entity::{role_attribute, role_certification, role_duty, role_regional_wage};

use super::{Certification, Role, Skill};
use crate::error::GqlResult;
use crate::graphql::enums::{AttributeKind, CertificationRelevance};
use crate::graphql::kit::{At, View, fact_type};
use crate::graphql::source::Source;

fact_type!(RoleSkill, skills, crate::model::rows::RoleSkill);
fact_type!(AlternateTitle, aliases, crate::model::rows::RoleAlias);
fact_type!(Technology, technologies, crate::model::rows::RoleTechnology);
fact_type!(RoleCertification, certifications, role_certification::Model);
fact_type!(Duty, duties, role_duty::Model);
fact_type!(RegionalWage, regional_wages, role_regional_wage::Model);
fact_type!(RoleAttribute, attributes, role_attribute::Model);

/// Another title a role goes by.
#[Object]
impl AlternateTitle {
    /// The title.
    async fn title(&self) -> &str {
        &self.row().title
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// Software or a tool used in a role.
#[Object]
impl Technology {
    /// Product name, e.g. `Microsoft Azure software`.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// Kind of technology (UNSPSC commodity title).
    async fn commodity(&self) -> Option<&str> {
        self.row().commodity.as_deref()
    }
    /// O*NET hot technology: frequently named in job postings.
    async fn hot(&self) -> bool {
        self.row().hot
    }
    /// In demand: frequently named in postings for this occupation.
    async fn in_demand(&self) -> bool {
        self.row().in_demand
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// Reliability of an O*NET rating.
#[derive(async_graphql::SimpleObject)]
pub struct RatingStats {
    /// Number of respondents or analysts.
    pub n: Option<i32>,
    /// Standard error.
    pub standard_error: Option<f64>,
    /// Lower bound of the 95% confidence interval.
    pub lower_ci: Option<f64>,
    /// Upper bound of the 95% confidence interval.
    pub upper_ci: Option<f64>,
}

impl RatingStats {
    fn of(s: crate::model::rows::RatingStats) -> Option<Self> {
        (s.n.is_some() || s.se.is_some()).then_some(Self {
            n: s.n,
            standard_error: s.se,
            lower_ci: s.ci_low,
            upper_ci: s.ci_high,
        })
    }
}

/// A skill as one source weights it for one role.
#[Object]
impl RoleSkill {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.0.m, self.row().skill_id)
    }
    /// The role.
    async fn role(&self) -> Role {
        Role::at(&self.0.m, self.0.role as usize)
    }
    /// Share of the role's postings or resumes naming the skill, percent.
    async fn share_pct(&self) -> Option<f64> {
        self.row().share_pct()
    }
    /// Position in the source's top-skills list (1 = most important).
    async fn rank(&self) -> Option<i32> {
        self.row().rank()
    }
    /// O*NET importance, 1–5.
    async fn importance(&self) -> Option<f64> {
        self.row().importance()
    }
    /// O*NET level, 0–7.
    async fn level(&self) -> Option<f64> {
        self.row().level()
    }
    /// Reliability of the importance rating (O*NET), when known.
    async fn importance_stats(&self) -> Option<RatingStats> {
        RatingStats::of(self.row().importance_stats())
    }
    /// Reliability of the level rating (O*NET), when known.
    async fn level_stats(&self) -> Option<RatingStats> {
        RatingStats::of(self.row().level_stats())
    }
    /// Context, in our words.
    async fn note(&self) -> Option<&str> {
        self.row().note()
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// A certification as one source rates it for one role.
#[Object]
impl RoleCertification {
    /// The certification.
    async fn certification(&self) -> GqlResult<Certification> {
        Certification::by_id(&self.0.m, self.row().certification_id)
    }
    /// The role.
    async fn role(&self) -> Role {
        Role::at(&self.0.m, self.0.role as usize)
    }
    /// How much the role values it.
    async fn relevance(&self) -> CertificationRelevance {
        self.row().relevance.into()
    }
    /// Context, in our words.
    async fn note(&self) -> Option<&str> {
        self.row().note.as_deref()
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// A certification a role values, once, with what each source states about it.
pub struct CertificationItem {
    id: i32,
    statements: Vec<RoleCertification>,
}

impl CertificationItem {
    /// The item whose statements sit at `positions` of role `role`'s certifications.
    pub(crate) fn at(m: &View, role: u32, positions: &[u32]) -> Self {
        let statements: Vec<RoleCertification> = positions
            .iter()
            .map(|&p| RoleCertification(At::new(m, role, p as usize)))
            .collect();
        let id = statements.first().map_or(0, |s| s.row().certification_id);
        Self { id, statements }
    }

    /// The strongest relevance its sources state (an item always has a statement).
    fn strongest(&self) -> entity::vocab::Relevance {
        self.statements
            .iter()
            .map(|s| s.row().relevance)
            .min_by_key(|r| r.strength_rank())
            .unwrap_or(self.statements[0].row().relevance)
    }
}

/// A certification a role values, once, with what each source states about it.
#[Object]
impl CertificationItem {
    /// The certification.
    async fn certification(&self) -> GqlResult<Certification> {
        let m = &self.statements[0].0.m;
        Certification::by_id(m, self.id)
    }
    /// The strongest relevance any source states.
    async fn relevance(&self) -> CertificationRelevance {
        self.strongest().into()
    }
    /// Each source's statement (relevance, note, source), in source order.
    async fn statements(&self) -> Vec<RoleCertification> {
        self.statements
            .iter()
            .map(|s| RoleCertification(s.0.clone()))
            .collect()
    }
}

/// A skill a role needs, once, with each source's figures for it.
pub struct SkillItem {
    id: i32,
    statements: Vec<RoleSkill>,
}

impl SkillItem {
    /// The item whose statements sit at `positions` of role `role`'s skills.
    pub(crate) fn at(m: &View, role: u32, positions: &[u32]) -> Self {
        let statements: Vec<RoleSkill> = positions
            .iter()
            .map(|&p| RoleSkill(At::new(m, role, p as usize)))
            .collect();
        let id = statements.first().map_or(0, |s| s.row().skill_id);
        Self { id, statements }
    }
}

/// A skill a role needs, once, with each source's figures for it.
#[Object]
impl SkillItem {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.statements[0].0.m, self.id)
    }
    /// Each source's figures (share, rank, O*NET importance and level, note, source),
    /// heaviest first.
    async fn statements(&self) -> Vec<RoleSkill> {
        self.statements
            .iter()
            .map(|s| RoleSkill(s.0.clone()))
            .collect()
    }
}

/// One duty of a role.
#[Object]
impl Duty {
    /// Position in the source's list, from 1.
    async fn position(&self) -> i32 {
        self.row().position
    }
    /// Short heading, when the source gives one.
    async fn title(&self) -> Option<&str> {
        self.row().title.as_deref()
    }
    /// The duty, in our words.
    async fn description(&self) -> &str {
        &self.row().description
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// Median pay of a role in one region.
#[Object]
impl RegionalWage {
    /// Region name (e.g. a US state).
    async fn region(&self) -> &str {
        &self.row().region
    }
    /// Rank among the listed regions (1 = best paid).
    async fn rank(&self) -> i32 {
        self.row().rank
    }
    /// Median yearly salary there, US dollars.
    async fn median_salary(&self) -> i32 {
        self.row().salary_median
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// One item of a role's list facts.
#[Object]
impl RoleAttribute {
    /// What list the item belongs to.
    async fn kind(&self) -> AttributeKind {
        self.row().kind.into()
    }
    /// Position in the list, from 1.
    async fn position(&self) -> i32 {
        self.row().position
    }
    /// The item.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// More about it, in our words.
    async fn detail(&self) -> Option<&str> {
        self.row().detail.as_deref()
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}
