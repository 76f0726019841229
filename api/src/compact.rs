//! Compact storage for the read model's numeric columns: optional decimals held as
//! fixed-point `i32` codes that decode to exactly the `f64` the database gave (the API
//! answers byte for byte as before), and a full-width copy for the rare value that does not
//! round-trip: the row's own ([`Decimals`]) or one table shared by a whole collection
//! ([`Spill`], for rows too small to carry a pointer).
//!
//! A value `v` is stored as `c = round(v × 10^k)` only when `c as f64 / 10^k == v`: IEEE
//! division is correctly rounded, so this holds for every decimal with at most `k` places
//! that the database stored as the double nearest to it (what O*NET and BLS figures are).

/// Code of an absent value.
const ABSENT: i32 = i32::MIN;
/// Code of a value kept at full width in the row's spill.
const SPILLED: i32 = i32::MIN + 1;

/// The code of `v` at `scale` (10^k), at least `min`, or `None` when it does not round-trip
/// exactly.
fn encode(v: f64, scale: f64, min: i32) -> Option<i32> {
    let scaled = (v * scale).round();
    if !(f64::from(min)..=f64::from(i32::MAX)).contains(&scaled) {
        return None;
    }
    let code = scaled as i32;
    // Compare bits, not values: -0.0 must come back as -0.0 and NaN is never stored.
    (decode(code, scale).to_bits() == v.to_bits()).then_some(code)
}

#[inline]
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
                *code = encode(v, scale, SPILLED + 1).unwrap_or_else(|| {
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

/// Places a [`Spill`] can hold: codes from `ABSENT + 1` up to `ABSENT + SPILL_SLOTS` name
/// them, so a value's own code is at least [`FIRST_CODE`] (decimals at [`MICRO`] from about
/// −1,073 up; anything lower spills).
const SPILL_SLOTS: i32 = 1 << 30;
/// The lowest code of a value held in its code.
const FIRST_CODE: i32 = ABSENT + 1 + SPILL_SLOTS;

/// One optional decimal in four bytes: its fixed-point code, absent, or its place in the
/// [`Spill`] of the collection it belongs to (decode it with that spill).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code(i32);

impl Code {
    /// An absent value (needs no spill to decode).
    pub const ABSENT: Code = Code(ABSENT);
}

/// The full-width values of one collection's [`Code`]s that do not round-trip at their scale:
/// one table per collection instead of a pointer per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spill(Vec<f64>);

impl Spill {
    /// The code of `value` at `scale` (10^k; [`WHOLE`] for whole numbers), keeping it here
    /// when it does not round-trip exactly.
    ///
    /// # Panics
    /// When one collection spills more than 2^30 values (8 GiB of them).
    pub fn encode(&mut self, value: Option<f64>, scale: f64) -> Code {
        let Some(v) = value else {
            return Code::ABSENT;
        };
        if let Some(code) = encode(v, scale, FIRST_CODE) {
            return Code(code);
        }
        let place = self.0.len();
        assert!(
            place < SPILL_SLOTS as usize,
            "a spill holds at most 2^30 values"
        );
        self.0.push(v);
        Code(ABSENT + 1 + place as i32)
    }

    /// The value `code` stands for, exactly as given to [`Spill::encode`] on this spill.
    #[inline]
    pub fn decode(&self, code: Code, scale: f64) -> Option<f64> {
        match code.0 {
            c if c >= FIRST_CODE => Some(decode(c, scale)),
            ABSENT => None,
            c => self.0.get((c - ABSENT - 1) as usize).copied(),
        }
    }

    /// Number of values kept at full width.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when every value fit its code.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Releases the capacity left over from encoding.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
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
    fn a_collection_spill_gives_back_every_value_bit_for_bit() {
        let values = [
            Some(3.62),
            None,
            Some(1.0 / 3.0),
            Some(-0.0),
            Some(-1500.25),
            Some(2147.0),
            Some(0.1 + 0.2),
            Some(f64::INFINITY),
        ];
        let mut spill = Spill::default();
        let codes: Vec<Code> = values.iter().map(|&v| spill.encode(v, MICRO)).collect();
        for (code, value) in codes.iter().zip(&values) {
            assert_eq!(
                spill.decode(*code, MICRO).map(f64::to_bits),
                value.map(f64::to_bits),
                "{value:?}"
            );
        }
        // A third, -0.0, a value below the code range, 0.30000000000000004 and infinity.
        assert_eq!(spill.len(), 5);
        assert_eq!(codes[1], Code::ABSENT);
        let mut whole = Spill::default();
        for v in [i32::MIN, FIRST_CODE - 1, FIRST_CODE, 0, i32::MAX] {
            let code = whole.encode(Some(f64::from(v)), WHOLE);
            assert_eq!(whole.decode(code, WHOLE), Some(f64::from(v)));
        }
        assert_eq!(whole.len(), 2);
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
