//! Nested lists load through DataLoaders: the statement count does not grow with the
//! number of parents.
use std::sync::atomic::Ordering;

use integration_tests::{TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(nested_skills_of_fifty_roles_take_a_fixed_number_of_statements);

/// 30 extra roles (55 in all), each needing 3 skills.
fn extra_dataset() -> seed::Dataset {
    let roles: Vec<_> = (0..30)
        .map(|i| json!({ "slug": format!("generated-role-{i}"), "title": format!("Generated Role {i:02}"), "track": "generated" }))
        .collect();
    let links: Vec<_> = (0..30)
        .flat_map(|i| {
            ["java", "cloud", "sql-server"].map(
                |s| json!({ "role": format!("generated-role-{i}"), "skill": s, "share_pct": 5.0 }),
            )
        })
        .collect();
    let mut dataset = seed::Dataset::curated().unwrap();
    let extra = seed::Dataset::from_json(
        "generated.json",
        &json!({
            "sources": [{ "key": "generated", "title": "Generated", "kind": "derived" }],
            "roles": roles,
            "facts": [{ "source": "generated", "role_skills": links }],
        })
        .to_string(),
    )
    .unwrap();
    dataset.sources.extend(extra.sources);
    dataset.roles.extend(extra.roles);
    dataset.facts.extend(extra.facts);
    dataset
}

const QUERY: &str = r#"query($first: Int!) { roles(first: $first) { totalCount edges { node {
    slug skills { sharePct skill { name } source { key } } pay { averageSalary } } } } }"#;

async fn nested_skills_of_fifty_roles_take_a_fixed_number_of_statements(app: TestApp) {
    let db = app.database.connect().await;
    seed::load(&db, &extra_dataset(), seed::LoadOptions::default())
        .await
        .unwrap();

    // The fewest statements of three runs: a DataLoader batch can split in two when the machine
    // is loaded (its 1 ms window passes), which is timing, not N+1; N+1 shows in every run.
    let count = |first: i64| {
        let app = &app;
        async move {
            let mut fewest = (u64::MAX, 0);
            for _ in 0..3 {
                let before = app.statements.load(Ordering::SeqCst);
                let data = app.data(QUERY, json!({ "first": first })).await;
                let after = app.statements.load(Ordering::SeqCst);
                let edges = data["roles"]["edges"].as_array().unwrap().len();
                fewest = fewest.min((after - before, edges));
            }
            fewest
        }
    };
    let (fifty, edges) = count(50).await;
    assert_eq!(edges, 50);
    let (five, _) = count(5).await;
    // count + page + skills of roles + skills + sources + profiles: one statement each.
    assert!(fifty <= 6, "50 roles took {fifty} statements");
    assert_eq!(fifty, five, "statements grew with the number of roles");
}
