//! Builds the application: database, migrations, first-start seeding, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use std::time::Duration;

use actix_web::dev::Server;
pub use actix_web::dev::ServerHandle;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use tracing_actix_web::TracingLogger;

use crate::config::{Config, DataLoading, DatabaseConfig};
use crate::graphql::build_schema;
use crate::http::limits;
use crate::http::mcp::McpEndpoint;
use crate::http::metrics::Metrics;
use crate::http::routes;
use crate::mcp::CareerTools;
use crate::model::ModelStore;
use crate::state::AppState;
use crate::telemetry;

/// A built, bound, not yet running service.
pub struct Application {
    port: u16,
    server: Server,
    statements: Arc<AtomicU64>,
}

/// Connects to the database, counting every statement into `statements`.
pub async fn connect(
    config: &DatabaseConfig,
    statements: Arc<AtomicU64>,
) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(&config.database_url);
    // Each pooled connection to an in-memory SQLite database would see its own empty database.
    options
        .max_connections(if config.is_in_memory() {
            1
        } else {
            config.database_max_connections
        })
        .sqlx_logging(false)
        // Fail fast when the database is unreachable instead of queueing requests for 30 s.
        .connect_timeout(Duration::from_secs(3))
        .acquire_timeout(Duration::from_secs(3));
    let mut db = Database::connect(options).await.with_context(|| {
        format!(
            "cannot connect to the database at {}",
            redact(&config.database_url)
        )
    })?;
    db.set_metric_callback(move |_| {
        statements.fetch_add(1, Ordering::Relaxed);
    });
    Ok(db)
}

/// [`connect`], retrying with exponential backoff (0.25 s doubling to 8 s) until
/// `database_connect_timeout_secs` have passed: a database that starts after the service (as in
/// docker compose) is waited for, with a clear message per attempt.
pub async fn connect_with_retry(
    config: &DatabaseConfig,
    statements: Arc<AtomicU64>,
) -> anyhow::Result<DatabaseConnection> {
    let deadline =
        std::time::Instant::now() + Duration::from_secs(config.database_connect_timeout_secs);
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match connect(config, statements.clone()).await {
            Ok(db) => return Ok(db),
            Err(e) if std::time::Instant::now() + delay < deadline => {
                tracing::warn!(
                    attempt,
                    retry_in_ms = delay.as_millis() as u64,
                    error = %format!("{e:#}"),
                    "database unreachable; retrying"
                );
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(8));
                attempt += 1;
            }
            Err(e) => {
                return Err(e.context(format!(
                    "gave up after {attempt} attempts over {} s (DATABASE_CONNECT_TIMEOUT_SECS)",
                    config.database_connect_timeout_secs
                )));
            }
        }
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Applies migrations and, when enabled and the database holds no roles, loads the built-in dataset.
pub async fn prepare_database(db: &DatabaseConnection, config: &DataLoading) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("applying migrations")?;
    use sea_orm::{EntityTrait, PaginatorTrait};
    if config.seed_on_start && entity::role::Entity::find().count(db).await? == 0 {
        let dataset = seed::Dataset::curated()?;
        let report = seed::load(
            db,
            &dataset,
            seed::LoadOptions {
                progress: false,
                actor: None,
            },
        )
        .await?;
        let roles = report
            .totals
            .iter()
            .find(|(t, _)| *t == "role")
            .map_or(0, |(_, n)| *n);
        tracing::info!(roles, "loaded the built-in dataset into an empty database");
    }
    if !config.import_onet_on_start {
        return Ok(());
    }
    if let Some(actor) = Shipped::of(db, seed::onet::ONET_SOURCE).await?.importer() {
        tracing::info!(
            "importing the shipped O*NET 29.3 and BLS data (IMPORT_ONET_ON_START=false skips it)"
        );
        let started = std::time::Instant::now();
        let report =
            seed::onet::import_by(db, &seed::onet::ImportPaths::shipped(), false, actor).await?;
        let records: u64 = report.written.iter().map(|(_, n)| n).sum();
        tracing::info!(
            records,
            seconds = started.elapsed().as_secs_f64(),
            "imported O*NET 29.3 and BLS wages"
        );
    }
    import_area_wages(db).await
}

/// What the database holds of one shipped source.
enum Shipped {
    /// Not imported: the first start's bootstrap imports it, not audited.
    Absent,
    /// Imported by an older build (its source has no `as_of`): imported again once, audited
    /// as `startup`, so the database gains what this build adds (the May 2025 profiles).
    FromOlderBuild,
    /// Imported by this build.
    Current,
}

impl Shipped {
    /// The state of source `key`.
    async fn of(db: &DatabaseConnection, key: &str) -> anyhow::Result<Self> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let source = entity::source::Entity::find()
            .filter(entity::source::Column::Key.eq(key))
            .one(db)
            .await?;
        Ok(match source {
            None => Self::Absent,
            Some(s) if s.as_of.is_none() => {
                tracing::info!(
                    source = key,
                    "refreshing shipped data an older build imported"
                );
                Self::FromOlderBuild
            }
            Some(_) => Self::Current,
        })
    }

    /// `Some(actor)` when it is to be imported (`None` actor: not audited).
    fn importer(self) -> Option<Option<&'static str>> {
        match self {
            Self::Absent => Some(None),
            Self::FromOlderBuild => Some(Some("startup")),
            Self::Current => None,
        }
    }
}

/// Imports the shipped BLS OEWS May 2025 by-area wages unless the database has them: part of
/// the O*NET import step (`IMPORT_ONET_ON_START`), after O*NET.
async fn import_area_wages(db: &DatabaseConnection) -> anyhow::Result<()> {
    if let Some(actor) = Shipped::of(db, seed::onet::AREA_SOURCE).await?.importer() {
        let started = std::time::Instant::now();
        let report =
            seed::onet::import_areas_by(db, &seed::onet::AreaPaths::shipped(), false, actor)
                .await?;
        tracing::info!(
            areas = report.areas,
            area_wages = report.area_wages,
            ms = started.elapsed().as_millis() as u64,
            "imported BLS OEWS May 2025 by area"
        );
    }
    Ok(())
}

impl Application {
    /// Connects, migrates, seeds if empty, and binds the listener (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let started = std::time::Instant::now();
        let statements = Arc::new(AtomicU64::new(0));
        let db = connect_with_retry(&config.database, statements.clone()).await?;
        let connect_ms = started.elapsed().as_millis() as u64;
        prepare_database(&db, &config.data).await?;
        tracing::info!(
            connect_ms,
            total_ms = started.elapsed().as_millis() as u64,
            "database connected, migrated and loaded"
        );
        let store = Arc::new(ModelStore::new());
        store.rebuild(&db).await?;
        crate::model::watch::spawn(store.clone(), db.clone(), config.database.is_in_memory());
        let state = AppState::new(config, db, store, Metrics::new(statements.clone()))?;
        let schema = build_schema(state.clone());
        let mcp = web::Data::new(McpEndpoint::new(
            CareerTools::new(schema.clone(), state.clone())?,
            &state,
        ));
        let schema = web::Data::new(schema);
        let server = &state.config.server;
        let listener = TcpListener::bind((server.host.as_str(), server.port))
            .with_context(|| format!("cannot listen on {}:{}", server.host, server.port))?;
        let port = listener.local_addr()?.port();
        let shutdown_timeout = server.shutdown_timeout_secs;
        let state = web::Data::new(state);
        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(limits::rate_limit))
                .wrap(from_fn(telemetry::request_id_header))
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(schema.clone())
                .app_data(mcp.clone())
                // Our handlers read the payload themselves and answer 413 with a GraphQL body.
                .app_data(web::PayloadConfig::new(usize::MAX))
                .configure(routes::configure)
        })
        .shutdown_timeout(shutdown_timeout)
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            statements,
        })
    }

    /// A handle that stops the server: `stop(true)` is what SIGTERM/SIGINT do (stop accepting,
    /// let in-flight requests finish within `SHUTDOWN_TIMEOUT_SECS`).
    pub fn stop_handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to the count of SQL statements executed so far (for N+1 tests and metrics).
    pub fn statement_counter(&self) -> Arc<AtomicU64> {
        self.statements.clone()
    }

    /// Serves until the server is stopped (SIGINT/SIGTERM stop it gracefully).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
