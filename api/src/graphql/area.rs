//! Pay by area (BLS OEWS May 2025) as values: the areas, a role's occupation's wages in one
//! area, and two roles' pay compared in one area. Nothing here references a node: a role is
//! known by its index.

use std::sync::Arc;

use async_graphql::{Enum, Object, SimpleObject};

use super::enums::AreaType;
use super::kit::{NumberComparison, View};
use super::source::Source;
use crate::error::GqlResult;
use crate::model::place::{FOOTNOTE_FIELDS, Places, WageOrder};
use crate::service::place::{self, AskedArea};

/// An area BLS publishes pay for: the nation, a state or territory, or a metropolitan or
/// nonmetropolitan area.
#[derive(Clone)]
pub struct Area {
    p: Arc<Places>,
    i: u32,
}

impl Area {
    pub(crate) fn at(p: &Arc<Places>, i: usize) -> Self {
        Self {
            p: p.clone(),
            i: i as u32,
        }
    }

    fn row(&self) -> &entity::area::Model {
        &self.p.areas[self.i as usize]
    }
}

/// An area BLS publishes pay for: the nation, a state or territory, or a metropolitan or
/// nonmetropolitan area.
#[Object]
impl Area {
    /// BLS area code, e.g. `0600000` (California) or `0041940` (San Jose).
    async fn code(&self) -> &str {
        &self.row().code
    }
    /// Nation, state or metro area.
    #[graphql(name = "type")]
    async fn area_type(&self) -> AreaType {
        self.row().area_type.into()
    }
    /// BLS name, e.g. `California` or `San Jose-Sunnyvale-Santa Clara, CA`.
    async fn name(&self) -> &str {
        &self.row().title
    }
    /// Two-digit state FIPS code (`00` for the nation; a metro area's main state).
    async fn state_fips(&self) -> &str {
        &self.row().state_fips
    }
    /// USPS code of a state or territory, e.g. `CA`; null for the nation and metro areas.
    async fn state_code(&self) -> Option<&str> {
        self.row().state_code.as_deref()
    }
}

/// Pay: the mean and percentiles, hourly in US dollars or yearly in whole US dollars; null
/// where BLS did not publish a value (see `footnotes`).
#[derive(SimpleObject)]
#[graphql(
    concrete(name = "HourlyWages", params(f64)),
    concrete(name = "AnnualWages", params(i32))
)]
pub struct Wages<T: async_graphql::OutputType> {
    /// Mean.
    pub mean: Option<T>,
    /// 10th percentile.
    pub p10: Option<T>,
    /// 25th percentile.
    pub p25: Option<T>,
    /// Median.
    pub median: Option<T>,
    /// 75th percentile.
    pub p75: Option<T>,
    /// 90th percentile.
    pub p90: Option<T>,
}

impl<T: async_graphql::OutputType> From<[Option<T>; 6]> for Wages<T> {
    /// From mean, p10, p25, median, p75, p90.
    fn from([mean, p10, p25, median, p75, p90]: [Option<T>; 6]) -> Self {
        Self {
            mean,
            p10,
            p25,
            median,
            p75,
            p90,
        }
    }
}

/// Why BLS did not publish a value (or published a bound).
#[derive(SimpleObject)]
pub struct WageFootnote {
    /// The field it applies to, as this API names it, e.g. `annual.median` or `employment`.
    pub field: String,
    /// BLS footnote code: 4 hourly or annual pay only, 5 at least $115.00/hour or $239,200/year
    /// (top-coded), 8 estimate not released.
    pub code: i32,
    /// BLS's text for the code.
    pub text: String,
}

/// Employment and pay of a role's occupation in one area (BLS OEWS).
#[derive(Clone)]
pub struct AreaWage {
    /// For the source.
    m: View,
    p: Arc<Places>,
    i: u32,
}

impl AreaWage {
    pub(crate) fn at(m: &View, p: &Arc<Places>, i: usize) -> Self {
        Self {
            m: m.clone(),
            p: p.clone(),
            i: i as u32,
        }
    }

    fn row(&self) -> &crate::model::place::AreaWage {
        &self.p.wages[self.i as usize]
    }
}

/// Employment and pay of a role's occupation in one area (BLS OEWS). A value BLS did not publish
/// is null, and `footnotes` says why; nothing is estimated or converted.
#[Object]
impl AreaWage {
    /// The area.
    async fn area(&self) -> Area {
        Area::at(&self.p, self.row().area())
    }
    /// Jobs in the occupation in the area (excluding the self-employed).
    async fn employment(&self) -> Option<i32> {
        self.row().employment()
    }
    /// Relative standard error of `employment`, percent.
    async fn employment_rse(&self) -> Option<f64> {
        self.row().employment_rse()
    }
    /// Hourly pay.
    async fn hourly(&self) -> Wages<f64> {
        self.row().hourly().into()
    }
    /// Yearly pay.
    async fn annual(&self) -> Wages<i32> {
        self.row().annual().into()
    }
    /// Relative standard error of the mean wage, percent.
    async fn mean_rse(&self) -> Option<f64> {
        self.row().mean_rse()
    }
    /// Jobs in the occupation per 1,000 jobs in the area.
    async fn jobs_per_1000(&self) -> Option<f64> {
        self.row().jobs_per_1000()
    }
    /// The occupation's share of the area's jobs over its share of the nation's (1 = average).
    async fn location_quotient(&self) -> Option<f64> {
        self.row().location_quotient()
    }
    /// Why values are null (or bounded), one entry per field, in BLS order.
    async fn footnotes(&self) -> Vec<WageFootnote> {
        let set = self
            .p
            .footnote_sets
            .get(self.row().footnotes())
            .map_or(&[][..], Vec::as_slice);
        set.iter()
            .map(|&(field, code)| WageFootnote {
                field: FOOTNOTE_FIELDS
                    .get(field as usize)
                    .map_or("", |(_, api)| api)
                    .to_owned(),
                code: i32::from(code),
                text: seed::onet::footnote_text(code)
                    .unwrap_or("See the BLS OEWS footnotes.")
                    .to_owned(),
            })
            .collect()
    }
    /// Where this comes from (BLS OEWS May 2025).
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.m, self.row().source_id)
    }
}

/// How `wagesByArea` orders areas; values BLS did not publish sort last.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AreaWageOrder {
    /// Highest annual median first (a top-coded median is not published, so it sorts last).
    #[default]
    MedianDesc,
    /// Most jobs first.
    EmploymentDesc,
    /// Highest location quotient (concentration of the occupation) first.
    LocationQuotientDesc,
}

impl From<AreaWageOrder> for WageOrder {
    fn from(o: AreaWageOrder) -> Self {
        match o {
            AreaWageOrder::MedianDesc => WageOrder::MedianDesc,
            AreaWageOrder::EmploymentDesc => WageOrder::EmploymentDesc,
            AreaWageOrder::LocationQuotientDesc => WageOrder::LocationQuotientDesc,
        }
    }
}

/// Two roles' pay in one area.
pub struct AreaPayComparison {
    pub(crate) m: View,
    pub(crate) asked: AskedArea,
    pub(crate) a: usize,
    pub(crate) b: usize,
}

impl AreaPayComparison {
    /// Role `role`'s row in the area, as an index into the area wages.
    fn row_of(&self, role: usize) -> Option<usize> {
        place::role_wage(&self.m, &self.asked.places, role, self.asked.area)
    }

    fn wages(&self, role: usize) -> Option<&crate::model::place::AreaWage> {
        self.row_of(role).map(|w| &self.asked.places.wages[w])
    }

    fn area_wage(&self, role: usize) -> Option<AreaWage> {
        self.row_of(role)
            .map(|w| AreaWage::at(&self.m, &self.asked.places, w))
    }

    fn figure(
        &self,
        pick: impl Fn(&crate::model::place::AreaWage) -> Option<f64>,
    ) -> NumberComparison {
        NumberComparison::of(
            self.wages(self.a).and_then(&pick),
            self.wages(self.b).and_then(&pick),
        )
    }
}

/// Two roles' pay in one area (BLS OEWS May 2025).
#[Object]
impl AreaPayComparison {
    /// The area compared in.
    async fn area(&self) -> Area {
        Area::at(&self.asked.places, self.asked.area)
    }
    /// Role `a`'s employment and pay there; null when BLS has no estimate.
    async fn a(&self) -> Option<AreaWage> {
        self.area_wage(self.a)
    }
    /// Role `b`'s employment and pay there; null when BLS has no estimate.
    async fn b(&self) -> Option<AreaWage> {
        self.area_wage(self.b)
    }
    /// Annual median pay.
    async fn annual_median(&self) -> NumberComparison {
        self.figure(|w| w.annual_median().map(f64::from))
    }
    /// Annual mean pay.
    async fn annual_mean(&self) -> NumberComparison {
        self.figure(|w| w.annual()[0].map(f64::from))
    }
    /// Hourly median pay.
    async fn hourly_median(&self) -> NumberComparison {
        self.figure(|w| w.hourly()[3])
    }
    /// Employment.
    async fn employment(&self) -> NumberComparison {
        self.figure(|w| w.employment().map(f64::from))
    }
}
