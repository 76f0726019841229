//! Admin mutations. Each needs an `admin` token, runs in one transaction, bumps the data
//! version and refreshes the route graph before returning.

use async_graphql::{Context, Enum, InputObject, Json, Object, SimpleObject, Upload};

use super::catalog::{Certification, Skill};
use super::db;
use super::enums::{CertificationRelevance, MoveKind};
use super::role::{At, CareerMove, Model, Role, RoleCertification, RoleSkill};
use crate::auth::{Caller, Scope};
use crate::error::{ApiError, GqlResult};
use crate::service::admin::{
    self, CertificationPatch, MoveKey, MovePatch, NewCertification, NewMove, NewRole, NewSkill,
    RoleCertificationKey, RolePatch, RoleSkillKey, RoleSkillValues, SkillPatch,
};

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

/// Rebuilds the read model after a write, so the response and every later request see it.
async fn refresh(ctx: &Context<'_>) -> GqlResult<Model> {
    Ok(super::store(ctx)?.rebuild(db(ctx)?).await?)
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
    /// Promotion, lateral move, pivot or related role.
    pub kind: MoveKind,
    /// Typical years in the first role before the move.
    pub typical_years: Option<f64>,
    /// Evidence weight in (0, 1].
    pub likelihood: Option<f64>,
    /// What the move takes.
    pub description: Option<String>,
}

/// A new skill.
#[derive(InputObject)]
pub struct CreateSkillInput {
    /// Unique URL-safe name, `[a-z0-9-]+`.
    pub slug: String,
    /// Display name, 1–200 characters.
    pub name: String,
    /// Category, e.g. `technical` or `leadership`.
    pub category: String,
}

/// Changes to a skill; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateSkillInput {
    /// New name.
    pub name: Option<String>,
    /// New category.
    pub category: Option<String>,
}

/// A new certification.
#[derive(InputObject)]
pub struct CreateCertificationInput {
    /// Unique URL-safe name, `[a-z0-9-]+`.
    pub slug: String,
    /// Full name, 1–200 characters.
    pub name: String,
    /// Short name, e.g. `PMP`.
    pub acronym: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
}

/// Changes to a certification; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCertificationInput {
    /// New name.
    pub name: Option<String>,
    /// New acronym.
    pub acronym: Option<String>,
    /// New issuer.
    pub issuer: Option<String>,
}

/// A role↔skill link and its weights. The link is identified by role, skill and source; on
/// update, omitted weights stay as they are.
#[derive(InputObject)]
pub struct RoleSkillInput {
    /// Slug of the role.
    pub role: String,
    /// Slug of the skill.
    pub skill: String,
    /// Key of the cited source (default `admin-api`).
    pub source: Option<String>,
    /// Share of postings or resumes naming the skill, 0–100.
    pub share_pct: Option<f64>,
    /// Position in a "top skills" list, 1 = most important.
    pub rank: Option<i32>,
    /// Importance 1–5 (O*NET scale).
    pub importance: Option<f64>,
    /// Level 0–7 (O*NET scale).
    pub level: Option<f64>,
    /// Free-text note.
    pub note: Option<String>,
}

/// Identifies a role↔skill link.
#[derive(InputObject)]
pub struct RoleSkillKeyInput {
    /// Slug of the role.
    pub role: String,
    /// Slug of the skill.
    pub skill: String,
    /// Key of the cited source (default `admin-api`).
    pub source: Option<String>,
}

/// A role↔certification link, identified by role, certification, relevance and source.
#[derive(InputObject)]
pub struct RoleCertificationInput {
    /// Slug of the role.
    pub role: String,
    /// Slug of the certification.
    pub certification: String,
    /// How much the role values it.
    pub relevance: CertificationRelevance,
    /// Key of the cited source (default `admin-api`).
    pub source: Option<String>,
    /// Free-text note (on update: the new note; omitted clears it).
    pub note: Option<String>,
}

/// Identifies a role↔certification link.
#[derive(InputObject)]
pub struct RoleCertificationKeyInput {
    /// Slug of the role.
    pub role: String,
    /// Slug of the certification.
    pub certification: String,
    /// How much the role values it.
    pub relevance: CertificationRelevance,
    /// Key of the cited source (default `admin-api`).
    pub source: Option<String>,
}

/// Identifies a career move.
#[derive(InputObject)]
pub struct CareerMoveKeyInput {
    /// Slug of the role people leave.
    pub from: String,
    /// Slug of the role people take.
    pub to: String,
    /// Kind of move.
    pub kind: MoveKind,
    /// Key of the cited source (default `admin-api`).
    pub source: Option<String>,
}

/// Changes to a career move; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCareerMoveInput {
    /// Typical years in the first role before the move, 0–60.
    pub typical_years: Option<f64>,
    /// Evidence weight in (0, 1].
    pub likelihood: Option<f64>,
    /// What the move takes.
    pub description: Option<String>,
}

/// How `importDataset` treats data already in the database.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Add and update the dataset's records; keep everything else.
    Merge,
    /// Make the database hold exactly the dataset; delete records it lacks.
    Replace,
}

/// What an import did to one table.
#[derive(SimpleObject)]
pub struct TableChange {
    /// Table name, e.g. `role` or `career_move`.
    pub table: String,
    /// Records that did not exist before.
    pub created: u64,
    /// Records of the dataset whose values changed.
    pub updated: u64,
    /// Records of the dataset that were already there with the same values.
    pub unchanged: u64,
    /// Records removed (REPLACE only).
    pub deleted: u64,
}

/// Result of `importDataset`.
#[derive(SimpleObject)]
pub struct ImportResult {
    /// Records created, over all tables.
    pub created: u64,
    /// Records updated, over all tables.
    pub updated: u64,
    /// Records unchanged, over all tables.
    pub unchanged: u64,
    /// Records deleted, over all tables.
    pub deleted: u64,
    /// The same counts per table (tables the import did not touch are left out).
    pub tables: Vec<TableChange>,
    /// Data version after the import.
    pub data_version: i64,
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
    /// The whole dataset in the `seed/data` format (one document: catalog plus `facts`), in a
    /// deterministic order; `importDataset` accepts it as is. Needs a token (any scope).
    async fn export_dataset(&self, ctx: &Context<'_>) -> GqlResult<Json<seed::Dataset>> {
        if !matches!(ctx.data_opt::<Caller>(), Some(Caller::Token { .. })) {
            return Err(ApiError::Unauthenticated.into());
        }
        let dataset = seed::export(db(ctx)?).await.map_err(admin::dataset_error)?;
        Ok(Json(dataset))
    }

    /// The latest admin writes, newest first (admin token required).
    #[graphql(complexity = "crate::graphql::scaled(first, 50, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries, 1–100 (default 50).")] first: Option<i32>,
    ) -> GqlResult<Vec<AuditEntry>> {
        require_admin(ctx)?;
        let first = first.unwrap_or(50);
        if !(1..=100).contains(&first) {
            return Err(ApiError::bad_input("first", "must be between 1 and 100").into());
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
        let m = refresh(ctx).await?;
        Role::by_id(&m, created.id)
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
        let m = refresh(ctx).await?;
        Role::by_id(&m, updated.id)
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
        refresh(ctx).await?;
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
            kind: input.kind.as_db().to_owned(),
            typical_years: input.typical_years,
            likelihood: input.likelihood,
            description: input.description,
        };
        let created = admin::create_move(db(ctx)?, &who, new).await?;
        let m = refresh(ctx).await?;
        CareerMove::by_id(&m, created.id)
    }

    /// Changes the kind-independent values of a move.
    async fn update_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which move.")] key: CareerMoveKeyInput,
        #[graphql(desc = "Fields to change.")] input: UpdateCareerMoveInput,
    ) -> GqlResult<CareerMove> {
        let who = require_admin(ctx)?;
        let patch = MovePatch {
            typical_years: input.typical_years,
            likelihood: input.likelihood,
            description: input.description,
        };
        let updated = admin::update_move(db(ctx)?, &who, move_key(key), patch).await?;
        let m = refresh(ctx).await?;
        CareerMove::by_id(&m, updated.id)
    }

    /// Deletes a move; route queries stop using it at once.
    async fn delete_career_move(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which move.")] key: CareerMoveKeyInput,
    ) -> GqlResult<DeleteResult> {
        let who = require_admin(ctx)?;
        admin::delete_move(db(ctx)?, &who, move_key(key)).await?;
        refresh(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Creates a skill. CONFLICT when the slug exists.
    async fn create_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The skill.")] input: CreateSkillInput,
    ) -> GqlResult<Skill> {
        let who = require_admin(ctx)?;
        let new = NewSkill {
            slug: input.slug,
            name: input.name,
            category: input.category,
        };
        let created = admin::create_skill(db(ctx)?, &who, new).await?;
        let m = refresh(ctx).await?;
        Skill::by_id(&m, created.id)
    }

    /// Changes the given fields of a skill.
    async fn update_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the skill.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateSkillInput,
    ) -> GqlResult<Skill> {
        let who = require_admin(ctx)?;
        let patch = SkillPatch {
            name: input.name,
            category: input.category,
        };
        let updated = admin::update_skill(db(ctx)?, &who, &slug, patch).await?;
        let m = refresh(ctx).await?;
        Skill::by_id(&m, updated.id)
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
        let who = require_admin(ctx)?;
        admin::delete_skill(db(ctx)?, &who, &slug, cascade.unwrap_or(false)).await?;
        refresh(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Creates a certification. CONFLICT when the slug exists.
    async fn create_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The certification.")] input: CreateCertificationInput,
    ) -> GqlResult<Certification> {
        let who = require_admin(ctx)?;
        let new = NewCertification {
            slug: input.slug,
            name: input.name,
            acronym: input.acronym,
            issuer: input.issuer,
        };
        let created = admin::create_certification(db(ctx)?, &who, new).await?;
        let m = refresh(ctx).await?;
        Certification::by_id(&m, created.id)
    }

    /// Changes the given fields of a certification.
    async fn update_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the certification.")] slug: String,
        #[graphql(desc = "Fields to change.")] input: UpdateCertificationInput,
    ) -> GqlResult<Certification> {
        let who = require_admin(ctx)?;
        let patch = CertificationPatch {
            name: input.name,
            acronym: input.acronym,
            issuer: input.issuer,
        };
        let updated = admin::update_certification(db(ctx)?, &who, &slug, patch).await?;
        let m = refresh(ctx).await?;
        Certification::by_id(&m, updated.id)
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
        let who = require_admin(ctx)?;
        admin::delete_certification(db(ctx)?, &who, &slug, cascade.unwrap_or(false)).await?;
        refresh(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Links a skill to a role with its weights. CONFLICT when the source already links them.
    async fn create_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link.")] input: RoleSkillInput,
    ) -> GqlResult<RoleSkill> {
        let who = require_admin(ctx)?;
        let (key, values) = role_skill_parts(input);
        let created = admin::create_role_skill(db(ctx)?, &who, key, values).await?;
        let m = refresh(ctx).await?;
        At::find(&m, created.role_id, |f| {
            f.skills.iter().position(|r| r.id == created.id)
        })
        .map(RoleSkill)
    }

    /// Changes the given weights of a role↔skill link.
    async fn update_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link and the weights to change.")] input: RoleSkillInput,
    ) -> GqlResult<RoleSkill> {
        let who = require_admin(ctx)?;
        let (key, values) = role_skill_parts(input);
        let updated = admin::update_role_skill(db(ctx)?, &who, key, values).await?;
        let m = refresh(ctx).await?;
        At::find(&m, updated.role_id, |f| {
            f.skills.iter().position(|r| r.id == updated.id)
        })
        .map(RoleSkill)
    }

    /// Removes a role↔skill link.
    async fn delete_role_skill(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which link.")] key: RoleSkillKeyInput,
    ) -> GqlResult<DeleteResult> {
        let who = require_admin(ctx)?;
        let key = RoleSkillKey {
            role: key.role,
            skill: key.skill,
            source: key.source,
        };
        admin::delete_role_skill(db(ctx)?, &who, key).await?;
        refresh(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Links a certification to a role. CONFLICT when the same link exists.
    async fn create_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link.")] input: RoleCertificationInput,
    ) -> GqlResult<RoleCertification> {
        let who = require_admin(ctx)?;
        let key = cert_key(
            input.role,
            input.certification,
            input.relevance,
            input.source,
        );
        let created = admin::create_role_certification(db(ctx)?, &who, key, input.note).await?;
        let m = refresh(ctx).await?;
        At::find(&m, created.role_id, |f| {
            f.certifications.iter().position(|r| r.id == created.id)
        })
        .map(RoleCertification)
    }

    /// Replaces the note of a role↔certification link.
    async fn update_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The link and its new note.")] input: RoleCertificationInput,
    ) -> GqlResult<RoleCertification> {
        let who = require_admin(ctx)?;
        let key = cert_key(
            input.role,
            input.certification,
            input.relevance,
            input.source,
        );
        let updated = admin::update_role_certification(db(ctx)?, &who, key, input.note).await?;
        let m = refresh(ctx).await?;
        At::find(&m, updated.role_id, |f| {
            f.certifications.iter().position(|r| r.id == updated.id)
        })
        .map(RoleCertification)
    }

    /// Removes a role↔certification link.
    async fn delete_role_certification(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which link.")] key: RoleCertificationKeyInput,
    ) -> GqlResult<DeleteResult> {
        let who = require_admin(ctx)?;
        let key = cert_key(key.role, key.certification, key.relevance, key.source);
        admin::delete_role_certification(db(ctx)?, &who, key).await?;
        refresh(ctx).await?;
        Ok(DeleteResult { deleted: true })
    }

    /// Imports a whole dataset in the `seed/data` format (one document: catalog plus
    /// `facts`), given inline as `dataset` or uploaded as `file` (GraphQL multipart request).
    /// Everything is validated before anything is written, and applied in one transaction.
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
    ) -> GqlResult<ImportResult> {
        let who = require_admin(ctx)?;
        let dataset = match (dataset, file) {
            (Some(Json(value)), None) => seed::Dataset::from_value("dataset", value),
            (None, Some(upload)) => {
                let text = read_upload(ctx, &upload)?;
                seed::Dataset::from_json("dataset", &text)
            }
            _ => {
                return Err(ApiError::bad_input(
                    "dataset",
                    "give exactly one of `dataset` or `file`",
                )
                .into());
            }
        }
        .map_err(admin::dataset_error)?;
        let mode = match mode {
            ImportMode::Merge => seed::ImportMode::Merge,
            ImportMode::Replace => seed::ImportMode::Replace,
        };
        let report = admin::import_dataset(db(ctx)?, &who, &dataset, mode).await?;
        let data_version = refresh(ctx).await?.version;
        let total = report.total();
        Ok(ImportResult {
            created: total.created,
            updated: total.updated,
            unchanged: total.unchanged,
            deleted: total.deleted,
            tables: report
                .tables
                .into_iter()
                .map(|t| TableChange {
                    table: t.table.to_owned(),
                    created: t.created,
                    updated: t.updated,
                    unchanged: t.unchanged,
                    deleted: t.deleted,
                })
                .collect(),
            data_version,
        })
    }
}

fn move_key(key: CareerMoveKeyInput) -> MoveKey {
    MoveKey {
        from: key.from,
        to: key.to,
        kind: key.kind.as_db().to_owned(),
        source: key.source,
    }
}

fn role_skill_parts(input: RoleSkillInput) -> (RoleSkillKey, RoleSkillValues) {
    (
        RoleSkillKey {
            role: input.role,
            skill: input.skill,
            source: input.source,
        },
        RoleSkillValues {
            share_pct: input.share_pct,
            rank: input.rank,
            importance: input.importance,
            level: input.level,
            note: input.note,
        },
    )
}

fn cert_key(
    role: String,
    certification: String,
    relevance: CertificationRelevance,
    source: Option<String>,
) -> RoleCertificationKey {
    RoleCertificationKey {
        role,
        certification,
        relevance: relevance.as_db().to_owned(),
        source,
    }
}

/// The text of an uploaded file; BAD_USER_INPUT when it is not UTF-8.
fn read_upload(ctx: &Context<'_>, upload: &Upload) -> GqlResult<String> {
    let value = upload.value(ctx)?;
    let text = String::from_utf8(value.content.to_vec())
        .map_err(|_| ApiError::bad_input("file", "must be a UTF-8 JSON document"))?;
    Ok(text)
}
