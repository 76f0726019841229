//! Admin mutations. Each needs an `admin` token, runs in one transaction, bumps the data
//! version and refreshes the route graph before returning.

use std::sync::Arc;

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::db;
use super::role::{CareerMove, Role};
use crate::auth::{Caller, Scope};
use crate::career::GraphStore;
use crate::error::{ApiError, GqlResult};
use crate::service::admin::{self, NewMove, NewRole, RolePatch};

/// The caller's token id when it may write; UNAUTHENTICATED or FORBIDDEN otherwise.
fn require_admin(ctx: &Context<'_>) -> GqlResult<String> {
    match ctx.data_opt::<Caller>() {
        Some(Caller::Token {
            id,
            scope: Scope::Admin,
        }) => Ok(id.clone()),
        Some(Caller::Token {
            scope: Scope::ReadOnly,
            ..
        }) => Err(ApiError::Forbidden.into()),
        _ => Err(ApiError::Unauthenticated.into()),
    }
}

async fn refresh_graph(ctx: &Context<'_>) -> GqlResult<()> {
    if let Ok(store) = ctx.data::<Arc<GraphStore>>() {
        store.rebuild(db(ctx)?).await?;
    }
    Ok(())
}

/// A new role.
#[derive(InputObject)]
pub struct CreateRoleInput {
    /// Unique URL-safe name, `[a-z0-9-]+`.
    pub slug: String,
    /// Job title, 1–200 characters.
    pub title: String,
    /// Career track, e.g. `management`.
    pub track: String,
    /// Seniority 1–8.
    pub seniority: Option<i32>,
    /// O*NET-SOC code.
    pub onet_code: Option<String>,
    /// What the role does.
    pub summary: Option<String>,
}

/// Changes to a role; omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct UpdateRoleInput {
    /// New title.
    pub title: Option<String>,
    /// New track.
    pub track: Option<String>,
    /// New seniority 1–8.
    pub seniority: Option<i32>,
    /// New O*NET-SOC code.
    pub onet_code: Option<String>,
    /// New summary.
    pub summary: Option<String>,
}

/// A new career move.
#[derive(InputObject)]
pub struct CreateCareerMoveInput {
    /// Slug of the role people leave.
    pub from: String,
    /// Slug of the role people take.
    pub to: String,
    /// `promotion`, `lateral`, `pivot` or `related`.
    pub kind: String,
    /// Typical years in the first role before the move.
    pub typical_years: Option<f64>,
    /// Evidence weight in (0, 1].
    pub likelihood: Option<f64>,
    /// What the move takes.
    pub description: Option<String>,
}

/// One admin write.
#[derive(SimpleObject)]
pub struct AuditEntry {
    /// When, in milliseconds since the Unix epoch.
    pub at_unix_ms: i64,
    /// Id of the token that made the write.
    pub token_id: String,
    /// The mutation, e.g. `createRole`.
    pub action: String,
    /// What it changed (slug or move).
    pub target: String,
    /// Data version after the write.
    pub data_version: i64,
}

/// Admin-only queries.
#[derive(Default)]
pub struct AdminQuery;

/// Admin-only queries.
#[Object]
impl AdminQuery {
    /// The latest admin writes, newest first (admin token required).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries, 1–500 (default 50).")] first: Option<i32>,
    ) -> GqlResult<Vec<AuditEntry>> {
        require_admin(ctx)?;
        let first = first.unwrap_or(50);
        if !(1..=500).contains(&first) {
            return Err(ApiError::bad_input("first", "must be between 1 and 500").into());
        }
        let rows = admin::audit_log(db(ctx)?, first as u64).await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                at_unix_ms: r.at_unix_ms,
                token_id: r.token_id,
                action: r.action,
                target: r.target,
                data_version: r.data_version,
            })
            .collect())
    }
}

/// Result of a delete.
#[derive(SimpleObject)]
pub struct DeleteResult {
    /// True when something was deleted.
    pub deleted: bool,
}

/// Admin mutations.
#[derive(Default)]
pub struct AdminMutation;

/// Admin mutations.
#[Object]
impl AdminMutation {
    /// Creates a role. CONFLICT when the slug exists.
    async fn create_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role.")] input: CreateRoleInput,
    ) -> GqlResult<Role> {
        let who = require_admin(ctx)?;
        let new = NewRole {
            slug: input.slug,
            title: input.title,
            track: input.track,
            seniority: input.seniority,
            onet_code: input.onet_code,
            summary: input.summary,
        };
        let created = admin::create_role(db(ctx)?, &who, new).await?;
        refresh_graph(ctx).await?;
        Ok(Role(created))
    }

    /// Changes the given fields of a role.
    async fn update_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateRoleInput,
    ) -> GqlResult<Role> {
        let who = require_admin(ctx)?;
        let patch = RolePatch {
            title: input.title,
            track: input.track,
            seniority: input.seniority,
            onet_code: input.onet_code,
            summary: input.summary,
        };
        let updated = admin::update_role(db(ctx)?, &who, &slug, patch).await?;
        refresh_graph(ctx).await?;
        Ok(Role(updated))
    }

    /// Deletes a role. CONFLICT when moves or links reference it, unless `cascade`.
    async fn delete_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] slug: String,
        #[graphql(desc = "Also delete the moves and links that reference it (default false).")]
        cascade: Option<bool>,
    ) -> GqlResult<DeleteResult> {
        let who = require_admin(ctx)?;
        admin::delete_role(db(ctx)?, &who, &slug, cascade.unwrap_or(false)).await?;
        refresh_graph(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Adds a career move (citing the `admin-api` source); route queries see it at once.
    async fn create_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The move.")] input: CreateCareerMoveInput,
    ) -> GqlResult<CareerMove> {
        let who = require_admin(ctx)?;
        let new = NewMove {
            from: input.from,
            to: input.to,
            kind: input.kind,
            typical_years: input.typical_years,
            likelihood: input.likelihood,
            description: input.description,
        };
        let created = admin::create_move(db(ctx)?, &who, new).await?;
        refresh_graph(ctx).await?;
        Ok(CareerMove(created))
    }
}
