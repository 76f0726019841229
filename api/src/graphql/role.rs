//! Roles and everything hanging off them: skills, certifications, duties, moves.

use std::collections::BTreeSet;

use async_graphql::{Context, Enum, ID, InputObject, Object};
use entity::{
    career_move, role, role_attribute, role_certification, role_duty, role_regional_wage,
    role_skill,
};

use super::catalog::{Certification, Skill, Source};
use super::enums::{AttributeKind, CertificationRelevance, MoveKind};
use super::loader::*;
use super::node::global_id;
use super::pagination::{connection_type, page};
use super::profile::{Demographics, Education, Experience, Outlook, Pay, Profiles, RoleProfile};
use super::{db, load_list, load_row, load_rows};
use crate::error::{ApiError, GqlResult};
use crate::service;
use crate::service::role::{RoleListing, RoleSort};

#[derive(Clone)]
pub struct Role(pub role::Model);

impl Role {
    async fn profiles_of(&self, ctx: &Context<'_>) -> GqlResult<Profiles> {
        Ok(Profiles {
            role_id: self.0.id,
            only_source: None,
            rows: load_list(ctx, ProfilesOf(self.0.id)).await?,
        })
    }

    async fn roles(ctx: &Context<'_>, ids: Vec<i32>) -> GqlResult<Vec<Role>> {
        let rows = load_rows(ctx, ids.into_iter().map(RoleById).collect()).await?;
        Ok(rows.into_iter().map(Role).collect())
    }
}

/// A job role (occupation) with its pay, outlook, requirements and career moves.
#[Object]
impl Role {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Role", &self.0.slug)
    }
    /// URL-safe unique name, e.g. `senior-it-manager`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Job title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What the role does, in our words.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// Career track / job family, e.g. `management`, `infrastructure`, `security`.
    async fn track(&self) -> &str {
        &self.0.track
    }
    /// Seniority from 1 (entry) to 8 (C-level): 2 professional, 3 senior/lead, 4 manager,
    /// 5 senior manager, 6 director, 7 vice president.
    async fn seniority(&self) -> Option<i32> {
        self.0.seniority
    }
    /// O*NET-SOC occupation code, when known (e.g. `11-3021.00`).
    async fn onet_code(&self) -> Option<&str> {
        self.0.onet_code.as_deref()
    }
    /// O*NET job zone: 1 (little preparation) to 5 (extensive preparation), when imported.
    async fn job_zone(&self) -> Option<i32> {
        self.0.job_zone
    }
    /// Other titles the role goes by (O*NET alternate titles), alphabetical.
    async fn alternate_titles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return at most this many (1–1000); all when omitted.")] first: Option<
            i32,
        >,
    ) -> GqlResult<Vec<AlternateTitle>> {
        let mut rows = load_list(ctx, AliasesOf(self.0.id)).await?;
        if let Some(n) = first {
            if !(1..=1000).contains(&n) {
                return Err(ApiError::bad_input("first", "must be between 1 and 1000").into());
            }
            rows.truncate(n as usize);
        }
        Ok(rows.into_iter().map(AlternateTitle).collect())
    }
    /// Software and tools used in the role (O*NET technology skills), hot technologies first.
    async fn technologies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only hot technologies (frequently in job postings).")] hot_only: Option<
            bool,
        >,
    ) -> GqlResult<Vec<Technology>> {
        let mut rows = load_list(ctx, TechnologiesOf(self.0.id)).await?;
        if hot_only.unwrap_or(false) {
            rows.retain(|t| t.hot);
        }
        rows.sort_by(|a, b| {
            b.hot
                .cmp(&a.hot)
                .then(b.in_demand.cmp(&a.in_demand))
                .then(a.name.cmp(&b.name))
        });
        Ok(rows.into_iter().map(Technology).collect())
    }
    /// Pay, merged across sources (first source stating a figure wins).
    async fn pay(&self, ctx: &Context<'_>) -> GqlResult<Pay> {
        Ok(Pay(self.profiles_of(ctx).await?))
    }
    /// Demand outlook, merged across sources.
    async fn outlook(&self, ctx: &Context<'_>) -> GqlResult<Outlook> {
        Ok(Outlook(self.profiles_of(ctx).await?))
    }
    /// Experience and scope, merged across sources.
    async fn experience(&self, ctx: &Context<'_>) -> GqlResult<Experience> {
        Ok(Experience(self.profiles_of(ctx).await?))
    }
    /// Education, merged across sources.
    async fn education(&self, ctx: &Context<'_>) -> GqlResult<Education> {
        Ok(Education(self.profiles_of(ctx).await?))
    }
    /// Demographics, merged across sources.
    async fn demographics(&self, ctx: &Context<'_>) -> GqlResult<Demographics> {
        Ok(Demographics(self.profiles_of(ctx).await?))
    }
    /// The figures each source states, one entry per source, so numbers can be told apart.
    async fn profiles(&self, ctx: &Context<'_>) -> GqlResult<Vec<RoleProfile>> {
        let all = self.profiles_of(ctx).await?;
        Ok(all
            .rows
            .iter()
            .map(|p| {
                RoleProfile(Profiles {
                    role_id: self.0.id,
                    only_source: Some(p.source_id),
                    rows: vec![p.clone()],
                })
            })
            .collect())
    }
    /// Skills the role needs, heaviest first: by share, then the source's rank, then O*NET
    /// importance and level; ties keep the order the data was loaded in.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn skills(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Return at most this many (1–100); all when omitted.")] first: Option<i32>,
    ) -> GqlResult<Vec<RoleSkill>> {
        let mut rows = load_list(ctx, SkillsOfRole(self.0.id)).await?;
        rows.sort_by(|a, b| {
            b.share_pct
                .unwrap_or(-1.0)
                .total_cmp(&a.share_pct.unwrap_or(-1.0))
                .then(a.rank.unwrap_or(i32::MAX).cmp(&b.rank.unwrap_or(i32::MAX)))
                .then(
                    b.importance
                        .unwrap_or(-1.0)
                        .total_cmp(&a.importance.unwrap_or(-1.0)),
                )
                .then(b.level.unwrap_or(-1.0).total_cmp(&a.level.unwrap_or(-1.0)))
                .then(a.source_id.cmp(&b.source_id))
                .then(a.id.cmp(&b.id))
        });
        if let Some(n) = first {
            if !(1..=100).contains(&n) {
                return Err(ApiError::bad_input("first", "must be between 1 and 100").into());
            }
            rows.truncate(n as usize);
        }
        Ok(rows.into_iter().map(RoleSkill).collect())
    }
    /// Certifications the role values.
    async fn certifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only links of this relevance.")] relevance: Option<
            CertificationRelevance,
        >,
    ) -> GqlResult<Vec<RoleCertification>> {
        let rows = load_list(ctx, CertificationsOfRole(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .filter(|r| relevance.is_none_or(|want| want.as_db() == r.relevance))
            .map(RoleCertification)
            .collect())
    }
    /// Duties and responsibilities, in source order.
    async fn duties(&self, ctx: &Context<'_>) -> GqlResult<Vec<Duty>> {
        Ok(load_list(ctx, DutiesOf(self.0.id))
            .await?
            .into_iter()
            .map(Duty)
            .collect())
    }
    /// Moves out of this role: the next steps people take, most likely first (then by slug).
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn next_moves(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only moves of this kind.")] kind: Option<MoveKind>,
    ) -> GqlResult<Vec<CareerMove>> {
        let rows = load_list(ctx, MovesFrom(self.0.id)).await?;
        ordered_moves(ctx, rows, kind, |m| m.to_role_id).await
    }
    /// Moves into this role: how people get here, most likely first (then by slug).
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn previous_moves(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only moves of this kind.")] kind: Option<MoveKind>,
    ) -> GqlResult<Vec<CareerMove>> {
        let rows = load_list(ctx, MovesTo(self.0.id)).await?;
        ordered_moves(ctx, rows, kind, |m| m.from_role_id).await
    }
    /// Roles listed as related ("more in this field"), either direction.
    async fn related_roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<Role>> {
        let related = MoveKind::Related.as_db();
        let mut ids: Vec<i32> = Vec::new();
        for m in load_list(ctx, MovesFrom(self.0.id)).await? {
            if m.kind == related && !ids.contains(&m.to_role_id) {
                ids.push(m.to_role_id);
            }
        }
        for m in load_list(ctx, MovesTo(self.0.id)).await? {
            if m.kind == related && !ids.contains(&m.from_role_id) {
                ids.push(m.from_role_id);
            }
        }
        Role::roles(ctx, ids).await
    }
    /// Roles a source compares this one with side by side.
    async fn compared_with(&self, ctx: &Context<'_>) -> GqlResult<Vec<Role>> {
        let mut ids: Vec<i32> = Vec::new();
        for c in load_list(ctx, ComparisonsA(self.0.id)).await? {
            ids.push(c.role_b_id);
        }
        for c in load_list(ctx, ComparisonsB(self.0.id)).await? {
            ids.push(c.role_a_id);
        }
        ids.dedup();
        Role::roles(ctx, ids).await
    }
    /// Median pay in the best-paying regions, best first.
    async fn regional_wages(&self, ctx: &Context<'_>) -> GqlResult<Vec<RegionalWage>> {
        Ok(load_list(ctx, RegionalWagesOf(self.0.id))
            .await?
            .into_iter()
            .map(RegionalWage)
            .collect())
    }
    /// List facts: top employer types, pay factors, resources.
    async fn attributes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only attributes of this kind.")] kind: Option<AttributeKind>,
    ) -> GqlResult<Vec<RoleAttribute>> {
        let rows = load_list(ctx, AttributesOf(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .filter(|r| kind.is_none_or(|k| k.as_db() == r.kind))
            .map(RoleAttribute)
            .collect())
    }
    /// Every source that states any fact about this role.
    async fn sources(&self, ctx: &Context<'_>) -> GqlResult<Vec<Source>> {
        let id = self.0.id;
        let mut ids = BTreeSet::new();
        ids.extend(
            load_list(ctx, ProfilesOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, DemographicsOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, SkillsOfRole(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, CertificationsOfRole(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, DutiesOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, EducationOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, AttributesOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, RegionalWagesOf(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, MovesFrom(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        ids.extend(
            load_list(ctx, MovesTo(id))
                .await?
                .iter()
                .map(|r| r.source_id),
        );
        let rows = load_rows(ctx, ids.into_iter().map(SourceById).collect()).await?;
        Ok(rows.into_iter().map(Source).collect())
    }
}

/// Moves of `kind` (all when `None`), most likely first, then by the other role's slug and
/// the kind, so the order depends on the data alone (not on insertion order).
async fn ordered_moves(
    ctx: &Context<'_>,
    rows: Vec<career_move::Model>,
    kind: Option<MoveKind>,
    other: fn(&career_move::Model) -> i32,
) -> GqlResult<Vec<CareerMove>> {
    let rows: Vec<career_move::Model> = rows
        .into_iter()
        .filter(|m| kind.is_none_or(|k| k.as_db() == m.kind))
        .collect();
    let keys: Vec<RoleById> = rows.iter().map(|m| RoleById(other(m))).collect();
    let roles: Vec<role::Model> = load_rows(ctx, keys).await?;
    let slug_of: std::collections::HashMap<i32, String> =
        roles.into_iter().map(|r| (r.id, r.slug)).collect();
    let mut keyed: Vec<_> = rows
        .into_iter()
        .map(|m| {
            let slug = slug_of.get(&other(&m)).cloned().unwrap_or_default();
            (m, slug)
        })
        .collect();
    keyed.sort_by(|(a, sa), (b, sb)| {
        let (la, lb) = (a.likelihood.unwrap_or(-1.0), b.likelihood.unwrap_or(-1.0));
        lb.total_cmp(&la)
            .then_with(|| sa.cmp(sb))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.source_id.cmp(&b.source_id))
    });
    Ok(keyed.into_iter().map(|(m, _)| CareerMove(m)).collect())
}

pub struct RoleSkill(pub role_skill::Model);

/// Another title a role goes by.
pub struct AlternateTitle(pub entity::role_alias::Model);

/// Another title a role goes by.
#[Object]
impl AlternateTitle {
    /// The title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

/// Software or a tool used in a role.
pub struct Technology(pub entity::role_technology::Model);

/// Software or a tool used in a role.
#[Object]
impl Technology {
    /// Product name, e.g. `Microsoft Azure software`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Kind of technology (UNSPSC commodity title).
    async fn commodity(&self) -> Option<&str> {
        self.0.commodity.as_deref()
    }
    /// O*NET hot technology: frequently named in job postings.
    async fn hot(&self) -> bool {
        self.0.hot
    }
    /// In demand: frequently named in postings for this occupation.
    async fn in_demand(&self) -> bool {
        self.0.in_demand
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
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
    fn of(n: Option<i32>, se: Option<f64>, low: Option<f64>, high: Option<f64>) -> Option<Self> {
        (n.is_some() || se.is_some()).then_some(Self {
            n,
            standard_error: se,
            lower_ci: low,
            upper_ci: high,
        })
    }
}

/// A skill as one source weights it for one role.
#[Object]
impl RoleSkill {
    /// The skill.
    async fn skill(&self, ctx: &Context<'_>) -> GqlResult<Skill> {
        Ok(Skill(load_row(ctx, SkillById(self.0.skill_id)).await?))
    }
    /// The role.
    async fn role(&self, ctx: &Context<'_>) -> GqlResult<Role> {
        Ok(Role(load_row(ctx, RoleById(self.0.role_id)).await?))
    }
    /// Share of the role's postings or resumes naming the skill, percent.
    async fn share_pct(&self) -> Option<f64> {
        self.0.share_pct
    }
    /// Position in the source's top-skills list (1 = most important).
    async fn rank(&self) -> Option<i32> {
        self.0.rank
    }
    /// O*NET importance, 1–5.
    async fn importance(&self) -> Option<f64> {
        self.0.importance
    }
    /// O*NET level, 0–7.
    async fn level(&self) -> Option<f64> {
        self.0.level
    }
    /// Reliability of the importance rating (O*NET), when known.
    async fn importance_stats(&self) -> Option<RatingStats> {
        let m = &self.0;
        RatingStats::of(
            m.importance_n,
            m.importance_se,
            m.importance_ci_low,
            m.importance_ci_high,
        )
    }
    /// Reliability of the level rating (O*NET), when known.
    async fn level_stats(&self) -> Option<RatingStats> {
        let m = &self.0;
        RatingStats::of(m.level_n, m.level_se, m.level_ci_low, m.level_ci_high)
    }
    /// Context, in our words.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

pub struct RoleCertification(pub role_certification::Model);

/// A certification as one source rates it for one role.
#[Object]
impl RoleCertification {
    /// The certification.
    async fn certification(&self, ctx: &Context<'_>) -> GqlResult<Certification> {
        Ok(Certification(
            load_row(ctx, CertificationById(self.0.certification_id)).await?,
        ))
    }
    /// The role.
    async fn role(&self, ctx: &Context<'_>) -> GqlResult<Role> {
        Ok(Role(load_row(ctx, RoleById(self.0.role_id)).await?))
    }
    /// How much the role values it.
    async fn relevance(&self) -> GqlResult<CertificationRelevance> {
        CertificationRelevance::from_db(&self.0.relevance)
    }
    /// Context, in our words.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

pub struct Duty(pub role_duty::Model);

/// One duty of a role.
#[Object]
impl Duty {
    /// Position in the source's list, from 1.
    async fn position(&self) -> i32 {
        self.0.position
    }
    /// Short heading, when the source gives one.
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    /// The duty, in our words.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

pub struct RegionalWage(pub role_regional_wage::Model);

/// Median pay of a role in one region.
#[Object]
impl RegionalWage {
    /// Region name (e.g. a US state).
    async fn region(&self) -> &str {
        &self.0.region
    }
    /// Rank among the listed regions (1 = best paid).
    async fn rank(&self) -> i32 {
        self.0.rank
    }
    /// Median yearly salary there, US dollars.
    async fn median_salary(&self) -> i32 {
        self.0.salary_median
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

pub struct RoleAttribute(pub role_attribute::Model);

/// One item of a role's list facts.
#[Object]
impl RoleAttribute {
    /// What list the item belongs to.
    async fn kind(&self) -> GqlResult<AttributeKind> {
        AttributeKind::from_db(&self.0.kind)
    }
    /// Position in the list, from 1.
    async fn position(&self) -> i32 {
        self.0.position
    }
    /// The item.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// More about it, in our words.
    async fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

/// Yearly salary change of a move, from headline salary to headline salary.
#[derive(async_graphql::SimpleObject)]
pub struct SalaryChange {
    /// Headline salary of the role left, US dollars.
    pub from: i32,
    /// Headline salary of the role taken, US dollars.
    pub to: i32,
    /// `to - from`, US dollars.
    pub amount: i32,
    /// Change relative to `from`, percent.
    pub percent: f64,
}

pub struct CareerMove(pub career_move::Model);

/// A directed edge of the career graph: people move from one role to another.
#[Object]
impl CareerMove {
    /// The role people leave.
    async fn from(&self, ctx: &Context<'_>) -> GqlResult<Role> {
        Ok(Role(load_row(ctx, RoleById(self.0.from_role_id)).await?))
    }
    /// The role people take.
    async fn to(&self, ctx: &Context<'_>) -> GqlResult<Role> {
        Ok(Role(load_row(ctx, RoleById(self.0.to_role_id)).await?))
    }
    /// Promotion, lateral move, pivot or related role.
    async fn kind(&self) -> GqlResult<MoveKind> {
        MoveKind::from_db(&self.0.kind)
    }
    /// Typical years spent in the first role before the move, when known.
    async fn typical_years(&self) -> Option<f64> {
        self.0.typical_years
    }
    /// Evidence weight in (0, 1]: 0.8 stated as most common, 0.6 stated, 0.4 stated as less
    /// common, 0.3 inferred, 0.2 merely related.
    async fn likelihood(&self) -> Option<f64> {
        self.0.likelihood
    }
    /// What the move takes, in our words.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// True when we inferred the move rather than the source stating it.
    async fn derived(&self) -> bool {
        self.0.derived
    }
    /// Salary change between the two roles' headline salaries, when both are known.
    async fn salary_change(&self, ctx: &Context<'_>) -> GqlResult<Option<SalaryChange>> {
        let from = load_list(ctx, ProfilesOf(self.0.from_role_id)).await?;
        let to = load_list(ctx, ProfilesOf(self.0.to_role_id)).await?;
        Ok(salary_change(
            service::role::headline_salary(&from),
            service::role::headline_salary(&to),
        ))
    }
    /// Where this comes from.
    async fn source(&self, ctx: &Context<'_>) -> GqlResult<Source> {
        Source::load(ctx, self.0.source_id).await
    }
}

/// The change from one yearly salary to another, when both are known.
pub fn salary_change(from: Option<i32>, to: Option<i32>) -> Option<SalaryChange> {
    let (from, to) = (from?, to?);
    let percent = if from == 0 {
        0.0
    } else {
        ((f64::from(to) - f64::from(from)) / f64::from(from) * 1000.0).round() / 10.0
    };
    Some(SalaryChange {
        from,
        to,
        amount: to - from,
        percent,
    })
}

connection_type!(
    RoleConnection,
    RoleEdge,
    Role,
    "A page of roles (Relay connection).",
    "A role in a page, with its cursor."
);

/// Sort keys of `roles`.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RoleOrderField {
    /// Alphabetical by title.
    #[default]
    Title,
    /// By seniority level; unknown last.
    Seniority,
    /// By headline yearly salary; unknown last.
    Salary,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

/// How to sort `roles`.
#[derive(InputObject, Clone, Copy, Default)]
pub struct RoleOrder {
    /// Sort key.
    #[graphql(default)]
    pub field: RoleOrderField,
    /// Direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

/// Filters for `roles`; all given conditions must hold.
#[derive(InputObject, Clone, Default)]
pub struct RoleFilter {
    /// Only roles in one of these tracks.
    pub tracks: Option<Vec<String>>,
    /// Only roles at least this senior (1–8).
    pub seniority_min: Option<i32>,
    /// Only roles at most this senior (1–8).
    pub seniority_max: Option<i32>,
    /// Only roles that need the skill with this slug.
    pub skill: Option<String>,
}

#[derive(Default)]
pub struct RoleQuery;

/// Role queries.
#[Object]
impl RoleQuery {
    /// One role by slug; NOT_FOUND when there is none.
    async fn role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role's slug, e.g. `senior-it-manager`.")] slug: String,
    ) -> GqlResult<Option<Role>> {
        Ok(Some(Role(service::role::by_slug(db(ctx)?, &slug).await?)))
    }

    /// Roles, paginated (Relay connection), optionally searched, filtered and sorted.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Case-insensitive text to find in the title or slug.")] search: Option<
            String,
        >,
        #[graphql(desc = "Conditions every returned role meets.")] filter: Option<RoleFilter>,
        #[graphql(desc = "Sort order (default: title ascending).")] order_by: Option<RoleOrder>,
    ) -> GqlResult<RoleConnection> {
        let page = page(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        for (field, value) in [
            ("filter.seniorityMin", filter.seniority_min),
            ("filter.seniorityMax", filter.seniority_max),
        ] {
            if value.is_some_and(|v| !(1..=8).contains(&v)) {
                return Err(ApiError::bad_input(field, "must be between 1 and 8").into());
            }
        }
        let order = order_by.unwrap_or_default();
        let listing = RoleListing {
            search,
            tracks: filter.tracks.unwrap_or_default(),
            seniority_min: filter.seniority_min,
            seniority_max: filter.seniority_max,
            skill: filter.skill,
            sort: match order.field {
                RoleOrderField::Title => RoleSort::Title,
                RoleOrderField::Seniority => RoleSort::Seniority,
                RoleOrderField::Salary => RoleSort::Salary,
            },
            descending: order.direction == OrderDirection::Desc,
        };
        let (rows, total) = service::role::list(db(ctx)?, &listing, page).await?;
        Ok(RoleConnection::new(
            rows.into_iter().map(Role).collect(),
            total,
            page,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::salary_change;

    #[test]
    fn salary_change_is_relative_to_the_role_left() {
        let change = salary_change(Some(100_000), Some(125_000)).unwrap();
        assert_eq!(change.amount, 25_000);
        assert_eq!(change.percent, 25.0);
        assert!(salary_change(None, Some(1)).is_none());
    }
}
