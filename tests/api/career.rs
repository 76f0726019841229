//! The career-path engine over HTTP: routes, reachability, skill gaps, comparisons.
use integration_tests::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(
    it_manager_to_cio_goes_through_senior_it_manager_then_vp_or_director,
    every_objective_ranks_routes_by_non_decreasing_cost,
    via_avoid_and_max_steps_are_exact,
    edge_cases_give_empty_lists_or_clear_errors,
    new_moves_and_cycles_are_picked_up_without_hanging,
    next_steps_and_feeder_roles_report_distances,
    skill_gap_lists_missing_and_weaker_skills_by_importance,
    compare_roles_gives_typed_differences,
);

const ROUTES: &str = r#"query($from: String!, $to: String!, $first: Int, $optimize: RouteObjective,
    $maxSteps: Int, $via: [String!], $avoid: [String!]) {
  careerRoutes(from: $from, to: $to, first: $first, optimize: $optimize, maxSteps: $maxSteps, via: $via, avoid: $avoid) {
    complete dataVersion mermaid dot
    routes { rank roles { slug }
      totals { steps years yearsEstimated likelihood likelihoodEstimated salaryChange { amount } }
      score { objective cost components { name value weight contribution } }
      steps { position years likelihood move { kind from { slug } to { slug } source { key } }
              skillGap { skills { skill { slug } reason } } } } } }"#;

async fn routes(app: &TestApp, vars: Value) -> Value {
    app.data(ROUTES, vars).await["careerRoutes"].clone()
}

fn paths(set: &Value) -> Vec<Vec<String>> {
    set["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["roles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["slug"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

async fn it_manager_to_cio_goes_through_senior_it_manager_then_vp_or_director(app: TestApp) {
    let set = routes(
        &app,
        json!({ "from": "information-technology-manager", "to": "chief-information-officer" }),
    )
    .await;
    assert_eq!(set["complete"], true);
    let paths = paths(&set);
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths.iter().all(|p| p[1] == "senior-it-manager"));
    assert_eq!(
        paths[0],
        [
            "information-technology-manager",
            "senior-it-manager",
            "chief-information-officer"
        ]
    );
    let third_roles: Vec<_> = paths[1..].iter().map(|p| p[2].as_str()).collect();
    assert!(
        third_roles.contains(&"vp-of-it") && third_roles.contains(&"it-director"),
        "{third_roles:?}"
    );
    let first = &set["routes"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["totals"]["steps"], 2);
    // IT Manager → Senior IT Manager (0.6) then → CIO (0.8); the document gives neither a
    // duration (its 5–7 years are total management years, not time as an IT Manager), so
    // both are estimated at 3.
    assert_eq!(first["totals"]["years"], 6.0);
    assert_eq!(first["totals"]["yearsEstimated"], true);
    assert!((first["totals"]["likelihood"].as_f64().unwrap() - 0.48).abs() < 1e-9);
    let step = &first["steps"][1];
    assert_eq!(step["move"]["source"]["key"], "003_1223a2aff6a9897a.txt");
    assert_eq!(step["move"]["kind"], "PROMOTION");
    // The score explains the cost: contributions add up to it.
    let score = &first["score"];
    let sum: f64 = score["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contribution"].as_f64().unwrap())
        .sum();
    assert!(
        (sum - score["cost"].as_f64().unwrap()).abs() < 1e-3,
        "{score}"
    );
    // What to learn on the first step.
    let gap: Vec<_> = first["steps"][0]["skillGap"]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"]["slug"].as_str().unwrap())
        .collect();
    // The document ranks none of its key areas (fact audit C06), so only membership is
    // asserted, not an order among them.
    for key_area in ["strategic-planning", "governance", "risk-management"] {
        assert!(gap.contains(&key_area), "{key_area} missing from {gap:?}");
    }
    assert!(set["mermaid"].as_str().unwrap().starts_with("flowchart LR"));
    assert_eq!(set["mermaid"].as_str().unwrap().matches("-->").count(), 6);
    assert!(
        set["dot"]
            .as_str()
            .unwrap()
            .contains("label=\"Senior IT Manager\"")
    );
}

async fn every_objective_ranks_routes_by_non_decreasing_cost(app: TestApp) {
    for objective in [
        "FEWEST_STEPS",
        "FEWEST_YEARS",
        "HIGHEST_SALARY_GAIN",
        "MOST_LIKELY",
        "BALANCED",
    ] {
        let set = routes(&app, json!({ "from": "systems-administrator", "to": "chief-information-officer", "first": 20, "optimize": objective })).await;
        let costs: Vec<f64> = set["routes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["score"]["cost"].as_f64().unwrap())
            .collect();
        // Via IT Manager and Senior IT Manager, then directly, via VP of IT or via IT Director.
        assert!(costs.len() >= 3, "{objective}: {costs:?}");
        assert!(
            costs.windows(2).all(|w| w[0] <= w[1] + 1e-9),
            "{objective}: {costs:?}"
        );
        assert!(
            set["routes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["score"]["objective"] == objective)
        );
    }
    let steps = routes(&app, json!({ "from": "systems-administrator", "to": "chief-information-officer", "optimize": "FEWEST_STEPS", "first": 1 })).await;
    assert_eq!(steps["routes"][0]["totals"]["steps"], 3);
}

async fn via_avoid_and_max_steps_are_exact(app: TestApp) {
    let base =
        json!({ "from": "information-technology-manager", "to": "chief-information-officer" });
    let mut via = base.clone();
    via["via"] = json!(["vp-of-it"]);
    let set = routes(&app, via).await;
    assert_eq!(
        paths(&set),
        [[
            "information-technology-manager",
            "senior-it-manager",
            "vp-of-it",
            "chief-information-officer"
        ]]
    );
    let mut avoid = base.clone();
    avoid["avoid"] = json!(["vp-of-it", "it-director"]);
    assert_eq!(paths(&routes(&app, avoid).await).len(), 1);
    let mut blocked = base.clone();
    blocked["avoid"] = json!(["senior-it-manager"]);
    assert_eq!(routes(&app, blocked).await["routes"], json!([]));
    let mut short = base.clone();
    short["maxSteps"] = json!(2);
    assert_eq!(paths(&routes(&app, short).await).len(), 1);
    let mut one = base.clone();
    one["maxSteps"] = json!(1);
    assert_eq!(routes(&app, one).await["routes"], json!([]));
}

async fn edge_cases_give_empty_lists_or_clear_errors(app: TestApp) {
    // A role to itself: one route of no moves.
    let same = routes(&app, json!({ "from": "vp-of-it", "to": "vp-of-it" })).await;
    assert_eq!(paths(&same), [["vp-of-it"]]);
    assert_eq!(same["routes"][0]["totals"]["steps"], 0);
    // Unreachable (nothing leads down from the C-level): empty, not an error.
    let none = routes(
        &app,
        json!({ "from": "chief-information-officer", "to": "it-engineer" }),
    )
    .await;
    assert_eq!(none["routes"], json!([]));
    assert_eq!(none["complete"], true);
    for (vars, field) in [
        (
            json!({ "from": "vp-of-it", "to": "chief-information-officer", "first": 0 }),
            "first",
        ),
        (
            json!({ "from": "vp-of-it", "to": "chief-information-officer", "first": 21 }),
            "first",
        ),
        (
            json!({ "from": "vp-of-it", "to": "chief-information-officer", "maxSteps": 0 }),
            "maxSteps",
        ),
        (
            json!({ "from": "vp-of-it", "to": "chief-information-officer", "maxSteps": 11 }),
            "maxSteps",
        ),
    ] {
        let error = app.error(ROUTES, vars).await;
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
        assert_eq!(error["extensions"]["field"], field);
    }
    for vars in [
        json!({ "from": "astronaut", "to": "chief-information-officer" }),
        json!({ "from": "vp-of-it", "to": "chief-information-officer", "via": ["astronaut"] }),
    ] {
        let error = app.error(ROUTES, vars).await;
        assert_eq!(error["extensions"]["code"], "NOT_FOUND", "{error}");
        assert!(error["message"].as_str().unwrap().contains("astronaut"));
    }
}

async fn new_moves_and_cycles_are_picked_up_without_hanging(app: TestApp) {
    let before = app.data("{ dataVersion }", json!({})).await["dataVersion"]
        .as_i64()
        .unwrap();
    // The first query builds the snapshot at the current version.
    assert_eq!(
        routes(
            &app,
            json!({ "from": "it-engineer", "to": "chief-information-officer" })
        )
        .await["routes"],
        json!([])
    );
    let dataset = seed::Dataset::from_json(
        "cycle.json",
        r#"{ "sources": [{ "key": "cycle-test", "title": "Test moves", "kind": "derived" }],
             "facts": [{ "source": "cycle-test", "moves": [
               { "from": "it-infrastructure-manager", "to": "senior-it-manager", "kind": "promotion" },
               { "from": "senior-it-manager", "to": "it-infrastructure-manager", "kind": "lateral" },
               { "from": "chief-information-officer", "to": "vp-of-it", "kind": "lateral" } ] }] }"#,
    )
    .unwrap();
    let mut full = seed::Dataset::curated().unwrap();
    full.sources.extend(dataset.sources);
    full.facts.extend(dataset.facts);
    let after = app.load_beside(&full).await;
    assert_eq!(after, before + 1);
    let set = routes(
        &app,
        json!({ "from": "it-engineer", "to": "chief-information-officer", "first": 20 }),
    )
    .await;
    assert_eq!(set["dataVersion"], after);
    let paths = paths(&set);
    assert!(!paths.is_empty());
    assert_eq!(
        paths[0],
        [
            "it-engineer",
            "it-infrastructure-manager",
            "senior-it-manager",
            "chief-information-officer"
        ]
    );
    for p in &paths {
        let mut unique = p.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), p.len(), "loop in {p:?}");
    }
}

async fn next_steps_and_feeder_roles_report_distances(app: TestApp) {
    let q = r#"query($role: String!, $depth: Int) {
        nextSteps(role: $role, depth: $depth) { role { slug } distance }
        feederRoles(role: $role, depth: $depth) { role { slug } distance } }"#;
    let data = app
        .data(q, json!({ "role": "senior-it-manager", "depth": 1 }))
        .await;
    let next: Vec<_> = data["nextSteps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"]["slug"].as_str().unwrap())
        .collect();
    // Related roles are not next steps.
    assert_eq!(next.len(), 6, "{next:?}");
    assert!(!next.contains(&"senior-it-auditor"));
    assert!(
        data["nextSteps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["distance"] == 1)
    );
    let feeders: Vec<_> = data["feederRoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"]["slug"].as_str().unwrap())
        .collect();
    // IT Manager, business analyst, program manager (no document names a Technical Lead step).
    assert_eq!(feeders.len(), 3, "{feeders:?}");
    let data = app
        .data(q, json!({ "role": "senior-it-manager", "depth": 2 }))
        .await;
    let two: Vec<_> = data["feederRoles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["distance"] == 2)
        .map(|r| r["role"]["slug"].as_str().unwrap())
        .collect();
    for background in [
        "systems-administrator",
        "software-developer",
        "network-engineer",
        "it-project-manager",
    ] {
        assert!(
            two.contains(&background),
            "{background} missing from {two:?}"
        );
    }
    let error = app
        .error(q, json!({ "role": "senior-it-manager", "depth": 0 }))
        .await;
    assert_eq!(error["extensions"]["field"], "depth");
}

async fn skill_gap_lists_missing_and_weaker_skills_by_importance(app: TestApp) {
    let q = r#"query($from: String!, $to: String!) { skillGap(from: $from, to: $to) {
        from { slug } to { slug }
        skills { skill { slug } reason target { sharePct } current { sharePct } }
        certifications { certification { slug } relevance } } }"#;
    let data = app
        .data(q, json!({ "from": "information-technology-technical-lead", "to": "information-technology-systems-manager" }))
        .await;
    let gap = &data["skillGap"];
    let skills: Vec<_> = gap["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        skills,
        [
            "customer-service",
            "network-infrastructure",
            "san",
            "sql-server",
            "windows-server"
        ]
    );
    assert_eq!(gap["skills"][0]["reason"], "LOWER_WEIGHT");
    assert_eq!(gap["skills"][0]["current"]["sharePct"], 5.0);
    assert_eq!(gap["skills"][0]["target"]["sharePct"], 8.0);
    assert_eq!(gap["skills"][1]["reason"], "MISSING");
    assert_eq!(gap["skills"][1]["current"], Value::Null);
    let data = app
        .data(
            q,
            json!({ "from": "information-technology-manager", "to": "senior-it-manager" }),
        )
        .await;
    let certs = data["skillGap"]["certifications"].as_array().unwrap();
    assert_eq!(certs.len(), 12);
    assert_eq!(certs[0]["relevance"], "READINESS");
    assert_eq!(certs.last().unwrap()["relevance"], "ADVANTAGEOUS");
    let none = app
        .data(
            q,
            json!({ "from": "senior-it-manager", "to": "senior-it-manager" }),
        )
        .await;
    assert_eq!(none["skillGap"]["skills"], json!([]));
}

async fn compare_roles_gives_typed_differences(app: TestApp) {
    let q = r#"query($a: String!, $b: String!) { compareRoles(a: $a, b: $b) {
        a { title } b { title }
        averageSalary { a b difference percent } hourlyRate { a b difference }
        salaryRangeLow { a b } jobs { a b difference } jobSatisfaction { a b difference }
        averageAge { difference } yearsToBecome { a b }
        sharedSkills { skill { slug } a { sharePct } b { sharePct } }
        skillsOnlyInA { skill { slug } } skillsOnlyInB { skill { slug } }
        documentedBy { key } } }"#;
    let data = app
        .data(
            q,
            json!({ "a": "senior-manager-infrastructure", "b": "information-technology-manager" }),
        )
        .await;
    let c = &data["compareRoles"];
    assert_eq!(
        c["averageSalary"],
        json!({ "a": 135642.0, "b": 119589.0, "difference": -16053.0, "percent": -11.8 })
    );
    assert_eq!(c["jobs"]["difference"], 37048.0);
    assert_eq!(
        c["jobSatisfaction"],
        json!({ "a": null, "b": 5.0, "difference": null })
    );
    assert_eq!(c["averageAge"]["difference"], 0.0);
    assert_eq!(
        c["documentedBy"],
        json!([{ "key": "000_b80cc34c2de5a287.txt" }])
    );
    assert_eq!(c["sharedSkills"], json!([]));
    let data = app.data(q, json!({ "a": "information-technology-technical-lead", "b": "information-technology-systems-manager" })).await;
    let c = &data["compareRoles"];
    let shared: Vec<_> = c["sharedSkills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"]["slug"].as_str().unwrap())
        .collect();
    // Both at 8% somewhere; ties go to the better source rank.
    assert_eq!(
        shared,
        [
            "customer-service",
            "project-management",
            "programming-languages"
        ]
    );
    assert_eq!(c["sharedSkills"][0]["a"]["sharePct"], 5.0);
    assert_eq!(c["sharedSkills"][0]["b"]["sharePct"], 8.0);
    let only_a: Vec<_> = c["skillsOnlyInA"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(only_a, ["architecture", "governance", "java", "nist"]);
    assert_eq!(c["yearsToBecome"], json!({ "a": 4.0, "b": 6.0 }));
    assert_eq!(
        c["documentedBy"],
        json!([{ "key": "002_0e9ecb0f078a81e9.txt" }])
    );
}

/// The same questions give byte-identical answers on SQLite and PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_identical_on_sqlite_and_postgresql() {
    let Some(pg) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let sqlite = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let questions = [
        (
            ROUTES,
            json!({ "from": "systems-administrator", "to": "chief-information-officer", "first": 20 }),
        ),
        (
            ROUTES,
            json!({ "from": "business-analyst", "to": "vp-of-it", "optimize": "MOST_LIKELY" }),
        ),
        (
            "{ compareRoles(a: \"senior-it-manager\", b: \"it-infrastructure-manager\") { sharedSkills { skill { slug } } averageSalary { a b } } }",
            json!({}),
        ),
        (
            "{ skillGap(from: \"it-engineer\", to: \"senior-it-manager\") { skills { skill { slug } reason } certifications { certification { slug } } } }",
            json!({}),
        ),
        (
            "{ roles(first: 100, orderBy: { field: SALARY, direction: DESC }) { edges { cursor node { slug } } } }",
            json!({}),
        ),
    ];
    for (query, vars) in questions {
        assert_eq!(
            sqlite.post(query, vars.clone()).await,
            pg.post(query, vars).await,
            "{query}"
        );
    }
}
