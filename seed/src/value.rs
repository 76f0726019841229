//! Value types of the write path, each carrying its rule ("parse, don't validate").
//!
//! A value is parsed once where it enters (a dataset record, a GraphQL input); what the
//! writer receives is already valid. A failed parse returns the rule it broke, without
//! the field name: the caller knows where the value came from (`roles[3].slug`,
//! `input.likelihood`) and names it.

use std::fmt;

/// Longest accepted slug, name or title.
pub const MAX_NAME_LEN: usize = 200;
/// Longest accepted alternate title or technology name (O*NET has long product names).
pub const MAX_TEXT_LEN: usize = 1000;

/// A URL-safe identifier: `[a-z0-9-]+`, 1–200 characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    /// Parses a slug.
    pub fn parse(value: &str) -> Result<Self, String> {
        let ok = (1..=MAX_NAME_LEN).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(format!(
                "`{value}` must match [a-z0-9-]+ (1–{MAX_NAME_LEN} characters)"
            ))
        }
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

/// A display name or title: trimmed, not blank, at most `MAX` characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<const MAX: usize = MAX_NAME_LEN>(String);

/// A name or title of at most 200 characters.
pub type Name = Text<MAX_NAME_LEN>;

impl<const MAX: usize> Text<MAX> {
    /// Parses a name: surrounding white space is dropped.
    pub fn parse(value: &str) -> Result<Self, String> {
        let trimmed = value.trim();
        if (1..=MAX).contains(&trimmed.chars().count()) {
            Ok(Self(trimmed.to_owned()))
        } else {
            Err(format!("must be 1–{MAX} characters and not blank"))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> From<Text<MAX>> for String {
    fn from(text: Text<MAX>) -> Self {
        text.0
    }
}

/// A closed range a number must fall in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
}

impl Bounds {
    /// The range `min`–`max`, both included.
    pub const fn new(min: f64, max: f64) -> Self {
        Self { min, max }
    }

    /// `value` when it is inside the bounds (NaN never is).
    pub fn check(self, value: f64) -> Result<f64, String> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(format!("{value} is outside {}–{}", self.min, self.max))
        }
    }

    /// Checks an optional value; `None` passes.
    pub fn check_opt(self, value: Option<f64>) -> Result<Option<f64>, String> {
        value.map(|v| self.check(v)).transpose()
    }
}

/// Seniority of a role, 1–8.
pub const SENIORITY: Bounds = Bounds::new(1.0, 8.0);
/// A job zone number, positive. Which zones exist is the stored Job Zone Reference's to say
/// (O*NET's 1–5 without one); [`crate::load`] checks a role's zone against it when writing.
pub const JOB_ZONE: Bounds = Bounds::new(1.0, 99.0);
/// A percentage, 0–100.
pub const PERCENT: Bounds = Bounds::new(0.0, 100.0);
/// Position in a ranked list, 1–1000.
pub const RANK: Bounds = Bounds::new(1.0, 1000.0);
/// O*NET importance scale, 1–5.
pub const IMPORTANCE: Bounds = Bounds::new(1.0, 5.0);
/// O*NET level scale, 0–7.
pub const LEVEL: Bounds = Bounds::new(0.0, 7.0);
/// Typical years in a role before a move, 0–60.
pub const YEARS: Bounds = Bounds::new(0.0, 60.0);
/// A count or an amount that cannot be negative.
pub const NON_NEGATIVE: Bounds = Bounds::new(0.0, f64::MAX);

/// A calendar month, `YYYY-MM` (year 1900–2999, month 01–12); ordered as time is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(String);

impl Month {
    /// Parses `YYYY-MM`.
    pub fn parse(value: &str) -> Result<Self, String> {
        let ok = value.len() == 7
            && value.as_bytes()[4] == b'-'
            && value[..4]
                .parse::<u16>()
                .is_ok_and(|y| (1900..3000).contains(&y))
            && value[5..]
                .parse::<u8>()
                .is_ok_and(|m| (1..=12).contains(&m))
            && value.bytes().filter(u8::is_ascii_digit).count() == 6;
        if ok {
            Ok(Self(value.to_owned()))
        } else {
            Err(format!("`{value}` is not a month written YYYY-MM"))
        }
    }

    /// The month as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How strongly evidence supports a move, in (0, 1].
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Likelihood(f64);

impl Likelihood {
    /// Parses a likelihood.
    pub fn parse(value: f64) -> Result<Self, String> {
        if value > 0.0 && value <= 1.0 {
            Ok(Self(value))
        } else {
            Err(format!("{value} is outside (0, 1]"))
        }
    }

    /// Parses an optional likelihood; `None` passes.
    pub fn parse_opt(value: Option<f64>) -> Result<Option<Self>, String> {
        value.map(Self::parse).transpose()
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("it-manager-2").is_ok());
        for bad in ["", "IT", "it manager", "é", &"a".repeat(201)] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_are_yyyy_mm() {
        assert_eq!(Month::parse("2025-05").unwrap().as_str(), "2025-05");
        assert!(Month::parse("2024-05").unwrap() < Month::parse("2025-01").unwrap());
        for bad in [
            "", "2025-5", "2025-13", "2025-00", "25-05-01", "2025/05", "+025-05", "1899-12",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(Name::parse("  CIO ").unwrap().as_str(), "CIO");
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"x".repeat(201)).is_err());
        assert!(Text::<1000>::parse(&"x".repeat(1000)).is_ok());
    }

    #[test]
    fn bounds_reject_nan_and_outside_values() {
        assert!(SENIORITY.check(f64::NAN).is_err());
        assert!(SENIORITY.check(9.0).is_err());
        assert_eq!(SENIORITY.check_opt(None), Ok(None));
        assert!(Likelihood::parse(0.0).is_err());
        assert!(Likelihood::parse(1.0).is_ok());
    }

    proptest! {
        #[test]
        fn a_parsed_slug_prints_as_given(s in "[a-z0-9-]{1,200}") {
            prop_assert_eq!(Slug::parse(&s).unwrap().to_string(), s);
        }

        #[test]
        fn likelihood_accepts_exactly_the_half_open_unit_interval(v in -2.0f64..2.0) {
            prop_assert_eq!(Likelihood::parse(v).is_ok(), v > 0.0 && v <= 1.0);
        }
    }
}
