//! Admin edits, made through the seed library's one write path.
//!
//! Every edit is a dataset record parsed by the same rules a dataset load applies
//! ([`seed::Rules`]: names trimmed, numbers in range), written by the same writer
//! ([`seed::write_records`], which takes only parsed records) inside one [`seed::Write`], and
//! committed with the caller's audit entry (version bump, audit row, commit). Catalog records
//! (roles, skills, certifications, `catalog`) share one implementation; so do facts keyed by
//! role and source (moves, skill and certification links, `facts`); `log` has the dataset
//! import and the audit log.

mod catalog;
mod facts;
mod log;

use entity::role;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter, QuerySelect,
};
use seed::{Broken, Dataset, Rules, Write};

use crate::error::{ApiError, ApiResult};

pub use catalog::{Catalog, create, delete, update};
pub use facts::{
    ADMIN_SOURCE, Cited, Fact, certification_link, create_fact, delete_fact, move_key, skill_link,
    update_fact,
};
pub use log::{audit_log, import_dataset};

/// A dataset record an admin edit writes, and the table it lands in: what [`Catalog`] records
/// and [`Fact`]s share.
pub trait Record: Rules + Clone + Send + Sync + 'static {
    /// The table.
    type Entity: seed::tables::Keyed<Model = Self::Model, PrimaryKey = Self::Key>;
    /// A row of the table.
    type Model: Send + Sync;
    /// The table's primary key (an `i32` id).
    type Key: PrimaryKeyTrait<ValueType = i32>;
    /// What it is, in messages (`role`, `role skill link`).
    const WHAT: &'static str;
    /// Its name in audit actions (`Role`: `createRole`).
    const NOUN: &'static str;
}

/// `impl Record for $record` on table module `$table`.
macro_rules! record {
    ($record:ty, $table:ident, $what:literal, $noun:literal) => {
        impl super::Record for $record {
            type Entity = $table::Entity;
            type Model = $table::Model;
            type Key = $table::PrimaryKey;
            const WHAT: &'static str = $what;
            const NOUN: &'static str = $noun;
        }
    };
}
use record;

/// A broken rule of an input record, named as the GraphQL field (`input.sharePct`).
pub(super) fn input_error(broken: Broken) -> ApiError {
    let mut field = String::from("input.");
    let mut upper = false;
    for c in broken.field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                field.extend(c.to_uppercase());
                upper = false;
            }
            c => field.push(c),
        }
    }
    ApiError::bad_input(field, broken.message)
}

/// The record parsed on its own rules (names trimmed, numbers checked); a broken rule is
/// BAD_USER_INPUT naming the input field.
pub(super) fn parse<R: Rules>(record: R) -> ApiResult<R> {
    Ok(seed::parse_record(record)
        .map_err(input_error)?
        .into_inner())
}

/// Writes `dataset` (records parsed again by the writer's rules) inside `change`.
pub(super) async fn write(change: &Write, dataset: Dataset) -> ApiResult<()> {
    let parsed = seed::parse_records(dataset)?;
    seed::write_records(change.conn(), &parsed).await?;
    Ok(())
}

/// The id of the row whose `key` column is `value`; BAD_USER_INPUT naming `field` when none.
pub(super) async fn id_by_key<E: EntityTrait>(
    db: &impl ConnectionTrait,
    key: E::Column,
    id: E::Column,
    (what, field): (&str, &str),
    value: &str,
) -> ApiResult<i32> {
    E::find()
        .select_only()
        .column(id)
        .filter(key.eq(value))
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, format!("no {what} `{value}`")))
}

pub(super) async fn role_id(db: &impl ConnectionTrait, field: &str, slug: &str) -> ApiResult<i32> {
    id_by_key::<role::Entity>(
        db,
        role::Column::Slug,
        role::Column::Id,
        ("role", field),
        slug,
    )
    .await
}

#[cfg(test)]
#[allow(clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;

    #[test]
    fn broken_rules_name_the_graphql_input_field() {
        let broken = Broken {
            field: "share_pct".into(),
            message: "101 is outside 0–100".into(),
        };
        let ApiError::BadUserInput { field, .. } = input_error(broken) else {
            panic!("expected BAD_USER_INPUT");
        };
        assert_eq!(field, "input.sharePct");
    }

    #[test]
    fn input_records_are_parsed_before_they_are_written() {
        let skill = seed::dataset::SkillRecord {
            slug: "kubernetes".into(),
            name: "  Kubernetes ".into(),
            category: "technical".into(),
        };
        assert_eq!(parse(skill.clone()).unwrap().name, "Kubernetes");
        let blank = seed::dataset::SkillRecord {
            name: " ".into(),
            ..skill
        };
        let Err(ApiError::BadUserInput { field, .. }) = parse(blank) else {
            panic!("expected BAD_USER_INPUT");
        };
        assert_eq!(field, "input.name");
    }
}
