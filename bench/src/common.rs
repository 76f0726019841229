//! Set-up shared by the benchmark binaries (each includes this file with `#[path]`).

use migration::{Migrator, MigratorTrait};
use sea_orm::{Database, DatabaseConnection};

/// Connects to `url`, migrates and loads the curated dataset.
pub async fn curated(url: &str) -> DatabaseConnection {
    let db = Database::connect(url).await.expect("connect");
    Migrator::up(&db, None).await.expect("migrate");
    seed::load(
        &db,
        &seed::Dataset::curated().expect("dataset"),
        seed::LoadOptions::default(),
    )
    .await
    .expect("seed");
    db
}

/// [`curated`] plus the shipped O*NET 29.3 + BLS import.
#[allow(dead_code)] // not every binary imports O*NET
pub async fn with_onet(url: &str) -> DatabaseConnection {
    let db = curated(url).await;
    seed::onet::import(&db, &seed::onet::ImportPaths::shipped(), false)
        .await
        .expect("import");
    db
}
