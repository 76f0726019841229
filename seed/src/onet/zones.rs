//! Writes the download's `Job Zone Reference` to `job_zone`, citing the release's source: the
//! definition of the zones that job-zone gaps are computed from (`api::career::zones`).

use entity::{job_zone, source};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::parse::ZoneDefinition;

/// The table, as import reports name it.
pub(super) const TABLE: &str = "job_zone";
use crate::SeedError;

/// Makes `job_zone` hold exactly `zones`, stated by source `source_key` (written before, in
/// the same [`Write`](crate::Write)); zones the reference no longer defines are deleted.
/// Without a reference (`zones` empty) the table is left as it is. Returns the rows written.
pub(super) async fn write(
    db: &impl ConnectionTrait,
    zones: &[ZoneDefinition],
    source_key: &str,
) -> Result<u64, SeedError> {
    if zones.is_empty() {
        return Ok(0);
    }
    let source = source::Entity::find()
        .filter(source::Column::Key.eq(source_key))
        .one(db)
        .await?
        .ok_or_else(|| SeedError::Parse {
            file: "Job Zone Reference".into(),
            message: format!("its source `{source_key}` was not written"),
        })?;
    let numbers: Vec<i32> = zones.iter().map(|z| z.number).collect();
    job_zone::Entity::delete_many()
        .filter(sea_orm::sea_query::Expr::col(job_zone::Column::Number).is_not_in(numbers))
        .exec(db)
        .await?;
    let rows = zones.iter().map(|z| job_zone::ActiveModel {
        id: NotSet,
        number: Set(z.number),
        source_id: Set(source.id),
        name: Set(z.name.clone()),
        experience: Set(z.experience.clone()),
        education: Set(z.education.clone()),
        job_training: Set(z.job_training.clone()),
        examples: Set(z.examples.clone()),
        svp_range: Set(z.svp_range.clone()),
        svp_min: Set(z.svp.0),
        svp_max: Set(z.svp.1),
    });
    use job_zone::Column as C;
    job_zone::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(C::Number)
                .update_columns([
                    C::SourceId,
                    C::Name,
                    C::Experience,
                    C::Education,
                    C::JobTraining,
                    C::Examples,
                    C::SvpRange,
                    C::SvpMin,
                    C::SvpMax,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(zones.len() as u64)
}
