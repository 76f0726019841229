//! Two roles compared side by side ("X vs Y"): figures, skills, certifications, area pay.

use async_graphql::Object;
use entity::role_profile::Model as Profile;

use super::gap::SkillWeights;
use crate::career::gap::{Side, SkillSides};
use crate::error::GqlResult;
use crate::graphql::area::AreaPayComparison;
use crate::graphql::graph::{Certification, Role, Skill};
use crate::graphql::kit::{NumberComparison, SalaryChange, View};
use crate::graphql::source::Source;
use crate::service::career;
use crate::service::place::{self, AskedArea};

/// A skill with how each of two roles weights it.
pub struct SkillSideBySide {
    m: View,
    sides: SkillSides,
}

/// A skill with how each of two roles weights it.
#[Object]
impl SkillSideBySide {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.sides.skill_id)
    }
    /// Weights for role `a` (null when `a` does not list it).
    async fn a(&self) -> Option<SkillWeights> {
        self.sides.a.as_ref().map(Into::into)
    }
    /// Weights for role `b` (null when `b` does not list it).
    async fn b(&self) -> Option<SkillWeights> {
        self.sides.b.as_ref().map(Into::into)
    }
}

/// Two roles compared side by side ("X vs Y").
pub struct RoleComparison {
    pub(super) m: View,
    pub(super) a: usize,
    pub(super) b: usize,
    /// The area pay is compared in, when asked.
    pub(super) area: Option<AskedArea>,
}

impl RoleComparison {
    fn figure(&self, pick: impl Fn(&Profile) -> Option<f64>) -> NumberComparison {
        NumberComparison::of(
            self.m.facts[self.a].profiles.iter().find_map(&pick),
            self.m.facts[self.b].profiles.iter().find_map(&pick),
        )
    }

    fn skills(&self, side: Side) -> Vec<SkillSideBySide> {
        career::skill_sides(&self.m, self.a, self.b, side)
            .into_iter()
            .map(|sides| SkillSideBySide {
                m: self.m.clone(),
                sides,
            })
            .collect()
    }

    fn certifications(&self, side: Side) -> GqlResult<Vec<Certification>> {
        career::certification_sides(&self.m, self.a, self.b, side)
            .into_iter()
            .map(|id| Certification::by_id(&self.m, id))
            .collect()
    }
}

/// Two roles compared side by side ("X vs Y").
#[Object]
impl RoleComparison {
    /// The first role (all its figures are available on it).
    async fn a(&self) -> Role {
        Role::at(&self.m, self.a)
    }
    /// The second role.
    async fn b(&self) -> Role {
        Role::at(&self.m, self.b)
    }
    /// Headline yearly salary (each role's pay record, README "Pay"). The difference is like
    /// for like: `a` and `b` are the figures `salaryChange` compares when it can, and the
    /// difference is null when the two are not comparable.
    async fn headline_salary(&self) -> NumberComparison {
        let (a, b) = (&self.m.facts[self.a], &self.m.facts[self.b]);
        match place::move_salaries(&self.m, self.a, self.b, None).and_then(|s| s.pair) {
            Some((x, y)) => NumberComparison::of(Some(f64::from(x)), Some(f64::from(y))),
            None => NumberComparison {
                a: a.headline_salary.map(f64::from),
                b: b.headline_salary.map(f64::from),
                difference: None,
                percent: None,
            },
        }
    }
    /// Salary change from `a` to `b`, like for like (national figures; see `areaPay` for an
    /// area); null when either has no pay.
    async fn salary_change(&self) -> Option<SalaryChange> {
        place::move_salaries(&self.m, self.a, self.b, None).map(Into::into)
    }
    /// Average yearly salary.
    async fn average_salary(&self) -> NumberComparison {
        self.figure(|p| p.salary_mean.map(f64::from))
    }
    /// Average hourly rate.
    async fn hourly_rate(&self) -> NumberComparison {
        self.figure(|p| p.hourly_mean)
    }
    /// Bottom of the salary range.
    async fn salary_range_low(&self) -> NumberComparison {
        self.figure(|p| p.salary_low.map(f64::from))
    }
    /// Top of the salary range.
    async fn salary_range_high(&self) -> NumberComparison {
        self.figure(|p| p.salary_high.map(f64::from))
    }
    /// Projected growth, percent.
    async fn growth_rate_pct(&self) -> NumberComparison {
        self.figure(|p| p.growth_rate_pct)
    }
    /// Number of jobs.
    async fn jobs(&self) -> NumberComparison {
        self.figure(|p| p.jobs_count.map(f64::from))
    }
    /// Job satisfaction (0–5).
    async fn job_satisfaction(&self) -> NumberComparison {
        self.figure(|p| p.job_satisfaction)
    }
    /// Years of experience (lower bound).
    async fn experience_years(&self) -> NumberComparison {
        self.figure(|p| p.experience_years_min)
    }
    /// Years to become one (lower bound).
    async fn years_to_become(&self) -> NumberComparison {
        self.figure(|p| p.years_to_become_min)
    }
    /// Average age.
    async fn average_age(&self) -> NumberComparison {
        self.figure(|p| p.average_age)
    }
    /// Share holding the most common degree, percent.
    async fn degree_share_pct(&self) -> NumberComparison {
        self.figure(|p| p.degree_share_pct)
    }
    /// LGBT share, percent.
    async fn lgbt_share_pct(&self) -> NumberComparison {
        self.figure(|p| p.lgbt_share_pct)
    }
    /// Skills both roles list, most important first.
    async fn shared_skills(&self) -> Vec<SkillSideBySide> {
        self.skills(Side::Both)
    }
    /// Skills only role `a` lists.
    async fn skills_only_in_a(&self) -> Vec<SkillSideBySide> {
        self.skills(Side::OnlyA)
    }
    /// Skills only role `b` lists.
    async fn skills_only_in_b(&self) -> Vec<SkillSideBySide> {
        self.skills(Side::OnlyB)
    }
    /// Certifications both roles value.
    async fn shared_certifications(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(Side::Both)
    }
    /// Certifications only role `a` values.
    async fn certifications_only_in_a(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(Side::OnlyA)
    }
    /// Certifications only role `b` values.
    async fn certifications_only_in_b(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(Side::OnlyB)
    }
    /// Pay and employment compared in the asked `area` (BLS OEWS May 2025); null when no area
    /// was given.
    async fn area_pay(&self) -> Option<AreaPayComparison> {
        self.area.clone().map(|asked| AreaPayComparison {
            m: self.m.clone(),
            asked,
            a: self.a,
            b: self.b,
        })
    }
    /// Sources that compare these two roles directly.
    async fn documented_by(&self) -> GqlResult<Vec<Source>> {
        let b = self.b as u32;
        self.m.facts[self.a]
            .comparisons
            .iter()
            .filter(|&&(other, _)| other == b)
            .map(|&(_, source)| Source::by_id(&self.m, source))
            .collect()
    }
}
