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

/// Applies migrations, then brings the database to the shipped state the configuration asks
/// for ([`seed::bootstrap`], the same policy as the CLI's `seed bootstrap`).
pub async fn prepare_database(db: &DatabaseConnection, config: &DataLoading) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("applying migrations")?;
    let policy = seed::bootstrap::Policy {
        curated: config.seed_on_start,
        shipped_imports: config.import_onet_on_start,
        actor: "startup",
    };
    seed::bootstrap::bootstrap(db, policy)
        .await
        .context("loading the shipped data (IMPORT_ONET_ON_START=false skips O*NET and BLS)")?;
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
