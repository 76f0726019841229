//! Role profiles derived from the release's national figures.

use std::collections::HashMap;

use entity::vocab::AreaType;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use super::AREA_SOURCE;
use super::footnotes::unpublished_note;
use super::parse::{AreaWageRecord, ParsedAreas};
use crate::dataset::ProfileRecord;
use crate::{SeedError, Valid};

/// The release's national figures as role profiles citing it: one per role (O*NET or curated)
/// whose O*NET code's SOC code has a national row. A figure BLS did not publish stays absent,
/// and the profile's pay note names those fields and BLS's reason.
pub(super) async fn national(
    db: &impl ConnectionTrait,
    parsed: &ParsedAreas,
) -> Result<Valid<crate::Dataset>, SeedError> {
    let Some(nation) = parsed
        .areas
        .iter()
        .position(|a| a.area_type == AreaType::Nation)
    else {
        return crate::parse_records(crate::Dataset::default());
    };
    let national: HashMap<&str, &AreaWageRecord> = parsed
        .wages
        .iter()
        .filter(|w| w.area == nation)
        .map(|w| (w.soc_code.as_str(), w))
        .collect();
    let roles: Vec<(String, Option<String>)> = entity::role::Entity::find()
        .select_only()
        .column(entity::role::Column::Slug)
        .column(entity::role::Column::OnetCode)
        .into_tuple()
        .all(db)
        .await?;
    let mut profiles: Vec<ProfileRecord> = roles
        .into_iter()
        .filter_map(|(slug, onet)| {
            let w = national.get(onet.as_deref()?.get(..7)?)?;
            Some(national_profile(slug, w))
        })
        .collect();
    profiles.sort_by(|a, b| a.role.cmp(&b.role));
    crate::parse_records(crate::Dataset {
        facts: vec![crate::FactFile {
            file: AREA_SOURCE.into(),
            source: AREA_SOURCE.into(),
            profiles,
            ..crate::FactFile::default()
        }],
        ..crate::Dataset::default()
    })
}

/// One role's profile from its occupation's national row.
pub(super) fn national_profile(role: String, w: &AreaWageRecord) -> ProfileRecord {
    let [employment, a_mean, a10, a25, a50, a75, a90] = w.whole;
    let [_, h_mean, h10, h25, h50, h75, h90, ..] = w.decimal;
    ProfileRecord {
        role,
        salary_mean: a_mean,
        salary_p10: a10,
        salary_p25: a25,
        salary_median: a50,
        salary_p75: a75,
        salary_p90: a90,
        hourly_mean: h_mean,
        hourly_p10: h10,
        hourly_p25: h25,
        hourly_median: h50,
        hourly_p75: h75,
        hourly_p90: h90,
        jobs_count: employment,
        pay_note: w.footnotes.as_deref().and_then(unpublished_note),
        ..ProfileRecord::default()
    }
}
