//! Planning from a person: `matchRoles` and `learnNext`. Resolvers map arguments, call `service::planning` and map the result.

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::enums::MoveKind;
use super::graph::{Certification, Role, Skill};
use super::kit::{SalaryChange, View, round};
use crate::career::matching::{Lesson, NeedMet, Person, RoleFit};
use crate::career::similarity::{Need, SimilarGates};
use crate::error::GqlResult;
use crate::service::check::{self, Bounds};
use crate::service::place;
use crate::service::planning::{self, Between, MatchConditions, ProfileRequest, SkillClaim};

/// A skill a person has.
#[derive(InputObject, Clone, Debug)]
pub struct SkillClaimInput {
    /// The skill's slug or exact name (case-insensitive), e.g. `programming` or `Programming`.
    pub skill: String,
    /// Level on O*NET's 0–7 scale; omitted means "at the level roles ask for".
    pub level: Option<f64>,
}

/// A person: where they are and what they can do.
#[derive(InputObject, Clone, Debug, Default)]
pub struct ProfileInput {
    /// Slug of the current role: the base for pay change, job-zone step and `reachableBy`.
    pub current_role: Option<String>,
    /// Skills held, each with an optional level.
    #[graphql(default_with = "Some(Vec::new())")]
    pub skills: Option<Vec<SkillClaimInput>>,
    /// Area for pay figures (`payChange`, `payUpside`, `bestUnlockedPay`: annual medians there,
    /// BLS OEWS May 2025), as in `Role.wages(area:)`; headline salaries when omitted. Ranking
    /// and the pay gate use headline salaries.
    pub area: Option<String>,
    /// Years of work experience: without `currentRole`, sets the job zone the person is
    /// ready for (O*NET's bands: under 3 months 1, under 1 year 2, under 2 years 3, under 4
    /// years 4, else 5).
    pub years_experience: Option<f64>,
}

impl From<ProfileInput> for ProfileRequest {
    fn from(p: ProfileInput) -> Self {
        Self {
            current_role: p.current_role,
            skills: p
                .skills
                .unwrap_or_default()
                .into_iter()
                .map(|c| SkillClaim {
                    skill: c.skill,
                    level: c.level,
                })
                .collect(),
            area: p.area,
            years_experience: p.years_experience,
        }
    }
}

/// Conditions every role returned by `matchRoles` meets.
#[derive(InputObject, Clone, Debug, Default)]
pub struct MatchFilter {
    /// Least score, 0–1.
    pub min_score: Option<f64>,
    /// Least O*NET job zone, a zone number of the imported Job Zone Reference (1–5 in O*NET
    /// 29.3; roles of unknown job zone are left out when set).
    pub job_zone_min: Option<i32>,
    /// Greatest O*NET job zone, a zone number of the imported Job Zone Reference.
    pub job_zone_max: Option<i32>,
    /// Least headline yearly pay, US dollars (roles of unknown pay are left out when set).
    pub min_pay: Option<i32>,
    /// Least seniority, 1–8.
    pub seniority_min: Option<i32>,
    /// Greatest seniority, 1–8.
    pub seniority_max: Option<i32>,
    /// Only roles one move of these kinds away from `profile.currentRole` (`SIMILAR`: a
    /// computed move passing the default gates).
    pub reachable_by: Option<Vec<MoveKind>>,
}

impl From<MatchFilter> for MatchConditions {
    fn from(f: MatchFilter) -> Self {
        Self {
            min_score: f.min_score,
            job_zone: Between {
                min: f.job_zone_min,
                max: f.job_zone_max,
            },
            min_pay: f.min_pay,
            seniority: Between {
                min: f.seniority_min,
                max: f.seniority_max,
            },
            reachable_by: f
                .reachable_by
                .map(|kinds| kinds.into_iter().map(Into::into).collect()),
        }
    }
}

/// One of a role's needs that the person holds.
pub struct SkillMatch {
    m: View,
    met: NeedMet,
}

/// One of a role's needs that the person holds.
#[Object]
impl SkillMatch {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.met.need.skill_id)
    }
    /// Level held, 0–7; null when claimed without a level ("at the level asked").
    async fn have(&self) -> Option<f64> {
        self.met.have.filter(|h| h.is_finite())
    }
    /// Level the role needs, 0–7; null when presence is enough (curated skills).
    async fn need(&self) -> Option<f64> {
        self.met.need.level
    }
    /// O*NET importance (1–5), when stated.
    async fn importance(&self) -> Option<f64> {
        self.met.need.importance
    }
    /// Weight of the need in the score, 0–1.
    async fn weight(&self) -> f64 {
        round(self.met.need.weight)
    }
    /// Share of the need met: `min(have / need, 1)²` (1 when claimed without a level).
    async fn coverage(&self) -> f64 {
        round(self.met.coverage)
    }
    /// What this skill brings of the person's distinctive profile to the role: its
    /// distinctiveness × `min(need / have, 1)` (a level far above the need is partly unused).
    async fn brings(&self) -> f64 {
        round(self.met.brings)
    }
}

/// One of a role's needs that the person lacks.
pub struct MissingSkill {
    m: View,
    need: Need,
}

/// One of a role's needs that the person lacks.
#[Object]
impl MissingSkill {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.need.skill_id)
    }
    /// O*NET importance (1–5), when stated.
    async fn importance(&self) -> Option<f64> {
        self.need.importance
    }
    /// Level needed, 0–7; null when presence is enough.
    async fn level_needed(&self) -> Option<f64> {
        self.need.level
    }
    /// Weight of the need in the score, 0–1.
    async fn weight(&self) -> f64 {
        round(self.need.weight)
    }
}

/// Which gates a match passes.
#[derive(SimpleObject)]
pub struct MatchGates {
    /// The score reaches a person's viability threshold (0.7).
    pub viable: bool,
    /// The score reaches a person's high-viability threshold (0.8).
    pub highly_viable: bool,
    /// The job-zone step up is at most 1; null when the person's or role's job zone is
    /// unknown.
    pub job_zone: Option<bool>,
    /// The role pays at least 75 % of the current role, like for like; null without a current
    /// role or a comparable pair of pay figures.
    pub pay: Option<bool>,
}

/// A role that fits a person, with why.
pub struct RoleMatch {
    m: View,
    person: std::sync::Arc<Person>,
    fit: RoleFit,
    rank: usize,
    pay: place::PayIn,
}

/// A role that fits a person, with why.
#[Object]
impl RoleMatch {
    /// Position in the result, from 1 (best).
    async fn rank(&self) -> i32 {
        self.rank as i32
    }
    /// The role.
    async fn role(&self) -> Role {
        Role::at(&self.m, self.fit.role)
    }
    /// The fit, 0–1: `coverage^0.4 · usage^0.6`, less `jobZoneCost` (see README "Matching and
    /// similarity").
    async fn score(&self) -> f64 {
        round(self.fit.score)
    }
    /// Share of the role's needs the person meets at the levels it asks, 0–1 (needs the
    /// person did not mention count with a reduced weight when their claims state levels).
    async fn coverage(&self) -> f64 {
        round(self.fit.fit.coverage)
    }
    /// Share of what sets the person apart (their skills held above the average role's
    /// level) that the role makes use of, 0–1.
    async fn usage(&self) -> f64 {
        round(self.fit.fit.usage)
    }
    /// Score taken off for a job-zone step of more than one between the person and the role
    /// (0.1 per zone beyond one).
    async fn job_zone_cost(&self) -> f64 {
        round(self.fit.fit.zone_cost)
    }
    /// The weight of the role's needs the person meets (coverage's numerator).
    async fn weight_met(&self) -> f64 {
        round(self.fit.parts.met)
    }
    /// The total weight of the role's needs (stated or not).
    async fn weight_total(&self) -> f64 {
        round(self.m.graph.similarity.needs[self.fit.role].total)
    }
    /// The role's needs the person holds (have vs need), heaviest first.
    async fn matched_skills(&self) -> Vec<SkillMatch> {
        self.fit
            .matched
            .iter()
            .map(|&met| SkillMatch {
                m: self.m.clone(),
                met,
            })
            .collect()
    }
    /// The role's needs the person lacks, heaviest first.
    async fn missing_skills(&self) -> Vec<MissingSkill> {
        self.fit
            .missing
            .iter()
            .map(|&need| MissingSkill {
                m: self.m.clone(),
                need,
            })
            .collect()
    }
    /// Transferable strengths: the person's skills that bring most of what sets them apart
    /// to this role (distinctiveness × the share the role uses; at most 5).
    async fn strengths(&self) -> Vec<SkillMatch> {
        self.fit
            .strengths
            .iter()
            .map(|&met| SkillMatch {
                m: self.m.clone(),
                met,
            })
            .collect()
    }
    /// Job-zone steps from the person's zone to the role's (role − person with O*NET's 1–5;
    /// steps in the imported Job Zone Reference's order when it numbers zones otherwise). The
    /// person's zone is the current role's, else from `yearsExperience`, else the zone of the
    /// role their skills fit best; null when unknown.
    async fn job_zone_gap(&self) -> Option<i32> {
        self.fit.transition.job_zone_gap
    }
    /// Pay change from the current role, like for like (see `SalaryChange`; annual medians in
    /// `profile.area` when given and the occupations differ); null without a current role or
    /// when either has no pay.
    async fn pay_change(&self) -> Option<SalaryChange> {
        self.pay
            .change(&self.m, self.person.current?, self.fit.role)
            .map(Into::into)
    }
    /// The gates passed.
    async fn gates(&self) -> MatchGates {
        let t = &self.fit.transition;
        let gates = SimilarGates::default();
        MatchGates {
            viable: self.fit.viable(),
            highly_viable: self.fit.highly_viable(),
            job_zone: t.job_zone_gap.map(|_| t.job_zone_ok(&gates)),
            pay: t.wage_ratio.map(|_| t.wage_ok(&gates)),
        }
    }
    /// One sentence written from the numbers above.
    async fn summary(&self) -> String {
        planning::summary(&self.m, &self.person, &self.fit)
    }
}

/// A skill worth learning next.
pub struct SkillToLearn {
    m: View,
    pay: place::PayIn,
    person: std::sync::Arc<Person>,
    lesson: Lesson,
    rank: usize,
}

/// A skill worth learning next.
#[Object]
impl SkillToLearn {
    /// Position in the result, from 1 (best).
    async fn rank(&self) -> i32 {
        self.rank as i32
    }
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.lesson.skill_id)
    }
    /// Level held now (null when not held or claimed without a level).
    async fn level_held(&self) -> Option<f64> {
        self.person
            .held
            .level(self.lesson.skill_id)
            .filter(|l| l.is_finite())
    }
    /// Highest level asked by the roles it unlocks or the goal's routes (else by any role it
    /// helps); null when presence is enough.
    async fn level_needed(&self) -> Option<f64> {
        self.lesson.level_needed
    }
    /// How many roles it brings over a person's viability threshold (0.7).
    async fn unlock_count(&self) -> i32 {
        self.lesson.unlocks.len() as i32
    }
    /// The roles it brings over a person's viability threshold, best fit afterwards first (at most
    /// `first`, default 10).
    async fn unlocks(
        &self,
        #[graphql(desc = "How many roles, 1–50.", default = 10)] first: Option<i32>,
    ) -> GqlResult<Vec<Role>> {
        let n = check::count("first", first.unwrap_or(10), Bounds::new(1.0, 50.0))?;
        Ok(self
            .lesson
            .unlocks
            .iter()
            .take(n)
            .map(|&r| Role::at(&self.m, r))
            .collect())
    }
    /// Score gained on the goal (weight 1) and the roles on its best routes (0.5 each).
    async fn goal_progress(&self) -> f64 {
        round(self.lesson.goal_progress)
    }
    /// Score gained summed over every role.
    async fn total_gain(&self) -> f64 {
        round(self.lesson.total_gain)
    }
    /// Pay upside: from the current role's pay to the best-paid role it unlocks, like for
    /// like (the largest comparable change; `NOT_COMPARABLE` when no unlocked role's pay is
    /// comparable); null without a current role or an unlocked role with pay.
    async fn pay_upside(&self) -> Option<SalaryChange> {
        let from = self.person.current?;
        planning::pay_upside(&self.m, &self.pay, from, &self.lesson.unlocks).map(Into::into)
    }
    /// Pay of the best-paid role it unlocks (headline, or annual median in `profile.area`).
    async fn best_unlocked_pay(&self) -> Option<i32> {
        planning::best_pay(&self.m, &self.pay, &self.lesson.unlocks)
    }
    /// Certifications the roles it unlocks value, most often valued first (at most 3). The
    /// data links certifications to roles, not to skills.
    async fn certifications(&self) -> GqlResult<Vec<Certification>> {
        planning::certifications_valued_by(&self.m, &self.lesson.unlocks, 3)
            .into_iter()
            .map(|id| Certification::by_id(&self.m, id))
            .collect()
    }
}

/// Planning queries: from a person's skills to roles and what to learn.
#[derive(Default)]
pub struct PlanningQuery;

/// Planning queries: from a person's skills to roles and what to learn.
#[Object]
impl PlanningQuery {
    /// Roles that fit a person's skills, best first, each with its score breakdown, gates and
    /// a summary. BAD_USER_INPUT names the field (`profile.skills[2].skill`) for an unknown
    /// or ambiguous skill, with candidates in the message.
    #[graphql(complexity = "crate::graphql::scaled(first, 10, child_complexity) + 20")]
    async fn match_roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person: skills, current role, years of experience.")]
        profile: ProfileInput,
        #[graphql(desc = "How many roles, 1–50.", default = 10)] first: Option<i32>,
        #[graphql(desc = "Conditions every returned role meets.")] filter: Option<MatchFilter>,
    ) -> GqlResult<Vec<RoleMatch>> {
        let m = super::model(ctx)?;
        let pay = place::PayIn::of(&m, profile.area.as_deref()).await?;
        let (person, fits) = planning::match_roles(
            &m,
            &profile.into(),
            first.unwrap_or(10),
            &filter.unwrap_or_default().into(),
        )?;
        let person = std::sync::Arc::new(person);
        Ok(fits
            .into_iter()
            .enumerate()
            .map(|(i, fit)| RoleMatch {
                m: m.clone(),
                person: person.clone(),
                fit,
                rank: i + 1,
                pay: pay.clone(),
            })
            .collect())
    }

    /// Skills to learn next, best first: with a `goal`, by progress on it and the roles of the
    /// best routes to it; then by how many roles each brings over the viability threshold.
    /// Never a skill already held at the level asked.
    #[graphql(complexity = "crate::graphql::scaled(first, 10, child_complexity) + 20")]
    async fn learn_next(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person: skills, current role, years of experience.")]
        profile: ProfileInput,
        #[graphql(desc = "Slug of a role to work toward; NOT_FOUND when unknown.")] goal: Option<
            String,
        >,
        #[graphql(desc = "How many skills, 1–50.", default = 10)] first: Option<i32>,
    ) -> GqlResult<Vec<SkillToLearn>> {
        let m = super::model(ctx)?;
        let pay = place::PayIn::of(&m, profile.area.as_deref()).await?;
        let (person, lessons) =
            planning::learn_next(&m, &profile.into(), goal.as_deref(), first.unwrap_or(10))?;
        let person = std::sync::Arc::new(person);
        Ok(lessons
            .into_iter()
            .enumerate()
            .map(|(i, lesson)| SkillToLearn {
                m: m.clone(),
                person: person.clone(),
                lesson,
                rank: i + 1,
                pay: pay.clone(),
            })
            .collect())
    }
}
