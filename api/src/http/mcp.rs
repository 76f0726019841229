//! `/mcp`: the MCP Streamable HTTP transport on the service's own port.
//!
//! The transport is rmcp's own `StreamableHttpService` (a tower service over `http` 1.x types),
//! driven from an actix handler: the request body is read here under the same `MAX_BODY_BYTES`
//! as `/graphql`, handed to rmcp with its method, URI and headers, and rmcp's response (JSON or
//! an SSE stream) is streamed back. The rate limit and request ids of the app's middleware
//! apply as to every route. rmcp keeps the whole protocol (version negotiation, the 2026-07-28
//! stateless requests and the older `initialize` handshake, Host and Origin checks); the
//! service runs stateless (no sessions), so any replica can answer any request.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use http_body_util::{BodyExt, Full};
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use serde_json::json;

use super::graphql::read_body;
use crate::mcp::CareerTools;
use crate::state::AppState;

/// The mounted MCP service.
#[derive(Clone)]
pub struct McpEndpoint {
    service: StreamableHttpService<CareerTools, NeverSessionManager>,
}

impl McpEndpoint {
    /// The endpoint for `tools`, answering the hosts `state.config.mcp` allows.
    pub fn new(tools: CareerTools, state: &AppState) -> Self {
        let config = StreamableHttpServerConfig::default()
            .with_legacy_session_mode(false)
            .with_json_response(true)
            .with_allowed_hosts(state.config.mcp.allowed_hosts())
            .with_max_request_body_bytes(state.config.http.max_body_bytes);
        let service = StreamableHttpService::new(
            move || Ok(tools.clone()),
            std::sync::Arc::new(NeverSessionManager::default()),
            config,
        );
        Self { service }
    }
}

/// A JSON-RPC error answer without an id (the request could not be read).
fn transport_error(status: StatusCode, message: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("application/json")
        .body(
            json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": { "code": -32600, "message": message },
            })
            .to_string(),
        )
}

/// `POST`, `GET` and `DELETE /mcp`.
pub async fn handle(
    request: HttpRequest,
    payload: web::Payload,
    endpoint: web::Data<McpEndpoint>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let limit = state.config.http.max_body_bytes;
    let body = match read_body(payload, limit).await {
        Ok(Ok(body)) => body,
        Ok(Err(())) => {
            state.metrics.record_rejection("payload_too_large");
            return transport_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {limit} bytes"),
            );
        }
        Err(message) => return transport_error(StatusCode::BAD_REQUEST, message),
    };
    // actix speaks `http` 0.2, rmcp `http` 1.x: carry the parts over as bytes.
    let mut forwarded = ::http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    let Ok(forwarded) = forwarded.body(Full::new(web::Bytes::from(body))) else {
        return transport_error(StatusCode::BAD_REQUEST, "malformed request head".into());
    };
    let (parts, body) = endpoint.service.handle(forwarded).await.into_parts();
    let status = StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::OK);
    let mut response = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        response.append_header((name.as_str(), value.as_bytes()));
    }
    response.streaming(body.into_data_stream())
}
