//! The GraphQL schema: one query object per domain, merged; types are separate from entities.

// Layers, each importing only from those before it (checked by `layering`'s test):
// the kit and vocabulary;
pub mod enums;
pub mod errors;
pub mod kit;
pub mod pagination;
// value types that reference no node;
pub mod area;
pub mod gates;
pub mod profile;
pub mod source;
pub mod statement;
// the graph's node types, which reference each other, in one module that owns them;
pub mod graph;
// the use cases' queries, which import nodes and values but not each other.
pub mod admin;
pub mod career;
pub mod catalog;
pub mod node;
pub mod place;
pub mod planning;
pub mod role;
pub mod search;

#[cfg(test)]
mod layering;

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::error::{ApiError, GqlResult};
use crate::model::{ModelStore, ReadModel};
use crate::state::AppState;

/// Root query: the union of every domain's queries.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    role::RoleQuery,
    career::CareerQuery,
    catalog::CatalogQuery,
    search::SearchQuery,
    admin::AdminQuery,
    node::NodeQuery,
    place::PlaceQuery,
    planning::PlanningQuery,
);

/// Root mutation: the admin mutations (need an admin token).
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(admin::AdminMutation);

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Builds the schema over the app state: the read-model store answers queries, the database
/// takes writes, and `state.config.query` sets the validation limits.
pub fn build_schema(state: AppState) -> AppSchema {
    let limits = state.config.query.clone();
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .data(state)
    .limit_depth(limits.query_max_depth)
    .limit_complexity(limits.query_max_complexity)
    .limit_recursive_depth(limits.query_max_recursion)
    .limit_directives(limits.query_max_directives);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.field_suggestions {
        builder = builder.disable_suggestions();
    }
    builder.finish()
}

/// Complexity of a list of `first` items (`default` when omitted, clamped to 1–100) whose
/// items each cost `child`: what `#[graphql(complexity)]` attributes use.
pub(crate) fn scaled(first: Option<i32>, default: i32, child: usize) -> usize {
    let n = usize::try_from(first.unwrap_or(default).clamp(1, 100)).unwrap_or(1);
    n.saturating_mul(child).saturating_add(1)
}

/// The schema without a database, for exporting the SDL.
pub fn sdl() -> String {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .finish()
    .sdl()
}

/// The app state the schema was built over.
pub(crate) fn state<'a>(ctx: &Context<'a>) -> GqlResult<&'a AppState> {
    ctx.data::<AppState>().map_err(|e| {
        ApiError::Internal(anyhow::anyhow!("no app state in context: {}", e.message)).into()
    })
}

/// The database connection of a request.
pub(crate) fn db<'a>(ctx: &Context<'a>) -> GqlResult<&'a DatabaseConnection> {
    state(ctx).map(|state| &state.db)
}

/// The read-model store, which writes rebuild.
pub(crate) fn store<'a>(ctx: &Context<'a>) -> GqlResult<&'a ModelStore> {
    state(ctx).map(|state| &*state.store)
}

/// The read model a request answers from: the one the HTTP layer took when the request
/// arrived (so a request never mixes two data versions), else the store's current one.
pub(crate) fn model(ctx: &Context<'_>) -> GqlResult<Arc<ReadModel>> {
    match ctx.data_opt::<Arc<ReadModel>>() {
        Some(model) => Ok(model.clone()),
        None => store(ctx).map(ModelStore::current),
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptySubscription, Schema};
    use serde_json::Value;

    use super::{MutationRoot, QueryRoot};

    /// The published schema; review changes to the snapshot like an API change.
    #[test]
    fn schema_sdl_matches_the_committed_snapshot() {
        insta::assert_snapshot!("schema", super::sdl());
    }

    const INTROSPECTION: &str = "{ __schema { types { name kind description
        fields { name description args { name description } }
        inputFields { name description }
        enumValues { name description } } } }";

    #[tokio::test]
    async fn every_type_field_argument_and_value_is_documented() {
        let schema = Schema::build(
            QueryRoot::default(),
            MutationRoot::default(),
            EmptySubscription,
        )
        .finish();
        let response = schema.execute(INTROSPECTION).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let data = response.data.into_json().unwrap();
        let blank = |v: &Value| {
            v["description"]
                .as_str()
                .is_none_or(|d| d.trim().is_empty())
        };
        let mut missing = Vec::new();
        for ty in data["__schema"]["types"].as_array().unwrap() {
            let name = ty["name"].as_str().unwrap();
            if name.starts_with("__") || ty["kind"] == "SCALAR" {
                continue;
            }
            if blank(ty) {
                missing.push(name.to_owned());
            }
            for field in ty["fields"].as_array().into_iter().flatten() {
                if blank(field) {
                    missing.push(format!("{name}.{}", field["name"]));
                }
                for arg in field["args"].as_array().into_iter().flatten() {
                    if blank(arg) {
                        missing.push(format!("{name}.{}({})", field["name"], arg["name"]));
                    }
                }
            }
            for list in ["inputFields", "enumValues"] {
                for item in ty[list].as_array().into_iter().flatten() {
                    if blank(item) {
                        missing.push(format!("{name}.{}", item["name"]));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "undocumented: {missing:#?}");
    }
}
