//! HTTP routes: GraphQL endpoint, MCP endpoint, the browser pages (`pages`: explorer and GraphiQL), landing
//! page, health, readiness and metrics.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use sea_orm::DatabaseBackend;

use super::metrics::PoolState;
use super::{graphql, mcp, pages};
use crate::state::AppState;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql::post))
        .route("/graphql", web::get().to(graphql::get))
        .route("/mcp", web::post().to(mcp::handle))
        .route("/mcp", web::get().to(mcp::handle))
        .route("/mcp", web::delete().to(mcp::handle))
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready))
        .route("/metrics", web::get().to(metrics))
        .route("/", web::get().to(index))
        .configure(pages::configure);
}

/// Open, idle and maximum connections of a pool.
fn pool_state<DB: sea_orm::sqlx::Database>(pool: &sea_orm::sqlx::Pool<DB>) -> PoolState {
    PoolState {
        open: pool.size(),
        idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
        max: pool.options().get_max_connections(),
    }
}

/// Prometheus metrics in the text exposition format.
async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let db = &state.db;
    let pool = match db.get_database_backend() {
        DatabaseBackend::Postgres => pool_state(db.get_postgres_connection_pool()),
        DatabaseBackend::Sqlite => pool_state(db.get_sqlite_connection_pool()),
        _ => PoolState::default(),
    };
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(state.store.version(), pool))
}

async fn index() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            "<!doctype html><title>Career knowledge service</title>\
         <h1>Career knowledge service</h1>\
         <p>GraphQL endpoint: <code>/graphql</code>. \
         Explore it in <a href=\"/graphiql\">GraphiQL</a>, or plan a career move in the \
         <a href=\"/explore\">career explorer</a>. AI assistants connect to the MCP endpoint \
         <code>/mcp</code> (Streamable HTTP).</p>",
        )
}

/// Liveness: the process answers.
async fn health() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// Readiness: the database answers within a second.
async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match tokio::time::timeout(Duration::from_secs(1), state.db.ping()).await {
        Ok(Ok(())) => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
        Err(_) => {
            tracing::warn!("readiness check timed out");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
