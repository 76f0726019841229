//! Planning from a person over HTTP: matchRoles, learnNext, Role.similarRoles and routes
//! over computed similar moves; bad inputs; a named case on the full shipped O*NET data.
use integration_tests::{TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    a_roles_own_skills_match_it_first_with_score_one,
    match_filters_and_breakdown_hold,
    learn_next_suggests_missing_skills_that_open_roles,
    bad_profiles_name_the_field_and_the_candidates,
    similar_roles_and_routes_over_similar_moves_show_their_gates,
    a_web_developer_matches_software_roles_and_a_nurse_does_not,
    o_net_profiles_rank_their_own_occupation_first_and_stay_in_its_zone,
);

const MATCH: &str = r#"query($profile: ProfileInput!, $first: Int, $filter: MatchFilter) {
  matchRoles(profile: $profile, first: $first, filter: $filter) {
    rank score coverage usage jobZoneCost weightMet weightTotal
    role { slug jobZone seniority onetCode pay { headlineSalary } }
    matchedSkills { skill { slug } have need coverage weight brings }
    missingSkills { skill { slug } importance levelNeeded weight }
    strengths { skill { slug } }
    jobZoneGap payChange { from to amount percent }
    gates { viable highlyViable jobZone pay }
    summary } }"#;

const LEARN: &str = r#"query($profile: ProfileInput!, $goal: String, $first: Int) {
  learnNext(profile: $profile, goal: $goal, first: $first) {
    rank skill { slug } levelHeld levelNeeded unlockCount unlocks { slug } goalProgress totalGain
    payUpside { amount } bestUnlockedPay certifications { slug } } }"#;

async fn matches(app: &TestApp, vars: Value) -> Vec<Value> {
    app.data(MATCH, vars).await["matchRoles"]
        .as_array()
        .unwrap()
        .clone()
}

fn slugs(list: &[Value]) -> Vec<&str> {
    list.iter()
        .map(|m| m["role"]["slug"].as_str().unwrap())
        .collect()
}

/// The skills of a role as a profile (slugs; curated skills without a level).
async fn profile_of(app: &TestApp, role: &str) -> Value {
    let data = app
        .data(
            r#"query($slug: String!) { role(slug: $slug) { skills { skill { slug } level } } }"#,
            json!({ "slug": role }),
        )
        .await;
    let skills: Vec<Value> = data["role"]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| json!({ "skill": e["skill"]["slug"], "level": e["level"] }))
        .collect();
    json!({ "skills": skills })
}

async fn a_roles_own_skills_match_it_first_with_score_one(app: TestApp) {
    let profile = profile_of(&app, "information-technology-manager").await;
    assert!(!profile["skills"].as_array().unwrap().is_empty());
    let found = matches(&app, json!({ "profile": profile, "first": 50 })).await;
    // Strictly first: a role needing a subset of its skills uses less of what sets the
    // person apart.
    let own = &found[0];
    assert_eq!(
        own["role"]["slug"], "information-technology-manager",
        "{found:#?}"
    );
    assert_eq!(own["score"], 1.0);
    assert_eq!(own["rank"], 1);
    assert!(found[1]["score"].as_f64().unwrap() < 1.0, "{found:#?}");
    assert!(own["missingSkills"].as_array().unwrap().is_empty());
    assert_eq!(own["gates"]["viable"], true);
    assert_eq!(own["gates"]["highlyViable"], true);
    assert!(own["summary"].as_str().unwrap().starts_with(
        "Information Technology Manager fits you at 100%: you cover 100% of its needs"
    ));
    // Scores never increase down the list.
    let scores: Vec<f64> = found.iter().map(|m| m["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

async fn match_filters_and_breakdown_hold(app: TestApp) {
    let profile = json!({
        "currentRole": "information-technology-manager",
        "skills": [{ "skill": "Project Management" }, { "skill": "people-management" }, { "skill": "BUDGET-MANAGEMENT" }],
        "yearsExperience": 6
    });
    let all = matches(&app, json!({ "profile": profile, "first": 50 })).await;
    assert!(!all.is_empty());
    for m in &all {
        let score = m["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        // The score is coverage^0.4 · usage^0.6 less the job-zone cost; with claims
        // without levels every need the person did not state counts in full.
        let (coverage, usage, cost) = (
            m["coverage"].as_f64().unwrap(),
            m["usage"].as_f64().unwrap(),
            m["jobZoneCost"].as_f64().unwrap(),
        );
        let expected = (coverage.powf(0.4) * usage.powf(0.6) - cost).clamp(0.0, 1.0);
        assert!((expected - score).abs() < 2e-3, "{m:#}");
        // Claims without a level meet the need in full.
        for s in m["matchedSkills"].as_array().unwrap() {
            assert_eq!(s["coverage"], 1.0);
            assert!(s["have"].is_null());
        }
        assert!(m["summary"].as_str().unwrap().ends_with('.'));
    }
    let min = matches(
        &app,
        json!({ "profile": profile, "first": 50, "filter": { "minScore": 0.3, "seniorityMin": 5 } }),
    )
    .await;
    assert!(
        min.iter().all(|m| m["score"].as_f64().unwrap() >= 0.3
            && m["role"]["seniority"].as_i64().unwrap() >= 5)
    );
    assert!(min.len() < all.len());
    // Roles one promotion away from the current role.
    let next = app
        .data(
            r#"{ role(slug: "information-technology-manager") { nextMoves(kind: PROMOTION) { to { slug } } } }"#,
            json!({}),
        )
        .await;
    let promoted: Vec<&str> = next["role"]["nextMoves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["to"]["slug"].as_str().unwrap())
        .collect();
    let reach = matches(
        &app,
        json!({ "profile": profile, "first": 50, "filter": { "reachableBy": ["PROMOTION"] } }),
    )
    .await;
    assert!(!reach.is_empty());
    assert!(
        slugs(&reach).iter().all(|s| promoted.contains(s)),
        "{:?}",
        slugs(&reach)
    );
    // Pay change is from the current role's headline pay to the role's.
    let pay = |m: &Value| m["role"]["pay"]["headlineSalary"].as_i64();
    let current = app
        .data(
            r#"{ role(slug: "information-technology-manager") { pay { headlineSalary } } }"#,
            json!({}),
        )
        .await;
    let current = current["role"]["pay"]["headlineSalary"].as_i64();
    for m in &all {
        match (current, pay(m)) {
            (Some(from), Some(to)) => {
                assert_eq!(m["payChange"]["from"].as_i64(), Some(from));
                assert_eq!(m["payChange"]["amount"].as_i64(), Some(to - from));
                assert_eq!(m["gates"]["pay"], to * 4 >= from * 3, "{m:#}");
            }
            _ => assert!(m["payChange"].is_null() && m["gates"]["pay"].is_null()),
        }
    }
    let rich = matches(
        &app,
        json!({ "profile": profile, "first": 50, "filter": { "minPay": 150000 } }),
    )
    .await;
    assert!(rich.len() < all.len());
    assert!(rich.iter().all(|m| pay(m).unwrap() >= 150_000));
}

async fn learn_next_suggests_missing_skills_that_open_roles(app: TestApp) {
    let profile =
        json!({ "skills": [{ "skill": "programming-languages" }, { "skill": "database" }] });
    let data = app.data(LEARN, json!({ "profile": profile })).await;
    let lessons = data["learnNext"].as_array().unwrap();
    assert!(!lessons.is_empty());
    for l in lessons {
        let slug = l["skill"]["slug"].as_str().unwrap();
        assert!(slug != "programming-languages" && slug != "database", "{l}");
    }
    let counts: Vec<i64> = lessons
        .iter()
        .map(|l| l["unlockCount"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // With a goal, the first skill makes progress on it.
    let goal = app
        .data(
            LEARN,
            json!({ "profile": { "currentRole": "software-developer", "skills": [] }, "goal": "chief-technology-officer", "first": 3 }),
        )
        .await;
    let first = &goal["learnNext"][0];
    assert!(first["goalProgress"].as_f64().unwrap() > 0.0, "{goal:#}");
}

async fn bad_profiles_name_the_field_and_the_candidates(app: TestApp) {
    let cases = [
        (
            json!({ "profile": { "skills": [{ "skill": "java" }, { "skill": "cloud" }, { "skill": "projekt managment" }] } }),
            "profile.skills[2].skill",
            "project-management",
        ),
        (
            json!({ "profile": { "skills": [{ "skill": "java", "level": 9 }] } }),
            "profile.skills[0].level",
            "between 0 and 7",
        ),
        (
            json!({ "profile": { "currentRole": "astronaut" } }),
            "profile.currentRole",
            "astronaut",
        ),
        (
            json!({ "profile": { "yearsExperience": -1 } }),
            "profile.yearsExperience",
            "between 0 and 80",
        ),
        (
            json!({ "profile": {}, "first": 0 }),
            "first",
            "between 1 and 50",
        ),
        (
            json!({ "profile": {}, "filter": { "reachableBy": ["PROMOTION"] } }),
            "filter.reachableBy",
            "currentRole",
        ),
        (
            json!({ "profile": {}, "filter": { "minScore": 2 } }),
            "filter.minScore",
            "between 0 and 1",
        ),
        (
            // Without an imported Job Zone Reference the zones are O*NET's 1–5.
            json!({ "profile": {}, "filter": { "jobZoneMax": 6 } }),
            "filter.jobZoneMax",
            "between 1 and 5",
        ),
    ];
    for (vars, field, mentions) in cases {
        let error = app.error(MATCH, vars.clone()).await;
        assert_eq!(
            error["extensions"]["code"], "BAD_USER_INPUT",
            "{vars} → {error}"
        );
        assert_eq!(error["extensions"]["field"], field, "{error}");
        assert!(
            error["message"].as_str().unwrap().contains(mentions),
            "{error}"
        );
    }
    let error = app
        .error(LEARN, json!({ "profile": {}, "goal": "astronaut" }))
        .await;
    assert_eq!(error["extensions"]["code"], "NOT_FOUND");
    let error = app
        .error(
            r#"{ careerRoutes(from: "it-engineer", to: "it-director", includeSimilar: true, minSimilarity: 1.5) { complete } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error["extensions"]["field"], "minSimilarity");
    // One message format everywhere: the field, the bounds and the value given.
    assert_eq!(
        error["message"],
        "invalid `minSimilarity`: must be between 0 and 1, got 1.5"
    );
    // A nested list's size is refused, not clamped.
    let error = app
        .error(
            r#"{ learnNext(profile: { currentRole: "it-engineer" }, first: 1) { unlocks(first: 51) { slug } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        error["message"],
        "invalid `first`: must be between 1 and 50, got 51"
    );
}

async fn similar_roles_and_routes_over_similar_moves_show_their_gates(app: TestApp) {
    let data = app
        .data(
            r#"{ role(slug: "senior-it-manager") { similarRoles(first: 5) { role { slug } similarity
                 gates { similarity viable highlyViable jobZoneGap wageRatio passes } } } }"#,
            json!({}),
        )
        .await;
    let similar = data["role"]["similarRoles"].as_array().unwrap();
    let values: Vec<f64> = similar
        .iter()
        .map(|s| s["similarity"].as_f64().unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    assert!(values.iter().all(|v| (0.3..=1.0).contains(v)), "{values:?}");
    // A role with a computed move, and where it leads.
    let all = app
        .data(
            r#"{ roles(first: 50) { edges { node { slug similarRoles(first: 1, minSimilarity: 0.3) { role { slug } } } } } }"#,
            json!({}),
        )
        .await;
    let (from, to) = all["roles"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| {
            let s = &e["node"]["similarRoles"][0];
            s["role"]["slug"].as_str().map(|to| {
                (
                    e["node"]["slug"].as_str().unwrap().to_owned(),
                    to.to_owned(),
                )
            })
        })
        .expect("some role has a computed move");
    // Routes: stored moves only by default; computed moves are SIMILAR with null `move`.
    const ROUTE: &str = r#"query($s: Boolean, $from: String!, $to: String!) { careerRoutes(from: $from, to: $to, first: 5, includeSimilar: $s, minWageRatio: 0, maxJobZoneGap: 4, minSimilarity: 0.3) {
        routes { steps { kind move { kind } gates { similarity similarityOk jobZoneOk wageOk passes } } } } }"#;
    let stored = app
        .data(ROUTE, json!({ "s": false, "from": from, "to": to }))
        .await;
    let with = app
        .data(ROUTE, json!({ "s": true, "from": from, "to": to }))
        .await;
    let kinds = |v: &Value| -> Vec<String> {
        v["careerRoutes"]["routes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["steps"].as_array().unwrap().clone())
            .map(|s| s["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(!kinds(&stored).contains(&"SIMILAR".to_owned()));
    let steps: Vec<Value> = with["careerRoutes"]["routes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["steps"].as_array().unwrap().clone())
        .collect();
    assert!(steps.iter().any(|s| s["kind"] == "SIMILAR"), "{with:#}");
    for s in &steps {
        if s["kind"] == "SIMILAR" {
            assert!(s["move"].is_null());
            assert_eq!(s["gates"]["passes"], true, "{s}");
            assert!(s["gates"]["similarity"].as_f64().unwrap() >= 0.3);
        } else {
            assert_eq!(s["move"]["kind"], s["kind"]);
        }
    }
    // nextSteps never follows computed moves.
    let next = app
        .data(
            r#"{ nextSteps(role: "software-developer", depth: 1) { role { slug } } }"#,
            json!({}),
        )
        .await;
    let stored_next = app
        .data(
            r#"{ role(slug: "software-developer") { nextMoves { kind to { slug } } } }"#,
            json!({}),
        )
        .await;
    let targets: Vec<&Value> = stored_next["role"]["nextMoves"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "RELATED")
        .map(|m| &m["to"]["slug"])
        .collect();
    for r in next["nextSteps"].as_array().unwrap() {
        assert!(targets.contains(&&r["role"]["slug"]), "{r}");
    }
}

async fn a_web_developer_matches_software_roles_and_a_nurse_does_not(app: TestApp) {
    let db = app.database.connect().await;
    seed::onet::import(&db, &seed::onet::ImportPaths::shipped(), false)
        .await
        .unwrap();
    app.settle().await;
    let claims = |list: &[(&str, f64)]| -> Value {
        list.iter()
            .map(|(s, l)| json!({ "skill": s, "level": l }))
            .collect()
    };
    let web = json!({ "skills": claims(&[
        ("programming", 4.5), ("computers-and-electronics", 5.0), ("technology-design", 4.0),
        ("complex-problem-solving", 4.0), ("critical-thinking", 4.0), ("reading-comprehension", 4.0),
        ("design", 3.5), ("active-learning", 3.5), ("judgment-and-decision-making", 3.5),
        ("systems-analysis", 3.5), ("operations-analysis", 3.0), ("communications-and-media", 3.0),
    ]) });
    let nurse = json!({ "skills": claims(&[
        ("medicine-and-dentistry", 5.0), ("biology", 4.0), ("psychology", 4.0),
        ("therapy-and-counseling", 4.0), ("service-orientation", 4.5), ("social-perceptiveness", 4.5),
        ("active-listening", 4.5), ("monitoring", 4.5), ("coordination", 4.0),
        ("customer-and-personal-service", 4.5), ("critical-thinking", 4.0), ("speaking", 4.0),
    ]) });
    let software = [
        "web-developers",
        "web-and-digital-interface-designers",
        "computer-programmers",
        "software-developers",
        "software-quality-assurance-analysts-and-testers",
        "computer-systems-engineers-architects",
        "computer-systems-analysts",
        "database-architects",
        "video-game-designers",
        "information-security-engineers",
        "data-warehousing-specialists",
        "web-administrators",
        "database-administrators",
        "computer-network-architects",
    ];
    let web_top = matches(&app, json!({ "profile": web, "first": 10 })).await;
    let top = slugs(&web_top);
    assert!(top[..5].contains(&"web-developers"), "{top:?}");
    let close = top.iter().filter(|s| software.contains(s)).count();
    assert!(close >= 5, "{top:?}");
    let nurse_top = matches(&app, json!({ "profile": nurse, "first": 10 })).await;
    let top = slugs(&nurse_top);
    assert!(top.iter().all(|s| !software.contains(s)), "{top:?}");
    // Every one a health-care role by O*NET's own classification: SOC major group 29
    // (healthcare practitioners and technical) or 31 (healthcare support).
    for m in &nurse_top {
        let code = m["role"]["onetCode"].as_str().unwrap_or("");
        assert!(
            code.starts_with("29-") || code.starts_with("31-"),
            "{top:?}: {code}"
        );
    }
    // The web developer's top 10 are mostly computer occupations (SOC group 15).
    let computing = web_top
        .iter()
        .filter(|m| {
            m["role"]["onetCode"]
                .as_str()
                .unwrap_or("")
                .starts_with("15-")
        })
        .count();
    assert!(computing >= 8, "{:?}", slugs(&web_top));
    // Web Developers' nearest roles by similarity are software roles.
    let data = app
        .data(
            r#"{ role(slug: "web-developers") { similarRoles(first: 5) { role { slug } similarity } } }"#,
            json!({}),
        )
        .await;
    let near: Vec<&str> = data["role"]["similarRoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["role"]["slug"].as_str().unwrap())
        .collect();
    assert!(
        near.iter().filter(|s| software.contains(s)).count() >= 2,
        "{near:?}"
    );
    // Ambiguous names list the candidates' slugs.
    let error = app
        .error(MATCH, json!({ "profile": { "skills": [{ "skill": "mathematics" }, { "skill": "Mathematics" }] } }))
        .await;
    assert_eq!(
        error["extensions"]["field"], "profile.skills[1].skill",
        "{error}"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("mathematics-knowledge"),
        "{error}"
    );
}

/// A role's O*NET ratings as served: (skill slug, category, importance, level; 0 when O*NET
/// rates the element not relevant).
async fn ratings(app: &TestApp, role: &str) -> Vec<(String, String, f64, f64)> {
    let data = app
        .data(
            r#"query($slug: String!) { role(slug: $slug) { skills { skill { slug category } importance level } } }"#,
            json!({ "slug": role }),
        )
        .await;
    data["role"]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["importance"].is_number())
        .map(|e| {
            (
                e["skill"]["slug"].as_str().unwrap().to_owned(),
                e["skill"]["category"].as_str().unwrap().to_owned(),
                e["importance"].as_f64().unwrap(),
                e["level"].as_f64().unwrap_or(0.0),
            )
        })
        .collect()
}

fn claims_of(list: &[(String, String, f64, f64)]) -> Value {
    list.iter()
        .map(|(slug, _, _, level)| json!({ "skill": slug, "level": level }))
        .collect()
}

/// The four cases of issue 19 on the shipped O*NET data, each profile built from the
/// occupation's own ratings as the API serves them.
async fn o_net_profiles_rank_their_own_occupation_first_and_stay_in_its_zone(app: TestApp) {
    let db = app.database.connect().await;
    seed::onet::import(&db, &seed::onet::ImportPaths::shipped(), false)
        .await
        .unwrap();
    app.settle().await;
    let zone_of = |m: &Value| m["role"]["jobZone"].as_i64();
    for role in ["chief-executives", "registered-nurses"] {
        let own = ratings(&app, role).await;
        assert!(own.len() >= 60, "{role}: {}", own.len());
        let found = matches(
            &app,
            json!({ "profile": { "skills": claims_of(&own) }, "first": 10 }),
        )
        .await;
        // Strictly first, unless a role carries the very same ratings (a curated role mapped
        // to the occupation): then tied, with the same profile.
        let at = found
            .iter()
            .position(|m| m["role"]["slug"] == role)
            .expect("listed");
        assert_eq!(found[at]["score"], 1.0);
        for (i, m) in found.iter().enumerate() {
            let other = m["role"]["slug"].as_str().unwrap();
            if i < at {
                assert_eq!(m["score"], 1.0, "{role}: {other} ranks first");
            }
            if i != at && m["score"] == 1.0 {
                assert_eq!(
                    ratings(&app, other).await,
                    own,
                    "{role}: {other} ties with another profile"
                );
            }
        }
        // No role two or more zones away in the top 5 (the occupation's own zone scores
        // within reach), and the O*NET family holds: nurses among health-care roles.
        let zone = zone_of(&found[at]).expect("O*NET job zone");
        for m in &found[..5] {
            let gap = (zone_of(m).unwrap_or(zone) - zone).abs();
            assert!(gap < 2, "{role}: {} is {gap} zones away", m["role"]["slug"]);
        }
        if role == "registered-nurses" {
            for m in &found[..5] {
                let code = m["role"]["onetCode"].as_str().unwrap();
                assert!(
                    code.starts_with("29-") || code.starts_with("31-"),
                    "{}",
                    m["role"]["slug"]
                );
            }
        }
    }
    // Twelve most important elements of Computer Systems Analysts, with levels.
    let mut analyst = ratings(&app, "computer-systems-analysts").await;
    analyst.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    analyst.truncate(12);
    let found = matches(
        &app,
        json!({ "profile": { "skills": claims_of(&analyst) }, "first": 5 }),
    )
    .await;
    assert!(
        slugs(&found).contains(&"computer-systems-analysts"),
        "{:?}",
        slugs(&found)
    );
    // The skills a web developer rates 2.5 or more, with levels.
    let web: Vec<_> = ratings(&app, "web-developers")
        .await
        .into_iter()
        .filter(|(_, category, importance, _)| category == "skill" && *importance >= 2.5)
        .collect();
    assert!(web.len() >= 20);
    let found = matches(
        &app,
        json!({ "profile": { "skills": claims_of(&web) }, "first": 5 }),
    )
    .await;
    assert!(
        slugs(&found).contains(&"web-developers"),
        "{:?}",
        slugs(&found)
    );
    // Learning a skill the second role needs, at the level it needs, never lowers its score.
    let second = &found[1];
    let missing = &second["missingSkills"][0];
    let mut more = claims_of(&web).as_array().unwrap().clone();
    more.push(json!({ "skill": missing["skill"]["slug"], "level": missing["levelNeeded"] }));
    let after = matches(&app, json!({ "profile": { "skills": more }, "first": 50 })).await;
    let again = after
        .iter()
        .find(|m| m["role"]["slug"] == second["role"]["slug"])
        .expect("still listed");
    assert!(again["score"].as_f64().unwrap() >= second["score"].as_f64().unwrap());
}
