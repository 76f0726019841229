//! Reads answer from the in-memory read model: no request of the read API runs SQL, whatever
//! its shape, as the statement counter exported on `/metrics` shows.

use integration_tests::{TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(read_requests_run_no_sql);

/// The `career_db_statements` value on `/metrics`.
async fn statements(app: &TestApp) -> u64 {
    let (status, text) = app.get("/metrics").await;
    assert_eq!(status, 200);
    text.lines()
        .find_map(|l| l.strip_prefix("career_db_statements "))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(|v| v as u64)
        .unwrap_or_else(|| panic!("no career_db_statements on /metrics:\n{text}"))
}

/// A role page, a 50-role list with nested skills, routes with skill gaps, search, compare,
/// reachability, the catalog, node lookups and pay by area.
const READS: [&str; 10] = [
    r#"{ role(slug: "senior-it-manager") { title summary pay { headlineSalary sources { key } }
         skills { importance level sharePct skill { name roles { role { slug } } } source { key } }
         nextMoves { kind to { title } salaryChange { amount } } previousMoves { from { slug } }
         certifications { certification { name } relevance } education { requirements { level } }
         demographics { gender { group sharePct } } comparedWith { slug } sources { key } } }"#,
    r#"{ roles(first: 50, orderBy: { field: SALARY, direction: DESC }) { totalCount
         edges { node { slug skills(first: 10) { skill { name } importance } pay { averageSalary } } } } }"#,
    r#"{ careerRoutes(from: "information-technology-manager", to: "chief-information-officer", first: 3) {
         dataVersion routes { roles { slug } steps { move { kind source { key } }
         skillGap { skills { skill { name } } certifications { certification { name } } } } } } }"#,
    r#"{ search(query: "sofware develper") { kind matchedText role { slug } skill { slug } } }"#,
    r#"{ compareRoles(a: "information-technology-manager", b: "senior-it-manager") { headlineSalary { a b }
         sharedSkills { skill { name } } documentedBy { key } } }"#,
    r#"{ nextSteps(role: "information-technology-manager", depth: 2) { role { slug } distance }
         feederRoles(role: "chief-information-officer") { role { slug } } }"#,
    r#"{ skills(first: 20, search: "man") { totalCount nodes { slug roles { role { slug } } } }
         certifications(first: 5) { nodes { acronym roles { role { slug } } } } }"#,
    r#"{ sources { key } attributions { key } source(key: "onet-29.3") { key } dataVersion }"#,
    r#"{ node(id: "Um9sZTpjaGllZi1pbmZvcm1hdGlvbi1vZmZpY2Vy") { id ... on Role { title } } }"#,
    r#"{ areas(search: "ca") { code } role(slug: "senior-it-manager") { wages { employment }
         wagesByArea { annual { median } } } }"#,
];

async fn read_requests_run_no_sql(app: TestApp) {
    // The area wages are read once per area version, in the background after the model is
    // installed (or by the first place question, which waits for it): wait for that read first.
    app.data("{ areas(first: 1) { code } }", json!({})).await;
    let before = statements(&app).await;
    for query in READS {
        let body = app.post(query, json!({})).await;
        // `source(key:)` of an unimported dataset is NOT_FOUND, which is a read too.
        let unexpected: Vec<_> = body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["extensions"]["code"] != "NOT_FOUND")
            .collect();
        assert!(unexpected.is_empty(), "{query}: {body:#}");
        assert!(body["data"].is_object(), "{query}: {body:#}");
    }
    let after = statements(&app).await;
    assert_eq!(
        after,
        before,
        "read requests ran {} statements",
        after - before
    );
    // A write does run SQL, and is seen by the counter.
    let admin = TestApp::spawn_with_tokens(app.backend).await;
    if let Some(admin) = admin {
        let before = statements(&admin).await;
        admin
            .admin_data(
                r#"mutation { createSkill(input: { slug: "counted", name: "Counted", category: "technical" }) { slug } }"#,
                json!({}),
            )
            .await;
        assert!(statements(&admin).await > before);
    }
}
