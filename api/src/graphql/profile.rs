//! Views over a role's per-source profiles: pay, outlook, experience, education and
//! demographics. Pay is one record from one source (the pay rule, README "Pay"); the other
//! views merge their sources (first source that states a figure wins: the documents and
//! editorial sources in load order, then dataset releases newest first) and list the sources
//! they drew on.

use async_graphql::{Object, SimpleObject};
use entity::role_profile::Model as Profile;
use entity::vocab::Dimension;

use super::enums::EducationRequirement;
use super::kit::{At, View};
use super::source::Source;
use crate::error::GqlResult;
use crate::model::{RoleFacts, has_pay, requirement_rank};

/// The profiles of one role (or of one of its sources), with helpers to pick figures.
#[derive(Clone)]
pub struct Profiles {
    m: View,
    role: u32,
    /// Position of the one profile to use, when restricted to one source.
    only: Option<u32>,
}

impl Profiles {
    /// All profiles of the role at index `role`, or only the one at position `only`.
    pub(crate) fn new(m: View, role: u32, only: Option<u32>) -> Self {
        Self { m, role, only }
    }

    fn facts(&self) -> &RoleFacts {
        &self.m.facts[self.role as usize]
    }

    fn rows(&self) -> &[Profile] {
        let all = &self.facts().profiles;
        match self.only {
            Some(p) => std::slice::from_ref(&all[p as usize]),
            None => all,
        }
    }

    fn first<'a, T>(&'a self, pick: impl Fn(&'a Profile) -> Option<T>) -> Option<T> {
        self.rows().iter().find_map(pick)
    }

    fn sources_where(&self, states: impl Fn(&Profile) -> bool) -> GqlResult<Vec<Source>> {
        let mut ids: Vec<i32> = self
            .rows()
            .iter()
            .filter(|p| states(p))
            .map(|p| p.source_id)
            .collect();
        ids.dedup();
        ids.into_iter()
            .map(|id| Source::by_id(&self.m, id))
            .collect()
    }

    /// Restricts list facts (education, demographics) to the one source, when set.
    fn keeps(&self, source_id: i32) -> bool {
        self.only.is_none()
            || self
                .rows()
                .first()
                .is_some_and(|p| p.source_id == source_id)
    }
}

/// A yearly salary range in US dollars.
#[derive(SimpleObject, Clone, Copy)]
pub struct SalaryRange {
    /// Bottom of the range.
    pub low: i32,
    /// Top of the range.
    pub high: i32,
}

/// Yearly wage percentiles in US dollars (any may be unknown).
#[derive(SimpleObject, Clone, Copy)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: Option<i32>,
    /// 25th percentile.
    pub p25: Option<i32>,
    /// Median.
    pub p50: Option<i32>,
    /// 75th percentile.
    pub p75: Option<i32>,
    /// 90th percentile.
    pub p90: Option<i32>,
}

/// Hourly wage percentiles in US dollars (any may be unknown).
#[derive(SimpleObject, Clone, Copy)]
pub struct HourlyPercentiles {
    /// 10th percentile.
    pub p10: Option<f64>,
    /// 25th percentile.
    pub p25: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 75th percentile.
    pub p75: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
}

pub struct Pay(pub Profiles);

/// Whether a pay record describes the role itself or its whole occupation.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayKind {
    /// From a source describing this role (its document, or the editorial source).
    Role,
    /// A dataset release's figures for the role's whole occupation (BLS OEWS), shared by
    /// every role of that occupation.
    OccupationBenchmark,
}

/// What a role pays: one record, every figure from the one source in `sources`.
#[Object]
impl Pay {
    /// Whether these figures describe the role itself or its whole occupation; null when no
    /// source states pay.
    async fn basis(&self) -> Option<PayKind> {
        let source = self.0.rows().iter().find(|p| has_pay(p))?.source_id;
        let i = self.0.m.source_index_of_id(source)?;
        Some(if self.0.m.sources[i].as_of.is_some() {
            PayKind::OccupationBenchmark
        } else {
            PayKind::Role
        })
    }
    /// Average (mean) yearly salary, US dollars.
    async fn average_salary(&self) -> Option<i32> {
        self.0.first(|p| p.salary_mean)
    }
    /// Median yearly salary, US dollars.
    async fn median_salary(&self) -> Option<i32> {
        self.0.first(|p| p.salary_median)
    }
    /// The single yearly figure to compare roles by: the record's mean, else median, else
    /// range midpoint.
    async fn headline_salary(&self) -> Option<i32> {
        crate::model::headline_salary(self.0.rows())
    }
    /// Average hourly rate, US dollars.
    async fn hourly_rate(&self) -> Option<f64> {
        self.0.first(|p| p.hourly_mean)
    }
    /// Median hourly rate, US dollars.
    async fn hourly_median(&self) -> Option<f64> {
        self.0.first(|p| p.hourly_median)
    }
    /// Typical yearly salary range.
    async fn salary_range(&self) -> Option<SalaryRange> {
        self.0.first(|p| match (p.salary_low, p.salary_high) {
            (Some(low), Some(high)) => Some(SalaryRange { low, high }),
            _ => None,
        })
    }
    /// Yearly wage percentiles, from the first source that gives any.
    async fn percentiles(&self) -> Option<Percentiles> {
        self.0.first(|p| {
            let any = p
                .salary_p10
                .or(p.salary_p25)
                .or(p.salary_p75)
                .or(p.salary_p90);
            any.map(|_| Percentiles {
                p10: p.salary_p10,
                p25: p.salary_p25,
                p50: p.salary_median,
                p75: p.salary_p75,
                p90: p.salary_p90,
            })
        })
    }
    /// Hourly wage percentiles, from the first source that gives any.
    async fn hourly_percentiles(&self) -> Option<HourlyPercentiles> {
        self.0.first(|p| {
            let any = p
                .hourly_p10
                .or(p.hourly_p25)
                .or(p.hourly_p75)
                .or(p.hourly_p90);
            any.map(|_| HourlyPercentiles {
                p10: p.hourly_p10,
                p25: p.hourly_p25,
                p50: p.hourly_median,
                p75: p.hourly_p75,
                p90: p.hourly_p90,
            })
        })
    }
    /// How the source arrived at its figures, when it says.
    async fn note(&self) -> Option<&str> {
        self.0.first(|p| p.pay_note.as_deref())
    }
    /// City paying the role best.
    async fn highest_paying_city(&self) -> Option<&str> {
        self.0.first(|p| p.highest_paying_city.as_deref())
    }
    /// State paying the role best.
    async fn highest_paying_state(&self) -> Option<&str> {
        self.0.first(|p| p.highest_paying_state.as_deref())
    }
    /// Company paying the role best.
    async fn best_paying_company(&self) -> Option<&str> {
        self.0.first(|p| p.best_paying_company.as_deref())
    }
    /// Industry paying the role best.
    async fn best_paying_industry(&self) -> Option<&str> {
        self.0.first(|p| p.best_paying_industry.as_deref())
    }
    /// Sources these figures come from.
    async fn sources(&self) -> GqlResult<Vec<Source>> {
        self.0.sources_where(has_pay)
    }
}

pub struct Outlook(pub Profiles);

/// Demand for a role.
#[Object]
impl Outlook {
    /// Projected employment growth, percent.
    async fn growth_rate_pct(&self) -> Option<f64> {
        self.0.first(|p| p.growth_rate_pct)
    }
    /// The source's qualitative growth outlook, in our words.
    async fn growth_outlook(&self) -> Option<&str> {
        self.0.first(|p| p.growth_outlook.as_deref())
    }
    /// Number of jobs (employment).
    async fn jobs(&self) -> Option<i32> {
        self.0.first(|p| p.jobs_count)
    }
    /// Job satisfaction on a 0–5 scale.
    async fn job_satisfaction(&self) -> Option<f64> {
        self.0.first(|p| p.job_satisfaction)
    }
    /// Expected effect of AI on the role, in our words.
    async fn ai_impact(&self) -> Option<&str> {
        self.0.first(|p| p.ai_impact.as_deref())
    }
    /// Sources these figures come from.
    async fn sources(&self) -> GqlResult<Vec<Source>> {
        self.0.sources_where(|p| {
            p.growth_rate_pct.is_some()
                || p.growth_outlook.is_some()
                || p.jobs_count.is_some()
                || p.job_satisfaction.is_some()
                || p.ai_impact.is_some()
        })
    }
}

/// A range of numbers where either end may be unknown.
#[derive(SimpleObject, Clone, Copy)]
pub struct YearRange {
    /// Lower bound.
    pub min: Option<f64>,
    /// Upper bound.
    pub max: Option<f64>,
}

/// A whole-number range where either end may be unknown.
#[derive(SimpleObject, Clone, Copy)]
pub struct CountRange {
    /// Lower bound.
    pub min: Option<i64>,
    /// Upper bound.
    pub max: Option<i64>,
}

fn range(pair: (Option<f64>, Option<f64>)) -> Option<YearRange> {
    (pair.0.is_some() || pair.1.is_some()).then_some(YearRange {
        min: pair.0,
        max: pair.1,
    })
}

pub struct Experience(pub Profiles);

/// What it takes to hold a role: experience, scope, licences.
#[Object]
impl Experience {
    /// Years of (total) experience people in the role have.
    async fn years(&self) -> Option<YearRange> {
        self.0
            .first(|p| range((p.experience_years_min, p.experience_years_max)))
    }
    /// Years of management experience expected.
    async fn management_years(&self) -> Option<YearRange> {
        self.0
            .first(|p| range((p.management_years_min, p.management_years_max)))
    }
    /// Years it typically takes to become one.
    async fn years_to_become(&self) -> Option<YearRange> {
        self.0
            .first(|p| range((p.years_to_become_min, p.years_to_become_max)))
    }
    /// Yearly budget owned, US dollars.
    async fn budget(&self) -> Option<CountRange> {
        self.0.first(|p| {
            (p.budget_min.is_some() || p.budget_max.is_some()).then_some(CountRange {
                min: p.budget_min,
                max: p.budget_max,
            })
        })
    }
    /// Number of direct reports.
    async fn direct_reports(&self) -> Option<CountRange> {
        self.0.first(|p| {
            (p.direct_reports_min.is_some() || p.direct_reports_max.is_some()).then_some(
                CountRange {
                    min: p.direct_reports_min.map(i64::from),
                    max: p.direct_reports_max.map(i64::from),
                },
            )
        })
    }
    /// Licences needed, if the source says.
    async fn licenses(&self) -> Option<&str> {
        self.0.first(|p| p.licenses.as_deref())
    }
    /// Sources these figures come from.
    async fn sources(&self) -> GqlResult<Vec<Source>> {
        self.0.sources_where(|p| {
            p.experience_years_min.is_some()
                || p.management_years_min.is_some()
                || p.years_to_become_min.is_some()
                || p.budget_min.is_some()
                || p.direct_reports_min.is_some()
                || p.licenses.is_some()
        })
    }
}

super::kit::fact_type!(EducationItem, education, entity::role_education::Model);

/// One education requirement or norm.
#[Object]
impl EducationItem {
    /// Degree level: `bachelor`, `master`, `mba`...
    async fn level(&self) -> &str {
        &self.row().level
    }
    /// How strongly it is expected.
    async fn requirement(&self) -> EducationRequirement {
        self.row().requirement.into()
    }
    /// Fields of study, as stated.
    async fn fields(&self) -> Option<&str> {
        self.row().fields.as_deref()
    }
    /// Context, in our words.
    async fn note(&self) -> Option<&str> {
        self.row().note.as_deref()
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

/// A degree level, once, with what each source states about it.
pub struct DegreeItem {
    statements: Vec<EducationItem>,
}

impl DegreeItem {
    /// The strongest requirement its sources state (required, then typical, then preferred).
    fn strongest(&self) -> entity::vocab::EducationRequirement {
        self.statements
            .iter()
            .map(|s| s.row().requirement)
            .min_by_key(requirement_rank)
            .unwrap_or(self.statements[0].row().requirement)
    }
}

/// A degree level, once, with what each source states about it.
#[Object]
impl DegreeItem {
    /// Degree level: `bachelor`, `master`, `mba`...
    async fn level(&self) -> &str {
        self.statements
            .first()
            .map_or("", |s| s.row().level.as_str())
    }
    /// The strongest requirement any source states.
    async fn requirement(&self) -> EducationRequirement {
        self.strongest().into()
    }
    /// Each source's statement (requirement, fields, note, source), in source order.
    async fn statements(&self) -> Vec<EducationItem> {
        self.statements
            .iter()
            .map(|s| EducationItem(s.0.clone()))
            .collect()
    }
}

pub struct Education(pub Profiles);

/// Education of people in a role.
#[Object]
impl Education {
    /// Most common degree.
    async fn degree(&self) -> Option<&str> {
        self.0.first(|p| p.degree.as_deref())
    }
    /// Share of people holding the most common degree, percent.
    async fn degree_share_pct(&self) -> Option<f64> {
        self.0.first(|p| p.degree_share_pct)
    }
    /// Most common major.
    async fn major(&self) -> Option<&str> {
        self.0.first(|p| p.major.as_deref())
    }
    /// Most common college.
    async fn college(&self) -> Option<&str> {
        self.0.first(|p| p.college.as_deref())
    }
    /// Degree levels stated, each once, with every source's statement beside it (where
    /// several sources state one level), strongest requirement first, then in source order.
    /// `requirements` lists the per-source records.
    async fn degrees(&self) -> Vec<DegreeItem> {
        let facts = self.0.facts();
        let groups = match self.0.only {
            None => Some(&facts.degrees),
            Some(_) => self.0.rows().first().and_then(|p| {
                facts
                    .degrees_by_source
                    .iter()
                    .find(|(source, _)| *source == p.source_id)
                    .map(|(_, groups)| groups)
            }),
        };
        groups
            .into_iter()
            .flat_map(|groups| groups.iter())
            .map(|group| DegreeItem {
                statements: group
                    .iter()
                    .map(|&p| EducationItem(At::new(&self.0.m, self.0.role, p as usize)))
                    .collect(),
            })
            .collect()
    }
    /// Stated requirements and norms, in source order: one record per source statement.
    async fn requirements(&self) -> Vec<EducationItem> {
        let mut rows = EducationItem::all_of(&self.0.m, self.0.role);
        rows.retain(|r| self.0.keeps(r.row().source_id));
        rows
    }
    /// Sources of the degree figures.
    async fn sources(&self) -> GqlResult<Vec<Source>> {
        self.0
            .sources_where(|p| p.degree.is_some() || p.major.is_some())
    }
}

super::kit::fact_type!(
    DemographicShare,
    demographics,
    entity::role_demographic::Model
);

/// One group's share of a role's workforce.
#[Object]
impl DemographicShare {
    /// Group name as stated (e.g. `Female`, `Asian`).
    async fn group(&self) -> &str {
        &self.row().group_name
    }
    /// Share, percent.
    async fn share_pct(&self) -> f64 {
        self.row().share_pct
    }
    /// Where this comes from.
    async fn source(&self) -> GqlResult<Source> {
        Source::by_id(&self.0.m, self.row().source_id)
    }
}

pub struct Demographics(pub Profiles);

impl Demographics {
    fn shares(&self, dimension: Dimension) -> Vec<DemographicShare> {
        let mut rows: Vec<DemographicShare> = DemographicShare::all_of(&self.0.m, self.0.role);
        rows.retain(|r| r.row().dimension == dimension && self.0.keeps(r.row().source_id));
        // First source only, so shares add up to ~100; the model keeps each source's shares
        // largest first.
        if let Some(first) = rows.first().map(|r| r.row().source_id) {
            rows.retain(|r| r.row().source_id == first);
        }
        rows
    }
}

/// Who works in a role.
#[Object]
impl Demographics {
    /// Average age, years.
    async fn average_age(&self) -> Option<f64> {
        self.0.first(|p| p.average_age)
    }
    /// LGBT share, percent.
    async fn lgbt_share_pct(&self) -> Option<f64> {
        self.0.first(|p| p.lgbt_share_pct)
    }
    /// Gender shares, largest first.
    async fn gender(&self) -> Vec<DemographicShare> {
        self.shares(Dimension::Gender)
    }
    /// Race and ethnicity shares, largest first.
    async fn race(&self) -> Vec<DemographicShare> {
        self.shares(Dimension::Race)
    }
}

pub struct RoleProfile(pub Profiles);

impl RoleProfile {
    fn view(&self) -> Profiles {
        self.0.clone()
    }
}

/// Everything one source states about a role's figures.
#[Object]
impl RoleProfile {
    /// The source stating these figures.
    async fn source(&self) -> GqlResult<Option<Source>> {
        match (self.0.only, self.0.rows().first()) {
            (Some(_), Some(p)) => Source::by_id(&self.0.m, p.source_id).map(Some),
            _ => Ok(None),
        }
    }
    /// Pay figures from this source.
    async fn pay(&self) -> Pay {
        Pay(self.view())
    }
    /// Outlook figures from this source.
    async fn outlook(&self) -> Outlook {
        Outlook(self.view())
    }
    /// Experience figures from this source.
    async fn experience(&self) -> Experience {
        Experience(self.view())
    }
    /// Education facts from this source.
    async fn education(&self) -> Education {
        Education(self.view())
    }
    /// Demographics from this source.
    async fn demographics(&self) -> Demographics {
        Demographics(self.view())
    }
}
