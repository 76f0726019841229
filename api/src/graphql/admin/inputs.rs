//! The admin mutations' input objects and how each becomes dataset records. Values pass
//! through as given: the write path parses them (trims names, checks ranges) and names the
//! input field of a bad one.

use async_graphql::{Context, InputObject, Json, Upload};
use seed::dataset::{
    CertificationRecord, MoveRecord, RoleCertificationRecord, RoleRecord, RoleSkillRecord,
    SkillRecord,
};

use crate::error::{ApiError, GqlResult};
use crate::graphql::enums::{CertificationRelevance, MoveKind};
use crate::service::admin::{self as write, Cited};

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

impl From<CreateRoleInput> for RoleRecord {
    fn from(i: CreateRoleInput) -> Self {
        Self {
            slug: i.slug,
            title: i.title,
            track: i.track,
            seniority: i.seniority,
            onet_code: i.onet_code,
            summary: i.summary,
            job_zone: None,
        }
    }
}

impl UpdateRoleInput {
    pub(super) fn apply(self, r: &mut RoleRecord) {
        set(&mut r.title, self.title);
        set(&mut r.track, self.track);
        set_opt(&mut r.seniority, self.seniority);
        set_opt(&mut r.onet_code, self.onet_code);
        set_opt(&mut r.summary, self.summary);
    }
}

impl From<CreateSkillInput> for SkillRecord {
    fn from(i: CreateSkillInput) -> Self {
        Self {
            slug: i.slug,
            name: i.name,
            category: i.category,
        }
    }
}

impl UpdateSkillInput {
    pub(super) fn apply(self, s: &mut SkillRecord) {
        set(&mut s.name, self.name);
        set(&mut s.category, self.category);
    }
}

impl From<CreateCertificationInput> for CertificationRecord {
    fn from(i: CreateCertificationInput) -> Self {
        Self {
            slug: i.slug,
            name: i.name,
            acronym: i.acronym,
            issuer: i.issuer,
        }
    }
}

impl UpdateCertificationInput {
    pub(super) fn apply(self, c: &mut CertificationRecord) {
        set(&mut c.name, self.name);
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
    pub(super) fn apply(self, m: &mut MoveRecord) {
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
    pub(super) fn split(self) -> (Cited<RoleSkillRecord>, impl FnOnce(&mut RoleSkillRecord)) {
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

/// The dataset given inline as `dataset` or uploaded as `file` (exactly one of them).
pub(super) fn dataset_argument(
    ctx: &Context<'_>,
    dataset: Option<Json<serde_json::Value>>,
    file: Option<Upload>,
) -> GqlResult<seed::Dataset> {
    let dataset = match (dataset, file) {
        (Some(Json(value)), None) => seed::Dataset::from_value("dataset", value),
        (None, Some(upload)) => seed::Dataset::from_json("dataset", &read_upload(ctx, &upload)?),
        _ => {
            let message = "give exactly one of `dataset` or `file`";
            return Err(ApiError::bad_input("dataset", message).into());
        }
    };
    Ok(dataset.map_err(ApiError::from)?)
}

/// The text of an uploaded file; BAD_USER_INPUT when it is not UTF-8.
fn read_upload(ctx: &Context<'_>, upload: &Upload) -> GqlResult<String> {
    let value = upload.value(ctx)?;
    let text = String::from_utf8(value.content.to_vec())
        .map_err(|_| ApiError::bad_input("file", "must be a UTF-8 JSON document"))?;
    Ok(text)
}
