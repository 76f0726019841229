//! The career-path engine: an in-memory snapshot of the role graph and the searches that
//! run on it (k best routes with constraints, reachability, skill gaps, comparisons).
//!
//! The engine is pure: it knows nothing of GraphQL or SQL. `model` builds its snapshot as part
//! of the read model and `graphql::career` exposes the results.

pub mod gap;
pub mod matching;
pub mod render;
pub mod search;
pub mod similarity;
pub mod snapshot;
pub mod text_index;

pub use search::{Objective, RouteQuery, RouteSearch};
pub use snapshot::GraphSnapshot;
