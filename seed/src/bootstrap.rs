//! The shipped-data policy: what a database is given on start so that it holds this build's
//! shipped state, used by the server's start and the CLI's `bootstrap` command alike.
//!
//! 1. An empty database (no roles) receives the curated dataset, unaudited: it is the
//!    initial state, not anyone's change.
//! 2. With the O*NET step on, each shipped source (O*NET 29.3 with BLS May 2024, then BLS May
//!    2025 by area) is imported when the database lacks it (unaudited), or again once when an
//!    older build imported it (its source has no `as_of`), audited as `actor`, so an upgraded
//!    database gains what this build adds. A source this build imported is left alone.

use std::time::Instant;

use entity::source;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{Dataset, LoadOptions, SeedError, bls, onet};

/// What to bring the database to.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Load the curated dataset into an empty database.
    pub curated: bool,
    /// Import the shipped O*NET and BLS data (absent, or imported by an older build).
    pub shipped_imports: bool,
    /// Who refreshes data an older build imported, for the audit log (`startup`, `seed`).
    pub actor: &'static str,
}

/// What a bootstrap did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bootstrapped {
    /// Roles the curated load gave an empty database (0 when it was not empty).
    pub curated_roles: u64,
    /// Records the O*NET and BLS national import wrote (0 when it was current).
    pub onet_records: u64,
    /// Area wages the by-area import wrote (0 when it was current).
    pub area_wages: u64,
}

/// What the database holds of one shipped source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shipped {
    /// Not imported: imported without an audit row (the initial state).
    Absent,
    /// Imported by an older build (its source has no `as_of`): imported again, audited.
    FromOlderBuild,
    /// Imported by this build: left alone.
    Current,
}

impl Shipped {
    /// The state of source `key`.
    pub async fn of(db: &DatabaseConnection, key: &str) -> Result<Self, SeedError> {
        let found = source::Entity::find()
            .filter(source::Column::Key.eq(key))
            .one(db)
            .await?;
        Ok(match found {
            None => Self::Absent,
            Some(s) if s.as_of.is_none() => Self::FromOlderBuild,
            Some(_) => Self::Current,
        })
    }

    /// `Some(audit actor)` when it is to be imported (`Some(None)`: not audited).
    pub fn importer(self, actor: &'static str) -> Option<Option<&'static str>> {
        match self {
            Self::Absent => Some(None),
            Self::FromOlderBuild => Some(Some(actor)),
            Self::Current => None,
        }
    }
}

/// Brings a migrated database to the shipped state `policy` asks for; running it again
/// changes nothing.
pub async fn bootstrap(db: &DatabaseConnection, policy: Policy) -> Result<Bootstrapped, SeedError> {
    let mut done = Bootstrapped::default();
    if policy.curated && entity::role::Entity::find().count(db).await? == 0 {
        let options = LoadOptions {
            progress: false,
            actor: None,
        };
        let report = crate::load(db, &Dataset::curated()?, options).await?;
        done.curated_roles = report
            .totals
            .iter()
            .find(|(t, _)| *t == "role")
            .map_or(0, |(_, n)| *n);
        tracing::info!(
            roles = done.curated_roles,
            "loaded the built-in dataset into an empty database"
        );
    }
    if !policy.shipped_imports {
        return Ok(done);
    }
    let onet_state = Shipped::of(db, onet::ONET_SOURCE).await?;
    if let Some(actor) = onet_state.importer(policy.actor) {
        if onet_state == Shipped::FromOlderBuild {
            tracing::info!(
                source = onet::ONET_SOURCE,
                "refreshing shipped data an older build imported"
            );
        }
        tracing::info!("importing the shipped O*NET 29.3 and BLS data");
        let started = Instant::now();
        let report = onet::import_by(db, &onet::ImportPaths::shipped(), false, actor).await?;
        done.onet_records = report.written.iter().map(|(_, n)| n).sum();
        tracing::info!(
            records = done.onet_records,
            seconds = started.elapsed().as_secs_f64(),
            "imported O*NET 29.3 and BLS wages"
        );
    }
    let area_state = Shipped::of(db, bls::AREA_SOURCE).await?;
    if let Some(actor) = area_state.importer(policy.actor) {
        let started = Instant::now();
        let report = bls::import_areas_by(db, &bls::AreaPaths::shipped(), false, actor).await?;
        done.area_wages = report.area_wages;
        tracing::info!(
            areas = report.areas,
            area_wages = report.area_wages,
            ms = started.elapsed().as_millis() as u64,
            "imported BLS OEWS May 2025 by area"
        );
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::Shipped;

    #[test]
    fn only_absent_or_older_shipped_data_is_imported_and_only_a_refresh_is_audited() {
        assert_eq!(Shipped::Absent.importer("startup"), Some(None));
        assert_eq!(
            Shipped::FromOlderBuild.importer("startup"),
            Some(Some("startup"))
        );
        assert_eq!(Shipped::Current.importer("startup"), None);
    }
}
