//! The GraphQL schema: one query object per domain, merged; types are separate from entities.

pub mod admin;
pub mod career;
pub mod catalog;
pub mod enums;
pub mod errors;
pub mod node;
pub mod pagination;
pub mod profile;
pub mod role;
pub mod search;

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::error::{ApiError, GqlResult};
use crate::model::{ModelStore, ReadModel};

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
);

/// Root mutation: the admin mutations (need an admin token).
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(admin::AdminMutation);

/// The executable schema.
pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Query limits applied at validation (see `Config` for the defaults).
#[derive(Clone, Debug)]
pub struct QueryLimits {
    /// Deepest nesting.
    pub depth: usize,
    /// Highest complexity (each field 1; lists scaled by `first`).
    pub complexity: usize,
    /// Deepest parser recursion.
    pub recursion: usize,
    /// Most directives on one field.
    pub directives: usize,
    /// Answer introspection.
    pub introspection: bool,
    /// Suggest field names in errors.
    pub suggestions: bool,
}

impl Default for QueryLimits {
    fn default() -> Self {
        Self {
            depth: 15,
            complexity: 20_000,
            recursion: 32,
            directives: 10,
            introspection: true,
            suggestions: true,
        }
    }
}

/// Builds the schema over a database connection (for writes) and the read-model store.
pub fn build_schema(
    db: DatabaseConnection,
    store: Arc<ModelStore>,
    limits: &QueryLimits,
    metrics: crate::metrics::Metrics,
) -> AppSchema {
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .data(store)
    .data(db)
    .data(metrics)
    .limit_depth(limits.depth)
    .limit_complexity(limits.complexity)
    .limit_recursive_depth(limits.recursion)
    .limit_directives(limits.directives);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if !limits.suggestions {
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

/// The database connection of a request.
pub(crate) fn db<'a>(ctx: &Context<'a>) -> GqlResult<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>().map_err(|e| {
        ApiError::Internal(anyhow::anyhow!("no database in context: {}", e.message)).into()
    })
}

/// The read model a request answers from: the one the HTTP layer took when the request
/// arrived (so a request never mixes two data versions), else the store's current one.
pub(crate) fn model(ctx: &Context<'_>) -> GqlResult<Arc<ReadModel>> {
    if let Some(model) = ctx.data_opt::<Arc<ReadModel>>() {
        return Ok(model.clone());
    }
    ctx.data::<Arc<ModelStore>>()
        .map(|store| store.current())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("no read model: {}", e.message)).into())
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
