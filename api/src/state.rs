//! The one app state: built once at start, registered once as actix app data and once as
//! GraphQL schema data. HTTP handlers, middleware and resolvers take what they need from it.

use std::ops::Deref;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::TokenSet;
use crate::config::Config;
use crate::http::cache::ResponseCache;
use crate::http::limits::RateLimit;
use crate::http::metrics::Metrics;
use crate::model::ModelStore;

/// Everything the service shares between requests. Cheap to clone: one `Arc`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of [`AppState`].
pub struct Shared {
    /// The configuration the service was started with (limits included).
    pub config: Config,
    /// The database, for writes and readiness.
    pub db: DatabaseConnection,
    /// The read model every query answers from.
    pub store: Arc<ModelStore>,
    /// The Prometheus metrics.
    pub metrics: Metrics,
    /// The admin and read tokens.
    pub tokens: TokenSet,
    /// Answers already given at the current data version.
    pub cache: ResponseCache,
    /// The per-client-IP limiter of `/graphql` and `/mcp`.
    pub rate_limit: RateLimit,
}

impl AppState {
    /// The state for `config` over a connected database and a built store; fails when
    /// `ADMIN_TOKENS` does not parse.
    pub fn new(
        config: Config,
        db: DatabaseConnection,
        store: Arc<ModelStore>,
        metrics: Metrics,
    ) -> anyhow::Result<Self> {
        let tokens = TokenSet::parse(&config.auth.admin_tokens)?;
        let cache = ResponseCache::new(config.cache.response_cache_mb);
        let rate_limit = RateLimit::new(
            config.rate_limit.rate_limit_per_minute,
            config.rate_limit.rate_limit_loopback,
        );
        Ok(Self(Arc::new(Shared {
            config,
            db,
            store,
            metrics,
            tokens,
            cache,
            rate_limit,
        })))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
