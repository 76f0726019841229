//! GraphQL over HTTP (the GraphQL-over-HTTP draft spec, audited by `tests/conformance`):
//! content negotiation, status codes, body and batch limits, a per-request timeout, and
//! mutations refused over GET.
//!
//! Status codes: malformed requests (bad JSON, missing or mistyped `query`, `variables`, …) get
//! 400 whatever the client accepts. A document that does not parse or validate gets 400 with no
//! `data` entry when the client accepts `application/graphql-response+json`, and 200 with
//! `errors` for plain `application/json` clients, as the spec asks. Field errors are 200.

use std::sync::Arc;
use std::time::Instant;

use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use async_graphql::http::MultipartOptions;
use async_graphql::{BatchRequest, BatchResponse, Request, Variables};
use futures_util::StreamExt;
use serde_json::{Value, json};

use super::cache::{Key, Scope as CacheScope};
use super::metrics::Metrics;
use crate::auth::{Caller, Scope, TokenSet};
use crate::graphql::AppSchema;
use crate::graphql::errors::classify;
use crate::model::ReadModel;
use crate::state::AppState;

mod caching;
mod request;

use caching::{answer_again, cache_headers, cache_key};
pub use request::caller;
pub(crate) use request::{Media, read_body};
use request::{accepted, check_batch_size, not_acceptable, parse_json, reject, request_error};

/// What the HTTP layer needs to know of an operation before running it: read from one parse
/// of the document (async-graphql parses it again to run it).
struct Operation {
    /// Metrics label: the selected operation's name, `anonymous`, or `invalid` when the
    /// document does not parse or names no such operation.
    label: String,
    /// The selected operation is a mutation.
    mutation: bool,
}

impl Operation {
    /// Parses the document once; async-graphql reuses the parse to run it.
    fn of(request: &mut Request) -> Self {
        use async_graphql::parser::types::OperationType;
        let wanted = request.operation_name.clone();
        let Ok(doc) = request.parsed_query() else {
            return Self::invalid();
        };
        let selected = doc
            .operations
            .iter()
            .find(|(name, _)| match (&wanted, name) {
                (Some(wanted), Some(name)) => wanted == name.as_str(),
                (Some(_), None) => false,
                (None, _) => true,
            });
        let Some((name, op)) = selected else {
            return Self::invalid();
        };
        // Names in a document are ASCII GraphQL names; 64 bytes keep labels small.
        let mut label = name.map_or_else(|| "anonymous".to_owned(), |n| n.to_string());
        label.truncate(64);
        Self {
            label,
            mutation: op.node.ty == OperationType::Mutation,
        }
    }

    fn invalid() -> Self {
        Self {
            label: "invalid".to_owned(),
            mutation: false,
        }
    }
}

/// `POST /graphql`: `application/json` (one request or a batch) or a GraphQL multipart request.
pub async fn post(
    state: web::Data<AppState>,
    schema: web::Data<AppSchema>,
    http: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    let (metrics, limits) = (&state.metrics, &state.config.http);
    let Some(media) = accepted(&http, metrics) else {
        return not_acceptable();
    };
    let caller = caller(&http, &state.tokens);
    let content_type = http
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.to_ascii_lowercase());
    let Some(content_type) = content_type else {
        return reject(
            metrics,
            media,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as application/json (Content-Type header missing)",
        );
    };
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let multipart = essence == "multipart/form-data";
    if essence != "application/json" && !multipart {
        return reject(
            metrics,
            media,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as application/json or multipart/form-data",
        );
    }
    // Large uploads (dataset imports) only from admin tokens; everyone else gets the body limit.
    let is_admin = matches!(
        caller,
        Caller::Token {
            scope: Scope::Admin,
            ..
        }
    );
    let limit = if multipart && is_admin {
        limits.max_upload_bytes
    } else {
        limits.max_body_bytes
    };
    let declared = http
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        reject(
            metrics,
            media,
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the body exceeds the limit of {limit} bytes"),
        )
    };
    if declared.is_some_and(|n| n > limit) {
        return too_large();
    }
    let body = match read_body(payload, limit).await {
        Ok(Ok(body)) => Bytes::from(body),
        Ok(Err(())) => return too_large(),
        Err(message) => {
            return reject(metrics, media, StatusCode::BAD_REQUEST, &message);
        }
    };
    if body.is_empty() {
        return reject(
            metrics,
            media,
            StatusCode::BAD_REQUEST,
            "the body is empty; send {\"query\": \"…\"}",
        );
    }
    let exchange = Exchange::new(&schema, &state, media, caller, None);
    let key = if multipart {
        None
    } else {
        match exchange.recall(body.clone()) {
            Ok(key) => key,
            Err(answer) => return *answer,
        }
    };
    let batch = if multipart {
        let options = MultipartOptions::default()
            .max_file_size(limit)
            .max_num_files(4);
        async_graphql::http::receive_batch_body(Some(content_type.as_str()), &body[..], options)
            .await
            .map_err(|e| format!("invalid multipart request: {e}"))
            .and_then(|batch| check_batch_size(batch, limits.max_batch))
    } else {
        parse_json(&body, limits.max_batch)
    };
    match batch {
        Ok(batch) => {
            let mut batch = batch;
            let operations = batch.iter_mut().map(Operation::of).collect();
            execute(exchange, key, batch, operations).await
        }
        Err(message) => reject(metrics, media, StatusCode::BAD_REQUEST, &message),
    }
}

/// `GET /graphql?query=…&variables=…`: queries only; a mutation gets 405 with `Allow: POST`.
pub async fn get(
    state: web::Data<AppState>,
    schema: web::Data<AppSchema>,
    http: HttpRequest,
) -> HttpResponse {
    let metrics = &state.metrics;
    let Some(media) = accepted(&http, metrics) else {
        return not_acceptable();
    };
    if http.query_string().len() > state.config.http.max_body_bytes {
        return reject(
            metrics,
            media,
            StatusCode::URI_TOO_LONG,
            "the query string is too long",
        );
    }
    let if_none_match = http
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let caller = caller(&http, &state.tokens);
    let exchange = Exchange::new(&schema, &state, media, caller, if_none_match);
    let key = match exchange.recall(Bytes::copy_from_slice(http.query_string().as_bytes())) {
        Ok(key) => key,
        Err(answer) => return *answer,
    };
    let request = match async_graphql::http::parse_query_string(http.query_string()) {
        Ok(request) => request,
        Err(e) => {
            let message = format!("invalid query string: {e}");
            return reject(metrics, media, StatusCode::BAD_REQUEST, &message);
        }
    };
    let mut request = request;
    let operation = Operation::of(&mut request);
    if operation.mutation {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "POST"))
            .content_type(media.content_type())
            .body(
                json!({ "errors": [{ "message": "mutations must be sent with POST", "extensions": { "code": "METHOD_NOT_ALLOWED" } }] })
                    .to_string(),
            );
    }
    let batch = BatchRequest::Single(request);
    execute(exchange, key, batch, vec![operation]).await
}

/// A GraphQL response without its `data` entry (request errors under
/// `application/graphql-response+json`).
#[derive(serde::Serialize)]
struct ErrorsOnly<'a> {
    errors: &'a [async_graphql::ServerError],
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    extensions: &'a std::collections::BTreeMap<String, async_graphql::Value>,
}

/// One request on its way: what `execute` needs beside the batch.
pub(crate) struct Exchange<'a> {
    schema: &'a AppSchema,
    state: &'a AppState,
    /// The read model the whole request answers from: the current one when it was read.
    model: Arc<ReadModel>,
    media: Media,
    caller: Caller,
    /// The `If-None-Match` header of a GET request.
    if_none_match: Option<String>,
    started: Instant,
}

impl<'a> Exchange<'a> {
    /// A request from `caller`, on the read model current now.
    fn new(
        schema: &'a AppSchema,
        state: &'a AppState,
        media: Media,
        caller: Caller,
        if_none_match: Option<String>,
    ) -> Self {
        Self {
            schema,
            state,
            model: state.store.current(),
            media,
            caller,
            if_none_match,
            started: Instant::now(),
        }
    }

    /// The response-cache key of the raw `request` (body or query string), or `Err` with the
    /// answer already given to it at this data version.
    fn recall(&self, request: Bytes) -> Result<Option<Key>, Box<HttpResponse>> {
        let key = cache_key(&self.caller, self.model.version, request);
        match key.as_ref().and_then(|key| answer_again(self, key)) {
            Some(answer) => Err(Box::new(answer)),
            None => Ok(key),
        }
    }
}

/// Runs a batch (whose `operations` were read already) within the timeout and shapes the
/// HTTP response. A successful query answer is cached under `key` and tagged with its ETag.
async fn execute(
    x: Exchange<'_>,
    key: Option<Key>,
    batch: BatchRequest,
    operations: Vec<Operation>,
) -> HttpResponse {
    let label = operations
        .iter()
        .map(|o| o.label.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut response = run(x, key, batch, &operations).await;
    response.extensions_mut().insert(OperationName(label));
    response
}

/// The operation name(s) of a GraphQL response, for the access log line of its request.
#[derive(Clone, Debug)]
pub struct OperationName(pub String);

async fn run(
    x: Exchange<'_>,
    key: Option<Key>,
    batch: BatchRequest,
    operations: &[Operation],
) -> HttpResponse {
    let names: Vec<&str> = operations.iter().map(|o| o.label.as_str()).collect();
    let started = Instant::now();
    let key = key.filter(|_| matches!(batch, BatchRequest::Single(_)) && !operations[0].mutation);
    let (metrics, limits) = (&x.state.metrics, &x.state.config.http);
    let timeout = if operations.iter().any(|o| o.mutation) {
        limits.mutation_timeout()
    } else {
        limits.timeout()
    };
    let run = x
        .schema
        .execute_batch(batch.data(x.caller).data(x.model.clone()));
    let Ok(response) = tokio::time::timeout(timeout, run).await else {
        for name in &names {
            metrics.record_request(name, "timeout", started.elapsed());
        }
        return request_error(
            x.media,
            StatusCode::SERVICE_UNAVAILABLE,
            "TIMEOUT",
            &format!(
                "the request took longer than {} s; narrow it (fewer items, fewer routes)",
                timeout.as_secs_f64()
            ),
        );
    };
    let elapsed = started.elapsed();
    let mut status = StatusCode::OK;
    let mut headers = Vec::new();
    // Serialized once, straight to bytes, keys in the order the query asked for them.
    let body =
        match response {
            BatchResponse::Single(mut single) => {
                let request_error = classify(&mut single);
                metrics.record_request(names[0], outcome(&single, request_error), elapsed);
                headers.extend(single.http_headers.iter().filter_map(|(k, v)| {
                    Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned()))
                }));
                if request_error && x.media == Media::GraphqlResponse {
                    status = StatusCode::BAD_REQUEST;
                    serde_json::to_vec(&ErrorsOnly {
                        errors: &single.errors,
                        extensions: &single.extensions,
                    })
                } else {
                    let body = serde_json::to_vec(&single);
                    if let (Some(key), Ok(bytes), true) = (key, &body, single.errors.is_empty()) {
                        for (name, value) in cache_headers(&key) {
                            headers.push((name.as_str().to_owned(), value));
                        }
                        let bytes = Bytes::from(bytes.clone());
                        x.state.cache.put(key, names[0], bytes.clone());
                        return respond(status, headers, x.media, bytes);
                    }
                    body
                }
            }
            BatchResponse::Batch(mut responses) => {
                for (response, name) in responses.iter_mut().zip(&names) {
                    let request_error = classify(response);
                    metrics.record_request(name, outcome(response, request_error), elapsed);
                }
                serde_json::to_vec(&responses)
            }
        };
    match body {
        Ok(bytes) => respond(status, headers, x.media, Bytes::from(bytes)),
        Err(e) => {
            tracing::error!(error = %e, "cannot serialize a response");
            request_error(
                x.media,
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "internal error",
            )
        }
    }
}

fn respond(
    status: StatusCode,
    headers: Vec<(String, String)>,
    media: Media,
    body: Bytes,
) -> HttpResponse {
    let mut builder = HttpResponse::build(status);
    for (name, value) in headers {
        builder.insert_header((name, value));
    }
    builder.content_type(media.content_type()).body(body)
}

/// `ok`, `request_error` (did not parse or validate) or `field_error` (ran, with errors).
fn outcome(response: &async_graphql::Response, request_error: bool) -> &'static str {
    if request_error {
        "request_error"
    } else if response.errors.is_empty() {
        "ok"
    } else {
        "field_error"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_labelled_from_the_document() {
        let doc = "query Page { a } mutation Write { b }";
        let named = |name: &str| Operation::of(&mut Request::new(doc).operation_name(name));
        let page = named("Page");
        assert_eq!((page.label.as_str(), page.mutation), ("Page", false));
        let write = named("Write");
        assert_eq!((write.label.as_str(), write.mutation), ("Write", true));
        // A client-chosen name that the document lacks (any length, any characters) is not a label.
        assert_eq!(named(&"é".repeat(100)).label, "invalid");
        assert_eq!(Operation::of(&mut Request::new("{ a }")).label, "anonymous");
        assert_eq!(Operation::of(&mut Request::new("{ a")).label, "invalid");
        assert!(Operation::of(&mut Request::new("mutation { b }")).mutation);
    }

    #[test]
    fn request_shapes_are_checked() {
        assert!(parse_json(br#"{"query": "{ a }"}"#, 10).is_ok());
        for (body, mentions) in [
            (&br#"{"qeury": "{ a }"}"#[..], "missing"),
            (br#"{"query": 1}"#, "string"),
            (br#"{"query": "{ a }", "variables": "x"}"#, "variables"),
            (
                br#"{"query": "{ a }", "operationName": 0}"#,
                "operationName",
            ),
            (br#"{"query": "{ a }", "extensions": []}"#, "extensions"),
            (br#"{ "not json"#, "JSON"),
            (br#"[]"#, "batch"),
        ] {
            let err = parse_json(body, 10).map(|_| ()).unwrap_err();
            assert!(err.contains(mentions), "{err}");
        }
        let batch = format!("[{}]", [r#"{"query": "{ a }"}"#; 11].join(","));
        assert!(parse_json(batch.as_bytes(), 10).is_err());
        let ten = format!("[{}]", [r#"{"query": "{ a }"}"#; 10].join(","));
        assert!(parse_json(ten.as_bytes(), 10).is_ok());
        let multipart_batch = BatchRequest::Batch((0..11).map(|_| Request::new("{ a }")).collect());
        assert!(check_batch_size(multipart_batch, 10).is_err());
        assert!(parse_json(br#"[{"query": "{ a }"}]"#, 0).is_err());
    }
}
