//! Tracing subscriber set-up: `RUST_LOG` filter, pretty or JSON output.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber. Safe to call more than once (later calls are no-ops).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Returns the request id that `TracingLogger` put on the request's span as an `x-request-id`
/// response header, so a client can quote it, and logs one access line per request inside that
/// span (method, path, GraphQL operation name, status, milliseconds; the request id comes with
/// the span): the one span and line per request, no per-field spans. Probes
/// (`/health`, `/ready`, `/metrics`) log at debug level.
pub async fn request_id_header(
    request: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::HttpMessage;
    use actix_web::http::header::{HeaderName, HeaderValue};
    let id = request
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let method = request.method().to_string();
    let path = request.path().to_owned();
    let started = std::time::Instant::now();
    let mut response = next.call(request).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if matches!(path.as_str(), "/health" | "/ready" | "/metrics") {
        tracing::debug!(%method, %path, status, ms, "request");
    } else {
        let operation = response
            .response()
            .extensions()
            .get::<crate::http::graphql::OperationName>()
            .map(|o| o.0.clone())
            .unwrap_or_default();
        tracing::info!(%method, %path, %operation, status, ms, "request");
    }
    Ok(response)
}
