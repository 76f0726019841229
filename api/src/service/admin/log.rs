//! The dataset import and the audit log.

use entity::audit_log;
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};
use seed::Dataset;

use crate::error::ApiResult;
use crate::service::check;

/// Imports a whole dataset through the one writer (validated first; a dry run keeps
/// nothing) and records it in the audit log.
pub async fn import_dataset(
    db: &DatabaseConnection,
    who: &str,
    dataset: &Dataset,
    mode: seed::ImportMode,
    dry_run: bool,
) -> ApiResult<seed::ImportReport> {
    let options = seed::ImportOptions {
        mode,
        dry_run,
        actor: who,
    };
    Ok(seed::import(db, dataset, options).await?)
}

/// The latest `first` (1–100) audit entries, newest first.
pub async fn audit_log(db: &DatabaseConnection, first: i32) -> ApiResult<Vec<audit_log::Model>> {
    use sea_orm::QueryOrder;
    let limit = check::count("first", first, check::Bounds::new(1.0, 100.0))? as u64;
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
