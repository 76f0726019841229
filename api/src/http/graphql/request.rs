//! Reading a GraphQL request: the response type the client accepts, the body up to its
//! limit, the JSON shape of one request or a batch, and the refusals when any is wrong.

use super::*;

/// The media type of the response, chosen from the request's `Accept` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Media {
    /// `application/graphql-response+json`: request errors get 400 and no `data`.
    GraphqlResponse,
    /// `application/json` (also for `*/*` and no `Accept` at all).
    Json,
}

impl Media {
    pub(super) fn content_type(self) -> &'static str {
        match self {
            Self::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// [`negotiate`], counting a refusal (406) in the metrics.
pub(super) fn accepted(request: &HttpRequest, metrics: &Metrics) -> Option<Media> {
    let media = negotiate(request);
    if media.is_none() {
        metrics.record_rejection("not_acceptable");
    }
    media
}

pub(super) fn not_acceptable() -> HttpResponse {
    HttpResponse::NotAcceptable()
        .content_type("text/plain; charset=utf-8")
        .body("responses are application/graphql-response+json or application/json")
}

/// Picks the response type; `None` when the client accepts neither JSON type.
pub(super) fn negotiate(request: &HttpRequest) -> Option<Media> {
    let Some(accept) = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return Some(Media::Json);
    };
    let mut json = false;
    for item in accept.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let media = parts.next().unwrap_or_default().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        match media.as_str() {
            "application/graphql-response+json" => return Some(Media::GraphqlResponse),
            "application/json" | "application/*" | "*/*" => json = true,
            _ => {}
        }
    }
    json.then_some(Media::Json)
}

/// A request-level error: status, code and message in a GraphQL-shaped body.
pub(super) fn request_error(
    media: Media,
    status: StatusCode,
    code: &str,
    message: &str,
) -> HttpResponse {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    HttpResponse::build(status)
        .content_type(media.content_type())
        .body(body.to_string())
}

/// A request refused before GraphQL ran: a [`request_error`] whose code names the status,
/// counted in the metrics by that code.
pub(super) fn reject(
    metrics: &Metrics,
    media: Media,
    status: StatusCode,
    message: &str,
) -> HttpResponse {
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "PAYLOAD_TOO_LARGE",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "UNSUPPORTED_MEDIA_TYPE",
        StatusCode::URI_TOO_LONG => "URI_TOO_LONG",
        _ => "BAD_REQUEST",
    };
    metrics.record_rejection(&code.to_ascii_lowercase());
    request_error(media, status, code, message)
}

/// Checks the shape of one JSON request object and turns it into a GraphQL request.
pub(super) fn parse_request(value: Value) -> Result<Request, String> {
    let Value::Object(mut object) = value else {
        return Err("the body must be a JSON object with a `query` string".into());
    };
    let query = match object.remove("query") {
        Some(Value::String(query)) => query,
        Some(_) => return Err("`query` must be a string".into()),
        None => return Err("`query` is missing".into()),
    };
    let mut request = Request::new(query);
    match object.remove("variables") {
        None | Some(Value::Null) => {}
        Some(v @ Value::Object(_)) => {
            request = request.variables(Variables::from_json(v));
        }
        Some(_) => return Err("`variables` must be an object".into()),
    }
    match object.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(_) => return Err("`operationName` must be a string".into()),
    }
    match object.remove("extensions") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (key, value) in map {
                let value = async_graphql::Value::from_json(value)
                    .map_err(|_| "`extensions` must hold JSON values".to_owned())?;
                request.extensions.insert(key, value);
            }
        }
        Some(_) => return Err("`extensions` must be an object".into()),
    }
    Ok(request)
}

/// Refuses a batch that is larger than `max_batch` (or any batch when batching is off).
pub(super) fn check_batch_size(
    batch: BatchRequest,
    max_batch: usize,
) -> Result<BatchRequest, String> {
    match &batch {
        BatchRequest::Batch(_) if max_batch == 0 => Err("batched requests are turned off".into()),
        BatchRequest::Batch(items) if items.is_empty() || items.len() > max_batch => {
            Err(format!("a batch holds 1 to {max_batch} operations"))
        }
        _ => Ok(batch),
    }
}

/// Parses a JSON body: one request object, or an array of them when batching is on.
pub(super) fn parse_json(body: &[u8], max_batch: usize) -> Result<BatchRequest, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    match value {
        Value::Array(items) => {
            if max_batch == 0 {
                return Err("batched requests are turned off".into());
            }
            if items.len() > max_batch {
                return Err(format!("a batch holds 1 to {max_batch} operations"));
            }
            let requests = items
                .into_iter()
                .map(parse_request)
                .collect::<Result<Vec<_>, _>>()?;
            check_batch_size(BatchRequest::Batch(requests), max_batch)
        }
        other => parse_request(other).map(BatchRequest::Single),
    }
}

/// The caller named by the request's `Authorization` header.
pub fn caller(request: &HttpRequest, tokens: &TokenSet) -> Caller {
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    tokens.caller(header)
}

/// Reads the body up to `limit` bytes; `Err(())` when it is larger.
pub(crate) async fn read_body(
    mut payload: web::Payload,
    limit: usize,
) -> Result<Result<Vec<u8>, ()>, String> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| format!("cannot read the body: {e}"))?;
        if body.len() + chunk.len() > limit {
            return Ok(Err(()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Ok(body))
}
