//! Writes made through the admin API. Each runs in one transaction: validate, write, bump the
//! data version; callers refresh the route graph after commit.

use entity::{audit_log, career_move, data_version, role, role_certification, role_skill, source};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, Condition, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use crate::error::{ApiError, ApiResult};

/// Key of the source that facts entered through the API cite.
pub const ADMIN_SOURCE: &str = "admin-api";
/// Allowed move kinds.
const MOVE_KINDS: [&str; 4] = ["promotion", "lateral", "pivot", "related"];

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

async fn role_by_slug(
    txn: &DatabaseTransaction,
    field: &str,
    slug: &str,
) -> ApiResult<role::Model> {
    role::Entity::find()
        .filter(role::Column::Slug.eq(slug))
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, format!("no role `{slug}`")))
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
    if patch.seniority.is_some() {
        model.seniority = Set(patch.seniority);
    }
    if patch.onet_code.is_some() {
        model.onet_code = Set(patch.onet_code);
    }
    if patch.summary.is_some() {
        model.summary = Set(patch.summary);
    }
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
    if !MOVE_KINDS.contains(&new.kind.as_str()) {
        return Err(ApiError::bad_input(
            "input.kind",
            format!("must be one of {MOVE_KINDS:?}"),
        ));
    }
    if new.from == new.to {
        return Err(ApiError::bad_input(
            "input.to",
            "a move cannot lead from a role to itself",
        ));
    }
    if new
        .typical_years
        .is_some_and(|y| !(0.0..=60.0).contains(&y))
    {
        return Err(ApiError::bad_input(
            "input.typicalYears",
            "must be between 0 and 60",
        ));
    }
    if new.likelihood.is_some_and(|l| !(l > 0.0 && l <= 1.0)) {
        return Err(ApiError::bad_input("input.likelihood", "must be in (0, 1]"));
    }
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
