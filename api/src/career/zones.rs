//! The job zones as the imported O*NET `Job Zone Reference` defines them, and the gaps between
//! them.
//!
//! A job-zone gap (the matching's zone cost, the transition gate `maxJobZoneGap`) is the
//! difference of two zones' ranks: their places in the reference ordered by SVP range (Specific
//! Vocational Preparation, the training time each zone asks), not the difference of their
//! numbers. A release that renumbers or merges zones changes the gaps accordingly; with the
//! O*NET 29.3 reference (zones 1–5, SVP rising) rank and number coincide. Without an imported
//! reference (curated-only data) the O*NET 1–5 definition is used.

/// A role's or person's job zone: its number as rated, and its rank in the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobZone {
    /// The zone's number (`Job Zone`), as roles are rated and filtered.
    pub number: i32,
    /// Its place (1-based) among the reference's zones ordered by SVP range.
    pub rank: i32,
}

impl JobZone {
    /// Steps from `self` up to `to` (negative: down).
    pub fn gap_to(self, to: JobZone) -> i32 {
        to.rank - self.rank
    }
}

/// One zone's definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneDefinition {
    pub number: i32,
    /// `Job Zone Three: Medium Preparation Needed`; empty for the built-in definition.
    pub name: String,
    /// Least SVP (inclusive); `None`: no lower bound.
    pub svp_min: Option<f64>,
    /// SVP the zone stays below; `None`: no upper bound.
    pub svp_max: Option<f64>,
}

/// The zones, ordered by SVP range.
#[derive(Clone, Debug, PartialEq)]
pub struct JobZones {
    zones: Vec<ZoneDefinition>,
    /// Whether the definition came from an imported reference (else O*NET's 1–5).
    pub imported: bool,
}

/// O*NET's five zones and their SVP ranges: the definition when none was imported.
const ONET_ZONES: [(i32, Option<f64>, Option<f64>); 5] = [
    (1, None, Some(4.0)),
    (2, Some(4.0), Some(6.0)),
    (3, Some(6.0), Some(7.0)),
    (4, Some(7.0), Some(8.0)),
    (5, Some(8.0), None),
];

/// The SVP level of a time of related experience (the Dictionary of Occupational Titles'
/// scale: level 2 up to a month, 3 up to three months, 4 up to six, 5 up to a year, 6 up to
/// two years, 7 up to four, 8 up to ten, 9 beyond): (years below which, level).
const SVP_BY_YEARS: [(f64, f64); 7] = [
    (1.0 / 12.0, 2.0),
    (0.25, 3.0),
    (0.5, 4.0),
    (1.0, 5.0),
    (2.0, 6.0),
    (4.0, 7.0),
    (10.0, 8.0),
];

impl Default for JobZones {
    fn default() -> Self {
        Self::onet()
    }
}

impl JobZones {
    /// O*NET's 1–5 definition (used when no reference was imported).
    pub fn onet() -> Self {
        Self {
            zones: ONET_ZONES
                .iter()
                .map(|&(number, svp_min, svp_max)| ZoneDefinition {
                    number,
                    name: String::new(),
                    svp_min,
                    svp_max,
                })
                .collect(),
            imported: false,
        }
    }

    /// The imported reference; O*NET's 1–5 when `zones` is empty.
    pub fn from_reference(mut zones: Vec<ZoneDefinition>) -> Self {
        if zones.is_empty() {
            return Self::onet();
        }
        zones.sort_by(|a, b| {
            let least = |z: &ZoneDefinition| z.svp_min.unwrap_or(f64::NEG_INFINITY);
            least(a).total_cmp(&least(b)).then(a.number.cmp(&b.number))
        });
        zones.dedup_by_key(|z| z.number);
        Self {
            zones,
            imported: true,
        }
    }

    /// The zones, ordered by SVP range.
    pub fn all(&self) -> &[ZoneDefinition] {
        &self.zones
    }

    /// The lowest and the highest zone number the reference defines (1 and 5 for O*NET's
    /// own): the bounds of the job-zone filters.
    pub fn number_range(&self) -> (i32, i32) {
        let numbers = || self.zones.iter().map(|z| z.number);
        (
            numbers().min().unwrap_or(ONET_ZONES[0].0),
            numbers().max().unwrap_or(ONET_ZONES[4].0),
        )
    }

    /// Zone `number`, ranked; `None` when the reference does not define it (unknown: gates
    /// pass and nothing is charged).
    pub fn zone(&self, number: i32) -> Option<JobZone> {
        let i = self.zones.iter().position(|z| z.number == number)?;
        Some(JobZone {
            number,
            rank: i32::try_from(i).ok()? + 1,
        })
    }

    /// The zone a person with `years` of related experience is likely ready for: the one
    /// whose SVP range holds the SVP level of that much preparation.
    pub fn for_experience(&self, years: f64) -> Option<JobZone> {
        let svp = SVP_BY_YEARS
            .iter()
            .find(|(below, _)| years < *below)
            .map_or(9.0, |(_, level)| *level);
        let z = self.zones.iter().find(|z| {
            z.svp_min.is_none_or(|min| svp >= min) && z.svp_max.is_none_or(|max| svp < max)
        })?;
        self.zone(z.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(number: i32, svp_min: Option<f64>, svp_max: Option<f64>) -> ZoneDefinition {
        ZoneDefinition {
            number,
            name: String::new(),
            svp_min,
            svp_max,
        }
    }

    #[test]
    fn without_a_reference_the_gap_is_the_difference_of_onet_numbers() {
        let z = JobZones::from_reference(Vec::new());
        assert!(!z.imported);
        let gap = |a, b| z.zone(a).zip(z.zone(b)).map(|(a, b)| a.gap_to(b));
        assert_eq!((gap(2, 5), gap(4, 3), gap(1, 6)), (Some(3), Some(-1), None));
    }

    #[test]
    fn a_renumbered_or_merged_reference_changes_the_gap() {
        // Zones renumbered 10–50 (listed out of order): five steps still, one per zone.
        let renumbered = JobZones::from_reference(vec![
            zone(30, Some(6.0), Some(7.0)),
            zone(10, None, Some(4.0)),
            zone(20, Some(4.0), Some(6.0)),
            zone(50, Some(8.0), None),
            zone(40, Some(7.0), Some(8.0)),
        ]);
        let gap = |z: &JobZones, a, b| z.zone(a).zip(z.zone(b)).map(|(a, b)| a.gap_to(b));
        assert_eq!(gap(&renumbered, 10, 50), Some(4));
        assert_eq!(gap(&renumbered, 20, 30), Some(1));
        assert_eq!(
            renumbered.number_range(),
            (10, 50),
            "the filters' bounds follow"
        );
        assert_eq!(JobZones::onet().number_range(), (1, 5));
        // Zones 2 and 3 merged into one (SVP 4 to < 7): 1 → 4 is two steps, not three.
        let merged = JobZones::from_reference(vec![
            zone(1, None, Some(4.0)),
            zone(2, Some(4.0), Some(7.0)),
            zone(4, Some(7.0), Some(8.0)),
            zone(5, Some(8.0), None),
        ]);
        assert_eq!(gap(&merged, 1, 4), Some(2));
        assert_eq!(gap(&JobZones::onet(), 1, 4), Some(3));
        assert_eq!(merged.zone(3), None);
        // A year and a half of experience: SVP 6, in the merged zone 2 (zone 3 in O*NET's).
        assert_eq!(merged.for_experience(1.5).map(|z| z.number), Some(2));
        assert_eq!(
            JobZones::onet().for_experience(1.5).map(|z| z.number),
            Some(3)
        );
    }

    #[test]
    fn experience_maps_to_onet_zones_through_svp() {
        let z = JobZones::onet();
        let number = |y| z.for_experience(y).map(|z| z.number);
        let years = [0.0, 0.2, 0.25, 0.9, 1.0, 1.9, 2.0, 3.9, 4.0, 20.0];
        let zones: Vec<_> = years.iter().map(|&y| number(y)).collect();
        let expected = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5].map(Some);
        assert_eq!(zones, expected);
    }
}
