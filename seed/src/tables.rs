//! The table registry: every dataset table once, with its natural key.
//!
//! The natural key says what identifies a record across databases (slugs, source keys,
//! positions; never a row id). Upserts conflict on it, edits find rows by it, and reports,
//! totals and clearing walk the tables in this order (catalog first, then facts).

use entity::{
    area, area_wage, career_move, certification, role, role_alias, role_attribute,
    role_certification, role_comparison, role_demographic, role_duty, role_education, role_profile,
    role_regional_wage, role_skill, role_statement, role_technology, skill, source,
};
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use crate::SeedError;

/// A dataset table with a declared natural key.
pub trait Keyed: EntityTrait {
    /// The table's name in reports (`role`, `career_move`).
    const NAME: &'static str;
    /// The columns that identify a record.
    fn natural_key() -> Vec<Self::Column>;
}

macro_rules! registry {
    ($($table:ident [$($column:ident),+]),+ $(,)?) => {
        $(
            impl Keyed for $table::Entity {
                const NAME: &'static str = stringify!($table);
                fn natural_key() -> Vec<Self::Column> {
                    vec![$($table::Column::$column),+]
                }
            }
        )+

        /// Every dataset table, in schema order (what a fact references comes first).
        pub const TABLES: &[&str] = &[$(stringify!($table)),+];

        /// Row counts of every table, in schema order.
        pub async fn table_totals(
            db: &impl ConnectionTrait,
        ) -> Result<Vec<(&'static str, u64)>, SeedError> {
            Ok(vec![$((stringify!($table), $table::Entity::find().count(db).await?)),+])
        }
    };
}

registry! {
    source [Key],
    role [Slug],
    skill [Slug],
    certification [Slug],
    role_profile [RoleId, SourceId],
    role_demographic [RoleId, SourceId, Dimension, GroupName],
    role_skill [RoleId, SkillId, SourceId],
    role_certification [RoleId, CertificationId, SourceId, Relevance],
    role_duty [RoleId, SourceId, Position],
    role_education [RoleId, SourceId, Position],
    role_attribute [RoleId, SourceId, Kind, Position],
    role_regional_wage [RoleId, SourceId, Region],
    career_move [FromRoleId, ToRoleId, Kind, SourceId],
    role_comparison [RoleAId, RoleBId, SourceId],
    role_alias [RoleId, SourceId, Title],
    role_technology [RoleId, SourceId, Name],
    role_statement [RoleId, SourceId, Position],
    area [Code],
    area_wage [AreaId, SocCode, SourceId],
}

/// Deletes every dataset row, facts before what they reference (the audit log and the
/// data version stay).
pub(crate) async fn clear(db: &impl ConnectionTrait) -> Result<(), SeedError> {
    for table in TABLES.iter().rev() {
        let delete = Query::delete().from_table(Alias::new(*table)).to_owned();
        db.execute(&delete).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{IdenStatic, Iterable};

    fn columns<E: Keyed>() -> (Vec<&'static str>, Vec<&'static str>) {
        let key = E::natural_key().iter().map(|c| c.as_str()).collect();
        let all = E::Column::iter().map(|c| c.as_str()).collect();
        (key, all)
    }

    #[test]
    fn every_table_is_listed_once_and_keys_never_use_the_row_id() {
        let mut names = TABLES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLES.len());
        for (key, all) in [
            columns::<role::Entity>(),
            columns::<career_move::Entity>(),
            columns::<role_skill::Entity>(),
            columns::<role_certification::Entity>(),
        ] {
            assert!(!key.contains(&"id"));
            assert!(key.iter().all(|k| all.contains(k)));
        }
        assert_eq!(TABLES.first(), Some(&source::Entity::NAME));
    }
}
