//! Set-up shared by the benchmark binaries (each includes this file with `#[path]`).

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

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

/// The PostgreSQL server at `BENCH_POSTGRES_URL`, where a benchmark makes scratch databases.
#[allow(dead_code)] // not every binary times PostgreSQL
pub struct PostgresServer {
    admin: DatabaseConnection,
    /// The server's URL without a database name.
    base: String,
}

#[allow(dead_code)]
impl PostgresServer {
    /// Connects to `BENCH_POSTGRES_URL`; `None` when it is unset.
    pub async fn from_env() -> Option<Self> {
        let admin_url = std::env::var("BENCH_POSTGRES_URL").ok()?;
        let admin = Database::connect(&admin_url).await.expect("postgres");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b)
            .to_owned();
        Some(Self { admin, base })
    }

    /// Creates the database `name` and returns its URL.
    pub async fn create(&self, name: &str) -> String {
        self.admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create");
        format!("{}/{name}", self.base)
    }

    /// Drops the database `name`, closing its connections.
    pub async fn drop_database(&self, name: &str) {
        self.admin
            .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .await
            .expect("drop");
    }
}

/// The GraphQL schema over `db`'s current read model, with the default configuration.
#[allow(dead_code)] // not every benchmark binary asks the schema
pub async fn schema_over(db: &sea_orm::DatabaseConnection) -> api::graphql::AppSchema {
    let store = std::sync::Arc::new(api::model::ModelStore::new());
    store.rebuild(db).await.expect("read model");
    let state = api::state::AppState::new(
        api::config::Config::default(),
        db.clone(),
        store,
        api::http::metrics::Metrics::new(Default::default()),
    )
    .expect("app state");
    api::graphql::build_schema(state)
}
