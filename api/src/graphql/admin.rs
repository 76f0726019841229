//! Admin mutations. Each needs an `admin` token (checked by [`TokenGuard`]), turns its input
//! into dataset records (`From`), hands them to the one write path (`service::admin`) and
//! rebuilds the read model before it answers.

use async_graphql::{Context, Enum, InputObject, Json, Object, SimpleObject, Upload};
use seed::dataset::{
    CertificationRecord, MoveRecord, RoleCertificationRecord, RoleRecord, RoleSkillRecord,
    SkillRecord,
};

use super::db;
use super::enums::{CertificationRelevance, MoveKind};
use super::graph::{CareerMove, Certification, Role, RoleCertification, RoleSkill, Skill};
use super::kit::{At, View};
use crate::auth::{Caller, TokenGuard};
use crate::error::{ApiError, GqlResult};
use crate::service::admin::{self as write, Cited};

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

/// Surrounding white space is not part of a name.
fn trimmed(text: String) -> String {
    match text.trim() {
        t if t.len() == text.len() => text,
        t => t.to_owned(),
    }
}

/// Sets `target` when the patch gives a value.
fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *target = value;
    }
}

/// Sets an optional `target` when the patch gives a value (omitted leaves it as it is).
fn set_opt<T>(target: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *target = value;
    }
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
    /// Data version after the import (unchanged by a dry run).
    pub data_version: i64,
    /// True when this was a dry run: the counts say what would change; nothing was kept.
    pub dry_run: bool,
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

impl From<CreateRoleInput> for RoleRecord {
    fn from(i: CreateRoleInput) -> Self {
        Self {
            slug: i.slug,
            title: trimmed(i.title),
            track: trimmed(i.track),
            seniority: i.seniority,
            onet_code: i.onet_code,
            summary: i.summary,
            job_zone: None,
        }
    }
}

impl UpdateRoleInput {
    fn apply(self, r: &mut RoleRecord) {
        set(&mut r.title, self.title.map(trimmed));
        set(&mut r.track, self.track.map(trimmed));
        set_opt(&mut r.seniority, self.seniority);
        set_opt(&mut r.onet_code, self.onet_code);
        set_opt(&mut r.summary, self.summary);
    }
}

impl From<CreateSkillInput> for SkillRecord {
    fn from(i: CreateSkillInput) -> Self {
        Self {
            slug: i.slug,
            name: trimmed(i.name),
            category: trimmed(i.category),
        }
    }
}

impl UpdateSkillInput {
    fn apply(self, s: &mut SkillRecord) {
        set(&mut s.name, self.name.map(trimmed));
        set(&mut s.category, self.category.map(trimmed));
    }
}

impl From<CreateCertificationInput> for CertificationRecord {
    fn from(i: CreateCertificationInput) -> Self {
        Self {
            slug: i.slug,
            name: trimmed(i.name),
            acronym: i.acronym,
            issuer: i.issuer,
        }
    }
}

impl UpdateCertificationInput {
    fn apply(self, c: &mut CertificationRecord) {
        set(&mut c.name, self.name.map(trimmed));
        set_opt(&mut c.acronym, self.acronym);
        set_opt(&mut c.issuer, self.issuer);
    }
}

impl From<CreateCareerMoveInput> for Cited<MoveRecord> {
    fn from(i: CreateCareerMoveInput) -> Self {
        let mut fact = write::move_key(i.from, i.to, i.kind.into());
        fact.typical_years = i.typical_years;
        fact.likelihood = i.likelihood;
        fact.description = i.description;
        Cited { fact, source: None }
    }
}

impl From<CareerMoveKeyInput> for Cited<MoveRecord> {
    fn from(k: CareerMoveKeyInput) -> Self {
        Cited {
            fact: write::move_key(k.from, k.to, k.kind.into()),
            source: k.source,
        }
    }
}

impl UpdateCareerMoveInput {
    fn apply(self, m: &mut MoveRecord) {
        set_opt(&mut m.typical_years, self.typical_years);
        set_opt(&mut m.likelihood, self.likelihood);
        set_opt(&mut m.description, self.description);
    }
}

impl From<RoleSkillKeyInput> for Cited<RoleSkillRecord> {
    fn from(k: RoleSkillKeyInput) -> Self {
        Cited {
            fact: write::skill_link(k.role, k.skill),
            source: k.source,
        }
    }
}

impl RoleSkillInput {
    /// The link's key, and a patch of the weights the input gives.
    fn split(self) -> (Cited<RoleSkillRecord>, impl FnOnce(&mut RoleSkillRecord)) {
        let key = Cited {
            fact: write::skill_link(self.role, self.skill),
            source: self.source,
        };
        let patch = move |s: &mut RoleSkillRecord| {
            set_opt(&mut s.share_pct, self.share_pct);
            set_opt(&mut s.rank, self.rank);
            set_opt(&mut s.importance, self.importance);
            set_opt(&mut s.level, self.level);
            set_opt(&mut s.note, self.note);
        };
        (key, patch)
    }
}

impl From<RoleCertificationKeyInput> for Cited<RoleCertificationRecord> {
    fn from(k: RoleCertificationKeyInput) -> Self {
        Cited {
            fact: write::certification_link(k.role, k.certification, k.relevance.into()),
            source: k.source,
        }
    }
}

impl From<RoleCertificationInput> for Cited<RoleCertificationRecord> {
    fn from(i: RoleCertificationInput) -> Self {
        let mut fact = write::certification_link(i.role, i.certification, i.relevance.into());
        fact.note = i.note;
        Cited {
            fact,
            source: i.source,
        }
    }
}

impl From<seed::TableCounts> for TableChange {
    fn from(t: seed::TableCounts) -> Self {
        Self {
            table: t.table.to_owned(),
            created: t.created,
            updated: t.updated,
            unchanged: t.unchanged,
            deleted: t.deleted,
        }
    }
}

impl From<seed::ImportReport> for ImportResult {
    fn from(report: seed::ImportReport) -> Self {
        let total = report.total();
        Self {
            created: total.created,
            updated: total.updated,
            unchanged: total.unchanged,
            deleted: total.deleted,
            tables: report.tables.into_iter().map(TableChange::from).collect(),
            data_version: report.data_version,
            dry_run: report.dry_run,
        }
    }
}

impl From<entity::audit_log::Model> for AuditEntry {
    fn from(r: entity::audit_log::Model) -> Self {
        Self {
            at_unix_ms: r.at_unix_ms,
            token_id: r.token_id,
            action: r.action,
            target: r.target,
            data_version: r.data_version,
        }
    }
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

/// Result of a delete.
#[derive(SimpleObject)]
pub struct DeleteResult {
    /// True when something was deleted.
    pub deleted: bool,
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
        let dataset = match (dataset, file) {
            (Some(Json(value)), None) => seed::Dataset::from_value("dataset", value),
            (None, Some(upload)) => {
                seed::Dataset::from_json("dataset", &read_upload(ctx, &upload)?)
            }
            _ => {
                let message = "give exactly one of `dataset` or `file`";
                return Err(ApiError::bad_input("dataset", message).into());
            }
        }
        .map_err(ApiError::from)?;
        let mode = match mode {
            ImportMode::Merge => seed::ImportMode::Merge,
            ImportMode::Replace => seed::ImportMode::Replace,
        };
        let report = write::import_dataset(db(ctx)?, &who(ctx), &dataset, mode, dry_run).await?;
        if !report.dry_run {
            refresh(ctx).await?;
        }
        Ok(report.into())
    }
}

/// The text of an uploaded file; BAD_USER_INPUT when it is not UTF-8.
fn read_upload(ctx: &Context<'_>, upload: &Upload) -> GqlResult<String> {
    let value = upload.value(ctx)?;
    let text = String::from_utf8(value.content.to_vec())
        .map_err(|_| ApiError::bad_input("file", "must be a UTF-8 JSON document"))?;
    Ok(text)
}
