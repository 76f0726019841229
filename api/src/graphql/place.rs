//! Place queries: the areas BLS publishes pay for, for autocomplete.

use async_graphql::{Context, Object};

use super::area::Area;
use super::enums::AreaType;
use crate::error::GqlResult;
use crate::service::place;

/// Place queries.
#[derive(Default)]
pub struct PlaceQuery;

/// Place queries.
#[Object]
impl PlaceQuery {
    /// Areas BLS publishes pay for (the nation, states and territories, metro areas), for
    /// autocomplete: the area whose USPS code or BLS code is `search` first, then names starting
    /// with it, then names containing it (case-insensitive); nation, states, metros, each by name.
    #[graphql(complexity = "crate::graphql::scaled(Some(first), 20, child_complexity)")]
    async fn areas(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Text to find in the name, or a USPS or BLS area code.")] search: Option<
            String,
        >,
        #[graphql(name = "type", desc = "Only areas of this type.")] area_type: Option<AreaType>,
        #[graphql(desc = "Return at most this many (1–100).", default = 20)] first: i32,
    ) -> GqlResult<Vec<Area>> {
        let p = super::model(ctx)?.places.get().await?;
        let found = place::areas(&p, search.as_deref(), area_type.map(Into::into), first)?;
        Ok(found.into_iter().map(|i| Area::at(&p, i)).collect())
    }
}
