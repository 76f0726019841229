//! Catalog queries: skills, certifications and sources, one by slug or key, or paginated.

use async_graphql::{Context, Object};

use super::graph::{Certification, Skill};
use super::pagination::{connection_type, page};
use super::source::Source;
use crate::error::{ApiError, GqlResult};
use crate::service;

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
