//! The career-path engine: an in-memory snapshot of the role graph and what runs on it: k best
//! routes with constraints (`search`), reachability, skill gaps (`gap`), skill similarity and
//! its computed moves (`similarity`), matching a person to roles and what to learn
//! (`matching`), text search (`text_index`), route drawings (`render`) and the job zones
//! gaps are measured in (`zones`).
//!
//! The engine is pure: it knows nothing of GraphQL or SQL. `model` builds its snapshot as part
//! of the read model; the use cases in `service` call it, and `graphql` maps their results.

pub mod gap;
pub mod matching;
pub mod render;
pub mod search;
pub mod similarity;
pub mod snapshot;
pub mod text_index;
pub mod zones;

pub use search::{Objective, RouteQuery, RouteSearch};
pub use snapshot::GraphSnapshot;
