//! Relay-style pagination: opaque offset cursors, `first` bounds, `totalCount`.

use async_graphql::SimpleObject;
use async_graphql::connection::{Connection, CursorType, Edge};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::ApiError;
use crate::service::Page;

/// Largest accepted `first`.
pub const MAX_PAGE: i32 = 100;
/// `first` when the client does not say.
pub const DEFAULT_PAGE: i32 = 20;

/// An opaque cursor: the position of an item in its ordered listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetCursor(pub u64);

const PREFIX: &str = "offset:";

/// A cursor string this API did not issue.
#[derive(Debug)]
pub struct InvalidCursor;

impl std::fmt::Display for InvalidCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("is not a cursor returned by this API")
    }
}

impl CursorType for OffsetCursor {
    type Error = InvalidCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let invalid = || InvalidCursor;
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let offset = text.strip_prefix(PREFIX).ok_or_else(invalid)?;
        offset.parse().map(OffsetCursor).map_err(|_| invalid())
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{PREFIX}{}", self.0))
    }
}

/// Extra fields on every connection.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// Number of items matching the query across all pages.
    pub total_count: u64,
}

/// A role/skill/certification connection.
pub type Paged<T> = Connection<OffsetCursor, T, ConnectionTotals>;

/// Turns `first` / `after` arguments into a [`Page`], rejecting out-of-range values.
pub fn page(first: Option<i32>, after: Option<&str>) -> Result<Page, ApiError> {
    let first = first.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&first) {
        return Err(ApiError::bad_input(
            "first",
            format!("must be between 1 and {MAX_PAGE}, got {first}"),
        )
        .into());
    }
    let offset = match after {
        Some(cursor) => {
            let cursor = OffsetCursor::decode_cursor(cursor)
                .map_err(|e| ApiError::bad_input("after", e.to_string()))?;
            cursor.0.saturating_add(1)
        }
        None => 0,
    };
    Ok(Page {
        offset,
        limit: first as u64,
    })
}

/// Builds a connection from one page of items and the total match count.
pub fn connection<T, N>(items: Vec<T>, total: u64, page: Page, node: impl Fn(T) -> N) -> Paged<N>
where
    N: async_graphql::OutputType,
{
    let count = items.len() as u64;
    let mut conn = Connection::with_additional_fields(
        page.offset > 0,
        page.offset + count < total,
        ConnectionTotals { total_count: total },
    );
    conn.edges.extend(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Edge::new(OffsetCursor(page.offset + i as u64), node(item))),
    );
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let c = OffsetCursor(41);
        assert_eq!(OffsetCursor::decode_cursor(&c.encode_cursor()).unwrap(), c);
        assert!(OffsetCursor::decode_cursor("not-a-cursor").is_err());
        assert!(OffsetCursor::decode_cursor(&URL_SAFE_NO_PAD.encode("offset:x")).is_err());
    }

    #[test]
    fn first_is_bounded() {
        assert!(page(Some(0), None).is_err());
        assert!(page(Some(101), None).is_err());
        assert_eq!(page(Some(100), None).unwrap().limit, 100);
        let after = OffsetCursor(9).encode_cursor();
        assert_eq!(page(None, Some(&after)).unwrap().offset, 10);
    }
}
