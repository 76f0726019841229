//! Unit tests of `similarity`.

use proptest::prelude::*;

use super::*;
use crate::career::zones::{JobZones, ZoneDefinition};

/// A skill of a test role: (id, importance, level, share).
pub type TestSkill = (i32, Option<f64>, Option<f64>, Option<f64>);

/// A role whose skills are (id, importance, level) or, with importance `None`, curated
/// (share) skills.
pub fn role(i: usize, skills: &[TestSkill]) -> RoleNode {
    RoleNode {
        id: i as i32 + 1,
        slug: format!("r{i:03}"),
        title: format!("Role {i:03}"),
        salary: Some(50_000 + 1_000 * i as i32),
        pay: Default::default(),
        job_zone: JobZones::onet().zone(2 + (i % 3) as i32),
        skills: skills
            .iter()
            .map(|&(skill_id, importance, level, share)| SkillWeight {
                skill_id,
                share_pct: share,
                importance,
                level,
                rank: None,
            })
            .collect(),
        certifications: Vec::new(),
    }
}

/// Roles with O*NET-like needs (importance, level) and curated shares over `skills` ids.
pub fn arb_roles(max_roles: usize) -> impl Strategy<Value = Vec<RoleNode>> {
    let skill = (
        1i32..12,
        prop::option::of(10u8..=50),
        prop::option::of(0u8..=70),
        prop::option::of(1u8..=90),
    );
    prop::collection::vec(prop::collection::vec(skill, 0..8), 1..max_roles).prop_map(|roles| {
        roles
            .into_iter()
            .enumerate()
            .map(|(i, skills)| {
                let mut seen = std::collections::HashSet::new();
                let skills: Vec<_> = skills
                    .into_iter()
                    .filter(|s| seen.insert(s.0))
                    .map(|(id, imp, lv, share)| {
                        let importance = imp.map(|x| f64::from(x) / 10.0);
                        // O*NET states importance and level together.
                        let level = importance.and(lv.map(|x| f64::from(x) / 10.0));
                        (id, importance, level, share.map(f64::from))
                    })
                    .collect();
                role(i, &skills)
            })
            .collect()
    })
}

/// A holder of `claims` against mean levels of 0 (every level held is distinctive).
fn holder(claims: &[(i32, Option<f64>)]) -> Holder {
    Holder::new(Held::new(claims.iter().copied()), &[], None)
}

#[test]
fn fit_combines_coverage_and_usage_as_documented() {
    let b = role(
        1,
        &[
            (1, Some(5.0), Some(4.0), None),
            (2, Some(3.0), Some(2.0), None),
            (3, Some(1.0), Some(6.0), None),
        ],
    );
    // Against an average importance of 1: weights 1 + 0.1, 0.5 + 0.06 and 0 + 0.02.
    let needs = needs_of(&b.skills, &[1.0; 4]);
    assert_eq!(needs.len(), 3);
    assert!((needs.total - 1.68).abs() < 1e-12);
    let h = holder(&[(1, Some(2.0)), (2, None)]);
    let fit = h.fit(&needs, None);
    // Coverage: 1.1 · (2/4)² + 0.56 · 1 = 0.835 of 1.66 stated + 0.15 · 0.02 unstated.
    assert!((fit.coverage - 0.835 / (1.66 + 0.15 * 0.02)).abs() < 1e-12);
    // Usage: skill 1 held at 2 (distinctiveness 2.2 / 7) used in full (4 ≥ 2); skill 2
    // claimed without a level (0.25) used by √((3 − 1) / 4).
    let (p1, p2) = (2.2 / 7.0, UNLEVELED_WEIGHT);
    let usage = (p1 + p2 * 0.5_f64.sqrt()) / (p1 + p2);
    assert!((fit.usage - usage).abs() < 1e-12);
    let expected = fit.coverage.powf(0.4) * usage.powf(0.6);
    assert!((fit.score - expected).abs() < 1e-12);
    assert_eq!(holder(&[]).fit(&needs, None).score, 0.0);
}

#[test]
fn under_qualified_costs_more_than_over_qualified_and_far_over_is_no_fit() {
    let b = role(0, &[(1, Some(4.0), Some(4.0), None)]);
    let needs = needs_of(&b.skills, &[1.0; 2]);
    let at = |level: f64| holder(&[(1, Some(level))]).fit(&needs, None).score;
    assert!((at(4.0) - 1.0).abs() < 1e-12);
    // One level short: (3/4)² coverage; one level over: 4/5 of the skill used.
    assert!(at(5.0) > at(3.0), "{} vs {}", at(5.0), at(3.0));
    assert!(at(7.0) < at(5.0));
    assert!(at(7.0) < 0.75);
}

#[test]
fn unstated_needs_weigh_less_when_claims_state_levels() {
    let b = role(
        0,
        &[
            (1, Some(4.0), Some(4.0), None),
            (2, Some(4.0), Some(4.0), None),
        ],
    );
    let needs = needs_of(&b.skills, &[1.0; 3]);
    let leveled = holder(&[(1, Some(4.0))]).fit(&needs, None);
    assert!((leveled.coverage - 1.0 / (1.0 + UNSTATED_WITH_LEVELS)).abs() < 1e-12);
    let plain = holder(&[(1, None)]).fit(&needs, None);
    assert!((plain.coverage - 0.5).abs() < 1e-12);
}

#[test]
fn the_pay_gate_compares_like_for_like() {
    use crate::career::snapshot::RolePay;
    let with = |own: Option<i32>, benchmark: Option<(i32, i32)>, soc: &str| {
        let mut r = role(0, &[]);
        r.pay = RolePay {
            own,
            benchmark,
            occupation: Some(soc.to_owned()),
        };
        r
    };
    // Both with pay of their own: compared.
    let a = with(Some(100_000), Some((190_000, 7)), "11-3021");
    let b = with(Some(120_000), Some((190_000, 7)), "11-3021");
    assert_eq!(pay_ratio(&a, &b), Some(1.2));
    // One own figure against a benchmark of the same occupation: no pair, the gate passes.
    let c = with(None, Some((190_000, 7)), "11-3021");
    assert_eq!(pay_ratio(&a, &c), None);
    // Two occupations' benchmarks of one release are compared; of two releases, not.
    let d = with(None, Some((95_000, 7)), "15-1244");
    assert_eq!(pay_ratio(&d, &c), Some(2.0));
    let e = with(None, Some((95_000, 6)), "15-1244");
    assert_eq!(pay_ratio(&e, &c), None);
}

#[test]
fn a_far_job_zone_costs_a_tenth_per_zone_beyond_one() {
    let onet = JobZones::onet();
    let z = |n| onet.zone(n);
    assert_eq!(zone_cost(z(5), z(4)), 0.0);
    assert_eq!(zone_cost(z(2), z(3)), 0.0);
    assert!((zone_cost(z(5), z(2)) - 0.2).abs() < 1e-12);
    assert!((zone_cost(z(1), z(3)) - 0.1).abs() < 1e-12);
    assert_eq!(zone_cost(None, z(3)), 0.0);
}

#[test]
fn the_zone_cost_counts_zones_of_the_imported_reference() {
    // A reference that merges zones 2 and 3: from 1 to 4 is two steps (cost 0.1), not three.
    let merged = JobZones::from_reference(
        [
            (1, None, Some(4.0)),
            (2, Some(4.0), Some(7.0)),
            (4, Some(7.0), Some(8.0)),
        ]
        .map(|(number, svp_min, svp_max)| ZoneDefinition {
            number,
            name: String::new(),
            svp_min,
            svp_max,
        })
        .to_vec(),
    );
    let onet = JobZones::onet();
    assert!((zone_cost(onet.zone(1), onet.zone(4)) - 0.2).abs() < 1e-12);
    assert!((zone_cost(merged.zone(1), merged.zone(4)) - 0.1).abs() < 1e-12);
}

#[test]
fn a_rich_profile_is_not_a_fit_for_a_role_that_uses_little_of_it() {
    // An executive-like role (many distinctive skills, high levels) and a role that needs
    // one of them at a low level: the executive covers it, but it uses little of them.
    let exec = role(
        0,
        &[
            (1, Some(4.5), Some(5.0), None),
            (2, Some(4.5), Some(5.0), None),
            (3, Some(4.0), Some(4.5), None),
            (4, Some(3.0), Some(2.0), None),
        ],
    );
    let guard = role(1, &[(4, Some(3.0), Some(2.0), None)]);
    let roles = vec![exec, guard];
    let s = Similarity::build(&roles);
    let to_guard = s.of(&roles, 0, 1);
    assert!(to_guard < 0.3, "{to_guard}");
    assert!(s.nearest[0].iter().all(|&(b, _)| b != 1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn similarity_is_one_on_the_diagonal_within_bounds_and_matches_direct_scores(roles in arb_roles(12)) {
        let s = Similarity::build(&roles);
        let m = matrix(&roles, &s.needs, &s.mean_level);
        let n = roles.len();
        for a in 0..n {
            prop_assert_eq!(m[a * n + a], 1.0);
            for b in 0..n {
                let v = m[a * n + b];
                prop_assert!((0.0..=1.0).contains(&v));
                let direct = s.of(&roles, a, b);
                prop_assert!((f64::from(v) - direct).abs() < 1e-5, "{a}->{b}: {v} vs {direct}");
            }
            for w in s.nearest[a].windows(2) {
                prop_assert!(w[0].1 >= w[1].1);
            }
            prop_assert!(s.nearest[a].iter().all(|&(b, v)| b as usize != a && f64::from(v) >= SIMILARITY_FLOOR));
        }
    }

    #[test]
    fn a_role_fits_its_own_needs_fully(roles in arb_roles(6)) {
        let s = Similarity::build(&roles);
        for (r, role) in roles.iter().enumerate() {
            if s.needs[r].total > 0.0 {
                let fit = Holder::of_role(role, &s.mean_level).fit(&s.needs[r], role.job_zone);
                prop_assert!((fit.score - 1.0).abs() < 1e-12, "{fit:?}");
            }
        }
    }
}
