//! Notices writes made by other processes (another api replica, the `seed` CLI) without a
//! query per request, and rebuilds the read model:
//!
//! - PostgreSQL: every commit that changes `data_version` sends `NOTIFY career_data_version`
//!   (a trigger, see the migration); each replica `LISTEN`s on a dedicated connection. When
//!   that connection is lost, the listener reconnects and re-reads the version, since
//!   notifications sent meanwhile are lost.
//! - SQLite: `PRAGMA data_version` (which changes when another connection commits) is polled
//!   every [`SQLITE_POLL`] on a dedicated connection; the version table is read only when it
//!   changed.
//!
//! Staleness after an outside write is therefore the poll interval (SQLite) or the
//! notification latency (PostgreSQL) plus one model build: well under a second at O*NET size.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx;
use sea_orm::{DatabaseBackend, DatabaseConnection};

use super::ModelStore;

/// The channel writers notify (see the `data_version` trigger migration).
pub const CHANNEL: &str = "career_data_version";

/// How often SQLite's `PRAGMA data_version` is polled.
pub const SQLITE_POLL: Duration = Duration::from_millis(200);

/// Wait before retrying after the database could not be reached.
const RETRY: Duration = Duration::from_secs(1);

/// Starts watching for outside writes in the background (no-op for an in-memory SQLite
/// database, which no other process can write).
pub fn spawn(store: Arc<ModelStore>, db: DatabaseConnection, in_memory: bool) {
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            tokio::spawn(watch_postgres(store, db));
        }
        DatabaseBackend::Sqlite if !in_memory => {
            tokio::spawn(watch_sqlite(store, db));
        }
        _ => {}
    }
}

/// Rebuilds when `version` is newer than the model; false when that failed (retry later).
async fn refresh(store: &ModelStore, db: &DatabaseConnection, version: i64) -> bool {
    match store.refresh_if_newer(db, version).await {
        Ok(true) => {
            tracing::info!(version, "read model refreshed after an outside write");
            true
        }
        Ok(false) => true,
        Err(e) => {
            tracing::warn!(error = ?e, "read model refresh failed; retrying");
            false
        }
    }
}

const VERSION_SQL: &str = "SELECT version FROM data_version WHERE id = 1";

async fn pg_version(pool: &sqlx::PgPool) -> Result<i64, sqlx::Error> {
    let version: Option<i64> = sqlx::query_scalar(VERSION_SQL).fetch_optional(pool).await?;
    Ok(version.unwrap_or(0))
}

async fn sqlite_version(conn: &mut sqlx::SqliteConnection) -> Result<i64, sqlx::Error> {
    let version: Option<i64> = sqlx::query_scalar(VERSION_SQL).fetch_optional(conn).await?;
    Ok(version.unwrap_or(0))
}

async fn watch_postgres(store: Arc<ModelStore>, db: DatabaseConnection) {
    let pool = db.get_postgres_connection_pool().clone();
    loop {
        let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(listener) => listener,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for data changes; retrying");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "LISTEN failed; retrying");
            tokio::time::sleep(RETRY).await;
            continue;
        }
        // Writes between the last build and LISTEN would otherwise go unnoticed.
        let mut pending = true;
        loop {
            if pending {
                pending = match pg_version(&pool).await {
                    Ok(version) => !refresh(&store, &db, version).await,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot read the data version");
                        true
                    }
                };
            }
            // While a refresh is pending, wake up to retry it even without a notification.
            let next = if pending {
                match tokio::time::timeout(RETRY, listener.try_recv()).await {
                    Ok(next) => next,
                    Err(_) => continue,
                }
            } else {
                listener.try_recv().await
            };
            match next {
                Ok(Some(notification)) => {
                    pending = match notification.payload().parse::<i64>() {
                        Ok(version) => !refresh(&store, &db, version).await,
                        // Not ours to interpret: re-read the version.
                        Err(_) => true,
                    };
                }
                // The connection was lost: notifications may have been missed.
                Ok(None) => {
                    tracing::warn!("data-change listener reconnected");
                    pending = true;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "data-change listener failed; reconnecting");
                    tokio::time::sleep(RETRY).await;
                    break;
                }
            }
        }
    }
}

async fn watch_sqlite(store: Arc<ModelStore>, db: DatabaseConnection) {
    let pool = db.get_sqlite_connection_pool().clone();
    let mut last: Option<i64> = None;
    loop {
        let conn = match pool.acquire().await {
            Ok(conn) => conn,
            Err(e) => {
                tracing::warn!(error = %e, "cannot watch for data changes; retrying");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        // Holds its own connection: `PRAGMA data_version` is per connection.
        let mut conn = conn.detach();
        loop {
            let seen: Result<i64, _> = sqlx::query_scalar("PRAGMA data_version")
                .fetch_one(&mut conn)
                .await;
            match seen {
                Ok(seen) if last != Some(seen) => {
                    // Remembered only once the model caught up, so a failed rebuild is retried.
                    let done = match sqlite_version(&mut conn).await {
                        Ok(version) => refresh(&store, &db, version).await,
                        Err(e) => {
                            tracing::warn!(error = %e, "cannot read the data version");
                            false
                        }
                    };
                    if done {
                        last = Some(seen);
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "data-change poll failed; reconnecting");
                    tokio::time::sleep(RETRY).await;
                    break;
                }
            }
            tokio::time::sleep(SQLITE_POLL).await;
        }
        drop(conn);
    }
}
