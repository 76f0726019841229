//! Career knowledge service: a GraphQL API over a graph of roles, skills, certifications
//! and career moves.
//!
//! `startup` wires HTTP over the one app `state`; `graphql` holds the schema (one module per
//! domain); `model` the in-memory read model every query answers from; `service` the use cases
//! (listings over the model, admin writes); `career` the pure route engine; `error` the one
//! error type; `pages` the browser pages compiled into the binary (`/explore`, `/graphiql`);
//! `mcp` the same questions as MCP tools for AI assistants (`/mcp`).

pub mod auth;
pub mod career;
pub mod config;
pub mod error;
pub mod graphql;
pub mod graphql_http;
pub mod limits;
pub mod mcp;
pub mod metrics;
pub mod model;
pub mod pages;
pub mod response_cache;
pub mod routes;
pub mod service;
pub mod startup;
pub mod state;
pub mod telemetry;
