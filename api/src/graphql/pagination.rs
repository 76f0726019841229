//! Relay-style pagination: opaque offset cursors, `first` bounds, `totalCount`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::ApiError;
use crate::service::Page;
use crate::service::check::{self, Bounds};

/// Largest accepted `first`.
pub const MAX_PAGE: i32 = 100;
/// `first` when the client does not say.
pub const DEFAULT_PAGE: i32 = 20;

const PREFIX: &str = "offset:";

/// A cursor string this API did not issue.
#[derive(Debug)]
pub struct InvalidCursor;

impl std::fmt::Display for InvalidCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("is not a cursor returned by this API")
    }
}

/// The opaque cursor of the item at `offset` in its ordered listing.
pub fn encode_cursor(offset: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{PREFIX}{offset}"))
}

/// The offset a cursor stands for.
pub fn decode_cursor(cursor: &str) -> Result<u64, InvalidCursor> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| InvalidCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| InvalidCursor)?;
    let offset = text.strip_prefix(PREFIX).ok_or(InvalidCursor)?;
    offset.parse().map_err(|_| InvalidCursor)
}

/// Defines a documented Relay connection type and its edge type for one node type.
/// (async-graphql's generic `Connection` cannot carry a type description.)
macro_rules! connection_type {
    ($connection:ident, $edge:ident, $node:ty, $connection_doc:tt, $edge_doc:tt) => {
        #[doc = $edge_doc]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// Opaque cursor of this item: pass it as `after` to get the items that follow.
            pub cursor: String,
            /// The item.
            pub node: $node,
        }

        #[doc = $connection_doc]
        #[derive(async_graphql::SimpleObject)]
        pub struct $connection {
            /// The items of this page, each with its cursor.
            pub edges: Vec<$edge>,
            /// The items of this page, without cursors.
            pub nodes: Vec<$node>,
            /// Where this page sits in the whole list.
            pub page_info: async_graphql::connection::PageInfo,
            /// Number of items matching the query across all pages.
            pub total_count: u64,
        }

        impl $connection {
            /// One page of `items` (already windowed by `page`) out of `total` matches.
            pub fn new(items: Vec<$node>, total: u64, page: $crate::service::Page) -> Self {
                let count = items.len() as u64;
                let edges: Vec<$edge> = items
                    .iter()
                    .enumerate()
                    .map(|(i, node)| $edge {
                        cursor: $crate::graphql::pagination::encode_cursor(page.offset + i as u64),
                        node: node.clone(),
                    })
                    .collect();
                let page_info = async_graphql::connection::PageInfo {
                    has_previous_page: page.offset > 0,
                    has_next_page: page.offset + count < total,
                    start_cursor: edges.first().map(|e| e.cursor.clone()),
                    end_cursor: edges.last().map(|e| e.cursor.clone()),
                };
                Self {
                    edges,
                    nodes: items,
                    page_info,
                    total_count: total,
                }
            }
        }
    };
}
pub(crate) use connection_type;

/// Turns `first` / `after` arguments into a [`Page`], rejecting out-of-range values.
pub fn page(first: Option<i32>, after: Option<&str>) -> Result<Page, ApiError> {
    let first = check::count(
        "first",
        first.unwrap_or(DEFAULT_PAGE),
        Bounds::new(1.0, f64::from(MAX_PAGE)),
    )?;
    let offset = match after {
        Some(cursor) => {
            let offset =
                decode_cursor(cursor).map_err(|e| ApiError::bad_input("after", e.to_string()))?;
            offset.saturating_add(1)
        }
        None => 0,
    };
    Ok(Page {
        offset,
        limit: first as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        assert_eq!(decode_cursor(&encode_cursor(41)).unwrap(), 41);
        assert!(decode_cursor("not-a-cursor").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("offset:x")).is_err());
    }

    #[test]
    fn first_is_bounded() {
        assert!(page(Some(0), None).is_err());
        assert!(page(Some(101), None).is_err());
        assert_eq!(page(Some(100), None).unwrap().limit, 100);
        let after = encode_cursor(9);
        assert_eq!(page(None, Some(&after)).unwrap().offset, 10);
    }
}
