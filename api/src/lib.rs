//! Career knowledge service: a GraphQL API over a graph of roles, skills, certifications
//! and career moves.
//!
//! `startup` wires HTTP; `graphql` holds the schema (one module per domain); `service` holds
//! every database query; `error` the one error type.

pub mod auth;
pub mod career;
pub mod config;
pub mod error;
pub mod graphql;
pub mod graphql_http;
pub mod limits;
pub mod metrics;
pub mod routes;
pub mod service;
pub mod startup;
pub mod telemetry;
