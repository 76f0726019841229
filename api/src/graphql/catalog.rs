//! Skills, certifications and sources.

use async_graphql::{Context, ID, Object};
use entity::{certification, skill, source};

use super::enums::SourceKind;
use super::kit::{At, View, dangling};
use super::node::global_id;
use super::pagination::{connection_type, page};
use super::role::{RoleCertification, RoleSkill};
use crate::error::{ApiError, GqlResult};
use crate::service;

/// Defines a GraphQL wrapper over one of the model's catalog tables, looked up by index.
macro_rules! catalog_type {
    ($name:ident, $table:ident, $row:ty, $of_id:ident, $what:literal) => {
        #[derive(Clone)]
        pub struct $name {
            pub(crate) m: View,
            pub(crate) i: u32,
        }

        impl $name {
            /// The item at index `i` of the model.
            pub(crate) fn at(m: &View, i: usize) -> Self {
                Self {
                    m: m.clone(),
                    i: i as u32,
                }
            }

            /// The item with this database id; a dangling id is an internal error.
            pub(crate) fn by_id(m: &View, id: i32) -> GqlResult<Self> {
                m.$of_id(id)
                    .map(|i| Self::at(m, i))
                    .ok_or_else(|| dangling($what, id))
            }

            pub(crate) fn row(&self) -> &$row {
                &self.m.$table[self.i as usize]
            }
        }
    };
}

catalog_type!(Skill, skills, skill::Model, skill_index_of_id, "skill");
catalog_type!(
    Certification,
    certifications,
    certification::Model,
    certification_index_of_id,
    "certification"
);
catalog_type!(Source, sources, source::Model, source_index_of_id, "source");

/// A skill or knowledge area.
#[Object]
impl Skill {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Skill", &self.row().slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.row().slug
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// Category: `technical`, `management`, `business` or `interpersonal`.
    async fn category(&self) -> &str {
        &self.row().category
    }
    /// Roles that need this skill, with each source's weight.
    async fn roles(&self) -> Vec<RoleSkill> {
        self.m.skill_links[self.i as usize]
            .iter()
            .map(|l| RoleSkill(At::new(&self.m, l.role, l.pos as usize)))
            .collect()
    }
}

/// A professional certification.
#[Object]
impl Certification {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Certification", &self.row().slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.row().slug
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.row().name
    }
    /// Usual abbreviation, e.g. `PMP`.
    async fn acronym(&self) -> Option<&str> {
        self.row().acronym.as_deref()
    }
    /// Body that awards it.
    async fn issuer(&self) -> Option<&str> {
        self.row().issuer.as_deref()
    }
    /// Where `issuer` comes from: the editorial source (the documents name certifications,
    /// not their issuers); null when no issuer is set.
    async fn issuer_source(&self) -> Option<Source> {
        self.row()
            .issuer
            .as_ref()
            .and_then(|_| Source::editorial(&self.m))
    }
    /// Roles that value it, with relevance and source.
    async fn roles(&self) -> Vec<RoleCertification> {
        self.m.certification_links[self.i as usize]
            .iter()
            .map(|l| RoleCertification(At::new(&self.m, l.role, l.pos as usize)))
            .collect()
    }
}

impl Source {
    /// The editorial source: values we set ourselves (classifications, weights, inferences)
    /// cite it. `None` when the data has none (e.g. after a dataset REPLACE without it).
    pub(crate) fn editorial(m: &View) -> Option<Self> {
        m.source_index(seed::dataset::EDITORIAL_SOURCE)
            .map(|i| Self::at(m, i))
    }
}

/// Where facts come from: a source document or a dataset release.
#[Object]
impl Source {
    /// File name of the document (e.g. `003_1223a2aff6a9897a.txt`) or dataset id.
    async fn key(&self) -> &str {
        &self.row().key
    }
    /// What the source is, in our words.
    async fn title(&self) -> &str {
        &self.row().title
    }
    /// Document, dataset or derivation rule.
    async fn kind(&self) -> SourceKind {
        self.row().kind.into()
    }
    /// Publisher, when known.
    async fn publisher(&self) -> Option<&str> {
        self.row().publisher.as_deref()
    }
    /// Where to find it, when known.
    async fn url(&self) -> Option<&str> {
        self.row().url.as_deref()
    }
    /// Attribution text that must accompany its data, when its licence requires one.
    async fn attribution(&self) -> Option<&str> {
        self.row().attribution.as_deref()
    }
    /// The month its figures are as of (`YYYY-MM`), for a dataset: a survey's reference month
    /// (BLS OEWS May 2025: `2025-05`) or a database release's month. Where two releases state
    /// the same figure, the newest leads the merged views (`Role.pay` and the others).
    async fn as_of(&self) -> Option<&str> {
        self.row().as_of.as_deref()
    }
}

#[derive(Default)]
pub struct CatalogQuery;

connection_type!(
    SkillConnection,
    SkillEdge,
    Skill,
    "A page of skills (Relay connection).",
    "A skill in a page, with its cursor."
);
connection_type!(
    CertificationConnection,
    CertificationEdge,
    Certification,
    "A page of certifications (Relay connection).",
    "A certification in a page, with its cursor."
);

/// Skill, certification and source queries.
#[Object]
impl CatalogQuery {
    /// One skill by slug; NOT_FOUND when there is none.
    async fn skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The skill's slug, e.g. `project-management`.")] slug: String,
    ) -> GqlResult<Option<Skill>> {
        let m = super::model(ctx)?;
        let i = m
            .skill_index(&slug)
            .ok_or_else(|| ApiError::not_found("skill", &slug))?;
        Ok(Some(Skill::at(&m, i)))
    }

    /// Skills by name, paginated.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn skills(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Case-insensitive text to find in the name.")] search: Option<String>,
        #[graphql(desc = "Only skills of this category.")] category: Option<String>,
    ) -> GqlResult<SkillConnection> {
        let page = page(first, after.as_deref())?;
        let m = super::model(ctx)?;
        let (rows, total) =
            service::catalog::list_skills(&m, search.as_deref(), category.as_deref(), page);
        Ok(SkillConnection::new(
            rows.into_iter()
                .map(|i| Skill::at(&m, i as usize))
                .collect(),
            total,
            page,
        ))
    }

    /// One certification by slug; NOT_FOUND when there is none.
    async fn certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The certification's slug, e.g. `pmp`.")] slug: String,
    ) -> GqlResult<Option<Certification>> {
        let m = super::model(ctx)?;
        let i = m
            .certification_index(&slug)
            .ok_or_else(|| ApiError::not_found("certification", &slug))?;
        Ok(Some(Certification::at(&m, i)))
    }

    /// Certifications by name, paginated.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn certifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Case-insensitive text to find in the name or acronym.")] search: Option<
            String,
        >,
    ) -> GqlResult<CertificationConnection> {
        let page = page(first, after.as_deref())?;
        let m = super::model(ctx)?;
        let (rows, total) = service::catalog::list_certifications(&m, search.as_deref(), page);
        Ok(CertificationConnection::new(
            rows.into_iter()
                .map(|i| Certification::at(&m, i as usize))
                .collect(),
            total,
            page,
        ))
    }

    /// Every source the data cites, with attribution text where required.
    async fn sources(&self, ctx: &Context<'_>) -> GqlResult<Vec<Source>> {
        let m = super::model(ctx)?;
        Ok((0..m.sources.len()).map(|i| Source::at(&m, i)).collect())
    }

    /// Sources whose licence requires attribution, with the text to show (O*NET, BLS).
    async fn attributions(&self, ctx: &Context<'_>) -> GqlResult<Vec<Source>> {
        let m = super::model(ctx)?;
        Ok((0..m.sources.len())
            .filter(|&i| m.sources[i].attribution.is_some())
            .map(|i| Source::at(&m, i))
            .collect())
    }

    /// One source by key (document file name or dataset id); NOT_FOUND when there is none.
    async fn source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Document file name or dataset id.")] key: String,
    ) -> GqlResult<Option<Source>> {
        let m = super::model(ctx)?;
        let i = m
            .source_index(&key)
            .ok_or_else(|| ApiError::not_found("source", &key))?;
        Ok(Some(Source::at(&m, i)))
    }
}
