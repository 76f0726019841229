//! Compact storage for the read model's numeric columns: optional decimals held as
//! fixed-point `i32` codes that decode to exactly the `f64` the database gave (the API
//! answers byte for byte as before), and a row's own full-width copy for the rare value that
//! does not round-trip.
//!
//! A value `v` is stored as `c = round(v × 10^k)` only when `c as f64 / 10^k == v`: IEEE
//! division is correctly rounded, so this holds for every decimal with at most `k` places
//! that the database stored as the double nearest to it (what O*NET and BLS figures are).

/// Code of an absent value.
const ABSENT: i32 = i32::MIN;
/// Code of a value kept at full width in the row's spill.
const SPILLED: i32 = i32::MIN + 1;

/// The code of `v` at `scale` (10^k), or `None` when it does not round-trip exactly.
fn encode(v: f64, scale: f64) -> Option<i32> {
    let scaled = (v * scale).round();
    if !(f64::from(SPILLED + 1)..=f64::from(i32::MAX)).contains(&scaled) {
        return None;
    }
    let code = scaled as i32;
    // Compare bits, not values: -0.0 must come back as -0.0 and NaN is never stored.
    (decode(code, scale).to_bits() == v.to_bits()).then_some(code)
}

fn decode(code: i32, scale: f64) -> f64 {
    f64::from(code) / scale
}

/// `N` optional numbers, each with its own scale (`SCALES[i]` = 10^k; 1 for whole numbers),
/// in `4 × N + 8` bytes instead of `16 × N`.
#[derive(Clone, Debug, PartialEq)]
pub struct Decimals<const N: usize> {
    codes: [i32; N],
    /// Every value at full width, present only when some value does not fit its code.
    spill: Option<Box<[f64; N]>>,
}

impl<const N: usize> Decimals<N> {
    /// Encodes `values` at `scales`.
    pub fn new(values: [Option<f64>; N], scales: &[f64; N]) -> Self {
        let mut codes = [ABSENT; N];
        let mut spilled = false;
        for ((code, value), &scale) in codes.iter_mut().zip(&values).zip(scales) {
            if let Some(v) = *value {
                *code = encode(v, scale).unwrap_or_else(|| {
                    spilled = true;
                    SPILLED
                });
            }
        }
        let spill = spilled.then(|| Box::new(values.map(|v| v.unwrap_or(f64::NAN))));
        Self { codes, spill }
    }

    /// Value `i`, exactly as given to [`Decimals::new`].
    pub fn get(&self, i: usize, scales: &[f64; N]) -> Option<f64> {
        match self.codes[i] {
            ABSENT => None,
            SPILLED => self.spill.as_ref().map(|s| s[i]),
            code => Some(decode(code, scales[i])),
        }
    }

    /// Whole number `i` (stored at scale 1).
    pub fn whole(&self, i: usize, scales: &[f64; N]) -> Option<i32> {
        self.get(i, scales).map(|v| v as i32)
    }
}

/// Scale of a whole number.
pub const WHOLE: f64 = 1.0;
/// Scale of a decimal with up to six places (values up to ±2,147).
pub const MICRO: f64 = 1e6;

#[cfg(test)]
mod tests {
    use super::*;

    const SCALES: [f64; 4] = [MICRO, MICRO, 100.0, WHOLE];

    fn round_trip(values: [Option<f64>; 4]) -> Decimals<4> {
        let d = Decimals::new(values, &SCALES);
        for (i, v) in values.iter().enumerate() {
            assert_eq!(
                d.get(i, &SCALES).map(f64::to_bits),
                v.map(f64::to_bits),
                "value {i} of {values:?}"
            );
        }
        d
    }

    #[test]
    fn decimals_with_few_places_fit_their_codes() {
        let d = round_trip([Some(3.62), Some(0.1361), Some(115.0), Some(42.0)]);
        assert!(d.spill.is_none());
        let d = round_trip([Some(-7.25), None, Some(0.01), None]);
        assert!(d.spill.is_none());
        assert_eq!(d.whole(3, &SCALES), None);
    }

    #[test]
    fn values_that_do_not_round_trip_spill_at_full_width() {
        // A third, a value past the code range, a third decimal place at scale 100, and -0.0.
        let d = round_trip([Some(1.0 / 3.0), Some(5000.5), Some(12.345), Some(-0.0)]);
        assert!(d.spill.is_some());
        assert_eq!(d.codes[..3], [SPILLED; 3]);
        let d = round_trip([Some(0.1 + 0.2), None, Some(2.5), Some(7.0)]);
        assert_eq!(d.codes[0], SPILLED);
        assert_eq!(d.whole(3, &SCALES), Some(7));
    }

    #[test]
    fn sentinels_are_never_codes() {
        let at_min = f64::from(i32::MIN);
        let d = round_trip([None, None, None, Some(at_min)]);
        assert_eq!(d.codes[3], SPILLED);
        assert_eq!(d.whole(3, &SCALES), Some(i32::MIN));
        let d = round_trip([None, None, None, Some(f64::from(i32::MAX))]);
        assert!(d.spill.is_none());
    }
}
