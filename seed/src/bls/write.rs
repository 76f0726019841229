//! The by-area records' rules, and the writer of the source, the areas and the area wages.

use entity::vocab::SourceKind;
use entity::{area, area_wage, source};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::ConnectionTrait;

use super::parse::{AreaRecord, AreaWageRecord, DECIMAL, ParsedAreas, WHOLE};
use super::{AREA_ATTRIBUTION, AREA_SOURCE, AREAS_FILE, AreaImportReport, WAGES_FILE};
use crate::load::key_ids;
use crate::value::{NON_NEGATIVE, Name};
use crate::write::upsert;
use crate::{Broken, Rules, SeedError, Valid};

fn broken(field: &str, message: String) -> Broken {
    Broken {
        field: field.to_owned(),
        message,
    }
}

impl Rules for AreaRecord {
    /// The title is a name (trimmed); the codes were checked as the file was read.
    fn normalise(&mut self) -> Result<(), Broken> {
        self.title = Name::parse(&self.title)
            .map_err(|m| broken("AREA_TITLE", m))?
            .into();
        Ok(())
    }
}

impl Rules for AreaWageRecord {
    /// Counts and amounts are not negative; percentiles rise (p10 ≤ … ≤ p90), yearly and
    /// hourly.
    fn normalise(&mut self) -> Result<(), Broken> {
        let whole = self.whole.map(|v| v.map(f64::from));
        for (column, value) in WHOLE
            .iter()
            .zip(whole)
            .chain(DECIMAL.iter().zip(self.decimal))
        {
            NON_NEGATIVE
                .check_opt(value)
                .map_err(|m| broken(column, m))?;
        }
        // Annual p10…p90 are WHOLE[2..7]; hourly p10…p90 are DECIMAL[2..7].
        for (columns, values) in [
            (&WHOLE[2..], &whole[2..]),
            (&DECIMAL[2..7], &self.decimal[2..7]),
        ] {
            let present: Vec<(&str, f64)> = columns
                .iter()
                .zip(values)
                .filter_map(|(c, v)| v.map(|v| (*c, v)))
                .collect();
            for pair in present.windows(2) {
                if pair[1].1 < pair[0].1 {
                    let message = format!("{} is below {} ({})", pair[1].1, pair[0].0, pair[0].1);
                    return Err(broken(pair[1].0, message));
                }
            }
        }
        Ok(())
    }
}

/// Parses the records on their rules (the same [`Rules`] every writer applies); a broken
/// one names its file, record and column.
pub(super) fn parse_records(mut parsed: ParsedAreas) -> Result<Valid<ParsedAreas>, SeedError> {
    let fail = |file: &str, record: String, key: String, b: Broken| SeedError::Rule {
        file: file.to_owned(),
        facts: None,
        record,
        key: Some(key),
        field: b.field,
        message: b.message,
    };
    for (i, a) in parsed.areas.iter_mut().enumerate() {
        a.normalise()
            .map_err(|b| fail(AREAS_FILE, format!("areas[{i}]"), a.code.clone(), b))?;
    }
    for (i, w) in parsed.wages.iter_mut().enumerate() {
        let key = format!("{} in area {}", w.soc_code, parsed.areas[w.area].code);
        w.normalise()
            .map_err(|b| fail(WAGES_FILE, format!("wages[{i}]"), key, b))?;
    }
    Ok(Valid(parsed))
}

/// Area wage rows converted to database rows at a time (bounds the writer's memory).
const WRITE_CHUNK: usize = 10_000;

/// Writes the source, the areas and the area wages inside an open write.
pub(super) async fn areas(
    db: &impl ConnectionTrait,
    parsed: &Valid<ParsedAreas>,
    progress: bool,
) -> Result<AreaImportReport, SeedError> {
    let bar = if progress {
        indicatif::ProgressBar::new((1 + parsed.areas.len() + parsed.wages.len()) as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let source_row = source::ActiveModel {
        id: NotSet,
        key: Set(AREA_SOURCE.into()),
        title: Set("Occupational Employment and Wage Statistics, May 2025, by area".into()),
        kind: Set(SourceKind::Dataset),
        publisher: Set(Some("U.S. Bureau of Labor Statistics".into())),
        url: Set(Some("https://www.bls.gov/oes/".into())),
        attribution: Set(Some(AREA_ATTRIBUTION.into())),
        as_of: Set(Some("2025-05".into())),
    };
    upsert::<source::Entity, _>(db, vec![source_row], &bar).await?;
    let source_id = *key_ids::<source::Entity>(db, source::Column::Key, source::Column::Id)
        .await?
        .get(AREA_SOURCE)
        .ok_or_else(|| SeedError::Database(sea_orm::DbErr::RecordNotFound(AREA_SOURCE.into())))?;
    let area_rows = parsed.areas.iter().map(|a| area::ActiveModel {
        id: NotSet,
        code: Set(a.code.clone()),
        area_type: Set(a.area_type),
        state_fips: Set(a.state_fips.clone()),
        state_code: Set(a.state_code.clone()),
        title: Set(a.title.clone()),
    });
    let areas = upsert::<area::Entity, _>(db, area_rows.collect(), &bar).await?;
    let ids = key_ids::<area::Entity>(db, area::Column::Code, area::Column::Id).await?;
    let area_ids: Vec<i32> = parsed
        .areas
        .iter()
        .map(|a| {
            ids.get(&a.code)
                .copied()
                .ok_or_else(|| SeedError::Database(sea_orm::DbErr::RecordNotFound(a.code.clone())))
        })
        .collect::<Result<_, _>>()?;
    let mut area_wages = 0;
    for chunk in parsed.wages.chunks(WRITE_CHUNK) {
        let rows = chunk
            .iter()
            .map(|w| wage_row(area_ids[w.area], source_id, w))
            .collect();
        area_wages += upsert::<area_wage::Entity, _>(db, rows, &bar).await?;
    }
    bar.finish_and_clear();
    Ok(AreaImportReport {
        areas,
        area_wages,
        profiles: 0,
    })
}

fn wage_row(area_id: i32, source_id: i32, w: &AreaWageRecord) -> area_wage::ActiveModel {
    let [employment, a_mean, a10, a25, a50, a75, a90] = w.whole;
    let [emp_rse, h_mean, h10, h25, h50, h75, h90, mean_rse, jobs, lq] = w.decimal;
    area_wage::ActiveModel {
        id: NotSet,
        area_id: Set(area_id),
        source_id: Set(source_id),
        soc_code: Set(w.soc_code.clone()),
        employment: Set(employment),
        employment_rse: Set(emp_rse),
        hourly_mean: Set(h_mean),
        hourly_p10: Set(h10),
        hourly_p25: Set(h25),
        hourly_median: Set(h50),
        hourly_p75: Set(h75),
        hourly_p90: Set(h90),
        annual_mean: Set(a_mean),
        annual_p10: Set(a10),
        annual_p25: Set(a25),
        annual_median: Set(a50),
        annual_p75: Set(a75),
        annual_p90: Set(a90),
        mean_rse: Set(mean_rse),
        jobs_per_1000: Set(jobs),
        location_quotient: Set(lq),
        footnotes: Set(w.footnotes.clone()),
    }
}
