//! DataLoaders: every nested list or reference is fetched in one statement per nesting
//! level, whatever the number of parents (no N+1).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::DatabaseConnection;

use crate::error::ApiError;
use crate::service;

/// The one loader type; each key type below selects what it loads.
pub struct DbLoader {
    db: DatabaseConnection,
}

impl DbLoader {
    /// A loader reading from `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// Loader errors must be `Clone`; the cause is kept for the log.
pub type LoadError = Arc<ApiError>;

/// "All rows of `$entity` whose `$field` is the key", ordered.
macro_rules! children_loader {
    ($(#[$doc:meta])* $key:ident => $entity:ident, $column:ident / $field:ident, [$($order:ident),*]) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for DbLoader {
            type Value = Vec<entity::$entity::Model>;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                let rows = service::facts::children_of::<entity::$entity::Entity>(
                    &self.db,
                    entity::$entity::Column::$column,
                    &ids,
                    &[$(entity::$entity::Column::$order),*],
                )
                .await
                .map_err(Arc::new)?;
                let mut out: HashMap<$key, Self::Value> = HashMap::new();
                for row in rows {
                    out.entry($key(row.$field)).or_default().push(row);
                }
                Ok(out)
            }
        }
    };
}

/// "The row of `$entity` with this id".
macro_rules! by_id_loader {
    ($(#[$doc:meta])* $key:ident => $entity:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for DbLoader {
            type Value = entity::$entity::Model;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
                let rows = service::catalog::by_ids::<entity::$entity::Entity>(
                    &self.db,
                    entity::$entity::Column::Id,
                    &ids,
                )
                .await
                .map_err(Arc::new)?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

by_id_loader!(/// A role by id.
    RoleById => role);
by_id_loader!(/// A skill by id.
    SkillById => skill);
by_id_loader!(/// A certification by id.
    CertificationById => certification);
by_id_loader!(/// A source by id.
    SourceById => source);
by_id_loader!(/// A career move by id.
    MoveById => career_move);

children_loader!(/// Profiles (per-source scalar facts) of a role.
    ProfilesOf => role_profile, RoleId / role_id, [SourceId]);
children_loader!(/// Demographic shares of a role.
    DemographicsOf => role_demographic, RoleId / role_id, [SourceId, Id]);
children_loader!(/// Skill links of a role.
    SkillsOfRole => role_skill, RoleId / role_id, [SourceId, Id]);
children_loader!(/// Roles linked to a skill.
    RolesOfSkill => role_skill, SkillId / skill_id, [RoleId, SourceId]);
children_loader!(/// Certification links of a role.
    CertificationsOfRole => role_certification, RoleId / role_id, [SourceId, Id]);
children_loader!(/// Roles linked to a certification.
    RolesOfCertification => role_certification, CertificationId / certification_id, [RoleId, SourceId]);
children_loader!(/// Duties of a role.
    DutiesOf => role_duty, RoleId / role_id, [SourceId, Position]);
children_loader!(/// Education requirements of a role.
    EducationOf => role_education, RoleId / role_id, [SourceId, Position]);
children_loader!(/// List attributes (employer types, pay factors, resources) of a role.
    AttributesOf => role_attribute, RoleId / role_id, [SourceId, Kind, Position]);
children_loader!(/// Regional wages of a role.
    RegionalWagesOf => role_regional_wage, RoleId / role_id, [SourceId, Rank]);
children_loader!(/// Moves leaving a role.
    MovesFrom => career_move, FromRoleId / from_role_id, [Id]);
children_loader!(/// Moves arriving at a role.
    MovesTo => career_move, ToRoleId / to_role_id, [Id]);
children_loader!(/// Alternate titles of a role.
    AliasesOf => role_alias, RoleId / role_id, [SourceId, Title]);
children_loader!(/// Technology skills of a role.
    TechnologiesOf => role_technology, RoleId / role_id, [SourceId, Name]);
children_loader!(/// Documented comparisons where the role is the first side.
    ComparisonsA => role_comparison, RoleAId / role_a_id, [Id]);
children_loader!(/// Documented comparisons where the role is the second side.
    ComparisonsB => role_comparison, RoleBId / role_b_id, [Id]);
