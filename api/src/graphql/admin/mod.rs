//! Admin queries and mutations. Each mutation needs an `admin` token (checked by
//! [`TokenGuard`]), maps its input to dataset records (`inputs`), hands them to the one write
//! path (`service::admin`), and rebuilds the read model before it maps the answer
//! (`results`).

mod inputs;
mod results;

use async_graphql::{Context, Json, Object, Upload};
use seed::dataset::{
    CertificationRecord, MoveRecord, RoleCertificationRecord, RoleRecord, RoleSkillRecord,
    SkillRecord,
};

use super::db;
use super::graph::{CareerMove, Certification, Role, RoleCertification, RoleSkill, Skill};
use super::kit::{At, View};
use crate::auth::{Caller, TokenGuard};
use crate::error::{ApiError, GqlResult};
use crate::service::admin::{self as write, Cited};

pub use inputs::*;
pub use results::*;

/// The id of the caller's token (the guard has checked there is one), for the audit log.
fn who(ctx: &Context<'_>) -> String {
    match ctx.data_opt::<Caller>() {
        Some(Caller::Token { id, .. }) => id.clone(),
        _ => String::new(),
    }
}

/// Rebuilds the read model after a write, so the response and every later request see it.
async fn refresh(ctx: &Context<'_>) -> GqlResult<View> {
    Ok(super::store(ctx)?.rebuild(db(ctx)?).await?)
}

/// Admin-only queries.
#[derive(Default)]
pub struct AdminQuery;

/// Admin-only queries.
#[Object]
impl AdminQuery {
    /// The whole dataset in the `seed/data` format (one document: catalog plus `facts`), in a
    /// deterministic order; `importDataset` accepts it as is. Needs a token (any scope).
    #[graphql(guard = "TokenGuard::any()")]
    async fn export_dataset(&self, ctx: &Context<'_>) -> GqlResult<Json<seed::Dataset>> {
        Ok(Json(seed::export(db(ctx)?).await.map_err(ApiError::from)?))
    }

    /// The latest admin writes, newest first (admin token required).
    #[graphql(
        guard = "TokenGuard::admin()",
        complexity = "crate::graphql::scaled(first, 50, child_complexity)"
    )]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries, 1–100 (default 50).")] first: Option<i32>,
    ) -> GqlResult<Vec<AuditEntry>> {
        let rows = write::audit_log(db(ctx)?, first.unwrap_or(50)).await?;
        Ok(rows.into_iter().map(AuditEntry::from).collect())
    }
}

/// Finishes a delete: rebuilds the read model and says so.
async fn deleted(ctx: &Context<'_>) -> GqlResult<DeleteResult> {
    refresh(ctx).await?;
    Ok(DeleteResult { deleted: true })
}

/// The role↔skill link `id` of role `role_id` in the rebuilt model.
async fn role_skill(ctx: &Context<'_>, role_id: i32, id: i32) -> GqlResult<RoleSkill> {
    let m = refresh(ctx).await?;
    At::find(&m, role_id, |f| f.skills.iter().position(|r| r.id == id)).map(RoleSkill)
}

/// The role↔certification link `id` of role `role_id` in the rebuilt model.
async fn role_certification(
    ctx: &Context<'_>,
    role_id: i32,
    id: i32,
) -> GqlResult<RoleCertification> {
    let m = refresh(ctx).await?;
    At::find(&m, role_id, |f| {
        f.certifications.iter().position(|r| r.id == id)
    })
    .map(RoleCertification)
}

/// Admin mutations.
#[derive(Default)]
pub struct AdminMutation;

/// Admin mutations (each needs an `admin` token).
#[Object(guard = "TokenGuard::admin()")]
impl AdminMutation {
    /// Creates a role. CONFLICT when the slug exists.
    async fn create_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role.")] input: CreateRoleInput,
    ) -> GqlResult<Role> {
        let created = write::create(db(ctx)?, &who(ctx), RoleRecord::from(input)).await?;
        Role::by_id(&refresh(ctx).await?, created.id)
    }

    /// Changes the given fields of a role.
    async fn update_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateRoleInput,
    ) -> GqlResult<Role> {
        let patch = |r: &mut RoleRecord| input.apply(r);
        let updated = write::update(db(ctx)?, &who(ctx), &slug, patch).await?;
        Role::by_id(&refresh(ctx).await?, updated.id)
    }

    /// Deletes a role. CONFLICT when moves or links reference it, unless `cascade`.
    async fn delete_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] slug: String,
        #[graphql(desc = "Also delete the moves and links that reference it (default false).")]
        cascade: Option<bool>,
    ) -> GqlResult<DeleteResult> {
        let cascade = cascade.unwrap_or(false);
        write::delete::<RoleRecord>(db(ctx)?, &who(ctx), &slug, cascade).await?;
        deleted(ctx).await
    }

    /// Adds a career move (citing the `admin-api` source); route queries see it at once.
    async fn create_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The move.")] input: CreateCareerMoveInput,
    ) -> GqlResult<CareerMove> {
        let created = write::create_fact(db(ctx)?, &who(ctx), input.into()).await?;
        CareerMove::by_id(&refresh(ctx).await?, created.id)
    }

    /// Changes the kind-independent values of a move.
    async fn update_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which move.")] key: CareerMoveKeyInput,
        #[graphql(desc = "Fields to change.")] input: UpdateCareerMoveInput,
    ) -> GqlResult<CareerMove> {
        let patch = |m: &mut MoveRecord| input.apply(m);
        let updated = write::update_fact(db(ctx)?, &who(ctx), key.into(), patch).await?;
        CareerMove::by_id(&refresh(ctx).await?, updated.id)
    }

    /// Deletes a move; route queries stop using it at once.
    async fn delete_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which move.")] key: CareerMoveKeyInput,
    ) -> GqlResult<DeleteResult> {
        let key: Cited<MoveRecord> = key.into();
        write::delete_fact(db(ctx)?, &who(ctx), key).await?;
        deleted(ctx).await
    }

    /// Creates a skill. CONFLICT when the slug exists.
    async fn create_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The skill.")] input: CreateSkillInput,
    ) -> GqlResult<Skill> {
        let created = write::create(db(ctx)?, &who(ctx), SkillRecord::from(input)).await?;
        Skill::by_id(&refresh(ctx).await?, created.id)
    }

    /// Changes the given fields of a skill.
    async fn update_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the skill.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateSkillInput,
    ) -> GqlResult<Skill> {
        let patch = |s: &mut SkillRecord| input.apply(s);
        let updated = write::update(db(ctx)?, &who(ctx), &slug, patch).await?;
        Skill::by_id(&refresh(ctx).await?, updated.id)
    }

    /// Deletes a skill. CONFLICT while roles link to it, unless `cascade`.
    async fn delete_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the skill.")] slug: String,
        #[graphql(desc = "Also delete the role links to it (default false).")] cascade: Option<
            bool,
        >,
    ) -> GqlResult<DeleteResult> {
        let cascade = cascade.unwrap_or(false);
        write::delete::<SkillRecord>(db(ctx)?, &who(ctx), &slug, cascade).await?;
        deleted(ctx).await
    }

    /// Creates a certification. CONFLICT when the slug exists.
    async fn create_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The certification.")] input: CreateCertificationInput,
    ) -> GqlResult<Certification> {
        let record = CertificationRecord::from(input);
        let created = write::create(db(ctx)?, &who(ctx), record).await?;
        Certification::by_id(&refresh(ctx).await?, created.id)
    }

    /// Changes the given fields of a certification.
    async fn update_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the certification.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateCertificationInput,
    ) -> GqlResult<Certification> {
        let patch = |c: &mut CertificationRecord| input.apply(c);
        let updated = write::update(db(ctx)?, &who(ctx), &slug, patch).await?;
        Certification::by_id(&refresh(ctx).await?, updated.id)
    }

    /// Deletes a certification. CONFLICT while roles link to it, unless `cascade`.
    async fn delete_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the certification.")] slug: String,
        #[graphql(desc = "Also delete the role links to it (default false).")] cascade: Option<
            bool,
        >,
    ) -> GqlResult<DeleteResult> {
        let cascade = cascade.unwrap_or(false);
        write::delete::<CertificationRecord>(db(ctx)?, &who(ctx), &slug, cascade).await?;
        deleted(ctx).await
    }

    /// Links a skill to a role with its weights. CONFLICT when the source already links them.
    async fn create_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link.")] input: RoleSkillInput,
    ) -> GqlResult<RoleSkill> {
        let (mut link, weights) = input.split();
        weights(&mut link.fact);
        let created = write::create_fact(db(ctx)?, &who(ctx), link).await?;
        role_skill(ctx, created.role_id, created.id).await
    }

    /// Changes the given weights of a role↔skill link.
    async fn update_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link and the weights to change.")] input: RoleSkillInput,
    ) -> GqlResult<RoleSkill> {
        let (link, weights) = input.split();
        let updated = write::update_fact(db(ctx)?, &who(ctx), link, weights).await?;
        role_skill(ctx, updated.role_id, updated.id).await
    }

    /// Removes a role↔skill link.
    async fn delete_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which link.")] key: RoleSkillKeyInput,
    ) -> GqlResult<DeleteResult> {
        let key: Cited<RoleSkillRecord> = key.into();
        write::delete_fact(db(ctx)?, &who(ctx), key).await?;
        deleted(ctx).await
    }

    /// Links a certification to a role. CONFLICT when the same link exists.
    async fn create_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link.")] input: RoleCertificationInput,
    ) -> GqlResult<RoleCertification> {
        let created = write::create_fact(db(ctx)?, &who(ctx), input.into()).await?;
        role_certification(ctx, created.role_id, created.id).await
    }

    /// Replaces the note of a role↔certification link.
    async fn update_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link and its new note.")] input: RoleCertificationInput,
    ) -> GqlResult<RoleCertification> {
        let link: Cited<RoleCertificationRecord> = input.into();
        let note = link.fact.note.clone();
        let patch = move |c: &mut RoleCertificationRecord| c.note = note;
        let updated = write::update_fact(db(ctx)?, &who(ctx), link, patch).await?;
        role_certification(ctx, updated.role_id, updated.id).await
    }

    /// Removes a role↔certification link.
    async fn delete_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which link.")] key: RoleCertificationKeyInput,
    ) -> GqlResult<DeleteResult> {
        let key: Cited<RoleCertificationRecord> = key.into();
        write::delete_fact(db(ctx)?, &who(ctx), key).await?;
        deleted(ctx).await
    }

    /// Imports a whole dataset in the `seed/data` format (one document: catalog plus
    /// `facts`), given inline as `dataset` or uploaded as `file` (GraphQL multipart request).
    /// Everything is validated before anything is written, and applied in one transaction;
    /// with `dryRun` the counts say what would change and nothing is kept.
    async fn import_dataset(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The dataset as JSON (or use `file`).")] dataset: Option<
            Json<serde_json::Value>,
        >,
        #[graphql(desc = "The dataset as an uploaded JSON file (or use `dataset`).")] file: Option<
            Upload,
        >,
        #[graphql(desc = "MERGE keeps records the dataset lacks; REPLACE deletes them.")]
        mode: ImportMode,
        #[graphql(
            desc = "Report what would change without writing anything (default false).",
            default = false
        )]
        dry_run: bool,
    ) -> GqlResult<ImportResult> {
        let dataset = inputs::dataset_argument(ctx, dataset, file)?;
        let mode = mode.into();
        let report = write::import_dataset(db(ctx)?, &who(ctx), &dataset, mode, dry_run).await?;
        if !report.dry_run {
            refresh(ctx).await?;
        }
        Ok(report.into())
    }
}
