//! Career knowledge service: a GraphQL API over a graph of roles, skills, certifications
//! and career moves.
//!
//! `startup` builds the app over the one app `state`; `http` is the edge (routes, GraphQL over
//! HTTP, the MCP transport, the browser pages, response cache, rate limit, metrics); `graphql`
//! holds the schema (one module per domain); `mcp` the same questions as MCP tools for AI
//! assistants; `service` the use cases; `model` the in-memory read model every query answers
//! from; `career` the pure engine; `error` the one error type; `auth` tokens and the guard.

pub mod auth;
pub mod career;
pub mod compact;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod mcp;
pub mod model;
pub mod service;
pub mod startup;
pub mod state;
pub mod telemetry;
