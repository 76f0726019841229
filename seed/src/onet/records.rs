//! The parsed files as dataset records: the three sources, the occupations as roles, the
//! elements as skills, and one fact file per source.

use std::collections::HashMap;

use entity::vocab::{MoveKind, SourceKind};

use super::parse::{Element, ElementRating, Occupation, Parsed, track};
use super::{
    BLS_ATTRIBUTION, BLS_SOURCE, EXPERIENCE_YEARS, OnetRelease, PROMOTION_WAGE_RATIO, TIER_WEIGHT,
    TOP_CODED,
};
use crate::dataset::{
    DutyItem, MoveRecord, ProfileRecord, RoleList, RoleRecord, RoleSkillRecord, SkillRecord,
    SourceRecord,
};
use crate::value::SENIORITY;
use crate::{Dataset, FactFile};

/// The roles each occupation's facts go to (by occupation index): its own, then the
/// curated roles carrying its O*NET code.
type Targets<'a> = Vec<Vec<&'a str>>;

/// The dataset of a parsed import of `release`. Facts for curated roles cite the dataset
/// sources.
pub(super) fn dataset(mut p: Parsed, curated: &Dataset, release: &OnetRelease) -> Dataset {
    let targets = targets(&p, curated);
    let (related, promotions) = moves(&p);
    let mut onet = facts(&release.key);
    onet.profiles = per_target(&p, &targets, education_profile);
    onet.role_skills = role_skills(&p, &targets);
    onet.moves = related;
    let mut bls = facts(BLS_SOURCE);
    bls.profiles = per_target(&p, &targets, wage_profile);
    let mut derived = facts(&release.derived_key);
    derived.moves = promotions;
    let occupations = &p.occupations;
    onet.duties = role_lists(occupations, std::mem::take(&mut p.tasks), |description| {
        DutyItem {
            title: None,
            description,
        }
    });
    onet.technologies = role_lists(occupations, std::mem::take(&mut p.technologies), |t| t);
    onet.aliases = role_lists(occupations, std::mem::take(&mut p.aliases), |a| a);
    Dataset {
        sources: sources(release),
        roles: p.occupations.iter().map(|o| role(&p, o)).collect(),
        skills: p.elements.iter().map(skill).collect(),
        certifications: Vec::new(),
        facts: vec![onet, bls, derived],
    }
}

fn facts(source: &str) -> FactFile {
    FactFile {
        file: source.to_owned(),
        source: source.to_owned(),
        ..FactFile::default()
    }
}

fn sources(release: &OnetRelease) -> Vec<SourceRecord> {
    let derived = format!(
        "Promotions derived from O*NET related occupations: the related occupation has a higher job zone \
         or a median wage at least {}% higher",
        ((PROMOTION_WAGE_RATIO - 1.0) * 100.0).round()
    );
    let attribution = release.attribution();
    vec![
        SourceRecord {
            key: release.key.clone(),
            title: release.title(),
            kind: SourceKind::Dataset,
            publisher: Some(
                "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
                    .into(),
            ),
            url: Some("https://www.onetcenter.org/database.html".into()),
            attribution: Some(attribution.clone()),
            as_of: release.as_of.clone(),
        },
        SourceRecord {
            key: BLS_SOURCE.into(),
            title: "Occupational Employment and Wage Statistics, May 2024, national".into(),
            kind: SourceKind::Dataset,
            publisher: Some("U.S. Bureau of Labor Statistics".into()),
            url: Some("https://www.bls.gov/oes/".into()),
            attribution: Some(BLS_ATTRIBUTION.into()),
            as_of: Some("2024-05".into()),
        },
        SourceRecord {
            key: release.derived_key.clone(),
            title: derived,
            kind: SourceKind::Derived,
            publisher: None,
            url: None,
            attribution: Some(attribution),
            as_of: None,
        },
    ]
}

/// An occupation as a role: its job zone as the release numbers it, and as seniority the
/// zone's rank in the release's Job Zone Reference (the number itself under O*NET's 1–5),
/// at most seniority's top.
fn role(p: &Parsed, o: &Occupation) -> RoleRecord {
    let top = SENIORITY.max as usize;
    let rank = o.job_zone.and_then(|z| p.zone_rank(z));
    RoleRecord {
        slug: o.slug.clone(),
        title: o.title.clone(),
        track: track(&o.code).into(),
        seniority: rank.map(|r| i32::try_from(r.min(top)).unwrap_or(i32::MAX)),
        onet_code: Some(o.code.clone()),
        summary: Some(o.description.clone()),
        job_zone: o.job_zone,
    }
}

fn skill(e: &Element) -> SkillRecord {
    SkillRecord {
        slug: e.slug.clone(),
        name: e.name.clone(),
        category: e.category.into(),
    }
}

fn targets<'a>(p: &'a Parsed, curated: &'a Dataset) -> Targets<'a> {
    let mut targets: Targets = p
        .occupations
        .iter()
        .map(|o| vec![o.slug.as_str()])
        .collect();
    for r in &curated.roles {
        if let Some(code) = &r.onet_code
            && let Some(&i) = p.by_code.get(code)
        {
            targets[i].push(&r.slug);
        }
    }
    targets
}

/// `profile(role, occupation)` for every occupation and each of its target roles.
fn per_target(
    p: &Parsed,
    targets: &Targets,
    profile: fn(&str, &Occupation) -> Option<ProfileRecord>,
) -> Vec<ProfileRecord> {
    let mut profiles = Vec::new();
    for (o, roles) in p.occupations.iter().zip(targets) {
        profiles.extend(roles.iter().filter_map(|role| profile(role, o)));
    }
    profiles
}

/// The most common required education and related experience (O*NET source).
fn education_profile(role: &str, o: &Occupation) -> Option<ProfileRecord> {
    if o.degree.is_none() && o.experience.is_none() {
        return None;
    }
    let years = o
        .experience
        .map(|(category, _)| EXPERIENCE_YEARS[category - 1]);
    Some(ProfileRecord {
        role: role.to_owned(),
        degree: o.degree.as_ref().map(|(name, _)| name.clone()),
        degree_share_pct: o
            .degree
            .as_ref()
            .map(|(_, share)| (share * 100.0).round() / 100.0),
        experience_years_min: years.map(|(min, _)| min),
        experience_years_max: years.and_then(|(_, max)| max),
        ..ProfileRecord::default()
    })
}

/// Wages and employment (BLS source), with a note when BLS top-coded a value.
fn wage_profile(role: &str, o: &Occupation) -> Option<ProfileRecord> {
    let w = o.wages.as_ref()?;
    let pay_note = w.top_coded.then(|| {
        format!(
            "BLS top-codes wages: a value of ${} a year or ${:.2} an hour means at least that much.",
            TOP_CODED.0, TOP_CODED.1
        )
    });
    let annual = w.annual;
    Some(ProfileRecord {
        role: role.to_owned(),
        salary_mean: annual[0],
        salary_p10: annual[1],
        salary_p25: annual[2],
        salary_median: annual[3],
        salary_p75: annual[4],
        salary_p90: annual[5],
        hourly_mean: w.hourly[0],
        hourly_p10: w.hourly[1],
        hourly_p25: w.hourly[2],
        hourly_median: w.hourly[3],
        hourly_p75: w.hourly[4],
        hourly_p90: w.hourly[5],
        jobs_count: w.employment,
        pay_note,
        ..ProfileRecord::default()
    })
}

/// One record per rating and target role, in rating order.
fn role_skills(p: &Parsed, targets: &Targets) -> Vec<RoleSkillRecord> {
    let mut records = Vec::with_capacity(p.ratings.len());
    for r in &p.ratings {
        let skill = &p.elements[r.element].slug;
        for role in &targets[r.code] {
            records.push(role_skill(role, skill, r));
        }
    }
    records
}

fn role_skill(role: &str, skill: &str, r: &ElementRating) -> RoleSkillRecord {
    let (im, lv) = (&r.importance, &r.level);
    RoleSkillRecord {
        role: role.to_owned(),
        skill: skill.to_owned(),
        share_pct: None,
        rank: None,
        importance: im.value,
        level: lv.value,
        note: None,
        importance_n: im.n,
        importance_se: im.se,
        importance_ci_low: im.low,
        importance_ci_high: im.high,
        level_n: lv.n,
        level_se: lv.se,
        level_ci_low: lv.low,
        level_ci_high: lv.high,
    }
}

pub(super) fn relatedness(tier: &str, index: i32) -> f64 {
    let weight = TIER_WEIGHT
        .iter()
        .find(|(t, _)| *t == tier)
        .map_or(0.2, |(_, w)| *w);
    let scaled = weight * (1.0 - 0.02 * f64::from(index.clamp(1, 20) - 1));
    (scaled * 1000.0).round() / 1000.0
}

fn median_wage(o: &Occupation) -> Option<i32> {
    o.wages.as_ref().and_then(|w| w.annual[3].or(w.annual[0]))
}

/// Why moving from `a` to related `b` is a promotion, if it is one.
/// A higher job zone is one ranked higher in the download's Job Zone Reference.
fn promotion_reason(p: &Parsed, a: &Occupation, b: &Occupation) -> Option<&'static str> {
    let rank = |o: &Occupation| o.job_zone.and_then(|z| p.zone_rank(z));
    let higher_zone = matches!((rank(a), rank(b)), (Some(x), Some(y)) if y > x);
    let better_paid = matches!((median_wage(a), median_wage(b)),
        (Some(x), Some(y)) if f64::from(y) >= f64::from(x) * PROMOTION_WAGE_RATIO);
    match (higher_zone, better_paid) {
        (true, true) => Some("higher job zone and a median wage at least 15% higher"),
        (true, false) => Some("higher job zone"),
        (false, true) => Some("median wage at least 15% higher"),
        (false, false) => None,
    }
}

/// The `related` moves (O*NET source) and the promotions derived from them.
fn moves(p: &Parsed) -> (Vec<MoveRecord>, Vec<MoveRecord>) {
    let mut related = Vec::with_capacity(p.related.len());
    let mut promotions = Vec::new();
    for r in &p.related {
        let (a, b) = (&p.occupations[r.from], &p.occupations[r.to]);
        let base = MoveRecord {
            from: a.slug.clone(),
            to: b.slug.clone(),
            kind: MoveKind::Related,
            typical_years: None,
            likelihood: Some(relatedness(&r.tier, r.index)),
            description: Some(format!(
                "O*NET related occupation ({}, rank {})",
                r.tier, r.index
            )),
            derived: false,
        };
        if let Some(reason) = promotion_reason(p, a, b) {
            promotions.push(MoveRecord {
                kind: MoveKind::Promotion,
                description: Some(format!(
                    "Derived from an O*NET related occupation: {reason}"
                )),
                derived: true,
                ..base.clone()
            });
        }
        related.push(base);
    }
    (related, promotions)
}

/// Rows grouped into one list per occupation (first appearance order), each list in file
/// order: an item's position is its rank among its occupation's rows.
fn role_lists<T, U>(
    occupations: &[Occupation],
    rows: Vec<(usize, T)>,
    item: impl Fn(T) -> U,
) -> Vec<RoleList<U>> {
    let mut at: HashMap<usize, usize> = HashMap::new();
    let mut lists: Vec<RoleList<U>> = Vec::new();
    for (code, value) in rows {
        let i = *at.entry(code).or_insert_with(|| {
            lists.push(RoleList {
                role: occupations[code].slug.clone(),
                items: Vec::new(),
            });
            lists.len() - 1
        });
        lists[i].items.push(item(value));
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relatedness_falls_with_tier_and_rank() {
        assert_eq!(relatedness("Primary-Short", 1), 0.5);
        assert!(relatedness("Primary-Short", 10) < relatedness("Primary-Short", 1));
        assert!(relatedness("Supplemental", 1) < relatedness("Primary-Long", 1));
    }
}
