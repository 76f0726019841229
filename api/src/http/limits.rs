//! Per-client-IP rate limiting of `/graphql` and `/mcp` (a keyed GCRA limiter from `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::state::AppState;

/// The configured limiter; `None` inside when rate limiting is off.
#[derive(Clone)]
pub struct RateLimit {
    limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    per_minute: u32,
    loopback: bool,
}

impl RateLimit {
    /// `per_minute` requests per client IP (bursts up to the same number); 0 turns it off.
    /// Loopback clients are exempt unless `loopback`.
    pub fn new(per_minute: u32, loopback: bool) -> Self {
        let limiter =
            NonZeroU32::new(per_minute).map(|n| Arc::new(RateLimiter::keyed(Quota::per_minute(n))));
        Self {
            limiter,
            per_minute,
            loopback,
        }
    }

    /// `Err(seconds to wait)` when `ip` is over its quota.
    fn check(&self, ip: IpAddr) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        if ip.is_loopback() && !self.loopback {
            return Ok(());
        }
        // Forget idle clients now and then so the key map stays small.
        if limiter.len() > 10_000 {
            limiter.retain_recent();
        }
        limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            wait.as_secs().max(1)
        })
    }
}

/// Middleware: 429 with `Retry-After` and a GraphQL-shaped body when the client IP (the TCP
/// peer; put the service behind a proxy that sets it right) is over its quota.
pub async fn rate_limit(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = request.app_data::<web::Data<AppState>>().cloned();
    let verdict = match (&state, request.peer_addr()) {
        (Some(state), Some(peer)) if matches!(request.path(), "/graphql" | "/mcp") => {
            state.rate_limit.check(peer.ip())
        }
        _ => Ok(()),
    };
    match verdict {
        Ok(()) => Ok(next.call(request).await?.map_into_boxed_body()),
        Err(wait) => {
            if let Some(state) = &state {
                state.metrics.record_rejection("rate_limited");
            }
            let per_minute = state.map_or(0, |s| s.rate_limit.per_minute);
            let body = serde_json::json!({ "errors": [{
                "message": format!("rate limit of {per_minute} requests per minute exceeded; retry in {wait} s"),
                "extensions": { "code": "RATE_LIMITED" },
            }] });
            let response = HttpResponse::TooManyRequests()
                .insert_header((header::RETRY_AFTER, wait.to_string()))
                .content_type("application/json; charset=utf-8")
                .body(body.to_string());
            Ok(request.into_response(response))
        }
    }
}
