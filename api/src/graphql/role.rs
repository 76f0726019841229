//! Roles and everything hanging off them: skills, certifications, duties, moves.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use entity::{
    career_move, role, role_attribute, role_certification, role_duty, role_regional_wage,
    role_skill,
};

use super::catalog::{Certification, Skill, Source};
use super::enums::{AreaType, AttributeKind, CertificationRelevance, MoveKind, StatementKind};
use super::kit::{At, SalaryChange, View, dangling, fact_type, group_by};
use super::node::global_id;
use super::pagination::{connection_type, page};
use super::place::{AreaWage, AreaWageOrder};
use super::profile::{Demographics, Education, Experience, Outlook, Pay, Profiles, RoleProfile};
use super::statement::RoleStatement;
use crate::error::{ApiError, GqlResult};
use crate::model::RoleFacts;
use crate::service::check::{self, Bounds};
use crate::service::role::{RoleListing, RoleSort};

#[derive(Clone)]
pub struct Role {
    pub(crate) m: View,
    pub(crate) i: u32,
}

impl Role {
    /// The role at index `i` of the model.
    pub(crate) fn at(m: &View, i: usize) -> Self {
        Self {
            m: m.clone(),
            i: i as u32,
        }
    }

    /// The role with this database id; a dangling id is an internal error.
    pub(crate) fn by_id(m: &View, id: i32) -> GqlResult<Self> {
        m.role_index_of_id(id)
            .map(|i| Self::at(m, i))
            .ok_or_else(|| dangling("role", id))
    }

    pub(crate) fn row(&self) -> &role::Model {
        &self.m.roles[self.i as usize]
    }

    pub(crate) fn facts(&self) -> &RoleFacts {
        &self.m.facts[self.i as usize]
    }

    fn profiles_of(&self) -> Profiles {
        Profiles::new(self.m.clone(), self.i, None)
    }

    fn list(&self, indices: &[u32]) -> Vec<Role> {
        indices
            .iter()
            .map(|&i| Role::at(&self.m, i as usize))
            .collect()
    }
}

fact_type!(RoleSkill, skills, role_skill::Model);
fact_type!(AlternateTitle, aliases, entity::role_alias::Model);
fact_type!(Technology, technologies, entity::role_technology::Model);
fact_type!(RoleCertification, certifications, role_certification::Model);
fact_type!(Duty, duties, role_duty::Model);
fact_type!(RegionalWage, regional_wages, role_regional_wage::Model);
fact_type!(RoleAttribute, attributes, role_attribute::Model);

/// A job role (occupation) with its pay, outlook, requirements and career moves.
#[Object]
impl Role {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Role", &self.row().slug)
    }
    /// URL-safe unique name, e.g. `senior-it-manager`.
    async fn slug(&self) -> &str {
        &self.row().slug
    }
    /// Job title.
    async fn title(&self) -> &str {
        &self.row().title
    }
    /// What the role does, in our words.
    async fn summary(&self) -> Option<&str> {
        self.row().summary.as_deref()
    }
    /// Career track / job family, e.g. `management`, `infrastructure`, `security`.
    async fn track(&self) -> &str {
        &self.row().track
    }
    /// Seniority from 1 (entry) to 8 (C-level): 2 professional, 3 senior/lead, 4 manager,
    /// 5 senior manager, 6 director, 7 vice president.
    async fn seniority(&self) -> Option<i32> {
        self.row().seniority
    }
    /// Where `track` and `seniority` come from: they are our classification, so the editorial
    /// source (for an O*NET occupation, seniority follows its job zone).
    async fn classified_by(&self) -> Option<Source> {
        Source::editorial(&self.m)
    }
    /// O*NET-SOC occupation code, when known (e.g. `11-3021.00`).
    async fn onet_code(&self) -> Option<&str> {
        self.row().onet_code.as_deref()
    }
    /// O*NET job zone: 1 (little preparation) to 5 (extensive preparation), when imported; a
    /// curated role without one takes its O*NET occupation's (`onetCode`).
    async fn job_zone(&self) -> Option<i32> {
        self.row().job_zone
    }
    /// Other titles the role goes by (O*NET alternate titles), alphabetical.
    async fn alternate_titles(
        &self,
        #[graphql(desc = "Return at most this many (1–1000); all when omitted.")] first: Option<
            i32,
        >,
    ) -> GqlResult<Vec<AlternateTitle>> {
        let mut rows = AlternateTitle::all_of(&self.m, self.i);
        if let Some(n) = first {
            rows.truncate(check::count("first", n, Bounds::new(1.0, 1000.0))?);
        }
        Ok(rows)
    }
    /// Software and tools used in the role (O*NET technology skills), hot technologies first.
    async fn technologies(
        &self,
        #[graphql(desc = "Only hot technologies (frequently in job postings).")] hot_only: Option<
            bool,
        >,
    ) -> Vec<Technology> {
        let mut rows = Technology::all_of(&self.m, self.i);
        if hot_only.unwrap_or(false) {
            rows.retain(|t| t.row().hot);
        }
        rows
    }
    /// What the role pays, every figure from one source (README "Pay"): the first source
    /// describing the role itself that states a yearly figure (its document, or the editorial
    /// source), else the newest dataset release for its occupation (BLS). `basis` says which.
    async fn pay(&self) -> Pay {
        let f = self.facts();
        let only = f.pay_profile.or_else(|| {
            f.profiles
                .iter()
                .position(crate::model::has_pay)
                .map(|i| i as u32)
        });
        Pay(Profiles::new(self.m.clone(), self.i, only))
    }
    /// The occupation benchmark: the newest dataset release's national figures for the role's
    /// occupation (BLS OEWS), beside the role's own `pay`, never merged into it. Several roles
    /// of one occupation share it. Null when no release covers the occupation.
    async fn pay_benchmark(&self) -> Option<Pay> {
        self.facts()
            .benchmark_profile
            .map(|p| Pay(Profiles::new(self.m.clone(), self.i, Some(p))))
    }
    /// Demand outlook, merged across sources.
    async fn outlook(&self) -> Outlook {
        Outlook(self.profiles_of())
    }
    /// Experience and scope, merged across sources.
    async fn experience(&self) -> Experience {
        Experience(self.profiles_of())
    }
    /// Education, merged across sources.
    async fn education(&self) -> Education {
        Education(self.profiles_of())
    }
    /// Demographics, merged across sources.
    async fn demographics(&self) -> Demographics {
        Demographics(self.profiles_of())
    }
    /// The figures each source states, one entry per source, so numbers can be told apart.
    async fn profiles(&self) -> Vec<RoleProfile> {
        (0..self.facts().profiles.len() as u32)
            .map(|p| RoleProfile(Profiles::new(self.m.clone(), self.i, Some(p))))
            .collect()
    }
    /// Skills the role needs, heaviest first: by share, then the source's rank, then O*NET
    /// importance and level; ties keep the order the data was loaded in.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn skills(
        &self,
        #[graphql(desc = "Return at most this many (1–100); all when omitted.")] first: Option<i32>,
    ) -> GqlResult<Vec<RoleSkill>> {
        let mut len = self.facts().skills.len();
        if let Some(n) = first {
            len = len.min(check::count("first", n, Bounds::new(1.0, 100.0))?);
        }
        Ok(At::all(&self.m, self.i, len).map(RoleSkill).collect())
    }
    /// Certifications the role values, each once, with every source's statement beside it
    /// (where several sources name one certification), strongest relevance first, then in
    /// the order sources name them. `certifications` lists the per-source records.
    async fn certification_items(&self) -> Vec<CertificationItem> {
        let rows = RoleCertification::all_of(&self.m, self.i);
        let mut items: Vec<CertificationItem> = group_by(rows, |r| r.row().certification_id)
            .into_iter()
            .map(|(id, statements)| CertificationItem { id, statements })
            .collect();
        items.sort_by_key(|x| x.strongest().strength_rank());
        items
    }
    /// Skills the role needs, each once, with every source's figures beside it, heaviest
    /// first (as `skills`, which lists the per-source records).
    async fn skill_items(&self) -> Vec<SkillItem> {
        let rows = At::all(&self.m, self.i, self.facts().skills.len()).map(RoleSkill);
        group_by(rows, |r| r.row().skill_id)
            .into_iter()
            .map(|(id, statements)| SkillItem { id, statements })
            .collect()
    }
    /// Certifications the role values: one record per source statement (a certification two
    /// sources name appears twice; `certificationItems` lists each once).
    async fn certifications(
        &self,
        #[graphql(desc = "Only links of this relevance.")] relevance: Option<
            CertificationRelevance,
        >,
    ) -> Vec<RoleCertification> {
        let mut rows = RoleCertification::all_of(&self.m, self.i);
        if let Some(want) = relevance {
            rows.retain(|r| CertificationRelevance::from(r.row().relevance) == want);
        }
        rows
    }
    /// Duties and responsibilities, in source order.
    async fn duties(&self) -> Vec<Duty> {
        Duty::all_of(&self.m, self.i)
    }
    /// Narrative facts about the role, each citing its source (requirements, qualifiers,
    /// FAQ answers, outlook, traits, knowledge, duties, comparisons), in source order.
    async fn statements(
        &self,
        #[graphql(desc = "Only statements of this kind.")] kind: Option<StatementKind>,
        #[graphql(desc = "Only statements on this topic (a slug, e.g. `experience`).")]
        topic: Option<String>,
    ) -> Vec<RoleStatement> {
        RoleStatement::of_role(&self.m, self.i, kind, topic.as_deref())
    }
    /// Moves out of this role: the next steps people take, most likely first (then by slug).
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn next_moves(
        &self,
        #[graphql(desc = "Only moves of this kind.")] kind: Option<MoveKind>,
    ) -> Vec<CareerMove> {
        CareerMove::list(&self.m, &self.facts().moves_out, kind)
    }
    /// Moves into this role: how people get here, most likely first (then by slug).
    #[graphql(complexity = "10 * child_complexity + 1")]
    async fn previous_moves(
        &self,
        #[graphql(desc = "Only moves of this kind.")] kind: Option<MoveKind>,
    ) -> Vec<CareerMove> {
        CareerMove::list(&self.m, &self.facts().moves_in, kind)
    }
    /// Roles most like this one by skills (computed; its 30 nearest), most alike both ways
    /// first; `similarity` is how much of each one's needs this role covers.
    async fn similar_roles(
        &self,
        #[graphql(desc = "How many roles, 1–50.", default = 10)] first: Option<i32>,
        #[graphql(desc = "Least similarity, 0–1.")] min_similarity: Option<f64>,
    ) -> GqlResult<Vec<super::planning::SimilarRole>> {
        super::planning::similar_roles(self, first.unwrap_or(10), min_similarity)
    }
    /// Roles listed as related ("more in this field"), either direction.
    async fn related_roles(&self) -> Vec<Role> {
        self.list(&self.facts().related)
    }
    /// Roles a source compares this one with side by side.
    async fn compared_with(&self) -> Vec<Role> {
        self.list(&self.facts().compared_with)
    }
    /// Median pay in the best-paying regions, best first.
    async fn regional_wages(&self) -> Vec<RegionalWage> {
        RegionalWage::all_of(&self.m, self.i)
    }
    /// Employment and pay of the role's occupation (its O*NET code's SOC code) in one area,
    /// from BLS OEWS May 2025; national when `area` is omitted. Null when BLS has no estimate
    /// there (or the role has no O*NET code); BAD_USER_INPUT for an unknown area.
    async fn wages(
        &self,
        #[graphql(
            desc = "A BLS area code (`0600000`), a USPS state code (`CA`) or an exact area name (`California`, `San Jose-Sunnyvale-Santa Clara, CA`), case-insensitive; national when omitted."
        )]
        area: Option<String>,
    ) -> GqlResult<Option<AreaWage>> {
        super::place::role_wages(self, area.as_deref()).await
    }
    /// The role's occupation in every area of one type, ranked (BLS OEWS May 2025); values BLS
    /// did not publish sort last. Empty when the role has no O*NET code or BLS no estimate.
    #[graphql(complexity = "crate::graphql::scaled(Some(first), 10, child_complexity)")]
    async fn wages_by_area(
        &self,
        #[graphql(
            name = "type",
            desc = "Areas of this type.",
            default_with = "AreaType::State"
        )]
        area_type: AreaType,
        #[graphql(desc = "Ranking (default: highest annual median first).", default)]
        order_by: AreaWageOrder,
        #[graphql(desc = "Return at most this many (1–100).", default = 10)] first: i32,
    ) -> GqlResult<Vec<AreaWage>> {
        super::place::role_wages_by_area(self, area_type, order_by, first).await
    }
    /// List facts: top employer types, pay factors, resources.
    async fn attributes(
        &self,
        #[graphql(desc = "Only attributes of this kind.")] kind: Option<AttributeKind>,
    ) -> Vec<RoleAttribute> {
        let mut rows = RoleAttribute::all_of(&self.m, self.i);
        if let Some(k) = kind {
            rows.retain(|r| AttributeKind::from(r.row().kind) == k);
        }
        rows
    }
    /// Every source that states any fact about this role.
    async fn sources(&self) -> Vec<Source> {
        self.facts()
            .sources
            .iter()
            .map(|&i| Source::at(&self.m, i as usize))
            .collect()
    }
}

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
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.0.m, self.row().skill_id)
    }
    /// The role.
    async fn role(&self) -> Role {
        Role::at(&self.0.m, self.0.role as usize)
    }
    /// Share of the role's postings or resumes naming the skill, percent.
    async fn share_pct(&self) -> Option<f64> {
        self.row().share_pct
    }
    /// Position in the source's top-skills list (1 = most important).
    async fn rank(&self) -> Option<i32> {
        self.row().rank
    }
    /// O*NET importance, 1–5.
    async fn importance(&self) -> Option<f64> {
        self.row().importance
    }
    /// O*NET level, 0–7.
    async fn level(&self) -> Option<f64> {
        self.row().level
    }
    /// Reliability of the importance rating (O*NET), when known.
    async fn importance_stats(&self) -> Option<RatingStats> {
        let m = self.row();
        RatingStats::of(
            m.importance_n,
            m.importance_se,
            m.importance_ci_low,
            m.importance_ci_high,
        )
    }
    /// Reliability of the level rating (O*NET), when known.
    async fn level_stats(&self) -> Option<RatingStats> {
        let m = self.row();
        RatingStats::of(m.level_n, m.level_se, m.level_ci_low, m.level_ci_high)
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

#[derive(Clone)]
pub struct CareerMove {
    pub(crate) m: View,
    pub(crate) i: u32,
}

impl CareerMove {
    /// The move with this database id; a dangling id is an internal error.
    pub(crate) fn by_id(m: &View, id: i32) -> GqlResult<Self> {
        m.move_index_of_id(id)
            .map(|i| Self {
                m: m.clone(),
                i: i as u32,
            })
            .ok_or_else(|| dangling("move", id))
    }

    /// The moves at `indices` (already in the model's order), only those of `kind` when given.
    fn list(m: &View, indices: &[u32], kind: Option<MoveKind>) -> Vec<CareerMove> {
        indices
            .iter()
            .filter(|&&i| kind.is_none_or(|k| MoveKind::from(m.moves[i as usize].kind) == k))
            .map(|&i| CareerMove { m: m.clone(), i })
            .collect()
    }

    fn row(&self) -> &career_move::Model {
        &self.m.moves[self.i as usize]
    }
}

/// A directed edge of the career graph: people move from one role to another.
#[Object]
impl CareerMove {
    /// The role people leave.
    async fn from(&self) -> GqlResult<Role> {
        Role::by_id(&self.m, self.row().from_role_id)
    }
    /// The role people take.
    async fn to(&self) -> GqlResult<Role> {
        Role::by_id(&self.m, self.row().to_role_id)
    }
    /// Promotion, lateral move, pivot or related role.
    async fn kind(&self) -> MoveKind {
        self.row().kind.into()
    }
    /// Typical years spent in the first role before the move, when known.
    async fn typical_years(&self) -> Option<f64> {
        self.row().typical_years
    }
    /// Evidence weight in (0, 1]: 0.8 stated as most common, 0.6 stated, 0.4 stated as less
    /// common, 0.3 inferred, 0.2 merely related.
    async fn likelihood(&self) -> Option<f64> {
        self.row().likelihood
    }
    /// What the move takes, in our words.
    async fn description(&self) -> Option<&str> {
        self.row().description.as_deref()
    }
    /// True when we inferred the move rather than the source stating it (its `source` is then
    /// the editorial source).
    async fn derived(&self) -> bool {
        self.row().derived
    }
    /// Where `kind` and `likelihood` come from: our classification of what `source` states,
    /// so the editorial source (the move itself keeps its `source`).
    async fn assessed_by(&self) -> Option<Source> {
        Source::editorial(&self.m)
    }
    /// Salary change of the move, like for like (see `SalaryChange`); null when either role
    /// has no pay.
    async fn salary_change(&self) -> GqlResult<Option<SalaryChange>> {
        let from = Role::by_id(&self.m, self.row().from_role_id)?;
        let to = Role::by_id(&self.m, self.row().to_role_id)?;
        Ok(
            crate::service::place::move_salaries(&self.m, from.i as usize, to.i as usize, None)
                .map(Into::into),
        )
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.m, self.row().source_id)
    }
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
        let m = super::model(ctx)?;
        let i = m
            .role_index(&slug)
            .ok_or_else(|| ApiError::not_found("role", &slug))?;
        Ok(Some(Role::at(&m, i)))
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
            check::whole(field, value, seed::value::SENIORITY)?;
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
        let m = super::model(ctx)?;
        let (rows, total) = crate::service::role::list(&m, &listing, page);
        Ok(RoleConnection::new(
            rows.into_iter().map(|i| Role::at(&m, i as usize)).collect(),
            total,
            page,
        ))
    }
}
