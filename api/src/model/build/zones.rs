//! The imported Job Zone Reference as the engine's [`JobZones`].

use entity::job_zone;

use crate::career::zones::{JobZones, ZoneDefinition};

/// The zones of `rows`; O*NET's 1–5 when none were imported.
pub(super) fn job_zones(rows: &[job_zone::Model]) -> JobZones {
    JobZones::from_reference(
        rows.iter()
            .map(|z| ZoneDefinition {
                number: z.number,
                name: z.name.clone(),
                svp_min: z.svp_min,
                svp_max: z.svp_max,
            })
            .collect(),
    )
}
