//! Holds the current graph snapshot and replaces it when the data version moves on.
//!
//! Every write bumps `data_version` in the same transaction. A reader compares versions
//! (one cheap query) and rebuilds only when the data moved on; concurrent readers share that
//! one rebuild.

use std::sync::{Arc, RwLock};

use sea_orm::DatabaseConnection;

use super::snapshot::{GraphParts, GraphSnapshot};
use crate::error::{ApiError, ApiResult};
use crate::service;

/// The shared snapshot holder.
pub struct GraphStore {
    current: RwLock<Arc<GraphSnapshot>>,
    rebuilding: tokio::sync::Mutex<()>,
}

impl Default for GraphStore {
    fn default() -> Self {
        Self::new()
    }
}

impl GraphStore {
    /// An empty store; the first read builds the snapshot.
    pub fn new() -> Self {
        let empty = GraphSnapshot::build(GraphParts {
            version: -1,
            ..GraphParts::default()
        });
        Self {
            current: RwLock::new(Arc::new(empty)),
            rebuilding: tokio::sync::Mutex::new(()),
        }
    }

    /// Data version of the installed snapshot (-1 before the first build).
    pub fn version(&self) -> i64 {
        self.current().map_or(-1, |g| g.version)
    }

    fn current(&self) -> ApiResult<Arc<GraphSnapshot>> {
        self.current
            .read()
            .map(|guard| guard.clone())
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("graph snapshot lock poisoned")))
    }

    /// A snapshot at least as new as the data version at the time of the call.
    ///
    /// Readers of an up-to-date snapshot never wait. After a write from outside this process
    /// (e.g. the `seed` CLI), the first reader rebuilds; readers arriving meanwhile wait for
    /// that one rebuild instead of starting their own or answering from stale data.
    pub async fn snapshot(&self, db: &DatabaseConnection) -> ApiResult<Arc<GraphSnapshot>> {
        let version = service::career::data_version(db).await?;
        let current = self.current()?;
        if current.version >= version {
            return Ok(current);
        }
        let _guard = self.rebuilding.lock().await;
        let current = self.current()?;
        if current.version >= version {
            return Ok(current);
        }
        self.rebuild(db).await
    }

    /// Rebuilds from the database now and installs the result.
    pub async fn rebuild(&self, db: &DatabaseConnection) -> ApiResult<Arc<GraphSnapshot>> {
        let fresh = Arc::new(GraphSnapshot::build(
            service::career::graph_parts(db).await?,
        ));
        let mut slot = self
            .current
            .write()
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("graph snapshot lock poisoned")))?;
        if fresh.version >= slot.version {
            *slot = fresh.clone();
        }
        tracing::info!(
            version = fresh.version,
            roles = fresh.roles.len(),
            moves = fresh.edges.len(),
            "graph snapshot built"
        );
        Ok(fresh)
    }
}
