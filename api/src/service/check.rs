//! The one argument checker of the use cases: every limit a question puts on an argument is a
//! [`Bounds`] (the type the record rules use, `seed::value`), and every refusal is
//! BAD_USER_INPUT naming the field in one format: "invalid `first`: must be between 1 and 50,
//! got 0". Resolvers pass arguments through to the use cases, which check them here.

use std::fmt::Display;

pub use seed::value::Bounds;

use crate::error::{ApiError, ApiResult};

fn refuse(field: &str, bounds: Bounds, got: impl Display) -> ApiError {
    ApiError::bad_input(
        field,
        format!(
            "must be between {} and {}, got {got}",
            bounds.min, bounds.max
        ),
    )
}

/// A whole number within `bounds`, as a count or a size (the bounds start at 0 or more).
pub fn count(field: &str, value: i32, bounds: Bounds) -> ApiResult<usize> {
    whole(field, Some(value), bounds)?;
    usize::try_from(value).map_err(|_| refuse(field, bounds, value))
}

/// An optional whole number within `bounds`; `None` passes.
pub fn whole(field: &str, value: Option<i32>, bounds: Bounds) -> ApiResult<Option<i32>> {
    match value {
        Some(v) if bounds.check(f64::from(v)).is_err() => Err(refuse(field, bounds, v)),
        _ => Ok(value),
    }
}

/// An optional finite number within `bounds`; `None` passes, NaN and infinities never do.
pub fn number(field: &str, value: Option<f64>, bounds: Bounds) -> ApiResult<Option<f64>> {
    bounds
        .check_opt(value)
        .map_err(|_| refuse(field, bounds, value.unwrap_or(f64::NAN)))
}

/// Text of 1 to `max_chars` characters once trimmed, trimmed.
pub fn text<'a>(field: &str, value: &'a str, max_chars: usize) -> ApiResult<&'a str> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if (1..=max_chars).contains(&length) {
        Ok(trimmed)
    } else {
        Err(ApiError::bad_input(
            field,
            format!("must be 1 to {max_chars} characters, got {length}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Bounds, count, number, text, whole};

    const FIRST: Bounds = Bounds::new(1.0, 50.0);

    #[test]
    fn refusals_name_the_field_the_bounds_and_the_value() {
        assert_eq!(count("first", 50, FIRST).ok(), Some(50));
        let refused = count("first", 0, FIRST).unwrap_err();
        assert_eq!(
            refused.message(),
            "invalid `first`: must be between 1 and 50, got 0"
        );
        assert_eq!(refused.code(), "BAD_USER_INPUT");
        assert!(whole("filter.jobZoneMin", Some(6), Bounds::new(1.0, 5.0)).is_err());
        assert_eq!(whole("x", None, FIRST).ok(), Some(None));
        let half = Bounds::new(0.0, 1.0);
        assert_eq!(number("minScore", Some(0.5), half).ok(), Some(Some(0.5)));
        for bad in [f64::NAN, f64::INFINITY, -0.1, 1.1] {
            assert!(number("minScore", Some(bad), half).is_err(), "{bad}");
        }
        assert_eq!(text("query", "  cio ", 100).ok(), Some("cio"));
        assert_eq!(
            text("query", "   ", 100).unwrap_err().message(),
            "invalid `query`: must be 1 to 100 characters, got 0"
        );
    }
}
