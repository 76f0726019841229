//! The HTTP edge: routes, GraphQL over HTTP (media types, status codes, body and batch limits,
//! timeout, response cache), the MCP transport, the browser pages, the per-IP rate limit and
//! the Prometheus metrics. Everything behind it (schema, use cases, read model) knows nothing
//! of HTTP.

pub mod cache;
pub mod graphql;
pub mod limits;
pub mod mcp;
pub mod metrics;
pub mod pages;
pub mod routes;
