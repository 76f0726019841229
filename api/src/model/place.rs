//! Areas and pay by area (BLS OEWS by area), indexed for the place questions: an area by code,
//! USPS code or exact name; an occupation's wages in one area (by SOC code, then area); an
//! occupation's areas of one type in each listing order.
//!
//! Area wages are the largest table the model holds (about 217,000 rows, most of a model
//! build's time), and only a BLS by-area import or a dataset REPLACE changes them. So they are
//! not read with the rest of the model: each model holds a [`PlaceSlot`] for the area version it
//! saw (`data_version.area_version`), a model built after any other write shares the previous
//! model's slot, and a slot is filled once, in the background right after its model is
//! installed or by the first question that needs it, whichever comes first (a question that
//! comes first waits for it). A later start is therefore ready before the area wages are read.
//!
//! Each row is kept compact: absent whole numbers are `i32::MIN` and decimals exact
//! fixed-point codes ([`Decimals`]), behind `Option` accessors, and the footnote strings are
//! interned.

use std::collections::HashMap;
use std::sync::Arc;

use entity::vocab::AreaType;
use entity::{area, area_wage};
use futures_util::TryStreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, StreamTrait};

use super::compact::{Decimals, MICRO};
use crate::error::{ApiError, ApiResult};

/// BLS column names and the API field each one fills, in footnote-field index order.
pub const FOOTNOTE_FIELDS: [(&str, &str); 17] = [
    ("TOT_EMP", "employment"),
    ("EMP_PRSE", "employmentRse"),
    ("H_MEAN", "hourly.mean"),
    ("A_MEAN", "annual.mean"),
    ("MEAN_PRSE", "meanRse"),
    ("H_PCT10", "hourly.p10"),
    ("H_PCT25", "hourly.p25"),
    ("H_MEDIAN", "hourly.median"),
    ("H_PCT75", "hourly.p75"),
    ("H_PCT90", "hourly.p90"),
    ("A_PCT10", "annual.p10"),
    ("A_PCT25", "annual.p25"),
    ("A_MEDIAN", "annual.median"),
    ("A_PCT75", "annual.p75"),
    ("A_PCT90", "annual.p90"),
    ("JOBS_1000", "jobsPer1000"),
    ("LOC_QUOTIENT", "locationQuotient"),
];

/// Orders of an occupation's areas (see [`SocWages::orders`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WageOrder {
    /// Annual median, highest first.
    MedianDesc = 0,
    /// Employment, highest first.
    EmploymentDesc = 1,
    /// Location quotient, highest first.
    LocationQuotientDesc = 2,
}

const ABSENT_WHOLE: i32 = i32::MIN;

/// One occupation in one area. Percentile arrays are mean, p10, p25, median, p75, p90.
#[derive(Clone, Debug)]
pub struct AreaWage {
    /// Index into [`Places::areas`] (BLS publishes under 1,000 areas).
    area: u16,
    /// Index of the row's SOC code in [`Places`]' code list (the rows of one code are
    /// contiguous; kept because it fits in the row's padding).
    soc: u16,
    /// Index into [`Places::footnote_sets`] (0: none).
    footnotes: u16,
    pub source_id: i32,
    employment: i32,
    annual: [i32; 6],
    /// Employment RSE, mean RSE, jobs per 1,000, location quotient, then hourly pay (see
    /// [`AreaWage::hourly`]), as exact fixed-point codes.
    decimals: Decimals<10>,
}

/// Scales of [`AreaWage`]'s decimals: BLS states RSEs, jobs per 1,000 and location quotients
/// to a few places and hourly pay in cents (a value with more places keeps its full width).
const WAGE_SCALES: [f64; 10] = [MICRO; 10];

fn whole(v: Option<i32>) -> i32 {
    v.unwrap_or(ABSENT_WHOLE)
}
fn opt_whole(v: i32) -> Option<i32> {
    (v != ABSENT_WHOLE).then_some(v)
}

impl AreaWage {
    /// Index of the area in [`Places::areas`].
    pub fn area(&self) -> usize {
        usize::from(self.area)
    }
    /// Index into [`Places::footnote_sets`] (0: none).
    pub fn footnotes(&self) -> usize {
        usize::from(self.footnotes)
    }
    pub fn employment(&self) -> Option<i32> {
        opt_whole(self.employment)
    }
    /// Yearly pay: mean, p10, p25, median, p75, p90 (US dollars).
    pub fn annual(&self) -> [Option<i32>; 6] {
        self.annual.map(opt_whole)
    }
    pub fn annual_median(&self) -> Option<i32> {
        opt_whole(self.annual[3])
    }
    /// Hourly pay: mean, p10, p25, median, p75, p90 (US dollars).
    pub fn hourly(&self) -> [Option<f64>; 6] {
        std::array::from_fn(|k| self.decimal(4 + k))
    }
    pub fn employment_rse(&self) -> Option<f64> {
        self.decimal(0)
    }
    pub fn mean_rse(&self) -> Option<f64> {
        self.decimal(1)
    }
    pub fn jobs_per_1000(&self) -> Option<f64> {
        self.decimal(2)
    }
    pub fn location_quotient(&self) -> Option<f64> {
        self.decimal(3)
    }
    fn decimal(&self, i: usize) -> Option<f64> {
        self.decimals.get(i, &WAGE_SCALES)
    }
}

/// An occupation's rows: `wages[start..end]`, by area index, and its listing orders.
#[derive(Debug, Default)]
pub struct SocWages {
    start: u32,
    end: u32,
    /// Per area type (nation, state, metro), per [`WageOrder`]: indices into
    /// [`Places::wages`], unknown values last, ties by area order.
    orders: [[Vec<u32>; 3]; 3],
}

/// The rows as read in the model's transaction.
#[derive(Default)]
pub struct PlaceRows {
    areas: Vec<area::Model>,
    /// In database order, with `area` already an index into `areas` and `soc` into
    /// `soc_codes`.
    wages: Vec<AreaWage>,
    /// Interned footnote strings, index 0 empty.
    footnote_texts: Vec<String>,
    /// SOC codes in first-seen order.
    soc_codes: Vec<String>,
}

/// Areas and area wages, indexed.
#[derive(Debug, Default)]
pub struct Places {
    /// Nation first, then states, then metro areas, each by title.
    pub areas: Vec<area::Model>,
    /// Lower-case titles, parallel to `areas`.
    titles_lower: Vec<String>,
    by_code: HashMap<String, u32>,
    by_usps: HashMap<String, u32>,
    by_title: HashMap<String, u32>,
    /// One row per (SOC code, area): the newest source's (highest source id).
    pub wages: Vec<AreaWage>,
    socs: Vec<SocWages>,
    soc_index: HashMap<String, u32>,
    /// Parsed footnotes: (index into [`FOOTNOTE_FIELDS`], code); index 0 is empty.
    pub footnote_sets: Vec<Vec<(u8, u8)>>,
}

fn type_rank(t: AreaType) -> usize {
    match t {
        AreaType::Nation => 0,
        AreaType::State => 1,
        AreaType::Metro => 2,
    }
}

/// The area wage columns [`read`] decodes, by position: area, source, SOC code, footnotes,
/// employment, the six yearly figures, the four statistics, the six hourly figures (the order
/// of [`AreaWage`]'s arrays).
const WAGE_COLUMNS: [area_wage::Column; 21] = {
    use area_wage::Column as C;
    [
        C::AreaId,
        C::SourceId,
        C::SocCode,
        C::Footnotes,
        C::Employment,
        C::AnnualMean,
        C::AnnualP10,
        C::AnnualP25,
        C::AnnualMedian,
        C::AnnualP75,
        C::AnnualP90,
        C::EmploymentRse,
        C::MeanRse,
        C::JobsPer1000,
        C::LocationQuotient,
        C::HourlyMean,
        C::HourlyP10,
        C::HourlyP25,
        C::HourlyMedian,
        C::HourlyP75,
        C::HourlyP90,
    ]
};

/// Reads the areas, then streams the area wages into compact rows (raw rows are dropped as
/// they are decoded; values are taken by position, which decodes about a fifth faster than
/// building each row's entity model first).
pub async fn read(c: &sea_orm::DatabaseTransaction) -> ApiResult<PlaceRows> {
    let mut areas: Vec<area::Model> = area::Entity::find()
        .order_by_asc(area::Column::Id)
        .all(c)
        .await?;
    areas.sort_by(|a, b| {
        (type_rank(a.area_type), &a.title, &a.code).cmp(&(
            type_rank(b.area_type),
            &b.title,
            &b.code,
        ))
    });
    if areas.len() > usize::from(u16::MAX) {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "area wages: more than 65,535 areas"
        )));
    }
    let area_of_id: HashMap<i32, u16> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i as u16))
        .collect();
    let mut footnote_index: HashMap<String, u16> = HashMap::new();
    let mut footnote_texts = vec![String::new()];
    let mut soc_index: HashMap<String, u16> = HashMap::new();
    let mut soc_codes = Vec::new();
    // Sized once from a count in the same snapshot: growing a vector of 200,000 rows by
    // doubling would hold the old and the new buffer at once, the build's largest transient.
    let mut wages = Vec::with_capacity(count_wages(c).await?);
    let select = sea_orm::sea_query::Query::select()
        .columns(WAGE_COLUMNS)
        .from(area_wage::Entity)
        .order_by(area_wage::Column::Id, sea_orm::Order::Asc)
        .to_owned();
    let statement = ConnectionTrait::get_database_backend(c).build(&select);
    let mut stream = c.stream_raw(statement).await?;
    while let Some(row) = stream.try_next().await? {
        let Some(&area) = area_of_id.get(&row.try_get_by_index::<i32>(0)?) else {
            continue;
        };
        let footnotes = match row.try_get_by_index::<Option<String>>(3)? {
            Some(text) if !text.is_empty() => intern(
                &mut footnote_index,
                &mut footnote_texts,
                text,
                "footnote sets",
            )?,
            _ => 0,
        };
        let soc = intern(
            &mut soc_index,
            &mut soc_codes,
            row.try_get_by_index::<String>(2)?,
            "SOC codes",
        )?;
        let whole_at = |i: usize| row.try_get_by_index::<Option<i32>>(i).map(whole);
        let mut annual = [ABSENT_WHOLE; 6];
        for (k, value) in annual.iter_mut().enumerate() {
            *value = whole_at(5 + k)?;
        }
        // Stats (columns 11–14), then hourly pay (15–20).
        let mut decimals = [None; 10];
        for (k, value) in decimals.iter_mut().enumerate() {
            *value = row.try_get_by_index::<Option<f64>>(11 + k)?;
        }
        wages.push(AreaWage {
            area,
            soc,
            footnotes,
            source_id: row.try_get_by_index(1)?,
            employment: whole_at(4)?,
            annual,
            decimals: Decimals::new(decimals, &WAGE_SCALES),
        });
    }
    Ok(PlaceRows {
        areas,
        wages,
        footnote_texts,
        soc_codes,
    })
}

/// The number of area wage rows (an upper bound of what [`read`] keeps).
async fn count_wages(c: &sea_orm::DatabaseTransaction) -> ApiResult<usize> {
    use sea_orm::PaginatorTrait;
    let n = area_wage::Entity::find().count(c).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The `u16` index of `text` in `list`, added when new; an error past 65,535 distinct values
/// (BLS has under 1,000 areas, about 830 SOC codes and a few dozen footnote sets).
fn intern(
    index: &mut HashMap<String, u16>,
    list: &mut Vec<String>,
    text: String,
    what: &str,
) -> ApiResult<u16> {
    if let Some(&i) = index.get(&text) {
        return Ok(i);
    }
    let i = u16::try_from(list.len())
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("area wages: more than 65,535 {what}")))?;
    list.push(text.clone());
    index.insert(text, i);
    Ok(i)
}

/// A model's areas and area wages at one area version, filled once (see the module docs).
/// Cloning shares the slot.
#[derive(Clone)]
pub struct PlaceSlot(Arc<SlotInner>);

struct SlotInner {
    /// `data_version.area_version` the owning model saw.
    area_version: i64,
    /// Where to read from; `None` for a slot made full.
    db: Option<DatabaseConnection>,
    places: tokio::sync::OnceCell<Arc<Places>>,
}

impl std::fmt::Debug for PlaceSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaceSlot")
            .field("area_version", &self.0.area_version)
            .field("loaded", &self.0.places.initialized())
            .finish()
    }
}

impl Default for PlaceSlot {
    /// A full slot without areas (the empty model's).
    fn default() -> Self {
        Self::full(-1, Places::default())
    }
}

impl PlaceSlot {
    /// A slot to be filled from `db`, for a model that saw `area_version`.
    pub fn new(db: DatabaseConnection, area_version: i64) -> Self {
        Self(Arc::new(SlotInner {
            area_version,
            db: Some(db),
            places: tokio::sync::OnceCell::new(),
        }))
    }

    /// A slot holding `places` already.
    pub fn full(area_version: i64, places: Places) -> Self {
        Self(Arc::new(SlotInner {
            area_version,
            db: None,
            places: tokio::sync::OnceCell::new_with(Some(Arc::new(places))),
        }))
    }

    /// The area version the slot was made for.
    pub fn area_version(&self) -> i64 {
        self.0.area_version
    }

    /// The places, when already read.
    pub fn ready(&self) -> Option<&Arc<Places>> {
        self.0.places.get()
    }

    /// The places: read and indexed on the first call, which later and concurrent calls wait
    /// for (a failed read is retried by the next call).
    pub async fn get(&self) -> ApiResult<Arc<Places>> {
        let places = self
            .0
            .places
            .get_or_try_init(|| async {
                let db = self.0.db.as_ref().ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!(
                        "area wages: the slot has neither data nor a database"
                    ))
                })?;
                let started = std::time::Instant::now();
                let (area_version, rows) = read_in_transaction(db).await?;
                if area_version != self.0.area_version {
                    // Written since the model was read: a newer model (and slot) follows.
                    tracing::debug!(
                        wanted = self.0.area_version,
                        read = area_version,
                        "area wages changed while loading"
                    );
                }
                let read_ms = started.elapsed().as_millis() as u64;
                let places = tokio::task::spawn_blocking(move || Places::build(rows))
                    .await
                    .map_err(|e| ApiError::Internal(anyhow::anyhow!("indexing area wages: {e}")))?;
                tracing::info!(
                    area_version,
                    areas = places.areas.len(),
                    area_wages = places.wages.len(),
                    read_ms,
                    total_ms = started.elapsed().as_millis() as u64,
                    "area wages loaded"
                );
                Ok::<_, ApiError>(Arc::new(places))
            })
            .await?;
        Ok(places.clone())
    }

    /// Starts reading in the background unless already read (errors are logged; the next
    /// [`PlaceSlot::get`] retries).
    pub fn prefetch(&self) {
        if self.ready().is_some() {
            return;
        }
        let slot = self.clone();
        tokio::spawn(async move {
            if let Err(e) = slot.get().await {
                tracing::warn!(error = ?e, "reading the area wages failed; the next question retries");
            }
        });
    }
}

/// The area version and the area rows, read in one snapshot transaction.
async fn read_in_transaction(db: &DatabaseConnection) -> ApiResult<(i64, PlaceRows)> {
    let txn = super::snapshot_transaction(db).await?;
    let (_, area_version) = super::versions(&txn).await?;
    let rows = read(&txn).await?;
    txn.commit().await?;
    Ok((area_version, rows))
}

/// `FIELD=code` pairs as (field index, code); unknown fields or codes are skipped (the importer
/// checks them).
fn parse_footnotes(text: &str) -> Vec<(u8, u8)> {
    text.split(';')
        .filter_map(|pair| {
            let (field, code) = pair.split_once('=')?;
            let field = FOOTNOTE_FIELDS.iter().position(|(f, _)| *f == field)?;
            Some((field as u8, code.parse().ok()?))
        })
        .collect()
}

/// The first seven characters of an O*NET-SOC code: its SOC code.
pub fn soc_of_onet(code: &str) -> Option<&str> {
    code.get(..7)
}

impl Places {
    /// Indexes the rows.
    pub fn build(rows: PlaceRows) -> Self {
        let PlaceRows {
            areas,
            mut wages,
            footnote_texts,
            soc_codes,
        } = rows;
        // SOC codes in code order; rows by (SOC, area, newest source first), one per pair.
        // Everything is sorted in place: no second copy of the rows.
        let mut by_code: Vec<u16> = (0..soc_codes.len() as u16).collect();
        by_code
            .sort_unstable_by(|&a, &b| soc_codes[usize::from(a)].cmp(&soc_codes[usize::from(b)]));
        let mut rank = vec![0u16; soc_codes.len()];
        for (new, &old) in by_code.iter().enumerate() {
            rank[usize::from(old)] = new as u16;
        }
        for w in &mut wages {
            w.soc = rank[usize::from(w.soc)];
        }
        // Keys are unique ((area, SOC, source) is the table's unique key), so the unstable
        // (allocation-free) sort gives one order.
        wages.sort_unstable_by_key(|w| (w.soc, w.area, std::cmp::Reverse(w.source_id)));
        wages.dedup_by(|later, first| later.soc == first.soc && later.area == first.area);
        wages.shrink_to_fit();
        let mut socs: Vec<SocWages> = (0..soc_codes.len()).map(|_| SocWages::default()).collect();
        let mut start = 0usize;
        while start < wages.len() {
            let soc = wages[start].soc;
            let end = start + wages[start..].iter().take_while(|w| w.soc == soc).count();
            let entry = &mut socs[usize::from(soc)];
            entry.start = start as u32;
            entry.end = end as u32;
            entry.orders = listing_orders(&areas, &wages, start..end);
            start = end;
        }
        let soc_index: HashMap<String, u32> = by_code
            .iter()
            .enumerate()
            .map(|(new, &old)| (soc_codes[usize::from(old)].clone(), new as u32))
            .collect();
        let index = |key: fn(&area::Model) -> Option<String>| -> HashMap<String, u32> {
            areas
                .iter()
                .enumerate()
                .filter_map(|(i, a)| Some((key(a)?, i as u32)))
                .collect()
        };
        Self {
            titles_lower: areas.iter().map(|a| a.title.to_lowercase()).collect(),
            by_code: index(|a| Some(a.code.clone())),
            by_usps: index(|a| a.state_code.as_ref().map(|c| c.to_ascii_uppercase())),
            by_title: index(|a| Some(a.title.to_lowercase())),
            areas,
            wages,
            socs,
            soc_index,
            footnote_sets: footnote_texts.iter().map(|t| parse_footnotes(t)).collect(),
        }
    }

    /// The area with this code, USPS code or exact title (case-insensitive).
    pub fn find_area(&self, text: &str) -> Option<usize> {
        let text = text.trim();
        self.by_code
            .get(text)
            .or_else(|| self.by_usps.get(&text.to_ascii_uppercase()))
            .or_else(|| self.by_title.get(&text.to_lowercase()))
            .map(|&i| i as usize)
    }

    /// The nation.
    pub fn national(&self) -> Option<usize> {
        self.areas
            .first()
            .filter(|a| a.area_type == AreaType::Nation)
            .map(|_| 0)
    }

    /// Lower-case titles, parallel to `areas`.
    pub fn titles_lower(&self) -> &[String] {
        &self.titles_lower
    }

    /// The SOC index of an O*NET-SOC code's occupation (a role's `onet_code`).
    pub fn soc_of_onet_code(&self, onet_code: Option<&str>) -> Option<usize> {
        self.soc_index(soc_of_onet(onet_code?)?)
    }

    /// The SOC index of a SOC code.
    pub fn soc_index(&self, code: &str) -> Option<usize> {
        self.soc_index.get(code).map(|&i| i as usize)
    }

    /// The row of occupation `soc` in `area`, as an index into `wages`.
    pub fn wage(&self, soc: usize, area: usize) -> Option<usize> {
        let s = self.socs.get(soc)?;
        let rows = &self.wages[s.start as usize..s.end as usize];
        rows.binary_search_by_key(&area, AreaWage::area)
            .ok()
            .map(|i| s.start as usize + i)
    }

    /// Occupation `soc`'s rows in areas of `kind`, in `order` (indices into `wages`).
    pub fn ordered(&self, soc: usize, kind: AreaType, order: WageOrder) -> &[u32] {
        self.socs
            .get(soc)
            .map_or(&[][..], |s| &s.orders[type_rank(kind)][order as usize])
    }
}

/// Per area type and order, the rows of one occupation (`range` of `wages`).
fn listing_orders(
    areas: &[area::Model],
    wages: &[AreaWage],
    range: std::ops::Range<usize>,
) -> [[Vec<u32>; 3]; 3] {
    let mut out: [[Vec<u32>; 3]; 3] = Default::default();
    for (t, per_type) in out.iter_mut().enumerate() {
        let rows: Vec<u32> = range
            .clone()
            .filter(|&i| type_rank(areas[wages[i].area()].area_type) == t)
            .map(|i| i as u32)
            .collect();
        let keys: [fn(&AreaWage) -> Option<f64>; 3] = [
            |w| w.annual_median().map(f64::from),
            |w| w.employment().map(f64::from),
            AreaWage::location_quotient,
        ];
        for (list, key) in per_type.iter_mut().zip(keys) {
            let mut sorted = rows.clone();
            sorted.sort_by(|&a, &b| {
                let (wa, wb) = (&wages[a as usize], &wages[b as usize]);
                let (ka, kb) = (key(wa), key(wb));
                ka.is_none()
                    .cmp(&kb.is_none())
                    .then_with(|| kb.unwrap_or(0.0).total_cmp(&ka.unwrap_or(0.0)))
                    .then(wa.area.cmp(&wb.area))
            });
            *list = sorted;
        }
    }
    out
}

#[cfg(test)]
mod tests;
