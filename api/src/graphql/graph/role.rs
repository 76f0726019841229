//! The role node: a job role with its pay, outlook, requirements and career moves.

use async_graphql::{ID, Object};
use entity::role;

use super::{
    AlternateTitle, CareerMove, CertificationItem, Duty, RegionalWage, RoleAttribute,
    RoleCertification, RoleSkill, SimilarRole, SkillItem, Technology, global_id,
};
use crate::error::GqlResult;
use crate::graphql::area::{AreaWage, AreaWageOrder};
use crate::graphql::enums::{
    AreaType, AttributeKind, CertificationRelevance, MoveKind, StatementKind,
};
use crate::graphql::kit::{At, View, dangling};
use crate::graphql::profile::{
    Demographics, Education, Experience, Outlook, Pay, Profiles, RoleProfile,
};
use crate::graphql::source::Source;
use crate::graphql::statement::RoleStatement;
use crate::model::RoleFacts;
use crate::service::check::{self, Bounds};
use crate::service::place;

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
    /// O*NET job zone as the imported release numbers it (so far always 1, little preparation,
    /// to 5, extensive preparation; the release's Job Zone Reference orders them), when
    /// imported; a curated role without one takes its O*NET occupation's (`onetCode`).
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
        self.facts()
            .certification_items
            .iter()
            .map(|group| CertificationItem::at(&self.m, self.i, group))
            .collect()
    }
    /// Skills the role needs, each once, with every source's figures beside it, heaviest
    /// first (as `skills`, which lists the per-source records).
    async fn skill_items(&self) -> Vec<SkillItem> {
        self.facts()
            .skill_items
            .iter()
            .map(|group| SkillItem::at(&self.m, self.i, group))
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
    ) -> GqlResult<Vec<SimilarRole>> {
        SimilarRole::of(self, first.unwrap_or(10), min_similarity)
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
        let p = self.m.places.get().await?;
        let Some(area) = place::wage_area(&p, "area", area.as_deref())? else {
            return Ok(None);
        };
        Ok(place::role_wage(&self.m, &p, self.i as usize, area)
            .map(|w| AreaWage::at(&self.m, &p, w)))
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
        let p = self.m.places.get().await?;
        let rows = place::wages_by_area(
            &self.m,
            &p,
            self.i as usize,
            area_type.into(),
            order_by.into(),
            first,
        )?;
        Ok(rows
            .into_iter()
            .map(|w| AreaWage::at(&self.m, &p, w))
            .collect())
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
