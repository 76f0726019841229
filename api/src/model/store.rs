//! Holds the current read model and swaps in a new one when the data version moves on.
//!
//! Readers take the current model with one atomic load and never wait; a request keeps the
//! model it took for its whole run, so it never mixes two versions. Writers (admin mutations)
//! rebuild before they return; writes from other processes are noticed by [`super::watch`].

use std::sync::Arc;

use arc_swap::ArcSwap;
use sea_orm::DatabaseConnection;

use super::ReadModel;
use crate::error::ApiResult;

/// The shared holder of the current [`ReadModel`].
pub struct ModelStore {
    current: ArcSwap<ReadModel>,
    rebuilding: tokio::sync::Mutex<()>,
}

impl Default for ModelStore {
    fn default() -> Self {
        Self::new()
    }
}

impl ModelStore {
    /// An empty store (version -1) until the first build.
    pub fn new() -> Self {
        Self {
            current: ArcSwap::from_pointee(ReadModel {
                version: -1,
                ..ReadModel::default()
            }),
            rebuilding: tokio::sync::Mutex::new(()),
        }
    }

    /// The current model (one atomic load).
    pub fn current(&self) -> Arc<ReadModel> {
        self.current.load_full()
    }

    /// Data version of the current model (-1 before the first build).
    pub fn version(&self) -> i64 {
        self.current.load().version
    }

    /// Rebuilds from the database now and installs the result unless a newer model was
    /// installed meanwhile; returns the installed model. Concurrent rebuilds run one at a time.
    pub async fn rebuild(&self, db: &DatabaseConnection) -> ApiResult<Arc<ReadModel>> {
        let _guard = self.rebuilding.lock().await;
        self.load_and_install(db).await
    }

    /// Rebuilds when the database's data version is newer than the model's `version`.
    /// Returns true when it rebuilt.
    pub async fn refresh_if_newer(&self, db: &DatabaseConnection, version: i64) -> ApiResult<bool> {
        if version <= self.version() {
            return Ok(false);
        }
        let _guard = self.rebuilding.lock().await;
        // Another rebuild may have caught up while this one waited for the lock.
        if version <= self.version() {
            return Ok(false);
        }
        self.load_and_install(db).await?;
        Ok(true)
    }

    /// Reads a model and installs it unless the current one is newer (caller holds the lock);
    /// then starts reading its area wages unless it shares them with the model it replaces.
    async fn load_and_install(&self, db: &DatabaseConnection) -> ApiResult<Arc<ReadModel>> {
        let previous = self.current.load_full();
        let fresh = Arc::new(super::load(db, Some(&previous.places)).await?);
        let current = self.current.load_full();
        if fresh.version >= current.version {
            self.current.store(fresh.clone());
            fresh.places.prefetch();
            Ok(fresh)
        } else {
            Ok(current)
        }
    }
}
