//! The career-path engine: an in-memory snapshot of the role graph and the searches that
//! run on it (k best routes with constraints, reachability, skill gaps, comparisons).
//!
//! The engine knows nothing of GraphQL or SQL: `service::career` builds snapshots from the
//! database and `graphql::career` exposes the results.

pub mod gap;
pub mod render;
pub mod search;
pub mod snapshot;
pub mod store;
pub mod text_index;

pub use search::{Objective, RouteQuery, RouteSearch};
pub use snapshot::GraphSnapshot;
pub use store::GraphStore;
