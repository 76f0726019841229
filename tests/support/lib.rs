//! Test support: spawn the real server on port 0 against a fresh database and talk to it
//! over HTTP.
//!
//! SQLite tests always run. PostgreSQL tests run when `TEST_DATABASE_URL` points at a
//! server (an admin URL such as `postgres://postgres@127.0.0.1:5432/postgres`); each test
//! creates and drops its own database. With `REQUIRE_POSTGRES=1` (set by `.ci/run`) a
//! missing `TEST_DATABASE_URL` fails the test instead of skipping it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use api::config::Config;
use api::startup::Application;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique_name() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "career_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos % 1_000_000_000
    )
}

/// A fresh, empty database that is removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A new empty database, or `None` when PostgreSQL is not configured (and not required).
    pub async fn create(backend: Backend) -> Option<Self> {
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                Some(Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    backend,
                    cleanup: Cleanup::File(path),
                })
            }
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
                    assert!(
                        std::env::var("REQUIRE_POSTGRES").is_err(),
                        "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not"
                    );
                    eprintln!("skipping PostgreSQL test: TEST_DATABASE_URL is not set");
                    return None;
                };
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect to TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                Some(Self {
                    url: format!("{base}/{name}"),
                    backend,
                    cleanup: Cleanup::Postgres { admin_url, name },
                })
            }
        }
    }

    /// A new connection to this database (for checks beside the server).
    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: do the async cleanup on its own thread.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    rt.block_on(async {
                        if let Ok(admin) = Database::connect(&admin_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                            let _ = admin.execute_unprepared(&sql).await;
                        }
                    });
                    Ok::<_, std::io::Error>(())
                })
                .join();
            }
        }
    }
}

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub statements: Arc<AtomicU64>,
    pub database: TestDatabase,
    pub backend: Backend,
    /// Stops the server (graceful: in-flight requests finish).
    pub stop: api::startup::ServerHandle,
}

impl TestApp {
    /// Server on a fresh database loaded with the built-in dataset.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, true).await
    }

    /// Server on a fresh database; `seed` says whether the built-in dataset is loaded.
    pub async fn spawn_with(backend: Backend, seed: bool) -> Option<Self> {
        Self::spawn_configured(backend, |config| config.data.seed_on_start = seed).await
    }

    /// Server on a fresh database with the configuration adjusted by `adjust`.
    pub async fn spawn_configured(
        backend: Backend,
        adjust: impl FnOnce(&mut Config),
    ) -> Option<Self> {
        let database = TestDatabase::create(backend).await?;
        Self::spawn_on(database, adjust).await
    }

    /// Server on `database` (its URL possibly rewritten by `adjust`).
    pub async fn spawn_on(
        database: TestDatabase,
        adjust: impl FnOnce(&mut Config),
    ) -> Option<Self> {
        let backend = database.backend;
        let mut config = Config::for_database(database.url.clone());
        adjust(&mut config);
        let app = Application::build(config).await.expect("build application");
        let address = format!("http://127.0.0.1:{}", app.port());
        let statements = app.statement_counter();
        let stop = app.stop_handle();
        tokio::spawn(app.run_until_stopped());
        Some(Self {
            address,
            client: reqwest::Client::new(),
            statements,
            database,
            backend,
            stop,
        })
    }

    /// Server on a fresh seeded database with an admin token ([`ADMIN_TOKEN`], id `ops`) and a
    /// read-only token ([`READ_TOKEN`], id `viewer`) configured.
    pub async fn spawn_with_tokens(backend: Backend) -> Option<Self> {
        Self::spawn_tokens(backend, true).await
    }

    /// Like [`TestApp::spawn_with_tokens`]; `seed` says whether the built-in dataset is loaded.
    pub async fn spawn_tokens(backend: Backend, seed: bool) -> Option<Self> {
        let admin = hex::encode(api::auth::hash_token(ADMIN_TOKEN));
        let read = hex::encode(api::auth::hash_token(READ_TOKEN));
        Self::spawn_configured(backend, |c| {
            c.auth.admin_tokens = format!("ops:admin:{admin},viewer:read:{read}");
            c.data.seed_on_start = seed;
        })
        .await
    }

    /// Waits until the server answers from the database's current data version: writes made
    /// beside the server (the `seed` CLI, another replica) reach its read model through the
    /// change watcher (LISTEN/NOTIFY on PostgreSQL, `PRAGMA data_version` polling on SQLite)
    /// within a second in release builds (see BENCHMARKS.md); a debug build rebuilding the
    /// full O*NET model on a loaded CI machine takes longer, so this allows 60 s before failing.
    /// Returns the version.
    pub async fn settle(&self) -> i64 {
        use sea_orm::EntityTrait;
        let db = self.database.connect().await;
        let version = entity::data_version::Entity::find_by_id(1)
            .one(&db)
            .await
            .expect("read data version")
            .map_or(0, |row| row.version);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let seen = self.data("{ dataVersion }", json!({})).await["dataVersion"]
                .as_i64()
                .expect("dataVersion");
            if seen >= version {
                return seen;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server still answers from version {seen}, the database is at {version}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Loads `dataset` beside the server (as the `seed` CLI would) and waits until the server
    /// answers from it; returns the new data version.
    pub async fn load_beside(&self, dataset: &seed::Dataset) -> i64 {
        let db = self.database.connect().await;
        seed::load(&db, dataset, seed::LoadOptions::default())
            .await
            .expect("load the dataset");
        self.settle().await
    }

    /// POSTs a GraphQL request with an optional bearer token; returns the whole body.
    pub async fn post_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("send request");
        response.json().await.expect("JSON body")
    }

    /// Runs an admin request that must succeed; returns `data`.
    pub async fn admin_data(&self, query: &str, variables: Value) -> Value {
        let body = self.post_as(Some(ADMIN_TOKEN), query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// The whole dataset as `exportDataset` returns it.
    pub async fn export(&self) -> Value {
        self.admin_data("{ exportDataset }", json!({})).await["exportDataset"].clone()
    }

    /// POSTs a GraphQL request (no token) and returns the whole response body.
    pub async fn post(&self, query: &str, variables: Value) -> Value {
        self.post_as(None, query, variables).await
    }

    /// Runs a query that must succeed; returns `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// Runs a query that must fail; returns the first error.
    pub async fn error(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        body["errors"][0].clone()
    }

    /// GETs a path; returns status and body text.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("send request");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }
}

/// The admin token of [`TestApp::spawn_with_tokens`].
pub const ADMIN_TOKEN: &str = "test-admin-token";
/// The read-only token of [`TestApp::spawn_with_tokens`].
pub const READ_TOKEN: &str = "test-read-token";

/// Like [`on_both_databases`] with a server from [`TestApp::spawn_with_tokens`].
#[macro_export]
macro_rules! with_tokens {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::TestApp::spawn_with_tokens($crate::Backend::Sqlite).await;
                super::$name(app.expect("sqlite")).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::TestApp::spawn_with_tokens($crate::Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )+};
}

/// Defines `$name::sqlite` and `$name::postgres` tests running `async fn $name(TestApp)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::TestApp::spawn($crate::Backend::Sqlite).await.expect("sqlite");
                super::$name(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )+};
}

/// Defines `$name::sqlite` and `$name::postgres` running `async fn $name(Backend)`, for tests
/// that start their own servers (with adjusted configuration).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::Backend::Postgres).await;
            }
        }
    )+};
}

/// Like [`on_both_databases`] but the test gets an empty [`TestDatabase`] and its backend.
#[macro_export]
macro_rules! on_both_empty_databases {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::TestDatabase::create($crate::Backend::Sqlite).await.expect("sqlite");
                super::$name(db, $crate::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = $crate::TestDatabase::create($crate::Backend::Postgres).await {
                    super::$name(db, $crate::Backend::Postgres).await;
                }
            }
        }
    )+};
}

/// Asserts `err` is a validation error naming this file, record and field, whose message
/// mentions `mentions`.
pub fn assert_invalid(
    err: &seed::SeedError,
    file: &str,
    record: &str,
    field: &str,
    mentions: &str,
) {
    match err {
        seed::SeedError::Invalid {
            file: f,
            record: r,
            field: c,
            message,
        } => {
            assert_eq!((f.as_str(), r.as_str(), c.as_str()), (file, record, field));
            assert!(message.contains(mentions), "{message}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// A TCP proxy in front of a server (e.g. PostgreSQL) that a test can cut and restore, to
/// simulate losing the database while the service runs.
pub struct CuttableProxy {
    /// `127.0.0.1:port` to connect to instead of the target.
    pub address: std::net::SocketAddr,
    state: std::sync::Arc<tokio::sync::watch::Sender<bool>>,
}

impl CuttableProxy {
    /// Starts forwarding connections to `target` (e.g. `127.0.0.1:5432`).
    pub async fn start(target: String) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind proxy");
        let address = listener.local_addr().expect("proxy address");
        let (state, _) = tokio::sync::watch::channel(true);
        let state = std::sync::Arc::new(state);
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                if !*shared.borrow() {
                    continue; // cut: drop the connection at once
                }
                let mut up = shared.subscribe();
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = up.wait_for(|up| !*up) => {} // cut: drop both sides
                    }
                });
            }
        });
        Self { address, state }
    }

    /// Drops every open connection and refuses new ones.
    pub fn cut(&self) {
        self.state.send_replace(false);
    }

    /// Forwards again.
    pub fn restore(&self) {
        self.state.send_replace(true);
    }
}
