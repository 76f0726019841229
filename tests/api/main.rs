//! End-to-end tests: real server, real HTTP, fresh SQLite and PostgreSQL databases.

mod admin;
mod admin_catalog;
mod cache;
mod career;
mod catalog;
mod dataset;
mod documents;
mod explore;
mod hardening;
mod http;
mod mcp;
mod onet;
mod pages;
mod pagination;
mod pay;
mod places;
mod planning;
mod read_path;
mod readme;
mod roles;
mod seed_load;
mod write_path;
