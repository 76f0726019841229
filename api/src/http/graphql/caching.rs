//! Answering again without running: the response-cache key of a request, 304 for a matching
//! `If-None-Match`, and the `ETag` and `Cache-Control` headers of a cacheable answer.

use super::*;

/// The response-cache key of a request from `caller` (an anonymous caller or a valid token;
/// requests with an invalid token are never cached) at data `version`.
pub(super) fn cache_key(caller: &Caller, version: i64, request: Bytes) -> Option<Key> {
    let scope = match caller {
        Caller::Anonymous => CacheScope::Public,
        Caller::Token { id, .. } => CacheScope::Token(id.clone()),
        Caller::Invalid => return None,
    };
    Some(Key {
        version,
        scope,
        request,
    })
}

/// The answer to a request already answered at this data version: 304 when the client's
/// `If-None-Match` names it, else the cached bytes. Only successful queries are ever cached or
/// tagged, so this runs before the request is parsed.
pub(super) fn answer_again(x: &Exchange<'_>, key: &Key) -> Option<HttpResponse> {
    let (cache, metrics) = (&x.state.cache, &x.state.metrics);
    if matches_etag(x.if_none_match.as_deref(), &key.etag()) {
        let label = cache
            .get(key)
            .map_or_else(|| "anonymous".into(), |c| c.label);
        metrics.record_request(&label, "not_modified", x.started.elapsed());
        let mut builder = HttpResponse::NotModified();
        for header in cache_headers(key) {
            builder.insert_header(header);
        }
        return Some(builder.finish());
    }
    let cached = cache.get(key)?;
    metrics.record_request(&cached.label, "cached", x.started.elapsed());
    let mut builder = HttpResponse::Ok();
    for header in cache_headers(key) {
        builder.insert_header(header);
    }
    Some(
        builder
            .content_type(x.media.content_type())
            .body(cached.body),
    )
}

/// `ETag` and `Cache-Control` of a cacheable response: every cached answer is revalidated
/// (`no-cache`), which costs a 304 and never serves stale data; token answers stay private.
pub(super) fn cache_headers(key: &Key) -> [(header::HeaderName, String); 2] {
    let control = match key.scope {
        CacheScope::Public => "public, no-cache",
        CacheScope::Token(_) => "private, no-cache",
    };
    [
        (header::ETAG, key.etag()),
        (header::CACHE_CONTROL, control.to_owned()),
    ]
}

/// True when an `If-None-Match` header lists `etag` (or `*`).
pub(super) fn matches_etag(if_none_match: Option<&str>, etag: &str) -> bool {
    if_none_match.is_some_and(|value| {
        value
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    })
}
