//! HTTP routes: GraphQL endpoint, GraphiQL, landing page, health and readiness.

use std::time::Duration;

use actix_web::http::header;
use actix_web::{Either, HttpRequest, HttpResponse, web};
use async_graphql::http::GraphiQLSource;
use async_graphql_actix_web::{GraphQLRequest, GraphQLResponse};
use sea_orm::DatabaseConnection;

use crate::auth::{Caller, TokenSet};
use crate::graphql::AppSchema;

/// Registers every route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql))
        .route("/graphql", web::get().to(graphql_get))
        .route("/graphiql", web::get().to(graphiql))
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready))
        .route("/", web::get().to(index));
}

/// The caller named by the request's `Authorization` header.
fn caller(request: &HttpRequest, tokens: &TokenSet) -> Caller {
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    tokens.caller(header)
}

async fn graphql(
    schema: web::Data<AppSchema>,
    tokens: web::Data<TokenSet>,
    http: HttpRequest,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let request = request.into_inner().data(caller(&http, &tokens));
    schema.execute(request).await.into()
}

/// GET runs queries only: a mutation over GET is refused with 405 and `Allow: POST`.
async fn graphql_get(
    schema: web::Data<AppSchema>,
    tokens: web::Data<TokenSet>,
    http: HttpRequest,
    request: GraphQLRequest,
) -> Either<HttpResponse, GraphQLResponse> {
    let request = request.into_inner();
    let is_mutation = async_graphql::parser::parse_query(&request.query).is_ok_and(|doc| {
        doc.operations
            .iter()
            .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation)
    });
    if is_mutation {
        return Either::Left(
            HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, "POST"))
                .content_type("text/plain")
                .body("mutations must be sent with POST"),
        );
    }
    let request = request.data(caller(&http, &tokens));
    Either::Right(schema.execute(request).await.into())
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
