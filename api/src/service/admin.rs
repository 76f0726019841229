//! Writes made through the admin API. Each runs in one transaction: validate, write, bump the
//! data version; callers refresh the route graph after commit.

use entity::{
    audit_log, career_move, certification, data_version, role, role_certification, role_skill,
    skill, source,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, Condition, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use crate::error::{ApiError, ApiResult};

/// Key of the source that facts entered through the API cite.
pub const ADMIN_SOURCE: &str = "admin-api";

/// A new role.
#[derive(Clone, Debug)]
pub struct NewRole {
    pub slug: String,
    pub title: String,
    pub track: String,
    pub seniority: Option<i32>,
    pub onet_code: Option<String>,
    pub summary: Option<String>,
}

/// Changes to a role; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct RolePatch {
    pub title: Option<String>,
    pub track: Option<String>,
    pub seniority: Option<i32>,
    pub onet_code: Option<String>,
    pub summary: Option<String>,
}

/// A new move between two roles (by slug).
#[derive(Clone, Debug)]
pub struct NewMove {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub typical_years: Option<f64>,
    pub likelihood: Option<f64>,
    pub description: Option<String>,
}

fn check_slug(field: &str, slug: &str) -> ApiResult<()> {
    let ok = (1..=200).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            field,
            "must match [a-z0-9-]+ (1–200 characters)",
        ))
    }
}

fn check_name(field: &str, value: &str) -> ApiResult<()> {
    let len = value.trim().chars().count();
    if (1..=200).contains(&len) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            field,
            "must be 1–200 characters and not blank",
        ))
    }
}

fn check_seniority(field: &str, value: Option<i32>) -> ApiResult<()> {
    match value {
        Some(v) if !(1..=8).contains(&v) => {
            Err(ApiError::bad_input(field, "must be between 1 and 8"))
        }
        _ => Ok(()),
    }
}

/// The row of `E` whose `column` is `slug`; BAD_USER_INPUT naming `field` when there is none.
async fn by_slug<E>(
    txn: &DatabaseTransaction,
    column: E::Column,
    what: &str,
    field: &str,
    slug: &str,
) -> ApiResult<E::Model>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    E::find()
        .filter(column.eq(slug))
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, format!("no {what} `{slug}`")))
}

async fn role_by_slug(
    txn: &DatabaseTransaction,
    field: &str,
    slug: &str,
) -> ApiResult<role::Model> {
    by_slug::<role::Entity>(txn, role::Column::Slug, "role", field, slug).await
}

/// Sets an optional column when a patch gives a value; `None` leaves the column as it is.
fn set_some<T>(column: &mut sea_orm::ActiveValue<Option<T>>, value: Option<T>)
where
    Option<T>: Into<sea_orm::Value>,
{
    if value.is_some() {
        *column = Set(value);
    }
}

/// Bumps the data version, records the write in the audit log and commits.
async fn finish(txn: DatabaseTransaction, who: &str, action: &str, target: &str) -> ApiResult<()> {
    seed::bump_data_version(&txn)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let version = data_version::Entity::find_by_id(1)
        .one(&txn)
        .await?
        .map_or(0, |v| v.version);
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    audit_log::ActiveModel {
        id: NotSet,
        at_unix_ms: Set(at),
        token_id: Set(who.to_owned()),
        action: Set(action.to_owned()),
        target: Set(target.to_owned()),
        data_version: Set(version),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(
        token = who,
        action,
        target,
        data_version = version,
        "admin write"
    );
    Ok(())
}

/// The latest audit entries, newest first.
pub async fn audit_log(db: &DatabaseConnection, limit: u64) -> ApiResult<Vec<audit_log::Model>> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Creates a role; CONFLICT when the slug exists.
pub async fn create_role(
    db: &DatabaseConnection,
    who: &str,
    new: NewRole,
) -> ApiResult<role::Model> {
    check_slug("input.slug", &new.slug)?;
    check_name("input.title", &new.title)?;
    check_name("input.track", &new.track)?;
    check_seniority("input.seniority", new.seniority)?;
    let txn = db.begin().await?;
    let created = role::ActiveModel {
        id: NotSet,
        slug: Set(new.slug.clone()),
        title: Set(new.title.trim().to_owned()),
        summary: Set(new.summary),
        track: Set(new.track.trim().to_owned()),
        seniority: Set(new.seniority),
        onet_code: Set(new.onet_code),
        job_zone: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict(_) => ApiError::Conflict(format!("role `{}` already exists", new.slug)),
        other => other,
    })?;
    finish(txn, who, "createRole", &new.slug).await?;
    Ok(created)
}

/// Changes the given fields of a role.
pub async fn update_role(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    patch: RolePatch,
) -> ApiResult<role::Model> {
    if let Some(title) = &patch.title {
        check_name("input.title", title)?;
    }
    if let Some(track) = &patch.track {
        check_name("input.track", track)?;
    }
    check_seniority("input.seniority", patch.seniority)?;
    let txn = db.begin().await?;
    let current = role::Entity::find()
        .filter(role::Column::Slug.eq(slug))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("role", slug))?;
    let mut model: role::ActiveModel = current.into();
    if let Some(title) = patch.title {
        model.title = Set(title.trim().to_owned());
    }
    if let Some(track) = patch.track {
        model.track = Set(track.trim().to_owned());
    }
    set_some(&mut model.seniority, patch.seniority);
    set_some(&mut model.onet_code, patch.onet_code);
    set_some(&mut model.summary, patch.summary);
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateRole", slug).await?;
    Ok(updated)
}

/// Deletes a role. Moves and skill/certification links that reference it make this a
/// CONFLICT unless `cascade`, which deletes them too.
pub async fn delete_role(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    cascade: bool,
) -> ApiResult<()> {
    let txn = db.begin().await?;
    let role = role::Entity::find()
        .filter(role::Column::Slug.eq(slug))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::not_found("role", slug))?;
    let moves = career_move::Entity::find()
        .filter(
            Condition::any()
                .add(career_move::Column::FromRoleId.eq(role.id))
                .add(career_move::Column::ToRoleId.eq(role.id)),
        )
        .count(&txn)
        .await?;
    let links = role_skill::Entity::find()
        .filter(role_skill::Column::RoleId.eq(role.id))
        .count(&txn)
        .await?
        + role_certification::Entity::find()
            .filter(role_certification::Column::RoleId.eq(role.id))
            .count(&txn)
            .await?;
    if (moves > 0 || links > 0) && !cascade {
        return Err(ApiError::Conflict(format!(
            "role `{slug}` is referenced by {moves} moves and {links} skill/certification links; pass cascade: true to delete them too"
        )));
    }
    // Facts and links reference the role with ON DELETE CASCADE.
    role::Entity::delete_by_id(role.id).exec(&txn).await?;
    finish(
        txn,
        who,
        if cascade {
            "deleteRole(cascade)"
        } else {
            "deleteRole"
        },
        slug,
    )
    .await
}

async fn admin_source(txn: &DatabaseTransaction) -> ApiResult<i32> {
    let row = source::ActiveModel {
        id: NotSet,
        key: Set(ADMIN_SOURCE.into()),
        title: Set("Entered by an administrator through the API".into()),
        kind: Set("manual".into()),
        publisher: Set(None),
        url: Set(None),
        attribution: Set(None),
    };
    source::Entity::insert(row)
        .on_conflict(
            OnConflict::column(source::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    let found = source::Entity::find()
        .filter(source::Column::Key.eq(ADMIN_SOURCE))
        .one(txn)
        .await?;
    found
        .map(|s| s.id)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("admin source missing")))
}

/// Adds a move; CONFLICT when the same move already exists.
pub async fn create_move(
    db: &DatabaseConnection,
    who: &str,
    new: NewMove,
) -> ApiResult<career_move::Model> {
    if new.from == new.to {
        return Err(ApiError::bad_input(
            "input.to",
            "a move cannot lead from a role to itself",
        ));
    }
    check_move_values(new.typical_years, new.likelihood)?;
    let txn = db.begin().await?;
    let from = role_by_slug(&txn, "input.from", &new.from).await?;
    let to = role_by_slug(&txn, "input.to", &new.to).await?;
    let source_id = admin_source(&txn).await?;
    let created = career_move::ActiveModel {
        id: NotSet,
        from_role_id: Set(from.id),
        to_role_id: Set(to.id),
        source_id: Set(source_id),
        kind: Set(new.kind.clone()),
        typical_years: Set(new.typical_years),
        likelihood: Set(new.likelihood),
        description: Set(new.description),
        derived: Set(false),
    }
    .insert(&txn)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict(_) => ApiError::Conflict(format!(
            "{} move {} → {} already exists",
            new.kind, new.from, new.to
        )),
        other => other,
    })?;
    finish(
        txn,
        who,
        "createCareerMove",
        &format!("{} {} {}", new.from, new.kind, new.to),
    )
    .await?;
    Ok(created)
}

fn check_move_values(typical_years: Option<f64>, likelihood: Option<f64>) -> ApiResult<()> {
    check_range("input.typicalYears", typical_years, 0.0, 60.0)?;
    if likelihood.is_some_and(|l| !(l > 0.0 && l <= 1.0)) {
        return Err(ApiError::bad_input("input.likelihood", "must be in (0, 1]"));
    }
    Ok(())
}

fn check_range(field: &str, value: Option<f64>, lo: f64, hi: f64) -> ApiResult<()> {
    match value {
        Some(v) if !(lo..=hi).contains(&v) || v.is_nan() => Err(ApiError::bad_input(
            field,
            format!("must be between {lo} and {hi}"),
        )),
        _ => Ok(()),
    }
}

/// CONFLICT when `count` rows reference what is about to go and the caller did not cascade.
fn refuse_if_referenced(what: &str, count: u64, cascade: bool) -> ApiResult<()> {
    if count > 0 && !cascade {
        return Err(ApiError::Conflict(format!(
            "{what} is referenced by {count} links; pass cascade: true to delete them too"
        )));
    }
    Ok(())
}

/// Maps a unique violation to a CONFLICT message naming what exists.
fn conflict(what: String) -> impl FnOnce(sea_orm::DbErr) -> ApiError {
    move |e| match ApiError::from(e) {
        ApiError::Conflict(_) => ApiError::Conflict(format!("{what} already exists")),
        other => other,
    }
}

/// Id of the source `key`, or of the `admin-api` source when no key is given.
async fn source_id(txn: &DatabaseTransaction, field: &str, key: Option<&str>) -> ApiResult<i32> {
    let Some(key) = key else {
        return admin_source(txn).await;
    };
    source::Entity::find()
        .filter(source::Column::Key.eq(key))
        .one(txn)
        .await?
        .map(|s| s.id)
        .ok_or_else(|| ApiError::bad_input(field, format!("no source `{key}`")))
}

/// A new skill.
#[derive(Clone, Debug)]
pub struct NewSkill {
    pub slug: String,
    pub name: String,
    pub category: String,
}

/// Changes to a skill.
#[derive(Clone, Debug, Default)]
pub struct SkillPatch {
    pub name: Option<String>,
    pub category: Option<String>,
}

/// Creates a skill; CONFLICT when the slug exists.
pub async fn create_skill(
    db: &DatabaseConnection,
    who: &str,
    new: NewSkill,
) -> ApiResult<skill::Model> {
    check_slug("input.slug", &new.slug)?;
    check_name("input.name", &new.name)?;
    check_name("input.category", &new.category)?;
    let txn = db.begin().await?;
    let created = skill::ActiveModel {
        id: NotSet,
        slug: Set(new.slug.clone()),
        name: Set(new.name.trim().to_owned()),
        category: Set(new.category.trim().to_owned()),
    }
    .insert(&txn)
    .await
    .map_err(conflict(format!("skill `{}`", new.slug)))?;
    finish(txn, who, "createSkill", &new.slug).await?;
    Ok(created)
}

async fn skill_by_slug(
    txn: &DatabaseTransaction,
    field: &str,
    slug: &str,
) -> ApiResult<skill::Model> {
    by_slug::<skill::Entity>(txn, skill::Column::Slug, "skill", field, slug).await
}

/// Changes the given fields of a skill.
pub async fn update_skill(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    patch: SkillPatch,
) -> ApiResult<skill::Model> {
    if let Some(name) = &patch.name {
        check_name("input.name", name)?;
    }
    if let Some(category) = &patch.category {
        check_name("input.category", category)?;
    }
    let txn = db.begin().await?;
    let current = skill_by_slug(&txn, "slug", slug).await?;
    let mut model: skill::ActiveModel = current.into();
    if let Some(name) = patch.name {
        model.name = Set(name.trim().to_owned());
    }
    if let Some(category) = patch.category {
        model.category = Set(category.trim().to_owned());
    }
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateSkill", slug).await?;
    Ok(updated)
}

/// Deletes a skill; CONFLICT while roles link to it, unless `cascade`.
pub async fn delete_skill(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    cascade: bool,
) -> ApiResult<()> {
    let txn = db.begin().await?;
    let skill = skill_by_slug(&txn, "slug", slug).await?;
    let links = role_skill::Entity::find()
        .filter(role_skill::Column::SkillId.eq(skill.id))
        .count(&txn)
        .await?;
    refuse_if_referenced(&format!("skill `{slug}`"), links, cascade)?;
    skill::Entity::delete_by_id(skill.id).exec(&txn).await?;
    finish(txn, who, "deleteSkill", slug).await
}

/// A new certification.
#[derive(Clone, Debug)]
pub struct NewCertification {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub issuer: Option<String>,
}

/// Changes to a certification.
#[derive(Clone, Debug, Default)]
pub struct CertificationPatch {
    pub name: Option<String>,
    pub acronym: Option<String>,
    pub issuer: Option<String>,
}

/// Creates a certification; CONFLICT when the slug exists.
pub async fn create_certification(
    db: &DatabaseConnection,
    who: &str,
    new: NewCertification,
) -> ApiResult<certification::Model> {
    check_slug("input.slug", &new.slug)?;
    check_name("input.name", &new.name)?;
    for (field, value) in [
        ("input.acronym", &new.acronym),
        ("input.issuer", &new.issuer),
    ] {
        if let Some(value) = value {
            check_name(field, value)?;
        }
    }
    let txn = db.begin().await?;
    let created = certification::ActiveModel {
        id: NotSet,
        slug: Set(new.slug.clone()),
        name: Set(new.name.trim().to_owned()),
        acronym: Set(new.acronym),
        issuer: Set(new.issuer),
    }
    .insert(&txn)
    .await
    .map_err(conflict(format!("certification `{}`", new.slug)))?;
    finish(txn, who, "createCertification", &new.slug).await?;
    Ok(created)
}

async fn certification_by_slug(
    txn: &DatabaseTransaction,
    field: &str,
    slug: &str,
) -> ApiResult<certification::Model> {
    by_slug::<certification::Entity>(
        txn,
        certification::Column::Slug,
        "certification",
        field,
        slug,
    )
    .await
}

/// Changes the given fields of a certification.
pub async fn update_certification(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    patch: CertificationPatch,
) -> ApiResult<certification::Model> {
    for (field, value) in [
        ("input.name", &patch.name),
        ("input.acronym", &patch.acronym),
        ("input.issuer", &patch.issuer),
    ] {
        if let Some(value) = value {
            check_name(field, value)?;
        }
    }
    let txn = db.begin().await?;
    let current = certification_by_slug(&txn, "slug", slug).await?;
    let mut model: certification::ActiveModel = current.into();
    if let Some(name) = patch.name {
        model.name = Set(name.trim().to_owned());
    }
    set_some(&mut model.acronym, patch.acronym);
    set_some(&mut model.issuer, patch.issuer);
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateCertification", slug).await?;
    Ok(updated)
}

/// Deletes a certification; CONFLICT while roles link to it, unless `cascade`.
pub async fn delete_certification(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    cascade: bool,
) -> ApiResult<()> {
    let txn = db.begin().await?;
    let cert = certification_by_slug(&txn, "slug", slug).await?;
    let links = role_certification::Entity::find()
        .filter(role_certification::Column::CertificationId.eq(cert.id))
        .count(&txn)
        .await?;
    refuse_if_referenced(&format!("certification `{slug}`"), links, cascade)?;
    certification::Entity::delete_by_id(cert.id)
        .exec(&txn)
        .await?;
    finish(txn, who, "deleteCertification", slug).await
}

/// Identifies a role↔skill link: role, skill and the cited source (`admin-api` when `None`).
#[derive(Clone, Debug)]
pub struct RoleSkillKey {
    pub role: String,
    pub skill: String,
    pub source: Option<String>,
}

/// The weights of a role↔skill link; `None` leaves a value as it is on update.
#[derive(Clone, Debug, Default)]
pub struct RoleSkillValues {
    pub share_pct: Option<f64>,
    pub rank: Option<i32>,
    pub importance: Option<f64>,
    pub level: Option<f64>,
    pub note: Option<String>,
}

fn check_role_skill(v: &RoleSkillValues) -> ApiResult<()> {
    check_range("input.sharePct", v.share_pct, 0.0, 100.0)?;
    check_range("input.rank", v.rank.map(f64::from), 1.0, 1000.0)?;
    check_range("input.importance", v.importance, 1.0, 5.0)?;
    check_range("input.level", v.level, 0.0, 7.0)
}

fn key_text(key: &RoleSkillKey) -> String {
    let source = key.source.as_deref().unwrap_or(ADMIN_SOURCE);
    format!("{} needs {} ({source})", key.role, key.skill)
}

async fn find_role_skill(
    txn: &DatabaseTransaction,
    key: &RoleSkillKey,
) -> ApiResult<(i32, i32, i32, Option<role_skill::Model>)> {
    let role = role_by_slug(txn, "input.role", &key.role).await?;
    let skill = skill_by_slug(txn, "input.skill", &key.skill).await?;
    let source = source_id(txn, "input.source", key.source.as_deref()).await?;
    let found = role_skill::Entity::find()
        .filter(role_skill::Column::RoleId.eq(role.id))
        .filter(role_skill::Column::SkillId.eq(skill.id))
        .filter(role_skill::Column::SourceId.eq(source))
        .one(txn)
        .await?;
    Ok((role.id, skill.id, source, found))
}

/// Links a skill to a role; CONFLICT when that source already links them.
pub async fn create_role_skill(
    db: &DatabaseConnection,
    who: &str,
    key: RoleSkillKey,
    values: RoleSkillValues,
) -> ApiResult<role_skill::Model> {
    check_role_skill(&values)?;
    let txn = db.begin().await?;
    let (role_id, skill_id, source_id, found) = find_role_skill(&txn, &key).await?;
    if found.is_some() {
        return Err(ApiError::Conflict(format!(
            "link {} already exists",
            key_text(&key)
        )));
    }
    let created = role_skill::ActiveModel {
        id: NotSet,
        role_id: Set(role_id),
        skill_id: Set(skill_id),
        source_id: Set(source_id),
        share_pct: Set(values.share_pct),
        rank: Set(values.rank),
        importance: Set(values.importance),
        level: Set(values.level),
        note: Set(values.note),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(conflict(format!("link {}", key_text(&key))))?;
    finish(txn, who, "createRoleSkill", &key_text(&key)).await?;
    Ok(created)
}

/// Changes the given weights of a role↔skill link.
pub async fn update_role_skill(
    db: &DatabaseConnection,
    who: &str,
    key: RoleSkillKey,
    values: RoleSkillValues,
) -> ApiResult<role_skill::Model> {
    check_role_skill(&values)?;
    let txn = db.begin().await?;
    let (.., found) = find_role_skill(&txn, &key).await?;
    let current = found.ok_or_else(|| ApiError::not_found("role skill link", key_text(&key)))?;
    let mut model: role_skill::ActiveModel = current.into();
    set_some(&mut model.share_pct, values.share_pct);
    set_some(&mut model.rank, values.rank);
    set_some(&mut model.importance, values.importance);
    set_some(&mut model.level, values.level);
    set_some(&mut model.note, values.note);
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateRoleSkill", &key_text(&key)).await?;
    Ok(updated)
}

/// Removes a role↔skill link.
pub async fn delete_role_skill(
    db: &DatabaseConnection,
    who: &str,
    key: RoleSkillKey,
) -> ApiResult<()> {
    let txn = db.begin().await?;
    let (.., found) = find_role_skill(&txn, &key).await?;
    let current = found.ok_or_else(|| ApiError::not_found("role skill link", key_text(&key)))?;
    role_skill::Entity::delete_by_id(current.id)
        .exec(&txn)
        .await?;
    finish(txn, who, "deleteRoleSkill", &key_text(&key)).await
}

/// Identifies a role↔certification link (`admin-api` source when `None`).
#[derive(Clone, Debug)]
pub struct RoleCertificationKey {
    pub role: String,
    pub certification: String,
    pub relevance: String,
    pub source: Option<String>,
}

fn cert_key_text(key: &RoleCertificationKey) -> String {
    let source = key.source.as_deref().unwrap_or(ADMIN_SOURCE);
    format!(
        "{} {} for {} ({source})",
        key.certification, key.relevance, key.role
    )
}

async fn find_role_certification(
    txn: &DatabaseTransaction,
    key: &RoleCertificationKey,
) -> ApiResult<(i32, i32, i32, Option<role_certification::Model>)> {
    let role = role_by_slug(txn, "input.role", &key.role).await?;
    let cert = certification_by_slug(txn, "input.certification", &key.certification).await?;
    let source = source_id(txn, "input.source", key.source.as_deref()).await?;
    let found = role_certification::Entity::find()
        .filter(role_certification::Column::RoleId.eq(role.id))
        .filter(role_certification::Column::CertificationId.eq(cert.id))
        .filter(role_certification::Column::SourceId.eq(source))
        .filter(role_certification::Column::Relevance.eq(key.relevance.as_str()))
        .one(txn)
        .await?;
    Ok((role.id, cert.id, source, found))
}

/// Links a certification to a role; CONFLICT when the same link exists.
pub async fn create_role_certification(
    db: &DatabaseConnection,
    who: &str,
    key: RoleCertificationKey,
    note: Option<String>,
) -> ApiResult<role_certification::Model> {
    let txn = db.begin().await?;
    let (role_id, certification_id, source_id, found) = find_role_certification(&txn, &key).await?;
    if found.is_some() {
        return Err(ApiError::Conflict(format!(
            "link {} already exists",
            cert_key_text(&key)
        )));
    }
    let created = role_certification::ActiveModel {
        id: NotSet,
        role_id: Set(role_id),
        certification_id: Set(certification_id),
        source_id: Set(source_id),
        relevance: Set(key.relevance.clone()),
        note: Set(note),
    }
    .insert(&txn)
    .await
    .map_err(conflict(format!("link {}", cert_key_text(&key))))?;
    finish(txn, who, "createRoleCertification", &cert_key_text(&key)).await?;
    Ok(created)
}

/// Changes the note of a role↔certification link.
pub async fn update_role_certification(
    db: &DatabaseConnection,
    who: &str,
    key: RoleCertificationKey,
    note: Option<String>,
) -> ApiResult<role_certification::Model> {
    let txn = db.begin().await?;
    let (.., found) = find_role_certification(&txn, &key).await?;
    let current =
        found.ok_or_else(|| ApiError::not_found("role certification link", cert_key_text(&key)))?;
    let mut model: role_certification::ActiveModel = current.into();
    model.note = Set(note);
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateRoleCertification", &cert_key_text(&key)).await?;
    Ok(updated)
}

/// Removes a role↔certification link.
pub async fn delete_role_certification(
    db: &DatabaseConnection,
    who: &str,
    key: RoleCertificationKey,
) -> ApiResult<()> {
    let txn = db.begin().await?;
    let (.., found) = find_role_certification(&txn, &key).await?;
    let current =
        found.ok_or_else(|| ApiError::not_found("role certification link", cert_key_text(&key)))?;
    role_certification::Entity::delete_by_id(current.id)
        .exec(&txn)
        .await?;
    finish(txn, who, "deleteRoleCertification", &cert_key_text(&key)).await
}

/// Identifies a move (`admin-api` source when `source` is `None`).
#[derive(Clone, Debug)]
pub struct MoveKey {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub source: Option<String>,
}

/// Changes to a move; `None` leaves a value as it is.
#[derive(Clone, Debug, Default)]
pub struct MovePatch {
    pub typical_years: Option<f64>,
    pub likelihood: Option<f64>,
    pub description: Option<String>,
}

fn move_text(key: &MoveKey) -> String {
    let source = key.source.as_deref().unwrap_or(ADMIN_SOURCE);
    format!("{} {} {} ({source})", key.from, key.kind, key.to)
}

async fn find_move(txn: &DatabaseTransaction, key: &MoveKey) -> ApiResult<career_move::Model> {
    let from = role_by_slug(txn, "input.from", &key.from).await?;
    let to = role_by_slug(txn, "input.to", &key.to).await?;
    let source = source_id(txn, "input.source", key.source.as_deref()).await?;
    career_move::Entity::find()
        .filter(career_move::Column::FromRoleId.eq(from.id))
        .filter(career_move::Column::ToRoleId.eq(to.id))
        .filter(career_move::Column::Kind.eq(key.kind.as_str()))
        .filter(career_move::Column::SourceId.eq(source))
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::not_found("career move", move_text(key)))
}

/// Changes the given values of a move.
pub async fn update_move(
    db: &DatabaseConnection,
    who: &str,
    key: MoveKey,
    patch: MovePatch,
) -> ApiResult<career_move::Model> {
    check_move_values(patch.typical_years, patch.likelihood)?;
    let txn = db.begin().await?;
    let current = find_move(&txn, &key).await?;
    let mut model: career_move::ActiveModel = current.into();
    set_some(&mut model.typical_years, patch.typical_years);
    set_some(&mut model.likelihood, patch.likelihood);
    set_some(&mut model.description, patch.description);
    let updated = model.update(&txn).await?;
    finish(txn, who, "updateCareerMove", &move_text(&key)).await?;
    Ok(updated)
}

/// Deletes a move.
pub async fn delete_move(db: &DatabaseConnection, who: &str, key: MoveKey) -> ApiResult<()> {
    let txn = db.begin().await?;
    let current = find_move(&txn, &key).await?;
    career_move::Entity::delete_by_id(current.id)
        .exec(&txn)
        .await?;
    finish(txn, who, "deleteCareerMove", &move_text(&key)).await
}

/// Imports a whole dataset (validated first, one transaction) and records it in the audit log.
pub async fn import_dataset(
    db: &DatabaseConnection,
    who: &str,
    dataset: &seed::Dataset,
    mode: seed::ImportMode,
) -> ApiResult<seed::ImportReport> {
    let txn = db.begin().await?;
    let report = seed::import_in(&txn, dataset, mode)
        .await
        .map_err(dataset_error)?;
    let total = report.total();
    let action = match mode {
        seed::ImportMode::Merge => "importDataset(MERGE)",
        seed::ImportMode::Replace => "importDataset(REPLACE)",
    };
    let target = format!(
        "{} created, {} updated, {} unchanged, {} deleted",
        total.created, total.updated, total.unchanged, total.deleted
    );
    finish(txn, who, action, &target).await?;
    Ok(report)
}

/// Maps a dataset error to BAD_USER_INPUT naming the record and field, or to INTERNAL.
pub fn dataset_error(e: seed::SeedError) -> ApiError {
    match e {
        seed::SeedError::Invalid {
            file,
            record,
            field,
            message,
        } => {
            // `roles[3] (ceo)` → path `roles[3]`; the whole record name stays in the message.
            let path = record.split(' ').next().unwrap_or_default();
            let place = match file.strip_prefix("dataset#") {
                Some(facts) => format!("dataset.{facts}.{path}.{field}"),
                None => format!("dataset.{path}.{field}"),
            };
            ApiError::bad_input(place, format!("{record}: {message}"))
        }
        seed::SeedError::Parse { message, .. } => ApiError::bad_input("dataset", message),
        seed::SeedError::Database(e) => ApiError::from(e),
        other => ApiError::Internal(anyhow::anyhow!("{other}")),
    }
}
