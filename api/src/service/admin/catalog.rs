//! Catalog records (roles, skills, certifications): created, changed and deleted by slug.

use entity::{career_move, certification, role, role_certification, role_skill, skill};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use seed::dataset::{CertificationRecord, RoleRecord, SkillRecord};
use seed::{Audit, Dataset, Write};

use super::{Record, parse, record, write};
use crate::error::{ApiError, ApiResult};

/// A record of the dataset's catalog: created, changed and deleted by slug.
pub trait Catalog: Record {
    /// The slug column.
    fn slug_column() -> <Self::Entity as EntityTrait>::Column;
    /// The slug.
    fn slug(&self) -> &str;
    /// A row's id.
    fn id(row: &Self::Model) -> i32;
    /// The record a row holds.
    fn of(row: &Self::Model) -> Self;
    /// A dataset holding just this record.
    fn dataset(self) -> Dataset;
    /// The error for a slug that names no record.
    fn missing(slug: &str) -> ApiError {
        ApiError::not_found(Self::WHAT, slug)
    }
    /// How many moves or links reference row `id` (deleting them needs `cascade`).
    fn references(db: &DatabaseTransaction, id: i32)
    -> impl Future<Output = ApiResult<u64>> + Send;
}

async fn find_by_slug<C: Catalog>(db: &impl ConnectionTrait, slug: &str) -> ApiResult<C::Model> {
    C::Entity::find()
        .filter(C::slug_column().eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| C::missing(slug))
}

/// Creates a catalog record; CONFLICT when the slug exists.
pub async fn create<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    record: C,
) -> ApiResult<C::Model> {
    let record = parse(record)?;
    let change = Write::begin(db).await?;
    let slug = record.slug().to_owned();
    if find_by_slug::<C>(change.conn(), &slug).await.is_ok() {
        return Err(ApiError::Conflict(format!(
            "{} `{slug}` already exists",
            C::WHAT
        )));
    }
    write(&change, record.dataset()).await?;
    let row = find_by_slug::<C>(change.conn(), &slug).await?;
    change
        .commit(Audit::new(who, format!("create{}", C::NOUN), slug))
        .await?;
    Ok(row)
}

/// Changes a catalog record: `patch` edits the current values, which are checked again.
pub async fn update<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    patch: impl FnOnce(&mut C),
) -> ApiResult<C::Model> {
    let change = Write::begin(db).await?;
    let mut record = C::of(&find_by_slug::<C>(change.conn(), slug).await?);
    patch(&mut record);
    let record = parse(record)?;
    write(&change, record.dataset()).await?;
    let row = find_by_slug::<C>(change.conn(), slug).await?;
    change
        .commit(Audit::new(who, format!("update{}", C::NOUN), slug))
        .await?;
    Ok(row)
}

/// Deletes a catalog record. CONFLICT while moves or links reference it, unless `cascade`
/// (facts reference it with ON DELETE CASCADE).
pub async fn delete<C: Catalog>(
    db: &DatabaseConnection,
    who: &str,
    slug: &str,
    cascade: bool,
) -> ApiResult<()> {
    let change = Write::begin(db).await?;
    let id = C::id(&find_by_slug::<C>(change.conn(), slug).await?);
    let references = C::references(change.conn(), id).await?;
    if references > 0 && !cascade {
        return Err(ApiError::Conflict(format!(
            "{} `{slug}` is referenced by {references} moves or links; pass cascade: true to delete them too",
            C::WHAT
        )));
    }
    C::Entity::delete_by_id(id).exec(change.conn()).await?;
    let action = format!(
        "delete{}{}",
        C::NOUN,
        if cascade { "(cascade)" } else { "" }
    );
    change.commit(Audit::new(who, action, slug)).await?;
    Ok(())
}

record!(RoleRecord, role, "role", "Role");

impl Catalog for RoleRecord {
    fn slug_column() -> role::Column {
        role::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &role::Model) -> i32 {
        row.id
    }
    fn of(row: &role::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            roles: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let moves = career_move::Entity::find()
            .filter(
                Condition::any()
                    .add(career_move::Column::FromRoleId.eq(id))
                    .add(career_move::Column::ToRoleId.eq(id)),
            )
            .count(db)
            .await?;
        let skills = role_skill::Entity::find()
            .filter(role_skill::Column::RoleId.eq(id))
            .count(db)
            .await?;
        let certifications = role_certification::Entity::find()
            .filter(role_certification::Column::RoleId.eq(id))
            .count(db)
            .await?;
        Ok(moves + skills + certifications)
    }
}

record!(SkillRecord, skill, "skill", "Skill");

impl Catalog for SkillRecord {
    fn slug_column() -> skill::Column {
        skill::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &skill::Model) -> i32 {
        row.id
    }
    fn missing(slug: &str) -> ApiError {
        ApiError::bad_input("slug", format!("no skill `{slug}`"))
    }
    fn of(row: &skill::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            skills: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let filter = role_skill::Column::SkillId.eq(id);
        Ok(role_skill::Entity::find().filter(filter).count(db).await?)
    }
}

record!(
    CertificationRecord,
    certification,
    "certification",
    "Certification"
);

impl Catalog for CertificationRecord {
    fn slug_column() -> certification::Column {
        certification::Column::Slug
    }
    fn slug(&self) -> &str {
        &self.slug
    }
    fn id(row: &certification::Model) -> i32 {
        row.id
    }
    fn missing(slug: &str) -> ApiError {
        ApiError::bad_input("slug", format!("no certification `{slug}`"))
    }
    fn of(row: &certification::Model) -> Self {
        row.into()
    }
    fn dataset(self) -> Dataset {
        Dataset {
            certifications: vec![self],
            ..Dataset::default()
        }
    }
    async fn references(db: &DatabaseTransaction, id: i32) -> ApiResult<u64> {
        let filter = role_certification::Column::CertificationId.eq(id);
        Ok(role_certification::Entity::find()
            .filter(filter)
            .count(db)
            .await?)
    }
}
