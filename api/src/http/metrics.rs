//! Prometheus metrics, served at `GET /metrics` in the text exposition format.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// Labels of one GraphQL operation's outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    operation: String,
    outcome: String,
}

/// Labels of one MCP tool call's outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ToolLabels {
    tool: String,
    outcome: String,
}

/// Labels of an HTTP rejection before GraphQL ran (413, 415, 429, …).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RejectLabels {
    reason: String,
}

/// Labels of the database pool gauges.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: String,
}

/// Every metric the service exports. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Histogram,
    rejected: Family<RejectLabels, Counter>,
    tool_calls: Family<ToolLabels, Counter>,
    tool_latency: Histogram,
    route_search: Histogram,
    graph_version: Gauge,
    pool: Family<PoolLabels, Gauge>,
    statements: Gauge,
    statement_counter: Arc<AtomicU64>,
}

/// Database pool figures at scrape time.
#[derive(Clone, Copy, Debug, Default)]
pub struct PoolState {
    /// Open connections.
    pub open: u32,
    /// Open and idle connections.
    pub idle: u32,
    /// Configured maximum.
    pub max: u32,
}

impl Metrics {
    /// A fresh registry; `statement_counter` is the database statement count to export.
    pub fn new(statement_counter: Arc<AtomicU64>) -> Self {
        let mut registry = Registry::with_prefix("career");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "graphql_requests",
            "GraphQL operations by operation name and outcome (ok, field_error, request_error, timeout)",
            requests.clone(),
        );
        // 0.5 ms … ~16 s.
        let latency = Histogram::new(exponential_buckets(0.0005, 2.0, 16));
        registry.register(
            "graphql_request_duration_seconds",
            "Time to execute a GraphQL request",
            latency.clone(),
        );
        let rejected = Family::<RejectLabels, Counter>::default();
        registry.register(
            "http_rejected_requests",
            "Requests refused before execution, by reason",
            rejected.clone(),
        );
        let tool_calls = Family::<ToolLabels, Counter>::default();
        registry.register(
            "mcp_tool_calls",
            "MCP tool calls by tool and outcome (ok, bad_input, not_found, timeout, internal)",
            tool_calls.clone(),
        );
        let tool_latency = Histogram::new(exponential_buckets(0.0005, 2.0, 16));
        registry.register(
            "mcp_tool_call_duration_seconds",
            "Time to answer an MCP tool call",
            tool_latency.clone(),
        );
        // 1 µs … ~1 s.
        let route_search = Histogram::new(exponential_buckets(0.000_001, 4.0, 11));
        registry.register(
            "route_search_duration_seconds",
            "Time spent in career route searches",
            route_search.clone(),
        );
        let graph_version = Gauge::default();
        registry.register(
            "graph_snapshot_version",
            "Data version of the in-memory route graph",
            graph_version.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database pool connections by state (open, idle, max)",
            pool.clone(),
        );
        let statements = Gauge::default();
        registry.register(
            "db_statements",
            "SQL statements executed since start",
            statements.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                registry,
                requests,
                latency,
                rejected,
                tool_calls,
                tool_latency,
                route_search,
                graph_version,
                pool,
                statements,
                statement_counter,
            }),
        }
    }

    /// Counts one GraphQL operation and its latency.
    pub fn record_request(&self, operation: &str, outcome: &str, elapsed: Duration) {
        self.inner
            .requests
            .get_or_create(&RequestLabels {
                operation: operation.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
        self.inner.latency.observe(elapsed.as_secs_f64());
    }

    /// Counts one MCP tool call and its latency.
    pub fn record_tool_call(&self, tool: &str, outcome: &str, elapsed: Duration) {
        self.inner
            .tool_calls
            .get_or_create(&ToolLabels {
                tool: tool.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
        self.inner.tool_latency.observe(elapsed.as_secs_f64());
    }

    /// Counts a request refused before GraphQL ran.
    pub fn record_rejection(&self, reason: &str) {
        self.inner
            .rejected
            .get_or_create(&RejectLabels {
                reason: reason.to_owned(),
            })
            .inc();
    }

    /// Records the time one route search took.
    pub fn record_route_search(&self, elapsed: Duration) {
        self.inner.route_search.observe(elapsed.as_secs_f64());
    }

    /// The registry in Prometheus text format, after refreshing the sampled gauges.
    pub fn render(&self, graph_version: i64, pool: PoolState) -> String {
        let inner = &self.inner;
        inner.graph_version.set(graph_version);
        for (state, value) in [("open", pool.open), ("idle", pool.idle), ("max", pool.max)] {
            inner
                .pool
                .get_or_create(&PoolLabels {
                    state: state.to_owned(),
                })
                .set(i64::from(value));
        }
        let statements = inner.statement_counter.load(Ordering::Relaxed);
        inner
            .statements
            .set(i64::try_from(statements).unwrap_or(i64::MAX));
        let mut text = String::new();
        if encode(&mut text, &inner.registry).is_err() {
            text.clear();
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_requests_show_in_the_text_format() {
        let metrics = Metrics::new(Arc::new(AtomicU64::new(7)));
        metrics.record_request("RolePage", "ok", Duration::from_millis(3));
        metrics.record_request("RolePage", "ok", Duration::from_millis(4));
        metrics.record_rejection("payload_too_large");
        let text = metrics.render(
            42,
            PoolState {
                open: 2,
                idle: 1,
                max: 10,
            },
        );
        assert!(
            text.contains(r#"career_graphql_requests_total{operation="RolePage",outcome="ok"} 2"#),
            "{text}"
        );
        assert!(text.contains("career_graph_snapshot_version 42"), "{text}");
        assert!(text.contains(r#"career_db_pool_connections{state="max"} 10"#));
        assert!(text.contains("career_db_statements 7"));
        assert!(
            text.contains(r#"career_http_rejected_requests_total{reason="payload_too_large"} 1"#)
        );
    }
}
