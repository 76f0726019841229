//! HTTP routes: GraphQL endpoint, GraphiQL, landing page, health and readiness.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use async_graphql::http::GraphiQLSource;
use async_graphql_actix_web::{GraphQLRequest, GraphQLResponse};
use sea_orm::DatabaseConnection;

use crate::graphql::AppSchema;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql))
        .route("/graphql", web::get().to(graphql))
        .route("/graphiql", web::get().to(graphiql))
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready))
        .route("/", web::get().to(index));
}

async fn graphql(schema: web::Data<AppSchema>, request: GraphQLRequest) -> GraphQLResponse {
    schema.execute(request.into_inner()).await.into()
}

async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(GraphiQLSource::build().endpoint("/graphql").finish())
}

async fn index() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            "<!doctype html><title>Career knowledge service</title>\
         <h1>Career knowledge service</h1>\
         <p>GraphQL endpoint: <code>/graphql</code>. \
         Explore it in <a href=\"/graphiql\">GraphiQL</a>.</p>",
        )
}

/// Liveness: the process answers.
async fn health() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// Readiness: the database answers within a second.
async fn ready(db: web::Data<DatabaseConnection>) -> HttpResponse {
    match tokio::time::timeout(Duration::from_secs(1), db.ping()).await {
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
