//! Builds the application: database, migrations, first-start seeding, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use anyhow::Context as _;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use tracing_actix_web::TracingLogger;

use crate::auth::TokenSet;
use crate::career::GraphStore;
use crate::config::Config;
use crate::graphql::build_schema;
use crate::routes;
use crate::service;

/// A built, bound, not yet running service.
pub struct Application {
    port: u16,
    server: Server,
    statements: Arc<AtomicU64>,
}

/// Connects to the database, counting every statement into `statements`.
pub async fn connect(
    config: &Config,
    statements: Arc<AtomicU64>,
) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(&config.database_url);
    let in_memory =
        config.database_url.contains(":memory:") || config.database_url.contains("mode=memory");
    // Each pooled connection to an in-memory SQLite database would see its own empty database.
    options
        .max_connections(if in_memory {
            1
        } else {
            config.database_max_connections
        })
        .sqlx_logging(false);
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
pub async fn prepare_database(db: &DatabaseConnection, config: &Config) -> anyhow::Result<()> {
    let seed_on_start = config.seed_on_start;
    Migrator::up(db, None)
        .await
        .context("applying migrations")?;
    if seed_on_start && service::role::count(db).await? == 0 {
        let dataset = seed::Dataset::curated()?;
        let report = seed::load(db, &dataset, seed::LoadOptions::default()).await?;
        let roles = report
            .totals
            .iter()
            .find(|(t, _)| *t == "role")
            .map_or(0, |(_, n)| *n);
        tracing::info!(roles, "loaded the built-in dataset into an empty database");
    }
    if config.import_onet_on_start
        && service::catalog::source_by_key(db, seed::onet::ONET_SOURCE)
            .await
            .is_err()
    {
        let report = seed::onet::import(db, &seed::onet::ImportPaths::shipped(), false).await?;
        tracing::info!(%report, "imported O*NET 29.3 and BLS OEWS May 2024");
    }
    Ok(())
}

impl Application {
    /// Connects, migrates, seeds if empty, and binds the listener (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let statements = Arc::new(AtomicU64::new(0));
        let db = connect(&config, statements.clone()).await?;
        prepare_database(&db, &config).await?;
        let graph = Arc::new(GraphStore::new());
        graph.rebuild(&db).await?;
        let schema = build_schema(db.clone(), graph);
        let tokens = TokenSet::parse(&config.admin_tokens)?;
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .with_context(|| format!("cannot listen on {}:{}", config.host, config.port))?;
        let port = listener.local_addr()?.port();
        let server = HttpServer::new(move || {
            App::new()
                .wrap(TracingLogger::default())
                .app_data(web::Data::new(schema.clone()))
                .app_data(web::Data::new(db.clone()))
                .app_data(web::Data::new(tokens.clone()))
                .configure(routes::configure)
        })
        .listen(listener)?
        .run();
        Ok(Self {
            port,
            server,
            statements,
        })
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
