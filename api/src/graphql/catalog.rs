//! Skills, certifications and sources.

use async_graphql::{Context, ID, Object};
use entity::{certification, skill, source};

use super::enums::SourceKind;
use super::loader::{RolesOfCertification, RolesOfSkill, SourceById};
use super::node::global_id;
use super::pagination::{connection_type, page};
use super::role::{RoleCertification, RoleSkill};
use super::{db, load_list, load_row};
use crate::error::GqlResult;
use crate::service;

#[derive(Clone)]
pub struct Skill(pub skill::Model);

/// A skill or knowledge area.
#[Object]
impl Skill {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Skill", &self.0.slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Category: `technical`, `management`, `business` or `interpersonal`.
    async fn category(&self) -> &str {
        &self.0.category
    }
    /// Roles that need this skill, with each source's weight.
    async fn roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<RoleSkill>> {
        Ok(load_list(ctx, RolesOfSkill(self.0.id))
            .await?
            .into_iter()
            .map(RoleSkill)
            .collect())
    }
}

#[derive(Clone)]
pub struct Certification(pub certification::Model);

/// A professional certification.
#[Object]
impl Certification {
    /// Globally unique ID.
    pub async fn id(&self) -> ID {
        global_id("Certification", &self.0.slug)
    }
    /// URL-safe unique name.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Usual abbreviation, e.g. `PMP`.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }
    /// Body that awards it.
    async fn issuer(&self) -> Option<&str> {
        self.0.issuer.as_deref()
    }
    /// Roles that value it, with relevance and source.
    async fn roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<RoleCertification>> {
        let rows = load_list(ctx, RolesOfCertification(self.0.id)).await?;
        Ok(rows.into_iter().map(RoleCertification).collect())
    }
}

#[derive(Clone)]
pub struct Source(pub source::Model);

impl Source {
    /// The source with this id (batched).
    pub async fn load(ctx: &Context<'_>, id: i32) -> GqlResult<Self> {
        Ok(Source(load_row(ctx, SourceById(id)).await?))
    }
}

/// Where facts come from: a source document or a dataset release.
#[Object]
impl Source {
    /// File name of the document (e.g. `003_1223a2aff6a9897a.txt`) or dataset id.
    async fn key(&self) -> &str {
        &self.0.key
    }
    /// What the source is, in our words.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Document, dataset or derivation rule.
    async fn kind(&self) -> GqlResult<SourceKind> {
        SourceKind::from_db(&self.0.kind)
    }
    /// Publisher, when known.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }
    /// Where to find it, when known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// Attribution text that must accompany its data, when its licence requires one.
    async fn attribution(&self) -> Option<&str> {
        self.0.attribution.as_deref()
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
        Ok(Some(Skill(
            service::catalog::skill_by_slug(db(ctx)?, &slug).await?,
        )))
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
        let (rows, total) =
            service::catalog::list_skills(db(ctx)?, search.as_deref(), category.as_deref(), page)
                .await?;
        Ok(SkillConnection::new(
            rows.into_iter().map(Skill).collect(),
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
        Ok(Some(Certification(
            service::catalog::certification_by_slug(db(ctx)?, &slug).await?,
        )))
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
        let (rows, total) =
            service::catalog::list_certifications(db(ctx)?, search.as_deref(), page).await?;
        Ok(CertificationConnection::new(
            rows.into_iter().map(Certification).collect(),
            total,
            page,
        ))
    }

    /// Every source the data cites, with attribution text where required.
    async fn sources(&self, ctx: &Context<'_>) -> GqlResult<Vec<Source>> {
        Ok(service::catalog::sources(db(ctx)?)
            .await?
            .into_iter()
            .map(Source)
            .collect())
    }

    /// Sources whose licence requires attribution, with the text to show (O*NET, BLS).
    async fn attributions(&self, ctx: &Context<'_>) -> GqlResult<Vec<Source>> {
        let all = service::catalog::sources(db(ctx)?).await?;
        Ok(all
            .into_iter()
            .filter(|s| s.attribution.is_some())
            .map(Source)
            .collect())
    }

    /// One source by key (document file name or dataset id); NOT_FOUND when there is none.
    async fn source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Document file name or dataset id.")] key: String,
    ) -> GqlResult<Option<Source>> {
        Ok(Some(Source(
            service::catalog::source_by_key(db(ctx)?, &key).await?,
        )))
    }
}
